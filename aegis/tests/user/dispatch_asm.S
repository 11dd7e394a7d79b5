/*
 * dispatch_asm.S - the exception handler and the measured sequences of
 * the dispatch test. The handler reads pmaxsim's counter page (mapped at
 * USER_COUNTER_VA) first thing, records what Aegis handed it, restores
 * a0..a2 from the save area and resumes after the faulting instruction.
 * Each measure_* routine reads the counter, executes one faulting (or,
 * for the baseline, harmless) instruction, and returns the reading taken
 * before it; the handler's reading is in xrec.
 */
#include <aegis/syscall.h>
#include <aegis/exception.h>
	.set	noreorder
	.set	noat

	.data
	.balign	16
	.globl	xsave, xrec
xsave:	.space	XSAVE_SIZE
xrec:	.space	16		/* counter, cause, epc, badvaddr */
	.globl	counter_ptr, counter_dummy
counter_ptr:	.word	counter_dummy	/* the count to read: set by the C side */
counter_dummy:	.word	0		/* read when there is no counter page */
	.globl	unaligned_target
unaligned_target:	.word	0, 0	/* a load from +1 is unaligned */
	.globl	ro_word
	.text
ro_word:	.word	0	/* in the read-only text: a store here is a protection fault */

	.globl	xhandler
	.ent	xhandler
xhandler:
	/* k0 and k1 are Aegis's at any time (an interrupt may come between
	   two instructions), so the handler works with at, kept below sp. */
	addiu	$sp, $sp, -16
	sw	$at, 0($sp)
	lui	$at, %hi(counter_ptr)		/* which count: set by the C side */
	lw	$at, %lo(counter_ptr)($at)
	nop
	nop
	lw	$at, 0($at)			/* B: the count in the handler */
	nop
	sw	$at, 4($sp)
	la	$at, xrec
	sw	$a2, 4($at)
	sw	$a0, 8($at)
	sw	$a1, 12($at)
	lw	$a1, 4($sp)
	addiu	$a0, $a0, 4			/* resume after the faulting instruction */
	sw	$a1, 0($at)
	sw	$a0, 8($sp)
	la	$at, xsave
	lw	$a0, XSAVE_A0($at)
	lw	$a1, XSAVE_A1($at)
	lw	$a2, XSAVE_A2($at)
	lw	$at, 8($sp)
	addiu	$sp, $sp, 16
	jr	$at
	lw	$at, -16($sp)			/* at back, from below sp: nothing
						   of Aegis writes there */
	.end	xhandler

/* Each: t9 = counter address; A = count; the instruction under test;
   return A. The handler's preamble (3 instructions before its read) is
   mirrored in the baseline so that it cancels. */
	.globl	measure_unaligned
	.ent	measure_unaligned
measure_unaligned:
	la	$t0, unaligned_target
	lui	$t9, %hi(counter_ptr)
	lw	$t9, %lo(counter_ptr)($t9)
	nop
	nop
	lw	$v0, 0($t9)			/* A */
	lw	$t0, 1($t0)
	jr	$ra
	nop
	.end	measure_unaligned

	.globl	measure_overflow
	.ent	measure_overflow
measure_overflow:
	lui	$t0, 0x7fff
	lui	$t9, %hi(counter_ptr)
	lw	$t9, %lo(counter_ptr)($t9)
	nop
	nop
	lw	$v0, 0($t9)			/* A */
	add	$t0, $t0, $t0
	jr	$ra
	nop
	.end	measure_overflow

	.globl	measure_coproc
	.ent	measure_coproc
measure_coproc:
	nop
	lui	$t9, %hi(counter_ptr)
	lw	$t9, %lo(counter_ptr)($t9)
	nop
	nop
	lw	$v0, 0($t9)			/* A */
	.word	0x44080000		/* mfc1 $t0, $f0 with CU1 clear */
	jr	$ra
	nop
	.end	measure_coproc

	.globl	measure_prot
	.ent	measure_prot
measure_prot:
	la	$t0, ro_word
	lui	$t9, %hi(counter_ptr)
	lw	$t9, %lo(counter_ptr)($t9)
	nop
	nop
	lw	$v0, 0($t9)			/* A */
	sw	$zero, 0($t0)
	jr	$ra
	nop
	.end	measure_prot

/* The baseline: the same reads with the handler's preamble inline and no
   exception, so (handler count - A) - (B - A here) is the dispatch. */
	.globl	measure_baseline
	.ent	measure_baseline
measure_baseline:
	lui	$t9, %hi(counter_ptr)
	lw	$t9, %lo(counter_ptr)($t9)
	nop
	nop
	lw	$v0, 0($t9)			/* A */
	nop					/* stands for the faulting instruction */
	addiu	$sp, $sp, -16			/* the handler's preamble */
	sw	$at, 0($sp)
	lui	$at, %hi(counter_ptr)
	lw	$at, %lo(counter_ptr)($at)
	nop
	nop
	lw	$at, 0($at)			/* B */
	lui	$t8, %hi(xrec)
	sw	$at, %lo(xrec)($t8)
	lw	$at, 0($sp)
	jr	$ra
	addiu	$sp, $sp, 16
	.end	measure_baseline

/* A procedure with the system-call stubs' shape (<aegis/sys.S>):
   what a call costs without entering the kernel. */
	.globl	null_proc
	.ent	null_proc
null_proc:
	li	$v0, 0
	nop				/* where the stubs have their syscall */
	jr	$ra
	nop
	.end	null_proc
