/* ec-buildext: stdarg.h, for reading prototypes with libclang only (the PyPI libclang
   ships no headers): on x64 Windows a va_list is a char pointer. */
#ifndef EC_BUILDEXT_STDARG_H
#define EC_BUILDEXT_STDARG_H
typedef char *va_list;
#endif
