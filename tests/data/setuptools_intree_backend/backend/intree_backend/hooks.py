"""An in-tree PEP 517 backend that generates its C source (as projects run Cython)
before setuptools builds; without this step setup.py finds no extension."""

from pathlib import Path

from setuptools import build_meta as _setuptools
from setuptools.build_meta import *  # noqa: F403  (every other hook is setuptools')

SQUARES = ", ".join(str(i * i) for i in range(10))

SOURCE = f"""#include <Python.h>

static const long squares[10] = {{{SQUARES}}};

static PyObject *square(PyObject *self, PyObject *arg) {{
    long i = PyLong_AsLong(arg);
    if (i < 0 || i > 9) {{
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ValueError, "0..9");
        return NULL;
    }}
    return PyLong_FromLong(squares[i]);
}}

static PyMethodDef methods[] = {{{{"square", square, METH_O, NULL}}, {{NULL, NULL, 0, NULL}}}};
static struct PyModuleDef module = {{
    PyModuleDef_HEAD_INIT, "generated", "made by hooks.py", -1, methods
}};
PyMODINIT_FUNC PyInit_generated(void) {{ return PyModule_Create(&module); }}
"""


def _generate() -> None:
    Path("src").mkdir(exist_ok=True)
    Path("src/generated.c").write_text(SOURCE)


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    _generate()
    return _setuptools.build_wheel(wheel_directory, config_settings, metadata_directory)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    _generate()
    return _setuptools.build_editable(wheel_directory, config_settings, metadata_directory)
