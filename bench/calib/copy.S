/*
 * copy.S - word_copy(dst, src, bytes): an aligned block copy in the style
 * of the Ultrix/BSD bcopy inner loop (eight words a round, each load's
 * delay slot filled), for the calibration benchmark. bytes is a multiple
 * of 32.
 */
	.set	noreorder
	.text
	.globl	word_copy
	.ent	word_copy
word_copy:
	beqz	$a2, 2f
	addu	$a3, $a1, $a2		/* end of source */
1:	lw	$t0, 0($a1)
	lw	$t1, 4($a1)
	lw	$t2, 8($a1)
	sw	$t0, 0($a0)
	lw	$t3, 12($a1)
	sw	$t1, 4($a0)
	lw	$t4, 16($a1)
	sw	$t2, 8($a0)
	lw	$t5, 20($a1)
	sw	$t3, 12($a0)
	lw	$t6, 24($a1)
	sw	$t4, 16($a0)
	lw	$t7, 28($a1)
	sw	$t5, 20($a0)
	addiu	$a1, $a1, 32
	sw	$t6, 24($a0)
	sw	$t7, 28($a0)
	bne	$a1, $a3, 1b
	addiu	$a0, $a0, 32
2:	jr	$ra
	nop
	.end	word_copy
