/*
 * exc_asm.S - ExOS's exception trampoline. Aegis enters it in user mode
 * with a0 = EPC, a1 = BadVAddr, a2 = Cause and the interrupted a0..a2 in
 * exc_xsave. It builds a struct exc_frame (exc.h) below the interrupted
 * sp (o32 has no red zone, and Aegis never writes below a user sp),
 * calls exc_dispatch(frame), restores every register from the frame and
 * jumps to frame->epc. k0/k1 are Aegis's and never touched: the way back
 * goes through at, reloaded from below sp in the jump's delay slot.
 * This code, exc_xsave and the main stack are on guaranteed pages, so
 * nothing here can miss before the save area has been copied out; a
 * fault in the C side (or in a handler) nests safely.
 *
 * Instructions, counted for exc_entry: 50 to the C call (SAVE_FRAME 34,
 * the save area's address 2, FINISH_AND_CALL 14 with the jal and its
 * delay slot) and 35 back (exc_restore); with Aegis's 18 to get here, a
 * user-level exception costs 103 plus the C side. tests/texc.c measures
 * this and fails past it.
 */
#include <aegis/exception.h>
#include <aegis/syscall.h>
	.set	noreorder
	.set	noat

#define FRAME	(16 + 152)
#define R(n)	(16 + 4 * (n))
#define F_HI	(16 + 128)
#define F_LO	(16 + 132)
#define F_EPC	(16 + 136)
#define F_BAD	(16 + 140)
#define F_CAUSE	(16 + 144)

	.data
	.balign	16
	.globl	exc_xsave
exc_xsave:	.space	XSAVE_SIZE

/* Everything but a0..a2 into a new frame below sp, and a0..a2 (what
   Aegis handed over) as epc and the two words after it. 34 instructions. */
	.macro	SAVE_FRAME
	addiu	$sp, $sp, -FRAME
	sw	$at, R(1)($sp)
	sw	$v0, R(2)($sp)
	sw	$v1, R(3)($sp)
	sw	$a3, R(7)($sp)
	sw	$t0, R(8)($sp)
	sw	$t1, R(9)($sp)
	sw	$t2, R(10)($sp)
	sw	$t3, R(11)($sp)
	sw	$t4, R(12)($sp)
	sw	$t5, R(13)($sp)
	sw	$t6, R(14)($sp)
	sw	$t7, R(15)($sp)
	sw	$s0, R(16)($sp)
	sw	$s1, R(17)($sp)
	sw	$s2, R(18)($sp)
	sw	$s3, R(19)($sp)
	sw	$s4, R(20)($sp)
	sw	$s5, R(21)($sp)
	sw	$s6, R(22)($sp)
	sw	$s7, R(23)($sp)
	sw	$t8, R(24)($sp)
	sw	$t9, R(25)($sp)
	sw	$gp, R(28)($sp)
	sw	$fp, R(30)($sp)
	sw	$ra, R(31)($sp)
	sw	$zero, R(0)($sp)
	sw	$zero, R(26)($sp)
	sw	$zero, R(27)($sp)
	addiu	$t0, $sp, FRAME
	sw	$t0, R(29)($sp)
	sw	$a0, F_EPC($sp)
	sw	$a1, F_BAD($sp)
	sw	$a2, F_CAUSE($sp)
	.endm

/* The interrupted a0..a2 from the save area at t0 (offsets o, o+4, o+8)
   into the frame; hi and lo; then call fn(frame) with the C gp. 14
   instructions (la is two). */
	.macro	FINISH_AND_CALL o, fn
	lw	$t1, \o($t0)
	lw	$t2, \o+4($t0)
	lw	$t3, \o+8($t0)
	sw	$t1, R(4)($sp)
	sw	$t2, R(5)($sp)
	sw	$t3, R(6)($sp)
	mfhi	$t0
	mflo	$t1
	sw	$t0, F_HI($sp)
	sw	$t1, F_LO($sp)
	la	$gp, _gp
	jal	\fn
	addiu	$a0, $sp, 16
	.endm

	.text
	.globl	exc_entry
	.ent	exc_entry
exc_entry:
	SAVE_FRAME
	lui	$t0, %hi(exc_xsave)
	addiu	$t0, $t0, %lo(exc_xsave)
	FINISH_AND_CALL XSAVE_A0, exc_dispatch
exc_restore:				/* 35 instructions to the handler's pc */
	lw	$t0, F_HI($sp)
	lw	$t1, F_LO($sp)
	mthi	$t0
	mtlo	$t1
	lw	$v0, R(2)($sp)
	lw	$v1, R(3)($sp)
	lw	$a0, R(4)($sp)
	lw	$a1, R(5)($sp)
	lw	$a2, R(6)($sp)
	lw	$a3, R(7)($sp)
	lw	$t0, R(8)($sp)
	lw	$t1, R(9)($sp)
	lw	$t2, R(10)($sp)
	lw	$t3, R(11)($sp)
	lw	$t4, R(12)($sp)
	lw	$t5, R(13)($sp)
	lw	$t6, R(14)($sp)
	lw	$t7, R(15)($sp)
	lw	$s0, R(16)($sp)
	lw	$s1, R(17)($sp)
	lw	$s2, R(18)($sp)
	lw	$s3, R(19)($sp)
	lw	$s4, R(20)($sp)
	lw	$s5, R(21)($sp)
	lw	$s6, R(22)($sp)
	lw	$s7, R(23)($sp)
	lw	$t8, R(24)($sp)
	lw	$t9, R(25)($sp)
	lw	$gp, R(28)($sp)
	lw	$fp, R(30)($sp)
	lw	$ra, R(31)($sp)
	lw	$at, F_EPC($sp)
	addiu	$sp, $sp, FRAME
	jr	$at
	lw	$at, R(1)-FRAME($sp)
	.end	exc_entry

/*
 * The revocation upcall: a0 = the PC to resume at, a1 = its kind, a2 =
 * pages; the interrupted a0..a2 at +16 of the upcall save area (pointed
 * to by exos_upcall_ptr). Same frame, then vm_revoke_upcall(frame).
 */
	.globl	exc_revoke_entry
	.ent	exc_revoke_entry
exc_revoke_entry:
	SAVE_FRAME			/* epc; kind and pages in place of BadVAddr, Cause */
	lui	$t0, %hi(exos_upcall_ptr)
	lw	$t0, %lo(exos_upcall_ptr)($t0)
	nop
	FINISH_AND_CALL UPCALL_SAVE_REVOKE, vm_revoke_upcall
	b	exc_restore
	nop
	.end	exc_revoke_entry
