/*
 * env.c - creating, running and ending environments. The loader checks
 * every field of the program's ELF image before use (a malformed image
 * is refused, never trusted), places its segments in pages the
 * environment owns, and records them as guaranteed mappings, which Aegis
 * services on a TLB miss (SOSP'95 §5.3).
 */
#include "env.h"
#include "kernel.h"
#include "mem.h"
#include "mips.h"
#include "tlb.h"
#include "trap.h"
#include <aegis/exception.h>
#include <aegis/syscall.h>

struct env envs[MAX_ENVS];
struct env *curenv;
void sys_entry(void);	/* sysentry.S: the system-call route */

/* The kernel context env_run() returns to when the environment ends. */
struct kctx { uint32_t s[8], sp, fp, ra, gp; };
int kctx_save(struct kctx *k);				/* entry.S: 0, then 1 */
void kctx_restore(const struct kctx *k) __attribute__((noreturn));
void trap_return(const struct trapframe *tf) __attribute__((noreturn));
static struct kctx run_ctx;

static uint32_t le32(const uint8_t *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }
static uint16_t le16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }

static struct gmap *gmap_find(struct env *e, uint32_t vpn)
{
	for (int i = 0; i < e->ngmap; i++)
		if (e->gmap[i].vpn == vpn)
			return &e->gmap[i];
	return NULL;
}

/* The page at vpn, allocated and mapped if new. */
static struct gmap *map_page(struct env *e, uint32_t vpn, int writable)
{
	struct gmap *g = gmap_find(e, vpn);
	if (!g) {
		if (e->ngmap == MAX_GMAPS)
			return NULL;
		uint32_t ppn = page_alloc(e->id);
		if (!ppn)
			return NULL;
		g = &e->gmap[e->ngmap++];
		g->vpn = vpn;
		g->ppn = ppn;
		g->writable = 0;
	}
	g->writable |= writable;
	return g;
}

static struct env *load_fail(struct env *e, const char **why, const char *reason)
{
	page_release_all(e->id);
	e->id = 0;
	*why = reason;
	return NULL;
}

struct env *env_create(const void *image, uint32_t size, const char **why)
{
	const uint8_t *f = image;
	struct env *e = NULL;
	for (int i = 0; i < MAX_ENVS && !e; i++)
		if (!envs[i].id)
			e = &envs[i];
	if (!e) {
		*why = "no free environment";
		return NULL;
	}
	kmemset(e, 0, sizeof *e);
	e->id = (unsigned)(e - envs) + 1;
	e->asid = e->id;
	xc_init(&e->xc);
	e->xc.route[EXC_SYS] = (uint32_t)sys_entry;
	e->entryhi = e->asid << 6;

	if (size < 52 || kstrncmp((const char *)f, "\177ELF", 4) != 0 || f[4] != 1 || f[5] != 1)
		return load_fail(e, why, "not a 32-bit little-endian ELF image");
	if (le16(f + 18) != 8 || le16(f + 16) != 2)
		return load_fail(e, why, "not a MIPS executable");
	uint32_t entry = le32(f + 24), phoff = le32(f + 28);
	uint16_t phentsize = le16(f + 42), phnum = le16(f + 44);
	if (phentsize < 32 || phoff > size || (uint32_t)phnum * phentsize > size - phoff)
		return load_fail(e, why, "program headers outside the image");

	int entry_ok = 0;
	for (unsigned i = 0; i < phnum; i++) {
		const uint8_t *ph = f + phoff + i * phentsize;
		if (le32(ph) != 1 /* PT_LOAD */)
			continue;
		uint32_t off = le32(ph + 4), va = le32(ph + 8);
		uint32_t filesz = le32(ph + 16), memsz = le32(ph + 20);
		int writable = (le32(ph + 24) & 2) != 0;	/* PF_W */
		if (memsz == 0)
			continue;
		if (filesz > memsz || off > size || filesz > size - off)
			return load_fail(e, why, "a segment lies outside the image");
		if (va < USER_TEXT_BASE || memsz > USER_TOP - USER_TEXT_BASE ||
		    va > USER_TOP - memsz)
			return load_fail(e, why, "a segment lies outside the user address space");
		for (uint32_t a = va & ~(PAGE_SIZE - 1); a < va + memsz; a += PAGE_SIZE) {
			struct gmap *g = map_page(e, a >> PAGE_SHIFT, writable);
			if (!g)
				return load_fail(e, why, "out of memory or mappings");
			/* Copy the part of the file that falls in this page. */
			uint32_t lo = a > va ? a : va;
			uint32_t hi = a + PAGE_SIZE < va + filesz ? a + PAGE_SIZE : va + filesz;
			if (lo < hi)
				kmemcpy((char *)KSEG0(g->ppn << PAGE_SHIFT) + (lo - a),
					f + off + (lo - va), hi - lo);
		}
		if (entry - va < memsz)
			entry_ok = 1;
	}
	if (!entry_ok || (entry & 3))
		return load_fail(e, why, "the entry point is not in a loaded segment");
	for (uint32_t i = 1; i <= USER_STACK_PAGES; i++)
		if (!map_page(e, (USER_TOP >> PAGE_SHIFT) - i, 1))
			return load_fail(e, why, "out of memory for the stack");

	e->tf.epc = entry;
	/* Until it names its own, a synchronous protected control transfer
	   enters a new environment at its start. */
	e->sync_pc = e->async_pc = entry;
	e->tf.sp = USER_TOP - 16;
	/* After rfe: user mode, interrupts off (slices come later). */
	e->tf.status = SR_KUP;
	return e;
}

uint32_t env_translate(const struct env *e, uint32_t va, int write)
{
	if (va >= KSEG0_BASE)
		return 0;
	for (int i = 0; i < e->ngmap; i++)
		if (e->gmap[i].vpn == va >> PAGE_SHIFT) {
			if ((write && !e->gmap[i].writable) || e->gmap[i].device)
				return 0;
			return (e->gmap[i].ppn << PAGE_SHIFT) | (va & (PAGE_SIZE - 1));
		}
	return 0;
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

int env_tlb_refill(struct env *e, uint32_t badvaddr)
{
	if (badvaddr >= KSEG0_BASE)
		return -1;
	struct gmap *g = gmap_find(e, badvaddr >> PAGE_SHIFT);
	if (!g)
		return -1;
	tlb_insert((badvaddr & 0xfffff000u) | (e->asid << 6),
		   (g->ppn << PAGE_SHIFT) | ELO_V | (g->writable ? ELO_D : 0) |
		   (g->device ? ELO_N : 0));
	return 0;
}

/* Hand an exception to the environment's handler as exc.S does (a0..a2
   saved, a0 = EPC, a1 = BadVAddr, a2 = Cause), from C: for causes that
   Aegis looks at first. */
static void deliver_to_user(struct env *e, struct trapframe *tf, unsigned code)
{
	uint32_t *save = (uint32_t *)e->xc.save[code];
	save[XSAVE_A0 / 4] = tf->a0;
	save[XSAVE_A1 / 4] = tf->a1;
	save[XSAVE_A2 / 4] = tf->a2;
	tf->a0 = tf->epc;
	tf->a1 = tf->badvaddr;
	tf->a2 = tf->cause;
	tf->epc = e->xc.uhandler[code];
}

/* An exception in user mode: a system call, a TLB miss Aegis services
   (a guaranteed mapping), or - until exceptions are dispatched to the
   application's own handlers - the end of the environment. */
static void env_trap(struct trapframe *tf, struct xc *from, unsigned code)
{
	/* Protected control transfers change environments without the
	   kernel's C code: the routing block that was current says which one
	   trapped (its struct env begins with it). */
	curenv = (struct env *)from;
	/* System calls take sysentry.S's paths; one in a branch delay slot
	   could not be returned from, and ends the environment below. */
	if (code == EXC_TLBL || code == EXC_TLBS) {
		if (env_tlb_refill(curenv, tf->badvaddr) == 0)
			return;
		/* Not a guaranteed mapping: the environment's own TLB-miss
		   handler walks its page table and binds the page with
		   SYS_tlbwr (SOSP'95 §5.3). */
		if (curenv->xc.uhandler[code] && tf->badvaddr < KSEG0_BASE &&
		    !(tf->cause & CAUSE_BD)) {
			deliver_to_user(curenv, tf, code);
			return;
		}
	}
	env_exit_current(-1, 1, tf);
}

void env_init(void)
{
	mem_init();
	trap_user = env_trap;
}

void env_destroy(struct env *e)
{
	tlb_flush_asid(e->asid);
	page_release_all(e->id);
	e->entryhi = 0;		/* no longer a target of transfers */
	e->sync_pc = e->async_pc = 0;
	e->id = 0;
	if (curenv == e)
		curenv = NULL;
}

struct env_exit env_run(struct env *e)
{
	if (kctx_save(&run_ctx) == 0) {
		curenv = e;
		mtc0(C0_ENTRYHI, e->entryhi);
		cur_xc = &e->xc;
		trap_return(&e->tf);
	}
	/* Back here through env_exit_current(), with cur_xc = &kernel_xc.
	   With protected control transfers the one that ended may be another
	   environment than e: report whichever it was. */
	struct env *ended = curenv ? curenv : e;
	struct env_exit x = ended->exit;
	mtc0(C0_ENTRYHI, 0);
	e = ended;
	env_destroy(e);
	return x;
}

void env_exit_syscall(int status)
{
	struct env *e = curenv;
	e->exit.status = status;
	e->exit.killed = 0;
	e->exit.exc_code = EXC_SYS;
	kctx_restore(&run_ctx);
}

void env_exit_current(int status, int killed, const struct trapframe *tf)
{
	struct env *e = curenv;
	e->exit.status = status;
	e->exit.killed = killed;
	e->exit.exc_code = (tf->cause & CAUSE_EXC_MASK) >> CAUSE_EXC_SHIFT;
	e->exit.epc = tf->epc;
	e->exit.badvaddr = tf->badvaddr;
	kctx_restore(&run_ctx);
}

int env_map_device(struct env *e, uint32_t va, uint32_t pa)
{
	if (va >= KSEG0_BASE || (va & (PAGE_SIZE - 1)) || gmap_find(e, va >> PAGE_SHIFT) ||
	    e->ngmap == MAX_GMAPS)
		return -1;
	struct gmap *g = &e->gmap[e->ngmap++];
	g->vpn = va >> PAGE_SHIFT;
	g->ppn = pa >> PAGE_SHIFT;
	g->writable = 0;
	g->device = 1;
	return 0;
}
