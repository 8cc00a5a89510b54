/* ec-buildext: see x86intrin.h. */
#include <x86intrin.h>
