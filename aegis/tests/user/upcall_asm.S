/*
 * upcall_asm.S - slice and revocation upcall handlers for the scheduler
 * tests, written as a library OS would write them: they keep every
 * register of the interrupted code (k0/k1 are Aegis's, never used) and
 * return with `jr at`, restoring at in the delay slot from below sp.
 *   polite_start: counts slice starts, resumes at a0.
 *   polite_end:   counts slice ends, saves the live registers, yields,
 *                 and (resumed through polite_start) restores them.
 *   rude_end:     ignores the end of its slice and goes on running.
 *   revoke_note:  records the kind and count of a revocation upcall and
 *                 otherwise ignores it (gives nothing back).
 */
#include <aegis/syscall.h>
	.set	noreorder
	.set	noat

	.data
	.balign	32
	.globl	upcall_save, starts, ends, revoke_kinds, revoke_last
upcall_save:	.space	UPCALL_SAVE_SIZE
starts:		.word	0
ends:		.word	0
revoke_kinds:	.word	0	/* bit (1 << kind) for each kind seen */
revoke_last:	.word	0	/* the count of the last repossession */

	.text
	.globl	polite_start
	.ent	polite_start
polite_start:
	addiu	$sp, $sp, -8
	sw	$at, 0($sp)
	sw	$a0, 4($sp)			/* where to resume */
	lui	$at, %hi(starts)
	lw	$a0, %lo(starts)($at)
	nop
	addiu	$a0, $a0, 1
	sw	$a0, %lo(starts)($at)
	lui	$at, %hi(upcall_save)
	lw	$a0, %lo(upcall_save)+UPCALL_SAVE_A0($at)	/* the interrupted a0 */
	lw	$at, 4($sp)
	addiu	$sp, $sp, 8
	jr	$at
	lw	$at, -8($sp)
	.end	polite_start

	.globl	polite_end
	.ent	polite_end
polite_end:
	addiu	$sp, $sp, -112
	sw	$at, 0($sp)
	sw	$a0, 4($sp)			/* where it was interrupted */
	lui	$at, %hi(upcall_save)
	lw	$a0, %lo(upcall_save)+UPCALL_SAVE_A0($at)
	nop
	sw	$a0, 8($sp)			/* its a0 */
	sw	$v0, 12($sp)
	sw	$v1, 16($sp)
	sw	$a1, 20($sp)
	sw	$a2, 24($sp)
	sw	$a3, 28($sp)
	sw	$t0, 32($sp)
	sw	$t1, 36($sp)
	sw	$t2, 40($sp)
	sw	$t3, 44($sp)
	sw	$t4, 48($sp)
	sw	$t5, 52($sp)
	sw	$t6, 56($sp)
	sw	$t7, 60($sp)
	sw	$t8, 64($sp)
	sw	$t9, 68($sp)
	sw	$ra, 72($sp)
	mfhi	$t0
	mflo	$t1
	sw	$t0, 76($sp)
	sw	$t1, 80($sp)
	lui	$at, %hi(ends)
	lw	$t0, %lo(ends)($at)
	nop
	addiu	$t0, $t0, 1
	sw	$t0, %lo(ends)($at)
	move	$a0, $zero			/* to the next slice's owner */
	li	$v0, SYS_yield
	syscall
	lw	$t0, 76($sp)
	lw	$t1, 80($sp)
	mthi	$t0
	mtlo	$t1
	lw	$a0, 8($sp)
	lw	$v0, 12($sp)
	lw	$v1, 16($sp)
	lw	$a1, 20($sp)
	lw	$a2, 24($sp)
	lw	$a3, 28($sp)
	lw	$t0, 32($sp)
	lw	$t1, 36($sp)
	lw	$t2, 40($sp)
	lw	$t3, 44($sp)
	lw	$t4, 48($sp)
	lw	$t5, 52($sp)
	lw	$t6, 56($sp)
	lw	$t7, 60($sp)
	lw	$t8, 64($sp)
	lw	$t9, 68($sp)
	lw	$ra, 72($sp)
	lw	$at, 4($sp)
	addiu	$sp, $sp, 112
	jr	$at
	lw	$at, -112($sp)
	.end	polite_end

	.globl	rude_end
	.ent	rude_end
rude_end:
	addiu	$sp, $sp, -8
	sw	$at, 0($sp)
	move	$at, $a0
	sw	$at, 4($sp)
	lui	$at, %hi(upcall_save)
	lw	$a0, %lo(upcall_save)+UPCALL_SAVE_A0($at)
	lw	$at, 4($sp)
	addiu	$sp, $sp, 8
	jr	$at
	lw	$at, -8($sp)
	.end	rude_end

/* a0 = resume PC, a1 = kind, a2 = count; a0..a2 saved at upcall_save+16. */
	.globl	revoke_note
	.ent	revoke_note
revoke_note:
	addiu	$sp, $sp, -8
	sw	$at, 0($sp)
	sw	$a0, 4($sp)
	li	$a0, 1
	sllv	$a0, $a0, $a1
	lui	$at, %hi(revoke_kinds)
	lw	$a1, %lo(revoke_kinds)($at)
	nop
	or	$a1, $a1, $a0
	sw	$a1, %lo(revoke_kinds)($at)
	lui	$at, %hi(revoke_last)
	sw	$a2, %lo(revoke_last)($at)
	lui	$at, %hi(upcall_save)
	lw	$a0, %lo(upcall_save)+UPCALL_SAVE_REVOKE($at)
	lw	$a1, %lo(upcall_save)+UPCALL_SAVE_REVOKE+4($at)
	lw	$a2, %lo(upcall_save)+UPCALL_SAVE_REVOKE+8($at)
	lw	$at, 4($sp)
	addiu	$sp, $sp, 8
	jr	$at
	lw	$at, -8($sp)
	.end	revoke_note
