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
#include "envoffsets.h"
#define MAX_ENVS	16	/* env.h */
#include <aegis/syscall.h>

	.set	noreorder
	.set	noat
	.text

	.globl	sys_entry
	.ent	sys_entry
sys_entry:
	/* The synchronous PCT first: the paper's 30 instructions from the
	   exception to the callee leave no room for a table lookup. */
	addiu	$k0, $v0, -SYS_pct_sync		/* 10 */
	beqz	$k0, nostack_pct_sync		/* 11 */
	sltiu	$k0, $v0, SYS_NOSTACK_MAX	/* 12 (delay slot; unused by PCT) */
	beqz	$k0, sys_stack			/* 13 */
	sll	$k1, $v0, 2			/* 14 */
	lui	$k0, %hi(nostack_table)		/* 15 */
	addu	$k0, $k0, $k1			/* 16 */
	lw	$k0, %lo(nostack_table)($k0)	/* 17 */
	nop					/* 18 */
	jr	$k0				/* 19 */
	nop					/* 20 */
	.end	sys_entry

/* SYS_getenvid: v0 = the running environment's id, found through the
   current routing block (the start of its struct env). */
nostack_getenvid:
	lui	$k0, %hi(cur_xc)		/* 21 */
	lw	$k0, %lo(cur_xc)($k0)		/* 22 */
	mfc0	$k1, CP0_EPC			/* 23 */
	lw	$v0, ENV_ID($k0)		/* 24 */
	addiu	$k1, $k1, 4			/* 25 */
	jr	$k1				/* 26 */
	rfe					/* 27 */

/*
 * SYS_pct_sync / SYS_pct_async: protected control transfer (SOSP'95
 * §5.5) to environment v1: install its ASID and its routing block and
 * jump to its entry point in user mode. Nothing of the caller is saved
 * and no register but k0/k1 is touched: the registers are the message.
 * (Donating the current slice, and for the synchronous form its future
 * instances, comes with the time-slice vector.) Counted for the
 * synchronous form, which sys_entry tests first: 30 from the exception.
 */
	.macro	PCT field
	addiu	$k1, $v1, -1			/* 13 environment v1 is envs[v1 - 1] */
	sltiu	$k1, $k1, MAX_ENVS		/* 14 */
	beqz	$k1, pct_bad			/* 15 */
	sll	$k1, $v1, ENV_STRIDE_SHIFT	/* 16 */
	lui	$k0, %hi(envs - (1 << ENV_STRIDE_SHIFT))	/* 17 */
	addu	$k0, $k0, $k1			/* 18 */
	addiu	$k0, $k0, %lo(envs - (1 << ENV_STRIDE_SHIFT))	/* 19 the callee */
	lw	$k1, ENV_ENTRYHI($k0)		/* 20 */
	nop					/* 21 */
	beqz	$k1, pct_bad			/* 22 no such environment */
	nop					/* 23 */
	mtc0	$k1, CP0_ENTRYHI		/* 24 its address space */
	lui	$k1, %hi(cur_xc)		/* 25 */
	sw	$k0, %lo(cur_xc)($k1)		/* 26 its routes: it is current */
	lw	$k1, \field($k0)		/* 27 its entry point */
	nop					/* 28 */
	jr	$k1				/* 29 */
	rfe					/* 30 in user mode */
	.endm

nostack_pct_sync:
	PCT	ENV_SYNC_PC
nostack_pct_async:
	PCT	ENV_ASYNC_PC
pct_bad:
	li	$v0, -AEGIS_EINVAL
	mfc0	$k0, CP0_EPC
	nop
	addiu	$k0, $k0, 4
	jr	$k0
	rfe

	.rdata
	.balign	4
nostack_table:
	.word	nostack_getenvid		/* SYS_getenvid */
	.word	nostack_pct_sync		/* SYS_pct_sync */
	.word	nostack_pct_async		/* SYS_pct_async */
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
	lui	$ra, %hi(curenv)
	sw	$k0, %lo(curenv)($ra)		/* the caller, for the C code */
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
