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
 * The with-stack path: a trap frame on the trap stack holding what C
 * needs (the call, its arguments, EPC, the registers a C call must not
 * lose to the kernel: sp, ra, gp), the kernel's routing block while C
 * runs, then the result and the return past the syscall instruction.
 */
	.ent	sys_stack
sys_stack:
	move	$k1, $sp
	la	$sp, trap_stack_top - (TF_SIZE + 16)
	sw	$k1, 16+TF_SP($sp)
	sw	$ra, 16+TF_RA($sp)
	sw	$gp, 16+TF_GP($sp)
	sw	$v0, 16+TF_V0($sp)
	sw	$a0, 16+TF_A0($sp)
	sw	$a1, 16+TF_A1($sp)
	sw	$a2, 16+TF_A2($sp)
	sw	$a3, 16+TF_A3($sp)
	mfc0	$k0, CP0_EPC
	mfc0	$k1, CP0_CAUSE
	sw	$k0, 16+TF_EPC($sp)
	sw	$k1, 16+TF_CAUSE($sp)
	mfc0	$k0, CP0_STATUS
	la	$gp, _gp
	sw	$k0, 16+TF_STATUS($sp)
	lui	$k0, %hi(cur_xc)		/* the kernel routes its own faults */
	lw	$k1, %lo(cur_xc)($k0)
	la	$a1, kernel_xc
	sw	$a1, %lo(cur_xc)($k0)
	sw	$k1, 16+TF_S0($sp)		/* the environment's block, for the way back */
	jal	syscall
	addiu	$a0, $sp, 16			/* delay slot: a0 = tf */
	lw	$k1, 16+TF_S0($sp)
	lui	$k0, %hi(cur_xc)
	sw	$k1, %lo(cur_xc)($k0)		/* the environment's routes again */
	lw	$v0, 16+TF_V0($sp)
	lw	$ra, 16+TF_RA($sp)
	lw	$gp, 16+TF_GP($sp)
	lw	$k0, 16+TF_EPC($sp)		/* syscall() moved it past the call */
	lw	$sp, 16+TF_SP($sp)
	jr	$k0
	rfe
	.end	sys_stack
