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
 * from the frame in the jump's delay slot, or through t9 or v1 when the
 * resumed instruction reads at (RESTORE: it would see the resume pc).
 * The common case, a store to a page ExOS maps read-only (Table 10's
 * trap), is dispatched here: vm_mod_fault's first test is made here
 * and the handler registered for XCODE_MOD is called straight, without
 * exc_dispatch. This code, exc_xsave and the main stack are on
 * guaranteed pages, so nothing here can miss before the save area has
 * been copied out; a fault in the C side (or in a handler) nests safely.
 *
 * Instructions, counted for exc_entry's general path (any cause but
 * XCODE_MOD): 40 to the C call (the head 8: sp, gp, at, v0, v1 and the
 * cause test; SAVE_REST 17, the cause's count 5, SAVE_TAIL 8, the jal
 * and its delay slot) and 32 back (RESTORE: 26 loads and the jump, 6 to
 * look at the resumed instruction); with Aegis's 18 to get here, a
 * user-level exception costs 90 plus the C side. XCODE_MOD's path, the
 * paper's trap: 8 + 43 (exc_mod, the save spread through it) to the
 * handler, 32 back: 101 with Aegis's (it was 108 before the cuts of
 * issue 21's "trap7": the cause test with one mask, no NULL tests,
 * XCODE_MOD's count gp-relative, gp set with one lui, the resumed
 * instruction's fields through one lhu). The globals the trampoline
 * reads are small data, reached gp-relative once gp holds the C gp.
 * tests/texc.c measures both and fails past them. The section is
 * .text.exc_entry so that exos.ld can place it.
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
/* vm.c's vm_hint and struct pte (pt.h), PTE_USED (pt.h), VM_WRITE
   (vm.h); vm.c asserts they agree. */
#define VM_NHINT	256
#define PTE_PROT	12
#define EXC_PTE_USED	1
#define EXC_VM_WRITE	2

/* exc_xsave, exc_count, exc_handlers and vm_hint are small data
   (.sdata, .sbss), so that once gp holds the C gp (exos.ld's _gp) each
   is one gp-relative load away (no lui). */
	.section .sdata, "aw", @progbits
	.balign	16
	.globl	exc_xsave
exc_xsave:	.space	XSAVE_SIZE

/* What the entry saved first: sp lowered, gp, at and v0 stored, gp :=
   the C gp. Then the rest of the caller-saved registers, the interrupted a0..a2 into t0..t2 (from \o(\base)), hi and
   lo into t3, t4; every other instruction a store, so that the write
   buffer (4 deep) drains meanwhile. SAVE_TAIL stores what this leaves
   in registers. 17 instructions. */
	.macro	SAVE_REST base, o
	sw	$a3, R(7)($sp)
	sw	$t0, R(8)($sp)
	lw	$t0, \o($\base)
	sw	$t1, R(9)($sp)
	lw	$t1, \o+4($\base)
	sw	$t2, R(10)($sp)
	lw	$t2, \o+8($\base)
	sw	$t3, R(11)($sp)
	mfhi	$t3
	sw	$t4, R(12)($sp)
	mflo	$t4
	sw	$t5, R(13)($sp)
	sw	$t6, R(14)($sp)
	sw	$t7, R(15)($sp)
	sw	$t8, R(24)($sp)
	sw	$t9, R(25)($sp)
	sw	$ra, R(31)($sp)
	.endm

/* The rest of the frame, as SAVE_REST left it: epc, BadVAddr and Cause
   from a0..a2, the interrupted a0..a2 from t0..t2, hi and lo from t3,
   t4. 8 stores; exc_mod makes them between its own instructions. */
	.macro	SAVE_TAIL
	sw	$a0, F_EPC($sp)
	sw	$a1, F_BAD($sp)
	sw	$a2, F_CAUSE($sp)
	sw	$t0, R(4)($sp)
	sw	$t1, R(5)($sp)
	sw	$t2, R(6)($sp)
	sw	$t3, F_HI($sp)
	sw	$t4, F_LO($sp)
	.endm

/* Back to frame->epc with every saved register restored. The jump
   goes through at, loaded from the frame in the jump's delay slot; the
   R3000 does not interlock loads (R3000 manual, "load delay"), so the
   first resumed instruction still sees at = the resume pc. Hence the
   test first: if that instruction reads at (its rs or rt field is 1),
   exc_restore_slow returns through another register. Writing at is no
   hazard: the delay slot's load lands before the next instruction's
   own result (pmaxsim's SET, the pipeline's write-back order), so only
   rs and rt are looked at (rt is a destination for loads and
   immediates: a false alarm, which only takes the slow way). The
   instruction is read through the D-side; text pages are readable
   (exos.ld). A fault on that load (a handler sending epc to an
   unmapped or odd address) nests: the nested return resumes the load,
   which reads at, by the slow way. The instruction's upper half (op, rs,
   rt) is one lhu (little-endian: at +2). 32 instructions to the resume
   pc. */
	.macro	RESTORE
	lw	$at, F_EPC($sp)
	lw	$t0, F_HI($sp)
	lhu	$t2, 2($at)			/* the resumed one's op, rs, rt */
	lw	$t1, F_LO($sp)
	mthi	$t0
	mtlo	$t1
	xori	$t2, $t2, (1 << 5) | 1		/* rs, rt: 0 where at */
	andi	$t0, $t2, 0x1f
	beqz	$t0, exc_restore_slow		/* rt is at */
	andi	$t1, $t2, 0x1f << 5
	beqz	$t1, exc_restore_slow		/* rs is at */
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
	addiu	$sp, $sp, FRAME
	jr	$at
	lw	$at, R(1)-FRAME($sp)
	.endm

/* The slow way's tail: every saved register but $\n (hi and lo are
   back already), then back through $\n, loaded in the delay slot. */
	.macro	RESTORE_VIA n
	.irp	r, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 28, 31
	.if	\r - \n
	lw	$\r, R(\r)($sp)
	.endif
	.endr
	lw	$\n, F_EPC($sp)
	addiu	$sp, $sp, FRAME
	jr	$\n
	lw	$\n, R(\n)-FRAME($sp)
	.endm

	.section .text.exc_entry, "ax", @progbits	/* placed by exos.ld */
	.globl	exc_entry
	.ent	exc_entry
exc_entry:
	addiu	$sp, $sp, -FRAME
	sw	$gp, R(28)($sp)
	lui	$gp, %hi(_gp)			/* the C gp: its low half is 0 (exos.ld) */
	/* %lo(_gp) is 0: written here only as the HI16's partner, which
	   ld needs to resolve %hi (an unpaired HI16 links wrong). */
	sw	$at, %lo(_gp)+R(1)($sp)
	andi	$at, $a2, 0x78			/* 0: ExcCode 1 (XCODE_MOD) or 0, and */
						/* Aegis never routes 0 (Int) here */
	sw	$v0, R(2)($sp)
	beqz	$at, exc_mod
	sw	$v1, R(3)($sp)			/* (delay slot) */
	SAVE_REST gp, %gp_rel(exc_xsave)+XSAVE_A0
	andi	$t5, $a2, 0x7c			/* ExcCode * 4 */
	addu	$t6, $gp, $t5
	lw	$t8, %gp_rel(exc_count)($t6)
	SAVE_TAIL				/* (its first store: the load's delay) */
	addiu	$t8, $t8, 1
	sw	$t8, %gp_rel(exc_count)($t6)	/* exc_count[cause]++ */
	jal	exc_dispatch			/* any other cause */
	addiu	$a0, $sp, 16			/* (delay slot) the frame */
exc_restore:
	RESTORE

/* XCODE_MOD: a store to a page bound read-only. First vm_mod_fault's
   own first test, here (vm.c: the entry vm_hint names for BadVAddr's
   page is that page's live entry, not writable; vm.c asserts the
   layout; a hint is never NULL, vm.c's hint_none): then it is the
   paper's trap, and exc_mod_fn (exc.c: the handler registered for
   XCODE_MOD, never NULL) is called straight, returning to a RESTORE of
   its own. Otherwise vm_mod_fault(BadVAddr) decides: 0 gives the dirty
   bit back (the store is retried), anything else goes to
   exc_mod_result, as exc_dispatch would. The save of the frame is
   spread between its own instructions, every other one a store, so
   that the write buffer keeps up (each temporary is stored before it
   is used). 43 instructions to the handler, 21 of them stores. */
exc_mod:
	srl	$v0, $a1, 12			/* vpn */
	andi	$v1, $v0, VM_NHINT - 1
	sw	$a3, R(7)($sp)
	sll	$v1, $v1, 2
	sw	$t0, R(8)($sp)
	addu	$v1, $gp, $v1
	sw	$t1, R(9)($sp)
	lw	$v1, %gp_rel(vm_hint)($v1)	/* its entry, or hint_none */
	sw	$t2, R(10)($sp)
	lw	$t0, %gp_rel(exc_xsave)+XSAVE_A0($gp)
	sw	$t3, R(11)($sp)
	lw	$t1, %gp_rel(exc_xsave)+XSAVE_A0+4($gp)
	sw	$t4, R(12)($sp)
	lw	$t2, %gp_rel(exc_xsave)+XSAVE_A0+8($gp)
	sw	$t5, R(13)($sp)
	lw	$t5, %gp_rel(exc_mod_fn)($gp)
	sw	$t6, R(14)($sp)
	lw	$t6, 0($v1)			/* vpn */
	sw	$t7, R(15)($sp)
	lhu	$t7, PTE_PROT($v1)		/* prot | flags << 8 */
	sw	$t8, R(24)($sp)
	mfhi	$t3
	sw	$t9, R(25)($sp)
	mflo	$t4
	sw	$ra, R(31)($sp)
	lw	$t8, %gp_rel(exc_count)+4*XCODE_MOD($gp)
	sw	$a0, F_EPC($sp)
	xor	$t6, $t6, $v0
	sw	$a1, F_BAD($sp)
	xori	$t7, $t7, EXC_PTE_USED << 8
	sw	$a2, F_CAUSE($sp)
	andi	$t7, $t7, (EXC_PTE_USED << 8) | EXC_VM_WRITE
	sw	$t0, R(4)($sp)
	addiu	$t8, $t8, 1
	sw	$t1, R(5)($sp)
	or	$t6, $t6, $t7
	sw	$t2, R(6)($sp)
	bnez	$t6, exc_mod_slow		/* another page's, free, or writable */
	sw	$t8, %gp_rel(exc_count)+4*XCODE_MOD($gp)	/* (delay slot) exc_count[XCODE_MOD]++ */
	sw	$t3, F_HI($sp)
	sw	$t4, F_LO($sp)			/* the frame is whole */
	jalr	$t5				/* the handler (frame) */
	addiu	$a0, $sp, 16
	RESTORE
exc_mod_slow:
	sw	$t3, F_HI($sp)
	sw	$t4, F_LO($sp)
	jal	vm_mod_fault			/* (BadVAddr) */
	move	$a0, $a1
	beqz	$v0, exc_restore		/* the dirty bit: done */
	addiu	$a0, $sp, 16
	jal	exc_mod_result			/* (frame, answer) */
	move	$a1, $v0
	b	exc_restore
	nop

/* The resumed instruction reads at (RESTORE; at = epc here, t0-t2 and
   v0 clobbered). It names one more register at most: if that is t9,
   return through v1, else through t9. */
exc_restore_slow:
	lw	$t2, 0($at)
	li	$t3, 25
	srl	$t0, $t2, 21
	andi	$t0, $t0, 31			/* rs */
	srl	$t1, $t2, 16
	beq	$t0, $t3, 1f
	andi	$t1, $t1, 31			/* rt */
	beq	$t1, $t3, 1f
	nop
	RESTORE_VIA 25
1:	RESTORE_VIA 3
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
	addiu	$sp, $sp, -FRAME
	sw	$gp, R(28)($sp)
	lui	$gp, %hi(_gp)
	sw	$at, R(1)($sp)
	addiu	$gp, $gp, %lo(_gp)
	sw	$v0, R(2)($sp)
	lui	$at, %hi(exos_upcall_ptr)
	lw	$at, %lo(exos_upcall_ptr)($at)
	sw	$v1, R(3)($sp)
	SAVE_REST at, UPCALL_SAVE_REVOKE
	SAVE_TAIL
	jal	vm_revoke_upcall
	addiu	$a0, $sp, 16
	b	exc_restore
	nop
	.end	exc_revoke_entry
