/*
 * sysentry.S - the two system-call paths of SOSP'95 Table 4. The general
 * vector (exc.S) routes Cause = Sys here for a user environment, with
 * k1 = routing block + cause*4. Instruction counts from the exception
 * beside each line (the vector is 1-9).
 *   no-stack:   the call is answered in k0/k1 and v0, and returns at once;
 *   with-stack: a short trap frame on the kernel's trap stack, then C
 *               (sys_table in syscall.c), which may end the environment.
 */
#include "mips.h"
#include "exc.h"
#include "trapframe.h"
#include "envoffsets.h"
#include <aegis/syscall.h>

	.set	noreorder
	.set	noat
	.text

	.globl	sys_entry
	.ent	sys_entry
sys_entry:
	/* The synchronous PCT first: the paper's 30 instructions from the
	   exception to the callee leave no room for a table lookup. It is
	   call 0, so one branch tests it, and the delay slot does the
	   transfer's first instruction (k1 is dead on the other paths). */
	beqz	$v0, nostack_pct_sync		/* 10 */
	andi	$k1, $v1, MAX_ENVS-1		/* 11 (delay slot) PCT: v1's slot */
	sltiu	$k0, $v0, SYS_NOSTACK_MAX	/* 12 */
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
 * §5.5) to environment v1: install its ASID, its routing block and its
 * Status (the FPU is its or nobody's) and jump to its entry point in
 * user mode. Nothing of the caller is saved and no register but k0/k1 is
 * touched: the registers are the message. v1's slot field locates the
 * callee and its whole id must equal the callee's call_id (its id while
 * it is live, 0 otherwise: no id selecting slot 1..31 is 0) before anything is stored: an id of an
 * environment that ended reaches nobody, even after its slot is reused.
 * The slice goes with the transfer: the callee runs on in it, and because
 * the synchronous form marks the callee CTX_SYNC, the clock's next tick
 * gives it the slice owner's future slices too (sched.c). Counted for the
 * synchronous form, which sys_entry tests first (its delay slot did the
 * andi): 27 from the exception.
 */
	.macro	PCT field, sync
	.if	!\sync
	andi	$k1, $v1, MAX_ENVS-1		/*    v1's slot */
	.endif
	sll	$k1, $k1, ENV_STRIDE_SHIFT	/* 12 */
	lui	$k0, %hi(envs)			/* 13 envs is 64 KB-aligned */
	addu	$k0, $k0, $k1			/* 14 the callee, if v1 is its id */
	lw	$k1, %lo(envs)+ENV_CALL_ID($k0)	/* 15 (%lo is 0; the linker pairs it) */
	nop					/* 16 */
	bne	$k1, $v1, pct_bad		/* 17 not a live environment's id */
	lw	$k1, ENV_ENTRYHI($k0)		/* 18 (delay slot: only a load) */
	.if	\sync
	sw	$zero, ENV_CTX($k0)		/* 19 CTX_SYNC */
	mtc0	$k1, CP0_ENTRYHI		/* 20 its address space */
	.else
	nop					/*    (the load's delay) */
	mtc0	$k1, CP0_ENTRYHI		/*    its address space */
	li	$k1, CTX_LIVE			/*    the rest of the slice only */
	sw	$k1, ENV_CTX($k0)
	.endif
	lui	$k1, %hi(cur_xc)		/* 21 */
	sw	$k0, %lo(cur_xc)($k1)		/* 22 its routes: it is current */
	lw	$k1, ENV_STATUS($k0)		/* 23 its Status: KUp, IEp, IM, CU1 */
	lw	$k0, \field($k0)		/* 24 its entry point */
	mtc0	$k1, CP0_STATUS			/* 25 */
	jr	$k0				/* 26 */
	rfe					/* 27 in user mode */
	.endm

nostack_pct_sync:
	PCT	ENV_SYNC_PC, 1
nostack_pct_async:
	PCT	ENV_ASYNC_PC, 0
/* Refused (nothing was changed): v0 = -EINVAL, past the call. */
pct_bad:
	mfc0	$k0, CP0_EPC
	li	$v0, -AEGIS_EINVAL
	addiu	$k0, $k0, 4
	jr	$k0
	rfe

/*
 * SYS_yield, fast: to environment a0 when both sides allow it (ENV_FAST
 * of the caller, CTX_YIELD in the target: no upcall or revocation is
 * due). The caller keeps what a procedure call keeps: s0-s8, gp, sp, ra
 * and the PC are saved in its trap frame; the target gets its own back
 * and every other register cleared (nothing of the caller leaks), v0 = 0.
 * The rest of the slice goes with it. Anything else takes the general
 * path (trap_entry, then sched_yield in C). 76 instructions here, 96
 * from the exception (tests/user/schedtest bounds a whole ping-pong way).
 */
nostack_yield:					/* 21-31: the target checked */
	andi	$k1, $a0, MAX_ENVS-1
	sll	$k1, $k1, ENV_STRIDE_SHIFT
	lui	$k0, %hi(envs)
	addu	$k0, $k0, $k1			/* the target, if a0 is its id */
	lw	$k1, %lo(envs)+ENV_CALL_ID($k0)
	nop
	bne	$k1, $a0, yield_slow		/* not a live id (0 too): C decides */
	lw	$k1, ENV_CTX($k0)
	nop
	addiu	$k1, $k1, -CTX_YIELD
	bnez	$k1, yield_slow			/* not resumable here */
	lui	$k1, %hi(cur_xc)		/* 32-38: the caller may leave fast */
	lw	$k1, %lo(cur_xc)($k1)		/* the caller */
	nop
	sw	$s0, ENV_TF+TF_S0($k1)		/* s0 is scratch from here */
	lw	$s0, ENV_FAST($k1)
	nop
	beqz	$s0, yield_slow_s0		/* an upcall is due to the caller */
	sw	$s1, ENV_TF+TF_S1($k1)		/* 39-54: the caller saved */
	sw	$s2, ENV_TF+TF_S2($k1)
	sw	$s3, ENV_TF+TF_S3($k1)
	sw	$s4, ENV_TF+TF_S4($k1)
	sw	$s5, ENV_TF+TF_S5($k1)
	sw	$s6, ENV_TF+TF_S6($k1)
	sw	$s7, ENV_TF+TF_S7($k1)
	sw	$s8, ENV_TF+TF_S8($k1)
	sw	$gp, ENV_TF+TF_GP($k1)
	sw	$sp, ENV_TF+TF_SP($k1)
	sw	$ra, ENV_TF+TF_RA($k1)
	mfc0	$s0, CP0_EPC
	li	$s1, CTX_YIELD
	addiu	$s0, $s0, 4
	sw	$s0, ENV_TF+TF_EPC($k1)
	sw	$s1, ENV_CTX($k1)		/* the caller: resumable by a fast yield */
	li	$s1, CTX_LIVE			/* 55-62: the target installed */
	sw	$s1, ENV_CTX($k0)		/* the target runs, on the rest of the slice */
	lw	$s0, ENV_ENTRYHI($k0)
	lw	$s1, ENV_STATUS($k0)
	mtc0	$s0, CP0_ENTRYHI
	lui	$s0, %hi(cur_xc)
	sw	$k0, %lo(cur_xc)($s0)
	mtc0	$s1, CP0_STATUS
	lw	$s1, ENV_TF+TF_S1($k0)		/* 63-96: its registers, the rest cleared */
	lw	$s2, ENV_TF+TF_S2($k0)
	lw	$s3, ENV_TF+TF_S3($k0)
	lw	$s4, ENV_TF+TF_S4($k0)
	lw	$s5, ENV_TF+TF_S5($k0)
	lw	$s6, ENV_TF+TF_S6($k0)
	lw	$s7, ENV_TF+TF_S7($k0)
	lw	$s8, ENV_TF+TF_S8($k0)
	lw	$gp, ENV_TF+TF_GP($k0)
	lw	$sp, ENV_TF+TF_SP($k0)
	lw	$ra, ENV_TF+TF_RA($k0)
	move	$v0, $zero
	ZERO_SCRATCH_BUT_V0
	mthi	$zero
	mtlo	$zero
	lw	$k1, ENV_TF+TF_EPC($k0)
	lw	$s0, ENV_TF+TF_S0($k0)
	jr	$k1
	rfe
yield_slow_s0:
	lw	$s0, ENV_TF+TF_S0($k1)
/*
 * A yield to anyone (a0 = 0) by the only runnable environment, with
 * nothing due to it (ENV_FAST: no slice-start upcall, revocation, end
 * upcall or network upcall) and no other environment awaited by the
 * kernel (run_until is 0 or the caller: an awaited one that ended must
 * reach C): sched_yield would return to the caller at once; here it does
 * so without the trap path's 460 cycles with interrupts masked (a frame
 * arriving meanwhile waited: Table 11's ASH server, issue 21). With one
 * runnable environment next_slice can only choose it, so its slice
 * position and forfeits are left for the clock's tick to walk. Cleared
 * as sched_yield clears them: at, v0, v1, a1-a3, t0-t9, hi, lo.
 */
yield_slow:
	bnez	$a0, yield_trap			/* to someone: C decides */
	lui	$k1, %hi(env_nrunnable)
	lw	$k1, %lo(env_nrunnable)($k1)
	lui	$k0, %hi(cur_xc)
	addiu	$k1, $k1, -1
	bnez	$k1, yield_trap			/* another may run */
	lw	$k0, %lo(cur_xc)($k0)		/* (delay slot) the caller */
	lui	$k1, %hi(run_until)
	lw	$k1, %lo(run_until)($k1)
	nop
	beqz	$k1, 1f
	nop
	bne	$k1, $k0, yield_trap		/* another is awaited: C */
	nop
1:	lw	$k1, ENV_FAST($k0)
	nop
	beqz	$k1, yield_trap			/* something is due to it */
	nop
	move	$at, $zero
	move	$v0, $zero
	move	$v1, $zero
	move	$a1, $zero
	move	$a2, $zero
	move	$a3, $zero
	ZERO_T
	mthi	$zero
	mfc0	$k0, CP0_EPC
	mtlo	$zero
	addiu	$k0, $k0, 4
	jr	$k0
	rfe
yield_trap:
	j	trap_entry
	nop

	.rdata
	.balign	4
nostack_table:
	.word	pct_bad				/* SYS_pct_sync: never looked up (sys_entry) */
	.word	nostack_getenvid		/* SYS_getenvid */
	.word	nostack_pct_async		/* SYS_pct_async */
	.word	nostack_yield			/* SYS_yield */
	.text

/*
 * The with-stack path: the caller's sp, ra, gp and EPC on the trap
 * stack, the kernel's routing block while C runs, then the C function
 * sys_table[v0 - SYS_NOSTACK_MAX](a0, a1, a2, a3) (syscall.c: the table
 * has no entries for the no-stack calls); its result returns in v0
 * past the syscall instruction. Anything the C code needs beyond its
 * four arguments it finds through curenv. Counted for SYS_null, whose
 * C function is 2 instructions (41-42): 52 from the exception, 53 with
 * the syscall (tests/user/dispatch.c's budget).
 */
	.ent	sys_stack
sys_stack:
	sltiu	$k0, $v0, SYS_MAX	/* 15 */
	beqz	$k0, sys_nosys		/* 16 */
	sll	$k1, $v0, 2		/* 17 delay slot: table offset */
	move	$k0, $sp		/* 18 */
	/* The frame: 0-15 the C function's argument home slots (o32: it
	   may store a0-a3 there, and gcc does spill a3 there), then the
	   caller's sp, ra, gp, routing block and EPC. EPC was at 12, a3's
	   slot, until a compile of sys_net_ring that spilled a3 returned
	   to address 0. */
	la	$sp, trap_stack_top - 40 /* 19-20 */
	sw	$k0, 16($sp)		/* 21 the caller's sp */
	sw	$ra, 20($sp)		/* 22 */
	sw	$gp, 24($sp)		/* 23 */
	mfc0	$k0, CP0_EPC		/* 24 */
	lui	$ra, %hi(cur_xc)	/* 25 */
	sw	$k0, 32($sp)		/* 26 EPC (a kernel fault would change CP0's) */
	lw	$k0, %lo(cur_xc)($ra)	/* 27 */
	la	$gp, kernel_xc		/* 28-29 */
	sw	$k0, 28($sp)		/* 30 the environment's routing block */
	sw	$gp, %lo(cur_xc)($ra)	/* 31 the kernel routes its own faults */
	lui	$ra, %hi(curenv)	/* 32 */
	sw	$k0, %lo(curenv)($ra)	/* 33 the caller, for the C code */
	lui	$k0, %hi(sys_table - 4 * SYS_NOSTACK_MAX) /* 34 */
	addu	$k0, $k0, $k1		/* 35 */
	lw	$k1, %lo(sys_table - 4 * SYS_NOSTACK_MAX)($k0) /* 36 */
	la	$gp, _gp		/* 37-38 */
#ifdef AEGIS_DEBUG_INVARIANTS
	lui	$k0, %hi(inv_sysnum)	/* the debug kernel: which call (invplant=) */
	sw	$v0, %lo(inv_sysnum)($k0)
#endif
	jalr	$k1			/* 39 */
	nop				/* 40 */
#ifdef AEGIS_DEBUG_INVARIANTS
	addiu	$sp, $sp, -24		/* the debug kernel: check every invariant */
	sw	$v0, 16($sp)		/* (aegis/invariants.c), keeping the result */
	jal	inv_after_syscall
	move	$a0, $v0
	lw	$v0, 16($sp)
	addiu	$sp, $sp, 24
#endif
	lw	$k1, 28($sp)		/* 43 */
	lui	$k0, %hi(cur_xc)	/* 44 */
	sw	$k1, %lo(cur_xc)($k0)	/* 45 the environment's routes again */
	lw	$k0, 32($sp)		/* 46 */
	lw	$ra, 20($sp)		/* 47 */
	lw	$gp, 24($sp)		/* 48 */
	lw	$sp, 16($sp)		/* 49 */
	addiu	$k0, $k0, 4		/* 50 */
	jr	$k0			/* 51 */
	rfe				/* 52 */
sys_nosys:
	li	$v0, -AEGIS_ENOSYS
	mfc0	$k0, CP0_EPC
	nop
	addiu	$k0, $k0, 4
	jr	$k0
	rfe
	.end	sys_stack
