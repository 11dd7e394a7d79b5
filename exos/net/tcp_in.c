/*
 * exos/net/tcp_in.c - TCP segments arriving: checks, demultiplexing, the
 * state machine of RFC 793 3.9 "SEGMENT ARRIVES" step by step (the
 * acceptability test, RST, SYN, ACK, data, FIN), with RFC 1122 4.2.2's
 * corrections, RFC 5961's stricter RST and SYN handling, and RFC 5681's
 * fast retransmit on three duplicate ACKs. Out-of-order data is kept in
 * the receive buffer at its own place (up to TCP_OOO ranges) and joined
 * when the gap fills; a segment that fits no range slot is dropped and
 * re-ACKed.
 */
#include <errno.h>
#include <string.h>
#include "tcp.h"

/* The peer's MSS option, else 536 (RFC 1122 4.2.2.6). */
static unsigned parse_mss(const uint8_t *th, unsigned hlen)
{
	unsigned i = TCP_HLEN, mss = TCP_MSS_DEFAULT;
	while (i < hlen) {
		unsigned kind = th[i];
		if (kind == 0)
			break;
		if (kind == 1) { i++; continue; }
		if (i + 1 >= hlen || th[i + 1] < 2 || i + th[i + 1] > hlen)
			break;			/* malformed: ignore the rest */
		if (kind == 2 && th[i + 1] == 4)
			mss = get16(th + i + 2);
		i += th[i + 1];
	}
	if (mss > TCP_MSS)
		mss = TCP_MSS;
	if (mss < 64)
		mss = 64;			/* nonsense values get a floor */
	return mss;
}

/* RFC 3390's initial window: min(4 MSS, max(2 MSS, 4380 bytes)). */
static uint32_t tcp_initial_window(unsigned mss)
{
	uint32_t w = 2 * mss > 4380 ? 2 * mss : 4380;
	return w < 4 * mss ? w : 4 * mss;
}

/* Copy len bytes for sequence number seq into the receive buffer, at its
   place behind the unread bytes. */
static void rcv_store(struct tcb *t, uint32_t seq, const uint8_t *data, unsigned len)
{
	unsigned at = (t->rcv_off + t->rcv_len + (seq - t->rcv_nxt)) % TCP_BUFSZ;
	unsigned first = len;
	if (at + first > TCP_BUFSZ)
		first = TCP_BUFSZ - at;
	memcpy(t->rcvbuf + at, data, first);
	memcpy(t->rcvbuf, data + first, len - first);
}

/* Record [seq, seq+len) as held out of order: merged with any range it
   touches. 0, or -1 when every range slot is taken (the data is lost). */
static int ooo_add(struct tcb *t, uint32_t seq, unsigned len)
{
	uint32_t s = seq, e = seq + len;
	unsigned i = 0;
	while (i < t->nooo) {
		if (SEQ_LEQ(t->ooo[i].start, e) && SEQ_GEQ(t->ooo[i].end, s)) {
			if (SEQ_LT(t->ooo[i].start, s)) s = t->ooo[i].start;
			if (SEQ_GT(t->ooo[i].end, e)) e = t->ooo[i].end;
			t->ooo[i] = t->ooo[--t->nooo];
			i = 0;
			continue;
		}
		i++;
	}
	if (t->nooo == TCP_OOO)
		return -1;
	t->ooo[t->nooo].start = s;
	t->ooo[t->nooo].end = e;
	t->nooo++;
	return 0;
}

/* rcv_nxt moved: take in the ranges it reached. */
static void ooo_join(struct tcb *t)
{
	unsigned i = 0;
	while (i < t->nooo) {
		if (SEQ_LEQ(t->ooo[i].start, t->rcv_nxt)) {
			if (SEQ_GT(t->ooo[i].end, t->rcv_nxt)) {
				t->rcv_len += t->ooo[i].end - t->rcv_nxt;
				t->rcv_nxt = t->ooo[i].end;
			}
			t->ooo[i] = t->ooo[--t->nooo];
			i = 0;
			continue;
		}
		i++;
	}
}

static void enter_time_wait(struct tcb *t, uint32_t now)
{
	t->state = TCP_TIME_WAIT;
	t->rexmt_at = 0;
	t->tw_at = (now + 2 * TCP_MSL) | 1;
}

/* A SYN for listener l: a child in SYN_RCVD, within the backlog. A
   listener's children waiting for accept count against its backlog; when
   it is full, the oldest embryonic one (a SYN flood's) gives way, so a
   flood takes at most backlog connections and never the established. */
static void listen_input(struct tcb *l, const struct ip_in *ip, const uint8_t *th, unsigned hlen)
{
	struct tcb *oldest = NULL;
	int n = 0;
	for (unsigned i = 0; i < tcp_nused; i++) {
		struct tcb *c = &tcp_pool[i];
		if (c->state == TCP_FREE || c->parent != l)
			continue;
		n++;
		if (c->state == TCP_SYN_RCVD && (!oldest || SEQ_LT(c->iss, oldest->iss)))
			oldest = c;
	}
	if (n >= l->backlog) {
		if (!oldest)
			return;			/* full of connections to accept */
		tcb_free(oldest);
	}
	struct tcb *c = tcb_alloc();
	if (!c)
		return;				/* the pool is full: the SYN is dropped */
	uint32_t seq = get32be(th + 4);
	c->parent = l;
	c->ack_ride = l->ack_ride;
	c->lip = ip->dst;
	c->rip = ip->src;
	c->lport = l->lport;
	c->rport = get16(th);
	c->irs = seq;
	c->rcv_nxt = seq + 1;
	c->rcv_adv = c->rcv_nxt + TCP_BUFSZ;
	c->iss = tcp_new_iss();
	c->snd_una = c->snd_nxt = c->snd_max = c->iss;
	c->snd_wnd = get16(th + 14);
	c->snd_wl1 = seq;
	c->snd_wl2 = c->iss;
	c->mss = parse_mss(th, hlen);
	c->cwnd = tcp_initial_window(c->mss);
	c->state = TCP_SYN_RCVD;
	/* No filter of its own: the listener's already brings this
	   connection's segments to this process, and tcp_lookup finds it by
	   its four-tuple. A filter a connection would cost two recompilations
	   of Aegis's DPF trie (insert, remove): about 70,000 cycles a
	   connection on the 5000/125, more than half of Cheetah's processor at
	   200 HTTP/1.0 requests a second (issue 19's profile). The connection
	   takes one if the listener goes first (tcp_close). */
	c->filter = -1;
	tcp_output(c);				/* SYN,ACK */
}

/* SYN_SENT (RFC 793 p. 66). */
static void syn_sent_input(struct tcb *t, const uint8_t *th, unsigned hlen, unsigned flags)
{
	uint32_t seq = get32be(th + 4), ack = get32be(th + 8);
	if (flags & TH_ACK) {
		if (SEQ_LEQ(ack, t->iss) || SEQ_GT(ack, t->snd_max))
			return;			/* the reset is sent by the caller */
	}
	if (flags & TH_RST) {
		if (flags & TH_ACK)
			tcp_drop(t, -ECONNREFUSED);
		return;
	}
	if (!(flags & TH_SYN))
		return;
	t->irs = seq;
	t->rcv_nxt = seq + 1;
	t->rcv_adv = t->rcv_nxt + TCP_BUFSZ;
	t->mss = parse_mss(th, hlen);
	t->cwnd = tcp_initial_window(t->mss);
	t->snd_wnd = get16(th + 14);
	t->snd_wl1 = seq;
	t->snd_wl2 = ack;
	if (flags & TH_ACK) {
		if (t->rtt_timing == 0 && t->retries == 0)
			tcp_rtt_sample(t, net_now_ms() - t->rtt_start);
		t->snd_una = ack;
		t->state = TCP_ESTABLISHED;
		t->rexmt_at = 0;
		t->retries = 0;
		tcp_send_ack(t);
	} else {
		/* Simultaneous open: SYN,ACK from SYN_RCVD. */
		t->state = TCP_SYN_RCVD;
		t->snd_nxt = t->iss;
		tcp_output(t);
	}
}

/* The ACK field, in a synchronized state (RFC 793 p. 72). 0 to go on to
   the segment's text, -1 when the segment is done with. */
static int ack_input(struct tcb *t, uint32_t seq, uint32_t ack, unsigned win, unsigned dlen, unsigned flags, uint32_t now)
{
	if (t->state == TCP_SYN_RCVD) {
		if (SEQ_LEQ(ack, t->snd_una) || SEQ_GT(ack, t->snd_max))
			return 1;		/* the caller resets */
		t->state = TCP_ESTABLISHED;
		t->snd_wnd = win;
		t->snd_wl1 = seq;
		t->snd_wl2 = ack;
		if (t->retries == 0)
			tcp_rtt_sample(t, now - t->rtt_start);
		t->snd_una = t->iss + 1;	/* the SYN; the general case takes the rest */
		t->rexmt_at = 0;
		t->retries = 0;
	}
	if (SEQ_GT(ack, t->snd_max)) {
		t->ack_now = 1;			/* acknowledges what we never sent */
		return -1;
	}
	if (SEQ_GT(ack, t->snd_una)) {
		unsigned acked = ack - t->snd_una;
		unsigned data = acked > t->snd_len ? t->snd_len : acked;
		t->snd_off = (t->snd_off + data) % TCP_BUFSZ;
		t->snd_len -= data;
		t->snd_una = ack;
		if (t->src && t->snd_len == 0)
			tcp_src_end(t, 0);	/* the source's bytes all acknowledged */
		if (SEQ_LT(t->snd_nxt, t->snd_una))
			t->snd_nxt = t->snd_una;
		if (t->rtt_timing && SEQ_GT(ack, t->rtt_seq)) {
			t->rtt_timing = 0;
			tcp_rtt_sample(t, now - t->rtt_start);
		}
		t->retries = 0;
		t->persist = 0;
		t->rexmt_at = 0;
		if (t->snd_una != t->snd_max)
			tcp_arm_rexmt(t, now);
		/* RFC 5681 (with RFC 6582's partial ACKs in recovery). */
		if (t->in_recovery) {
			if (SEQ_GEQ(ack, t->recover)) {
				t->in_recovery = 0;
				t->cwnd = t->ssthresh;
			} else {
				unsigned len = t->snd_len < t->mss ? t->snd_len : t->mss;
				if (len) {
					tcp_send_seg(t, t->snd_una, t->snd_off, len, 0);
					net_stat.tcp_retransmits++;
				}
				t->cwnd = t->cwnd > data ? t->cwnd - data + t->mss : t->mss;
			}
		} else if (t->cwnd < t->ssthresh) {
			t->cwnd += data < t->mss ? data : t->mss;
		} else if (data) {
			t->cwnd += t->mss * t->mss / t->cwnd ? t->mss * t->mss / t->cwnd : 1;
		}
		if (t->cwnd > 4 * TCP_BUFSZ)
			t->cwnd = 4 * TCP_BUFSZ;
		t->dupacks = 0;
	} else if (ack == t->snd_una && dlen == 0 && !(flags & (TH_SYN | TH_FIN)) &&
		   win == t->snd_wnd && win != 0 && t->snd_nxt != t->snd_una && t->snd_len > 0) {
		/* A duplicate ACK: three say a segment was lost. */
		if (++t->dupacks == 3 && !t->in_recovery) {
			unsigned flight = t->snd_nxt - t->snd_una;
			t->ssthresh = flight / 2 > 2 * t->mss ? flight / 2 : 2 * t->mss;
			t->recover = t->snd_max;
			t->in_recovery = 1;
			unsigned len = t->snd_len < t->mss ? t->snd_len : t->mss;
			tcp_send_seg(t, t->snd_una, t->snd_off, len, 0);
			net_stat.tcp_retransmits++;
			t->rtt_timing = 0;
			t->cwnd = t->ssthresh + 3 * t->mss;
		} else if (t->dupacks > 3 && t->in_recovery) {
			t->cwnd += t->mss;
		}
	}
	/* The send window (RFC 793 p. 72: from the newest segment only). */
	if (SEQ_LT(t->snd_wl1, seq) || (t->snd_wl1 == seq && SEQ_LEQ(t->snd_wl2, ack))) {
		t->snd_wnd = win;
		t->snd_wl1 = seq;
		t->snd_wl2 = ack;
	}
	/* Our FIN acknowledged: the closing states move on. */
	if (t->fin_sent && SEQ_GT(t->snd_una, t->fin_seq)) {
		switch (t->state) {
		case TCP_FIN_WAIT_1:
			t->state = TCP_FIN_WAIT_2;
			t->rexmt_at = 0;
			/* Closed by its application: not forever. */
			t->tw_at = (now + TCP_FIN_WAIT_2_MS) | 1;
			break;
		case TCP_CLOSING:
			enter_time_wait(t, now);
			return -1;
		case TCP_LAST_ACK:
			tcp_drop(t, 0);
			return -1;
		default:
			break;
		}
	}
	return 0;
}

/* The segment's text and FIN (RFC 793 p. 74-75), trimmed to the window. */
static void text_input(struct tcb *t, uint32_t seq, const uint8_t *data, unsigned dlen, unsigned flags, uint32_t now)
{
	if (dlen && (t->state == TCP_ESTABLISHED || t->state == TCP_FIN_WAIT_1 || t->state == TCP_FIN_WAIT_2)) {
		if (!t->has_sock && !t->parent) {
			/* Closed by its application: nobody will read it (a
			   child waiting for accept keeps what comes). */
			if (seq == t->rcv_nxt)
				t->rcv_nxt += dlen;
			t->ack_now = 1;
		} else if (tcb_rcvbuf(t) < 0) {
			/* No memory for its receive buffer yet: dropped,
			   unacknowledged; the peer sends it again. */
		} else if (seq == t->rcv_nxt) {
			rcv_store(t, seq, data, dlen);
			t->rcv_len += dlen;
			t->rcv_nxt += dlen;
			if (t->nooo) {
				ooo_join(t);
				t->ack_now = 1;		/* the gap filled: say so at once */
			}
			/* RFC 1122 4.2.3.2: an ACK for at least every second
			   full segment, the others delayed. */
			/* NET_TCP_ACK_RIDE: a pushed request waits for the
			   answer to carry its ACK (the timer's bound). */
			if (++t->segs_unacked >= 2 || ((flags & TH_PSH) && !t->ack_ride))
				t->ack_now = 1;
			else if (!t->ack_delayed) {
				t->ack_delayed = 1;
				t->delack_at = (now + TCP_DELACK) | 1;
			}
		} else {
			/* Out of order: kept in place; a duplicate ACK at
			   once tells the sender what is missing. */
			if (ooo_add(t, seq, dlen) == 0)
				rcv_store(t, seq, data, dlen);
			t->ack_now = 1;
		}
	}
	if (!(flags & TH_FIN) || seq + dlen != t->rcv_nxt)
		return;				/* no FIN, or one ahead of a gap: it comes again */
	if (t->state == TCP_SYN_RCVD || t->state == TCP_CLOSED || t->state == TCP_LISTEN)
		return;
	if (!t->fin_rcvd) {
		t->fin_rcvd = 1;
		t->rcv_nxt++;
	}
	t->ack_now = 1;
	switch (t->state) {
	case TCP_ESTABLISHED:
		t->state = TCP_CLOSE_WAIT;
		break;
	case TCP_FIN_WAIT_1:
		/* Our FIN not yet acknowledged (ack_input would have moved us). */
		t->state = TCP_CLOSING;
		break;
	case TCP_FIN_WAIT_2:
	case TCP_TIME_WAIT:
		enter_time_wait(t, now);
		break;
	default:
		break;
	}
}

static void segment_input(const struct ip_in *ip, const uint8_t *th, unsigned len);

void tcp_input(const struct ip_in *ip, const uint8_t *th, unsigned len)
{
	segment_input(ip, th, len);
	tcp_clock_read = 0;	/* (set by segment_input once it read the clock) */
}

static void segment_input(const struct ip_in *ip, const uint8_t *th, unsigned len)
{
	net_stat.tcp_in++;
	if (len < TCP_HLEN || ip->dst != net_conf.ip) {
		net_stat.rx_bad++;		/* short, or broadcast (RFC 1122 4.2.3.10) */
		return;
	}
	unsigned hlen = (unsigned)(th[12] >> 4) * 4;
	if (hlen < TCP_HLEN || hlen > len ||
	    cksum_fold(cksum_add(cksum_pseudo(ip->src, ip->dst, IPPROTO_TCP_, len), th, len)) != 0) {
		net_stat.rx_bad++;
		return;
	}
	unsigned sport = get16(th), dport = get16(th + 2), flags = th[13], win = get16(th + 14);
	uint32_t seq = get32be(th + 4), ack = get32be(th + 8);
	const uint8_t *data = th + hlen;
	unsigned dlen = len - hlen;
	unsigned seglen = dlen + !!(flags & TH_SYN) + !!(flags & TH_FIN);
	uint32_t now = net_now_ms();
	tcp_clock_read = 1;

	struct tcb *t = tcb_lookup(ip->dst, dport, ip->src, sport);
	if (!t) {
		/* No connection (RFC 793 3.4): a reset, from the host for
		   everyone's unused ports, from us for our own. */
		if (net_is_host || tcp_uses_port(dport))
			tcp_reset_reply(ip->src, ip->dst, th, seglen);
		return;
	}
	if (t->state == TCP_LISTEN) {
		if (flags & TH_RST)
			return;
		if (flags & TH_ACK) {
			tcp_reset_reply(ip->src, ip->dst, th, seglen);
			return;
		}
		if (flags & TH_SYN)
			listen_input(t, ip, th, hlen);
		return;
	}
	if (t->state == TCP_SYN_SENT) {
		if ((flags & TH_ACK) && (SEQ_LEQ(ack, t->iss) || SEQ_GT(ack, t->snd_max))) {
			tcp_reset_reply(ip->src, ip->dst, th, seglen);
			return;
		}
		syn_sent_input(t, th, hlen, flags);
		return;
	}

	/* 1. The acceptability test (RFC 793 p. 69), against the room we
	   really have (not the SWS-rounded window). */
	unsigned rwnd = TCP_BUFSZ - t->rcv_len;
	int ok;
	if (seglen == 0)
		ok = rwnd == 0 ? seq == t->rcv_nxt
			       : SEQ_GEQ(seq, t->rcv_nxt) && SEQ_LT(seq, t->rcv_nxt + rwnd);
	else
		ok = rwnd != 0 &&
		     ((SEQ_GEQ(seq, t->rcv_nxt) && SEQ_LT(seq, t->rcv_nxt + rwnd)) ||
		      (SEQ_GEQ(seq + seglen - 1, t->rcv_nxt) && SEQ_LT(seq + seglen - 1, t->rcv_nxt + rwnd)));
	/* A zero window still takes ACKs (RFC 793 p. 69's note) and our
	   probe's answer: treat the segment as its header only. */
	if (!ok && rwnd == 0 && seq == t->rcv_nxt) {
		ok = 1;
		dlen = 0;
		flags &= ~(unsigned)TH_FIN;
		t->ack_now = 1;			/* a probe: tell it the window */
	}
	if (!ok) {
		if (!(flags & TH_RST)) {
			t->ack_now = 1;
			if (t->state == TCP_TIME_WAIT && (flags & TH_FIN))
				enter_time_wait(t, now);	/* the peer lost our last ACK */
			tcp_output(t);
		}
		return;
	}
	/* Trim to the window: what we already have off the front (a
	   retransmitted SYN's sequence number too), what does not fit off
	   the end (and the FIN with it). */
	if (SEQ_LT(seq, t->rcv_nxt)) {
		unsigned d = t->rcv_nxt - seq;
		if (flags & TH_SYN) {
			flags &= ~(unsigned)TH_SYN;
			seq++;
			d--;
		}
		if (d > dlen) d = dlen;
		data += d;
		dlen -= d;
		seq += d;
		t->ack_now = 1;			/* a duplicate: the ACK was lost */
	}
	if (dlen > rwnd - (seq - t->rcv_nxt)) {
		dlen = rwnd - (seq - t->rcv_nxt);
		flags &= ~(unsigned)TH_FIN;
	}

	/* 2. RST: only the exact next sequence number resets; another in the
	   window gets a challenge ACK (RFC 5961 3.2). */
	if (flags & TH_RST) {
		if (seq != t->rcv_nxt) {
			tcp_send_ack(t);
			return;
		}
		if (t->state == TCP_SYN_RCVD && t->parent)
			tcb_free(t);		/* back to LISTEN: just the child goes */
		else
			tcp_drop(t, t->state == TCP_SYN_RCVD ? -ECONNREFUSED :
				    t->state >= TCP_CLOSING ? 0 : -ECONNRESET);
		return;
	}
	/* 3. A SYN in the window: a challenge ACK (RFC 5961 4.2), not the
	   reset RFC 793 asked for. */
	if (flags & TH_SYN) {
		tcp_send_ack(t);
		return;
	}
	/* 4. No ACK: dropped. */
	if (!(flags & TH_ACK))
		return;
	int r = ack_input(t, seq, ack, win, dlen, flags, now);
	if (r > 0) {
		tcp_reset_reply(ip->src, ip->dst, th, seglen);
		return;
	}
	if (r < 0 || t->state == TCP_FREE || t->state == TCP_CLOSED) {
		if (t->state != TCP_FREE && t->state != TCP_CLOSED && t->ack_now)
			tcp_send_ack(t);
		return;
	}
	text_input(t, seq, data, dlen, flags, now);
	tcp_output(t);
}
