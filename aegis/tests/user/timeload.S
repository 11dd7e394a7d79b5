/*
 * timeload.S - time_load(va, counter): the count (cycles or instructions,
 * whichever counter points at) across one load from va, read just before
 * and just after it. In assembly so no compiler can move the loads.
 */
	.set	noreorder
	.text
	.globl	time_load
	.ent	time_load
time_load:
	lw	$v1, 0($a1)		/* A */
	lw	$t0, 0($a0)		/* the load under test */
	lw	$v0, 0($a1)		/* B */
	nop
	jr	$ra
	subu	$v0, $v0, $v1
	.end	time_load

/* load_in_delay_slot(va): one load from va in a branch's delay slot; a
   TLB miss there has EPC = the branch, and the retry must redo both. */
	.globl	load_in_delay_slot
	.ent	load_in_delay_slot
load_in_delay_slot:
	b	1f
	lw	$v0, 0($a0)
1:	jr	$ra
	nop
	.end	load_in_delay_slot
