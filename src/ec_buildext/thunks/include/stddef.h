/* ec-buildext: x64 Windows stddef.h types, for reading prototypes with libclang only. */
#ifndef EC_BUILDEXT_STDDEF_H
#define EC_BUILDEXT_STDDEF_H
typedef unsigned long long size_t;
typedef long long ptrdiff_t;
typedef unsigned short wchar_t;
#define NULL ((void *)0)
#endif
