/*
 * proto.h - what machine 1's network tests and their peer (peer.c) agree
 * on: ports, counts, and the words of their control frames (Ethernet
 * type ETHERTYPE_TEST: a word saying what, then its numbers).
 */
#ifndef AEGIS_TESTS_NET_PROTO_H
#define AEGIS_TESTS_NET_PROTO_H

#define CTL_HELLO	0x48454c4fu	/* the peer is up (sent until acknowledged) */
#define CTL_ACK		0x41434b21u	/* machine 1 heard it */
#define CTL_READY	0x52454459u	/* a child of machine 1 is ready: its number */
#define CTL_TOTAL	0x544f544cu	/* the peer sent this many frames to machine 1 */
#define CTL_PING	0x50494e47u	/* a ping phase's result: port, answered, cycles */
#define END_MAGIC	0x454e4421u	/* a payload's first word: the last frame, then n */
#define DEMUX_END	END_MAGIC

/* netdemux: four ports, ROUNDS frames each; every fifth round also four
   frames nobody takes; then one end frame per port. */
#define DEMUX_PORT	7000
#define DEMUX_ROUNDS	40
#define DEMUX_UNMATCHED	(DEMUX_ROUNDS / 5 * 4)
#define DEMUX_FRAMES	(DEMUX_ROUNDS * 4 + DEMUX_UNMATCHED + 4)
#define DEMUX_TIMEOUT_US 2000000
#define DEMUX_GAP_US	400

/* netflood: FLOOD_N frames to a child that never empties its 8-slot
   ring, one in five of them also to a child that does. */
#define FLOOD_PORT	7100
#define FLOOD_N		300
#define FLOOD_SLOTS	8
#define FLOOD_BUSY_N	(FLOOD_N / 5)
#define FLOOD_GAP_US	300

/* netrandom: RANDOM_N random and malformed frames. */
#define RANDOM_PORT	7200
#define RANDOM_TYPE	0x88b6
#define RANDOM_GAP_US	40
#ifndef RANDOM_N
#define RANDOM_N	100000
#endif
#define RANDOM_KIDS	4	/* UDP, TCP, UDP (shared), an Ethernet type */

/* netash: pings answered by an ASH (port PING_ASH_PORT) and by the
   program polling its ring (PING_POLL_PORT). */
#define PING_ASH_PORT	7300
#define PING_POLL_PORT	7301
#define PING_SPIN_PORT	7302	/* a handler that never ends */
#define PING_POKE_PORT	7303	/* a handler that stores into the kernel */
#define PING_BAD_N	3	/* frames sent to each of those */
#define PING_PEEK_PORT	7304	/* a handler that looks past its frame */
#define PING_N		200
/* A ping's UDP payload: the counter alone, 4 bytes. With its UDP, IP and
   Ethernet headers that is 46 bytes, which the sender's LANCE pads to the
   minimum 60-byte frame: Table 11's message as the paper measured it (the
   DPF paper's "60-byte message with a 4-byte payload"; bench/reportlib's
   raw-frame rows say so). The one constant that sets the raw rows' size. */
#define PING_PAYLOAD	4
#define PING_TIMEOUT_US	20000
#endif
