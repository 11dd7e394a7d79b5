/*
 * start.S - where the DEC PROM enters a bare-metal image (the kernel, or a
 * test): the image's stack (boot_stack_top: Aegis's is in aegis/entry.S
 * beside its trap stack, other images take rt/vector.S's), .bss cleared,
 * then boot() in C (boot.c).
 *
 * The PROM enters at _start in kernel mode with a0 = argc, a1 = argv,
 * a2 = "TCF0" magic, a3 = REX callback vector, and sp in uncached memory
 * (GXemul: 0xa0007f00), so we set our own stack first.
 */
	.set	noreorder
	.set	noat

	.section .text.start, "ax"
	.globl	_start
	.ent	_start
_start:
	la	$sp, boot_stack_top
	la	$gp, _gp
	/* Clear .bss; keep a0..a3 (the PROM's arguments) intact. */
	la	$t0, __bss_start
	la	$t1, __bss_end
1:	beq	$t0, $t1, 2f
	nop
	sw	$zero, 0($t0)
	b	1b
	addiu	$t0, $t0, 4
2:	jal	boot
	addiu	$sp, $sp, -16		/* o32: the callee may spill a0..a3 here */
3:	b	3b			/* boot() does not return */
	nop
	.end	_start
