/*
 * crt0.S - entry of an ExOS program. Aegis starts it at _start with sp at
 * the top of its guaranteed stack, .bss zero, and a0/a1 = SYS_spawn's
 * arg0/arg1, or (execv, a2 = EXOS_EXEC_MAGIC) a0 = argc, a3 = argv. exos_start (start.c) initializes the library, calls
 * main(argc, argv) and exits with its result.
 */
	.set	noreorder
	.section .text.start, "ax"
	.globl	_start
	.ent	_start
_start:
	la	$gp, _gp
	addiu	$sp, $sp, -32		/* o32 argument area, 8-aligned */
	jal	exos_start		/* exos_start(a0..a3): does not return */
	nop
1:	b	1b
	nop
	.end	_start
