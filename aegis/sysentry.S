/*
 * sysentry.S - the two system-call paths of SOSP'95 Table 4. The general
 * vector (exc.S) routes Cause = Sys here for a user environment, with
 * k1 = routing block + cause*4. Instruction counts from the exception
 * beside each line (the vector is 1-9).
 *   no-stack:   the call is answered in k0/k1 and v0, and returns at once;
 *   with-stack: a short trap frame on the kernel's trap stack, then C
 *               (syscall() in syscall.c), which may end the environment.
 */
#include "mips.h"
#include "exc.h"
#include "trapframe.h"
#include <aegis/syscall.h>

	.set	noreorder
	.set	noat
	.text

	.globl	sys_entry
	.ent	sys_entry
sys_entry:
	sltiu	$k0, $v0, SYS_NOSTACK_MAX	/* 10 */
	beqz	$k0, sys_stack			/* 11 */
	sll	$k1, $v0, 2			/* 12 */
	lui	$k0, %hi(nostack_table)		/* 13 */
	addu	$k0, $k0, $k1			/* 14 */
	lw	$k0, %lo(nostack_table)($k0)	/* 15 */
	nop					/* 16 */
	jr	$k0				/* 17 */
	nop					/* 18 */
	.end	sys_entry

/* SYS_getenvid: v0 = the running environment's id. */
nostack_getenvid:
	lui	$k0, %hi(cur_envid)		/* 19 */
	lw	$v0, %lo(cur_envid)($k0)	/* 20 */
	mfc0	$k0, CP0_EPC			/* 21 */
	nop					/* 22 */
	addiu	$k0, $k0, 4			/* 23 */
	jr	$k0				/* 24 */
	rfe					/* 25 */

	.rdata
	.balign	4
nostack_table:
	.word	nostack_getenvid		/* SYS_getenvid */
	.text

/*
 * The with-stack path: the caller's sp, ra, gp and EPC on the trap
 * stack, the kernel's routing block while C runs, then the C function
 * sys_table[v0](a0, a1, a2, a3) (syscall.c); its result returns in v0
 * past the syscall instruction. Anything the C code needs beyond its
 * four arguments it finds through curenv.
 */
	.ent	sys_stack
sys_stack:
	sltiu	$k0, $v0, SYS_MAX
	beqz	$k0, sys_nosys
	sll	$k1, $v0, 2			/* delay slot: table offset */
	move	$k0, $sp
	la	$sp, trap_stack_top - 32
	sw	$k0, 16($sp)			/* the caller's sp */
	sw	$ra, 20($sp)
	sw	$gp, 24($sp)
	mfc0	$k0, CP0_EPC
	lui	$ra, %hi(cur_xc)
	sw	$k0, 12($sp)			/* EPC (a kernel fault would change CP0's) */
	lw	$k0, %lo(cur_xc)($ra)
	la	$gp, kernel_xc
	sw	$k0, 28($sp)			/* the environment's routing block */
	sw	$gp, %lo(cur_xc)($ra)		/* the kernel routes its own faults */
	lui	$k0, %hi(sys_table)
	addu	$k0, $k0, $k1
	lw	$k1, %lo(sys_table)($k0)
	la	$gp, _gp
	jalr	$k1
	nop
	lw	$k1, 28($sp)
	lui	$k0, %hi(cur_xc)
	sw	$k1, %lo(cur_xc)($k0)		/* the environment's routes again */
	lw	$k0, 12($sp)
	lw	$ra, 20($sp)
	lw	$gp, 24($sp)
	lw	$sp, 16($sp)
	addiu	$k0, $k0, 4
	jr	$k0
	rfe
sys_nosys:
	li	$v0, -AEGIS_ENOSYS
	mfc0	$k0, CP0_EPC
	nop
	addiu	$k0, $k0, 4
	jr	$k0
	rfe
	.end	sys_stack
