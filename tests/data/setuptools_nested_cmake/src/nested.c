#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "bundled.h"

static PyObject *answer(PyObject *self, PyObject *arg) {
    long x = PyLong_AsLong(arg);
    if (x == -1 && PyErr_Occurred())
        return NULL;
    return PyLong_FromLong(bundled_answer((int)x));
}

static PyObject *configured(PyObject *self, PyObject *unused) {
    return PyUnicode_FromString(bundled_system());
}

static PyMethodDef methods[] = {
    {"answer", answer, METH_O, "2x + 2, computed by the bundled library."},
    {"configured", configured, METH_NOARGS, "What the bundled library's configure found."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "nested", NULL, -1, methods};

PyMODINIT_FUNC PyInit_nested(void) { return PyModule_Create(&module); }
