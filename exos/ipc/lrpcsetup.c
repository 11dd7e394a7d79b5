/*
 * lrpcsetup.c - setting up both sides of an LRPC (lrpc.S has the calls).
 */
#include "ipc.h"

int lrpc_client_init(void)
{
	return ipc_sys2(SYS_set_entry, lrpc_reply, lrpc_client_wait);
}

int tlrpc_client_init(void)
{
	return ipc_sys2(SYS_set_entry, tlrpc_reply, lrpc_client_wait);
}

void lrpc_serve(void (*entry)(void), int home, volatile uint32_t *ready)
{
	lrpc_server_home = home;
	ipc_sys2(SYS_set_entry, entry, lrpc_server_idle);
	if (ready)
		*ready = 1;
	for (;;)
		ipc_yield(home);
}
