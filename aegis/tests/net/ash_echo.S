/*
 * ash_echo.S - handlers the network tests download into Aegis (ASHs,
 * <aegis/net.h>): code between each handler's two labels is what is
 * sent. They use no register Aegis keeps for itself ($at, $k0, $k1,
 * $gp, $s8), no stack, and respect the R3000's load delay.
 *
 * ash_echo: answers a UDP ping from the handler (control initiation):
 *   copies the frame (a0, a1 bytes) into the reply buffer a2 (the
 *   owner's memory, 2 bytes past a word boundary as the frame is; by
 *   16-byte blocks and words), swaps the Ethernet and IP addresses and
 *   the UDP ports (by halfwords), adds one to the
 *   big-endian counter that starts the payload (IP header of 20 bytes:
 *   byte 42), sends it, and returns 0: consumed.
 * ash_peek: reports what it can see of the page past the frame.
 * ash_spin: loops forever; Aegis must stop it (AEGIS_ASH_TIMEOUT).
 * ash_poke: stores into kernel memory; Aegis must stop it
 *   (AEGIS_ASH_FAULT).
 */
#include <aegis/net.h>
	.set	noreorder
	.set	noat
	.text

	.globl	ash_echo, ash_echo_end
ash_echo:
	/* The copy: 2 bytes, then 16-byte blocks and words (frame and
	   buffer are both 2 bytes past a word), then what is left. Blocks,
	   because Aegis's rewriting (net/ash.c) makes every load and store
	   two or three instructions and every backward branch three. */
	lhu	$t1, 0($a0)
	addiu	$t0, $a0, 2		/* from */
	sh	$t1, 0($a2)
	addiu	$t3, $a2, 2		/* to */
	addu	$t6, $a0, $a1		/* the frame's end */
	addiu	$t7, $t6, -16		/* the last block's start */
1:	sltu	$t5, $t7, $t0
	bne	$t5, $zero, 7f		/* no whole block left */
	nop
	lw	$t1, 0($t0)
	lw	$t2, 4($t0)
	lw	$t4, 8($t0)
	lw	$t5, 12($t0)
	sw	$t1, 0($t3)
	sw	$t2, 4($t3)
	sw	$t4, 8($t3)
	sw	$t5, 12($t3)
	addiu	$t0, $t0, 16
	b	1b
	addiu	$t3, $t3, 16
7:	addiu	$t5, $t0, 4
	sltu	$t7, $t6, $t5
	bne	$t7, $zero, 2f		/* no whole word left */
	nop
	lw	$t1, 0($t0)
	move	$t0, $t5
	sw	$t1, 0($t3)
	b	7b
	addiu	$t3, $t3, 4
2:	beq	$t0, $t6, 6f
	nop
	lbu	$t1, 0($t0)
	addiu	$t0, $t0, 1
	sb	$t1, 0($t3)
	b	2b
	addiu	$t3, $t3, 1
6:
	/* Ethernet: the reply goes to the sender (bytes 6..11), from us
	   (0..5); then the IP addresses (26..29 and 30..33) and the UDP
	   ports (34..35, 36..37) change places: by halfwords, all at even
	   addresses. */
	lhu	$t1, 6($a0)
	lhu	$t2, 8($a0)
	lhu	$t4, 10($a0)
	sh	$t1, 0($a2)
	sh	$t2, 2($a2)
	sh	$t4, 4($a2)
	lhu	$t1, 0($a0)
	lhu	$t2, 2($a0)
	lhu	$t4, 4($a0)
	sh	$t1, 6($a2)
	sh	$t2, 8($a2)
	sh	$t4, 10($a2)
	lhu	$t1, 26($a0)
	lhu	$t2, 28($a0)
	lhu	$t4, 30($a0)
	lhu	$t5, 32($a0)
	sh	$t1, 30($a2)
	sh	$t2, 32($a2)
	sh	$t4, 26($a2)
	sh	$t5, 28($a2)
	lhu	$t1, 34($a0)
	lhu	$t4, 36($a0)
	sh	$t1, 36($a2)
	sh	$t4, 34($a2)
	/* The counter, bytes 42..45, big-endian: carry from byte 45 up. */
	li	$t0, 45
4:	addu	$t3, $a2, $t0
	lbu	$t1, 0($t3)
	nop
	addiu	$t1, $t1, 1
	andi	$t1, $t1, 0xff
	sb	$t1, 0($t3)
	bne	$t1, $zero, 5f
	addiu	$t0, $t0, -1
	sltiu	$t5, $t0, 42
	beq	$t5, $zero, 4b
	nop
5:	move	$a0, $a2
	break	AEGIS_ASH_SEND		/* a1: the frame's length, as it came */
	jr	$ra
	move	$v0, $zero
ash_echo_end:

	/* ash_peek: ORs every byte of the frame's page past the frame into
	   the word at a2, and delivers the frame: Aegis must show it
	   nothing there (bytes of earlier frames, perhaps another's). */
	.globl	ash_peek, ash_peek_end
ash_peek:
	addu	$t0, $a0, $a1
	lui	$t1, AEGIS_ASH_FRAME_VA >> 16
	ori	$t1, $t1, 0x1000	/* the window's end */
	move	$t2, $zero
1:	lbu	$t3, 0($t0)
	addiu	$t0, $t0, 1
	or	$t2, $t2, $t3
	bne	$t0, $t1, 1b
	nop
	sw	$t2, 0($a2)
	jr	$ra
	li	$v0, 1
ash_peek_end:

	.globl	ash_spin, ash_spin_end
ash_spin:
1:	b	1b
	nop
	jr	$ra
	nop
ash_spin_end:

	.globl	ash_poke, ash_poke_end
ash_poke:
	lui	$t0, 0x8003
	sw	$zero, 0($t0)
	jr	$ra
	li	$v0, 1
ash_poke_end:
