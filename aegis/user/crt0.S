/*
 * crt0.S - entry of a user program: the kernel starts it at _start with
 * sp at the top of its stack and .bss already zero (the loader zero-fills
 * every page past a segment's file contents).
 */
#include <aegis/syscall.h>
	.set	noreorder
	.section .text.start, "ax"
	.globl	_start
	.ent	_start
_start:
	la	$gp, _gp
	jal	main
	addiu	$sp, $sp, -16		/* o32 argument area */
	move	$a0, $v0		/* exit(main's result) */
	li	$v0, SYS_exit
	syscall
1:	b	1b
	nop
	.end	_start
