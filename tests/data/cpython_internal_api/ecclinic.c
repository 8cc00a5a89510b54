/* A module calling what only CPython's internal headers declare, as Argument Clinic's
   generated code in projects does (backports.zstd: _PyArg_CheckPositional,
   _PyArg_UnpackKeywords, _PyArg_BadArgument, _PyNumber_Index).  CPython 3.13's
   headers: these functions moved to internal/ there. */
#define PY_SSIZE_T_CLEAN
#define Py_BUILD_CORE_MODULE 1 /* as CPython's own extension modules: internal headers */
#include <Python.h>
#include "internal/pycore_abstract.h"   /* _PyNumber_Index */
#include "internal/pycore_modsupport.h" /* _PyArg_* */

/* scale(value, /, factor=2): value * factor, both integers through __index__. */
static PyObject *scale(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                       PyObject *kwnames) {
    static const char *const keywords[] = {"", "factor", NULL};
    static struct _PyArg_Parser parser = {.keywords = keywords, .fname = "scale"};
    PyObject *buf[2];
    PyObject *const *got;
    PyObject *value, *factor, *product;
    (void)module;
    /* The function itself, not the macro's fast path: the import is what is tested. */
    got = (_PyArg_UnpackKeywords)(args, nargs, NULL, kwnames, &parser, 1, 2, 0, buf);
    if (got == NULL) return NULL;
    value = _PyNumber_Index(got[0]);
    if (value == NULL) return NULL;
    factor = (nargs + (kwnames ? PyTuple_GET_SIZE(kwnames) : 0) > 1 && got[1] != NULL)
                 ? _PyNumber_Index(got[1])
                 : PyLong_FromLong(2);
    if (factor == NULL) {
        Py_DECREF(value);
        return NULL;
    }
    product = PyNumber_Multiply(value, factor);
    Py_DECREF(value);
    Py_DECREF(factor);
    return product;
}

/* count(*args): how many arguments, 1 or 2 of them. */
static PyObject *count(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    (void)module;
    (void)args;
    if (!(_PyArg_CheckPositional)("count", nargs, 1, 2)) return NULL;
    return PyLong_FromSsize_t(nargs);
}

/* shout(text): text upper-cased; anything but a str is refused as clinic does. */
static PyObject *shout(PyObject *module, PyObject *text) {
    (void)module;
    if (!PyUnicode_Check(text)) {
        _PyArg_BadArgument("shout", "argument", "str", text);
        return NULL;
    }
    return PyObject_CallMethod(text, "upper", NULL);
}

static PyMethodDef methods[] = {
    {"scale", (PyCFunction)(void (*)(void))scale, METH_FASTCALL | METH_KEYWORDS, NULL},
    {"count", (PyCFunction)(void (*)(void))count, METH_FASTCALL, NULL},
    {"shout", shout, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "ecclinic", NULL, 0, methods};

PyMODINIT_FUNC PyInit_ecclinic(void) { return PyModule_Create(&module); }
