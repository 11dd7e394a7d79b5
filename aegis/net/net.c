/*
 * net/net.c - the network's system calls: packet filters owned by
 * environments (secure bindings), their receive rings, transmit, and
 * handlers (ASHs). (Being written: every call answers -AEGIS_ENOSYS.)
 */
#include "net.h"
#include "../env.h"
#include <aegis/net.h>
#include <aegis/syscall.h>

#pragma GCC diagnostic ignored "-Wunused-parameter"

int32_t sys_dpf_insert(uint32_t atoms_va, uint32_t n, uint32_t flags, uint32_t a3)
{
	return -AEGIS_ENOSYS;
}

int32_t sys_dpf_remove(uint32_t id, uint32_t a1, uint32_t a2, uint32_t a3)
{
	return -AEGIS_ENOSYS;
}

int32_t sys_net_ring(uint32_t ring_va, uint32_t nslots, uint32_t slot_size, uint32_t upcall_pc)
{
	return -AEGIS_ENOSYS;
}

int32_t sys_net_send(uint32_t frame_va, uint32_t len, uint32_t a2, uint32_t a3)
{
	return -AEGIS_ENOSYS;
}

int32_t sys_net_info(uint32_t out_va, uint32_t a1, uint32_t a2, uint32_t a3)
{
	return -AEGIS_ENOSYS;
}

int32_t sys_ash_download(uint32_t id, uint32_t desc_va, uint32_t a2, uint32_t a3)
{
	return -AEGIS_ENOSYS;
}

void net_env_end(struct env *e)
{
}

void net_input(const uint8_t *frame, unsigned len)
{
}

int net_send_kernel(const void *frame, unsigned len)
{
	return -AEGIS_ENOSYS;
}
