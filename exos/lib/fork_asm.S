/*
 * fork_asm.S - fork's register context (fork.c). fork_save(ctx) stores
 * what a procedure call preserves (s0-s8, gp, sp, ra) and returns 0,
 * like setjmp; a forked child starts at fork_child_entry with a0 = ctx
 * (its own copy of it: the parent's .bss and stack were copied before
 * it ran), redoes the per-environment set-up (fork_child_init, on the
 * copied stack below the saved sp) and returns 1 from fork_save with
 * the saved registers, in the child.
 */
	.set	noreorder
#define C_S0	0
#define C_GP	36
#define C_SP	40
#define C_RA	44

	.text
	.globl	fork_save
	.ent	fork_save
fork_save:
	sw	$16, 0($a0)
	sw	$17, 4($a0)
	sw	$18, 8($a0)
	sw	$19, 12($a0)
	sw	$20, 16($a0)
	sw	$21, 20($a0)
	sw	$22, 24($a0)
	sw	$23, 28($a0)
	sw	$30, 32($a0)
	sw	$gp, C_GP($a0)
	sw	$sp, C_SP($a0)
	sw	$ra, C_RA($a0)
	jr	$ra
	move	$v0, $zero
	.end	fork_save

	.globl	fork_child_entry
	.ent	fork_child_entry
fork_child_entry:
	lw	$gp, C_GP($a0)
	lw	$sp, C_SP($a0)
	move	$s0, $a0
	jal	fork_child_init		/* fork_child_init(ctx), below the saved sp */
	addiu	$sp, $sp, -32		/* delay slot: its o32 argument area */
	move	$a0, $s0
	lw	$ra, C_RA($a0)		/* first: MIPS I has a load delay slot */
	lw	$16, 0($a0)
	lw	$17, 4($a0)
	lw	$18, 8($a0)
	lw	$19, 12($a0)
	lw	$20, 16($a0)
	lw	$21, 20($a0)
	lw	$22, 24($a0)
	lw	$23, 28($a0)
	lw	$30, 32($a0)
	lw	$gp, C_GP($a0)
	lw	$sp, C_SP($a0)
	jr	$ra
	li	$v0, 1
	.end	fork_child_entry
