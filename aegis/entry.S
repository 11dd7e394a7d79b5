/*
 * entry.S - the kernel's general trap path, which saves a full frame and
 * calls trap() in C, the way back into an environment (trap_return), the
 * kernel's context switch (kctx_save/kctx_restore), and its two stacks.
 * The PROM enters the image at rt/start.S's _start, which runs boot() on
 * boot_stack. In .text.start, linked right after _start (aegis/aegis.mk),
 * where this code has always been.
 * The trap path here is the slow, general one (every register saved);
 * the paper's fast dispatch paths are exc.S and sysentry.S, and an
 * environment's interrupts take intr_entry (in .text.intr_entry, which
 * rt/rt.ld places with the network's path), which saves less.
 */
#include "mips.h"
#include "trapframe.h"

	.set	noreorder
	.set	noat

/* A frame's registers at sp + 16, in two parts: those C code may clobber
   (at, v0-v1, a0-a3, t0-t9, ra; gp, which the kernel sets for its own
   C), and those it keeps (s0-s7, s8). trap_entry and restore move both;
   intr_entry the first alone when it can. */
	.macro	SAVE_SCRATCH
	sw	$at, 16+TF_AT($sp)
	sw	$v0, 16+TF_V0($sp)
	sw	$v1, 16+TF_V1($sp)
	sw	$a0, 16+TF_A0($sp)
	sw	$a1, 16+TF_A1($sp)
	sw	$a2, 16+TF_A2($sp)
	sw	$a3, 16+TF_A3($sp)
	sw	$t0, 16+TF_T0($sp)
	sw	$t1, 16+TF_T1($sp)
	sw	$t2, 16+TF_T2($sp)
	sw	$t3, 16+TF_T3($sp)
	sw	$t4, 16+TF_T4($sp)
	sw	$t5, 16+TF_T5($sp)
	sw	$t6, 16+TF_T6($sp)
	sw	$t7, 16+TF_T7($sp)
	sw	$t8, 16+TF_T8($sp)
	sw	$t9, 16+TF_T9($sp)
	sw	$gp, 16+TF_GP($sp)
	sw	$ra, 16+TF_RA($sp)
	.endm
	.macro	SAVE_KEPT
	sw	$s0, 16+TF_S0($sp)
	sw	$s1, 16+TF_S1($sp)
	sw	$s2, 16+TF_S2($sp)
	sw	$s3, 16+TF_S3($sp)
	sw	$s4, 16+TF_S4($sp)
	sw	$s5, 16+TF_S5($sp)
	sw	$s6, 16+TF_S6($sp)
	sw	$s7, 16+TF_S7($sp)
	sw	$s8, 16+TF_S8($sp)
	.endm
	.macro	LOAD_SCRATCH
	lw	$at, 16+TF_AT($sp)
	lw	$v0, 16+TF_V0($sp)
	lw	$v1, 16+TF_V1($sp)
	lw	$a0, 16+TF_A0($sp)
	lw	$a1, 16+TF_A1($sp)
	lw	$a2, 16+TF_A2($sp)
	lw	$a3, 16+TF_A3($sp)
	lw	$t0, 16+TF_T0($sp)
	lw	$t1, 16+TF_T1($sp)
	lw	$t2, 16+TF_T2($sp)
	lw	$t3, 16+TF_T3($sp)
	lw	$t4, 16+TF_T4($sp)
	lw	$t5, 16+TF_T5($sp)
	lw	$t6, 16+TF_T6($sp)
	lw	$t7, 16+TF_T7($sp)
	lw	$t8, 16+TF_T8($sp)
	lw	$t9, 16+TF_T9($sp)
	lw	$gp, 16+TF_GP($sp)
	lw	$ra, 16+TF_RA($sp)
	.endm
	.macro	LOAD_KEPT
	lw	$s0, 16+TF_S0($sp)
	lw	$s1, 16+TF_S1($sp)
	lw	$s2, 16+TF_S2($sp)
	lw	$s3, 16+TF_S3($sp)
	lw	$s4, 16+TF_S4($sp)
	lw	$s5, 16+TF_S5($sp)
	lw	$s6, 16+TF_S6($sp)
	lw	$s7, 16+TF_S7($sp)
	lw	$s8, 16+TF_S8($sp)
	.endm
	/* hi, lo, Status, Cause and EPC into the frame (and BadVAddr, given
	   any argument: trap_entry's full frame), through t0-t3, which the
	   SAVE_SCRATCH before it has saved. */
	.macro	SAVE_HILO_STATUS badvaddr
	mfhi	$t0
	mflo	$t1
	sw	$t0, 16+TF_HI($sp)
	sw	$t1, 16+TF_LO($sp)
	mfc0	$t0, CP0_STATUS
	mfc0	$t1, CP0_CAUSE
	mfc0	$t2, CP0_EPC
	.ifnb	\badvaddr
	mfc0	$t3, CP0_BADVADDR
	.endif
	sw	$t0, 16+TF_STATUS($sp)
	sw	$t1, 16+TF_CAUSE($sp)
	sw	$t2, 16+TF_EPC($sp)
	.ifnb	\badvaddr
	sw	$t3, 16+TF_BADVADDR($sp)
	.endif
	.endm
	/* hi, lo and Status back (Status restores the KU/IE stack rfe
	   pops); t0 and t1 are reloaded after. */
	.macro	LOAD_HILO_STATUS
	lw	$t0, 16+TF_HI($sp)
	lw	$t1, 16+TF_LO($sp)
	mthi	$t0
	mtlo	$t1
	lw	$t0, 16+TF_STATUS($sp)
	nop
	mtc0	$t0, CP0_STATUS
	.endm

	.section .text.start, "ax"
/*
 * trap_entry: build a struct trapframe below the current stack (the kernel
 * runs on one stack for now; user mode comes with environments), call
 * trap(tf), and return to tf->epc, which trap() may have moved on.
 */
	.globl	trap_entry
	.ent	trap_entry
trap_entry:
	/* From user mode (KUp set once the exception pushed the KU/IE
	   stack) the frame goes on the kernel's trap stack; from kernel mode
	   below the current stack. */
	mfc0	$k0, CP0_STATUS
	move	$k1, $sp
	andi	$k0, $k0, SR_KUP
	beqz	$k0, 1f
	addiu	$sp, $sp, -(TF_SIZE + 16)	/* delay slot: the kernel-mode frame */
	la	$sp, trap_stack_top - (TF_SIZE + 16)
1:	sw	$k1, 16+TF_SP($sp)
	SAVE_SCRATCH
	SAVE_KEPT
	SAVE_HILO_STATUS badvaddr
	la	$gp, _gp
	jal	trap
	addiu	$a0, $sp, 16		/* delay slot: a0 = tf */
	b	restore
	nop

/*
 * intr_entry: an interrupt in user mode (every environment's route for
 * cause 0: env.c). It saves only what C code may clobber (at, v0-v1,
 * a0-a3, t0-t9, ra, hi, lo) with gp, sp, Status, Cause and EPC, and calls
 * env_intr(tf); when that has served it all (the usual network
 * interrupt: issue 21, "ash3"), it restores them and returns, 10 stores
 * and 9 loads fewer than trap_entry. Otherwise the callee-saved
 * registers, still the environment's (C code kept them), complete the
 * frame, and env_intr_rest(tf, left) runs what may switch environments or
 * rewrite the frame (the clock's tick, a revocation, a network upcall),
 * returning through restore. Kernel mode (self-tests that turn
 * interrupts on): trap_entry.
 */
	.section .text.intr_entry, "ax"	/* placed by rt/rt.ld with the network's path */
	.globl	intr_entry
	.ent	intr_entry
intr_entry:
	mfc0	$k0, CP0_STATUS
	move	$k1, $sp
	andi	$k0, $k0, SR_KUP
	bnez	$k0, 2f
	nop
	j	trap_entry
	nop
2:	la	$sp, trap_stack_top - (TF_SIZE + 16)
	sw	$k1, 16+TF_SP($sp)
	SAVE_SCRATCH
	SAVE_HILO_STATUS
	la	$gp, _gp
	jal	env_intr
	addiu	$a0, $sp, 16		/* delay slot: a0 = tf */
	bnez	$v0, 1f
	move	$a1, $v0		/* delay slot: what is left, for env_intr_rest */
	LOAD_HILO_STATUS
	LOAD_SCRATCH
	lw	$k0, 16+TF_EPC($sp)
	lw	$sp, 16+TF_SP($sp)
	jr	$k0
	rfe				/* delay slot: pop the KU/IE stack */
1:	SAVE_KEPT
	mfc0	$t3, CP0_BADVADDR
	nop
	sw	$t3, 16+TF_BADVADDR($sp)
	jal	env_intr_rest
	addiu	$a0, $sp, 16		/* delay slot: a0 = tf */
	j	restore
	nop
	.end	intr_entry

	.section .text.start, "ax"

/*
 * trap_return(tf): load every register from *tf and return to tf->epc
 * with the KU/IE stack popped: how an environment is (re)entered.
 */
	.globl	trap_return
trap_return:
	addiu	$sp, $a0, -16
	.globl	restore
restore:
	LOAD_HILO_STATUS
	LOAD_SCRATCH
	LOAD_KEPT
	lw	$k0, 16+TF_EPC($sp)
	lw	$sp, 16+TF_SP($sp)
	jr	$k0
	rfe				/* delay slot: pop the KU/IE stack */
	.end	trap_entry

/*
 * kctx_save(k): remember the kernel's callee-saved state; returns 0.
 * kctx_restore(k): resume there, as if kctx_save had returned 1.
 */
	.globl	kctx_save, kctx_restore
kctx_save:
	sw	$s0, 0($a0)
	sw	$s1, 4($a0)
	sw	$s2, 8($a0)
	sw	$s3, 12($a0)
	sw	$s4, 16($a0)
	sw	$s5, 20($a0)
	sw	$s6, 24($a0)
	sw	$s7, 28($a0)
	sw	$sp, 32($a0)
	sw	$s8, 36($a0)
	sw	$ra, 40($a0)
	sw	$gp, 44($a0)
	jr	$ra
	move	$v0, $zero
kctx_restore:
	lw	$s0, 0($a0)
	lw	$s1, 4($a0)
	lw	$s2, 8($a0)
	lw	$s3, 12($a0)
	lw	$s4, 16($a0)
	lw	$s5, 20($a0)
	lw	$s6, 24($a0)
	lw	$s7, 28($a0)
	lw	$sp, 32($a0)
	lw	$s8, 36($a0)
	lw	$ra, 40($a0)
	lw	$gp, 44($a0)
	jr	$ra
	li	$v0, 1

	.bss
	.align	3
trap_stack:
	.space	8192
	.globl	trap_stack_top
trap_stack_top:
	.align	3
boot_stack:
	.space	16384
	.globl	boot_stack_top
boot_stack_top:
