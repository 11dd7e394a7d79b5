/*
 * upcall_net.S - a net upcall handler for the network tests, written as
 * a library OS would write it: it keeps every register of the
 * interrupted code but $at (k0/k1 are Aegis's, never used), counts the
 * upcall and the frames Aegis says it has delivered (a1), and resumes
 * at a0 with a0..a2 restored from the upcall save area (<aegis/net.h>:
 * UPCALL_SAVE_NET).
 */
#include <aegis/syscall.h>
#include <aegis/net.h>
	.set	noreorder
	.set	noat

	.data
	.balign	32
	.globl	net_save, net_upcalls, net_upcall_delivered
net_save:	.space	UPCALL_SAVE_SIZE
net_upcalls:	.word	0
net_upcall_delivered:	.word	0

	.text
	.globl	net_note
	.ent	net_note
net_note:
	addiu	$sp, $sp, -8
	sw	$a0, 4($sp)			/* where to resume */
	lui	$at, %hi(net_upcalls)
	lw	$a0, %lo(net_upcalls)($at)
	sw	$a1, %lo(net_upcall_delivered)($at)
	addiu	$a0, $a0, 1
	sw	$a0, %lo(net_upcalls)($at)
	lui	$at, %hi(net_save)
	lw	$a0, %lo(net_save)+UPCALL_SAVE_NET($at)		/* the interrupted a0..a2 */
	lw	$a1, %lo(net_save)+UPCALL_SAVE_NET+4($at)
	lw	$a2, %lo(net_save)+UPCALL_SAVE_NET+8($at)
	lw	$at, 4($sp)
	addiu	$sp, $sp, 8			/* (the load's delay slot) */
	jr	$at
	nop
	.end	net_note
