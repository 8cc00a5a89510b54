#include "bundled_config.h"
#include "bundled.h"

#if HAVE_SYS_SOCKET_H
#include <sys/socket.h>
#define BUNDLED_SOCKETS "sys/socket.h"
#elif HAVE_WINSOCK2_H
#include <winsock2.h>
#define BUNDLED_SOCKETS "winsock2.h"
#else
#define BUNDLED_SOCKETS "none"
#endif

int bundled_answer(int x) { return 2 * x + 2; }

const char *bundled_system(void) { return BUNDLED_SYSTEM " " BUNDLED_SOCKETS; }
