/*
 * mem.c - the physical page allocator. RAM's size comes from the PROM's
 * memory bitmap (one bit per 4 KB page, NetBSD dec_prom.h); the pages the
 * kernel image and its boot stack occupy, and everything below it (the
 * exception vectors and the PROM's own area), belong to the kernel.
 */
#include "kernel.h"
#include "mem.h"
#include "mips.h"
#include "prom.h"
#include "tlb.h"
#include <aegis/syscall.h>

#define MAX_PAGES	(128u << 20 >> PAGE_SHIFT)	/* up to 128 MB tracked */

static uint16_t owner[MAX_PAGES];
static uint8_t capable[MAX_PAGES];	/* allocated with capabilities */
static uint8_t guaranteed[MAX_PAGES];	/* never repossessed (SOSP'95 §5.7) */
static uint16_t nguaranteed[256];	/* per owner id below 256 */
static uint32_t rcap[MAX_PAGES], wcap[MAX_PAGES];
/* Environments (one bit per slot) that hold a page besides its owner. */
static uint32_t holders[MAX_PAGES];
static uint32_t nheld[32];		/* bits set per slot: the scans skip holders[] */
static uint8_t pinned[MAX_PAGES];	/* some environment's guaranteed mapping */
static uint8_t marked[MAX_PAGES];	/* page_mark: kept by page_release_unmarked */
/* Pages whose bindings must break, while page_flush_begin defers it. */
static uint32_t flushbits[MAX_PAGES / 32];
static int deferring, nflush;
_Static_assert(AEGIS_MAX_ENVS <= 32, "one holder bit per environment slot");
static uint32_t npages, nfree;

extern char _end[];

void mem_init(void)
{
	npages = prom_memory_pages();
	if (npages == 0 || npages > MAX_PAGES)
		npages = npages ? MAX_PAGES : (8u << 20 >> PAGE_SHIFT);
	uint32_t kernel_top = ((uint32_t)_end - KSEG0_BASE + PAGE_SIZE - 1) >> PAGE_SHIFT;
	nfree = 0;
	for (uint32_t p = 0; p < npages; p++) {
		owner[p] = p < kernel_top ? OWNER_KERNEL : OWNER_FREE;
		nfree += owner[p] == OWNER_FREE;
	}
}

uint32_t mem_npages(void) { return npages; }
uint32_t mem_nfree(void) { return nfree; }

int page_owner(uint32_t ppn)
{
	return ppn < npages ? owner[ppn] : -1;
}

static uint32_t hint;

static uint32_t take(unsigned who, uint32_t p)
{
	owner[p] = (uint16_t)who;
	nfree--;
	hint = p + 1;
	kmemset((void *)KSEG0(p << PAGE_SHIFT), 0, PAGE_SIZE);
	return p;
}

uint32_t page_alloc(unsigned who)
{
	for (uint32_t i = 0; i < npages; i++) {
		uint32_t p = (hint + i) % npages;
		if (owner[p] == OWNER_FREE)
			return take(who, p);
	}
	return 0;
}

uint32_t page_alloc_color(unsigned who, uint32_t colour)
{
	for (uint32_t i = 0; i < npages; i++) {
		uint32_t p = (hint + i) % npages;
		if (owner[p] == OWNER_FREE && p % CACHE_COLORS == colour % CACHE_COLORS)
			return take(who, p);
	}
	return page_alloc(who);
}

uint32_t page_alloc_contig(unsigned who, uint32_t n, uint32_t align)
{
	if (n == 0 || align == 0)
		return 0;
	for (uint32_t p = align; p + n <= npages; p += align) {
		uint32_t k = 0;
		while (k < n && owner[p + k] == OWNER_FREE)
			k++;
		if (k < n)
			continue;
		for (k = 0; k < n; k++)
			owner[p + k] = (uint16_t)who;
		nfree -= n;
		kmemset((void *)KSEG0(p << PAGE_SHIFT), 0, n * PAGE_SIZE);
		return p;
	}
	return 0;
}

/* Free a page; any binding of it (another environment may hold one,
   made with its capability) breaks. */
void page_flush_later(uint32_t p)
{
	if (!deferring) {
		tlb_flush_ppn(p);
		return;
	}
	flushbits[p / 32] |= 1u << (p % 32);
	nflush++;
}

static int flush_pending(uint32_t p)
{
	return p < npages && (flushbits[p / 32] >> (p % 32) & 1);
}

void page_flush_begin(void)
{
	deferring = 1;
}

void page_flush_end(void)
{
	deferring = 0;
	if (!nflush)
		return;
	tlb_flush_ppns(flush_pending);
	kmemset(flushbits, 0, (npages + 31) / 32 * 4);
	nflush = 0;
}

static void page_free(uint32_t p)
{
	if (capable[p])
		page_flush_later(p);
	if (guaranteed[p] && owner[p] < 256)
		nguaranteed[owner[p]]--;
	uint32_t h = holders[p];
	for (uint32_t b = h; b; b &= b - 1)
		nheld[__builtin_ctz(b)]--;
	owner[p] = OWNER_FREE;
	capable[p] = 0;
	guaranteed[p] = 0;
	holders[p] = 0;
	pinned[p] = 0;
	nfree++;
	if (h)
		env_page_freed(p, h);	/* their guaranteed mappings of it go */
}

/* The owner of p changes (its guaranteed-set count follows it). */
static void set_owner(uint32_t p, unsigned who)
{
	if (guaranteed[p] && owner[p] < 256)
		nguaranteed[owner[p]]--;
	owner[p] = (uint16_t)who;
	guaranteed[p] = guaranteed[p] && who < 256 && nguaranteed[who] < GUARANTEED_PAGES;
	if (guaranteed[p])
		nguaranteed[who]++;
}

void page_let_go(uint32_t p, unsigned who)
{
	if (p >= npages)
		return;
	if (who < 32 && (holders[p] & 1u << who)) {
		holders[p] &= ~(1u << who);
		nheld[who]--;
		return;
	}
	if (owner[p] != who)
		return;
	if (!holders[p]) {
		page_free(p);
		return;
	}
	/* The lowest-numbered holder becomes the owner. */
	unsigned s = (unsigned)__builtin_ctz(holders[p]);
	holders[p] &= ~(1u << s);
	nheld[s]--;
	set_owner(p, s);
}

/* Does who hold p (not owning it)? Only looked up when who holds some
   page: most environments hold none, and the scans stay one array. */
static int held_by(unsigned who, uint32_t p)
{
	return who < 32 && nheld[who] && (holders[p] & 1u << who);
}

void page_release_all(unsigned who)
{
	page_flush_begin();
	for (uint32_t p = 0; p < npages; p++)
		if (owner[p] == who || held_by(who, p))
			page_let_go(p, who);
	page_flush_end();
}

void page_mark(uint32_t p, int on)
{
	if (p < npages)
		marked[p] = (uint8_t)(on != 0);
}

int page_marked(uint32_t p)
{
	return p < npages && marked[p];
}

void page_release_unmarked(unsigned who)
{
	page_flush_begin();
	for (uint32_t p = 0; p < npages; p++) {
		if (marked[p]) {
			marked[p] = 0;
			continue;
		}
		if (owner[p] == who || held_by(who, p))
			page_let_go(p, who);
	}
	page_flush_end();
}

uint32_t page_held_count(unsigned slot)
{
	return slot < 32 ? nheld[slot] : 0;
}

int page_holds(unsigned slot, uint32_t p)
{
	if (p >= npages || slot == OWNER_FREE || slot >= 32)
		return 0;
	return owner[p] == slot || (holders[p] & 1u << slot) != 0;
}

int page_capable(uint32_t p)
{
	return p < npages && capable[p];
}

void page_hold(uint32_t p, unsigned slot)
{
	if (p < npages && slot < 32 && owner[p] != slot && !(holders[p] & 1u << slot)) {
		holders[p] |= 1u << slot;
		nheld[slot]++;
	}
}

void page_give(uint32_t p, unsigned slot)
{
	if (p >= npages || slot >= 32)
		return;
	if (holders[p] & 1u << slot) {
		holders[p] &= ~(1u << slot);
		nheld[slot]--;
	}
	set_owner(p, slot);
}

void page_pin(uint32_t p)
{
	if (p < npages)
		pinned[p] = 1;
}

uint32_t page_alloc_cap(unsigned who, uint32_t r, uint32_t w)
{
	/* The first GUARANTEED_PAGES an owner allocates are its guaranteed
	   set (its program's own pages are never revocable either). */
	uint32_t p = page_alloc(who);
	if (p) {
		capable[p] = 1;
		guaranteed[p] = who < 256 && nguaranteed[who] < GUARANTEED_PAGES;
		if (guaranteed[p])
			nguaranteed[who]++;
		rcap[p] = r;
		wcap[p] = w;
	}
	return p;
}

uint32_t page_revocable(unsigned who, uint32_t *count)
{
	uint32_t last = 0, n = 0;
	for (uint32_t p = 0; p < npages; p++)
		/* Not a page mapped as a guaranteed mapping, nor one others
		   hold (taking it would break them too). */
		if (owner[p] == who && capable[p] && !guaranteed[p] && !pinned[p] && !holders[p]) {
			last = p;
			n++;
		}
	if (count)
		*count = n;
	return last;
}

uint32_t page_count(unsigned who)
{
	uint32_t n = 0;
	for (uint32_t p = 0; p < npages; p++)
		n += owner[p] == who;
	return n;
}

void page_repossess(uint32_t ppn)
{
	if (ppn < npages && owner[ppn] != OWNER_FREE && owner[ppn] != OWNER_KERNEL)
		page_free(ppn);	/* breaks every binding of it */
}

static int owned_by(unsigned who, uint32_t ppn)
{
	return ppn < npages && owner[ppn] == who && who != OWNER_FREE && who != OWNER_KERNEL;
}

int page_dealloc(unsigned who, uint32_t ppn)
{
	if (!owned_by(who, ppn) || !capable[ppn])
		return -1;
	page_free(ppn);		/* breaks its bindings */
	return 0;
}

int page_setcap(unsigned who, uint32_t ppn, uint32_t r, uint32_t w)
{
	if (!owned_by(who, ppn) || !capable[ppn])
		return -1;
	rcap[ppn] = r;
	wcap[ppn] = w;
	return 0;
}

int page_cap_allows(uint32_t ppn, uint32_t cap, int write)
{
	if (ppn >= npages || !capable[ppn])
		return 0;
	return write ? cap == wcap[ppn] : (cap == rcap[ppn] || cap == wcap[ppn]);
}

#ifdef AEGIS_DEBUG_INVARIANTS
/* The invariant checker's view of the page tables (aegis/invariants.c;
   debug kernels only, so the release image's layout is unchanged).
   Writable: its deliberate corruptions (invbreak=) go through it. */
#include "invariants.h"
void mem_inv_view(struct mem_view *v)
{
	v->npages = npages;
	v->nfree = &nfree;
	v->owner = owner;
	v->capable = capable;
	v->holders = holders;
	v->nheld = nheld;
	v->pinned = pinned;
	v->marked = marked;
}
#endif
