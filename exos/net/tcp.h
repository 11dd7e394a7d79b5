/*
 * exos/net/tcp.h - TCP's insides, shared by tcp_in.c (segments arriving),
 * tcp_out.c (segments leaving), tcp_timer.c (retransmission, TIME_WAIT)
 * and tcp_sock.c (the socket calls). RFC 793 with RFC 1122's host
 * requirements (4.2), RFC 6298's retransmission timer and RFC 5681's
 * congestion control.
 *
 * Connections come from a pool of TCP_NCONN (their state on the heap,
 * allocated whole at the first connection: 96 pages of guaranteed
 * mappings could not hold it in .bss): each has a send and a receive
 * buffer of TCP_BUFSZ bytes (on the heap, each taken at the connection's
 * first data that way, tcb_rcvbuf, tcb_sndbuf: an idle connection has
 * none, so a server can hold
 * hundreds; then kept with the pool entry, so the memory is bounded by
 * the most connections that ever carried data at once). Loops over the
 * pool stop at
 * tcp_nused, one past the highest entry ever used, so a program with a
 * few connections pays for a few. The send buffer holds what the
 * application queued from snd_una on (kept until acknowledged, so a
 * retransmission is rebuilt from it); the receive buffer holds what
 * arrived in order and not yet read, and past it, at their own offsets,
 * segments that arrived out of order (kept, up to TCP_OOO ranges, and
 * joined when the gap fills).
 */
#ifndef EXOS_TCP_H
#define EXOS_TCP_H

#include <stdint.h>
#include "netint.h"

#define TCP_NCONN	256		/* connections and listeners, all processes' own */
#define TCP_TW_MAX	12		/* connections kept in TIME_WAIT; past it the
					   oldest ends early (tcp_max_tw_buckets) */
#define TCP_BUFSZ	16384		/* each send and receive buffer */
#define TCP_MSS		1460		/* ETH_MTU - IP_HLEN - TCP_HLEN (RFC 879) */
#define TCP_MSS_DEFAULT	536		/* without the peer's option (RFC 1122 4.2.2.6) */
#define TCP_OOO		4		/* out-of-order ranges kept */
#define TCP_RTO_MIN	200		/* ms: our clock ticks 15.6 ms (RFC 6298 says 1 s;
					   Linux uses 200 ms on a LAN) */
#define TCP_RTO_INIT	1000		/* ms, before any measurement (RFC 6298 2.1) */
#define TCP_RTO_MAX	8000		/* ms, the backoff's cap */
#define TCP_RETRIES	10		/* retransmissions of one segment, then -ETIMEDOUT
					   (tcp_max_retries: the tests lower it) */
#define TCP_SYN_RETRIES	5
#define TCP_MSL		1000		/* ms: a short MSL; TIME_WAIT is 2 MSL = 2 s.
					   RFC 793 suggests 2 minutes; on one simulated
					   segment nothing lives that long */
#define TCP_FIN_WAIT_2_MS 10000	/* ms a closed connection waits for the peer's
					   FIN (RFC 1122 4.2.2.20's note; Linux: 60 s) */
#define TCP_DELACK	40		/* ms an ACK may wait for a second segment */

/* Flags (RFC 793 3.1). */
#define TH_FIN	0x01
#define TH_SYN	0x02
#define TH_RST	0x04
#define TH_PSH	0x08
#define TH_ACK	0x10

enum tcp_state {
	TCP_FREE = 0,		/* not in use (not an RFC state) */
	TCP_CLOSED, TCP_LISTEN, TCP_SYN_SENT, TCP_SYN_RCVD, TCP_ESTABLISHED,
	TCP_FIN_WAIT_1, TCP_FIN_WAIT_2, TCP_CLOSE_WAIT, TCP_CLOSING,
	TCP_LAST_ACK, TCP_TIME_WAIT
};

/* Sequence numbers compare modulo 2^32 (RFC 793 3.3). */
#define SEQ_LT(a, b)	((int32_t)((uint32_t)(a) - (uint32_t)(b)) < 0)
#define SEQ_LEQ(a, b)	((int32_t)((uint32_t)(a) - (uint32_t)(b)) <= 0)
#define SEQ_GT(a, b)	SEQ_LT(b, a)
#define SEQ_GEQ(a, b)	SEQ_LEQ(b, a)
/* Has time t (ms) come, against now? */
#define TIME_DUE(now, t)	((int32_t)((uint32_t)(now) - (uint32_t)(t)) >= 0)

struct tcb {
	uint8_t state;
	uint8_t has_sock;		/* a socket holds it (else it is finishing alone) */
	uint8_t accepted;		/* a listener's child, handed to accept */
	uint8_t ack_now;		/* an ACK is owed at once */
	uint8_t ack_delayed;		/* an ACK is owed by delack_at */
	uint8_t fin_queued;		/* close: FIN goes after snd_len bytes */
	uint8_t fin_rcvd;		/* the peer's FIN consumed (end of stream) */
	uint8_t fin_sent;		/* our FIN went out, at fin_seq */
	uint8_t rtt_timing;		/* rtt_seq's segment is being timed */
	uint8_t zc_out;			/* a zero-copy receive buffer is out */
	int err;			/* -errno for the socket (reset, timed out) */
	int filter;			/* our DPF filter, -1: none */
	struct tcb *parent;		/* the listener of an embryonic or unaccepted child */
	int backlog;			/* a listener's bound on children */

	uint32_t lip, rip;
	unsigned lport, rport;

	/* Sending (RFC 793 3.2's SND.*). sndbuf[snd_off] is the byte at
	   snd_una (or the first after the SYN while it is unacknowledged). */
	uint32_t iss, snd_una, snd_nxt, snd_max;
	uint32_t snd_wnd, snd_wl1, snd_wl2;
	unsigned snd_off, snd_len;	/* queued bytes, from snd_una's */
	unsigned mss;			/* the peer's, at most ours */
	uint32_t cwnd, ssthresh;	/* RFC 5681 */
	unsigned dupacks;
	uint32_t fin_seq;
	uint32_t recover;		/* fast recovery until this is acknowledged */
	uint8_t in_recovery;

	/* Receiving (RCV.*). rcvbuf[rcv_off] is the first unread byte; rcv_len
	   bytes are in order, rcv_nxt is the sequence number after them. */
	uint32_t irs, rcv_nxt;
	unsigned rcv_off, rcv_len;
	uint32_t rcv_adv;		/* the right edge last advertised */
	struct { uint32_t start, end; } ooo[TCP_OOO];
	unsigned nooo;
	unsigned segs_unacked;

	/* Timers (ms, net_now_ms). rexmt_at 0: off. */
	uint32_t rexmt_at, delack_at, tw_at;
	unsigned rto, retries;
	int srtt, rttvar;		/* scaled by 8 and 4 (RFC 6298 as Jacobson's) */
	uint32_t rtt_seq, rtt_start;
	int persist;			/* the timer is probing a zero window */

	struct net_buf zc;		/* the zero-copy receive buffer handed out */

	/* Sending from the application's memory (net_tcp_send_src): while
	   src is set, snd_len counts the source's unacknowledged bytes and
	   the byte at sequence number q is source byte q - src_seq0. */
	const struct net_tcp_src *src;
	void *src_ctx;
	uint32_t src_seq0, src_len;
	uint8_t ack_ride;		/* NET_TCP_ACK_RIDE */
	uint32_t conn_deadline;		/* an active open gives up then (ms; 0: never) */

	/* Last (tcb_alloc clears what is before them): the buffers, from the
	   heap, taken the first time the pool entry is used and kept. Aegis
	   never reads them (segments are copied into transmit buffers), and
	   the environment's guaranteed mappings (96 pages for text, data,
	   bss and stack) could not hold 16 x 32 KB. */
	uint8_t *sndbuf;
	uint8_t *rcvbuf;
};

extern struct tcb *tcp_pool;		/* TCP_NCONN entries (NULL before the first) */
extern unsigned tcp_nused;		/* entries [tcp_nused, TCP_NCONN) never used */
extern unsigned tcp_max_retries;	/* TCP_RETRIES (like Linux's tcp_retries2) */

/* tcp_sock.c */
struct tcb *tcb_alloc(void);
/* The receive buffer, taken at the first data received, and the send
   buffer, at the first data queued: 0 or -ENOBUFS. */
int tcb_rcvbuf(struct tcb *t);
int tcb_sndbuf(struct tcb *t);
void tcb_free(struct tcb *t);		/* its filter removed; back to the pool */
/* The connection for a segment (the exact four-tuple), else the listener
   on lport, else NULL. */
struct tcb *tcb_lookup(uint32_t lip, unsigned lport, uint32_t rip, unsigned rport);
uint32_t tcp_new_iss(void);
/* The connection ends: state CLOSED, err for the socket, then freed at
   once when no socket holds it. */
void tcp_drop(struct tcb *t, int err);

/* tcp_out.c */
/* Send what the windows allow (data, FIN, SYN), or an owed ACK. */
void tcp_output(struct tcb *t);
/* Nonzero while tcp_input handles a segment, after it read the clock:
   a tcp_output it calls (the ACK, the data an ACK lets go) takes that
   reading (net_last_ms) instead of a SYS_clock of its own, some 370
   cycles on the 5000/125, a few every request a server answers
   (docs/cheetah.md). */
extern int tcp_clock_read;
/* One segment from seq: len bytes from the send buffer at off, flags. */
int tcp_send_seg(struct tcb *t, uint32_t seq, unsigned off, unsigned len, unsigned flags);
/* A bare ACK at once. */
void tcp_send_ack(struct tcb *t);
/* A reset answering a segment with no connection (RFC 793 3.4). */
void tcp_reset_reply(uint32_t src, uint32_t dst, const uint8_t *th, unsigned seglen);
/* The window we advertise: the receive buffer's free room. */
unsigned tcp_rcv_window(const struct tcb *t);
/* Arm the retransmission timer at rto from now (persist: a probe). */
void tcp_arm_rexmt(struct tcb *t, uint32_t now);

/* tcp_src.c */
/* Source bytes for the segment at seq, len bytes, into out; *dsum their
   precomputed sum or -1. 0 or -errno. */
int tcp_src_fill(struct tcb *t, uint32_t seq, uint8_t *out, unsigned len, int64_t *dsum);
/* The source is finished (err 0: all acknowledged): forget it, tell the
   application. */
void tcp_src_end(struct tcb *t, int err);

/* tcp_timer.c */
void tcp_rtt_sample(struct tcb *t, uint32_t rtt_ms);

#endif
