/*
 * net/ash_run.S - running a rewritten ASH (ash.c): the trampoline into
 * it and out of it, and the three ways the kernel is entered during a
 * run (SIGCOMM'96: "the kernel must be able to abort a handler"):
 *   ash_break_entry  the general vector's route for Bp (ash_xc): the
 *                    send call, in C, then back into the handler;
 *   ash_miss         the UTLB vector's route on an STLB miss
 *                    (stlb_miss_route): the owner's guaranteed
 *                    mappings are refilled, anything else aborts;
 *   ash_fault_entry  every other exception (ash_xc): abort.
 * An abort unwinds to ash_call's return with the kernel's registers and
 * CP0 state as they were: no frame is built on the handler's $sp (the
 * handler may have set it to anything), nothing is returned into.
 * Instruction counts beside the entry and exit paths (the clearing of
 * the kernel's registers is the part a sandbox needs: the receive
 * interrupt may come while another environment runs, and its values may
 * still be in the callee-saved registers).
 */
#include "mips.h"
#include "ash.h"
#include <aegis/net.h>

#define ASH_WINDOW_HI	0x7fe0		/* AEGIS_ASH_FRAME_VA >> 16 (ash.c checks) */

	.set	noreorder
	.set	noat

/* ash_kern: what ash_call saves of the kernel. */
#define K_S0		0		/* s0..s7 at 0..28 */
#define K_S8		32
#define K_GP		36
#define K_SP		40
#define K_RA		44
#define K_STATUS	48
#define K_ENTRYHI	52
#define K_INDEX		56
#define K_ENTRYLO	60
#define K_SLOT_HI	64		/* the wired entry before the run */
#define K_SLOT_LO	68
#define K_XC		72		/* cur_xc */
#define K_MISS		76		/* stlb_miss_route */
#define K_SIZE		80

/* ash_regs: the handler's registers across a call into C. */
#define H_AT	0
#define H_V0	4
#define H_V1	8
#define H_A0	12
#define H_A1	16
#define H_A2	20
#define H_A3	24
#define H_T0	28
#define H_T1	32
#define H_T2	36
#define H_T3	40
#define H_T4	44
#define H_T5	48
#define H_T6	52
#define H_T7	56
#define H_T8	60
#define H_T9	64
#define H_GP	68
#define H_SP	72
#define H_RA	76
#define H_HI	80
#define H_LO	84
#define H_EPC	88
#define H_SIZE	92

	.bss
	.balign	8
ash_kern:	.space	K_SIZE
ash_regs:	.space	H_SIZE
	.globl	ash_owner_hi
ash_owner_hi:	.space	4		/* ASID << 6 of the run (ash.c) */

	.text
/*
 * int ash_call(entry, len, arg, frame_lo): a0 = the rewritten code,
 * a1 = the frame's length, a2 = the handler's arg, a3 = the frame
 * window's EntryLo; ash_owner_hi set. Returns 0/1 (the handler's v0 ==
 * 0 / != 0), -1 aborted, -2 over its budget. Interrupts are off.
 */
	.globl	ash_call
	.ent	ash_call
ash_call:
	lui	$t0, %hi(ash_kern)		/*  1 */
	addiu	$t0, $t0, %lo(ash_kern)		/*  2 */
	sw	$s0, K_S0+0($t0)		/*  3 the kernel's callee-saved registers */
	sw	$s1, K_S0+4($t0)		/*  4 */
	sw	$s2, K_S0+8($t0)		/*  5 */
	sw	$s3, K_S0+12($t0)		/*  6 */
	sw	$s4, K_S0+16($t0)		/*  7 */
	sw	$s5, K_S0+20($t0)		/*  8 */
	sw	$s6, K_S0+24($t0)		/*  9 */
	sw	$s7, K_S0+28($t0)		/* 10 */
	sw	$s8, K_S8($t0)			/* 11 */
	sw	$gp, K_GP($t0)			/* 12 */
	sw	$sp, K_SP($t0)			/* 13 */
	sw	$ra, K_RA($t0)			/* 14 */
	mfc0	$t1, CP0_STATUS			/* 15 */
	mfc0	$t2, CP0_ENTRYHI		/* 16 */
	mfc0	$t3, CP0_INDEX			/* 17 */
	mfc0	$t4, CP0_ENTRYLO		/* 18 */
	mtc0	$zero, CP0_STATUS		/* 19 kernel mode, interrupts off, no FPU */
	sw	$t1, K_STATUS($t0)		/* 20 */
	sw	$t2, K_ENTRYHI($t0)		/* 21 */
	sw	$t3, K_INDEX($t0)		/* 22 */
	sw	$t4, K_ENTRYLO($t0)		/* 23 */
	/* The frame window: keep the wired entry's contents, and clear any
	   entry the owner made at the window's page itself (SYS_tlbwr), as
	   two matching entries are undefined on an R3000 (manual ch. 6). */
	li	$t1, ASH_TLB_SLOT << 8		/* 24 */
	mtc0	$t1, CP0_INDEX			/* 25 */
	lui	$t4, %hi(ash_owner_hi)		/* 26 */
	tlbr					/* 27 */
	lw	$t4, %lo(ash_owner_hi)($t4)	/* 28 */
	mfc0	$t2, CP0_ENTRYHI		/* 29 */
	mfc0	$t3, CP0_ENTRYLO		/* 30 */
	lui	$t5, ASH_WINDOW_HI		/* 31 */
	or	$t5, $t5, $t4			/* 32 window | owner's ASID */
	mtc0	$t5, CP0_ENTRYHI		/* 33 */
	sw	$t2, K_SLOT_HI($t0)		/* 34 */
	tlbp					/* 35 */
	sw	$t3, K_SLOT_LO($t0)		/* 36 */
	mfc0	$t6, CP0_INDEX			/* 37 */
	nop					/* 38 */
	bgez	$t6, ash_window_taken		/* 39 (rare) */
	nop					/* 40 */
ash_window_free:
	mtc0	$t1, CP0_INDEX			/* 41 */
	mtc0	$a3, CP0_ENTRYLO		/* 42 the frame's page, read-only */
	nop					/* 43 */
	tlbwi					/* 44 */
	mtc0	$t4, CP0_ENTRYHI		/* 45 the run's ASID: the owner's */
	/* The routes: exceptions to ash_xc, STLB misses to ash_miss. */
	lui	$t2, %hi(cur_xc)		/* 46 */
	lw	$t3, %lo(cur_xc)($t2)		/* 47 */
	lui	$t6, %hi(stlb_miss_route)	/* 48 */
	lw	$t7, %lo(stlb_miss_route)($t6)	/* 49 */
	sw	$t3, K_XC($t0)			/* 50 */
	sw	$t7, K_MISS($t0)		/* 51 */
	lui	$t3, %hi(ash_xc)		/* 52 */
	addiu	$t3, $t3, %lo(ash_xc)		/* 53 */
	lui	$t7, %hi(ash_miss)		/* 54 */
	addiu	$t7, $t7, %lo(ash_miss)		/* 55 */
	sw	$t3, %lo(cur_xc)($t2)		/* 56 */
	sw	$t7, %lo(stlb_miss_route)($t6)	/* 57 */
	/* The handler's registers: a0..a2, the sandbox's $gp and $s8, and
	   nothing else of the kernel's. */
	move	$at, $a0			/* 58 the entry ($at: never read by a handler) */
	lui	$a0, ASH_WINDOW_HI		/* 59 */
	addiu	$a0, $a0, 2			/* 60 the frame */
	lui	$gp, 0x7fff			/* 61 */
	ori	$gp, $gp, 0xffff		/* 62 the kuseg mask */
	lui	$s8, AEGIS_ASH_BUDGET >> 16	/* 63 */
	ori	$s8, $s8, AEGIS_ASH_BUDGET & 0xffff /* 64 instructions of loops left */
	move	$v0, $zero			/* 65-88 */
	move	$v1, $zero
	move	$a3, $zero
	ZERO_T
	move	$s0, $zero
	move	$s1, $zero
	move	$s2, $zero
	move	$s3, $zero
	move	$s4, $zero
	move	$s5, $zero
	move	$s6, $zero
	move	$s7, $zero
	move	$sp, $zero
	mthi	$zero
	mtlo	$zero
	jr	$at				/* 89 */
	move	$ra, $zero			/* 90 */

/* Another entry already maps the window's page in the owner's ASID (t6 =
   its index): make it an invalid entry at its own kseg0 page, as
   tlb_init leaves them. The STLB keeps the binding for after the run. */
ash_window_taken:
	andi	$t7, $t6, 0x3f00
	sll	$t7, $t7, 4			/* index << 12 */
	lui	$t8, 0x8000
	or	$t7, $t7, $t8
	mtc0	$t7, CP0_ENTRYHI
	mtc0	$zero, CP0_ENTRYLO
	nop
	tlbwi
	b	ash_window_free
	mtc0	$t5, CP0_ENTRYHI
	.end	ash_call

/*
 * The epilogue: the handler's jr $ra became j ash_exit. v0 = 0 or 1.
 */
	.globl	ash_exit, ash_end_exit, ash_timeout_exit, ash_fault_entry
ash_exit:
	sltu	$v0, $zero, $v0			/*  1 */
/* v0 = what ash_call returns. */
ash_leave:
	lui	$t0, %hi(ash_kern)		/*  2 */
	addiu	$t0, $t0, %lo(ash_kern)		/*  3 */
	lw	$t1, K_SLOT_HI($t0)		/*  4 */
	lw	$t2, K_SLOT_LO($t0)		/*  5 */
	li	$t3, ASH_TLB_SLOT << 8		/*  6 */
	mtc0	$t1, CP0_ENTRYHI		/*  7 */
	mtc0	$t2, CP0_ENTRYLO		/*  8 */
	mtc0	$t3, CP0_INDEX			/*  9 */
	lw	$t1, K_ENTRYHI($t0)		/* 10 */
	tlbwi					/* 11 the window is gone */
	lw	$t2, K_INDEX($t0)		/* 12 */
	lw	$t3, K_ENTRYLO($t0)		/* 13 */
	mtc0	$t1, CP0_ENTRYHI		/* 14 */
	mtc0	$t2, CP0_INDEX			/* 15 */
	mtc0	$t3, CP0_ENTRYLO		/* 16 */
	lw	$t1, K_XC($t0)			/* 17 */
	lw	$t2, K_MISS($t0)		/* 18 */
	lui	$t3, %hi(cur_xc)		/* 19 */
	sw	$t1, %lo(cur_xc)($t3)		/* 20 */
	lui	$t3, %hi(stlb_miss_route)	/* 21 */
	sw	$t2, %lo(stlb_miss_route)($t3)	/* 22 */
	lw	$s0, K_S0+0($t0)		/* 23 */
	lw	$s1, K_S0+4($t0)		/* 24 */
	lw	$s2, K_S0+8($t0)		/* 25 */
	lw	$s3, K_S0+12($t0)		/* 26 */
	lw	$s4, K_S0+16($t0)		/* 27 */
	lw	$s5, K_S0+20($t0)		/* 28 */
	lw	$s6, K_S0+24($t0)		/* 29 */
	lw	$s7, K_S0+28($t0)		/* 30 */
	lw	$s8, K_S8($t0)			/* 31 */
	lw	$gp, K_GP($t0)			/* 32 */
	lw	$sp, K_SP($t0)			/* 33 */
	lw	$ra, K_RA($t0)			/* 34 */
	lw	$t1, K_STATUS($t0)		/* 35 */
	nop					/* 36 */
	mtc0	$t1, CP0_STATUS			/* 37 (after an abort: the KU/IE stack too) */
	jr	$ra				/* 38 */
	nop					/* 39 */

/* Every exception but the send call: abort. */
ash_fault_entry:
	mfc0	$k0, CP0_CAUSE
	mfc0	$k1, CP0_EPC
	lui	$t0, %hi(ash_last_fault)
	addiu	$t0, $t0, %lo(ash_last_fault)
	sw	$k0, 0($t0)
	mfc0	$k0, CP0_BADVADDR
	sw	$k1, 4($t0)
	sw	$k0, 8($t0)
ash_fault_exit:
	b	ash_leave
	li	$v0, -1
/* Over its budget (the rewritten code's timeout stub). */
ash_timeout_exit:
	li	$v0, -2
ash_no_cause:
	lui	$t0, %hi(ash_last_fault)
	addiu	$t0, $t0, %lo(ash_last_fault)
	sw	$zero, 0($t0)
	sw	$zero, 4($t0)
	b	ash_leave
	sw	$zero, 8($t0)
/* Ran past its last word. */
ash_end_exit:
	b	ash_no_cause
	li	$v0, -1

/* The handler's registers into ash_regs (k0 = ash_regs), then C's
   environment: the stack below ash_call's caller's frame, the kernel's gp. */
	.macro	SAVE_HANDLER
	lui	$k0, %hi(ash_regs)
	addiu	$k0, $k0, %lo(ash_regs)
	sw	$at, H_AT($k0)
	sw	$v0, H_V0($k0)
	sw	$v1, H_V1($k0)
	sw	$a0, H_A0($k0)
	sw	$a1, H_A1($k0)
	sw	$a2, H_A2($k0)
	sw	$a3, H_A3($k0)
	sw	$t0, H_T0($k0)
	sw	$t1, H_T1($k0)
	sw	$t2, H_T2($k0)
	sw	$t3, H_T3($k0)
	sw	$t4, H_T4($k0)
	sw	$t5, H_T5($k0)
	sw	$t6, H_T6($k0)
	sw	$t7, H_T7($k0)
	sw	$t8, H_T8($k0)
	sw	$t9, H_T9($k0)
	sw	$gp, H_GP($k0)
	sw	$sp, H_SP($k0)
	sw	$ra, H_RA($k0)
	mfhi	$k1
	sw	$k1, H_HI($k0)
	mflo	$k1
	sw	$k1, H_LO($k0)
	mfc0	$k1, CP0_EPC
	lui	$sp, %hi(ash_kern + K_SP)
	lw	$sp, %lo(ash_kern + K_SP)($sp)
	sw	$k1, H_EPC($k0)
	addiu	$sp, $sp, -32			/* below ash_call's caller: free */
	lui	$gp, %hi(_gp)
	addiu	$gp, $gp, %lo(_gp)
	.endm

/* Everything but v0 back from ash_regs; k1 = the EPC. */
	.macro	RESTORE_HANDLER
	lui	$k0, %hi(ash_regs)
	addiu	$k0, $k0, %lo(ash_regs)
	lw	$k1, H_HI($k0)
	nop
	mthi	$k1
	lw	$k1, H_LO($k0)
	nop
	mtlo	$k1
	lw	$at, H_AT($k0)
	lw	$v1, H_V1($k0)
	lw	$a0, H_A0($k0)
	lw	$a1, H_A1($k0)
	lw	$a2, H_A2($k0)
	lw	$a3, H_A3($k0)
	lw	$t0, H_T0($k0)
	lw	$t1, H_T1($k0)
	lw	$t2, H_T2($k0)
	lw	$t3, H_T3($k0)
	lw	$t4, H_T4($k0)
	lw	$t5, H_T5($k0)
	lw	$t6, H_T6($k0)
	lw	$t7, H_T7($k0)
	lw	$t8, H_T8($k0)
	lw	$t9, H_T9($k0)
	lw	$gp, H_GP($k0)
	lw	$sp, H_SP($k0)
	lw	$ra, H_RA($k0)
	lw	$k1, H_EPC($k0)
	.endm

/* break AEGIS_ASH_SEND (the only break a handler may hold): v0 = the
   send's result, on at the next word; or the run is aborted. The send
   call is a function call (include/aegis/net.h): s0-s7 and s8 (the
   budget) are callee-saved in C and come back as they were, gp (the
   sandbox's mask), sp and ra are kept here; at, v1, a0-a3, t0-t9, hi
   and lo come back 0, not saved (19 stores fewer before the send, on
   Table 11's ASH path: issue 21) and cleared, as C may leave kernel
   addresses in them. */
	.globl	ash_break_entry
ash_break_entry:
	lui	$k0, %hi(ash_regs)
	addiu	$k0, $k0, %lo(ash_regs)
	sw	$sp, H_SP($k0)
	sw	$ra, H_RA($k0)
	mfc0	$k1, CP0_EPC
	lui	$sp, %hi(ash_kern + K_SP)
	lw	$sp, %lo(ash_kern + K_SP)($sp)
	sw	$k1, H_EPC($k0)
	addiu	$sp, $sp, -32			/* below ash_call's caller: free */
	lui	$gp, %hi(_gp)
	jal	ash_send_call			/* (a0, a1 as the handler left them, epc) */
	addiu	$gp, $gp, %lo(_gp)
	li	$k1, 1				/* SEND_ABORT */
	beq	$v0, $k1, ash_fault_exit	/* ash_last_fault is set */
	lui	$k0, %hi(ash_regs)
	addiu	$k0, $k0, %lo(ash_regs)
	lw	$sp, H_SP($k0)
	lw	$ra, H_RA($k0)
	lw	$k1, H_EPC($k0)
	lui	$gp, 0x7fff
	ori	$gp, $gp, 0xffff		/* the kuseg mask, as ash_call sets it */
	mthi	$zero
	mtlo	$zero
	ZERO_SCRATCH_BUT_V0
	addiu	$k1, $k1, 4
	jr	$k1
	rfe

/* The UTLB vector's STLB miss during a run (stlb.S, stlb_miss_route):
   an owner's guaranteed mapping is refilled and the load or store runs
   again ($at, its address, restored); anything else aborts. */
	.globl	ash_miss
ash_miss:
	SAVE_HANDLER
	jal	ash_refill
	mfc0	$a0, CP0_BADVADDR
	bnez	$v0, ash_fault_entry		/* Cause, EPC, BadVAddr still the miss's */
	nop
	RESTORE_HANDLER
	lw	$v0, H_V0($k0)
	jr	$k1
	rfe
