/*
 * regspin.S - regspin(n): n turns of a loop that keeps a pattern in every
 * register a program owns (v0-v1, a0-a3, t0-t9, s0-s7, s8, gp, ra, hi,
 * lo; at as the checks' scratch, itself checked against s8's pattern
 * at the top of each turn) and checks them all each turn. Returns 0 if
 * every one held, 1 if one changed. netspin runs it while frames and
 * clock ticks interrupt it: Aegis's interrupt path (entry.S intr_entry)
 * saves only the caller-saved registers when it serves an interrupt
 * without a switch, and the whole frame otherwise; either way the
 * program must find all its registers as it left them.
 */
#define P(n)	(0x5a0000a5 + (n) * 0x01010100)

	.set	noreorder
	.set	noat
	.text
	.globl	regspin
	.ent	regspin
regspin:
	addiu	$sp, $sp, -56
	sw	$s0, 8($sp)
	sw	$s1, 12($sp)
	sw	$s2, 16($sp)
	sw	$s3, 20($sp)
	sw	$s4, 24($sp)
	sw	$s5, 28($sp)
	sw	$s6, 32($sp)
	sw	$s7, 36($sp)
	sw	$s8, 40($sp)
	sw	$gp, 44($sp)
	sw	$ra, 48($sp)
	sw	$a0, 0($sp)		/* the turns left */
	li	$v0, P(2)
	li	$v1, P(3)
	li	$a0, P(4)
	li	$a1, P(5)
	li	$a2, P(6)
	li	$a3, P(7)
	li	$t0, P(8)
	li	$t1, P(9)
	li	$t2, P(10)
	li	$t3, P(11)
	li	$t4, P(12)
	li	$t5, P(13)
	li	$t6, P(14)
	li	$t7, P(15)
	li	$s0, P(16)
	li	$s1, P(17)
	li	$s2, P(18)
	li	$s3, P(19)
	li	$s4, P(20)
	li	$s5, P(21)
	li	$s6, P(22)
	li	$s7, P(23)
	li	$t8, P(24)
	li	$t9, P(25)
	li	$gp, P(28)
	li	$s8, P(30)
	li	$ra, P(31)
	mthi	$t0			/* hi: t0's pattern, lo: t1's */
	mtlo	$t1
	li	$at, P(30)
#define CHK(r, n)	li $at, P(n); bne $at, r, 2f; nop
loop:
	bne	$at, $s8, 2f		/* at still holds s8's pattern */
	nop
	lw	$at, 0($sp)
	nop
	beqz	$at, 1f
	addiu	$at, $at, -1
	sw	$at, 0($sp)
	CHK($v0, 2)
	CHK($v1, 3)
	CHK($a0, 4)
	CHK($a1, 5)
	CHK($a2, 6)
	CHK($a3, 7)
	CHK($t0, 8)
	CHK($t1, 9)
	CHK($t2, 10)
	CHK($t3, 11)
	CHK($t4, 12)
	CHK($t5, 13)
	CHK($t6, 14)
	CHK($t7, 15)
	CHK($s0, 16)
	CHK($s1, 17)
	CHK($s2, 18)
	CHK($s3, 19)
	CHK($s4, 20)
	CHK($s5, 21)
	CHK($s6, 22)
	CHK($s7, 23)
	CHK($t8, 24)
	CHK($t9, 25)
	CHK($gp, 28)
	CHK($ra, 31)
	mfhi	$at
	bne	$at, $t0, 2f
	nop
	mflo	$at
	bne	$at, $t1, 2f
	nop
	li	$at, P(30)		/* (two instructions: not in a delay slot) */
	b	loop
	nop
1:	b	3f
	move	$v0, $zero		/* every turn done: they all held */
2:	li	$v0, 1			/* one changed */
3:	lw	$ra, 48($sp)		/* (first: MIPS I's load delay before jr) */
	lw	$s0, 8($sp)
	lw	$s1, 12($sp)
	lw	$s2, 16($sp)
	lw	$s3, 20($sp)
	lw	$s4, 24($sp)
	lw	$s5, 28($sp)
	lw	$s6, 32($sp)
	lw	$s7, 36($sp)
	lw	$s8, 40($sp)
	lw	$gp, 44($sp)
	jr	$ra
	addiu	$sp, $sp, 56
	.end	regspin
