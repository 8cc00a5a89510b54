/* A Linux-only header: the compile fails for Windows, and setup.py falls back. */
#include <sys/prctl.h>
#include <Python.h>

static PyObject *twice(PyObject *self, PyObject *x) { return PyNumber_Add(x, x); }

static PyMethodDef methods[] = {{"twice", twice, METH_O, NULL}, {NULL, NULL, 0, NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_speedups", NULL, -1, methods};

PyMODINIT_FUNC PyInit__speedups(void) { return PyModule_Create(&module); }
