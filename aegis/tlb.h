/*
 * tlb.h - the TLB and the STLB (SOSP'95 §5.3): a 4096-entry, 8-byte,
 * direct-mapped software TLB in unmapped memory, which the UTLB-miss
 * vector (stlb.S) searches before anything else. Every entry in the TLB
 * or the STLB is a secure binding Aegis checked when it was made; when a
 * binding breaks (a page freed, its capabilities changed, an environment
 * gone) every copy of it is removed from both.
 * Checked by the debug kernel (aegis/invariants.c) [tlb-binding]: every
 * valid entry of either is a live environment's (by its ASID, slot or
 * slot + 32), not global, below kseg0, in its own STLB index, and maps a
 * page that is allocated with capabilities (SYS_tlbwr checked one) or
 * is that environment's guaranteed mapping at that address, writable
 * only if the mapping is; never a free page, never the kernel's
 * (but for the read-only STLB of SYS_map_stlb).
 */
#ifndef AEGIS_TLB_H
#define AEGIS_TLB_H

#include <stdint.h>

#include <aegis/stlb.h>		/* STLB_ENTRIES, stlb_index() */
#define STLB_INVALID	0xffffffffu	/* an EntryHi no miss can produce */

#define ELO_N		0x800u	/* uncached */
#define ELO_D		0x400u	/* writable ("dirty") */
#define ELO_V		0x200u	/* valid */
#define ELO_G		0x100u	/* global: matches every ASID */

struct stlb_entry {
	uint32_t hi;		/* VPN | ASID << 6, as EntryHi after a miss */
	uint32_t lo;		/* PFN | N | D | V */
};
extern struct stlb_entry stlb[STLB_ENTRIES];
/* Where the UTLB vector (stlb.S) goes on an STLB miss: trap_entry, or
   an ASH run's own route while one runs (net/ash_run.S). */
extern void (*volatile stlb_miss_route)(void);

void tlb_init(void);
/* Install a binding (hi = VPN | ASID << 6) in the TLB and the STLB. */
void tlb_insert(uint32_t hi, uint32_t lo);
/* Remove one virtual page of one ASID from both (Table 3 "TLBvadelete"). */
void tlb_remove(uint32_t hi);
/* Lower the bindings of npages pages from hi (VPN | ASID << 6, one
   ASID) in both: read-only, or removed (remove); pages with none are
   skipped (SYS_tlbprot). */
void tlb_lower_range(uint32_t hi, uint32_t npages, int remove);
/* SYS_tlbwrprot (tlbwrprot.c, in sys_table). */
int32_t sys_tlbwrprot(uint32_t va, uint32_t ppn, uint32_t cap, uint32_t flags);
/* Remove every binding of an ASID, or of a physical page. */
void tlb_flush_asid(unsigned asid);
void tlb_flush_ppn(uint32_t ppn);
/* Every binding of a page pred() names, in one pass over the TLB and
   the STLB (freeing or moving many pages: one pass, not one each). */
void tlb_flush_ppns(int (*pred)(uint32_t ppn));

#endif
