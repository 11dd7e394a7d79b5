/*
 * exos/net/netint.h - what the stack's layers say to each other (not for
 * applications: they use net.h). Frames are built in place in transmit
 * buffers with room for every header in front; received frames are read
 * in place in Aegis's receive ring.
 *
 * Who does what:
 *   netif.c   the ring, the filters, sending, net_poll, the clock, the
 *             configuration (ip=, gw=)
 *   cksum.c   the Internet checksum
 *   arp.c     ARP and its cache (and the frames waiting for an answer)
 *   ip.c      IPv4 in (checks, options, reassembly) and out (routing,
 *             fragmentation)
 *   icmp.c    echo (answering, and net_ping)
 *   udp.c     UDP
 *   udp_rxfast.c  UDP's receive fast path (a waiting reader's datagram
 *             checked in one pass, its checksum in the copy)
 *   udp_ash.S the UDP reply ASH (net_udp_ash)
 *   tcp*.c    TCP
 *   socket.c  the socket table and the calls of net.h
 */
#ifndef EXOS_NETINT_H
#define EXOS_NETINT_H

#include <stdint.h>
#include <aegis/net.h>
#include "net.h"

#define ETH_HLEN	14
#define ETH_MTU		1500
#define ETHERTYPE_IP	0x0800
#define ETHERTYPE_ARP	0x0806
#define IP_HLEN		20		/* without options */
#define IPPROTO_ICMP_	1		/* (newlib has no netinet/in.h) */
#define IPPROTO_TCP_	6
#define IPPROTO_UDP_	17
#define UDP_HLEN	8
#define TCP_HLEN	20

/* Network byte order in and out of frames (big-endian on the wire;
   the R3000 here is little-endian). */
static inline unsigned get16(const uint8_t *p) { return (unsigned)p[0] << 8 | p[1]; }
static inline uint32_t get32be(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static inline void put16(uint8_t *p, unsigned v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static inline void put32be(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v;
}
/* The same for fields a header is loaded or stored by as whole words
   (udp_tmpl.c, udp_rxfast.c): a byte swap, the R3000 here being
   little-endian (each of those files refuses another order). */
static inline uint32_t swap16(uint32_t v) { return (v >> 8 & 0xff) | (v & 0xff) << 8; }
static inline uint32_t swap32(uint32_t v)
{
	return v >> 24 | (v >> 8 & 0xff00) | (v & 0xff00) << 8 | v << 24;
}

/* ---- netif.c --------------------------------------------------------- */
extern struct net_config net_conf;
extern struct net_stats net_stat;
extern int net_is_host;		/* this process holds the catch-all filters */

/* A transmit buffer: a whole frame at frame[], which starts 2 bytes past
   a word so that the IP header is word-aligned. In .bss: Aegis reads
   what it sends through the sender's own (guaranteed) mappings only. */
/* 16: Aegis maps at most 64 pages of a program's image (text, data,
   .bss; env.h's MAX_GMAPS), and each buffer is a frame's worth. */
#define NET_TXBUFS	16
struct txbuf {
	uint16_t pad;
	uint8_t frame[ETH_HLEN + ETH_MTU];
	uint16_t len;			/* of the frame, once built */
	int16_t next;			/* a list's link (arp's queue) */
	uint8_t in_use;
} __attribute__((aligned(4)));	/* so that every frame[] is 2 past a word */
struct txbuf *txbuf_get(void);		/* NULL when every one is in use */
void txbuf_put(struct txbuf *b);
/* Send b's frame (len bytes from frame[0], headers written) and keep b;
   retries while Aegis's transmit ring is full. 0 or -errno. */
int netif_send(const uint8_t *frame, unsigned len);

/* Filters: insert atoms as this process's (DPF_SHARED when shared), and
   remove. The id, or -errno (-ENOSPC when Aegis has no room). */
int netif_filter(const struct dpf_atom *a, unsigned n, int shared);
void netif_unfilter(int id);
/* The filter for IPv4 to this machine, protocol proto, destination port
   lport, and when rip is not 0 also from rip and rport (a TCP
   connection's four-tuple). Unfragmented or first fragments only. */
int netif_filter_port(unsigned proto, unsigned lport, uint32_t rip, unsigned rport);
/* (Added.) For a process that is not the host: ARP replies from spa
   (while it asks), ICMP echo replies with identifier id. Shared. */
int netif_filter_arp_reply(uint32_t spa);
int netif_filter_echo_reply(unsigned id);

/* A received frame, in place in its ring slot until released. */
struct rxframe {
	const uint8_t *frame;
	unsigned len;
	unsigned filter;
	void *slot;			/* the ring slot */
	unsigned index;			/* (Added.) its number in the ring (netif_release) */
	int held;			/* set by a layer that keeps the slot (zero copy) */
	/* (Added.) Optional, with held: when the ring comes round to a
	   slot still held, Aegis can fill nothing more (it fills in
	   order); netif then calls evict(evict_arg), which may copy the
	   data out and netif_release the slot (returning 1), or refuse (0:
	   the ring waits for the release). */
	int (*evict)(void *arg);
	void *evict_arg;
};
void netif_release(struct rxframe *f);	/* give a held slot back */
/* (Added.) Ring slots held now: a layer copies instead of holding when
   many are (so one socket's backlog cannot stall the whole ring). */
unsigned netif_held(void);
/* 32 (12 pages of .bss: see NET_TXBUFS): a host with two connections
   must hold both 16 KB windows (TCP_BUFSZ, 2 x 12 full segments) that a
   fast sender puts on the wire back to back while the application is
   busy; 16 slots held one and a half: at 100 KB each webload machine's
   ring dropped 40 to 80 frames a run and the server resent them (about
   200 retransmissions a run; none with 32: issue 19, docs/cheetah.md). */
#define NETIF_RX_SLOTS	32
/* (Added.) Microseconds since boot from SYS_clock's fine count (ticks
   where there is none): ping's and the benchmarks' round trips. */
uint64_t net_now_us(void);
/* (Added.) The value net_now_ms last returned, without reading the
   clock (a system call): for a wait that has just computed its
   deadline. */
uint32_t net_last_ms(void);
void eth_input(struct rxframe *f);	/* dispatch by Ethernet type */
/* (Added for UDP's receive fast path, udp_rxfast.c.) Wait as net_poll
   does, at most ms (0: not at all), for a frame in the ring, without
   taking it: 1 when one is there. The next frame in place (1), or 0;
   then take it (its slot given back, the ring moved on) once read. */
int netif_wait(unsigned ms);
int netif_peek(struct rxframe *f);
void netif_take(struct rxframe *f);

/* Timers: each layer's, run by net_poll about every few milliseconds. */
void arp_timer(uint32_t now_ms);
void ip_timer(uint32_t now_ms);
void tcp_timer(uint32_t now_ms);

/* ---- cksum.c --------------------------------------------------------- */
uint32_t cksum_add(uint32_t sum, const void *p, unsigned len);	/* any alignment */
uint16_t cksum_fold(uint32_t sum);	/* the one's complement of the folded sum */
uint16_t cksum_ip20(const void *h);	/* (Added.) = cksum_fold(cksum_add(0, h, 20)) */
/* (Added.) cksum_add(sum, src, len) with src copied to dst on the way
   (one pass when both are word-aligned). */
uint32_t cksum_copy(uint32_t sum, void *dst, const void *src, unsigned len);
/* The TCP/UDP pseudo-header's sum. */
uint32_t cksum_pseudo(uint32_t src, uint32_t dst, unsigned proto, unsigned len);

/* ---- arp.c ----------------------------------------------------------- */
void arp_input(struct rxframe *f);
/* Put b on the wire to ip (on this network): at once when the cache
   knows ip's station address, else after an ARP exchange (b waits,
   a few per address; dropped after 3 unanswered requests). Takes b. */
int arp_output(uint32_t ip, struct txbuf *b);
void arp_learn(uint32_t ip, const uint8_t *mac);	/* from traffic we trust */
/* (Added for udp_tmpl.c.) Moves on whenever an entry of the cache is
   changed or dropped: a header built from the cache is good while it
   has not moved. */
extern unsigned arp_generation;
/* (Added for ip_send's fragments and the unit test.) Is ip's station
   address known (into mac unless NULL)? Ask for it (no frame waiting). */
int arp_cached(uint32_t ip, uint8_t *mac);
void arp_request(uint32_t ip);

/* ---- ip.c ------------------------------------------------------------ */
/* What IP tells the protocols about a datagram it delivers. */
struct ip_in {
	uint32_t src, dst;
	unsigned proto, ttl, id;
	const uint8_t *hdr;		/* the IP header (hlen bytes, options too) */
	unsigned hlen;
	struct rxframe *f;		/* NULL when reassembled (data not in the ring) */
};
void ip_input(struct rxframe *f);
/* The protocols' inputs: data is the IP payload, len bytes. */
void icmp_input(const struct ip_in *ip, const uint8_t *data, unsigned len);
void udp_input(const struct ip_in *ip, const uint8_t *data, unsigned len);
void tcp_input(const struct ip_in *ip, const uint8_t *data, unsigned len);
/* (Added.) ICMP port unreachable for a datagram nobody here takes
   (data: its IP payload, len bytes); rate-limited. */
void icmp_port_unreachable(const struct ip_in *ip, const uint8_t *data, unsigned len);

/* Sending: the payload (len bytes) is already at b->frame + ETH_HLEN +
   IP_HLEN; ip_output writes the IP and Ethernet headers and sends (ARP
   on this network, else through the gateway), and takes b. */
#define IP_PAYLOAD(b)	((b)->frame + ETH_HLEN + IP_HLEN)
int ip_output(uint32_t dst, unsigned proto, struct txbuf *b, unsigned len);
/* (Added for udp_tmpl.c.) The next datagram's identification (what
   ip_output would give it), and dst's next hop: 0 and *hop, or
   -ENETUNREACH (not on this network and no gateway). */
unsigned ip_take_id(void);
int ip_next_hop(uint32_t dst, uint32_t *hop);

/* ---- udp_tmpl.c: UDP's send fast path ----------------------------------
 * A socket's last destination's Ethernet, IP and UDP headers, built
 * once with the sums of their fixed fields (the paper's ExOS copied "a
 * precomputed header" into the transmit buffer, Table 11); each
 * datagram then fills in the lengths, the identification and the two
 * checksums. Good while ARP's cache (arp_generation), our address and
 * the destination are what it was built with. */
struct udp_tmpl {
	uint32_t ip;			/* destination; 0: none built */
	unsigned port, sport;
	unsigned gen;			/* arp_generation then */
	uint32_t src;			/* net_conf.ip then */
	uint32_t ipsum;			/* the IP header's fixed fields' sum */
	uint32_t usum;			/* pseudo-header's addresses, proto, the ports */
	uint16_t pad;			/* so that hdr is 2 past a word, as frames are */
	uint8_t hdr[ETH_HLEN + IP_HLEN + 8];
} __attribute__((aligned(4)));
/* Send len bytes (one frame's worth) from sport to ip:port through t
   (rebuilt first if stale): len, -ENOBUFS / -errno from the send, or
   UDP_TMPL_NO when the fast path does not apply (broadcast or local
   destination, unresolved next hop, too long): then nothing was sent
   and the caller takes its usual path. */
#define UDP_TMPL_NO	(-10000)
/* The frame alone, into b (its length, or UDP_TMPL_NO): for the test. */
int udp_tmpl_frame(struct udp_tmpl *t, unsigned sport, const void *buf, unsigned len, uint32_t ip,
		   unsigned port, struct txbuf *b);
int udp_tmpl_send(struct udp_tmpl *t, unsigned sport, const void *buf, unsigned len, uint32_t ip,
		  unsigned port);
/* A payload of any size up to 65515 bytes from memory: one datagram,
   fragmented when larger than the MTU. hdr (hlen bytes) goes first. */
int ip_send(uint32_t dst, unsigned proto, const void *hdr, unsigned hlen,
	    const void *data, unsigned len);
/* Is dst this machine? (its address, or the network's broadcast) */
int ip_is_local(uint32_t dst);
/* (Added.) RFC 1122 3.2.1.3: a source no datagram may come from
   (broadcast, multicast, loopback, "this host", ours, our network's
   broadcast): ip_input's test, and UDP's receive fast path's. */
static inline int ip_src_bad(uint32_t src)
{
	return src == 0xffffffffu || src >> 28 == 14 || src >> 24 == 127 || src == 0 ||
	       src == net_conf.ip ||
	       ((src & net_conf.mask) == (net_conf.ip & net_conf.mask) &&
		(src & ~net_conf.mask) == ~net_conf.mask);
}

/* ---- the sockets' table (socket.c) and the protocols under it -------
 * socket.c owns the table, the argument checks and the timeouts; each
 * call of net.h goes to the protocol's function of the same name
 * (udp_bind, tcp_bind, ...), which may block by calling net_poll and
 * gives up at deadline (net_now_ms() value; 0: never) with -ETIMEDOUT. */
struct sock {
	int type;			/* NET_UDP, NET_TCP; 0: free */
	unsigned timeout_ms;
	void *pcb;			/* the protocol's state */
};
struct sock *sock_get(int s);		/* NULL for a bad or free id */
int sock_alloc(int type);		/* an id, or -EMFILE */
void sock_free(int s);
/* A free port for proto from the ephemeral range (49152..65535). */
unsigned net_ephemeral_port(unsigned proto);
int net_port_in_use(unsigned proto, unsigned port);	/* by a socket of this process */

int udp_open(struct sock *s);
int udp_bind(struct sock *s, unsigned port);
int udp_connect(struct sock *s, uint32_t ip, unsigned port);
int udp_sendto(struct sock *s, const void *buf, unsigned len, uint32_t ip, unsigned port);
int udp_recvfrom(struct sock *s, void *buf, unsigned len, uint32_t *ip, unsigned *port, uint32_t deadline);
int udp_recv_zc(struct sock *s, struct net_buf **b, uint32_t deadline);
/* (Added.) UDP's receive fast path (udp_rxfast.c): the frame f, if it
   is a datagram of one frame to our address and port lport whose
   headers and checksums the slow path (ip_input, udp_input) would
   accept, with at most len bytes of data: the data copied into buf as
   its checksum is verified, its source in *ip and *port, its length
   returned (ARP learns the sender as ip_input would have it). Else
   UDP_RXFAST_NO, and the frame is for the slow path, which judges it
   (buf may then hold a copy of data whose checksum failed). t: the
   socket's send template (its peer's station address, known). */
#define UDP_RXFAST_NO	(-10001)
int udp_rxfast(const struct rxframe *f, unsigned lport, const struct udp_tmpl *t, void *buf,
	       unsigned len, uint32_t *ip, unsigned *port);
struct net_buf *udp_buf_get(struct sock *s, unsigned len);
int udp_sendto_zc(struct sock *s, struct net_buf *b, uint32_t ip, unsigned port);
int udp_readable(struct sock *s);
int udp_close(struct sock *s);
int udp_uses_port(unsigned port);
/* (Added, for udp_ashc.c.) The socket's filter (-1 unbound); its ASH
   slot forgotten when it closes (through the hook, set by net_udp_ash,
   so that udp.c does not pull udp_ashc.c into every program). */
int udp_filter_of(struct sock *s);
void udp_ash_forget(struct sock *s);
extern void (*udp_ash_close_hook)(struct sock *s);
/* (Added.) Is b one of UDP's buffers? (net_buf_release's dispatch) */
int udp_owns_buf(const struct net_buf *b);

/* TCP: the same, and what UDP has not (tcp*.c; always linked with
   socket.c: no weak stubs, which a static library resolves badly). */
int tcp_open(struct sock *s);
int tcp_bind(struct sock *s, unsigned port);
int tcp_connect(struct sock *s, uint32_t ip, unsigned port, uint32_t deadline);
/* (Added.) The non-blocking connect's halves (net_connect_nb, net_connected). */
int tcp_connect_start(struct sock *s, uint32_t ip, unsigned port, uint32_t deadline);
int tcp_connected(struct sock *s);
int tcp_listen(struct sock *s, int backlog);
int tcp_accept(struct sock *s, uint32_t *ip, unsigned *port, uint32_t deadline);	/* a new id */
int tcp_send(struct sock *s, const void *buf, unsigned len, uint32_t deadline);
int tcp_recv(struct sock *s, void *buf, unsigned len, uint32_t deadline);
int tcp_recv_zc(struct sock *s, struct net_buf **b, uint32_t deadline);
struct net_buf *tcp_buf_get(struct sock *s, unsigned len);
int tcp_send_zc(struct sock *s, struct net_buf *b, uint32_t deadline);
int tcp_readable(struct sock *s);
int tcp_close(struct sock *s);
int tcp_uses_port(unsigned port);
/* net_buf_release for a buffer TCP handed out */
void tcp_buf_release(struct net_buf *b);
void udp_buf_release(struct net_buf *b);

#endif
