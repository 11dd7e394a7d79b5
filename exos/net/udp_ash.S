/*
 * udp_ash.S - ExOS's UDP reply handler, downloaded into Aegis by
 * net_udp_ash (udp_ashc.c) and run in the kernel for each frame the
 * socket's filter takes (the paper's Table 11 and Figure 2 "ASH" rows;
 * the rules are <aegis/net.h>'s). It answers the datagram from inside
 * the kernel: copies the frame into the owner's memory, swaps the
 * Ethernet and IP addresses and the UDP ports, adds one to the
 * big-endian 32-bit counter at the payload offset asked for, sends, and
 * counts. The UDP checksum of the reply is sent as 0 ("none", which
 * RFC 768 allows over IPv4): the counter changed, and recomputing costs
 * a pass over the data the handler exists to avoid. The IP header's
 * checksum stays right as it is (swapping two words keeps the sum).
 *
 * Anything it cannot answer goes on to the ring (v0 = 1): too short, IP
 * options or a fragment, lengths that disagree, a datagram that does
 * not match the length and tag asked for, too short for the counter, a
 * failed send.
 *
 * a0 = the frame (2 past a word), a1 = its length, a2 = the state
 * (struct udp_ash_state in udp_ashc.c, word-aligned):
 *   0(a2) counter offset in the payload (0xffffffff: none)
 *   4(a2) datagrams answered
 *   8(a2) the payload length required (0: any)
 *  12(a2) the tag: 4 bytes the payload must start with, if 16(a2) != 0
 *  22(a2) the reply frame (2 past a word, as the frame)
 * No register Aegis keeps ($at, $k0, $k1, $gp, $s8), no stack; the
 * R3000's load delay is respected by hand (noreorder).
 */
#include <aegis/net.h>
	.set	noreorder
	.set	noat
	.text

	.globl	udp_ash, udp_ash_end
udp_ash:
	sltiu	$t0, $a1, 42		/* Ethernet + IP + UDP headers */
	bne	$t0, $zero, pass
	nop
	lbu	$t1, 14($a0)		/* version 4, IHL 5: no options */
	li	$t2, 0x45
	bne	$t1, $t2, pass
	nop
	lbu	$t1, 20($a0)		/* flags and fragment offset */
	lbu	$t2, 21($a0)
	andi	$t1, $t1, 0x3f		/* MF and the offset's top bits */
	or	$t1, $t1, $t2
	bne	$t1, $zero, pass
	nop
	lbu	$t1, 16($a0)		/* IP total length -> t3 */
	lbu	$t2, 17($a0)
	sll	$t1, $t1, 8
	or	$t3, $t1, $t2
	addiu	$t4, $t3, 14		/* the frame's useful length */
	sltu	$t0, $a1, $t4		/* frame shorter than IP says */
	bne	$t0, $zero, pass
	nop
	lbu	$t1, 38($a0)		/* UDP length -> t5 */
	lbu	$t2, 39($a0)
	sll	$t1, $t1, 8
	or	$t5, $t1, $t2
	addiu	$t6, $t3, -20
	bne	$t5, $t6, pass		/* UDP and IP lengths disagree */
	nop
	addiu	$t5, $t5, -8		/* the payload's length */
	bltz	$t5, pass
	nop
	/* The length and tag asked for. */
	lw	$t1, 8($a2)
	nop
	beq	$t1, $zero, 1f
	nop
	bne	$t1, $t5, pass
	nop
1:	lw	$t1, 16($a2)
	nop
	beq	$t1, $zero, 3f
	nop
	sltiu	$t0, $t5, 4
	bne	$t0, $zero, pass
	nop
	lw	$t1, 42($a0)		/* the payload is word-aligned (the */
	lw	$t2, 12($a2)		/* frame is 2 past a word): one compare */
	nop
	bne	$t1, $t2, pass
	nop
3:	/* Room for the counter: offset + 4 <= payload length. */
	lw	$s0, 0($a2)
	li	$t1, -1
	beq	$s0, $t1, 4f
	nop
	addiu	$t1, $s0, 4
	sltu	$t0, $t5, $t1
	bne	$t0, $zero, pass
	nop
	sltu	$t0, $t1, $s0		/* the sum wrapped: a huge offset */
	bne	$t0, $zero, pass
	nop
4:	/* The copy, of only what the swap below does not write: bytes
	   12-25 (type, IP header to its checksum), the UDP length with a
	   zero checksum (one word at 38), then the payload from 42 (both
	   frames are 2 past a word, so 14, 38 and 42 are word-aligned):
	   four words a turn while 16 bytes are left (each load and store
	   is three instructions once Aegis has sandboxed it: the loop's own
	   counting is paid a quarter as often), then words, a halfword, a
	   byte; up to t4 bytes in all. */
	addiu	$s1, $a2, 22		/* the reply */
	lhu	$t1, 12($a0)
	lw	$t3, 14($a0)
	lw	$t5, 18($a0)
	lw	$t7, 22($a0)
	sh	$t1, 12($s1)
	sw	$t3, 14($s1)
	sw	$t5, 18($s1)
	sw	$t7, 22($s1)
	lhu	$t1, 38($a0)		/* UDP length; 40-41, the checksum: */
	nop				/* none (see above) */
	sw	$t1, 38($s1)
	addiu	$t0, $a0, 42
	addiu	$t2, $s1, 42
	addu	$t6, $a0, $t4		/* the end (t4 >= 42, checked) */
	addiu	$t8, $t6, -16		/* the last place 16 bytes start */
12:	sltu	$t7, $t8, $t0
	bne	$t7, $zero, 5f
	nop
	lw	$t1, 0($t0)
	lw	$t3, 4($t0)
	lw	$t5, 8($t0)
	lw	$t7, 12($t0)
	sw	$t1, 0($t2)
	sw	$t3, 4($t2)
	sw	$t5, 8($t2)
	sw	$t7, 12($t2)
	addiu	$t0, $t0, 16
	b	12b
	addiu	$t2, $t2, 16
5:	addiu	$t5, $t0, 4
	sltu	$t7, $t6, $t5
	bne	$t7, $zero, 6f
	nop
	lw	$t1, 0($t0)
	move	$t0, $t5
	sw	$t1, 0($t2)
	b	5b
	addiu	$t2, $t2, 4
6:	addiu	$t5, $t0, 2
	sltu	$t7, $t6, $t5
	bne	$t7, $zero, 8f
	nop
	lhu	$t1, 0($t0)
	move	$t0, $t5
	sh	$t1, 0($t2)
	addiu	$t2, $t2, 2
8:	beq	$t0, $t6, 7f
	nop
	lbu	$t1, 0($t0)
	nop
	sb	$t1, 0($t2)
7:	/* Ethernet addresses, IP addresses, ports change places, by
	   halfwords and words (the frame and the reply are 2 past a word,
	   so bytes 2, 6, 26, 30 and 34 are word-aligned; little-endian):
	   reply 0-1 = 6-7, 2-5 = 8-11, 6-9 = 0-3, 10-11 = 4-5. */
	lhu	$t1, 0($a0)		/* bytes 0-1 */
	lw	$t3, 2($a0)		/* 2-5 */
	lw	$t5, 6($a0)		/* 6-9 */
	lhu	$t7, 10($a0)		/* 10-11 */
	sh	$t5, 0($s1)
	srl	$t8, $t5, 16
	sll	$t9, $t7, 16
	or	$t8, $t8, $t9
	sw	$t8, 2($s1)
	sll	$t9, $t3, 16
	or	$t9, $t9, $t1
	sw	$t9, 6($s1)
	srl	$t9, $t3, 16
	sh	$t9, 10($s1)
	lw	$t1, 26($a0)		/* IP source */
	lw	$t3, 30($a0)		/* IP destination */
	sw	$t1, 30($s1)
	sw	$t3, 26($s1)
	lw	$t1, 34($a0)		/* the ports: 34-35 and 36-37 */
	nop
	srl	$t3, $t1, 16
	sll	$t1, $t1, 16
	or	$t1, $t1, $t3
	sw	$t1, 34($s1)
	/* The counter: bytes 42+off .. 45+off, carry from the last up. */
	li	$t1, -1
	beq	$s0, $t1, 11f
	nop
	addu	$t2, $s1, $s0
	addiu	$t2, $t2, 42		/* its first byte */
	addiu	$t3, $t2, 3		/* its last */
10:	lbu	$t1, 0($t3)
	nop
	addiu	$t1, $t1, 1
	andi	$t1, $t1, 0xff
	sb	$t1, 0($t3)
	bne	$t1, $zero, 11f
	addiu	$t3, $t3, -1
	sltu	$t5, $t3, $t2
	beq	$t5, $zero, 10b
	nop
11:	move	$s2, $a2		/* (s registers outlive the call) */
	move	$a0, $s1
	move	$a1, $t4
	break	AEGIS_ASH_SEND
	bne	$v0, $zero, pass	/* not sent: the application answers */
	nop
	lw	$t1, 4($s2)
	nop
	addiu	$t1, $t1, 1
	sw	$t1, 4($s2)
	jr	$ra
	move	$v0, $zero
pass:
	jr	$ra
	li	$v0, 1
udp_ash_end:
