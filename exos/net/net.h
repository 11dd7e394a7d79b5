/*
 * exos/net/net.h - ExOS's network stack as applications see it: the
 * machine's address, a socket-like interface over UDP and TCP, a
 * zero-copy form of it, ping's ICMP echo and the UDP reply ASH. The
 * stack (Ethernet, ARP, IPv4, ICMP, UDP, TCP) is library code in the
 * application's own address space, on the frames Aegis's packet filters
 * hand it (<aegis/net.h>); nothing of it is in the kernel.
 *
 * Every call returns 0 or a count on success and a negative errno
 * value (-ETIMEDOUT, -ECONNREFUSED, ... from <errno.h>) on failure.
 * Blocking calls run the stack (net_poll) while they wait, yielding the
 * processor to other environments between looks at the receive ring.
 *
 * One process per machine is the network's "host": the first to call
 * net_init inserts the shared catch-all filters (ARP, ICMP, IP fragments,
 * segments for ports nobody listens on) and so answers ARP and pings and
 * sends TCP resets. Other processes on the machine receive only what
 * their own sockets' filters take.
 */
#ifndef EXOS_NET_H
#define EXOS_NET_H

#include <stdint.h>

/* Addresses are IPv4 in host order (10.0.2.15 is 0x0a00020f); ports too. */
#define NET_IP(a, b, c, d)	((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (d))

/* The machine's configuration, from the boot arguments:
 *   ip=A.B.C.D/N   its address and prefix length (default 10.0.2.15/24,
 *                  the guest address pmaxsim's host bridge expects)
 *   gw=A.B.C.D     the router for other networks (default none)
 * Bad values are reported on the console and the default kept. */
struct net_config {
	uint32_t ip, mask, gw;
	uint8_t mac[6];
};
/* Bring the stack up (the receive ring, the filters, the address):
   0, or -ENODEV without an Ethernet. Every other call does it first. */
int net_init(void);
const struct net_config *net_config(void);
int net_parse_ip(const char *s, uint32_t *ip);
/* "10.0.2.15" into buf (at least 16 bytes); returns buf. */
char *net_ip_str(uint32_t ip, char *buf);

/* Run the stack: take every frame waiting in the ring, run the timers
   (TCP's retransmissions, ARP's and reassembly's expiry), then wait for
   a frame, yielding, at most ms milliseconds. Returns how many frames
   it handled. The blocking calls below do this themselves. */
int net_poll(unsigned ms);
/* Milliseconds since boot, from Aegis's time-slice clock (SYS_clock;
   finer where the machine has a finer count). */
uint32_t net_now_ms(void);

/* ---- sockets --------------------------------------------------------- */
#define NET_UDP		1
#define NET_TCP		2
#define NET_MAX_SOCKETS	288		/* TCP's pool (256: tcp.h) and UDP's */

int net_socket(int type);			/* a socket id (>= 0) */
/* The local port (0: an ephemeral one). Each bound socket inserts its own
   DPF filter; a TCP connection accepted or connected inserts one for its
   four-tuple (when Aegis has room: the listener's filter serves it else). */
int net_bind(int s, unsigned port);
/* UDP: the default destination; TCP: the three-way handshake (blocking,
   up to the socket's timeout, else -ETIMEDOUT; -ECONNREFUSED on RST). */
int net_connect(int s, uint32_t ip, unsigned port);
/* (Added.) Non-blocking connect, as connect(2) on an O_NONBLOCK socket:
   TCP: the SYN goes out and the call returns at once, -EINPROGRESS (or
   -errno with nothing started: -EINVAL, -EALREADY while one is under
   way, -EISCONN, -ENOSPC). net_connected then says, without waiting,
   where it stands: 0 established (data may be sent), -EINPROGRESS while
   the handshake goes on, else the error that ended it, said once
   (-ECONNREFUSED on RST, -ETIMEDOUT when the socket's timeout, counted
   from net_connect_nb, or TCP's SYN retries ran out), after which the
   socket may connect again; -ENOTCONN if no connect was started. The
   application runs the stack meanwhile (net_poll). UDP: as net_connect;
   net_connected is 0. */
int net_connect_nb(int s, uint32_t ip, unsigned port);
int net_connected(int s);
int net_listen(int s, int backlog);		/* TCP */
/* TCP: the next established connection, a new socket id; the peer's
   address and port through ip and port (either may be NULL). */
int net_accept(int s, uint32_t *ip, unsigned *port);
/* TCP: queue bytes (blocking while the send buffer is full; returns the
   count queued, all of len unless the timeout passed). UDP: one
   datagram to the connected peer (up to 65507 bytes: fragmented when
   larger than the MTU). */
int net_send(int s, const void *buf, unsigned len);
int net_sendto(int s, const void *buf, unsigned len, uint32_t ip, unsigned port);
/* TCP: up to len bytes that have arrived, 0 at the peer's end of stream.
   UDP: one datagram (truncated to len), its sender through ip/port. */
int net_recv(int s, void *buf, unsigned len);
int net_recvfrom(int s, void *buf, unsigned len, uint32_t *ip, unsigned *port);
/* TCP: send FIN after what is queued and free the socket (the
   connection finishes on its own, through TIME_WAIT). UDP: free it. */
int net_close(int s);
/* TCP: run the stack until every connection closed here has delivered
   what was queued and had its FIN acknowledged (up to ms; 0: no limit):
   0, or -ETIMEDOUT. A program calls it before it exits (which ends its
   connections where they stand). */
int net_tcp_drain(unsigned ms);
/* How long blocking calls on s wait, in milliseconds (0: forever, the
   default); -ETIMEDOUT when it passes. */
int net_set_timeout(int s, unsigned ms);
/* Is there something to recv (or accept) on s without waiting? */
int net_readable(int s);

/* ---- zero copy --------------------------------------------------------
 * Receiving: the data stays in Aegis's receive ring; the application
 * reads it in place and gives the buffer back (until then its ring slot
 * is not reused). Sending: the application fills a buffer the stack
 * hands out, which already has room for every header in front. */
struct net_buf {
	uint8_t *data;		/* the payload */
	unsigned len;
	uint32_t ip;		/* received: the sender's address and port */
	unsigned port;
	void *priv;		/* the stack's */
};
int net_recv_zc(int s, struct net_buf **b);	/* a datagram, or TCP data in order */
void net_buf_release(struct net_buf *b);
/* A buffer for up to len bytes of payload (UDP: up to 1472, one frame;
   TCP: up to the connection's MSS); NULL if none is free. */
struct net_buf *net_buf_get(int s, unsigned len);
/* Send b->len bytes of b->data; the stack owns b from then on (TCP
   keeps it for retransmission and frees it when acknowledged). */
int net_send_zc(int s, struct net_buf *b);
int net_sendto_zc(int s, struct net_buf *b, uint32_t ip, unsigned port);

/* ---- sending from the application's memory (Cheetah) ------------------
 * net_tcp_send_src queues len bytes that stay in the application's own
 * memory (its file cache) instead of the send buffer: each time TCP
 * sends or resends a segment it asks src->get for the bytes at that
 * offset of the source and copies them only into the frame; bytes
 * acknowledged are never copied again, a retransmission rewinds and asks
 * again (Cheetah's merged file cache and retransmission pool, SOSP'97).
 * src->sum (may be NULL) gives the precomputed unfolded one's-complement
 * sum (big-endian 16-bit words, as the Internet checksum) of source
 * segment i, bytes [i*mss, min((i+1)*mss, len)) with mss = src->mss; TCP
 * uses it when a segment is exactly that piece (the connection's MSS is
 * src->mss and the window let it go whole), else it sums the bytes.
 * src->done (may be NULL) is called once: 0 when every byte was
 * acknowledged, -errno when the connection ended first; until then the
 * bytes must stay where get finds them. One source at a time, on an
 * empty send buffer; net_send meanwhile is -EBUSY.
 * flags NET_SRC_FIN: net_tcp_shutdown at once, so the FIN rides on the
 * last data segment (knowledge-based packet merging). */
#define NET_SRC_MAXPIECES 6
struct net_src_piece { const void *p; unsigned len; };
struct net_tcp_src {
	int (*get)(void *ctx, uint32_t off, uint32_t len,
		   struct net_src_piece piece[NET_SRC_MAXPIECES], int *npieces);
	int64_t (*sum)(void *ctx, unsigned i);
	void (*done)(void *ctx, int err);
	unsigned mss;
};
#define NET_SRC_FIN	1
/* 0, or -EBUSY (data or a source still queued, or closing), -ENOTCONN,
   -EINVAL. */
int net_tcp_send_src(int s, const struct net_tcp_src *src, void *ctx, uint32_t len, unsigned flags);
/* Is a source's data still unacknowledged on s? */
int net_tcp_src_busy(int s);
/* Send FIN after what is queued, keeping the socket (recv still works;
   net_close frees it later). 0 or -errno. */
int net_tcp_shutdown(int s);
/* Reset the connection (RFC 793 ABORT: what is queued is thrown away, a
   source's done gets -ECONNABORTED) and free the socket. */
int net_tcp_abort(int s);
/* Options of a TCP socket (a listener's are inherited by the connections
   it accepts). NET_TCP_ACK_RIDE, 1: data that arrive with PSH are not
   acknowledged at once but after the delayed-ACK time (40 ms), so the
   ACK rides on the application's answer if it comes sooner. 0 or -errno. */
#define NET_TCP_ACK_RIDE 1
int net_tcp_setopt(int s, int opt, int val);

/* ---- ICMP echo (ping) ------------------------------------------------ */
/* One echo request of len bytes of data with sequence seq; waits up to
   ms for the reply: its round trip in microseconds, or -ETIMEDOUT. */
int net_ping(uint32_t ip, unsigned seq, unsigned len, unsigned ms);

/* ---- the UDP reply ASH ----------------------------------------------
 * Download ExOS's UDP echo handler into Aegis for the bound UDP socket s:
 * each datagram its filter takes is answered from inside the kernel,
 * before anything is scheduled (the paper's Table 11 and Figure 2 "ASH"
 * rows): the same payload back to its sender, with the big-endian 32-bit
 * counter at payload offset counter_off incremented (counter_off < 0:
 * unchanged). Datagrams it cannot answer (IP options, fragments, too
 * short for the counter) reach the socket as usual. 0 or -errno;
 * net_udp_ash_off(s) removes it. */
int net_udp_ash(int s, int counter_off);
int net_udp_ash_off(int s);
/* (Added.) Answer only datagrams of exactly len bytes of payload (0:
   any) that begin with the 4 bytes tag (NULL: any): the rest reach the
   socket (Table 11's server answers its counter messages in the ASH and
   anything else itself). After net_udp_ash; 0 or -errno. */
int net_udp_ash_match(int s, unsigned len, const uint8_t *tag);
/* Datagrams the ASH answered (read from its own counter). */
unsigned net_udp_ash_count(int s);

/* ---- counters --------------------------------------------------------- */
struct net_stats {
	unsigned rx_frames, tx_frames;
	unsigned rx_bad;		/* dropped: malformed, bad checksum, not ours */
	unsigned arp_requests, arp_replies;
	unsigned ip_reassembled, ip_fragments_sent;
	unsigned icmp_echo_answered;
	unsigned udp_in, udp_out;
	unsigned tcp_in, tcp_out, tcp_retransmits, tcp_resets_sent;
	unsigned ring_dropped;		/* the ring's own count (Aegis's) */
};
void net_get_stats(struct net_stats *out);

#endif
