/*
 * stlb.S - the UTLB-miss vector, copied to 0x80000000 by trap_init():
 * a kuseg TLB miss looks in the STLB (tlb.h) and, on a hit, writes the
 * entry into the TLB and resumes - 18 instructions, counted beside each
 * (SOSP'95: "a hit costs 18 instructions"). A miss goes where
 * stlb_miss_route says (tlb.h): the general trap path, which services
 * guaranteed mappings or gives up; during an ASH run, the run's own
 * route (net/ash_run.S), as the trap path would build its frame on the
 * handler's stack pointer.
 * Index: <aegis/stlb.h>'s stlb_index() * 8, from Context (PTEBase |
 * BadVPN << 2) and EntryHi (BadVPN << 12 | ASID << 6).
 */
#include "mips.h"

	.set	noreorder
	.set	noat
	.text
	.globl	utlb_vector, utlb_vector_end
utlb_vector:
	mfc0	$k0, CP0_CONTEXT		/*  1 PTEBase | VPN << 2 */
	mfc0	$k1, CP0_ENTRYHI		/*  2 VPN << 12 | ASID << 6 of the miss */
	sll	$k0, $k0, 1			/*  3 VPN << 3 */
	xor	$k0, $k0, $k1			/*  4 ASID << 6 mixed in */
	andi	$k0, $k0, 0x7ff8		/*  5 stlb_index() * 8 */
	lui	$k1, %hi(stlb)			/*  6 */
	addu	$k1, $k1, $k0			/*  7 */
	lw	$k0, %lo(stlb)($k1)		/*  8 the entry's EntryHi */
	lw	$k1, %lo(stlb)+4($k1)		/*  9 its EntryLo */
	nop					/* 10 load delay */
	mtc0	$k1, CP0_ENTRYLO		/* 11 (harmless if the entry misses) */
	mfc0	$k1, CP0_ENTRYHI		/* 12 */
	nop					/* 13 */
	bne	$k0, $k1, 1f			/* 14 not this page, or not this ASID */
	mfc0	$k0, CP0_EPC			/* 15 (the slow path reads it again) */
	tlbwr					/* 16 */
	jr	$k0				/* 17 */
	rfe					/* 18 */
1:	lui	$k0, %hi(stlb_miss_route)	/* STLB miss: the slow path */
	lw	$k0, %lo(stlb_miss_route)($k0)
	nop
	jr	$k0
	nop
utlb_vector_end:
