/*
 * pctserver.c - the server of the protected-control-transfer test: it
 * names its entry point, then hands the processor to the client (whose
 * id the kernel gives it in a0), passing its own id. From then on it
 * runs only when called.
 */
#include <aegis/sys.h>

void server_entry(void);

int main(unsigned client)
{
	sys_set_entry(server_entry, server_entry);
	unsigned self = (unsigned)sys_getenvid();
	/* No calls from here on: they would clobber the register variables. */
	register unsigned v0 __asm__("$2") = SYS_pct_sync;
	register unsigned v1 __asm__("$3") = client;
	register unsigned a0 __asm__("$4") = self;
	__asm__ __volatile__("syscall" : "+r"(v0) : "r"(v1), "r"(a0) : "memory");
	return 1;	/* only if the transfer failed */
}
