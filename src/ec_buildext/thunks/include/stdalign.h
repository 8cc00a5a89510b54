/* ec-buildext: stdalign.h, for reading prototypes with libclang only. */
#ifndef EC_BUILDEXT_STDALIGN_H
#define EC_BUILDEXT_STDALIGN_H
#define alignas _Alignas
#define alignof _Alignof
#define __alignas_is_defined 1
#define __alignof_is_defined 1
#endif
