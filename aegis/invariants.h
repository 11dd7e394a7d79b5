/*
 * invariants.h - the debug kernel's invariant checker (invariants.c).
 * Built only with -DAEGIS_DEBUG_INVARIANTS (build/aegis/aegis-debug.elf,
 * aegis/debug.mk): the release kernel links none of it. inv_check runs
 * on the way out of every system call of the with-stack path
 * (sysentry.S), every exception the kernel's C code handled (trap.c) and
 * every resumption of an environment (sched.c's env_resume); a
 * violation halts the machine with "panic: invariant NAME: object: why".
 * The invariants themselves are written down at each object's definition
 * (env.h, mem.h, tlb.h, sched.c, net/net.c, disk/table.h) and listed,
 * numbered, at the top of invariants.c.
 */
#ifndef AEGIS_INVARIANTS_H
#define AEGIS_INVARIANTS_H

#include <stdint.h>

/* Check everything; where: the hook that called (for the message). */
void inv_check(const char *where);
/* From sysentry.S, after a with-stack system call's C function (its
   number in inv_sysnum, its result). */
extern uint32_t inv_sysnum;
void inv_after_syscall(int32_t result);

/* The objects' private state, as each file lends it (debug only). */
struct mem_view {
	uint32_t npages;
	uint32_t *nfree;
	uint16_t *owner;
	uint8_t *capable;
	uint32_t *holders;
	uint32_t *nheld;
	uint8_t *pinned;
	uint8_t *marked;
};
void mem_inv_view(struct mem_view *v);
uint8_t *sched_inv_slices(void);
int net_inv_filter(int id, unsigned *slot, unsigned poison);
struct disk_table;
struct disk_table *disk_inv_table(unsigned n, uint32_t *nblocks);

#endif
