/*
 * isarand_tramp.S - enter a generated program with every register loaded
 * from isarand_regs (r1..r31, HI, LO; r27 = k1 holds the entry and is not
 * used by programs; sp stays the caller's, as a trap's handler runs on it) and come back when it jumps to isarand_exit, storing
 * the registers back. The C caller's saved registers (s0-s8, gp, sp, ra)
 * are kept in isarand_save meanwhile. MIPS I: a nop after each load whose
 * result the next instruction uses (R3000 load delay).
 */
	.set	noreorder
	.set	noat
	.text
	.globl	isarand_call
	.ent	isarand_call
isarand_call:
	lui	$2, %hi(isarand_save)
	addiu	$2, $2, %lo(isarand_save)
	sw	$16, 0($2)
	sw	$17, 4($2)
	sw	$18, 8($2)
	sw	$19, 12($2)
	sw	$20, 16($2)
	sw	$21, 20($2)
	sw	$22, 24($2)
	sw	$23, 28($2)
	sw	$28, 32($2)
	sw	$29, 36($2)
	sw	$30, 40($2)
	sw	$31, 44($2)
	move	$27, $4
	lui	$3, %hi(isarand_regs)
	addiu	$3, $3, %lo(isarand_regs)
	lw	$2, 128($3)
	lw	$4, 132($3)
	mthi	$2
	mtlo	$4
	lw	$1, 4($3)
	lw	$2, 8($3)
	lw	$4, 16($3)
	lw	$5, 20($3)
	lw	$6, 24($3)
	lw	$7, 28($3)
	lw	$8, 32($3)
	lw	$9, 36($3)
	lw	$10, 40($3)
	lw	$11, 44($3)
	lw	$12, 48($3)
	lw	$13, 52($3)
	lw	$14, 56($3)
	lw	$15, 60($3)
	lw	$16, 64($3)
	lw	$17, 68($3)
	lw	$18, 72($3)
	lw	$19, 76($3)
	lw	$20, 80($3)
	lw	$21, 84($3)
	lw	$22, 88($3)
	lw	$23, 92($3)
	lw	$24, 96($3)
	lw	$25, 100($3)
	lw	$26, 104($3)
	lw	$28, 112($3)
	lw	$30, 120($3)
	lw	$31, 124($3)
	lw	$3, 12($3)
	jr	$27
	nop
	.end	isarand_call

	.globl	isarand_exit
	.ent	isarand_exit
isarand_exit:
	lui	$27, %hi(isarand_regs)
	addiu	$27, $27, %lo(isarand_regs)
	sw	$1, 4($27)
	sw	$2, 8($27)
	sw	$3, 12($27)
	sw	$4, 16($27)
	sw	$5, 20($27)
	sw	$6, 24($27)
	sw	$7, 28($27)
	sw	$8, 32($27)
	sw	$9, 36($27)
	sw	$10, 40($27)
	sw	$11, 44($27)
	sw	$12, 48($27)
	sw	$13, 52($27)
	sw	$14, 56($27)
	sw	$15, 60($27)
	sw	$16, 64($27)
	sw	$17, 68($27)
	sw	$18, 72($27)
	sw	$19, 76($27)
	sw	$20, 80($27)
	sw	$21, 84($27)
	sw	$22, 88($27)
	sw	$23, 92($27)
	sw	$24, 96($27)
	sw	$25, 100($27)
	sw	$26, 104($27)
	sw	$28, 112($27)
	sw	$30, 120($27)
	sw	$31, 124($27)
	mfhi	$2
	mflo	$3
	sw	$2, 128($27)
	sw	$3, 132($27)
	lui	$2, %hi(isarand_save)
	addiu	$2, $2, %lo(isarand_save)
	lw	$16, 0($2)
	lw	$17, 4($2)
	lw	$18, 8($2)
	lw	$19, 12($2)
	lw	$20, 16($2)
	lw	$21, 20($2)
	lw	$22, 24($2)
	lw	$23, 28($2)
	lw	$28, 32($2)
	lw	$29, 36($2)
	lw	$30, 40($2)
	lw	$31, 44($2)
	nop
	jr	$31
	nop
	.end	isarand_exit

	.data
	.align	2
isarand_save:
	.space	48
