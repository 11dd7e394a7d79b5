/*
 * exos/net/tcp_timer.c - TCP's timers, run from net_poll: retransmission
 * (RFC 6298: Jacobson/Karels's estimate, a 200 ms floor, exponential
 * backoff, -ETIMEDOUT after TCP_RETRIES), the persist timer probing a
 * zero window (RFC 1122 4.2.2.17: never gives up while answered),
 * delayed ACKs, TIME_WAIT's 2 MSL and an orphaned FIN_WAIT_2's end.
 */
#include <errno.h>
#include "tcp.h"

unsigned tcp_max_retries = TCP_RETRIES;

void tcp_rtt_sample(struct tcb *t, uint32_t r)
{
	int rtt = (int)r;
	if (rtt < 0)
		return;
	if (t->srtt == 0 && t->rttvar == 0) {
		/* The first (RFC 6298 2.2): SRTT = R, RTTVAR = R/2. */
		t->srtt = rtt * 8 + 1;
		t->rttvar = rtt * 2;
	} else {
		/* RTTVAR = 3/4 RTTVAR + 1/4 |SRTT - R|, SRTT = 7/8 SRTT + 1/8 R
		   (2.3), in Jacobson's scaled form: srtt is 8 SRTT and rttvar
		   4 RTTVAR. */
		int delta = rtt - t->srtt / 8;
		t->srtt += delta;
		if (t->srtt <= 0)
			t->srtt = 1;
		if (delta < 0)
			delta = -delta;
		t->rttvar += delta - t->rttvar / 4;
	}
	/* RTO = SRTT + max(G, 4 RTTVAR), G the clock's 16 ms tick. */
	int var = t->rttvar > 16 ? t->rttvar : 16;
	unsigned rto = (unsigned)(t->srtt / 8 + var);
	if (rto < TCP_RTO_MIN) rto = TCP_RTO_MIN;
	if (rto > TCP_RTO_MAX) rto = TCP_RTO_MAX;
	t->rto = rto;
}

/* The retransmission timer went off. */
static void rexmt_timeout(struct tcb *t, uint32_t now)
{
	t->rexmt_at = 0;
	if (t->persist) {
		/* A zero-window probe: the first byte past the window. The
		   backoff grows, the retries do not count. */
		if (t->snd_len && t->snd_wnd == 0) {
			tcp_send_seg(t, t->snd_una, t->snd_off, 1, 0);
			t->snd_nxt = t->snd_una + 1;
			if (SEQ_GT(t->snd_nxt, t->snd_max))
				t->snd_max = t->snd_nxt;
		}
		t->rto = t->rto * 2 > TCP_RTO_MAX ? TCP_RTO_MAX : t->rto * 2;
		tcp_arm_rexmt(t, now);
		return;
	}
	unsigned limit = t->state == TCP_SYN_SENT || t->state == TCP_SYN_RCVD ? TCP_SYN_RETRIES : tcp_max_retries;
	if (++t->retries > limit) {
		if (t->state == TCP_SYN_RCVD && t->parent) {
			tcb_free(t);		/* an embryo never answered */
			return;
		}
		if (t->state != TCP_SYN_SENT)
			tcp_send_seg(t, t->snd_nxt, 0, 0, TH_RST);
		tcp_drop(t, -ETIMEDOUT);
		return;
	}
	net_stat.tcp_retransmits++;
	t->rto = t->rto * 2 > TCP_RTO_MAX ? TCP_RTO_MAX : t->rto * 2;
	/* RFC 5681 3.1: after a timeout, one segment and slow start again. */
	unsigned flight = t->snd_max - t->snd_una;
	t->ssthresh = flight / 2 > 2 * t->mss ? flight / 2 : 2 * t->mss;
	t->cwnd = t->mss;
	t->dupacks = 0;
	t->in_recovery = 0;
	t->rtt_timing = 0;		/* Karn: no sample from a retransmission */
	/* Go back to the first unacknowledged byte (the SYN, in the
	   handshake's states); the window allows what follows. */
	t->snd_nxt = t->snd_una;
	tcp_output(t);
	if (!t->rexmt_at)
		tcp_arm_rexmt(t, now);
}

void tcp_timer(uint32_t now)
{
	for (unsigned i = 0; i < tcp_nused; i++) {
		struct tcb *t = &tcp_pool[i];
		if (t->state == TCP_FREE || t->state == TCP_CLOSED || t->state == TCP_LISTEN)
			continue;
		if (t->state == TCP_FIN_WAIT_2 && !t->has_sock && TIME_DUE(now, t->tw_at)) {
			tcp_drop(t, 0);		/* the peer never closed */
			continue;
		}
		if (t->state == TCP_TIME_WAIT) {
			if (TIME_DUE(now, t->tw_at))
				tcp_drop(t, 0);
			continue;
		}
		if (t->ack_delayed && TIME_DUE(now, t->delack_at))
			tcp_send_ack(t);
		if (t->rexmt_at && TIME_DUE(now, t->rexmt_at))
			rexmt_timeout(t, now);
	}
}
