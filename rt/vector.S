/*
 * vector.S - the exception vectors of a bare-metal image that is not the
 * kernel (bare.h). bare_vector is copied to both 0x80000000 (UTLB miss)
 * and 0x80000080 (general) by trap_init() (bare.c); it jumps to bare_exception,
 * which absorbs an exception the probe was armed for (not one in a branch
 * delay slot: EPC+4 would not be the next instruction) and otherwise calls
 * bare_unexpected() in C, which panics. Only k0 and k1 are used until then.
 * Also the boot stack of such an image.
 */
#include "mips.h"
#include "bare.h"

	.set	noreorder
	.set	noat
	.text

	.globl	bare_vector, bare_vector_end
bare_vector:
	lui	$k0, %hi(bare_exception)
	addiu	$k0, $k0, %lo(bare_exception)
	jr	$k0
	nop
bare_vector_end:

	.ent	bare_exception
bare_exception:
	la	$k1, exc_probe
	lw	$k0, EXC_PROBE_ARMED($k1)
	nop
	beqz	$k0, unexpected
	nop
	mfc0	$k0, CP0_CAUSE
	nop
	bltz	$k0, unexpected			/* Cause.BD */
	nop
	sw	$k0, EXC_PROBE_CAUSE($k1)
	sw	$zero, EXC_PROBE_ARMED($k1)
	mfc0	$k0, CP0_BADVADDR
	nop
	sw	$k0, EXC_PROBE_BADVADDR($k1)
	lw	$k0, EXC_PROBE_HITS($k1)
	nop
	addiu	$k0, $k0, 1
	sw	$k0, EXC_PROBE_HITS($k1)
	mfc0	$k0, CP0_EPC
	nop
	sw	$k0, EXC_PROBE_EPC($k1)
	addiu	$k0, $k0, 4			/* step over the faulting instruction */
	jr	$k0
	rfe

unexpected:
	mfc0	$a0, CP0_CAUSE
	mfc0	$a1, CP0_EPC
	mfc0	$a2, CP0_BADVADDR
	move	$a3, $ra
	la	$k0, bare_unexpected
	jr	$k0
	addiu	$sp, $sp, -16			/* o32 argument area */
	.end	bare_exception

/* The stack rt/start.S runs boot() on. */
	.bss
	.align	3
boot_stack:
	.space	16384
	.globl	boot_stack_top
boot_stack_top:
