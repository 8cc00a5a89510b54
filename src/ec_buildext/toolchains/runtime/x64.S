// ec-buildext runtime support for CRT-less x64 links: the stack probe.  Assemble with
// clang --target=x86_64-*.

#include "x64_stack_probe.S"
