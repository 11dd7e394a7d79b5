/*
 * vm.c - ExOS virtual memory (SOSP'95 §6): the page table lives in the
 * library, Aegis only checks capabilities and caches bindings (TLB, STLB).
 *
 * This file is the policy; the tables are behind pt.h, two kinds,
 * selectable with vm_init and switchable at any time (the entries move
 * over):
 *   VM_LINEAR   the original: a vector of (vpn, ppn, cap, prot) kept
 *               sorted by vpn, searched by binary search (pt_linear.c);
 *   VM_INVERTED a hash table keyed by vpn with chaining (an inverted
 *               page table in the sense of the paper's Table 13;
 *               pt_inverted.c).
 * A TLB miss Aegis cannot service (not in the STLB, not a guaranteed
 * mapping) reaches exc_dispatch, which calls vm_fault: look the page up,
 * check the protection, bind it with SYS_tlbwr and the page's capability,
 * retry. Writable pages are bound read-only until written (a store miss
 * or the first XCODE_MOD fault marks them dirty and binds them writable),
 * which is the dirty bit. A protection change rebinds the page with its
 * new rights (SYS_tlbwr replaces the old binding in the TLB and the
 * STLB), or removes the binding (SYS_tlbvadelete, TLBVA_STLB) when the
 * page becomes inaccessible, as unmapping does, so the next access
 * faults. Revocation requests are answered by giving pages back
 * (vm_revoke_upcall), never in the middle of another table operation.
 *
 * Everything here (code, tables, counters) is on pages of the program
 * image, which are guaranteed mappings: the miss handler never misses.
 */
#include <stddef.h>
#include <string.h>
#include "exos.h"
#include "exc.h"
#include "vm.h"
#include "pt.h"

static int kind;
static const struct pt_ops *pt = &pt_linear;	/* kind's table (empty linear until chosen) */
static struct vm_stats st;
unsigned pt_probes;

/* Revocation upcalls arrive at any return to user mode, a clock tick's
   included, so one may interrupt a page-table operation (or its own
   handler, when Aegis asks again meanwhile). Every entry point that reads
   or changes the table counts itself in vm_busy and leaves through done();
   an upcall that finds the table busy only records what Aegis said, and
   the outermost done() does the work. */
static volatile int vm_busy;
static volatile unsigned pend_req;	/* pages asked (Aegis's running total) */
static volatile int pend_repo;		/* pages taken: see the vector */
static void revoke_work(void);
static int cow_break(struct pte *p);

/* The revocation work an operation found waiting, the table ours again. */
static __attribute__((noinline)) int done_slow(int r)
{
	do {
		vm_busy++;
		revoke_work();
	} while (--vm_busy == 0 && (pend_req || pend_repo));
	return r;
}

/* Leave an operation. An upcall before the decrement found us busy and
   left its work here; one after it found us idle and did the work. */
static inline int done(int r)
{
	if (--vm_busy == 0 && (pend_req || pend_repo))
		return done_slow(r);
	return r;
}

/* The fault paths' lookup hints: for each of NHINT classes of vpn, the
   entry found last (a direct-mapped cache of table entries in front of
   either table, as the STLB is in front of the page table). A hint is
   only a pointer to a slot: it counts when the slot still holds that
   vpn and PTE_USED (pt.h: a slot holds them only while it is the vpn's
   entry), so a table that moves or removes entries needs no other
   invalidation; a switch of tables (vm_init) clears them all. The
   queries (vm_is_dirty, vm_lookup) search the table itself, so that
   Table 13's dirty row still compares the tables. */
#define NHINT	256
/* A hint that names nothing: a slot never in a table, PTE_USED clear, so
   that every hint test (find_hinted, vm_mod_fault, exc_asm.S) fails on
   it and no hint is ever NULL (exc_asm.S's XCODE_MOD test then needs
   no NULL test: one instruction less). */
static struct pte hint_none;
/* exc_asm.S reads it (XCODE_MOD's test), gp-relative: small data. */
struct pte *vm_hint[NHINT] __attribute__((section(".sdata"))) = { [0 ... NHINT - 1] = &hint_none };
/* What exc_asm.S's copy of vm_mod_fault's first test assumes (its
   VM_NHINT, PTE_PROT, EXC_PTE_USED, EXC_VM_WRITE): one halfword load at
   PTE_PROT gives prot | flags << 8. */
_Static_assert(NHINT == 256 && offsetof(struct pte, vpn) == 0 && offsetof(struct pte, prot) == 12 &&
		       offsetof(struct pte, flags) == 13 && PTE_USED == 1 && VM_WRITE == 2 &&
		       __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
	       "exc_asm.S's copy of vm_mod_fault's test");

static inline __attribute__((always_inline)) struct pte *find_hinted(uint32_t vpn)
{
	struct pte **h = &vm_hint[vpn & (NHINT - 1)], *p = *h;
	if (p->vpn == vpn && (p->flags & PTE_USED))
		return p;
	p = pt->find(vpn);
	*h = p ? p : &hint_none;
	return p;
}

/* One entry's contents into another table's entry (its link kept). */
static void pte_copy(struct pte *to, const struct pte *from)
{
	uint16_t next = to->next;
	*to = *from;
	to->next = next;
}

int vm_init(int k)
{
	vm_busy++;
	if (k != VM_LINEAR && k != VM_INVERTED)
		return done(-AEGIS_EINVAL);
	const struct pt_ops *to = k == VM_INVERTED ? &pt_inverted : &pt_linear;
	if (!kind) {
		kind = k;
		pt = to;
		pt->reset();
		return done(0);
	}
	if (k == kind)
		return done(0);
	/* Move every entry over. */
	for (int i = 0; i < NHINT; i++)
		vm_hint[i] = &hint_none;
	to->reset();
	for (int i = 0; i < pt->slots(); i++) {
		struct pte *p = pt->slot(i);
		if (p)
			pte_copy(to->insert(p->vpn), p);
	}
	pt->reset();
	pt = to;
	kind = k;
	return done(0);
}

int vm_kind(void)
{
	return kind;
}

/* The TLBWR flags p's binding gets: writable only once dirty. */
static unsigned tlb_flags(const struct pte *p)
{
	return ((p->prot & VM_WRITE) && (p->flags & PTE_DIRTY) && !(p->flags & PTE_COW) ?
		TLBWR_WRITE : 0) |
	       (p->prot & VM_UNCACHED ? TLBWR_UNCACHED : 0);
}

/* Bind p's page in the TLB and STLB with what its state allows. */
static int bind(struct pte *p)
{
	unsigned fl = tlb_flags(p);
	int r = sys_tlbwr(p->vpn << 12, p->ppn, p->cap, fl);
	if (r == 0)
		p->flags = (uint8_t)((p->flags & ~PTE_WBOUND) | PTE_BOUND | (fl & TLBWR_WRITE ? PTE_WBOUND : 0));
	return r;
}

static void unbind(struct pte *p)
{
	sys_tlbvadelete(p->vpn << 12, TLBVA_STLB);
	p->flags &= ~(PTE_BOUND | PTE_WBOUND);
}

/* A capability nobody can guess cheaply: mixes the counter, the
   environment and a sequence number. */
static uint32_t new_cap(uint32_t va)
{
	static uint32_t seq = 0x9e3779b9u;
	uint32_t x = seq += 0x6d2b79f5u;
	x ^= (uint32_t)exos_cycles() ^ va ^ (AEGIS_ENV_SLOT(exos_envid) << 24);
	x ^= x >> 15;
	x *= 0x2c1b3c6du;
	x ^= x >> 12;
	return x | 1;
}

int vm_alloc(uint32_t va, int prot, uint32_t *ppn_out, uint32_t *cap_out)
{
	vm_busy++;
	if (!kind)
		vm_init(VM_LINEAR);
	if ((va & (VM_PAGE_SIZE - 1)) || va >= USER_LIMIT)
		return done(-AEGIS_EINVAL);
	uint32_t vpn = va >> 12;
	if (pt->find(vpn))
		return done(-AEGIS_EBUSY);
	uint32_t cap = new_cap(va);
	int ppn;
	for (int tries = 0;; tries++) {
		ppn = sys_alloc(cap, cap);
		if (ppn != -AEGIS_EAGAIN || tries > 100)
			break;
		sys_yield(0);	/* memory is being revoked from someone */
	}
	if (ppn < 0)
		return done(ppn);
	struct pte *p = pt->insert(vpn);
	if (!p) {
		sys_dealloc(ppn);
		return done(-AEGIS_ENOMEM);
	}
	p->ppn = ppn;
	p->cap = cap;
	p->prot = prot & (VM_READ | VM_WRITE | VM_UNCACHED);
	p->flags |= PTE_OWNED | ((prot & VM_PINNED) ? PTE_PINNED : 0);
	if (ppn_out)
		*ppn_out = ppn;
	if (cap_out)
		*cap_out = cap;
	/* Bind at once (read-only until the first write: the dirty bit).
	   Aegis upcalls no TLB miss taken in a branch delay slot, which
	   compiled code is full of, so a page is bound before anyone
	   touches it; a later miss (the STLB entry displaced) goes through
	   vm_fault. VM_LAZY leaves even the first access to vm_fault. */
	if ((prot & VM_READ) && !(prot & VM_LAZY))
		bind(p);
	return done(0);
}

int vm_map(uint32_t va, uint32_t ppn, uint32_t cap, int prot)
{
	vm_busy++;
	if (!kind)
		vm_init(VM_LINEAR);
	if ((va & (VM_PAGE_SIZE - 1)) || va >= USER_LIMIT)
		return done(-AEGIS_EINVAL);
	uint32_t vpn = va >> 12;
	if (pt->find(vpn))
		return done(-AEGIS_EBUSY);
	struct pte *p = pt->insert(vpn);
	if (!p)
		return done(-AEGIS_ENOMEM);
	p->ppn = ppn;
	p->cap = cap;
	p->prot = prot;
	/* Bind now when readable: Aegis checks the capability here. */
	if (prot & VM_READ) {
		int r = bind(p);
		if (r < 0) {
			pt->remove(vpn);
			return done(r);
		}
	}
	return done(0);
}

int vm_unmap(uint32_t va)
{
	vm_busy++;
	uint32_t vpn = va >> 12;
	struct pte *p = pt->find(vpn);
	if (!p)
		return done(-AEGIS_EINVAL);
	unbind(p);
	if (p->flags & PTE_COW)
		sys_page_drop(p->ppn);	/* others hold it: let go, never free */
	else if (p->flags & PTE_OWNED)
		sys_dealloc(p->ppn);
	pt->remove(vpn);
	return done(0);
}

/* What p's binding should be: tlb_flags, or -1 for none (no access). */
static int bind_flags(const struct pte *p)
{
	return p->prot & VM_READ ? (int)tlb_flags(p) : -1;
}

/* vm_protect's batch: bindings that lose rights are lowered together,
   in one SYS_tlbprot over the pages from lo_vpn to hi_vpn, after the
   table walk (not one SYS_tlbwr or SYS_tlbvadelete per page). */
static uint32_t lo_vpn, hi_vpn;
static int nlower;

/* Ranges this long or longer get their new write rights lazily: the
   binding stays read-only and the first store to each page faults
   (XCODE_MOD) into vm_mod_fault, which binds it writable, as it does
   for the dirty bit. A shorter one (appel1/appel2's handlers open one
   page, whose store is retried at once) is bound writable now. */
#define LAZY_WRITE_MIN	16
static int lazy_write;

/* The page joins the batch of bindings to lower. */
static void batch_add(uint32_t vpn)
{
	if (!nlower++ || vpn < lo_vpn)
		lo_vpn = vpn;
	if (nlower == 1 || vpn > hi_vpn)
		hi_vpn = vpn;
}

/* New rights for one page. A binding that loses rights joins the batch:
   removed (no access), or made read-only if it was writable
   (PTE_WBOUND). One that gains write is bound writable now (SYS_tlbwr
   replaces the old binding in the TLB and the STLB), or, in a long
   range, at the first store (lazy_write). Any other change (a page not
   bound yet, VM_UNCACHED) is a new binding. */
static void reprotect(struct pte *p, int prot)
{
	int was = bind_flags(p);
	p->prot = prot;
	int now = bind_flags(p);
	if (!(p->flags & PTE_BOUND)) {
		if (now >= 0 && bind(p) < 0)
			unbind(p);	/* no stale rights left behind */
		return;
	}
	if (now < 0) {
		p->flags &= ~(PTE_BOUND | PTE_WBOUND);
		batch_add(p->vpn);
		return;
	}
	if ((now | TLBWR_WRITE) == (was | TLBWR_WRITE)) {
		/* At most the write right changes. */
		if (!(now & TLBWR_WRITE) && (p->flags & PTE_WBOUND)) {
			p->flags &= ~PTE_WBOUND;
			batch_add(p->vpn);
		} else if ((now & TLBWR_WRITE) && !(p->flags & PTE_WBOUND) && !lazy_write && bind(p) < 0) {
			unbind(p);
		}
		return;
	}
	if (bind(p) < 0)
		unbind(p);
}

/* Lower the batch's bindings: read-only, or removed (none). A range
   Aegis refuses (it covers a guaranteed mapping of ours) goes page by
   page as before. */
static void lower_batch(int none)
{
	uint32_t flags = none ? TLBPROT_NONE : 0;
	for (uint32_t v = lo_vpn; nlower && v <= hi_vpn;) {
		uint32_t n = hi_vpn - v + 1 > TLBPROT_MAXPAGES ? TLBPROT_MAXPAGES : hi_vpn - v + 1;
		if (sys_tlbprot(v << 12, n, flags) < 0) {
			for (uint32_t k = v; k < v + n; k++) {
				struct pte *p = pt->find(k);
				if (!p)
					continue;
				if (none || (p->flags & PTE_BOUND))
					sys_tlbvadelete(k << 12, TLBVA_STLB);
				if (!none && (p->flags & PTE_BOUND) && bind(p) < 0)
					unbind(p);
			}
		}
		v += n;
	}
	nlower = 0;
}

/* reprotect with the common cases inline: a bound page whose
   protection changes only in VM_WRITE, with no copy-on-write share.
   Losing write lowers the binding if it is writable (PTE_WBOUND);
   gaining it in a long range leaves the binding as it is (lazy_write).
   Anything else goes through reprotect. */
static inline __attribute__((always_inline)) void quick_reprotect(struct pte *p, int prot, int fast_gain)
{
	unsigned f = p->flags, diff = p->prot ^ (unsigned)prot;
	if (diff == 0)
		return;
	if (diff != VM_WRITE || (f & (PTE_BOUND | PTE_COW)) != PTE_BOUND || (!fast_gain && (prot & VM_WRITE))) {
		reprotect(p, prot);
		return;
	}
	p->prot = (uint8_t)prot;
	if (f & PTE_WBOUND) {
		/* Losing write (gaining it, the binding was read-only): lower
		   it with the batch (entries come in vpn order: the first
		   sets lo_vpn). */
		p->flags = (uint8_t)(f & ~PTE_WBOUND);
		if (!nlower++)
			lo_vpn = p->vpn;
		hi_vpn = p->vpn;
	}
}

static void span_reprotect(struct pte *p, int n, int prot)
{
	int fast_gain = lazy_write && (prot & VM_WRITE);
	for (struct pte *end = p + n; p < end; p++)
		quick_reprotect(p, prot, fast_gain);
}

/* The same for a table that visits the range page by page (each_in,
   in vpn order: the inverted table). */
static void each_reprotect(struct pte *p, int prot)
{
	quick_reprotect(p, prot, lazy_write && (prot & VM_WRITE));
}

/* A bound page, not shared copy-on-write, whose protection changes only
   in VM_WRITE and stays readable: the single-page change of prot1 and of
   Appel and Li's handlers. */
static inline __attribute__((always_inline)) int write_flip(const struct pte *p, int prot)
{
	return (p->prot ^ (unsigned)prot) == VM_WRITE && (prot & VM_READ) &&
	       (p->flags & (PTE_BOUND | PTE_COW)) == PTE_BOUND;
}

/* The TLBWR flags of a write_flip page that gains write and was written
   (PTE_DIRTY): writable now, as reprotect binds it. */
static inline __attribute__((always_inline)) unsigned open_flags(int prot)
{
	return TLBWR_WRITE | (prot & VM_UNCACHED ? TLBWR_UNCACHED : 0);
}

/* One page (prot1; appel1 and appel2's handlers): found through the
   hint, no range machinery. A write_flip is done here with one Aegis
   call at most: losing write lowers a writable binding (SYS_tlbprot of
   one page), gaining it binds a dirty page writable now (SYS_tlbwr), a
   clean one at its first store (vm_mod_fault: the dirty bit). Anything
   else goes through reprotect. */
static __attribute__((noinline)) int protect_one(uint32_t vpn, int prot)
{
	vm_busy++;
	struct pte *p = find_hinted(vpn);
	if (!p)
		return done(-AEGIS_EINVAL);
	if (write_flip(p, prot)) {
		unsigned f = p->flags;
		p->prot = (uint8_t)prot;
		if (prot & VM_WRITE) {
			if ((f & (PTE_DIRTY | PTE_WBOUND)) == PTE_DIRTY) {
				if (sys_tlbwr(vpn << 12, p->ppn, p->cap, open_flags(prot)) == 0)
					p->flags = (uint8_t)(f | PTE_WBOUND);
				else
					unbind(p);	/* no stale rights left behind */
			}
		} else if (f & PTE_WBOUND) {
			p->flags = (uint8_t)(f & ~PTE_WBOUND);
			if (sys_tlbprot(vpn << 12, 1, 0) < 0) {
				nlower = 0;	/* refused: lower_batch's page-by-page way */
				batch_add(vpn);
				lower_batch(0);
			}
		}
		return done(0);
	}
	nlower = 0;
	lazy_write = 0;
	reprotect(p, prot);
	if (nlower)
		lower_batch(!(prot & VM_READ));
	return done(0);
}

static __attribute__((noinline)) int protect_range(uint32_t vpn, uint32_t evpn, int prot)
{
	vm_busy++;
	int n = 0;
	nlower = 0;
	lazy_write = evpn - vpn >= LAZY_WRITE_MIN;
	struct pte *p = pt->span ? pt->span(vpn, evpn, &n) : 0;
	if (p)
		span_reprotect(p, n, prot);
	else
		n = pt->each_in(vpn, evpn, each_reprotect, prot);
	lower_batch(!(prot & VM_READ));
	return done(n ? 0 : -AEGIS_EINVAL);
}

/* Two pages at once (vm.h). When the first loses write and the second,
   dirty, gains it (both write_flips), one SYS_tlbwrprot lowers the
   first's binding and binds the second writable; else it is the two
   protect_one calls. Both pages are looked up before anything changes. */
int vm_protect2(uint32_t va1, int prot1, uint32_t va2, int prot2)
{
	vm_busy++;
	struct pte *p = find_hinted(va1 >> 12), *q = find_hinted(va2 >> 12);
	if (!p || !q)
		return done(-AEGIS_EINVAL);
	unsigned pf = p->flags, qf = q->flags;
	if (p != q && write_flip(p, prot1) && !(prot1 & VM_WRITE) && (pf & PTE_WBOUND) && write_flip(q, prot2) &&
	    (prot2 & VM_WRITE) && (qf & (PTE_DIRTY | PTE_WBOUND)) == PTE_DIRTY &&
	    sys_tlbwrprot(q->vpn << 12, q->ppn, q->cap, open_flags(prot2) | p->vpn << 12) == 0) {
		p->prot = (uint8_t)prot1;
		p->flags = (uint8_t)(pf & ~PTE_WBOUND);
		q->prot = (uint8_t)prot2;
		q->flags = (uint8_t)(qf | PTE_WBOUND);
		return done(0);
	}
	protect_one(va1 >> 12, prot1);
	protect_one(va2 >> 12, prot2);
	return done(0);
}

int vm_protect(uint32_t va, uint32_t len, int prot)
{
	uint32_t end = va + len, vpn = va >> 12;
	if (end <= (va & ~(VM_PAGE_SIZE - 1)))
		return -AEGIS_EINVAL;	/* empty, or wraps around */
	uint32_t evpn = (end >> 12) + ((end & (VM_PAGE_SIZE - 1)) != 0);
	return evpn - vpn == 1 ? protect_one(vpn, prot) : protect_range(vpn, evpn, prot);
}

int vm_lookup(uint32_t va, uint32_t *ppn, uint32_t *cap, int *prot)
{
	vm_busy++;
	struct pte *p = pt->find(va >> 12);
	if (!p)
		return done(-AEGIS_EINVAL);
	if (ppn)
		*ppn = p->ppn;
	if (cap)
		*cap = p->cap;
	if (prot)
		*prot = p->prot;
	return done(0);
}

int vm_is_dirty(uint32_t va)
{
	vm_busy++;
	struct pte *p = pt->find(va >> 12);
	if (!p)
		return done(-AEGIS_EINVAL);
	return done((p->flags & PTE_DIRTY) != 0);
}

int vm_clean(uint32_t va)
{
	vm_busy++;
	struct pte *p = pt->find(va >> 12);
	if (!p)
		return done(-AEGIS_EINVAL);
	p->flags &= ~PTE_DIRTY;
	unbind(p);
	if (p->prot & VM_READ)
		bind(p);	/* read-only: the next write faults */
	return done(0);
}

int vm_count(void)
{
	return pt->count();
}

int vm_owned(void)
{
	vm_busy++;
	int n = 0;
	for (int i = 0; i < pt->slots(); i++) {
		struct pte *p = pt->slot(i);
		if (p && (p->flags & PTE_OWNED))
			n++;
	}
	return done(n);
}

void vm_get_stats(struct vm_stats *s)
{
	*s = st;
	s->probes = pt_probes;
}

/* ---- fork: copy-on-write ---- */

/* A page for a copy, mapped writable at COW_SCRATCH while it is filled
   (below the counter page; no program maps there). */
#define COW_SCRATCH	0x7fe00000u

/* The first write to a page shared with a forked process: copy it into
   a new page of our own and let go of the shared one (the other side
   keeps it; the last to let go frees it). */
static int cow_break(struct pte *p)
{
	uint32_t cap = new_cap(p->vpn << 12);
	int ppn;
	for (int tries = 0;; tries++) {
		ppn = sys_alloc(cap, cap);
		if (ppn != -AEGIS_EAGAIN || tries > 100)
			break;
		sys_yield(0);
	}
	if (ppn < 0)
		return VM_FAULT_CAP;
	/* Both pages bound before the copy: the old one read-only. */
	if (sys_tlbwr(COW_SCRATCH, (uint32_t)ppn, cap, TLBWR_WRITE) < 0 || bind(p) < 0) {
		sys_dealloc((uint32_t)ppn);
		return VM_FAULT_CAP;
	}
	memcpy((void *)COW_SCRATCH, (const void *)(p->vpn << 12), VM_PAGE_SIZE);
	sys_tlbvadelete(COW_SCRATCH, TLBVA_STLB);
	sys_page_drop(p->ppn);
	p->ppn = (uint32_t)ppn;
	p->cap = cap;
	p->flags = (uint8_t)((p->flags & ~PTE_COW) | PTE_OWNED | PTE_DIRTY);
	st.cow_copies++;
	return bind(p) < 0 ? VM_FAULT_CAP : 0;
}

int vm_fork_share(struct aegis_env_page *pages, int max)
{
	vm_busy++;
	int n = 0;
	for (int i = 0; i < pt->slots(); i++) {
		struct pte *p = pt->slot(i);
		if (!p || !(p->flags & (PTE_OWNED | PTE_COW)))
			continue;	/* someone else's page: the child maps it as we do */
		if (n == max)
			return done(-AEGIS_ENOMEM);
		if (!(p->flags & PTE_COW)) {
			/* A read capability only the two processes know: the
			   write capability is forgotten, so neither can write
			   the shared page (only its owner could set new ones). */
			uint32_t rcap = new_cap(p->vpn << 12);
			if (sys_setcap(p->ppn, rcap, new_cap(p->ppn)) < 0)
				return done(-AEGIS_EPERM);
			p->cap = rcap;
			p->flags |= PTE_COW;
			p->flags &= ~(PTE_BOUND | PTE_WBOUND);	/* setcap broke the bindings */
		}
		pages[n].vpn = 0;
		pages[n].ppn = p->ppn;
		pages[n].cap = p->cap;
		pages[n].flags = AEGIS_PG_SHARE;
		n++;
		if (p->prot & VM_READ)
			bind(p);	/* read-only now */
	}
	return done(n);
}

int vm_private(uint32_t va, uint32_t *ppn, uint32_t *cap)
{
	vm_busy++;
	struct pte *p = pt->find(va >> 12);
	if (!p || !(p->flags & (PTE_OWNED | PTE_COW)))
		return done(-AEGIS_EINVAL);
	if ((p->flags & PTE_COW) && cow_break(p) != 0)
		return done(-AEGIS_ENOMEM);
	*ppn = p->ppn;
	*cap = p->cap;
	return done(0);
}

void vm_fork_child(void)
{
	vm_busy++;
	for (int i = 0; i < pt->slots(); i++) {
		struct pte *p = pt->slot(i);
		if (!p)
			continue;
		if (p->flags & PTE_COW)
			p->flags &= ~PTE_OWNED;	/* held: the parent owns it */
		p->flags &= ~(PTE_BOUND | PTE_WBOUND);
		/* Bound before anyone touches it, as vm_alloc does. */
		if (p->prot & VM_READ)
			bind(p);
	}
	done(0);
}

/* The miss path (from exc_dispatch): 0 when bound, VM_FAULT_* if not. */
int vm_fault(uint32_t va, int write)
{
	vm_busy++;
	struct pte *p = find_hinted(va >> 12);
	if (!p) {
		st.segv++;
		return done(VM_FAULT_UNMAPPED);
	}
	if (!(p->prot & VM_READ) || (write && !(p->prot & VM_WRITE))) {
		st.segv++;
		return done(VM_FAULT_PROT);
	}
	if (write && (p->flags & PTE_COW))
		return done(cow_break(p));
	if (write && !(p->flags & PTE_DIRTY)) {
		p->flags |= PTE_DIRTY;
		st.dirty_faults++;
	}
	st.misses++;
	if (bind(p) < 0) {
		st.segv++;
		return done(VM_FAULT_CAP);
	}
	return done(0);
}

/* A store to a page bound read-only (XCODE_MOD). */
static __attribute__((noinline)) int mod_fault(uint32_t va)
{
	vm_busy++;
	struct pte *p = find_hinted(va >> 12);
	if (!p)
		return done(VM_FAULT_UNMAPPED);
	if (!(p->prot & VM_WRITE))
		return done(VM_FAULT_PROT);
	if (p->flags & PTE_COW)
		return done(cow_break(p));
	if (!(p->flags & PTE_DIRTY)) {
		p->flags |= PTE_DIRTY;
		st.dirty_faults++;
	}
	if (bind(p) < 0)
		return done(VM_FAULT_CAP);
	return done(0);
}

/* The trap's common case first (Table 10's trap, appel1/appel2): a
   store to a read-only page whose entry the hint still names is only
   reported, so neither vm_busy nor a stack frame is needed; it reads
   the entry and changes nothing, so a revocation upcall landing in
   between cannot be hurt (the answer is the page's protection at the
   fault, as it would be had the upcall come after). The rest as before.
   exc_asm.S makes this first test itself before calling here (it
   calls the handler straight on a hit), so this one counts for other
   callers and the trampoline's misses. */
int vm_mod_fault(uint32_t va)
{
	uint32_t vpn = va >> 12;
	const struct pte *p = vm_hint[vpn & (NHINT - 1)];
	/* One test for "this vpn's live entry, not writable". */
	if (!((p->vpn ^ vpn) | (~p->flags & PTE_USED) | (p->prot & VM_WRITE)))
		return VM_FAULT_PROT;
	return mod_fault(va);
}

/* ---- revocation ---- */

uint32_t vm_revoke_vector[64] __attribute__((aligned(8)));

/* Give back up to n pages Aegis asked for: owned pages that are not
   pinned (the heap's are), clean ones first, highest addresses first.
   What cannot be given back Aegis repossesses at the deadline. */
static void give_back(unsigned n)
{
	for (int pass = 0; pass < 2 && n; pass++)
		for (int i = pt->slots() - 1; i >= 0 && n; i--) {
			struct pte *p = pt->slot(i);
			if (!p || !(p->flags & PTE_OWNED) || (p->flags & (PTE_PINNED | PTE_COW)))
				continue;
			if (pass == 0 && (p->flags & PTE_DIRTY))
				continue;
			uint32_t vpn = p->vpn;
			unbind(p);
			sys_dealloc(p->ppn);
			pt->remove(vpn);
			st.revoked++;
			n--;
		}
}

/* Pages Aegis took: forget them. */
static void repossessed(void)
{
	unsigned n = vm_revoke_vector[0];
	if (n > 63)
		n = 63;
	for (unsigned k = 1; k <= n; k++)
		for (int i = 0; i < pt->slots(); i++) {
			struct pte *p = pt->slot(i);
			if (p && (p->flags & PTE_OWNED) && p->ppn == vm_revoke_vector[k]) {
				uint32_t vpn = p->vpn;
				sys_tlbvadelete(vpn << 12, TLBVA_STLB);
				pt->remove(vpn);
				st.revoked++;
				break;
			}
		}
	vm_revoke_vector[0] = 0;
}

static void revoke_work(void)
{
	if (pend_repo) {
		pend_repo = 0;
		repossessed();
	}
	if (pend_req) {
		unsigned n = pend_req;
		pend_req = 0;
		give_back(n);
	}
}

/* From exc_revoke_entry: f->badvaddr = kind, f->cause = pages. */
void vm_revoke_upcall(struct exc_frame *f);
void vm_revoke_upcall(struct exc_frame *f)
{
	if (f->badvaddr == REVOKE_REQUEST)
		pend_req = f->cause;
	else if (f->badvaddr == REVOKE_REPOSSESSED)
		pend_repo = 1;
	if (!vm_busy)
		done_slow(0);	/* else the operation under way does it when done */
}
