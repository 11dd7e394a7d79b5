/*
 * revoke.c - visible revocation (SOSP'95 §5.7). A request is a dialogue:
 * the environment hears of it through its revocation upcall and frees
 * pages of its choosing with SYS_dealloc. The deadline turns it into an
 * abort: Aegis repossesses pages itself. Time is the machine's finest
 * counter where there is one (platform_time: pmaxsim's counter page, the
 * KN03's IOASIC counter), else the clock: the deadline is then the
 * second tick from now. It runs from when the
 * request reaches the environment's handler. Deadlines are checked
 * at every entry to the kernel from user mode, so at the latest at the
 * next clock tick.
 */
#include "revoke.h"
#include "kernel.h"
#include "mem.h"
#include "mips.h"
#include "trap.h"
#include "platform.h"
#include <aegis/exception.h>

static uint64_t now(void)
{
	return platform_time_mhz() ? platform_time() : clock_ticks;
}

static uint64_t deadline(void)
{
	uint64_t t = now();
	if (!platform_time_mhz())
		return t + 2;
	return t + (uint64_t)REVOKE_DEADLINE_US * platform_time_mhz();
}

/* Set when some environment may have pages asked of it (revoke_request
   is the only place revoke_asked grows); revoke_check, run at every entry
   from user mode (every interrupt), clears it when a scan finds none, so
   that the common case (nothing asked of anyone) costs a load instead of
   a walk over every slot: 250 cycles of each received frame's interrupt
   (issue 21, Table 11). The test is inline (revoke.h): as a call, gcc
   saved and restored nine registers around it, 26 instructions of each
   interrupt on both machines of Table 11's round trip. */
int revoke_maybe_asked;

int revoke_request(struct env *e, unsigned npages)
{
	uint32_t n;
	page_revocable(e->slot, &n);
	if (n == 0)
		return -1;
	if (npages > n)
		npages = n;
	/* With a handler, the deadline runs from when the request reaches
	   it (an environment cannot answer before it runs); without, from
	   now. */
	if (!e->revoke_asked)
		e->revoke_deadline = e->revoke_pc ? 0 : deadline();
	e->revoke_asked += npages;
	revoke_maybe_asked = 1;
	if (e->revoke_pc) {
		e->revoke_kind = REVOKE_REQUEST;
		e->revoke_count = e->revoke_asked;
		env_update_fast(e);
	}
	return 0;
}

void revoke_returned(struct env *e)
{
	if (e->revoke_asked)
		e->revoke_asked--;
}

/* Note a repossessed page in e's vector: word 0 counts the entries. */
static void record(struct env *e, uint32_t ppn)
{
	if (!e->repo_va || e->repo_n < 2)
		return;
	uint32_t count;
	if (copyin(e, &count, e->repo_va, 4) != 0)
		return;
	if (count + 1 < e->repo_n) {
		copyout(e, e->repo_va + 4 + 4 * count, &ppn, 4);
		count++;
		copyout(e, e->repo_va, &count, 4);
	}
}

void revoke_scan(void)
{
	uint64_t t = 0;
	int asked = 0;
	for (unsigned i = 1; i < MAX_ENVS; i++) {
		struct env *e = &envs[i];
		asked |= e->revoke_asked != 0;	/* whatever its state: it may run later */
		if (e->state != ENV_STATE_RUNNABLE || !e->revoke_asked)
			continue;
		if (!t)
			t = now();
		if (!e->revoke_deadline || t < e->revoke_deadline)
			continue;	/* not told yet, or still in time */
		/* The abort: take what was asked for, no more. */
		unsigned taken = 0;
		while (e->revoke_asked) {
			uint32_t ppn = page_revocable(e->slot, NULL);
			if (!ppn)
				break;
			page_repossess(ppn);
			record(e, ppn);
			e->revoke_asked--;
			taken++;
		}
		e->revoke_asked = 0;
		if (e->revoke_pc && taken) {
			e->revoke_kind = REVOKE_REPOSSESSED;
			e->revoke_count = taken;
		} else {
			e->revoke_kind = 0;
		}
		env_update_fast(e);
	}
	/* (An abort above leaves revoke_asked 0: the next scan clears the
	   flag.) */
	revoke_maybe_asked = asked;
}

void revoke_deliver(struct env *e, struct trapframe *tf)
{
	if (!e->revoke_kind)
		return;
	uint32_t kind = e->revoke_kind, n = e->revoke_count;
	e->revoke_kind = 0;
	env_update_fast(e);
	if (kind == REVOKE_REQUEST && e->revoke_asked)
		e->revoke_deadline = deadline();
	if (e->revoke_pc && e->isave)
		env_upcall(tf, e->isave + UPCALL_SAVE_REVOKE, e->revoke_pc, kind, n);
}

void revoke_forget(struct env *e)
{
	e->revoke_asked = 0;
	e->revoke_kind = 0;
}
