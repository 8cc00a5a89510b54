/* ec-buildext: stdbool.h, for reading prototypes with libclang only. */
#ifndef EC_BUILDEXT_STDBOOL_H
#define EC_BUILDEXT_STDBOOL_H
#define bool _Bool
#define true 1
#define false 0
#endif
