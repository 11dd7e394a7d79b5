/*
 * env.c - creating, running and ending environments. The loader checks
 * every field of the program's ELF image before use (a malformed image
 * is refused, never trusted), places its segments in pages the
 * environment owns, and records them as guaranteed mappings, which Aegis
 * services on a TLB miss (SOSP'95 §5.3).
 */
#include "env.h"
#include "disk/disk.h"
#include "net/net.h"
#include "net/lance.h"
#include "archive.h"
#include "kernel.h"
#include "mem.h"
#include "mips.h"
#include "platform.h"
#include "revoke.h"
#include "sched.h"
#include "tlb.h"
#include "trap.h"
#include "invariants.h"
#include <aegis/exception.h>
#include <aegis/syscall.h>

/* 64 KB-aligned so that the PCT path finds envs[slot] with one lui. */
struct env envs[MAX_ENVS] __attribute__((aligned(65536)));
_Static_assert(MAX_ENVS == AEGIS_MAX_ENVS, "envoffsets.h and the ABI agree on the limit");
_Static_assert(1u << AEGIS_ENV_SLOT_BITS == AEGIS_MAX_ENVS, "an id's slot field holds every slot");
/* Each slot's generation, bumped when an environment is made in it (ids
   AEGIS_ENV_ID(generation, slot); 0 until the first). */
static unsigned slot_gen[MAX_ENVS];
struct env *curenv;
/* How many environments are runnable: 1 lets sysentry.S's SYS_yield of
   the only one return at once, without the trap path (issue 21). */
unsigned env_nrunnable;
void sys_entry(void);	/* sysentry.S: the system-call route */

static uint32_t le32(const uint8_t *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }
static uint16_t le16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }

/* The guaranteed mappings are kept sorted by page, so that every check
   against them (SYS_tlbwr, copyin, a TLB miss) is a binary search. */
/* The index of the first entry at or above vpn (ngmap: none). */
static int gmap_lower_bound(const struct env *e, uint32_t vpn)
{
	int lo = 0, hi = e->ngmap;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (e->gmap[mid].vpn < vpn)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The entry found last is tried first: vpns are unique, so an entry
   at the hint with vpn is the one, whatever moved since. A program's
   system calls come back to the same few pages (SYS_net_send's frame,
   SYS_clock's answer): one compare instead of a binary search over 64
   entries (about 120 cycles of each SYS_net_send on the 5000/125:
   issue 21). */
struct gmap *gmap_find(const struct env *e, uint32_t vpn)
{
	int i = e->gmap_hint;
	if ((unsigned)i < (unsigned)e->ngmap && e->gmap[i].vpn == vpn)
		return (struct gmap *)&e->gmap[i];
	i = gmap_lower_bound(e, vpn);
	if (i < e->ngmap && e->gmap[i].vpn == vpn) {
		((struct env *)e)->gmap_hint = i;	/* (envs[] is writable) */
		return (struct gmap *)&e->gmap[i];
	}
	return NULL;
}

/* Does one of e's guaranteed mappings lie in pages [vpn, vpn + n)? With
   the runs kept, one test per run (two ranges meet when each starts
   before the other ends); else the first entry at or above vpn
   decides. */
int gmap_overlaps(const struct env *e, uint32_t vpn, uint32_t n)
{
	if (e->nrun <= MAX_GRUNS) {
		for (int i = 0; i < e->nrun; i++)
			if (e->grun[i].lo - vpn < n || vpn - e->grun[i].lo <= e->grun[i].hi - e->grun[i].lo)
				return 1;
		return 0;
	}
	int i = gmap_lower_bound(e, vpn);
	return i < e->ngmap && e->gmap[i].vpn - vpn < n;
}

int gmap_covers(const struct env *e, uint32_t vpn)
{
	if (e->nrun > MAX_GRUNS)
		return gmap_find(e, vpn) != NULL;
	for (int i = 0; i < e->nrun; i++)
		if (vpn - e->grun[i].lo <= e->grun[i].hi - e->grun[i].lo)
			return 1;
	return 0;
}

/* Rebuild the runs from the sorted entries (after an insertion). */
static void gmap_runs(struct env *e)
{
	e->nrun = 0;
	for (int i = 0; i < e->ngmap; i++) {
		uint32_t v = e->gmap[i].vpn;
		if (e->nrun && e->nrun <= MAX_GRUNS && e->grun[e->nrun - 1].hi + 1 == v) {
			e->grun[e->nrun - 1].hi = v;
		} else if (++e->nrun <= MAX_GRUNS) {
			e->grun[e->nrun - 1].lo = e->grun[e->nrun - 1].hi = v;
		}
	}
}

/* A new, zeroed entry for vpn in its sorted place; NULL if full. The
   pointer is good until the next insertion. */
struct gmap *gmap_insert(struct env *e, uint32_t vpn)
{
	if (e->ngmap == MAX_GMAPS)
		return NULL;
	int i = e->ngmap;
	while (i > 0 && e->gmap[i - 1].vpn > vpn) {
		e->gmap[i] = e->gmap[i - 1];
		i--;
	}
	e->ngmap++;
	kmemset(&e->gmap[i], 0, sizeof e->gmap[i]);
	e->gmap[i].vpn = vpn;
	gmap_runs(e);
	return &e->gmap[i];
}

/* Page colouring of a program's image: its pages take the cache colours
   of their virtual pages, so that code and data contiguous in the program
   are contiguous in the caches, and each environment's colours are
   shifted (the slot's 4 bits reversed: 0, 8, 4, 12, 2, ...) so that two
   environments running one program (pipe's two ends) do not evict each
   other's lines page for page. Without it the cycle counts of the
   benchmarks moved with every change of an image's size. */
static uint32_t slot_colour_shift(unsigned slot)
{
	uint32_t s = slot & 15;
	return (s & 1) << 3 | (s & 2) << 1 | (s & 4) >> 1 | (s & 8) >> 3;
}

/* The page at vpn, allocated and mapped if new. */
static struct gmap *map_page(struct env *e, uint32_t vpn, int writable)
{
	struct gmap *g = gmap_find(e, vpn);
	if (!g) {
		if (e->ngmap == MAX_GMAPS)
			return NULL;
		uint32_t ppn = page_alloc_color(e->slot, vpn + slot_colour_shift(e->slot));
		if (!ppn)
			return NULL;
		g = gmap_insert(e, vpn);
		g->ppn = ppn;
	}
	g->writable |= writable;
	return g;
}

static struct env *load_fail(struct env *e, struct env_fail *fail, int err, const char *reason)
{
	page_release_all(e->slot);
	kmemset(e, 0, sizeof *e);
	fail->err = err;
	fail->why = reason;
	return NULL;
}

struct env *env_free_slot(void)
{
	for (int i = 1; i < MAX_ENVS; i++)
		if (!envs[i].state)
			return &envs[i];
	return NULL;
}

void env_new_id(struct env *e)
{
	kmemset(e, 0, sizeof *e);
	e->slot = (unsigned)(e - envs);
	/* A new generation for the slot: the ids of its earlier holders
	   stay dead (env_lookup). */
	slot_gen[e->slot] = slot_gen[e->slot] % AEGIS_ENV_GEN_MAX + 1;
	e->id = AEGIS_ENV_ID(slot_gen[e->slot], e->slot);
	e->call_id = 0;		/* not a target until it is runnable (env.h) */
	e->asid = e->slot;
	env_reset_contexts(e);
}

void env_reset_contexts(struct env *e)
{
	xc_init(&e->xc);
	e->xc.route[EXC_SYS] = (uint32_t)sys_entry;
	e->xc.route[EXC_INT] = (uint32_t)intr_entry;	/* (entry.S) */
	e->entryhi = e->asid << ENTRYHI_ASID_SHIFT;
}

uint32_t env_user_status(void)
{
	/* After rfe: user mode with the clock's and the LANCE's interrupts on. */
	return SR_KUP | SR_IEP | lance_intr_mask() |
	       (platform->clock_start ? 1u << (8 + platform->clock_ip) : 0);
}

struct env *env_create(const void *image, uint32_t size, struct env_fail *fail)
{
	const uint8_t *f = image;
	struct env *e = env_free_slot();
	if (!e) {
		fail->err = AEGIS_ENOMEM;
		fail->why = "no free environment";
		return NULL;
	}
	env_new_id(e);

	if (size < 52 || kstrncmp((const char *)f, "\177ELF", 4) != 0 || f[4] != 1 || f[5] != 1)
		return load_fail(e, fail, AEGIS_EINVAL, "not a 32-bit little-endian ELF image");
	if (le16(f + 18) != 8 || le16(f + 16) != 2)
		return load_fail(e, fail, AEGIS_EINVAL, "not a MIPS executable");
	uint32_t entry = le32(f + 24), phoff = le32(f + 28);
	uint16_t phentsize = le16(f + 42), phnum = le16(f + 44);
	if (phentsize < 32 || phoff > size || (uint32_t)phnum * phentsize > size - phoff)
		return load_fail(e, fail, AEGIS_EINVAL, "program headers outside the image");

	int entry_ok = 0;
	for (unsigned i = 0; i < phnum; i++) {
		const uint8_t *ph = f + phoff + i * phentsize;
		if (le32(ph) != 1 /* PT_LOAD */)
			continue;
		uint32_t off = le32(ph + 4), va = le32(ph + 8);
		uint32_t filesz = le32(ph + 16), memsz = le32(ph + 20);
		int writable = (le32(ph + 24) & 2) != 0;	/* PF_W */
		int executable = (le32(ph + 24) & 1) != 0;	/* PF_X */
		if (memsz == 0)
			continue;
		if (filesz > memsz || off > size || filesz > size - off)
			return load_fail(e, fail, AEGIS_EINVAL, "a segment lies outside the image");
		if (va < USER_TEXT_BASE || memsz > USER_TOP - USER_TEXT_BASE ||
		    va > USER_TOP - memsz)
			return load_fail(e, fail, AEGIS_EINVAL, "a segment lies outside the user address space");
		for (uint32_t a = va & ~(PAGE_SIZE - 1); a < va + memsz; a += PAGE_SIZE) {
			struct gmap *g = map_page(e, a >> PAGE_SHIFT, writable);
			if (!g)
				return load_fail(e, fail, AEGIS_ENOMEM, "out of memory or mappings");
			/* Copy the part of the file that falls in this page. */
			uint32_t lo = a > va ? a : va;
			uint32_t hi = a + PAGE_SIZE < va + filesz ? a + PAGE_SIZE : va + filesz;
			if (lo < hi) {
				kmemcpy((char *)KSEG0(g->ppn << PAGE_SHIFT) + (lo - a),
					f + off + (lo - va), hi - lo);
				/* The page may have held another program's
				   code: the I-cache must not run it. */
				if (executable)
					icache_inval(KSEG0(g->ppn << PAGE_SHIFT) + (lo - a), hi - lo);
			}
		}
		if (entry - va < memsz)
			entry_ok = 1;
	}
	if (!entry_ok || (entry & 3))
		return load_fail(e, fail, AEGIS_EINVAL, "the entry point is not in a loaded segment");
	for (uint32_t i = 1; i <= USER_STACK_PAGES; i++)
		if (!map_page(e, (USER_TOP >> PAGE_SHIFT) - i, 1))
			return load_fail(e, fail, AEGIS_ENOMEM, "out of memory for the stack");

	e->tf.epc = entry;
	/* Until it names its own, a synchronous protected control transfer
	   enters a new environment at its start. */
	e->sync_pc = e->async_pc = entry;
	e->tf.sp = USER_TOP - 16;
	e->ctx = CTX_FRAME;
	e->status = env_user_status();
	e->tf.status = e->status;
	e->state = ENV_STATE_RUNNABLE;
	if (slice_alloc(e, -1) < 0)
		return load_fail(e, fail, AEGIS_ENOMEM, "no free time slice");
	env_nrunnable++;
	env_update_fast(e);
	e->call_id = e->id;
	return e;
}

struct env *env_spawn(const char *name, unsigned parent, struct env_fail *fail)
{
	struct archive_file f;
	if (archive_find(name, &f) != 0) {
		fail->err = AEGIS_ENOENT;
		fail->why = "no such program";
		return NULL;
	}
	struct env *e = env_create(f.data, (uint32_t)f.size, fail);
	if (e) {
		e->parent = parent;
		size_t n = f.namelen < sizeof e->name - 1 ? f.namelen : sizeof e->name - 1;
		kmemcpy(e->name, f.name, n);
	}
	return e;
}

struct env *env_lookup(unsigned id)
{
	struct env *e = env_at(AEGIS_ENV_SLOT(id));
	return e && e->id == id ? e : NULL;
}

struct env *env_at(unsigned slot)
{
	if (slot == 0 || slot >= MAX_ENVS || envs[slot].state != ENV_STATE_RUNNABLE)
		return NULL;
	return &envs[slot];
}

void env_update_fast(struct env *e)
{
	e->fast = !e->slice_start_pc && !e->in_end_upcall && !e->revoke_kind &&
		  !net_upcall_due(e);
	if (!e->fast && e->ctx == CTX_YIELD)
		e->ctx = CTX_YIELD_SLOW;
	else if (e->fast && e->ctx == CTX_YIELD_SLOW)
		e->ctx = CTX_YIELD;
}

uint32_t env_translate(const struct env *e, uint32_t va, int write)
{
	if (va >= KSEG0_BASE)
		return 0;
	const struct gmap *g = gmap_find(e, va >> PAGE_SHIFT);
	if (!g || (write && !g->writable) || g->device)
		return 0;
	return (g->ppn << PAGE_SHIFT) | (va & (PAGE_SIZE - 1));
}

int copyin(const struct env *e, void *dst, uint32_t va, uint32_t len)
{
	char *d = dst;
	if (va + len < va)
		return -1;
	while (len) {
		uint32_t pa = env_translate(e, va, 0);
		if (!pa)
			return -1;
		uint32_t n = PAGE_SIZE - (va & (PAGE_SIZE - 1));
		if (n > len)
			n = len;
		kmemcpy(d, (const void *)KSEG0(pa), n);
		d += n;
		va += n;
		len -= n;
	}
	return 0;
}

int copyout(const struct env *e, uint32_t va, const void *src, uint32_t len)
{
	const char *s = src;
	if (va + len < va)
		return -1;
	/* Within one page (SYS_clock's answer, once a round trip of Table
	   11's client): one lookup checks and translates. */
	if (len && ((va ^ (va + len - 1)) & ~(uint32_t)(PAGE_SIZE - 1)) == 0) {
		uint32_t pa = env_translate(e, va, 1);
		if (!pa)
			return -1;
		kmemcpy((void *)KSEG0(pa), s, len);
		return 0;
	}
	/* Check every page first, so a bad tail writes nothing. */
	for (uint32_t a = va; a - va < len; a = (a | (PAGE_SIZE - 1)) + 1)
		if (!env_translate(e, a, 1))
			return -1;
	while (len) {
		uint32_t pa = env_translate(e, va, 1);
		uint32_t n = PAGE_SIZE - (va & (PAGE_SIZE - 1));
		if (n > len)
			n = len;
		kmemcpy((void *)KSEG0(pa), s, n);
		s += n;
		va += n;
		len -= n;
	}
	return 0;
}

int env_tlb_refill(struct env *e, uint32_t badvaddr)
{
	if (badvaddr >= KSEG0_BASE)
		return -1;
	struct gmap *g = gmap_find(e, badvaddr >> PAGE_SHIFT);
	if (!g)
		return -1;
	/* In whichever address-space id it runs now (SYS_cidswitch). */
	tlb_insert((badvaddr & ENTRYHI_VPN_MASK) | (e->entryhi & ENTRYHI_ASID_MASK),
		   (g->ppn << PAGE_SHIFT) | ELO_V | (g->writable ? ELO_D : 0) |
		   (g->device ? ELO_N : 0));
	return 0;
}

void env_upcall(struct trapframe *tf, uint32_t save, uint32_t pc, uint32_t a1, uint32_t a2)
{
	uint32_t *area = (uint32_t *)save;
	area[XSAVE_A0 / 4] = tf->a0;
	area[XSAVE_A1 / 4] = tf->a1;
	area[XSAVE_A2 / 4] = tf->a2;
	tf->a0 = tf->epc;
	tf->a1 = a1;
	tf->a2 = a2;
	tf->epc = pc;
}

/* An interrupt's clock tick, from the Cause bits saved in tf: 1 if the
   clock interrupted (acknowledged: the check reads it once). */
static int intr_tick(const struct trapframe *tf)
{
	return platform->clock_ack && (tf->cause & (1u << (8 + platform->clock_ip))) &&
	       platform->clock_ack();
}

/* What an interrupt may leave after the LANCE: the clock's tick (which
   may switch environments and not come back here), a revocation due
   while curenv ran, a network upcall. */
static void intr_rest(struct trapframe *tf, int tick)
{
	if (tick) {
		clock_ticks++;
		sched_tick(tf);
	}
	if (curenv->revoke_kind)
		revoke_deliver(curenv, tf);	/* due while it ran */
	net_deliver(curenv, tf);
}

/* The routing block an interrupt came through, for env_intr_rest. */
static struct xc *intr_from;

/* entry.S intr_entry: an interrupt in user mode, tf holding only the
   registers C code may clobber (with gp, sp, Status, Cause, EPC). The
   LANCE first (the KN02-BA's clock shares its line); 0 if that was all,
   else what is left for env_intr_rest (bit 0: the clock ticked), which
   intr_entry calls with the whole frame saved. */
uint32_t env_intr(struct trapframe *tf)
{
	struct xc *user = cur_xc;
	cur_xc = &kernel_xc;
	curenv = (struct env *)user;	/* (its struct env begins with it) */
	revoke_check();
	lance_intr(tf->cause);
	uint32_t tick = (uint32_t)intr_tick(tf);
	int debug = 0;
#ifdef AEGIS_DEBUG_INVARIANTS
	debug = 1;	/* the debug kernel checks after every exception */
#endif
	if (tick || curenv->revoke_kind || net_upcall_due(curenv) || debug) {
		intr_from = user;
		return 2 | tick;
	}
	cur_xc = user;
	return 0;
}

void env_intr_rest(struct trapframe *tf, uint32_t left)
{
	intr_rest(tf, (int)(left & 1));
#ifdef AEGIS_DEBUG_INVARIANTS
	inv_check("an exception");	/* as trap() does (invariants.c) */
#endif
	cur_xc = intr_from;
}

/* An exception in user mode that the fast paths did not take: the
   clock, a TLB miss Aegis services (a guaranteed mapping) or hands to
   the environment's own handler, the slow yield; anything else ends the
   environment. */
static void env_trap(struct trapframe *tf, struct xc *from, unsigned code)
{
	/* Protected control transfers change environments without the
	   kernel's C code: the routing block that was current says which one
	   trapped (its struct env begins with it). */
	curenv = (struct env *)from;
	revoke_check();
	if (code == EXC_INT) {
		/* The LANCE first: the clock's tick may switch environments
		   and not come back here (and on the KN02-BA they share IP5). */
		lance_intr(tf->cause);
		intr_rest(tf, intr_tick(tf));
		return;
	}
	if (code == EXC_SYS && tf->v0 == SYS_yield && !(tf->cause & CAUSE_BD)) {
		sched_yield(tf, tf->a0);
		return;
	}
	/* A system call in a branch delay slot could not be returned from,
	   and ends the environment below. */
	if (code == EXC_TLBL || code == EXC_TLBS) {
		if (env_tlb_refill(curenv, tf->badvaddr) == 0)
			return;
		/* Not a guaranteed mapping: the environment's own TLB-miss
		   handler walks its page table and binds the page with
		   SYS_tlbwr (SOSP'95 §5.3). */
		/* In a branch delay slot too: EPC is then the branch, and
		   retrying there is right. */
		if (curenv->xc.uhandler[code] && tf->badvaddr < KSEG0_BASE) {
			env_upcall(tf, curenv->xc.save[code], curenv->xc.uhandler[code],
				   tf->badvaddr, tf->cause);
			return;
		}
	}
	struct env_exit x = {
		.status = -1, .killed = AEGIS_KILLED_EXCEPTION, .exc_code = code,
		.epc = tf->epc, .badvaddr = tf->badvaddr,
	};
	env_end(curenv, &x);
	sched_next();
}

void env_init(void)
{
	mem_init();
	/* envs[0] is never an environment: no id reaches it (every other
	   slot's call_id is 0 when it is no target, which no id but 0
	   matches, and 0 lands here; ~0 names slot 31, not 0). */
	envs[0].call_id = ~0u;
	trap_user = env_trap;
	if (platform->clock_start)
		platform->clock_start();
	lance_init();	/* the Ethernet, if the board has one (net/lance.h) */
	disk_init();	/* the SCSI disks, if any (disk/disk.h) */
}

/* Give back everything e holds but its slot and exit record. */
static void env_release(struct env *e)
{
	tlb_flush_asid(e->asid);
	tlb_flush_asid(e->asid + MAX_ENVS);	/* its second id (SYS_cidswitch) */
	page_release_all(e->slot);
	sched_forget(e);
	revoke_forget(e);
	net_env_end(e);
	e->entryhi = 0;
	e->call_id = 0;		/* no longer a target of transfers or yields */
	e->sync_pc = e->async_pc = 0;
	e->fast = 0;
	e->ctx = CTX_LIVE;
	env_nrunnable--;	/* it was runnable (both callers check) */
}

void env_end(struct env *e, const struct env_exit *how)
{
	if (e->state != ENV_STATE_RUNNABLE)
		return;
	env_release(e);
	e->exit = *how;
	e->state = ENV_STATE_ENDED;
	/* Its children have no one to wait for them now. */
	for (unsigned i = 1; i < MAX_ENVS; i++)
		if (envs[i].state && envs[i].parent == e->id) {
			envs[i].parent = 0;
			if (envs[i].state == ENV_STATE_ENDED)
				env_destroy(&envs[i]);
		}
	sched_ended(e);
	/* Nobody will wait for an orphan: its slot is free at once, unless
	   the kernel itself waits for it (sched_run_until). */
	if (!e->parent && !sched_awaited(e))
		env_destroy(e);
}

void env_destroy(struct env *e)
{
	if (e->state == ENV_STATE_RUNNABLE)
		env_release(e);
	if (curenv == e)
		curenv = NULL;
	kmemset(e, 0, sizeof *e);
}

int env_map_device(struct env *e, uint32_t va, uint32_t pa)
{
	if (va >= KSEG0_BASE || (va & (PAGE_SIZE - 1)) || gmap_find(e, va >> PAGE_SHIFT))
		return -1;
	struct gmap *g = gmap_insert(e, va >> PAGE_SHIFT);
	if (!g)
		return -1;
	g->ppn = pa >> PAGE_SHIFT;
	g->device = 1;
	return 0;
}
