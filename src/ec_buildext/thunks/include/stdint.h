/* ec-buildext: the x64 Windows (LLP64) integer types, for reading prototypes with
   libclang only (the PyPI libclang ships no headers of its own). */
#ifndef EC_BUILDEXT_STDINT_H
#define EC_BUILDEXT_STDINT_H
typedef signed char int8_t;
typedef short int16_t;
typedef int int32_t;
typedef long long int64_t;
typedef unsigned char uint8_t;
typedef unsigned short uint16_t;
typedef unsigned int uint32_t;
typedef unsigned long long uint64_t;
typedef long long intptr_t;
typedef unsigned long long uintptr_t;
typedef long long intmax_t;
typedef unsigned long long uintmax_t;
#endif
