/*
 * labs/tlbmiss/tlbmiss.h - lab "tlbmiss" (docs/tour/labs.md): your own
 * TLB-miss handler, in a user program, over a page table of your own
 * (SOSP'95 §5.4 and §6.2: Aegis refills a miss from its STLB; on an STLB
 * miss it hands the fault to the application, which looks the page up in
 * its own table and binds it with SYS_tlbwr and the page's capability).
 *
 * The region [TLBLAB_BASE, TLBLAB_BASE + TLBLAB_PAGES pages) is yours:
 * ExOS's page table (exos/lib/vm.c) knows nothing of it, so a miss there
 * comes up through ExOS's trampoline (exos/lib/exc.c) as EXC_SEGV, and
 * the checker sends it to tlblab_miss. You write tlblab_alloc and
 * tlblab_miss in tlbmiss.c; this header and check.c stay as they are.
 */
#ifndef LABS_TLBMISS_H
#define LABS_TLBMISS_H
#include <stdint.h>
#include "exc.h"

#define TLBLAB_BASE	0x60000000u
#define TLBLAB_PAGES	32

/* Your page table: one entry per page of the region. */
struct tlblab_pte {
	uint32_t ppn;		/* the physical page Aegis gave */
	uint32_t cap;		/* its capability (read and write) */
	uint8_t valid;		/* a page is there */
	uint8_t writable;	/* stores allowed */
};
extern struct tlblab_pte tlblab_pt[TLBLAB_PAGES];

/* Accesses your handler refused (it counts them). */
extern unsigned tlblab_faults;

/* A fresh page from Aegis (SYS_alloc, with a capability of your
   choosing) for the page at va, recorded in tlblab_pt and NOT bound: the
   first access binds it (a miss, your handler). 0; -AEGIS_EINVAL for a va
   outside the region or not page-aligned; -AEGIS_EBUSY if va has a page
   already; SYS_alloc's error if it fails. A refused call changes nothing. */
int tlblab_alloc(uint32_t va, int writable);

/* The handler, for a TLB miss (XCODE_TLBL, XCODE_TLBS) or a store to a
   page bound read-only (XCODE_MOD) at f->badvaddr: when the region has a
   page there that allows the access, bind it (SYS_tlbwr; TLBWR_WRITE
   only for a writable page) and return: the access is retried. Anything
   else (outside the region, no page, a store to a read-only page) is
   refused: count it in tlblab_faults and skip the instruction
   (exc_skip), so the program goes on. */
void tlblab_miss(struct exc_frame *f);

#endif
