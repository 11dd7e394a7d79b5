/*
 * exos/net/tcp_out.c - TCP segments leaving: building a segment in a
 * transmit buffer (.bss, which Aegis may read) from the send buffer,
 * deciding what the windows allow (the peer's advertised window, RFC
 * 793 3.7; the congestion window, RFC 5681; the sender's silly window
 * avoidance, RFC 1122 4.2.3.4), ACKs and resets.
 */
#include <errno.h>
#include <string.h>
#include "tcp.h"

unsigned tcp_rcv_window(const struct tcb *t)
{
	unsigned w = TCP_BUFSZ - t->rcv_len;
	/* Receiver SWS avoidance (RFC 1122 4.2.3.3): do not open the window
	   by less than an MSS (or half the buffer) past what we advertised. */
	uint32_t edge = t->rcv_nxt + w;
	if (SEQ_GT(edge, t->rcv_adv) && edge - t->rcv_adv < TCP_MSS && w < TCP_BUFSZ / 2
	    && SEQ_GEQ(t->rcv_adv, t->rcv_nxt))
		w = t->rcv_adv - t->rcv_nxt;
	return w > 65535 ? 65535 : w;
}

/* Fill in the header at th and its checksum over len bytes in all; dsum
   >= 0: the data's (after hlen) sum, precomputed (net_tcp_send_src). */
static void tcp_header_sum(uint8_t *th, uint32_t lip, uint32_t rip, unsigned lport, unsigned rport,
			   uint32_t seq, uint32_t ack, unsigned flags, unsigned win, unsigned hlen, unsigned len,
			   int64_t dsum)
{
	put16(th, lport);
	put16(th + 2, rport);
	put32be(th + 4, seq);
	put32be(th + 8, ack);
	th[12] = (uint8_t)((hlen / 4) << 4);
	th[13] = (uint8_t)flags;
	put16(th + 14, win);
	put16(th + 16, 0);
	put16(th + 18, 0);		/* urgent pointer: we never send urgent data */
	uint32_t sum = cksum_pseudo(lip, rip, IPPROTO_TCP_, len);
	if (dsum >= 0) {
		/* Fold the 32-bit partial sum first so the addition cannot carry out. */
		uint32_t d = (uint32_t)dsum;
		d = (d & 0xffff) + (d >> 16);
		sum = cksum_add(sum, th, hlen) + (d & 0xffff) + (d >> 16);
	} else {
		sum = cksum_add(sum, th, len);
	}
	put16(th + 16, cksum_fold(sum));
}

static void tcp_header(uint8_t *th, uint32_t lip, uint32_t rip, unsigned lport, unsigned rport,
		       uint32_t seq, uint32_t ack, unsigned flags, unsigned win, unsigned hlen, unsigned len)
{
	tcp_header_sum(th, lip, rip, lport, rport, seq, ack, flags, win, hlen, len, -1);
}

int tcp_send_seg(struct tcb *t, uint32_t seq, unsigned off, unsigned len, unsigned flags)
{
	struct txbuf *b = txbuf_get();
	if (!b)
		return -ENOBUFS;
	uint8_t *th = IP_PAYLOAD(b);
	unsigned hlen = TCP_HLEN;
	if (flags & TH_SYN) {
		/* The MSS option (RFC 793 3.1, RFC 1122 4.2.2.6): kind 2, length 4. */
		th[20] = 2; th[21] = 4; put16(th + 22, TCP_MSS);
		hlen += 4;
	}
	int64_t dsum = -1;
	if (t->src && len) {
		/* The data, from the application's source (tcp_src.c). */
		int r = tcp_src_fill(t, seq, th + hlen, len, &dsum);
		if (r < 0) {
			txbuf_put(b);
			return r;
		}
	} else {
		/* The data, from the circular send buffer (two pieces at its end). */
		unsigned first = len, at = off % TCP_BUFSZ;
		if (at + first > TCP_BUFSZ)
			first = TCP_BUFSZ - at;
		memcpy(th + hlen, t->sndbuf + at, first);
		memcpy(th + hlen + first, t->sndbuf, len - first);
	}
	if (t->state != TCP_SYN_SENT)
		flags |= TH_ACK;
	unsigned win = tcp_rcv_window(t);
	tcp_header_sum(th, t->lip, t->rip, t->lport, t->rport, seq, t->rcv_nxt, flags, win, hlen, hlen + len, dsum);
	if (SEQ_GT(t->rcv_nxt + win, t->rcv_adv))
		t->rcv_adv = t->rcv_nxt + win;
	t->ack_now = t->ack_delayed = 0;
	t->segs_unacked = 0;
	net_stat.tcp_out++;
	return ip_output(t->rip, IPPROTO_TCP_, b, hlen + len);
}

void tcp_send_ack(struct tcb *t)
{
	tcp_send_seg(t, t->snd_nxt, 0, 0, TH_ACK);
}

void tcp_arm_rexmt(struct tcb *t, uint32_t now)
{
	t->rexmt_at = (now + t->rto) | 1;	/* 0 means off */
}

/* Bytes of data sent and not acknowledged (the SYN and FIN not counted). */
static unsigned in_flight(const struct tcb *t)
{
	unsigned n = t->snd_nxt - t->snd_una;
	if (t->state == TCP_SYN_SENT || t->state == TCP_SYN_RCVD)
		n = 0;
	if (n > t->snd_len)
		n = t->snd_len;		/* the FIN's sequence number */
	return n;
}

int tcp_clock_read;

void tcp_output(struct tcb *t)
{
	uint32_t now = tcp_clock_read ? net_last_ms() : net_now_ms();
	switch (t->state) {
	case TCP_SYN_SENT:
	case TCP_SYN_RCVD:
		/* The SYN (and ACK) again, when it is due: the timer sets
		   snd_nxt back to iss; so does the peer's SYN again in
		   SYN_RCVD (our SYN,ACK was lost: answer at once). */
		if (t->state == TCP_SYN_RCVD && t->ack_now) {
			t->ack_now = 0;
			t->snd_nxt = t->iss;
		}
		if (t->snd_nxt == t->iss) {
			if (t->retries == 0)
				t->rtt_start = now;	/* the handshake's RTT sample */
			/* Sent or not (no buffer), the timer tries again. */
			tcp_send_seg(t, t->iss, 0, 0, TH_SYN);
			t->snd_nxt = t->iss + 1;
			if (SEQ_GT(t->snd_nxt, t->snd_max))
				t->snd_max = t->snd_nxt;
			if (!t->rexmt_at)
				tcp_arm_rexmt(t, now);
		}
		return;
	case TCP_ESTABLISHED: case TCP_CLOSE_WAIT: case TCP_FIN_WAIT_1:
	case TCP_CLOSING: case TCP_LAST_ACK:
		break;
	default:
		if (t->ack_now && t->state != TCP_CLOSED && t->state != TCP_LISTEN && t->state != TCP_FREE)
			tcp_send_ack(t);
		return;
	}
	for (;;) {
		unsigned sent = in_flight(t);
		unsigned pending = t->snd_len - sent;
		/* Limited transmit (RFC 3042): the first two duplicate ACKs
		   each let one new segment out, so that a small window still
		   brings the third. */
		uint32_t cw = t->cwnd;
		if (!t->in_recovery && t->dupacks > 0 && t->dupacks < 3)
			cw += t->dupacks * t->mss;
		uint32_t wnd = t->snd_wnd < cw ? t->snd_wnd : cw;
		unsigned usable = wnd > sent ? wnd - sent : 0;
		unsigned len = pending < t->mss ? pending : t->mss;
		if (len > usable) {
			/* Sender SWS avoidance (RFC 1122 4.2.3.4, simplified):
			   a segment shorter than the MSS only when it is all
			   there is or nothing is in flight (then the window's
			   worth goes); else wait for the window to open. */
			len = usable;
			if (len < t->mss && len < pending && sent > 0)
				len = 0;
		}
		/* The FIN goes with (or after) the last byte queued, once. */
		int fin = t->fin_queued && t->snd_nxt + len == t->snd_una + t->snd_len;
		if (len == 0 && !fin)
			break;
		uint32_t seq = t->snd_nxt;
		if (tcp_send_seg(t, seq, t->snd_off + sent, len, (fin ? TH_FIN : 0) | (len && len == pending ? TH_PSH : 0)) == -ENOBUFS)
			break;
		/* Time one segment at a time, never a retransmitted one (Karn). */
		if (!t->rtt_timing && len && SEQ_GEQ(seq, t->snd_max)) {
			t->rtt_timing = 1;
			t->rtt_seq = seq;
			t->rtt_start = now;
		}
		if (fin) {
			t->fin_sent = 1;
			t->fin_seq = seq + len;
		}
		t->snd_nxt = seq + len + (fin ? 1 : 0);
		if (SEQ_GT(t->snd_nxt, t->snd_max))
			t->snd_max = t->snd_nxt;
		if (!t->rexmt_at || t->persist) {
			t->persist = 0;
			tcp_arm_rexmt(t, now);
		}
		if (fin)
			break;
	}
	/* Data waiting behind a zero window: the persist timer probes it
	   (RFC 1122 4.2.2.17). */
	if (t->snd_wnd == 0 && t->snd_nxt == t->snd_una && t->snd_len > 0 && !t->rexmt_at) {
		t->persist = 1;
		tcp_arm_rexmt(t, now);
	}
	if (t->ack_now)
		tcp_send_ack(t);
}

void tcp_reset_reply(uint32_t src, uint32_t dst, const uint8_t *th, unsigned seglen)
{
	unsigned flags = th[13];
	if (flags & TH_RST)
		return;			/* never a reset for a reset */
	struct txbuf *b = txbuf_get();
	if (!b)
		return;
	uint8_t *out = IP_PAYLOAD(b);
	uint32_t seq = 0, ack = 0;
	unsigned oflags = TH_RST;
	/* RFC 793 3.4 "Reset Generation": with an ACK, the reset's sequence
	   number is that ACK's; without, it acknowledges the segment. */
	if (flags & TH_ACK) {
		seq = get32be(th + 8);
	} else {
		ack = get32be(th + 4) + seglen;
		oflags |= TH_ACK;
	}
	tcp_header(out, dst, src, get16(th + 2), get16(th), seq, ack, oflags, 0, TCP_HLEN, TCP_HLEN);
	net_stat.tcp_resets_sent++;
	net_stat.tcp_out++;
	ip_output(src, IPPROTO_TCP_, b, TCP_HLEN);
}
