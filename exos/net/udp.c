/*
 * udp.c - UDP (RFC 768): datagrams to bound sockets (each with its own
 * DPF filter), a queue of received datagrams per socket, the checksum
 * checked when the sender gave one and always sent (RFC 1122 4.1.3.4),
 * sending (fragmented through ip_send when larger than a frame) and the
 * zero-copy calls. A received datagram stays in its ring slot until the
 * application takes it (while few slots are held; else it is copied).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "netint.h"

#define UDP_QUEUE	32		/* datagrams waiting per socket */
#define UDP_MAX		65507		/* 65535 - 20 - 8 */

/* A datagram received (kind RX: in its ring slot, or copied to the
   heap) or a send buffer handed out (kind TX). Application-visible as
   its net_buf. A pool in .bss: no allocation per datagram. */
enum { BUF_FREE, BUF_RX, BUF_TX };
struct ubuf {
	struct net_buf nb;
	uint8_t kind;
	uint8_t in_ring;		/* RX in the ring: its slot, and the slot's number */
	uint8_t handed;			/* RX: given to the application (zero copy) */
	void *slot;
	unsigned index;
	uint8_t *copy;			/* RX copied: the heap copy */
	struct txbuf *tb;		/* TX */
	struct ubuf *next;		/* the socket's queue */
};	/* (small: 48 of them are in every network program's .bss, and a
	   program maps 64 pages at most) */
#define UBUFS	48
static struct ubuf ubufs[UBUFS];

struct udp_pcb {
	unsigned port;			/* 0: not bound */
	int filter;
	uint32_t rip;			/* connected peer; 0 none */
	unsigned rport;
	struct ubuf *head, *tail;
	unsigned queued;
	struct sock *sock;
	struct udp_tmpl tmpl;		/* the last destination's headers (udp_tmpl.c) */
};
static struct udp_pcb *pcbs[NET_MAX_SOCKETS];	/* for demux by port */
/* Set by udp_ashc.c when a program uses the ASH: so that programs that
   do not are not linked with it (its reply buffers are .bss). */
void (*udp_ash_close_hook)(struct sock *s);

/* The ring needs a slot a queued datagram holds (netif's evict): the
   data moves to the heap. Not one the application has in hand. */
/* Give u's ring slot back (netif_release wants its slot and number). */
static void release_slot(struct ubuf *u)
{
	struct rxframe f;
	f.slot = u->slot;
	f.index = u->index;
	netif_release(&f);
}

static int ubuf_evict(void *arg)
{
	struct ubuf *u = arg;
	if (u->kind != BUF_RX || !u->in_ring || u->handed)
		return 0;
	uint8_t *c = malloc(u->nb.len ? u->nb.len : 1);
	if (!c)
		return 0;
	memcpy(c, u->nb.data, u->nb.len);
	u->copy = c;
	u->nb.data = c;
	u->in_ring = 0;
	release_slot(u);
	return 1;
}

static struct ubuf *ubuf_get(uint8_t kind)
{
	for (int i = 0; i < UBUFS; i++)
		if (ubufs[i].kind == BUF_FREE) {
			/* Each field set, not a memset of the whole (60 cycles
			   of every datagram received: issue 21). */
			struct ubuf *u = &ubufs[i];
			u->nb.data = NULL;
			u->nb.len = 0;
			u->nb.ip = 0;
			u->nb.port = 0;
			u->nb.priv = u;
			u->kind = kind;
			u->in_ring = 0;
			u->copy = NULL;
			u->tb = NULL;
			u->next = NULL;
			u->handed = 0;
			return u;
		}
	return NULL;
}

static void ubuf_free(struct ubuf *u)
{
	if (u->kind == BUF_RX) {
		if (u->in_ring)
			release_slot(u);
		free(u->copy);
	} else if (u->kind == BUF_TX) {
		txbuf_put(u->tb);
	}
	u->kind = BUF_FREE;
}

int udp_owns_buf(const struct net_buf *b)
{
	const struct ubuf *u = b->priv;
	return u >= ubufs && u < ubufs + UBUFS && &u->nb == b;
}

void udp_buf_release(struct net_buf *b)
{
	if (b && b->priv)
		ubuf_free(b->priv);
}

static struct udp_pcb *pcb_of(struct sock *s)
{
	return s->pcb;
}

int udp_uses_port(unsigned port)
{
	for (int i = 0; i < NET_MAX_SOCKETS; i++)
		if (pcbs[i] && pcbs[i]->port == port)
			return 1;
	return 0;
}

int udp_open(struct sock *s)
{
	int k;
	for (k = 0; k < NET_MAX_SOCKETS && pcbs[k]; k++)
		;
	if (k == NET_MAX_SOCKETS)
		return -EMFILE;
	struct udp_pcb *p = calloc(1, sizeof *p);
	if (!p)
		return -ENOMEM;
	p->filter = -1;
	p->sock = s;
	pcbs[k] = p;
	s->pcb = p;
	return 0;
}

int udp_bind(struct sock *s, unsigned port)
{
	struct udp_pcb *p = pcb_of(s);
	if (p->port)
		return -EINVAL;
	if (!port)
		port = net_ephemeral_port(NET_UDP);
	if (!port || port > 65535)
		return -EINVAL;
	if (net_port_in_use(NET_UDP, port))
		return -EADDRINUSE;
	int id = netif_filter_port(IPPROTO_UDP_, port, 0, 0);
	if (id < 0)
		return id;
	p->filter = id;
	p->port = port;
	return 0;
}

int udp_connect(struct sock *s, uint32_t ip, unsigned port)
{
	struct udp_pcb *p = pcb_of(s);
	if (!ip || !port || port > 65535)
		return -EINVAL;
	if (!p->port) {
		int r = udp_bind(s, 0);
		if (r)
			return r;
	}
	p->rip = ip;
	p->rport = port;
	return 0;
}

/* The checksum of a datagram: pseudo-header, UDP header, data. */
static uint16_t udp_sum(uint32_t src, uint32_t dst, const uint8_t *uh, const void *data,
			unsigned dlen)
{
	uint32_t sum = cksum_pseudo(src, dst, IPPROTO_UDP_, UDP_HLEN + dlen);
	sum = cksum_add(sum, uh, UDP_HLEN);
	sum = cksum_add(sum, data, dlen);
	uint16_t c = cksum_fold(sum);
	return c ? c : 0xffff;		/* RFC 768: 0 means "none sent" */
}

static void udp_header(uint8_t *uh, unsigned sport, unsigned dport, unsigned dlen)
{
	put16(uh, sport);
	put16(uh + 2, dport);
	put16(uh + 4, UDP_HLEN + dlen);
	put16(uh + 6, 0);
}

int udp_sendto(struct sock *s, const void *buf, unsigned len, uint32_t ip, unsigned port)
{
	struct udp_pcb *p = pcb_of(s);
	if (!ip) {
		ip = p->rip;
		port = p->rport;
		if (!ip)
			return -EDESTADDRREQ;
	}
	if (!port || port > 65535)
		return -EINVAL;
	if (len > UDP_MAX)
		return -EMSGSIZE;
	if (!p->port) {
		int r = udp_bind(s, 0);
		if (r)
			return r;
	}
	int r = udp_tmpl_send(&p->tmpl, p->port, buf, len, ip, port);
	if (r != UDP_TMPL_NO) {
		if (r >= 0)
			net_stat.udp_out++;
		return r;
	}
	if (len <= ETH_MTU - IP_HLEN - UDP_HLEN) {
		struct txbuf *b = txbuf_get();
		if (!b)
			return -ENOBUFS;
		uint8_t *uh = IP_PAYLOAD(b);
		udp_header(uh, p->port, port, len);
		memcpy(uh + UDP_HLEN, buf, len);
		put16(uh + 6, udp_sum(net_conf.ip, ip, uh, uh + UDP_HLEN, len));
		r = ip_output(ip, IPPROTO_UDP_, b, UDP_HLEN + len);
	} else {
		uint8_t uh[UDP_HLEN];
		udp_header(uh, p->port, port, len);
		put16(uh + 6, udp_sum(net_conf.ip, ip, uh, buf, len));
		r = ip_send(ip, IPPROTO_UDP_, uh, UDP_HLEN, buf, len);
	}
	if (r < 0)
		return r;
	net_stat.udp_out++;
	return (int)len;
}

void udp_input(const struct ip_in *ip, const uint8_t *data, unsigned len)
{
	if (len < UDP_HLEN) {
		net_stat.rx_bad++;
		return;
	}
	unsigned ulen = get16(data + 4);
	if (ulen < UDP_HLEN || ulen > len) {
		net_stat.rx_bad++;
		return;
	}
	/* RFC 768: a zero checksum means the sender computed none. */
	if (get16(data + 6) && cksum_fold(cksum_add(cksum_pseudo(ip->src, ip->dst, IPPROTO_UDP_, ulen),
						    data, ulen)) != 0) {
		net_stat.rx_bad++;
		return;
	}
	unsigned dport = get16(data + 2);
	struct udp_pcb *p = NULL;
	for (int i = 0; i < NET_MAX_SOCKETS && !p; i++)
		if (pcbs[i] && pcbs[i]->port == dport)
			p = pcbs[i];
	/* Nobody here: the host's catch-all brought it. An unfragmented
	   datagram would have reached another process's socket through its
	   filter, so nobody on the machine has the port: say so. */
	if (!p) {
		net_stat.rx_bad++;
		if (net_is_host && ip->f)
			icmp_port_unreachable(ip, data, len);
		return;
	}
	if (p->queued >= UDP_QUEUE)
		return;
	struct ubuf *u = ubuf_get(BUF_RX);
	if (!u)
		return;
	unsigned dlen = ulen - UDP_HLEN;
	if (ip->f && ip->f->slot && !ip->f->held && netif_held() < NETIF_RX_SLOTS / 2) {
		ip->f->held = 1;
		ip->f->evict = ubuf_evict;
		ip->f->evict_arg = u;
		u->slot = ip->f->slot;
		u->index = ip->f->index;
		u->in_ring = 1;
		u->nb.data = (uint8_t *)data + UDP_HLEN;
	} else {
		u->copy = malloc(dlen ? dlen : 1);
		if (!u->copy) {
			u->kind = BUF_FREE;
			return;
		}
		memcpy(u->copy, data + UDP_HLEN, dlen);
		u->nb.data = u->copy;
	}
	u->nb.len = dlen;
	u->nb.ip = ip->src;
	u->nb.port = get16(data);
	u->next = NULL;
	if (p->tail)
		p->tail->next = u;
	else
		p->head = u;
	p->tail = u;
	p->queued++;
	net_stat.udp_in++;
}

static struct ubuf *dequeue(struct udp_pcb *p)
{
	struct ubuf *u = p->head;
	if (u) {
		p->head = u->next;
		if (!p->head)
			p->tail = NULL;
		p->queued--;
	}
	return u;
}

/* The reader's buffer, for the receive fast path (udp_rxfast.c). */
struct reader {
	void *buf;
	unsigned len;
	uint32_t *ip;
	unsigned *port;
};

/* Wait for a datagram until deadline (0: forever): 0 when one is
   queued; with a reader rd, the length of one the fast path gave it
   straight from the ring (the queue empty, the frame next in order and
   one it takes), else the slow path takes every frame there. */
static int wait_dgram(struct udp_pcb *p, uint32_t deadline, const struct reader *rd)
{
	if (!p->port)
		return -EINVAL;		/* nothing can come to an unbound socket */
	net_poll(0);
	/* The first wait reckons from the clock's last reading (the caller
	   has just read it for the deadline): one system call fewer per
	   datagram waited for. */
	for (int first = 1; !p->head; first = 0) {
		unsigned ms = 100;
		if (deadline) {
			int32_t left = (int32_t)(deadline - (first ? net_last_ms() : net_now_ms()));
			if (left <= 0)
				return -ETIMEDOUT;
			ms = (unsigned)left;
		}
		if (!netif_wait(ms))
			continue;
		struct rxframe f;
		if (rd && netif_peek(&f)) {
			uint32_t ip;
			unsigned port;
			int n = udp_rxfast(&f, p->port, &p->tmpl, rd->buf, rd->len, &ip, &port);
			if (n >= 0) {
				netif_take(&f);
				net_stat.udp_in++;
				if (rd->ip)
					*rd->ip = ip;
				if (rd->port)
					*rd->port = port;
				return n;
			}
		}
		net_poll(0);
	}
	return 0;
}

int udp_recvfrom(struct sock *s, void *buf, unsigned len, uint32_t *ip, unsigned *port,
		 uint32_t deadline)
{
	struct udp_pcb *p = pcb_of(s);
	struct reader rd = { buf, len, ip, port };
	int r = wait_dgram(p, deadline, &rd);
	if (r < 0)
		return r;
	if (!p->head)
		return r;		/* (the fast path's: the queue was empty) */
	struct ubuf *u = dequeue(p);
	unsigned n = u->nb.len < len ? u->nb.len : len;
	memcpy(buf, u->nb.data, n);
	if (ip)
		*ip = u->nb.ip;
	if (port)
		*port = u->nb.port;
	ubuf_free(u);
	return (int)n;
}

int udp_recv_zc(struct sock *s, struct net_buf **b, uint32_t deadline)
{
	struct udp_pcb *p = pcb_of(s);
	int r = wait_dgram(p, deadline, NULL);
	if (r)
		return r;
	struct ubuf *u = dequeue(p);
	u->handed = 1;
	*b = &u->nb;
	return (int)u->nb.len;
}

struct net_buf *udp_buf_get(struct sock *s, unsigned len)
{
	(void)s;
	if (len > ETH_MTU - IP_HLEN - UDP_HLEN)
		return NULL;
	struct ubuf *u = ubuf_get(BUF_TX);
	if (!u)
		return NULL;
	u->tb = txbuf_get();
	if (!u->tb) {
		u->kind = BUF_FREE;
		return NULL;
	}
	u->nb.data = IP_PAYLOAD(u->tb) + UDP_HLEN;
	u->nb.len = len;
	return &u->nb;
}

int udp_sendto_zc(struct sock *s, struct net_buf *b, uint32_t ip, unsigned port)
{
	struct udp_pcb *p = pcb_of(s);
	struct ubuf *u = b ? b->priv : NULL;
	if (!u || u < ubufs || u >= ubufs + UBUFS || u->kind != BUF_TX)
		return -EINVAL;
	if (!ip) {
		ip = p->rip;
		port = p->rport;
	}
	unsigned len = b->len;
	if (!ip || !port || port > 65535 || len > ETH_MTU - IP_HLEN - UDP_HLEN) {
		ubuf_free(u);
		return !ip ? -EDESTADDRREQ : -EINVAL;
	}
	if (!p->port) {
		int r = udp_bind(s, 0);
		if (r) {
			ubuf_free(u);
			return r;
		}
	}
	struct txbuf *tb = u->tb;
	u->tb = NULL;
	ubuf_free(u);
	uint8_t *uh = IP_PAYLOAD(tb);
	udp_header(uh, p->port, port, len);
	put16(uh + 6, udp_sum(net_conf.ip, ip, uh, uh + UDP_HLEN, len));
	int r = ip_output(ip, IPPROTO_UDP_, tb, UDP_HLEN + len);
	if (r < 0)
		return r;
	net_stat.udp_out++;
	return (int)len;
}

int udp_readable(struct sock *s)
{
	net_poll(0);
	return pcb_of(s)->head != NULL;
}

int udp_close(struct sock *s)
{
	struct udp_pcb *p = pcb_of(s);
	struct ubuf *u;
	while ((u = dequeue(p)))
		ubuf_free(u);
	if (udp_ash_close_hook)
		udp_ash_close_hook(s);
	if (p->filter >= 0)
		netif_unfilter(p->filter);
	for (int i = 0; i < NET_MAX_SOCKETS; i++)
		if (pcbs[i] == p)
			pcbs[i] = NULL;
	free(p);
	s->pcb = NULL;
	return 0;
}

/* For net_udp_ash (udp_ashc.c): the socket's filter, or -1. */
int udp_filter_of(struct sock *s)
{
	struct udp_pcb *p = pcb_of(s);
	return p ? p->filter : -1;
}
