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

#define MAX_PAGES	(128u << 20 >> PAGE_SHIFT)	/* up to 128 MB tracked */

static uint16_t owner[MAX_PAGES];
static uint8_t capable[MAX_PAGES];	/* allocated with capabilities */
static uint8_t guaranteed[MAX_PAGES];	/* never repossessed (SOSP'95 §5.7) */
static uint16_t nguaranteed[256];	/* per owner id below 256 */
static uint32_t rcap[MAX_PAGES], wcap[MAX_PAGES];
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
static void page_free(uint32_t p)
{
	if (capable[p])
		tlb_flush_ppn(p);
	if (guaranteed[p] && owner[p] < 256)
		nguaranteed[owner[p]]--;
	owner[p] = OWNER_FREE;
	capable[p] = 0;
	guaranteed[p] = 0;
	nfree++;
}

void page_release_all(unsigned who)
{
	for (uint32_t p = 0; p < npages; p++)
		if (owner[p] == who)
			page_free(p);
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
		if (owner[p] == who && capable[p] && !guaranteed[p]) {
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
