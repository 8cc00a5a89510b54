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

/* An access violation nothing handles, as a crashing extension module meets one. */
static int *volatile nowhere = NULL;

static PyObject *crash(PyObject *self, PyObject *unused) {
    *nowhere = 1;
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"real", real, METH_O, NULL}, {"crash", crash, METH_NOARGS, NULL}, {NULL, NULL, 0, NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "wineprobe", NULL, -1, methods};
PyMODINIT_FUNC PyInit_wineprobe(void) { return PyModule_Create(&module); }
