/*
 * tlbmiss.S - a user TLB-miss handler, as a library OS would have one:
 * Aegis hands it a0 = EPC, a1 = BadVAddr (a0..a2 saved in tlb_xsave); it
 * keeps every register the interrupted code may be using, asks the C
 * side (handle_miss) to bind the page with SYS_tlbwr, and retries the
 * faulting instruction.
 */
#include <aegis/exception.h>
	.set	noreorder
	.set	noat

	.data
	.balign	16
	.globl	tlb_xsave
tlb_xsave:	.space	XSAVE_SIZE
miss_epc:	.word	0

	.text
	.globl	tlbmiss_handler
	.ent	tlbmiss_handler
tlbmiss_handler:
	addiu	$sp, $sp, -96		/* o32 has no red zone: below sp is free */
	sw	$at, 16($sp)
	sw	$v0, 20($sp)
	sw	$v1, 24($sp)
	sw	$a3, 28($sp)
	sw	$t0, 32($sp)
	sw	$t1, 36($sp)
	sw	$t2, 40($sp)
	sw	$t3, 44($sp)
	sw	$t4, 48($sp)
	sw	$t5, 52($sp)
	sw	$t6, 56($sp)
	sw	$t7, 60($sp)
	sw	$t8, 64($sp)
	sw	$t9, 68($sp)
	sw	$ra, 72($sp)
	mfhi	$t0
	mflo	$t1
	sw	$t0, 76($sp)
	sw	$t1, 80($sp)
	la	$t0, miss_epc
	sw	$a0, 0($t0)
	jal	handle_miss		/* handle_miss(badvaddr) */
	move	$a0, $a1
	lw	$t0, 76($sp)
	lw	$t1, 80($sp)
	mthi	$t0
	mtlo	$t1
	lw	$v0, 20($sp)
	lw	$v1, 24($sp)
	lw	$a3, 28($sp)
	lw	$t0, 32($sp)
	lw	$t1, 36($sp)
	lw	$t2, 40($sp)
	lw	$t3, 44($sp)
	lw	$t4, 48($sp)
	lw	$t5, 52($sp)
	lw	$t6, 56($sp)
	lw	$t7, 60($sp)
	lw	$t8, 64($sp)
	lw	$t9, 68($sp)
	lw	$ra, 72($sp)
	/* k0 and k1 are Aegis's at any time (an interrupt may come between
	   two instructions): the way back goes through at, restored from
	   below sp in the jump's delay slot. */
	lui	$at, %hi(tlb_xsave)
	lw	$a0, %lo(tlb_xsave)+XSAVE_A0($at)
	lw	$a1, %lo(tlb_xsave)+XSAVE_A1($at)
	lw	$a2, %lo(tlb_xsave)+XSAVE_A2($at)
	lui	$at, %hi(miss_epc)
	lw	$at, %lo(miss_epc)($at)	/* retry the faulting instruction */
	addiu	$sp, $sp, 96
	jr	$at
	lw	$at, 16-96($sp)
	.end	tlbmiss_handler
