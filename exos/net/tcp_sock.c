/*
 * exos/net/tcp_sock.c - TCP under the socket calls (socket.c checks the
 * arguments and turns timeouts into deadlines): the connection pool,
 * bind, listen, accept, connect, send, recv, close, the zero-copy forms,
 * and net_tcp_drain (finish closed connections before a program exits).
 * Blocking calls run the stack (net_poll) until their condition holds or
 * the deadline passes.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "exos.h"
#include "tcp.h"

struct tcb *tcp_pool;
unsigned tcp_nused;

/* A free entry; but when TCP_TW_MAX connections are in TIME_WAIT (or no
   entry is free), the one closest to its end is ended early for it (as
   Linux does past tcp_max_tw_buckets): a server closing first would
   otherwise pile up a TIME_WAIT connection per request for 2 MSL = 2 s,
   each holding one of the process's 16 DPF filters, and under issue 19's
   HTTP/1.0 load (webload, 8 clients) fell from 93 to 9 requests a second
   with the pool of 256. */
static struct tcb *tcb_take(void)
{
	struct tcb *tw = NULL, *free_t = NULL;
	unsigned ntw = 0;
	if (!tcp_pool && !(tcp_pool = calloc(TCP_NCONN, sizeof *tcp_pool)))
		return NULL;
	for (unsigned i = 0; i < tcp_nused; i++) {
		struct tcb *t = &tcp_pool[i];
		if (t->state == TCP_FREE && !free_t)
			free_t = t;
		if (t->state == TCP_TIME_WAIT) {
			ntw++;
			if (!tw || TIME_DUE(tw->tw_at, t->tw_at))
				tw = t;
		}
	}
	if (tw && ntw >= TCP_TW_MAX) {
		tcb_free(tw);
		return tw;
	}
	if (free_t)
		return free_t;
	if (tcp_nused < TCP_NCONN)
		return &tcp_pool[tcp_nused++];
	if (tw)
		tcb_free(tw);
	return tw;
}

/* Aegis lets a process hold DPF_MAX_PER_ENV (16) filters, ExOS's own
   take several, and a connection in TIME_WAIT keeps its four-tuple's:
   a client that closes first (an HTTP/1.0 load generator) would run out
   of filters after about a dozen connections, well before the pool of
   entries, and its next connect fail at once with no SYN sent (seen by
   issue 19's web benchmark). So an active open that finds no room ends
   the oldest TIME_WAIT connection holding a filter, as tcb_take does
   for entries (Linux's tcp_max_tw_buckets). 1 if one was ended. */
static int tw_end_oldest_filtered(void)
{
	struct tcb *tw = NULL;
	for (unsigned i = 0; i < tcp_nused; i++) {
		struct tcb *t = &tcp_pool[i];
		if (t->state == TCP_TIME_WAIT && t->filter >= 0 &&
		    (!tw || TIME_DUE(tw->tw_at, t->tw_at)))
			tw = t;
	}
	if (!tw)
		return 0;
	tcb_free(tw);
	return 1;
}

/* The buffers, each taken when first needed and then kept with the pool
   entry; 0 or -ENOBUFS. An idle connection costs its tcb alone (a server
   can hold hundreds); one that has only received (a client's request,
   held) takes no send buffer, and one that sends from a source
   (net_tcp_send_src: Cheetah) never does, so the heap (4 MB at most:
   pt.h's 1024 pages) holds twice the connections with a request pending. */
int tcb_rcvbuf(struct tcb *t)
{
	if (!t->rcvbuf && !(t->rcvbuf = malloc(TCP_BUFSZ)))
		return -ENOBUFS;
	return 0;
}

int tcb_sndbuf(struct tcb *t)
{
	if (!t->sndbuf && !(t->sndbuf = malloc(TCP_BUFSZ)))
		return -ENOBUFS;
	return 0;
}

struct tcb *tcb_alloc(void)
{
	struct tcb *t = tcb_take();
	if (!t)
		return NULL;
	/* Everything but the buffers. */
	memset(t, 0, offsetof(struct tcb, sndbuf));
	t->state = TCP_CLOSED;
	t->filter = -1;
	t->rto = TCP_RTO_INIT;
	t->mss = TCP_MSS_DEFAULT;
	t->cwnd = 2 * TCP_MSS_DEFAULT;
	t->ssthresh = 65535;
	t->snd_wnd = TCP_MSS_DEFAULT;
	t->lip = net_conf.ip;
	return t;
}

void tcb_free(struct tcb *t)
{
	tcp_src_end(t, -ECONNABORTED);
	if (t->filter >= 0)
		netif_unfilter(t->filter);
	t->filter = -1;
	t->state = TCP_FREE;
}

void tcp_drop(struct tcb *t, int err)
{
	if (t->filter >= 0)
		netif_unfilter(t->filter);
	t->filter = -1;
	t->err = err;
	tcp_src_end(t, err ? err : -ECONNRESET);
	t->rexmt_at = 0;
	t->ack_now = t->ack_delayed = 0;
	t->state = TCP_CLOSED;
	if (!t->has_sock)
		t->state = TCP_FREE;
}

struct tcb *tcb_lookup(uint32_t lip, unsigned lport, uint32_t rip, unsigned rport)
{
	struct tcb *l = NULL;
	for (unsigned i = 0; i < tcp_nused; i++) {
		struct tcb *t = &tcp_pool[i];
		if (t->state == TCP_FREE || t->state == TCP_CLOSED || t->lport != lport)
			continue;
		if (t->state == TCP_LISTEN)
			l = t;
		else if (t->rport == rport && t->rip == rip && t->lip == lip)
			return t;
	}
	return l;
}

uint32_t tcp_new_iss(void)
{
	/* RFC 793 3.3: a clock ticking every 4 us (RFC 6528's hash of the
	   four-tuple left out), plus a step so two in one tick differ. */
	static uint32_t step;
	step += 64000;
	uint64_t c = exos_cycles();
	unsigned mhz = exos_mhz();
	uint32_t us = mhz ? (uint32_t)(c / mhz) : net_now_ms() * 1000u;
	return us / 4 + step;
}

int tcp_uses_port(unsigned port)
{
	for (unsigned i = 0; i < tcp_nused; i++)
		if (tcp_pool[i].state != TCP_FREE && tcp_pool[i].lport == port)
			return 1;
	return 0;
}

/* Wait a little for the stack: -ETIMEDOUT once deadline (0: never) has
   passed. */
static int wait_step(uint32_t deadline)
{
	uint32_t now = net_now_ms();
	unsigned ms = 20;
	if (deadline) {
		if (TIME_DUE(now, deadline))
			return -ETIMEDOUT;
		if (deadline - now < ms)
			ms = deadline - now;
	}
	net_poll(ms);
	return 0;
}

static struct tcb *tcb_of(struct sock *s)
{
	return s ? (struct tcb *)s->pcb : NULL;
}

int tcp_open(struct sock *s)
{
	struct tcb *t = tcb_alloc();
	if (!t)
		return -ENOBUFS;
	t->has_sock = 1;
	s->pcb = t;
	return 0;
}

int tcp_bind(struct sock *s, unsigned port)
{
	struct tcb *t = tcb_of(s);
	if (!t || t->state != TCP_CLOSED || t->lport)
		return -EINVAL;
	if (port > 65535)
		return -EINVAL;
	if (port == 0) {
		do
			port = net_ephemeral_port(IPPROTO_TCP_);
		while (tcp_uses_port(port));
	} else if (tcp_uses_port(port)) {
		return -EADDRINUSE;
	}
	t->lport = port;
	return 0;
}

int tcp_listen(struct sock *s, int backlog)
{
	struct tcb *t = tcb_of(s);
	if (!t || t->state != TCP_CLOSED)
		return -EINVAL;
	if (!t->lport) {
		int r = tcp_bind(s, 0);
		if (r < 0)
			return r;
	}
	int f = netif_filter_port(IPPROTO_TCP_, t->lport, 0, 0);
	if (f < 0)
		return f;
	t->filter = f;
	t->backlog = backlog < 1 ? 1 : backlog > TCP_NCONN / 2 ? TCP_NCONN / 2 : backlog;
	t->state = TCP_LISTEN;
	return 0;
}

static struct tcb *ready_child(struct tcb *l)
{
	for (unsigned i = 0; i < tcp_nused; i++) {
		struct tcb *c = &tcp_pool[i];
		if (c->state != TCP_FREE && c->parent == l && !c->accepted &&
		    c->state != TCP_SYN_RCVD && c->state != TCP_CLOSED)
			return c;
	}
	return NULL;
}

int tcp_accept(struct sock *s, uint32_t *ip, unsigned *port, uint32_t deadline)
{
	struct tcb *l = tcb_of(s);
	if (!l || l->state != TCP_LISTEN)
		return -EINVAL;
	for (;;) {
		struct tcb *c = ready_child(l);
		if (c) {
			int id = sock_alloc(NET_TCP);
			if (id < 0)
				return id;
			struct sock *ns = sock_get(id);
			ns->pcb = c;
			c->has_sock = 1;
			c->accepted = 1;
			c->parent = NULL;
			if (ip) *ip = c->rip;
			if (port) *port = c->rport;
			return id;
		}
		int r = wait_step(deadline);
		if (r < 0)
			return r;
	}
}

/* The active open's first half: the SYN sent, -EINPROGRESS (or -errno,
   nothing started). deadline (0: none) bounds the handshake; tcp_connected
   says how it went. */
int tcp_connect_start(struct sock *s, uint32_t ip, unsigned port, uint32_t deadline)
{
	struct tcb *t = tcb_of(s);
	if (!t)
		return -EINVAL;
	if (t->state != TCP_CLOSED)
		return t->state == TCP_SYN_SENT ? -EALREADY : -EISCONN;
	if (port == 0 || port > 65535 || ip == 0 || ip == 0xffffffffu)
		return -EINVAL;
	if (!t->lport) {
		int r = tcp_bind(s, 0);
		if (r < 0)
			return r;
	}
	t->lip = net_conf.ip;
	t->rip = ip;
	t->rport = port;
	t->err = 0;
	/* The host (netif.c's become_host) needs no filter of its own: its
	   shared catch-all for IP to this address already brings the
	   connection's segments, and tcb_lookup finds it by its four-tuple,
	   as an accepted connection's (tcp_in.c). A filter a connection cost
	   an insertion and a removal, each recompiling Aegis's DPF trie:
	   issue 19's load machine (webload, the host of its machine) spent a
	   third of its processor there with 8 clients, and its 16 filters
	   (DPF_MAX_PER_ENV) ran out, failing connects at once (-ENOSPC) with
	   no SYN sent. Another environment's longer filter would take this
	   four-tuple's frames first, as it takes any the catch-all would. */
	t->filter = -1;
	if (!net_is_host) {
		int f = netif_filter_port(IPPROTO_TCP_, t->lport, ip, port);
		while (f == -ENOSPC && tw_end_oldest_filtered())
			f = netif_filter_port(IPPROTO_TCP_, t->lport, ip, port);
		if (f == -ENOSPC)
			f = netif_filter_port(IPPROTO_TCP_, t->lport, 0, 0);
		if (f < 0) {
			t->rip = 0;
			t->rport = 0;
			return f;
		}
		t->filter = f;
	}
	t->conn_deadline = deadline;
	t->iss = tcp_new_iss();
	t->snd_una = t->snd_nxt = t->snd_max = t->iss;
	t->state = TCP_SYN_SENT;
	tcp_output(t);
	return -EINPROGRESS;
}

/* Where an active open stands, without waiting (as getsockopt's
   SO_ERROR after a non-blocking connect(2)): 0 established (or past it),
   -EINPROGRESS, or the error that ended it, said once: the socket is
   then as before the connect and may try again. -ENOTCONN if no connect
   was started. */
int tcp_connected(struct sock *s)
{
	struct tcb *t = tcb_of(s);
	if (!t)
		return -EINVAL;
	if (t->state == TCP_SYN_SENT || (t->state == TCP_SYN_RCVD && !t->parent)) {
		if (!t->conn_deadline || !TIME_DUE(net_now_ms(), t->conn_deadline))
			return -EINPROGRESS;
		tcp_drop(t, -ETIMEDOUT);
	}
	if (t->state == TCP_CLOSED) {
		if (!t->rport)
			return -ENOTCONN;
		int err = t->err ? t->err : -ECONNRESET;
		/* The socket may try again from a clean state. */
		t->err = 0;
		t->rip = 0;
		t->rport = 0;
		t->conn_deadline = 0;
		return err;
	}
	return t->state == TCP_LISTEN ? -ENOTCONN : 0;
}

/* The blocking connect: the two halves, the stack run between. */
int tcp_connect(struct sock *s, uint32_t ip, unsigned port, uint32_t deadline)
{
	int r = tcp_connect_start(s, ip, port, deadline);
	if (r != -EINPROGRESS)
		return r;
	while ((r = tcp_connected(s)) == -EINPROGRESS)
		wait_step(deadline);	/* (past it, at once: tcp_connected ends it) */
	return r;
}

static int can_send(const struct tcb *t)
{
	if (t->state == TCP_ESTABLISHED || t->state == TCP_CLOSE_WAIT)
		return 0;
	if (t->err)
		return t->err;
	return t->state == TCP_CLOSED ? -ENOTCONN : -EPIPE;
}

int tcp_send(struct sock *s, const void *buf, unsigned len, uint32_t deadline)
{
	struct tcb *t = tcb_of(s);
	if (!t)
		return -EINVAL;
	const uint8_t *p = buf;
	unsigned done = 0;
	while (done < len) {
		int r = can_send(t);
		if (!r && t->src)
			return done ? (int)done : -EBUSY;	/* a source is being sent */
		if (r < 0 || t->fin_queued)
			return done ? (int)done : r < 0 ? r : -EPIPE;
		if (tcb_sndbuf(t) < 0)
			return done ? (int)done : -ENOBUFS;
		unsigned room = TCP_BUFSZ - t->snd_len;
		if (room) {
			unsigned n = len - done < room ? len - done : room;
			unsigned at = (t->snd_off + t->snd_len) % TCP_BUFSZ;
			unsigned first = at + n > TCP_BUFSZ ? TCP_BUFSZ - at : n;
			memcpy(t->sndbuf + at, p + done, first);
			memcpy(t->sndbuf, p + done + first, n - first);
			t->snd_len += n;
			done += n;
			tcp_output(t);
			continue;
		}
		if (wait_step(deadline) < 0)
			return done ? (int)done : -ETIMEDOUT;
	}
	return (int)done;
}

/* The application took n bytes: a window update when the window
   opened by two segments or more (RFC 1122 4.2.3.3). */
static void consumed(struct tcb *t, unsigned n)
{
	t->rcv_off = (t->rcv_off + n) % TCP_BUFSZ;
	t->rcv_len -= n;
	if (t->state == TCP_ESTABLISHED || t->state == TCP_FIN_WAIT_1 || t->state == TCP_FIN_WAIT_2) {
		uint32_t edge = t->rcv_nxt + (TCP_BUFSZ - t->rcv_len);
		if (SEQ_GEQ(edge, t->rcv_adv + 2 * TCP_MSS) ||
		    (SEQ_GT(edge, t->rcv_adv) && t->rcv_adv - t->rcv_nxt < TCP_MSS))
			tcp_send_ack(t);
	}
}

/* Wait until there is data, the end of the stream or an error: 1, 0 at
   the end, -errno. */
static int wait_data(struct tcb *t, uint32_t deadline)
{
	for (;;) {
		if (t->rcv_len)
			return 1;
		if (t->fin_rcvd)
			return 0;
		if (t->err)
			return t->err;
		if (t->state == TCP_CLOSED || t->state == TCP_LISTEN)
			return -ENOTCONN;
		int r = wait_step(deadline);
		if (r < 0)
			return r;
	}
}

int tcp_recv(struct sock *s, void *buf, unsigned len, uint32_t deadline)
{
	struct tcb *t = tcb_of(s);
	if (!t)
		return -EINVAL;
	if (t->zc_out)
		return -EBUSY;
	int r = wait_data(t, deadline);
	if (r <= 0)
		return r;
	unsigned n = len < t->rcv_len ? len : t->rcv_len;
	unsigned first = t->rcv_off + n > TCP_BUFSZ ? TCP_BUFSZ - t->rcv_off : n;
	memcpy(buf, t->rcvbuf + t->rcv_off, first);
	memcpy((uint8_t *)buf + first, t->rcvbuf, n - first);
	consumed(t, n);
	return (int)n;
}

/* Zero-copy receive: the data in place in the receive buffer (it was
   copied there once, from Aegis's ring, so that the ring's slots go back
   at once and out-of-order segments can wait), up to its wrap. */
int tcp_recv_zc(struct sock *s, struct net_buf **b, uint32_t deadline)
{
	struct tcb *t = tcb_of(s);
	if (!t || !b)
		return -EINVAL;
	*b = NULL;
	if (t->zc_out)
		return -EBUSY;
	int r = wait_data(t, deadline);
	if (r <= 0)
		return r;
	unsigned n = t->rcv_len;
	if (t->rcv_off + n > TCP_BUFSZ)
		n = TCP_BUFSZ - t->rcv_off;
	t->zc.data = t->rcvbuf + t->rcv_off;
	t->zc.len = n;
	t->zc.ip = t->rip;
	t->zc.port = t->rport;
	t->zc.priv = t;
	t->zc_out = 1;
	*b = &t->zc;
	return (int)n;
}

/* Zero-copy send buffers: a transmit buffer's payload, behind room for
   the headers. TCP keeps what it sends for retransmission in the send
   buffer, so tcp_send_zc copies it there once (no copy into a frame
   but the one every segment needs). */
#define TCP_ZCBUFS	8
static struct net_buf zc_send[TCP_ZCBUFS];

struct net_buf *tcp_buf_get(struct sock *s, unsigned len)
{
	struct tcb *t = tcb_of(s);
	if (!t || len == 0 || len > t->mss)
		return NULL;
	for (int i = 0; i < TCP_ZCBUFS; i++) {
		if (zc_send[i].priv)
			continue;
		struct txbuf *tb = txbuf_get();
		if (!tb)
			return NULL;
		zc_send[i].priv = tb;
		zc_send[i].data = IP_PAYLOAD(tb) + TCP_HLEN;
		zc_send[i].len = len;
		zc_send[i].ip = t->rip;
		zc_send[i].port = t->rport;
		return &zc_send[i];
	}
	return NULL;
}

void tcp_buf_release(struct net_buf *b)
{
	if (!b)
		return;
	if (b >= zc_send && b < zc_send + TCP_ZCBUFS) {
		if (b->priv)
			txbuf_put(b->priv);
		b->priv = NULL;
		return;
	}
	struct tcb *t = b->priv;
	if (tcp_pool && t >= tcp_pool && t < tcp_pool + TCP_NCONN && t->zc_out && b == &t->zc) {
		t->zc_out = 0;
		consumed(t, b->len <= t->rcv_len ? b->len : t->rcv_len);
	}
}

int tcp_send_zc(struct sock *s, struct net_buf *b, uint32_t deadline)
{
	if (!b || b < zc_send || b >= zc_send + TCP_ZCBUFS || !b->priv)
		return -EINVAL;
	int r = b->len > TCP_MSS ? -EINVAL : tcp_send(s, b->data, b->len, deadline);
	tcp_buf_release(b);
	return r;
}

int tcp_readable(struct sock *s)
{
	struct tcb *t = tcb_of(s);
	if (!t)
		return 0;
	if (t->state == TCP_LISTEN)
		return ready_child(t) != NULL;
	return t->rcv_len > 0 || t->fin_rcvd || t->err;
}

/* A listener about to go: the connections accepted from it have no
   filter of their own (tcp_in.c: the listener's brought their segments),
   so each takes its four-tuple's now, or its segments would stop coming.
   With no room left in Aegis (ENOSPC), such a connection hears nothing
   more and ends at its timeouts. */
static void adopt_filters(const struct tcb *l)
{
	for (unsigned i = 0; i < tcp_nused; i++) {
		struct tcb *c = &tcp_pool[i];
		if (c == l || c->filter >= 0 || c->state == TCP_FREE || c->state == TCP_LISTEN ||
		    c->state == TCP_CLOSED || c->state == TCP_SYN_SENT || c->lport != l->lport)
			continue;
		int f = netif_filter_port(IPPROTO_TCP_, c->lport, c->rip, c->rport);
		if (f >= 0)
			c->filter = f;
	}
}

int tcp_close(struct sock *s)
{
	struct tcb *t = tcb_of(s);
	if (!t)
		return -EINVAL;
	s->pcb = NULL;
	t->has_sock = 0;
	t->zc_out = 0;
	switch (t->state) {
	case TCP_LISTEN:
		/* Connections nobody accepted are reset. */
		for (unsigned i = 0; i < tcp_nused; i++) {
			struct tcb *c = &tcp_pool[i];
			if (c->state != TCP_FREE && c->parent == t) {
				tcp_send_seg(c, c->snd_nxt, 0, 0, TH_RST);
				tcb_free(c);
			}
		}
		adopt_filters(t);
		tcb_free(t);
		break;
	case TCP_SYN_RCVD:
	case TCP_ESTABLISHED:
	case TCP_CLOSE_WAIT:
		if (t->rcv_len) {
			/* Data nobody will read: a reset (RFC 1122 4.2.2.13). */
			tcp_send_seg(t, t->snd_nxt, 0, 0, TH_RST);
			tcp_drop(t, 0);
			break;
		}
		t->fin_queued = 1;
		t->state = t->state == TCP_CLOSE_WAIT ? TCP_LAST_ACK : TCP_FIN_WAIT_1;
		tcp_output(t);
		break;
	case TCP_FIN_WAIT_1: case TCP_FIN_WAIT_2: case TCP_CLOSING:
	case TCP_LAST_ACK: case TCP_TIME_WAIT:
		break;
	default:			/* CLOSED, SYN_SENT */
		tcb_free(t);
		break;
	}
	return 0;
}

int net_tcp_drain(unsigned ms)
{
	uint32_t deadline = ms ? (net_now_ms() + ms) | 1 : 0;
	for (;;) {
		int busy = 0;
		for (unsigned i = 0; i < tcp_nused; i++) {
			struct tcb *t = &tcp_pool[i];
			if (!t->has_sock && !t->parent && t->state != TCP_FREE &&
			    t->state != TCP_TIME_WAIT && t->state != TCP_FIN_WAIT_2)
				busy = 1;
		}
		if (!busy)
			return 0;
		if (wait_step(deadline) < 0)
			return -ETIMEDOUT;
	}
}
