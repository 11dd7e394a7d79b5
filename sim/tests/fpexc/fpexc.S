/*
 * fpexc.S - the assembly half of the R3010 exception-delivery test
 * (fpexc.c): an exception vector that records what the CPU reported and
 * clears the FPU's cause bits as an FP-interrupt handler must, and the
 * helpers that move values in and out of the FPU (the C half is built
 * -msoft-float and never touches an FPR itself).
 *
 * The handler, entered through 0x80000080:
 *   records Cause, EPC, Status and FCR31 as they were at the exception;
 *   writes FCR31 back without its cause field (bits 17..12), which drops
 *   the R3010's interrupt line, the way 4.4BSD's MachFPInterrupt and
 *   Linux's do_fpe leave the FPU;
 *   counts, and bails out (fpx_bail in C) past 8 exceptions in one run;
 *   resumes at fpx_resume with rfe (the test's "emulator" skips the
 *   trapping instruction, as an OS emulating it would).
 */
#include "../../../rt/mips.h"

	.set	noreorder
	.set	noat
	.set	hardfloat
	.text

	.globl	fpx_gen_stub, fpx_stub_end
fpx_gen_stub:
	lui	$k0, %hi(fpx_handler)
	addiu	$k0, $k0, %lo(fpx_handler)
	jr	$k0
	nop
fpx_stub_end:

	.ent	fpx_handler
fpx_handler:
	mfc0	$k0, CP0_CAUSE
	lui	$k1, %hi(fpx_cause)
	sw	$k0, %lo(fpx_cause)($k1)
	mfc0	$k0, CP0_EPC
	lui	$k1, %hi(fpx_epc)
	sw	$k0, %lo(fpx_epc)($k1)
	mfc0	$k0, CP0_STATUS
	lui	$k1, %hi(fpx_status)
	sw	$k0, %lo(fpx_status)($k1)
	cfc1	$k0, $31
	lui	$k1, %hi(fpx_fcr31)
	sw	$k0, %lo(fpx_fcr31)($k1)
	lui	$k1, 0xfffc		/* clear cause bits 17..12 */
	ori	$k1, $k1, 0x0fff
	and	$k0, $k0, $k1
	ctc1	$k0, $31
	lui	$k1, %hi(fpx_count)
	lw	$k0, %lo(fpx_count)($k1)
	nop
	addiu	$k0, $k0, 1
	sw	$k0, %lo(fpx_count)($k1)
	sltiu	$k0, $k0, 9
	beq	$k0, $zero, 1f
	nop
	lui	$k1, %hi(fpx_resume)
	lw	$k0, %lo(fpx_resume)($k1)
	nop
	jr	$k0
	rfe
1:	lui	$k0, %hi(fpx_bail)	/* runaway: report from C, kernel mode */
	addiu	$k0, $k0, %lo(fpx_bail)
	lui	$sp, %hi(bail_stack_top)
	jr	$k0
	addiu	$sp, $sp, %lo(bail_stack_top)
	.end	fpx_handler

/* void fpx_load(const uint32_t f[8]): f0..f7 <- f[0..7]. */
	.globl	fpx_load
	.ent	fpx_load
fpx_load:
	lwc1	$f0, 0($a0)
	lwc1	$f1, 4($a0)
	lwc1	$f2, 8($a0)
	lwc1	$f3, 12($a0)
	lwc1	$f4, 16($a0)
	lwc1	$f5, 20($a0)
	lwc1	$f6, 24($a0)
	lwc1	$f7, 28($a0)
	jr	$ra
	nop
	.end	fpx_load

/* void fpx_store(uint32_t f[8]): f[0..7] <- f0..f7. */
	.globl	fpx_store
	.ent	fpx_store
fpx_store:
	swc1	$f0, 0($a0)
	swc1	$f1, 4($a0)
	swc1	$f2, 8($a0)
	swc1	$f3, 12($a0)
	swc1	$f4, 16($a0)
	swc1	$f5, 20($a0)
	swc1	$f6, 24($a0)
	swc1	$f7, 28($a0)
	jr	$ra
	nop
	.end	fpx_store

/* uint32_t fpx_get31(void), void fpx_set31(uint32_t). */
	.globl	fpx_get31, fpx_set31
	.ent	fpx_get31
fpx_get31:
	cfc1	$v0, $31
	nop
	jr	$ra
	nop
	.end	fpx_get31
	.ent	fpx_set31
fpx_set31:
	ctc1	$a0, $31
	nop
	jr	$ra
	nop
	.end	fpx_set31

	.data
	.align	4
	.globl	fpx_cause, fpx_epc, fpx_status, fpx_fcr31, fpx_count, fpx_resume
fpx_cause:	.word	0
fpx_epc:	.word	0
fpx_status:	.word	0
fpx_fcr31:	.word	0
fpx_count:	.word	0
fpx_resume:	.word	0

	.bss
	.align	3
bail_stack:
	.space	4096
bail_stack_top:
