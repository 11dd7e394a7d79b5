/*
 * exc_asm.S - ExOS's exception trampoline. Aegis enters it in user mode
 * with a0 = EPC, a1 = BadVAddr, a2 = Cause and the interrupted a0..a2 in
 * exc_xsave. It builds a struct exc_frame (exc.h) below the interrupted
 * sp (o32 has no red zone, and Aegis never writes below a user sp) with
 * what C may clobber: the caller-saved registers (at, v0-v1, a0-a3,
 * t0-t9, ra, hi, lo) and gp (set to the C gp), as the paper's C trap
 * handlers did (SOSP'95 §7: "save/restore of all caller-saved
 * registers"); s0-s8 and sp are callee-saved, so the C code gives them
 * back as it found them and they stay in their registers. k0/k1 are
 * Aegis's and never touched: the way back goes through at, reloaded
 * from the frame in the jump's delay slot. Known limit (as before this
 * trampoline saved less): that load's delay slot is the first resumed
 * instruction, which still sees at = the resume pc (the R3000 does not
 * interlock loads), so an instruction that reads or writes at right
 * after a faulting one is not resumed correctly (texc shows it with a
 * nop there removed). Picking another return register when the resumed
 * instruction names at would fix it.
 * The common case, a store to a page ExOS maps read-only (Table 10's
 * trap), is dispatched here: vm_mod_fault decides it, and the handler
 * registered for XCODE_MOD is called straight, without exc_dispatch.
 * This code, exc_xsave and the main stack are on guaranteed pages, so
 * nothing here can miss before the save area has been copied out; a
 * fault in the C side (or in a handler) nests safely.
 *
 * Instructions, counted for exc_entry's general path (any cause but
 * XCODE_MOD): 45 to the C call (SAVE_FRAME 41 with the save area's
 * address and exc_count's load, the branch and the count's store, the
 * jal and its delay slot) and 26 back (exc_restore); with Aegis's 18 to
 * get here, a user-level exception costs 89 plus the C side (it was 103
 * with every register saved). tests/texc.c measures this and fails past
 * it. XCODE_MOD's path: 45, vm_mod_fault, 7 to the handler, 26 back.
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
/* vm.h's VM_FAULT_PROT (vm.h is C only; exc.c asserts they agree). */
#define EXC_VM_FAULT_PROT	2

	.data
	.balign	16
	.globl	exc_xsave
exc_xsave:	.space	XSAVE_SIZE

/* The caller-saved registers and gp into a new frame below sp, with
   a0..a2 (what Aegis handed over) as epc and the two words after it,
   the interrupted a0..a2 from the save area (at \sym, or at the word
   \sym holds if \load; offset \o), hi and lo; gp := the C gp. s0-s8
   and sp are not stored (exc.h). For exc_entry it also leaves t7 =
   (ExcCode - XCODE_MOD) * 4, t6/t8 the address and new value of
   exc_count[ExcCode] (stored by exc_entry only) and a0 = BadVAddr.
   Every instruction but the stores is placed between stores, so that
   the write buffer (4 deep) drains meanwhile. 41 instructions, 1 more
   with \load. */
	.macro	SAVE_FRAME sym, load, o
	addiu	$sp, $sp, -FRAME
	sw	$at, R(1)($sp)
	sw	$v0, R(2)($sp)
	sw	$v1, R(3)($sp)
	sw	$a3, R(7)($sp)
	sw	$t0, R(8)($sp)
	sw	$t1, R(9)($sp)
	lui	$t0, %hi(\sym)
	.if	\load
	lw	$t0, %lo(\sym)($t0)
	nop
	.else
	addiu	$t0, $t0, %lo(\sym)
	.endif
	sw	$t2, R(10)($sp)
	lw	$t1, \o($t0)
	sw	$t3, R(11)($sp)
	lw	$t2, \o+4($t0)
	sw	$t4, R(12)($sp)
	lw	$t3, \o+8($t0)
	sw	$t5, R(13)($sp)
	mfhi	$t4
	sw	$t6, R(14)($sp)
	mflo	$t5
	sw	$t7, R(15)($sp)
	sw	$t8, R(24)($sp)
	sw	$t9, R(25)($sp)
	sw	$gp, R(28)($sp)
	lui	$gp, %hi(_gp)
	sw	$ra, R(31)($sp)
	addiu	$gp, $gp, %lo(_gp)
	sw	$a0, F_EPC($sp)
	andi	$t7, $a2, 0x7c			/* ExcCode * 4 */
	sw	$a1, F_BAD($sp)
	lui	$t6, %hi(exc_count)
	sw	$a2, F_CAUSE($sp)
	addu	$t6, $t6, $t7
	sw	$t1, R(4)($sp)
	lw	$t8, %lo(exc_count)($t6)
	sw	$t2, R(5)($sp)
	addiu	$t7, $t7, -4 * XCODE_MOD	/* t7 = 0: XCODE_MOD (exc_entry) */
	sw	$t3, R(6)($sp)
	addiu	$t8, $t8, 1
	sw	$t4, F_HI($sp)
	move	$a0, $a1			/* BadVAddr, for vm_mod_fault */
	sw	$t5, F_LO($sp)
	.endm

	.text
	.globl	exc_entry
	.ent	exc_entry
exc_entry:
	SAVE_FRAME exc_xsave, 0, XSAVE_A0
	beqz	$t7, exc_mod
	sw	$t8, %lo(exc_count)($t6)	/* (delay slot) exc_count[cause]++ */
	jal	exc_dispatch			/* any other cause */
	addiu	$a0, $sp, 16
exc_restore:				/* 26 instructions to the handler's pc */
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
	lw	$t8, R(24)($sp)
	lw	$t9, R(25)($sp)
	lw	$gp, R(28)($sp)
	lw	$ra, R(31)($sp)
	lw	$at, F_EPC($sp)
	addiu	$sp, $sp, FRAME
	jr	$at
	lw	$at, R(1)-FRAME($sp)

/* XCODE_MOD: a store to a page bound read-only. vm_mod_fault(BadVAddr)
   gives the bit back if the page is writable (0: the store is retried)
   or says VM_FAULT_PROT for a read-only page, which goes straight to
   the XCODE_MOD handler; anything else (no handler, another answer)
   to exc_mod_result, as exc_dispatch would. */
exc_mod:
	jal	vm_mod_fault			/* (BadVAddr) */
	nop
	addiu	$t0, $v0, -EXC_VM_FAULT_PROT
	bnez	$t0, 1f
	lui	$t1, %hi(exc_handlers + 4 * XCODE_MOD)
	lw	$t9, %lo(exc_handlers + 4 * XCODE_MOD)($t1)
	addiu	$a0, $sp, 16
	beqz	$t9, 1f
	lui	$ra, %hi(exc_restore)
	jr	$t9				/* the handler (frame), back to */
	addiu	$ra, $ra, %lo(exc_restore)	/* exc_restore */
1:	beqz	$v0, exc_restore		/* the dirty bit: done */
	addiu	$a0, $sp, 16
	jal	exc_mod_result			/* (frame, answer) */
	move	$a1, $v0
	b	exc_restore
	nop
	.end	exc_entry

/*
 * The revocation upcall: a0 = the PC to resume at, a1 = its kind, a2 =
 * pages; the interrupted a0..a2 at +16 of the upcall save area (pointed
 * to by exos_upcall_ptr). Same frame, then vm_revoke_upcall(frame).
 */
	.globl	exc_revoke_entry
	.ent	exc_revoke_entry
exc_revoke_entry:
	/* epc; kind and pages in place of BadVAddr, Cause */
	SAVE_FRAME exos_upcall_ptr, 1, UPCALL_SAVE_REVOKE
	jal	vm_revoke_upcall
	addiu	$a0, $sp, 16
	b	exc_restore
	nop
	.end	exc_revoke_entry
