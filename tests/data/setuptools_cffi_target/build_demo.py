"""Declares its types by the platform it sees, as pycares' build script does."""

import select
import sys

from cffi import FFI

ffi = FFI()
if sys.platform == "win32":
    ffi.cdef("typedef short sa_family_t; int family_size(void);")
    code = "typedef short sa_family_t;"
else:
    ffi.cdef("typedef int... sa_family_t; int family_size(void);")
    code = "#include <sys/socket.h>"
# c-ares' event backends are chosen by what the select module has.
backend = "epoll" if hasattr(select, "epoll") else "poll" if hasattr(select, "poll") else "select"
ffi.set_source(
    "cffidemo._demo",
    code
    + f'\nconst char *build_script_saw = "build script saw: {sys.platform} {backend}";'
    + "\nint family_size(void) { return (int)sizeof(sa_family_t); }",
)
