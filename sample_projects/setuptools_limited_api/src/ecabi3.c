/* A stable-ABI extension module: one binary for CPython 3.9 and later. */
#include <Python.h>

static PyObject *machine(PyObject *self, PyObject *args) {
    (void)self;
    (void)args;
#if defined(_M_ARM64EC)
    return PyUnicode_FromString("arm64ec");
#elif defined(_M_ARM64)
    return PyUnicode_FromString("arm64");
#else
    return PyUnicode_FromString("x64");
#endif
}

static PyObject *add(PyObject *self, PyObject *args) {
    long a, b;
    (void)self;
    if (!PyArg_ParseTuple(args, "ll", &a, &b)) return NULL;
    return PyLong_FromLong(a + b);
}

static PyMethodDef methods[] = {
    {"machine", machine, METH_NOARGS, "What this module was compiled for."},
    {"add", add, METH_VARARGS, "Add two integers."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "ecabi3", NULL, -1, methods};

PyMODINIT_FUNC PyInit_ecabi3(void) { return PyModule_Create(&module); }
