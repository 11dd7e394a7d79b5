/*
 * env.h - environments, the Aegis "process" (SOSP'95 §5.1), with the
 * paper's four contexts: exception (the routing block), interrupt (the
 * slice upcalls), protected entry (the PCT entry points) and addressing
 * (ASID, status, guaranteed mappings); plus the saved user registers,
 * the revocation context and the bookkeeping of the time-slice vector.
 * Invariants: every guaranteed mapping names a page the environment owns,
 * a page it holds (read-only: SYS_env_create's shared pages), or a
 * read-only device page it was given; every route in its routing
 * block is kernel code, and every save-area address is in a guaranteed,
 * writable page it owns; ENV_FAST is 0 whenever the kernel's C code must
 * see the environment before it runs again (then ENV_CTX is never
 * CTX_YIELD).
 * Checked by the debug kernel (aegis/invariants.c, names in brackets):
 * a free slot is all zero; a live or ended one's id, slot and ASID name
 * its own slot and call_id is its id or 0 [env-ids]; an ended one owns,
 * holds, is bound to and is the target of nothing, and owns no slice
 * [env-ended, page-owner, tlb-binding]; a live one's guaranteed mappings
 * are sorted, in kuseg, each a page it owns, or holds read-only, or a
 * read-only device page (the counter page, the STLB) [gmap]; its routes
 * are trap_entry, exc_to_user, sys_entry or intr_entry, handlers user addresses,
 * save areas in pages it owns [route]; its slice count is the vector's
 * [slice]; a donation names a live environment [donate].
 */
#ifndef AEGIS_ENV_H
#define AEGIS_ENV_H

#include <stdint.h>
#include "exc.h"
#include "trapframe.h"
#include "envoffsets.h"
#include <aegis/syscall.h>

#define MAX_GMAPS	AEGIS_MAX_GMAPS	/* <aegis/syscall.h> */
#define MAX_GRUNS	8
#define EXCESS_LIMIT	4	/* excess ticks that end an environment (the
				   paper's threshold is not published) */

struct gmap {
	uint32_t vpn;		/* virtual page (va >> 12) */
	uint32_t ppn;		/* physical page */
	uint8_t writable;
	uint8_t device;		/* a read-only device page (not RAM): uncached */
};

/* How an environment ended (struct aegis_exit's fields). */
struct env_exit {
	int status;		/* its exit status, if it exited */
	int killed;		/* 1 Aegis stopped it on an exception; 2 for excess time */
	unsigned exc_code;	/* Cause.ExcCode that stopped it */
	uint32_t epc, badvaddr;
};

struct env {
	struct xc xc;		/* exception context: routes, handlers, save area */
	uint32_t entryhi;	/* addressing context: ASID << 6; 0 = not callable */
	uint32_t sync_pc, async_pc;	/* protected entry context */
	unsigned id;		/* AEGIS_ENV_ID(generation, slot); 0 = slot free */
	uint32_t ctx;		/* CTX_*: where its registers are */
	uint32_t status;	/* Status while it runs */
	uint32_t fast;		/* ENV_FAST */
	uint32_t call_id;	/* id while it can be a target of PCT and fast
				   yield; 0 otherwise: an id that selects this
				   slot (1..31) is never 0. Not ~0, which is
				   slot 31's selector: an ended environment
				   there was a target of pct(~0). */
	struct trapframe tf;	/* its registers, while ctx says so */

	unsigned state;		/* ENV_STATE_*; 0 = free */
	unsigned slot;		/* its index in envs[]: the key of what it owns */
	unsigned parent;	/* id of the environment that spawned it; 0: Aegis */
	unsigned asid;		/* 6-bit TLB address-space id (its slot) */
	char name[16];

	/* Interrupt context: the time-slice upcalls. */
	uint32_t slice_start_pc, slice_end_pc;
	uint32_t isave;		/* kseg0 address of its a0 save word */
	int in_end_upcall;	/* told its slice ended; has not yielded yet */
	unsigned excess, forfeit, ticks, nslices;
	unsigned checks, checks_failed;	/* its SYS_check calls, for its parent's SYS_wait */
	unsigned donate;	/* its slices run the one in this slot (sync PCT) */

	/* Revocation context (revoke.c). */
	uint32_t revoke_pc;
	uint32_t repo_va;	/* the repossession vector, in its own space */
	unsigned repo_n;
	unsigned revoke_asked;	/* pages asked for and not yet given back */
	uint64_t revoke_deadline;	/* in cycles of the counter, or ticks */
	unsigned revoke_kind;	/* an upcall due: REVOKE_REQUEST/REPOSSESSED */
	unsigned revoke_count;

	struct gmap gmap[MAX_GMAPS];	/* sorted by vpn */
	int ngmap;
	/* The same pages as runs of consecutive vpns (the program, its
	   stack, device pages): a few compares answer "is this page
	   Aegis's?" on every SYS_tlbwr. nrun > MAX_GRUNS: not kept. */
	struct { uint32_t lo, hi; } grun[MAX_GRUNS];
	int nrun;
	/* The index gmap_find last found: tried first (a hint, checked
	   against the entry, so never stale in effect). */
	int gmap_hint;
	struct env_exit exit;
} __attribute__((aligned(1 << ENV_STRIDE_SHIFT)));

_Static_assert(__builtin_offsetof(struct env, entryhi) == ENV_ENTRYHI, "env.h offsets");
_Static_assert(__builtin_offsetof(struct env, sync_pc) == ENV_SYNC_PC, "env.h offsets");
_Static_assert(__builtin_offsetof(struct env, async_pc) == ENV_ASYNC_PC, "env.h offsets");
_Static_assert(__builtin_offsetof(struct env, id) == ENV_ID, "env.h offsets");
_Static_assert(__builtin_offsetof(struct env, ctx) == ENV_CTX, "env.h offsets");
_Static_assert(__builtin_offsetof(struct env, status) == ENV_STATUS, "env.h offsets");
_Static_assert(__builtin_offsetof(struct env, fast) == ENV_FAST, "env.h offsets");
_Static_assert(__builtin_offsetof(struct env, call_id) == ENV_CALL_ID, "env.h offsets");
_Static_assert(__builtin_offsetof(struct env, tf) == ENV_TF, "env.h offsets");
_Static_assert(sizeof(struct env) == 1 << ENV_STRIDE_SHIFT, "env.h stride");

/* The environment a trap or system call came from (set on entry to the
   kernel from the routing block that was current: see cur_xc). */
extern struct env *curenv;
extern struct env envs[MAX_ENVS];
extern unsigned env_nrunnable;	/* runnable environments (sysentry.S) */

/* Set up physical memory, take over user-mode exceptions, start the clock. */
void env_init(void);
/* Why env_create or env_spawn made no environment: an AEGIS_E* code (as
   SYS_spawn returns it, negated) and a reason for people. */
struct env_fail {
	int err;		/* AEGIS_ENOENT, AEGIS_ENOMEM or AEGIS_EINVAL */
	const char *why;
};
/* Create an environment from an ELF image (e.g. from the boot archive),
   runnable, with one time slice. Returns NULL and fills *fail if the
   image is unusable or something ran out. */
struct env *env_create(const void *elf, uint32_t size, struct env_fail *fail);
/* The same, from the boot archive by name, as parent's child. */
struct env *env_spawn(const char *name, unsigned parent, struct env_fail *fail);
/* The environment with this id, if it exists and has not ended: an id
   whose slot was reused since (an older generation) names nothing. */
struct env *env_lookup(unsigned id);
/* The live environment in slot (Aegis's own bookkeeping), or NULL. */
struct env *env_at(unsigned slot);
/* End e: it keeps only its exit record (for its parent's SYS_wait, or
   the kernel's sched_run_until) and everything it held is returned. */
void env_end(struct env *e, const struct env_exit *how);
/* Free an ended (or live) environment's slot entirely. */
void env_destroy(struct env *e);
/* Recompute e->fast (after an upcall, revocation or handler change). */
void env_update_fast(struct env *e);

/* A free slot (not yet taken), or NULL; env_new_id takes it: a new id,
   the contexts of a new environment (env_reset_contexts: the routing
   block, its own ASID), nothing else. */
struct env *env_free_slot(void);
void env_new_id(struct env *e);
void env_reset_contexts(struct env *e);
uint32_t env_user_status(void);	/* Status of a new environment */
/* A new, zeroed entry for vpn in its sorted place; NULL if full. */
struct gmap *gmap_insert(struct env *e, uint32_t vpn);
/* envimage.c: does one of e's guaranteed mappings name page ppn? */
int env_maps_ppn(const struct env *e, uint32_t ppn);
int32_t sys_env_create(uint32_t img_va, uint32_t flags, uint32_t a2, uint32_t a3);
int32_t sys_page_drop(uint32_t ppn, uint32_t a1, uint32_t a2, uint32_t a3);

/* e's guaranteed mapping of page vpn, or NULL (a binary search). */
struct gmap *gmap_find(const struct env *e, uint32_t vpn);
/* Is page vpn one of e's guaranteed mappings? (Its runs, when kept.) */
int gmap_covers(const struct env *e, uint32_t vpn);
/* Is any page of [vpn, vpn + n) one of e's guaranteed mappings? */
int gmap_overlaps(const struct env *e, uint32_t vpn, uint32_t n);
/* User memory as the current environment may use it: the physical
   address behind va, or 0 if va is not mapped (writable, if asked). */
uint32_t env_translate(const struct env *e, uint32_t va, int write);
/* Copy len bytes between user va and the kernel; -1 if any byte is not
   the environment's to read (or write). */
int copyin(const struct env *e, void *dst, uint32_t va, uint32_t len);
int copyout(const struct env *e, uint32_t va, const void *src, uint32_t len);
/* Give e a read-only, uncached mapping of a device page; -1 if va is taken. */
int env_map_device(struct env *e, uint32_t va, uint32_t pa);
/* Service a TLB miss on a guaranteed mapping; 0 if handled. */
int env_tlb_refill(struct env *e, uint32_t badvaddr);
/* Hand an exception or upcall to e's user code: a0..a2 saved in the
   save area at kseg0 address save, a0 = resume PC, then pc. */
void env_upcall(struct trapframe *tf, uint32_t save, uint32_t pc, uint32_t a1, uint32_t a2);

#endif
