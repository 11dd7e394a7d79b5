/*
 * mem.h - physical memory: 4 KB pages, each with an owner. (The paper's
 * read and write capabilities per page come with alloc/dealloc.)
 * Invariant: a page is owned by exactly one of the kernel, one
 * environment, or nobody (free). Environments other than the owner may
 * hold it too (SYS_env_create's shared pages, one bit per slot): a page
 * is freed when its last owner or holder lets go, or by its owner's
 * SYS_dealloc (which breaks every holder's use of it).
 * Checked by the debug kernel (aegis/invariants.c): an owner is
 * OWNER_FREE, OWNER_KERNEL or a live slot [page-owner]; a free page has
 * no holders, no capabilities and no pin [free-page] and is bound by no
 * TLB or STLB entry [tlb-binding]; holders are live slots other than the
 * owner [page-holders]; nheld[s] counts slot s's holder bits [nheld];
 * nfree counts the free pages [nfree].
 */
#ifndef AEGIS_MEM_H
#define AEGIS_MEM_H

#include <stdint.h>

#define PAGE_SIZE	4096u
#define PAGE_SHIFT	12
#define OWNER_FREE	0
#define OWNER_KERNEL	0xffff

void mem_init(void);
uint32_t mem_npages(void);		/* pages of RAM */
uint32_t mem_nfree(void);
/* Owners are environments' slots (struct env's slot, not its id: a
   slot's pages are all released before the slot is reused). */
/* Allocate a zeroed page for owner; returns its physical page number, or
   0 if none is free (page 0 always belongs to the kernel). */
uint32_t page_alloc(unsigned owner);
/* The same, preferring a page of cache colour colour (ppn mod
   CACHE_COLORS; any page when none of that colour is free). The caches
   are direct-mapped and physically indexed: two pages of one colour
   evict each other's lines. */
#define CACHE_COLORS	16	/* 64 KB caches / 4 KB pages (HARDWARE.md:
				   64 KB I and D, UNCONFIRMED) */
uint32_t page_alloc_color(unsigned owner, uint32_t colour);
/* n contiguous zeroed pages for owner, the first a multiple of align
   pages (a device's DMA window: the LANCE's on the IOASIC, 128 KB on a
   128 KB boundary); returns the first page's number, or 0 if no such run
   is free. */
uint32_t page_alloc_contig(unsigned owner, uint32_t n, uint32_t align);
/* Free every page that owner holds. */
void page_release_all(unsigned owner);
int page_owner(uint32_t ppn);

/* Pages with capabilities (SOSP'95 §5.4, self-authenticating: the
   library OS chooses the read and write capabilities at allocation; only
   the owner may change them or free the page). Pages the kernel gave an
   environment for its program have none and cannot be bound this way. */
uint32_t page_alloc_cap(unsigned owner, uint32_t rcap, uint32_t wcap);
int page_dealloc(unsigned owner, uint32_t ppn);			/* -1: not the owner */
int page_setcap(unsigned owner, uint32_t ppn, uint32_t rcap, uint32_t wcap);
/* Does cap let its holder map ppn (for writing, if write)? */
int page_cap_allows(uint32_t ppn, uint32_t cap, int write);

/* Revocation (revoke.c): the first GUARANTEED_PAGES pages an owner
   allocates with capabilities are never taken (the paper's "five to ten
   pages"); page_revocable returns one of the others (0: none) and how
   many there are; page_repossess frees a page by force. */
#define GUARANTEED_PAGES 8
uint32_t page_revocable(unsigned owner, uint32_t *count);
void page_repossess(uint32_t ppn);
uint32_t page_count(unsigned owner);	/* pages owner owns */

/* Holds (envimage.c, SYS_env_create and SYS_page_drop). Slots below 32. */
uint32_t page_held_count(unsigned slot);	/* pages slot holds, not owning */
int page_holds(unsigned slot, uint32_t ppn);	/* slot owns or holds ppn */
int page_capable(uint32_t ppn);			/* allocated with capabilities */
void page_hold(uint32_t ppn, unsigned slot);	/* slot becomes a holder */
/* Ownership of ppn passes to slot (its hold, if any, ends). */
void page_give(uint32_t ppn, unsigned slot);
/* slot lets go of ppn (owner or holder): the page passes to the
   lowest-numbered remaining holder, or is freed if there is none. */
void page_let_go(uint32_t ppn, unsigned slot);
/* A page some environment maps as a guaranteed mapping: never
   repossessed (until freed). */
void page_pin(uint32_t ppn);
/* Let go of everything slot owns or holds except pages marked with
   page_mark (which are unmarked on the way). */
void page_mark(uint32_t ppn, int on);
int page_marked(uint32_t ppn);
void page_release_unmarked(unsigned slot);
/* Breaking bindings in bulk: between page_flush_begin and _end, a freed
   page's bindings (and those page_flush_later names) break in one pass
   at the end; outside, page_flush_later is tlb_flush_ppn. */
void page_flush_begin(void);
void page_flush_later(uint32_t ppn);
void page_flush_end(void);
/* Called by page_free for a page that had holders (env's gmaps). */
void env_page_freed(uint32_t ppn, uint32_t holders);

#endif
