/* Header names in the Windows SDK's spelling (zstandard includes <Windows.h>);
 * mingw-w64 spells them all in lower case. */
#include <WinSock2.h>
#include <WS2tcpip.h>
#include <Windows.h>
#include <Psapi.h>
#include <ShlObj.h>

__declspec(dllexport) unsigned long caseheaders_pid(void) { return GetCurrentProcessId(); }
__declspec(dllexport) unsigned short caseheaders_port(unsigned short p) { return htons(p); }

/* Types and constants from each of the other headers. */
__declspec(dllexport) const unsigned caseheaders_sizes[] = {
    sizeof(struct sockaddr_in6), sizeof(PROCESS_MEMORY_COUNTERS), CSIDL_APPDATA};

void PyInit_caseheaders(void) {}
