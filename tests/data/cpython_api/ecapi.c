/* A module on the full (non-limited) C API: lists, dicts, argument parsing, data
   imports (type objects, exception classes) and a module-level exception. */
#define PY_SSIZE_T_CLEAN /* as almost every module: before 3.13 it maps PyArg_* to _SizeT */
#include <Python.h>

static PyObject *EcapiError; /* ecapi.Error, a ValueError */

/* {word: count} of a list of str. */
static PyObject *tally(PyObject *self, PyObject *args) {
    PyObject *words, *counts, *word, *old, *now;
    Py_ssize_t i;
    (void)self;
    if (!PyArg_ParseTuple(args, "O!", &PyList_Type, &words)) return NULL;
    counts = PyDict_New();
    if (counts == NULL) return NULL;
    for (i = 0; i < PyList_GET_SIZE(words); i++) {
        word = PyList_GET_ITEM(words, i);
        old = PyDict_GetItemWithError(counts, word);
        if (old == NULL && PyErr_Occurred()) goto fail;
        now = PyLong_FromLong(old == NULL ? 1 : PyLong_AsLong(old) + 1);
        if (now == NULL || PyDict_SetItem(counts, word, now) < 0) {
            Py_XDECREF(now);
            goto fail;
        }
        Py_DECREF(now);
    }
    return counts;
fail:
    Py_DECREF(counts);
    return NULL;
}

/* A list of n copies of text; ecapi.Error when n < 0. */
static PyObject *repeat(PyObject *self, PyObject *args) {
    const char *text;
    int n, i;
    PyObject *out, *item;
    (void)self;
    if (!PyArg_ParseTuple(args, "si", &text, &n)) return NULL;
    if (n < 0) {
        PyErr_SetString(EcapiError, "negative count");
        return NULL;
    }
    out = PyList_New(0);
    for (i = 0; out != NULL && i < n; i++) {
        item = PyUnicode_FromString(text);
        if (item == NULL || PyList_Append(out, item) < 0) Py_CLEAR(out);
        Py_XDECREF(item);
    }
    return out;
}

/* The C sizes this module was compiled with: the target's, not the build machine's. */
static PyObject *sizes(PyObject *self, PyObject *args) {
    (void)self;
    (void)args;
    return Py_BuildValue("(iiii)", (int)sizeof(long), (int)sizeof(wchar_t),
                         (int)sizeof(Py_ssize_t), (int)sizeof(void *));
}

static PyMethodDef methods[] = {
    {"tally", tally, METH_VARARGS, "Count the words of a list."},
    {"repeat", repeat, METH_VARARGS, "n copies of a string."},
    {"sizes", sizes, METH_NOARGS, "sizeof long, wchar_t, Py_ssize_t, void *."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "ecapi", NULL, -1, methods};

PyMODINIT_FUNC PyInit_ecapi(void) {
    PyObject *m = PyModule_Create(&module);
    if (m == NULL) return NULL;
    EcapiError = PyErr_NewException("ecapi.Error", PyExc_ValueError, NULL);
    if (EcapiError == NULL || PyModule_AddObject(m, "Error", EcapiError) < 0) {
        Py_XDECREF(EcapiError);
        Py_DECREF(m);
        return NULL;
    }
    Py_INCREF(EcapiError);
    return m;
}
