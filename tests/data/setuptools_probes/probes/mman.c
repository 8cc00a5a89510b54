/* POSIX memory mapping: the build machine (Linux) has it, Windows does not. */
#include <sys/mman.h>
int main(void) { return mmap(0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == 0; }
