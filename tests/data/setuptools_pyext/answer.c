#include <Python.h>

PyMODINIT_FUNC PyInit_answer(void) { return PyLong_FromLong(42); }
