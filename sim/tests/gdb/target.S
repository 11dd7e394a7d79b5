/*
 * target.S - a small guest for the gdb stub's tests (gdb-check): a kuseg
 * page mapped through the TLB under ASID 5 (gdb must read it through the
 * TLB), a taken branch with a delay slot (stepi must stop in the slot), a
 * PROM call (stepping over it must land at the return address), and a
 * cached loop that spins until gdb writes gdbt_stop (Ctrl-C must stop it;
 * the write must reach the guest through its D-cache). Then it halts
 * through the PROM.
 */
	.set	noreorder
	.text
	.globl	_start
_start:
	move	$s7, $a3		/* the PROM's REX callback vector */
	lui	$t0, 0x8010		/* physical page 0x00100000 ... */
	lui	$t1, 0x1234
	ori	$t1, $t1, 0x5678
	sw	$t1, 0($t0)		/* ... holds 0x12345678 */
	lui	$t0, 0x0040		/* EntryHi: VPN 0x00400000, ASID 5 */
	ori	$t0, $t0, 5 << 6
	mtc0	$t0, $10
	lui	$t0, 0x0010		/* EntryLo: PFN 0x00100000, D, V */
	ori	$t0, $t0, 0x0600
	mtc0	$t0, $2
	li	$t0, 8 << 8		/* Index 8 */
	mtc0	$t0, $0
	nop
	tlbwi
	nop
	.globl	gdbt_mapped
gdbt_mapped:
	lui	$t3, 0x0040
	lw	$t2, 0($t3)		/* the guest sees 0x12345678 too */
	nop
	.globl	gdbt_branch
gdbt_branch:
	beq	$zero, $zero, 1f
	addiu	$t4, $zero, 42		/* delay slot */
	addiu	$t4, $zero, 99		/* skipped */
1:
	.globl	gdbt_promcall
gdbt_promcall:
	la	$a0, hello
	lw	$t9, 0x2c($s7)		/* puts */
	nop
	.globl	gdbt_jalr
gdbt_jalr:
	jalr	$t9
	nop
	.globl	gdbt_after_prom
gdbt_after_prom:
	la	$t0, gdbt_count
	la	$t1, gdbt_stop
2:	lw	$t2, 0($t0)
	lw	$t3, 0($t1)
	addiu	$t2, $t2, 1
	bnez	$t3, 3f
	sw	$t2, 0($t0)
	b	2b
	nop
3:	lw	$t9, 0x9c($s7)		/* halt */
	nop
	jalr	$t9
	nop
4:	b	4b
	nop

	.data
	.globl	gdbt_count, gdbt_stop
gdbt_count:	.word	0
gdbt_stop:	.word	0
hello:		.asciz	"gdb target: hello"
