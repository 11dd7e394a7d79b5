/*
 * net/net.h - the network's system calls (net.c) and the kernel's hooks
 * into it: the with-stack table in syscall.c calls the sys_* below, env.c
 * tells it when an environment ends.
 */
#ifndef AEGIS_NET_NET_H
#define AEGIS_NET_NET_H

#include <stdint.h>

struct env;
struct trapframe;

int32_t sys_dpf_insert(uint32_t atoms_va, uint32_t n, uint32_t flags, uint32_t a3);
int32_t sys_dpf_remove(uint32_t id, uint32_t a1, uint32_t a2, uint32_t a3);
int32_t sys_net_ring(uint32_t ring_va, uint32_t nslots, uint32_t slot_size, uint32_t upcall_pc);
int32_t sys_net_send(uint32_t frame_va, uint32_t len, uint32_t a2, uint32_t a3);
int32_t sys_net_info(uint32_t out_va, uint32_t a1, uint32_t a2, uint32_t a3);
int32_t sys_ash_download(uint32_t id, uint32_t desc_va, uint32_t a2, uint32_t a3);

/* The driver's side (lance.c calls net_input for each good frame it
   receives, from its interrupt handler, with interrupts off): frame is a
   linear copy in kernel memory at a page's start + 2 (so byte 14, an IP
   header, is word-aligned), len bytes without the FCS. */
void net_input(const uint8_t *frame, unsigned len);
/* Send a frame from kernel memory (the ASH send call, after its checks):
   0, or -AEGIS_EAGAIN (transmit ring full), -AEGIS_ENOSYS (no Ethernet),
   -AEGIS_EINVAL (a length outside AEGIS_NET_MIN_FRAME..MTU). */
int net_send_kernel(const void *frame, unsigned len);

/* A net upcall (SYS_net_ring with a pc) is due: frames arrived, it is
   armed; env_update_fast keeps the fast paths off while one is. */
int net_upcall_due(const struct env *e);
/* Make it, if due, on e's way back to user mode (tf its registers). */
void net_deliver(struct env *e, struct trapframe *tf);

/* e has ended: its filters, handlers and ring are gone. */
void net_env_end(struct env *e);

#endif
