/*
 * stlb.S - the UTLB-miss vector, copied to 0x80000000 by trap_init():
 * a kuseg TLB miss looks in the STLB (tlb.h) and, on a hit, writes the
 * entry into the TLB and resumes - 18 instructions, counted beside each
 * (SOSP'95: "a hit costs 18 instructions"). A miss goes to the general
 * trap path, which services guaranteed mappings or gives up.
 * Index: (BadVPN mod 4096) * 8, from Context (PTEBase | BadVPN << 2).
 */
#include "mips.h"

	.set	noreorder
	.set	noat
	.text
	.globl	utlb_vector, utlb_vector_end
utlb_vector:
	mfc0	$k0, CP0_CONTEXT		/*  1 PTEBase | VPN << 2 */
	lui	$k1, %hi(stlb)			/*  2 */
	sll	$k0, $k0, 1			/*  3 VPN << 3 */
	andi	$k0, $k0, 0x7ff8		/*  4 (VPN mod 4096) * 8 */
	addu	$k1, $k1, $k0			/*  5 */
	lw	$k0, %lo(stlb)($k1)		/*  6 the entry's EntryHi */
	lw	$k1, %lo(stlb)+4($k1)		/*  7 its EntryLo */
	nop					/*  8 load delay */
	mtc0	$k1, CP0_ENTRYLO		/*  9 (harmless if the entry misses) */
	mfc0	$k1, CP0_ENTRYHI		/* 10 VPN | ASID of the miss */
	nop					/* 11 */
	bne	$k0, $k1, 1f			/* 12 not this page, or not this ASID */
	nop					/* 13 */
	tlbwr					/* 14 */
	mfc0	$k0, CP0_EPC			/* 15 */
	nop					/* 16 */
	jr	$k0				/* 17 */
	rfe					/* 18 */
1:	j	trap_entry			/* STLB miss: the slow path */
	nop
utlb_vector_end:
