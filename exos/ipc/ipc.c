/*
 * ipc.c - what every ExOS IPC needs: pages shared by capability, a child
 * running this same program, waiting for it, and the cycle counter the
 * benchmarks read.
 */
#include "ipc.h"

/* ExOS's VM (exos/lib/vm.c), if linked: it must know of every mapping
   so that its TLB-miss handler can refill it. */
int vm_map(uint32_t va, uint32_t ppn, uint32_t cap, int prot) __attribute__((weak));

/* Kept by ExOS's start-up (exos/lib/start.c) from the registers Aegis
   starts a program with. */
extern uint32_t exos_arg0, exos_arg1;

void ipc_startup_args(unsigned *a0, unsigned *a1)
{
	*a0 = exos_arg0;
	*a1 = exos_arg1;
}

static uint32_t next_va;

static uint32_t take_va(void)
{
	if (!next_va)
		next_va = IPC_VA_BASE + AEGIS_ENV_SLOT(ipc_getenvid()) * IPC_VA_PER_ENV;
	uint32_t va = next_va;
	next_va += IPC_PAGE;
	return va;
}

int ipc_bind(uint32_t va, uint32_t ppn, uint32_t cap, int write)
{
	if (vm_map)
		return vm_map(va, ppn, cap, write ? 3 : 1);	/* VM_READ|VM_WRITE */
	return ipc_sys4(SYS_tlbwr, va, ppn, cap, write ? TLBWR_WRITE : 0);
}

/* Capabilities only need to be unguessable by other processes; mix
   what differs between calls and environments. */
static uint32_t cap_state;
static uint32_t new_cap(void)
{
	if (!cap_state)
		cap_state = 0x9e3779b9u ^ (AEGIS_ENV_SLOT(ipc_getenvid()) << 16) ^ (uint32_t)(uintptr_t)&cap_state;
	if (ipc_counter_init())
		cap_state ^= (uint32_t)ipc_cycles();
	cap_state = cap_state * 1664525u + 1013904223u;
	return cap_state ^ (cap_state >> 13);
}

int ipc_share(struct ipc_page *pg)
{
	pg->rcap = new_cap();
	do
		pg->wcap = new_cap();
	while (pg->wcap == pg->rcap);
	int ppn = ipc_sys2(SYS_alloc, pg->rcap, pg->wcap);
	if (ppn < 0)
		return ppn;
	pg->ppn = (uint32_t)ppn;
	pg->va = take_va();
	int r = ipc_bind(pg->va, pg->ppn, pg->wcap, 1);
	if (r < 0) {
		ipc_sys1(SYS_dealloc, ppn);
		return r;
	}
	return 0;
}

uint32_t ipc_map(uint32_t ppn, uint32_t cap, int write)
{
	uint32_t va = take_va();
	if (ipc_bind(va, ppn, cap, write) < 0)
		return 0;
	return va;
}

int ipc_spawn_self(unsigned arg0, unsigned arg1)
{
	struct aegis_envinfo me;
	int r = ipc_sys2(SYS_envinfo, ipc_getenvid(), &me);
	if (r < 0)
		return r;
	unsigned n = 0;
	while (n < sizeof me.name && me.name[n])
		n++;
	return ipc_sys4(SYS_spawn, me.name, n, arg0, arg1);
}

int ipc_wait(int id)
{
	struct aegis_exit x;
	int r;
	while ((r = ipc_sys2(SYS_wait, id, &x)) == -AEGIS_EAGAIN)
		ipc_yield(id);
	if (r < 0)
		return r;
	return x.killed ? -1000 - x.killed : x.status;
}

int ipc_parent(void)
{
	struct aegis_envinfo me;
	if (ipc_sys2(SYS_envinfo, ipc_getenvid(), &me) < 0)
		return 0;
	return (int)me.parent;
}

/* pmaxsim's counter page, mapped by ExOS's start-up (exos_counter). */
extern volatile uint32_t *exos_counter;
uint64_t exos_cycles(void);
unsigned exos_mhz(void);

int ipc_counter_init(void)
{
	return exos_counter != 0;
}

uint64_t ipc_cycles(void)
{
	return exos_cycles();
}

unsigned ipc_mhz(void)
{
	return exos_mhz();
}

int ipc_is_child(void)
{
	struct aegis_envinfo me, pa;
	if (ipc_sys2(SYS_envinfo, ipc_getenvid(), &me) < 0 || !me.parent ||
	    ipc_sys2(SYS_envinfo, me.parent, &pa) < 0)
		return 0;
	for (unsigned i = 0; i < sizeof me.name; i++) {
		if (me.name[i] != pa.name[i])
			return 0;
		if (!me.name[i])
			break;
	}
	return 1;
}
