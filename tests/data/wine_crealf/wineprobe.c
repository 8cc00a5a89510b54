#include <Python.h>

/* ucrtbase.dll's crealf, called through a pointer so that the compiler cannot fold it. */
float crealf(float _Complex z);
static float (*volatile real_part)(float _Complex) = crealf;

static PyObject *real(PyObject *self, PyObject *arg) {
    double x = PyFloat_AsDouble(arg);
    if (x == -1.0 && PyErr_Occurred()) return NULL;
    float _Complex z = (float)x;
    return PyFloat_FromDouble(real_part(z));
}

static PyMethodDef methods[] = {{"real", real, METH_O, NULL}, {NULL, NULL, 0, NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "wineprobe", NULL, -1, methods};
PyMODINIT_FUNC PyInit_wineprobe(void) { return PyModule_Create(&module); }
