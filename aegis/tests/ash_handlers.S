/*
 * tests/ash_handlers.S - handlers for the ASH tests (ashtest.c), as a
 * program would download them: data (never run in place), each between
 * NAME and NAME_end. `j` targets are word indexes in the handler (the
 * ABI's rule), written as .word 0x08000000 | index. The r_* ones must be
 * refused; ashtest.c holds the reason each must get.
 */
	.set	noreorder
	.set	noat
	.set	nomacro
	.section .rodata.ash, "a"
	.balign	4

#define H(n)	.globl n, n##_end; n:
#define E(n)	n##_end:
#define J(i)	.word 0x08000000 | (i)

/* Integrated layer processing: copy the frame (a0, a1 bytes, 2-byte
   aligned) to a2 by halfwords while summing them; the sum at a2+2048. */
H(h_copy)
	move	$t0, $a0
	move	$t1, $a2
	addiu	$t2, $a1, 1
	srl	$t2, $t2, 1
	beq	$t2, $zero, 2f
	move	$t3, $zero
1:	lhu	$t4, 0($t0)
	addiu	$t0, $t0, 2
	sh	$t4, 0($t1)
	addiu	$t1, $t1, 2
	addiu	$t2, $t2, -1
	bne	$t2, $zero, 1b
	addu	$t3, $t3, $t4
2:	sw	$t3, 2048($a2)
	jr	$ra
	move	$v0, $zero
E(h_copy)

H(h_ret1)
	jr	$ra
	addiu	$v0, $zero, 1
E(h_ret1)

H(h_ret0)
	jr	$ra
	move	$v0, $zero
E(h_ret0)

/* Two sends: the frame as it came, then 60 bytes of a2; the results at
   a2+2048 and +2052, and s0 (kept across both) at +2056. */
H(h_send)
	move	$s0, $a2
	break	1
	sw	$v0, 2048($s0)
	move	$a0, $s0
	addiu	$a1, $zero, 60
	break	1
	sw	$v0, 2052($s0)
	sw	$s0, 2056($s0)
	jr	$ra
	move	$v0, $zero
E(h_send)

/* A send from a2 (arg), 60 bytes: aborts if a2 is not the owner's. */
H(h_send_arg)
	move	$a0, $a2
	addiu	$a1, $zero, 60
	break	1
	jr	$ra
	move	$v0, $zero
E(h_send_arg)

/* 40 sends of the frame: how many got 0, at a2+2048. */
H(h_send_many)
	move	$s0, $a2
	addiu	$s1, $zero, 40
	move	$s2, $zero
	move	$s3, $a0
	move	$s4, $a1
1:	move	$a0, $s3
	move	$a1, $s4
	break	1
	sltiu	$t0, $v0, 1
	addu	$s2, $s2, $t0
	addiu	$s1, $s1, -1
	bne	$s1, $zero, 1b
	nop
	sw	$s2, 2048($s0)
	jr	$ra
	move	$v0, $zero
E(h_send_many)

/* A send of 5000 bytes: refused, its result at a2+2048 (a2 kept in s0:
   the send call, like a function call, clears a0-a3). */
H(h_send_long)
	move	$s0, $a2
	addiu	$a1, $zero, 5000
	break	1
	sw	$v0, 2048($s0)
	jr	$ra
	move	$v0, $zero
E(h_send_long)

/* The send call's register convention (include/aegis/net.h): s1-s7 set
   before a send, stored after it at a2+2052..+2076; every register the
   call clears (v1, a0-a3, t0-t9, hi, lo) or-ed together at a2+2048,
   which must be 0: no value of the kernel's shows. t0-t9 and hi/lo are
   set first, so a kernel that kept them would show them too. */
H(h_send_regs)
	move	$s0, $a2
	addiu	$s1, $zero, 0x11
	addiu	$s2, $zero, 0x22
	addiu	$s3, $zero, 0x33
	addiu	$s4, $zero, 0x44
	addiu	$s5, $zero, 0x55
	addiu	$s6, $zero, 0x66
	addiu	$s7, $zero, 0x77
	addiu	$t0, $zero, 1
	addiu	$t1, $zero, 1
	addiu	$t2, $zero, 1
	addiu	$t3, $zero, 1
	addiu	$t4, $zero, 1
	addiu	$t5, $zero, 1
	addiu	$t6, $zero, 1
	addiu	$t7, $zero, 1
	addiu	$t8, $zero, 1
	addiu	$t9, $zero, 1
	addiu	$v1, $zero, 1
	mthi	$t0
	mtlo	$t0
	break	1
	or	$v1, $v1, $a0
	or	$v1, $v1, $a1
	or	$v1, $v1, $a2
	or	$v1, $v1, $a3
	or	$v1, $v1, $t0
	or	$v1, $v1, $t1
	or	$v1, $v1, $t2
	or	$v1, $v1, $t3
	or	$v1, $v1, $t4
	or	$v1, $v1, $t5
	or	$v1, $v1, $t6
	or	$v1, $v1, $t7
	or	$v1, $v1, $t8
	or	$v1, $v1, $t9
	mfhi	$t0
	or	$v1, $v1, $t0
	mflo	$t0
	or	$v1, $v1, $t0
	sw	$v1, 2048($s0)
	sw	$s1, 2052($s0)
	sw	$s2, 2056($s0)
	sw	$s3, 2060($s0)
	sw	$s4, 2064($s0)
	sw	$s5, 2068($s0)
	sw	$s6, 2072($s0)
	sw	$s7, 2076($s0)
	jr	$ra
	move	$v0, $zero
E(h_send_regs)

H(h_loop)
1:	b	1b
	nop
E(h_loop)

/* a2 backward branches, then return 1. */
H(h_budget)
	move	$t0, $a2
1:	addiu	$t0, $t0, -1
	bne	$t0, $zero, 1b
	nop
	jr	$ra
	addiu	$v0, $zero, 1
E(h_budget)

/* Load the word at a2; v0 = it. */
H(h_load_arg)
	lw	$t0, 0($a2)
	jr	$ra
	move	$v0, $t0
E(h_load_arg)

/* Store a1 (the frame's length) at a2. */
H(h_store_arg)
	sw	$a1, 0($a2)
	jr	$ra
	move	$v0, $zero
E(h_store_arg)

/* Store into the frame (read-only). */
H(h_store_frame)
	sh	$a1, 0($a0)
	jr	$ra
	move	$v0, $zero
E(h_store_frame)

/* Every register a handler may read, at a2 (before it changes any). */
H(h_regs)
	sw	$v0, 0($a2)
	sw	$v1, 4($a2)
	sw	$a3, 8($a2)
	sw	$t0, 12($a2)
	sw	$t1, 16($a2)
	sw	$t2, 20($a2)
	sw	$t3, 24($a2)
	sw	$t4, 28($a2)
	sw	$t5, 32($a2)
	sw	$t6, 36($a2)
	sw	$t7, 40($a2)
	sw	$t8, 44($a2)
	sw	$t9, 48($a2)
	sw	$s0, 52($a2)
	sw	$s1, 56($a2)
	sw	$s2, 60($a2)
	sw	$s3, 64($a2)
	sw	$s4, 68($a2)
	sw	$s5, 72($a2)
	sw	$s6, 76($a2)
	sw	$s7, 80($a2)
	sw	$sp, 84($a2)
	sw	$ra, 88($a2)
	mfhi	$t0
	sw	$t0, 92($a2)
	mflo	$t0
	sw	$t0, 96($a2)
	sw	$a0, 100($a2)
	sw	$a1, 104($a2)
	jr	$ra
	addiu	$v0, $zero, 1
E(h_regs)

/* Offsets: the frame's type field (bytes 12-13) to a2+8 through a
   negative offset; returns 1. */
H(h_offsets)
	lhu	$t0, 12($a0)
	addiu	$t1, $a2, 16
	sh	$t0, -8($t1)
	jr	$ra
	addiu	$v0, $zero, 1
E(h_offsets)

/* j forward and backward (word indexes), three rounds: 3 at a2. */
H(h_jumps)
	addiu	$t0, $zero, 3		/* 0 */
	J(4)				/* 1 */
	move	$t1, $zero		/* 2 */
	addiu	$t1, $t1, 100		/* 3 skipped */
	addiu	$t1, $t1, 1		/* 4 */
	addiu	$t0, $t0, -1		/* 5 */
	beq	$t0, $zero, 1f		/* 6 */
	nop				/* 7 */
	J(4)				/* 8 */
	nop				/* 9 */
1:	sw	$t1, 0($a2)		/* 10 */
	jr	$ra			/* 11 */
	addiu	$v0, $zero, 1		/* 12 */
E(h_jumps)

/* One word, no return: runs off its end. */
H(h_falloff)
	nop
E(h_falloff)

/* Overflow trap (add): aborts. */
H(h_overflow)
	lui	$t0, 0x7fff
	add	$t0, $t0, $t0
	jr	$ra
	move	$v0, $zero
E(h_overflow)

/* Measurements: 256 rounds of 8 loads (offset 4), of 8 adds, and of
   nothing but the backward branch. */
H(h_meas_load)
	addiu	$t0, $zero, 256
1:	lw	$t1, 4($a2)
	lw	$t1, 4($a2)
	lw	$t1, 4($a2)
	lw	$t1, 4($a2)
	lw	$t1, 4($a2)
	lw	$t1, 4($a2)
	lw	$t1, 4($a2)
	lw	$t1, 4($a2)
	addiu	$t0, $t0, -1
	bne	$t0, $zero, 1b
	nop
	jr	$ra
	move	$v0, $zero
E(h_meas_load)

H(h_meas_load0)
	addiu	$t0, $zero, 256
1:	lw	$t1, 0($a2)
	lw	$t1, 0($a2)
	lw	$t1, 0($a2)
	lw	$t1, 0($a2)
	lw	$t1, 0($a2)
	lw	$t1, 0($a2)
	lw	$t1, 0($a2)
	lw	$t1, 0($a2)
	addiu	$t0, $t0, -1
	bne	$t0, $zero, 1b
	nop
	jr	$ra
	move	$v0, $zero
E(h_meas_load0)

H(h_meas_alu)
	addiu	$t0, $zero, 256
1:	addu	$t1, $t2, $a2
	addu	$t1, $t2, $a2
	addu	$t1, $t2, $a2
	addu	$t1, $t2, $a2
	addu	$t1, $t2, $a2
	addu	$t1, $t2, $a2
	addu	$t1, $t2, $a2
	addu	$t1, $t2, $a2
	addiu	$t0, $t0, -1
	bne	$t0, $zero, 1b
	nop
	jr	$ra
	move	$v0, $zero
E(h_meas_alu)

H(h_meas_loop)
	addiu	$t0, $zero, 1024
1:	addiu	$t0, $t0, -1
	bne	$t0, $zero, 1b
	nop
	jr	$ra
	move	$v0, $zero
E(h_meas_loop)

/* The largest handler: 1024 loads (3 words each once rewritten). */
H(h_big)
	.fill	1024, 4, 0x8c880004	/* lw $t0, 4($a0) */
E(h_big)

/* --- Refused ------------------------------------------------------- */
H(r_mtc0)
	nop
	mtc0	$zero, $12
E(r_mtc0)
H(r_mfc0)
	mfc0	$t0, $12
E(r_mfc0)
H(r_rfe)
	rfe
E(r_rfe)
H(r_tlbwi)
	tlbwi
E(r_tlbwi)
H(r_tlbwr)
	tlbwr
E(r_tlbwr)
H(r_tlbp)
	tlbp
E(r_tlbp)
H(r_tlbr)
	tlbr
E(r_tlbr)
H(r_syscall)
	syscall
E(r_syscall)
H(r_jalr)
	jalr	$t0
	nop
E(r_jalr)
H(r_jr)
	jr	$t0
	nop
E(r_jr)
H(r_jal)
	.word	0x0c000000		/* jal 0 */
	nop
E(r_jal)
H(r_bgezal)
	bgezal	$t0, 1f
	nop
1:	nop
E(r_bgezal)
H(r_bout)
	.word	0x10000005		/* b +5 */
	nop
E(r_bout)
H(r_bneg)
	nop
	.word	0x1000fff0		/* b -16 */
	nop
E(r_bneg)
H(r_jout)
	nop
	nop
	J(16)
	nop
E(r_jout)
H(r_at_read)
	addu	$t0, $at, $zero
E(r_at_read)
H(r_at_write)
	addiu	$at, $zero, 1
E(r_at_write)
H(r_k0)
	move	$k0, $t0
E(r_k0)
H(r_k1)
	lw	$t0, 0($k1)
E(r_k1)
H(r_gp_read)
	nop
	nop
	nop
	nop
	nop
	nop
	nop
	addu	$t0, $gp, $zero
E(r_gp_read)
H(r_gp_write)
	lui	$gp, 0x8000
E(r_gp_write)
H(r_s8_read)
	sw	$s8, 0($a2)
E(r_s8_read)
H(r_s8_write)
	addiu	$s8, $s8, 1
E(r_s8_write)
H(r_load_ds)
	.fill	8, 4, 0
	b	1f
	lw	$t0, 0($a0)		/* word 9 */
1:	jr	$ra
	nop
E(r_load_ds)
H(r_store_ds)
	jr	$ra
	sw	$t0, 0($a2)
E(r_store_ds)
H(r_break_ds)
	jr	$ra
	break	1
E(r_break_ds)
H(r_branch_ds)
	b	1f
	b	1f
1:	nop
E(r_branch_ds)
H(r_last)
	nop
	jr	$ra
E(r_last)
H(r_break2)
	break	2
E(r_break2)
H(r_cop1)
	.word	0x46000000		/* add.s $f0, $f0, $f0 */
E(r_cop1)
H(r_lwc1)
	.word	0xc4800000		/* lwc1 $f0, 0($a0) */
E(r_lwc1)
H(r_special3)
	.word	0x7c000000		/* MIPS32r2's SPECIAL3 */
E(r_special3)
H(r_sync)
	.word	0x0000000f		/* sync (MIPS II) */
E(r_sync)
H(r_long)
	.fill	1025, 4, 0
E(r_long)
