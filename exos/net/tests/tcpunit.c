/*
 * tcpunit.c - TCP's unit test on one machine: crafted segments from a
 * made-up peer fed through eth_input, TCP's state read back (tcp.h):
 * resets for ports nobody has (RFC 793 3.4), the handshake both ways
 * with the MSS option, a SYN flood bounded by the backlog while an
 * established connection goes on, out-of-order data kept and joined,
 * out-of-window and bad-checksum segments dropped (and ACKed, RFC 793
 * p. 69), RST accepted only at the exact sequence number (RFC 5961),
 * sequence numbers wrapping past 2^32, the zero window advertised and
 * probed, retransmission with backoff, connect's timeout, the close
 * through FIN_WAIT and TIME_WAIT to nothing; the non-blocking connect
 * (net_connect_nb, net_connected): refused, established, timed out, two
 * handshakes under way at once; 200 connections held at once by one
 * listener, each accepted, data still arriving on the last.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "exos.h"
#include "net/tcp.h"
#include "tcpseg.h"

#define US	NET_IP(10, 0, 2, 15)
#define PEER	NET_IP(10, 0, 2, 99)
static const uint8_t peer_mac[6] = { 0x08, 0x00, 0x2b, 0x12, 0x34, 0x57 };

/* Both from the heap: an image maps AEGIS_MAX_GMAPS (96) pages at most. */
static uint8_t *fr;		/* the crafted frame (malloc: 8-aligned) */
static uint8_t *data;

/* A segment from PEER:sport to US:dport, fed through eth_input. mss: an
   MSS option when not 0; bad: spoil its checksum. */
static void seg(unsigned sport, unsigned dport, uint32_t seq, uint32_t ack, unsigned flags, unsigned win,
		const uint8_t *d, unsigned dlen, unsigned mss, int bad)
{
	const uint8_t opt[4] = { 2, 4, (uint8_t)(mss >> 8), (uint8_t)mss };	/* MSS (RFC 793) */
	unsigned len = tcpseg(fr, peer_mac, PEER, US, sport, dport, seq, ack, flags, win,
			      opt, mss ? 4 : 0, d, dlen);
	if (bad)
		TCPSEG_CKSUM(fr)[0] ^= 0x5a;
	struct rxframe f = { .frame = fr, .len = len };
	eth_input(&f);
}

static struct net_stats st(void)
{
	struct net_stats s;
	net_get_stats(&s);
	return s;
}

static struct tcb *conn(unsigned lport, unsigned rport)
{
	struct tcb *t = tcb_lookup(US, lport, PEER, rport);
	return t && t->state != TCP_LISTEN ? t : NULL;
}

static int tcbs_in_use(void)
{
	int n = 0;
	for (int i = 0; i < TCP_NCONN; i++)
		n += tcp_pool[i].state != TCP_FREE;
	return n;
}

static void test_reset(void)
{
	struct net_stats a = st();
	seg(40000, 4444, 1000, 0, TH_SYN, 8192, NULL, 0, 1460, 0);
	struct net_stats b = st();
	exos_check(b.tcp_resets_sent == a.tcp_resets_sent + 1, "rst: a SYN to a port nobody has is reset");
	seg(40000, 4444, 1000, 0, TH_RST, 8192, NULL, 0, 0, 0);
	a = st();
	exos_check(a.tcp_resets_sent == b.tcp_resets_sent, "rst: never one for a reset");
	seg(40000, 4444, 1000, 0, TH_SYN, 8192, NULL, 0, 1460, 1);
	b = st();
	exos_check(b.tcp_resets_sent == a.tcp_resets_sent && b.rx_bad == a.rx_bad + 1,
		   "tcp: a bad checksum dropped, counted, unanswered");
}

/* A passive open on listener port lp from PEER:rp: SYN, our SYN-ACK, the
   ACK. The connection, or NULL. */
static struct tcb *handshake(unsigned lp, unsigned rp, uint32_t irs)
{
	seg(rp, lp, irs, 0, TH_SYN, 16384, NULL, 0, 1000, 0);
	struct tcb *c = conn(lp, rp);
	if (!c || c->state != TCP_SYN_RCVD)
		return NULL;
	seg(rp, lp, irs + 1, c->iss + 1, TH_ACK, 16384, NULL, 0, 0, 0);
	return c->state == TCP_ESTABLISHED ? c : NULL;
}

static void test_listen_flood(void)
{
	int ls = net_socket(NET_TCP);
	int r = net_bind(ls, 80);
	r = r ? r : net_listen(ls, 2);
	exos_check(ls >= 0 && r == 0, "listen: port 80, backlog 2 (%d)", r);
	net_set_timeout(ls, 200);
	struct tcb *c = handshake(80, 30000, 0x1000);
	exos_check(c && c->mss == 1000, "handshake: established, the peer's MSS 1000 taken");
	uint32_t ip = 0;
	unsigned port = 0;
	int s = net_accept(ls, &ip, &port);
	exos_check(s >= 0 && ip == PEER && port == 30000, "accept: the connection, from 10.0.2.99:30000 (%d)", s);
	/* The flood: 200 SYNs from different ports, never completed. */
	int before = tcbs_in_use();
	int most = 0;
	for (unsigned i = 0; i < 200; i++) {
		seg(31000 + i, 80, i * 77777u, 0, TH_SYN, 8192, NULL, 0, 1460, 0);
		int n = tcbs_in_use();
		if (n > most)
			most = n;
	}
	exos_check(most <= before + 2, "syn flood: 200 SYNs hold at most the backlog's 2 (%d, was %d)",
		   most, before);
	/* The established connection still carries data. */
	memcpy(data, "after the flood", 15);
	seg(30000, 80, 0x1001, c->iss + 1, TH_ACK | TH_PSH, 16384, data, 15, 0, 0);
	char buf[32];
	net_set_timeout(s, 200);
	int n = net_recv(s, buf, sizeof buf);
	exos_check(n == 15 && !memcmp(buf, "after the flood", 15), "syn flood: the established connection gets its data (%d)", n);
	/* A new client still gets in: the oldest embryo gives way. */
	struct tcb *c2 = handshake(80, 32000, 0x9000);
	int s2 = c2 ? net_accept(ls, NULL, NULL) : -1;
	exos_check(s2 >= 0, "syn flood: a new client still gets in (%d)", s2);
	if (s2 >= 0) {
		seg(32000, 80, 0x9001, c2->iss + 1, TH_RST, 0, NULL, 0, 0, 0);
		net_close(s2);
	}
	/* The handshake's ACK lost: the first data completes it, and is kept
	   for the connection until accept hands it out. */
	seg(33000, 80, 0x5000, 0, TH_SYN, 16384, NULL, 0, 1460, 0);
	struct tcb *c3 = conn(80, 33000);
	int s3 = -1;
	if (c3) {
		memcpy(data, "first words", 11);
		seg(33000, 80, 0x5001, c3->iss + 1, TH_ACK | TH_PSH, 16384, data, 11, 0, 0);
		s3 = net_accept(ls, NULL, NULL);
		if (s3 >= 0)
			net_set_timeout(s3, 200);
	}
	n = s3 >= 0 ? net_recv(s3, buf, sizeof buf) : -1;
	exos_check(n == 11 && !memcmp(buf, "first words", 11),
		   "accept: data that completed the handshake is kept (%d)", n);
	if (s3 >= 0) {
		seg(33000, 80, 0x5001 + 11, c3->iss + 1, TH_RST, 0, NULL, 0, 0, 0);
		net_close(s3);
	}
	net_close(ls);
	/* The flood's embryos went with the listener. */
	int left = 0;
	for (int i = 0; i < TCP_NCONN; i++)
		left += tcp_pool[i].state == TCP_SYN_RCVD;
	exos_check(left == 0, "close: the listener's embryos gone (%d left)", left);

	/* Out of order: bytes 10..19 first, then 0..9; read in order. */
	uint32_t base = c->rcv_nxt;
	for (int i = 0; i < 20; i++)
		data[i] = (uint8_t)('a' + i);
	seg(30000, 80, base + 10, c->iss + 1, TH_ACK, 16384, data + 10, 10, 0, 0);
	int held = c->rcv_len == 0 && c->nooo == 1 && c->rcv_nxt == base;
	seg(30000, 80, base, c->iss + 1, TH_ACK, 16384, data, 10, 0, 0);
	n = net_recv(s, buf, sizeof buf);
	exos_check(held && n == 20 && !memcmp(buf, data, 20),
		   "out of order: kept, then read in order (%d)", n);
	/* Out of the window: far ahead; not stored, ACKed. */
	struct net_stats a = st();
	base = c->rcv_nxt;
	seg(30000, 80, base + 100000, c->iss + 1, TH_ACK, 16384, data, 10, 0, 0);
	struct net_stats b = st();
	exos_check(c->rcv_nxt == base && c->rcv_len == 0 && c->nooo == 0 && b.tcp_out == a.tcp_out + 1,
		   "window: a segment beyond it dropped and ACKed");
	/* An old duplicate: ACKed, nothing delivered twice. */
	seg(30000, 80, base - 10, c->iss + 1, TH_ACK, 16384, data, 10, 0, 0);
	exos_check(c->rcv_len == 0 && c->rcv_nxt == base, "window: an old duplicate delivers nothing");
	/* RST: in the window but not exact: a challenge ACK, still open. */
	a = st();
	seg(30000, 80, base + 5, 0, TH_RST, 0, NULL, 0, 0, 0);
	b = st();
	exos_check(c->state == TCP_ESTABLISHED && b.tcp_out == a.tcp_out + 1,
		   "rst: in the window, not exact: a challenge ACK");
	seg(30000, 80, base, 0, TH_RST, 0, NULL, 0, 0, 0);
	n = net_recv(s, buf, sizeof buf);
	exos_check(n == -ECONNRESET, "rst: exact: the connection reset (%d)", n);
	net_close(s);
}

/* An active open to PEER:rp answered by a SYN-ACK from irs with mss. */
static int active(unsigned rp, uint32_t irs, unsigned mss, unsigned win, struct tcb **out)
{
	int s = net_socket(NET_TCP);
	net_set_timeout(s, 3000);
	struct tcb *t = sock_get(s)->pcb;
	/* net_connect blocks: start it by hand, answer, then let it finish. */
	t->lip = US;
	int r = net_bind(s, 0);
	t->rip = PEER;
	t->rport = rp;
	t->iss = tcp_new_iss();
	t->snd_una = t->snd_nxt = t->snd_max = t->iss;
	t->state = TCP_SYN_SENT;
	tcp_output(t);
	seg(rp, t->lport, irs, t->iss + 1, TH_SYN | TH_ACK, win, NULL, 0, mss, 0);
	*out = t;
	return r == 0 && t->state == TCP_ESTABLISHED ? s : -1;
}

static void test_active(void)
{
	struct tcb *t;
	/* The peer's sequence numbers wrap past 2^32 in the first bytes. */
	int s = active(7000, 0xfffffff0u, 536, 8192, &t);
	exos_check(s >= 0 && t->mss == 536 && t->rcv_nxt == 0xfffffff1u,
		   "connect: SYN-ACK with MSS 536 taken, established");
	for (int i = 0; i < 40; i++)
		data[i] = (uint8_t)i;
	seg(7000, t->lport, 0xfffffff1u, t->snd_nxt, TH_ACK, 8192, data, 40, 0, 0);
	uint8_t buf[64];
	int n = net_recv(s, buf, sizeof buf);
	exos_check(n == 40 && !memcmp(buf, data, 40) && t->rcv_nxt == 0x19,
		   "wrap: 40 bytes across 2^32 arrive in order (rcv_nxt %08x)", (unsigned)t->rcv_nxt);
	/* Sending: MSS-sized segments, within the peer's window. */
	struct net_stats a = st();
	n = net_send(s, data, 2000);
	struct net_stats b = st();
	exos_check(n == 2000 && b.tcp_out == a.tcp_out + 4 && t->snd_nxt - t->snd_una == 2000,
		   "send: 2000 bytes leave in 4 segments of at most 536 (%u)", b.tcp_out - a.tcp_out);
	/* Nothing acknowledged: the timer retransmits, backing off. */
	unsigned rto0 = t->rto;
	uint32_t end = net_now_ms() + 3000;
	while ((int32_t)(end - net_now_ms()) > 0)
		net_poll(50);
	struct net_stats c = st();
	exos_check(c.tcp_retransmits >= b.tcp_retransmits + 2 && t->rto > rto0 && t->snd_len == 2000,
		   "rexmit: sent again %u times, RTO %u -> %u ms",
		   c.tcp_retransmits - b.tcp_retransmits, rto0, t->rto);
	/* Everything acknowledged with a zero window; more queued: the
	   persist timer probes with one byte. */
	seg(7000, t->lport, t->rcv_nxt, t->snd_una + 2000, TH_ACK, 0, NULL, 0, 0, 0);
	int acked = t->snd_len == 0 && t->snd_wnd == 0;
	net_send(s, data, 100);
	a = st();
	/* (The timeout is still backed off: up to 8 s.) */
	end = net_now_ms() + 10000;
	while ((int32_t)(end - net_now_ms()) > 0 && st().tcp_out == a.tcp_out)
		net_poll(50);
	b = st();
	exos_check(acked && t->persist && b.tcp_out > a.tcp_out && t->snd_nxt == t->snd_una + 1,
		   "zero window: acknowledged, then probed (%u probes)", b.tcp_out - a.tcp_out);
	/* The window opens: the rest goes. */
	seg(7000, t->lport, t->rcv_nxt, t->snd_una, TH_ACK, 8192, NULL, 0, 0, 0);
	exos_check(t->snd_nxt == t->snd_una + 100 && !t->persist, "zero window: reopened, the 100 bytes sent");
	seg(7000, t->lport, t->rcv_nxt, t->snd_una + 100, TH_ACK, 8192, NULL, 0, 0, 0);
	/* Our close: FIN_WAIT_1, its ACK: FIN_WAIT_2, the peer's FIN:
	   TIME_WAIT, 2 MSL later: gone. */
	net_close(s);
	int fw1 = t->state == TCP_FIN_WAIT_1;
	seg(7000, t->lport, t->rcv_nxt, t->snd_una + 1, TH_ACK, 8192, NULL, 0, 0, 0);
	int fw2 = t->state == TCP_FIN_WAIT_2;
	seg(7000, t->lport, t->rcv_nxt, t->snd_una, TH_ACK | TH_FIN, 8192, NULL, 0, 0, 0);
	int tw = t->state == TCP_TIME_WAIT;
	end = net_now_ms() + 2 * TCP_MSL + 200;
	while ((int32_t)(end - net_now_ms()) > 0)
		net_poll(50);
	exos_check(fw1 && fw2 && tw && t->state == TCP_FREE,
		   "close: FIN_WAIT_1/2, TIME_WAIT, free after 2 MSL (%d %d %d %d)", fw1, fw2, tw, t->state);

	/* The receive window: 16 KB unread closes it; data beyond is
	   dropped; reading opens it again. */
	s = active(7001, 5000, 1460, 8192, &t);
	unsigned got = 0;
	for (int i = 0; i < 12; i++) {
		seg(7001, t->lport, t->rcv_nxt, t->snd_nxt, TH_ACK, 8192, data, 1460 > 16384 - got ? 16384 - got : 1460,
		    0, 0);
		got = t->rcv_len;
	}
	unsigned w0 = tcp_rcv_window(t);
	uint32_t nxt = t->rcv_nxt;
	seg(7001, t->lport, t->rcv_nxt, t->snd_nxt, TH_ACK, 8192, data, 100, 0, 0);
	exos_check(got == TCP_BUFSZ && w0 == 0 && t->rcv_nxt == nxt, "rcv window: full at 16 KB, 0 advertised, more dropped");
	uint8_t *big = malloc(TCP_BUFSZ);
	n = big ? net_recv(s, big, TCP_BUFSZ) : -1;
	exos_check(n == TCP_BUFSZ && tcp_rcv_window(t) == TCP_BUFSZ, "receive window: read, open again (%d)", n);
	free(big);
	seg(7001, t->lport, t->rcv_nxt, t->snd_nxt, TH_RST, 0, NULL, 0, 0, 0);
	net_close(s);

	/* Zero copy: a buffer from the stack, sent; data read in place. */
	s = active(7004, 100, 1460, 8192, &t);
	struct net_buf *zb = net_buf_get(s, 100), *zbig = net_buf_get(s, 1461);
	int zs = -1;
	if (zb) {
		memset(zb->data, 'z', 100);
		zb->len = 100;
		zs = net_send_zc(s, zb);
	}
	exos_check(zs == 100 && t->snd_len == 100 && t->snd_nxt == t->snd_una + 100 && !zbig,
		   "zero copy: a 100-byte buffer sent (%d), one past the MSS refused", zs);
	seg(7004, t->lport, t->rcv_nxt, t->snd_una + 100, TH_ACK, 8192, data, 30, 0, 0);
	struct net_buf *rb = NULL;
	n = net_recv_zc(s, &rb);
	int inplace = rb && n == 30 && rb->len == 30 && !memcmp(rb->data, data, 30) && rb->ip == PEER;
	if (rb)
		net_buf_release(rb);
	exos_check(inplace && t->rcv_len == 0 && t->snd_len == 0,
		   "zero copy: 30 bytes read in place, given back (%d)", n);
	seg(7004, t->lport, t->rcv_nxt, t->snd_una, TH_RST, 0, NULL, 0, 0, 0);
	net_close(s);

	/* Data never acknowledged: after tcp_max_retries timeouts (3 here,
	   not 10: a minute of simulated time) the connection gives up, and
	   the calls say -ETIMEDOUT. */
	tcp_max_retries = 3;
	s = active(7005, 100, 1460, 8192, &t);
	net_set_timeout(s, 0);
	net_send(s, data, 500);
	n = net_recv(s, buf, sizeof buf);	/* blocks until it gives up */
	exos_check(n == -ETIMEDOUT && t->state == TCP_CLOSED && net_send(s, data, 1) == -ETIMEDOUT,
		   "rexmit: unanswered, it gives up: -ETIMEDOUT (%d)", n);
	net_close(s);
	tcp_max_retries = TCP_RETRIES;

	/* Nobody answers: connect gives up at its timeout. */
	s = net_socket(NET_TCP);
	net_set_timeout(s, 1500);
	uint32_t t0 = net_now_ms();
	int r = net_connect(s, NET_IP(10, 0, 2, 98), 9);
	uint32_t took = net_now_ms() - t0;
	exos_check(r == -ETIMEDOUT && took >= 1400 && took < 3000, "connect: no answer, -ETIMEDOUT after %u ms", took);
	net_close(s);
	/* A refused connection: RST,ACK to our SYN. */
	s = net_socket(NET_TCP);
	t = sock_get(s)->pcb;
	net_bind(s, 0);
	t->rip = PEER;
	t->rport = 7003;
	t->iss = tcp_new_iss();
	t->snd_una = t->snd_nxt = t->snd_max = t->iss;
	t->state = TCP_SYN_SENT;
	tcp_output(t);
	seg(7003, t->lport, 0, t->iss + 1, TH_RST | TH_ACK, 0, NULL, 0, 0, 0);
	exos_check(t->state == TCP_CLOSED && t->err == -ECONNREFUSED, "connect: a reset to the SYN refuses it");
	net_close(s);
	exos_check(tcbs_in_use() == 0, "pool: every connection given back (%d in use)", tcbs_in_use());
}

/* Hundreds of connections at once (the pool of TCP_NCONN, on the heap):
   200 clients complete their handshakes with one listener and are
   accepted while all the others stay open; the last still gets data. */
static void test_many(void)
{
	enum { N = 200 };
	int ls = net_socket(NET_TCP);
	int r = net_bind(ls, 8080);
	r = r ? r : net_listen(ls, 64);
	net_set_timeout(ls, 100);
	static int acc[N];
	static struct tcb *tc[N];
	int est = 0, got = 0;
	for (unsigned i = 0; i < N; i++) {
		tc[i] = handshake(8080, 20000 + i, 0x10000 * i);
		est += tc[i] != NULL;
		acc[i] = tc[i] ? net_accept(ls, NULL, NULL) : -1;
		got += acc[i] >= 0;
	}
	int open = 0;
	for (unsigned i = 0; i < N; i++)
		open += tc[i] && tc[i]->state == TCP_ESTABLISHED;
	exos_check(r == 0 && est == N && got == N && open == N,
		   "many: %d handshakes, %d accepted, %d established at once (of %d)", est, got, open, N);
	int n = -1;
	char buf[16];
	if (tc[N - 1]) {
		seg(20000 + N - 1, 8080, 0x10000 * (N - 1) + 1, tc[N - 1]->iss + 1, TH_ACK | TH_PSH, 16384,
		    (const uint8_t *)"the last", 8, 0, 0);
		net_set_timeout(acc[N - 1], 100);
		n = net_recv(acc[N - 1], buf, sizeof buf);
	}
	exos_check(n == 8 && !memcmp(buf, "the last", 8), "many: the 200th connection gets its data (%d)", n);
	for (unsigned i = 0; i < N; i++) {
		if (tc[i])
			seg(20000 + i, 8080, tc[i]->rcv_nxt, tc[i]->snd_nxt, TH_RST, 0, NULL, 0, 0, 0);
		if (acc[i] >= 0)
			net_close(acc[i]);
	}
	net_close(ls);
	exos_check(tcbs_in_use() == 0, "many: every connection given back (%d in use)", tcbs_in_use());
}

/* Non-blocking connect: each call returns at once; what the peer's
   segments do is read back with net_connected. */
static void test_nonblock(void)
{
	/* Refused: RST,ACK to our SYN (nobody listens there). */
	int s = net_socket(NET_TCP);
	uint32_t t0 = net_now_ms();
	int r = net_connect_nb(s, PEER, 7010);
	struct tcb *t = sock_get(s)->pcb;
	int st0 = net_connected(s), again = net_connect_nb(s, PEER, 7010);
	exos_check(r == -EINPROGRESS && st0 == -EINPROGRESS && again == -EALREADY && t->state == TCP_SYN_SENT &&
		   net_now_ms() - t0 < 100,
		   "connect_nb: returns at once, -EINPROGRESS, then -EALREADY (%d %d %d)", r, st0, again);
	seg(7010, t->lport, 0, t->iss + 1, TH_RST | TH_ACK, 0, NULL, 0, 0, 0);
	int e1 = net_connected(s), e2 = net_connected(s);
	exos_check(e1 == -ECONNREFUSED && e2 == -ENOTCONN,
		   "connect_nb: a reset refuses it, said once (%d, then %d)", e1, e2);
	/* The same socket again; and a second one, both under way at once:
	   the second answered first is established first. */
	r = net_connect_nb(s, PEER, 7011);
	int s2 = net_socket(NET_TCP);
	int r2 = net_connect_nb(s2, PEER, 7012);
	struct tcb *t2 = sock_get(s2)->pcb;
	seg(7012, t2->lport, 9000, t2->iss + 1, TH_SYN | TH_ACK, 8192, NULL, 0, 1460, 0);
	int a1 = net_connected(s), a2 = net_connected(s2);
	exos_check(r == -EINPROGRESS && r2 == -EINPROGRESS && a1 == -EINPROGRESS && a2 == 0 &&
		   t2->state == TCP_ESTABLISHED && net_connect_nb(s2, PEER, 7012) == -EISCONN,
		   "connect_nb: two under way, the one answered is established, the other still waits (%d %d)", a1, a2);
	seg(7011, t->lport, 7000, t->iss + 1, TH_SYN | TH_ACK, 8192, NULL, 0, 1460, 0);
	a1 = net_connected(s);
	int n = net_send(s, "hi", 2);
	exos_check(a1 == 0 && n == 2 && t->snd_nxt == t->snd_una + 2,
		   "connect_nb: then the first, and it sends (%d %d)", a1, n);
	seg(7011, t->lport, t->rcv_nxt, t->snd_una, TH_RST, 0, NULL, 0, 0, 0);
	seg(7012, t2->lport, t2->rcv_nxt, t2->snd_una, TH_RST, 0, NULL, 0, 0, 0);
	net_close(s);
	net_close(s2);
	/* Nobody answers: the socket's timeout, counted from the start. */
	s = net_socket(NET_TCP);
	net_set_timeout(s, 800);
	t0 = net_now_ms();
	r = net_connect_nb(s, NET_IP(10, 0, 2, 98), 9);
	while ((st0 = net_connected(s)) == -EINPROGRESS && net_now_ms() - t0 < 5000)
		net_poll(20);
	uint32_t took = net_now_ms() - t0;
	exos_check(r == -EINPROGRESS && st0 == -ETIMEDOUT && took >= 780 && took < 1200,
		   "connect_nb: no answer, -ETIMEDOUT after %u ms (timeout 800)", (unsigned)took);
	/* Bad arguments change nothing. */
	exos_check(net_connect_nb(s, 0, 80) == -EINVAL && net_connect_nb(s, PEER, 0) == -EINVAL &&
		   net_connect_nb(99, PEER, 80) == -EBADF && net_connected(99) == -EBADF && net_connected(s) == -ENOTCONN,
		   "connect_nb: bad arguments refused");
	net_close(s);
	exos_check(tcbs_in_use() == 0, "pool: every connection given back (%d in use)", tcbs_in_use());
}

int main(void)
{
	data = calloc(1, 2048);
	fr = calloc(1, ETH_HLEN + 1600);
	int r = net_init();
	exos_check(r == 0 && data && fr, "tcpunit: the network is up (%d)", r);
	if (r != 0 || !data || !fr)
		return exos_test_result();
	arp_learn(PEER, peer_mac);	/* our answers go straight out */
	test_reset();
	test_listen_flood();
	test_active();
	test_nonblock();
	test_many();
	return exos_test_result();
}
