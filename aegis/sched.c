/*
 * sched.c - the time-slice vector (SOSP'95 §5.2). Each position is one
 * clock tick; environments own positions as they own pages, and the
 * clock walks the vector round-robin. A tick ends the running
 * environment's slice: with a slice-end upcall it is told and must yield
 * (saving what it needs itself) before the next tick, or each further
 * tick adds to its excess-time counter, costs it a later slice, and past
 * EXCESS_LIMIT ends it; without one, Aegis saves its registers and
 * resumes it later transparently. A synchronous PCT's callee runs in the
 * caller's slices until control comes back (the owner's `donate`).
 */
#include "sched.h"
#include "net/net.h"
#include "kernel.h"
#include "mips.h"
#include "platform.h"
#include "revoke.h"
#include "trap.h"
#include "invariants.h"
#include <aegis/exception.h>
#include <aegis/syscall.h>

/* Invariant [slice] (aegis/invariants.c): a position is free (0) or a
   live environment's, and each environment's nslices counts its own. */
static uint8_t slice_owner[NSLICES];	/* owner's slot; 0 = free */
static unsigned slice_pos;		/* the slice running now */
/* For each position, the next one owned (cyclically; itself if it is
   the only one), NSLICES if none is: next_slice hops from owner to
   owner instead of walking the free positions (a yield of the only
   runnable environment walked all 64, about 800 cycles: issue 21).
   Remade whenever an owner changes (slices_changed); at boot, before
   any, all 0: position 0 is never owned by a live slot, so next_slice
   only loops. */
static uint8_t next_owned[NSLICES];

static void slices_changed(void)
{
	unsigned first = NSLICES;
	for (unsigned p = 0; p < NSLICES; p++)
		if (slice_owner[p]) {
			first = p;
			break;
		}
	unsigned nxt = first;
	for (unsigned p = NSLICES; p-- > 0;) {
		next_owned[p] = (uint8_t)nxt;
		if (slice_owner[p])
			nxt = p;
	}
}

void trap_return(const struct trapframe *tf) __attribute__((noreturn));

int slice_alloc(struct env *e, int pos)
{
	if (pos < 0) {
		/* The free position farthest from the ones taken would
		   spread an environment's slices; the first free is enough
		   for round-robin fairness. */
		for (pos = 0; pos < NSLICES && slice_owner[pos]; pos++)
			;
		if (pos == NSLICES)
			return -AEGIS_EBUSY;
	}
	if (pos >= NSLICES)
		return -AEGIS_EINVAL;
	if (slice_owner[pos])
		return -AEGIS_EBUSY;
	slice_owner[pos] = (uint8_t)e->slot;
	e->nslices++;
	slices_changed();
	return pos;
}

int slice_any_free(void)
{
	for (int pos = 0; pos < NSLICES; pos++)
		if (!slice_owner[pos])
			return 1;
	return 0;
}

int slice_free(struct env *e, int pos)
{
	if (pos < 0 || pos >= NSLICES)
		return -AEGIS_EINVAL;
	if (slice_owner[pos] != e->slot)
		return -AEGIS_EPERM;
	slice_owner[pos] = 0;
	e->nslices--;
	slices_changed();
	return 0;
}

void sched_forget(struct env *e)
{
	for (unsigned i = 0; i < NSLICES; i++)
		if (slice_owner[i] == e->slot)
			slice_owner[i] = 0;
	e->nslices = 0;
	slices_changed();
	for (unsigned i = 1; i < MAX_ENVS; i++)
		if (envs[i].donate == e->slot)
			envs[i].donate = 0;
}

/* Who runs in slice pos: its owner, or whom the owner's slices were
   donated to by a synchronous PCT (followed while the chain lasts). */
static struct env *slice_runner(unsigned pos)
{
	struct env *o = env_at(slice_owner[pos]);
	for (unsigned hops = 0; o && o->donate && hops < MAX_ENVS; hops++) {
		struct env *d = env_at(o->donate);
		if (!d) {
			o->donate = 0;
			break;
		}
		o = d;
	}
	return o;
}

/* Move to the next slice with someone to run, paying forfeited slices;
   NULL if no slice has a live owner. */
static struct env *next_slice(void)
{
	/* At most two turns of the vector, as a walk of 2 * NSLICES
	   positions would (a forfeit paid at most twice); n counts the
	   positions passed. Given up, the position is where the walk
	   would have ended: where it began. */
	unsigned start = slice_pos;
	for (unsigned n = 0;;) {
		unsigned nx = next_owned[slice_pos];
		if (nx >= NSLICES)
			break;
		n += (nx - slice_pos - 1) % NSLICES + 1;	/* 1..NSLICES */
		if (n > 2 * NSLICES)
			break;
		slice_pos = nx;
		struct env *o = env_at(slice_owner[slice_pos]);
		if (!o)
			continue;
		if (o->forfeit) {
			o->forfeit--;
			continue;
		}
		return slice_runner(slice_pos);
	}
	slice_pos = start;
	/* Runnable environments that own no slice run only when given
	   one; if nobody owns a slice, give the processor round-robin. */
	unsigned from = curenv ? curenv->slot : 0;
	for (unsigned i = 1; i <= MAX_ENVS; i++) {
		struct env *e = env_at((from + i) % MAX_ENVS);
		if (e)
			return e;
	}
	return NULL;
}

/* Save the interrupted user registers of e (tf is on the trap stack). */
static void save_frame(struct env *e, const struct trapframe *tf)
{
	e->tf = *tf;
	e->ctx = CTX_FRAME;
}

static struct kctx { uint32_t s[8], sp, fp, ra, gp; } run_ctx;
int kctx_save(struct kctx *k);
void kctx_restore(const struct kctx *k) __attribute__((noreturn));
/* The environment sched_run_until awaits (sysentry.S's SYS_yield reads
   it: a yield while another is awaited goes to C, which sees it ended). */
struct env *run_until;

/* Back to sched_run_until's caller, on the boot stack. */
static void __attribute__((noreturn)) return_to_kernel(void)
{
	curenv = NULL;
	cur_xc = &kernel_xc;
	mtc0(C0_ENTRYHI, 0);
	kctx_restore(&run_ctx);
}

void env_resume(struct env *e, int slice_start)
{
	/* The environment the kernel waits for ended while another ran:
	   e's registers are saved, so this is a safe place to stop. */
	if (run_until && run_until->state == ENV_STATE_ENDED)
		return_to_kernel();
#ifdef AEGIS_DEBUG_INVARIANTS
	inv_check("a resumption");	/* the debug kernel (invariants.c) */
#endif
	struct trapframe *tf = &e->tf;
	uint32_t resume_pc = tf->epc;
	switch (e->ctx) {
	case CTX_FRAME:
		break;
	case CTX_YIELD:
	case CTX_YIELD_SLOW:
		/* A yield keeps what a procedure call keeps and clears the
		   rest, as the fast path does (no other environment's values
		   may reach it). */
		tf->at = tf->v0 = tf->v1 = tf->a0 = tf->a1 = tf->a2 = tf->a3 = 0;
		tf->t0 = tf->t1 = tf->t2 = tf->t3 = tf->t4 = tf->t5 = tf->t6 = tf->t7 = 0;
		tf->t8 = tf->t9 = tf->hi = tf->lo = 0;
		break;
	default:
		/* It left by a protected control transfer: nothing of it was
		   saved, so it can only be entered, at its asynchronous entry
		   point or through its slice-start upcall (with no PC). */
		resume_pc = 0;
		tf->epc = e->async_pc;
		break;
	}
	e->ctx = CTX_LIVE;
	tf->status = e->status;
	curenv = e;
	if (e->revoke_kind) {
		revoke_deliver(e, tf);
	} else if (slice_start && e->slice_start_pc && !e->in_end_upcall) {
		uint32_t *save = (uint32_t *)e->isave;
		save[UPCALL_SAVE_A0 / 4] = tf->a0;
		tf->a0 = resume_pc;
		tf->epc = e->slice_start_pc;
	}
	/* On top of either: its handler returns to theirs. */
	net_deliver(e, tf);
	env_update_fast(e);
	mtc0(C0_ENTRYHI, e->entryhi);
	cur_xc = &e->xc;
	trap_return(tf);
}

void sched_next(void)
{
	struct env *n = NULL;
	/* The slice running now first (its owner may have got it back). */
	n = slice_runner(slice_pos);
	if (!n || n == curenv)
		n = next_slice();
	if (!n)
		return_to_kernel();	/* nothing left to run */
	env_resume(n, 1);
}

void sched_tick(struct trapframe *tf)
{
	struct env *r = curenv;
	r->ticks++;
	struct env *o = env_at(slice_owner[slice_pos]);
	if (o) {
		if (o == r)
			o->donate = 0;
		else if (r->ctx == CTX_SYNC)
			o->donate = r->slot;	/* sync PCT: future slices follow */
	}
	if (r->in_end_upcall) {
		/* Still saving its context a tick after its slice ended. */
		r->excess++;
		r->forfeit++;
		if (r->excess >= EXCESS_LIMIT) {
			struct env_exit x = { .killed = AEGIS_KILLED_EXCESS, .exc_code = EXC_INT,
					      .epc = tf->epc };
			env_end(r, &x);
			sched_next();
		}
	}
	struct env *n = next_slice();
	if (n == r || !n)
		return;		/* its next slice too: no switch, no upcall */
	if (r->slice_end_pc && !r->in_end_upcall) {
		/* Visible revocation of the processor: it saves what it
		   needs and yields. */
		uint32_t *save = (uint32_t *)r->isave;
		save[UPCALL_SAVE_A0 / 4] = tf->a0;
		tf->a0 = tf->epc;
		tf->epc = r->slice_end_pc;
		r->in_end_upcall = 1;
		env_update_fast(r);
		return;
	}
	save_frame(r, tf);
	env_resume(n, 1);
}

void sched_yield(struct trapframe *tf, unsigned id)
{
	struct env *r = curenv;
	struct env *t = id ? env_lookup(id) : NULL;
	if (id && (!t || t == r)) {
		/* Nobody to give it to: the call returns at once (through
		   trap(), which gives the caller its routes back). */
		tf->v0 = t == r ? 0 : (uint32_t)-AEGIS_ESRCH;
		tf->epc += 4;
		return;
	}
	tf->v0 = 0;
	tf->epc += 4;
	r->in_end_upcall = 0;
	/* To the slice's runner; if that is the caller, the next slice's
	   (neither looks at the caller's ctx or registers). */
	struct env *n = t;
	if (!n) {
		n = slice_runner(slice_pos);
		if (!n || n == r)
			n = next_slice();
	}
	if ((!n || n == r) && !r->slice_start_pc && !r->revoke_kind &&
	    !(run_until && run_until->state == ENV_STATE_ENDED)) {
		/* Nobody else to run and nothing env_resume would deliver
		   but the network's: back to the caller at once, without
		   saving its frame to restore it (a third of the yield: a
		   frame that comes meanwhile waits less, as Table 11's server
		   does, waiting for requests its ASH answers). Cleared as
		   env_resume clears a yield's. */
		tf->at = tf->v0 = tf->v1 = tf->a0 = tf->a1 = tf->a2 = tf->a3 = 0;
		tf->t0 = tf->t1 = tf->t2 = tf->t3 = tf->t4 = tf->t5 = tf->t6 = tf->t7 = 0;
		tf->t8 = tf->t9 = tf->hi = tf->lo = 0;
		net_deliver(r, tf);
		return;
	}
	save_frame(r, tf);
	/* A yield keeps only what a procedure call keeps, so a fast yield
	   may resume it (env_update_fast says whether one may). */
	r->ctx = CTX_YIELD;
	env_update_fast(r);
	if (!n)
		n = r;
	env_resume(n, 1);
}

struct env_exit sched_run_until(struct env *first, struct env *until)
{
	struct env_exit x = { .killed = -1 };
	run_until = until;
	if (kctx_save(&run_ctx) == 0) {
		for (unsigned i = 0; i < NSLICES; i++)
			if (slice_owner[i] == first->slot)
				slice_pos = i;
		env_resume(first, 0);
	}
	/* Back here from env_end() (until ended) or sched_next() (nothing
	   left to run), on the boot stack with the kernel's routes. */
	run_until = NULL;
	if (until && until->state == ENV_STATE_ENDED)
		x = until->exit;
	return x;
}

int sched_awaited(const struct env *e)
{
	return e == run_until;
}

void sched_ended(struct env *e)
{
	if (e == run_until && e == curenv)
		return_to_kernel();
	/* Another environment runs, its registers not saved: the kernel's
	   caller gets control at the next switch (env_resume). */
}

#ifdef AEGIS_DEBUG_INVARIANTS
/* The time-slice vector, for the invariant checker (aegis/invariants.c). */
uint8_t *sched_inv_slices(void)
{
	return slice_owner;
}
#endif
