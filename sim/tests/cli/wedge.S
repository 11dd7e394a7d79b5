/*
 * wedge.S - a guest that wedges the machine: its general exception vector
 * itself faults (an unaligned load) with interrupts off, so every
 * exception raises another. pmaxsim must notice and exit with status 3
 * rather than spin until its cycle limit.
 */
	.set	noreorder
	.text
	.globl	_start
_start:
	lui	$t0, 0xa000		/* the general vector, through kseg1 */
	ori	$t0, $t0, 0x0080
	lui	$t1, 0x8c00		/* lw $0, 1($0): address error */
	ori	$t1, $t1, 0x0001
	sw	$t1, 0($t0)
	sw	$zero, 4($t0)
	mtc0	$zero, $12		/* BEV clear, interrupts off, kernel mode */
	nop
	break
	nop
1:	b	1b
	nop
