#include <Python.h>

static PyObject *twice(PyObject *self, PyObject *arg) {
    long x = PyLong_AsLong(arg);
    if (x == -1 && PyErr_Occurred())
        return NULL;
    return PyLong_FromLong(2 * x);
}

static PyMethodDef methods[] = {{"twice", twice, METH_O, NULL}, {NULL, NULL, 0, NULL}};
static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_native", "built by pdm-backend's setuptools step", -1, methods
};
PyMODINIT_FUNC PyInit__native(void) { return PyModule_Create(&module); }
