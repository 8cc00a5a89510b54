/* The Windows source: what setup.py compiles when it sees Windows. */
#include <windows.h>
#include <Python.h>

static const char saw[] = "setup.py saw: " SETUP_PY_SAW "; build_ext saw: " BUILD_EXT_SAW;

static PyObject *seen(PyObject *self, PyObject *unused) {
    return Py_BuildValue("(sk)", saw, (unsigned long)GetCurrentProcessId());
}

static PyMethodDef methods[] = {{"seen", seen, METH_NOARGS, NULL}, {NULL, NULL, 0, NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_native", NULL, -1, methods};

PyMODINIT_FUNC PyInit__native(void) { return PyModule_Create(&module); }
