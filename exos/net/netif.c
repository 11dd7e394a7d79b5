/*
 * netif.c - the stack's bottom: the receive ring Aegis fills, the
 * filters, sending, the transmit buffers, net_poll and its timers, the
 * clock (SYS_clock) and the machine's configuration from the boot
 * arguments (ip=, gw=). Everything Aegis reads or writes (ring, frames
 * to send) is in this program's .bss: Aegis refuses the ExOS heap.
 */
#include <errno.h>
#include <string.h>
#include <stdio.h>
#include "exos.h"
#include "netint.h"

struct net_config net_conf;
struct net_stats net_stat;
int net_is_host;

/* ---- the receive ring -------------------------------------------------
 * Aegis fills the slots strictly in order and stops at a full one
 * (aegis/include/aegis/net.h): a slot held for zero copy therefore stalls
 * the ring when Aegis comes round to it again, and so does our reader. */
#define NSLOTS		NETIF_RX_SLOTS
#define SLOT_SIZE	1524	/* AEGIS_RX_FRAME + 1514, a multiple of 4 */
static struct {
	struct aegis_rx_ring hdr;
	uint8_t slots[NSLOTS][SLOT_SIZE];
} ring __attribute__((aligned(4)));
static unsigned rx_next;		/* the slot we read next */
static uint8_t rx_held[NSLOTS];		/* kept by a layer (zero copy) */
static unsigned rx_nheld;		/* how many of rx_held are set (netif_held) */
static int (*rx_evict[NSLOTS])(void *);	/* and how to get it back (rxframe) */
static void *rx_evict_arg[NSLOTS];

static struct aegis_rx_slot *slot_at(unsigned k)
{
	return (struct aegis_rx_slot *)ring.slots[k];
}

/* ---- transmit buffers --------------------------------------------------- */
static struct txbuf txbufs[NET_TXBUFS];

struct txbuf *txbuf_get(void)
{
	for (int i = 0; i < NET_TXBUFS; i++)
		if (!txbufs[i].in_use) {
			txbufs[i].in_use = 1;
			txbufs[i].next = -1;
			txbufs[i].len = 0;
			return &txbufs[i];
		}
	return NULL;
}

void txbuf_put(struct txbuf *b)
{
	if (b)
		b->in_use = 0;
}

int netif_send(const uint8_t *frame, unsigned len)
{
	int r;
	unsigned tries = 0;
	/* A full transmit ring empties at the wire's pace: give the
	   processor away meanwhile, but not forever. */
	while ((r = sys_net_send(frame, len)) == -AEGIS_EAGAIN && ++tries < 100000)
		sys_yield(0);
	if (r < 0)
		return r == -AEGIS_EAGAIN ? -EAGAIN : r == -AEGIS_ENOSYS ? -ENODEV : -EINVAL;
	net_stat.tx_frames++;
	return 0;
}

/* ---- filters ------------------------------------------------------------ */
int netif_filter(const struct dpf_atom *a, unsigned n, int shared)
{
	int r = sys_dpf_insert(a, n, shared ? DPF_SHARED : 0);
	if (r >= 0)
		return r;
	switch (-r) {
	case AEGIS_EBUSY: return -EADDRINUSE;
	case AEGIS_ELIMIT: return -ENOSPC;
	default: return -EINVAL;
	}
}

void netif_unfilter(int id)
{
	if (id >= 0)
		sys_dpf_remove(id);
}

static void atom(struct dpf_atom *a, unsigned op, unsigned size, unsigned off, unsigned mask,
		 unsigned value)
{
	a->op = (unsigned short)op;
	a->size = (unsigned short)size;
	a->offset = off;
	a->mask = mask;
	a->value = value;
}

/* Unfragmented datagrams only (MF clear, offset 0): every fragment of a
   fragmented one goes to the host's catch-all, which reassembles (a
   first fragment alone, here, could never be completed). Not shared: a
   second environment binding the same port is refused (-EADDRINUSE). */
int netif_filter_port(unsigned proto, unsigned lport, uint32_t rip, unsigned rport)
{
	struct dpf_atom a[10];
	unsigned n = 0;
	atom(&a[n++], DPF_OP_EQ, 2, 12, 0xffff, ETHERTYPE_IP);
	atom(&a[n++], DPF_OP_EQ, 1, 14, 0xf0, 0x40);
	atom(&a[n++], DPF_OP_EQ, 1, 23, 0xff, proto);
	atom(&a[n++], DPF_OP_EQ, 4, 30, 0xffffffffu, net_conf.ip);
	atom(&a[n++], DPF_OP_EQ, 2, 20, 0x3fff, 0);
	if (rip)
		atom(&a[n++], DPF_OP_EQ, 4, 26, 0xffffffffu, rip);
	atom(&a[n++], DPF_OP_SHIFT, 1, 14, 0x0f, 2);	/* past IP's options */
	atom(&a[n++], DPF_OP_EQ, 2, 14 + 2, 0xffff, lport);
	if (rip)
		atom(&a[n++], DPF_OP_EQ, 2, 14, 0xffff, rport);
	return netif_filter(a, n, 0);
}

/* A process that is not the host receives what its own filters take.
   For its exchanges the host's catch-alls would otherwise take: ARP
   replies from spa (while it asks for spa's station address) and ICMP
   echo replies carrying its identifier. Longer than the host's shared
   filters, so preferred; shared, so that two such processes asking at
   once do not lock each other out (the older gets the frame; the other
   asks again). */
int netif_filter_arp_reply(uint32_t spa)
{
	struct dpf_atom a[3];
	atom(&a[0], DPF_OP_EQ, 2, 12, 0xffff, ETHERTYPE_ARP);
	atom(&a[1], DPF_OP_EQ, 2, 14 + 6, 0xffff, 2);		/* reply */
	atom(&a[2], DPF_OP_EQ, 4, 14 + 14, 0xffffffffu, spa);	/* from spa */
	return netif_filter(a, 3, 1);
}

int netif_filter_echo_reply(unsigned id)
{
	struct dpf_atom a[7];
	atom(&a[0], DPF_OP_EQ, 2, 12, 0xffff, ETHERTYPE_IP);
	atom(&a[1], DPF_OP_EQ, 1, 14, 0xf0, 0x40);
	atom(&a[2], DPF_OP_EQ, 1, 23, 0xff, IPPROTO_ICMP_);
	atom(&a[3], DPF_OP_EQ, 4, 30, 0xffffffffu, net_conf.ip);
	atom(&a[4], DPF_OP_SHIFT, 1, 14, 0x0f, 2);
	atom(&a[5], DPF_OP_EQ, 1, 14, 0xff, 0);			/* echo reply */
	atom(&a[6], DPF_OP_EQ, 2, 14 + 4, 0xffff, id);
	return netif_filter(a, 7, 1);
}

/* The host's catch-alls (net.h): shared, so that sockets' longer
   filters in any environment take their own frames first. The marker
   filter (an Ethernet type nobody uses: 0x88b6, IEEE 802 local
   experimental 2) is not shared: a second environment's insertion of it
   is refused, which is how it learns that a host exists already. */
#define ETHERTYPE_HOST_MARK	0x88b6
static int become_host(void)
{
	struct dpf_atom a[2];
	atom(&a[0], DPF_OP_EQ, 2, 12, 0xffff, ETHERTYPE_HOST_MARK);
	if (netif_filter(a, 1, 0) < 0)
		return 0;
	atom(&a[0], DPF_OP_EQ, 2, 12, 0xffff, ETHERTYPE_ARP);
	int ok = netif_filter(a, 1, 1) >= 0;
	atom(&a[0], DPF_OP_EQ, 2, 12, 0xffff, ETHERTYPE_IP);
	atom(&a[1], DPF_OP_EQ, 4, 30, 0xffffffffu, net_conf.ip);
	ok &= netif_filter(a, 2, 1) >= 0;
	atom(&a[1], DPF_OP_EQ, 4, 30, 0xffffffffu, net_conf.ip | ~net_conf.mask);
	ok &= netif_filter(a, 2, 1) >= 0;
	if (!ok)
		exos_puts("net: the host's catch-all filters: Aegis has no room\n");
	return 1;
}

/* ---- configuration (ip=, gw=) ------------------------------------------- */
int net_parse_ip(const char *s, uint32_t *ip)
{
	uint32_t v = 0;
	for (int part = 0; part < 4; part++) {
		unsigned n = 0, digits = 0;
		while (*s >= '0' && *s <= '9' && digits < 4) {
			n = n * 10 + (unsigned)(*s++ - '0');
			digits++;
		}
		if (!digits || digits > 3 || n > 255)
			return -EINVAL;
		v = v << 8 | n;
		if (part < 3 && *s++ != '.')
			return -EINVAL;
	}
	if (*s)
		return -EINVAL;
	*ip = v;
	return 0;
}

char *net_ip_str(uint32_t ip, char *buf)
{
	sniprintf(buf, 16, "%u.%u.%u.%u", (unsigned)(ip >> 24), (unsigned)(ip >> 16 & 255),
		 (unsigned)(ip >> 8 & 255), (unsigned)(ip & 255));
	return buf;
}

/* "A.B.C.D/N" (N 1..30, the address neither the network's nor its
   broadcast) into conf; 0 or -EINVAL with conf unchanged. */
static int parse_ip_prefix(const char *s, struct net_config *conf)
{
	char addr[16];
	const char *slash = strchr(s, '/');
	unsigned len = slash ? (unsigned)(slash - s) : (unsigned)strlen(s);
	if (len >= sizeof addr)
		return -EINVAL;
	memcpy(addr, s, len);
	addr[len] = 0;
	uint32_t ip, mask = 0xffffff00u;
	if (net_parse_ip(addr, &ip) != 0)
		return -EINVAL;
	if (slash) {
		const char *p = slash + 1;
		unsigned n = 0, digits = 0;
		while (*p >= '0' && *p <= '9' && digits < 3)
			n = n * 10 + (unsigned)(*p++ - '0'), digits++;
		if (!digits || *p || n < 1 || n > 30)
			return -EINVAL;
		mask = ~0u << (32 - n);
	}
	if ((ip & ~mask) == 0 || (ip & ~mask) == ~mask || ip >> 24 == 0 || ip >> 24 >= 224 ||
	    ip >> 24 == 127)
		return -EINVAL;
	conf->ip = ip;
	conf->mask = mask;
	return 0;
}

static void read_config(void)
{
	char w[64];
	net_conf.ip = NET_IP(10, 0, 2, 15);
	net_conf.mask = 0xffffff00u;
	net_conf.gw = 0;
	uint32_t gw = 0;
	int have_gw = 0;
	for (unsigned n = 0; n < 256; n++) {
		int r = sys_boot_arg(n, w, sizeof w);
		if (r == -AEGIS_ENOENT)
			break;
		if (r < 0)
			continue;	/* longer than any word of ours */
		if (!strncmp(w, "ip=", 3)) {
			if (parse_ip_prefix(w + 3, &net_conf) != 0) {
				exos_puts("net: bad ip= (want A.B.C.D/N): ");
				exos_puts(w + 3);
				exos_puts(", 10.0.2.15/24 kept\n");
			}
		} else if (!strncmp(w, "gw=", 3)) {
			if (net_parse_ip(w + 3, &gw) != 0 || gw == 0) {
				exos_puts("net: bad gw= (want A.B.C.D): ");
				exos_puts(w + 3);
				exos_puts(", no gateway\n");
			} else {
				have_gw = 1;
			}
		}
	}
	/* The gateway must be on our network (RFC 1122 3.3.1.1): checked
	   once the address is known, whatever the words' order. */
	if (have_gw) {
		if ((gw & net_conf.mask) == (net_conf.ip & net_conf.mask) && gw != net_conf.ip)
			net_conf.gw = gw;
		else
			exos_puts("net: gw= is not on this network: no gateway\n");
	}
}

/* ---- start ---------------------------------------------------------------- */
static int net_up;	/* 1 up, -1 no Ethernet */

int net_init(void)
{
	if (net_up)
		return net_up > 0 ? 0 : -ENODEV;
	static struct aegis_netinfo ni;
	if (sys_net_info(&ni) != 0 || !ni.present) {
		net_up = -1;
		return -ENODEV;
	}
	memcpy(net_conf.mac, ni.mac, 6);
	read_config();
	if (sys_net_ring(&ring.hdr, NSLOTS, SLOT_SIZE, 0) != 0) {
		net_up = -1;
		return -ENODEV;
	}
	net_up = 1;
	net_is_host = become_host();
	return 0;
}

const struct net_config *net_config(void)
{
	net_init();
	return &net_conf;
}

/* ---- the clock ------------------------------------------------------------ */
static uint32_t now_ms(void);

/* The fine count's 64-bit division is costly on the R3000 (a library
   call of hundreds of cycles), and net_poll asks often: the
   milliseconds are kept as a base plus a 32-bit delta of the count,
   divided in 32 bits, the base moved on every ms_per_base. */
static uint32_t last_ms;

uint32_t net_last_ms(void)
{
	return last_ms;
}

uint32_t net_now_ms(void)
{
	last_ms = now_ms();
	return last_ms;
}

/* The answer buffers are 32-byte aligned so that SYS_clock's 20 bytes
   never straddle a page: a straddling one costs the kernel's copyout two
   page lookups more a call (issue 21: now_ms's, once a round trip of
   Table 11's client, sat across 0x41e000 and cost about 250 cycles). */
#define CLOCK_BUF __attribute__((aligned(32)))

static uint32_t now_ms(void)
{
	static struct aegis_clock c CLOCK_BUF;
	static uint32_t base_lo, base_ms, per_ms;
	static int have_base;
	if (sys_clock(&c) != 0)
		return 0;
	if (!c.fine_mhz)
		return c.hz ? (uint32_t)((uint64_t)c.ticks * 1000 / c.hz) : 0;
	uint32_t delta = c.fine_lo - base_lo;
	if (!have_base || delta >= 0x40000000u) {
		uint64_t fine = (uint64_t)c.fine_hi << 32 | c.fine_lo;
		per_ms = c.fine_mhz * 1000;
		base_ms = (uint32_t)(fine / per_ms);
		base_lo = c.fine_lo - (uint32_t)(fine % per_ms);
		have_base = 1;
		delta = c.fine_lo - base_lo;
	}
	return base_ms + delta / per_ms;
}

uint64_t net_now_us(void)
{
	static struct aegis_clock c CLOCK_BUF;
	if (sys_clock(&c) != 0)
		return 0;
	if (c.fine_mhz)
		return ((uint64_t)c.fine_hi << 32 | c.fine_lo) / c.fine_mhz;
	return c.hz ? (uint64_t)c.ticks * 1000000 / c.hz : 0;
}

/* ---- receiving -------------------------------------------------------------- */
void netif_release(struct rxframe *f)
{
	struct aegis_rx_slot *s = f->slot;
	/* The slot's number as drain gave it, checked against the slot
	   (a frame made elsewhere, a test's, has none): no division by
	   SLOT_SIZE (a 35-cycle div of every datagram received). */
	unsigned k = f->index;
	if (k < NSLOTS && s == slot_at(k)) {
		rx_nheld -= rx_held[k];
		rx_held[k] = 0;
		rx_evict[k] = NULL;
		s->len = 0;
	}
}

/* The next slot is still held: the ring has come round to it and both
   Aegis and we are stopped there. Ask its holder to give it up. */
static void unstall(void)
{
	unsigned k = rx_next;
	if (rx_held[k] && rx_evict[k] && rx_evict[k](rx_evict_arg[k]) && !rx_held[k])
		rx_evict[k] = NULL;
}

/* Take every frame waiting, in ring order; how many. */
static int drain(void)
{
	int n = 0;
	if (rx_held[rx_next])	/* (unstall's own test, without its call) */
		unstall();
	for (;;) {
		struct aegis_rx_slot *s = slot_at(rx_next);
		if (rx_held[rx_next] || !s->len)
			break;
		struct rxframe f;
		f.frame = (const uint8_t *)s + AEGIS_RX_FRAME;
		f.len = s->len;
		f.filter = s->filter;
		f.slot = s;
		f.index = rx_next;
		f.held = 0;
		f.evict = NULL;
		f.evict_arg = NULL;
		unsigned k = rx_next;
		rx_next = rx_next + 1 == NSLOTS ? 0 : rx_next + 1;
		net_stat.rx_frames++;
		eth_input(&f);
		if (f.held) {
			rx_held[k] = 1;
			rx_nheld++;
			rx_evict[k] = f.evict;
			rx_evict_arg[k] = f.evict_arg;
		} else {
			s->len = 0;
		}
		n++;
		if (rx_held[rx_next])
			unstall();	/* (the slot after a wrap may be held) */
	}
	return n;
}

unsigned netif_held(void)
{
	return rx_nheld;	/* (asked for every datagram UDP receives) */
}

static int ring_ready(void)
{
	if (rx_held[rx_next])
		unstall();
	return !rx_held[rx_next] && slot_at(rx_next)->len;
}

void eth_input(struct rxframe *f)
{
	if (f->len < ETH_HLEN) {
		net_stat.rx_bad++;
		return;
	}
	switch (get16(f->frame + 12)) {
	case ETHERTYPE_IP:
		ip_input(f);
		break;
	case ETHERTYPE_ARP:
		arp_input(f);
		break;
	default:
		break;	/* the host marker's type, or nothing of ours */
	}
}

static uint32_t last_timer;

static void run_timers(uint32_t now)
{
	if (now - last_timer < 5)
		return;
	last_timer = now;
	arp_timer(now);
	ip_timer(now);
	tcp_timer(now);
}

/* How often the clock is read: it is a system call, and a round trip
   (Table 11) is a few hundred microseconds. Timers run every 8th call
   when frames keep coming, and every 8th look while waiting. */
#define POLLS_PER_CLOCK	8
/* Looks at the ring between yields: about 100 us on the 25 MHz R3000
   (a yield when alone costs tens of microseconds, and a frame that
   comes during one waits for it). Table 11's round trip on two
   5000/125s (program/ASH server): 128 looks 695/584 us, 256: 645/595,
   512: 645/547. With other processes runnable, whether a server's
   looks outlast the time from its reply to the next request decides
   whether it keeps the processor between requests: with 256, on the
   5000/125 they do (it answers request after request in its slice),
   on the 5000/240 they do not (it yields after each reply, and every
   request waits a round of the others' 15.6 ms slices). Figure 2's
   server does not rest on this race: it never yields (udprtt
   active=1, docs/network.md). */
#define SPINS_PER_YIELD	256

int netif_wait(unsigned ms)
{
	/* The clock is first read after a few yields: a frame that comes
	   soon (a round trip's answer) costs no system call for the time. */
	uint32_t start = 0;
	for (unsigned i = 1;; i++) {
		/* A short look at the ring (one when not waiting) before
		   giving the processor away: a frame due in a few
		   microseconds is taken at once. */
		for (unsigned k = ms ? SPINS_PER_YIELD : 1; k; k--)
			if (ring_ready())
				return 1;
		if (!ms)
			return 0;
		if (i % POLLS_PER_CLOCK == 0) {
			uint32_t now = net_now_ms();
			if (i == POLLS_PER_CLOCK)
				start = now;
			run_timers(now);
			if (now - start >= ms)
				return 0;
		}
		sys_yield(0);
	}
}

int net_poll(unsigned ms)
{
	static unsigned calls;
	if (net_init() != 0)
		return -ENODEV;
	/* (ring_ready first: drain's entry and exit cost about 50
	   cycles, and most calls find the ring empty.) */
	int n = ring_ready() ? drain() : 0;
	if (n || !ms) {
		if (++calls % POLLS_PER_CLOCK == 0)
			run_timers(net_now_ms());
		return n;
	}
	netif_wait(ms);
	return drain();
}

/* The receive fast path's halves (udp.c's, through udp_rxfast.c): the
   next frame in ring order, looked at in place, then taken as drain
   would have taken it, but by its reader instead of eth_input. */
int netif_peek(struct rxframe *f)
{
	struct aegis_rx_slot *s = slot_at(rx_next);
	if (rx_held[rx_next] || !s->len)
		return 0;	/* (netif_wait has asked a holder to let go) */
	f->frame = (const uint8_t *)s + AEGIS_RX_FRAME;
	f->len = s->len;
	f->filter = s->filter;
	f->slot = s;
	f->index = rx_next;
	f->held = 0;
	f->evict = NULL;
	f->evict_arg = NULL;
	return 1;
}

void netif_take(struct rxframe *f)
{
	struct aegis_rx_slot *s = f->slot;
	if (f->index != rx_next)
		return;		/* not the frame netif_peek gave */
	rx_next = rx_next + 1 == NSLOTS ? 0 : rx_next + 1;
	net_stat.rx_frames++;
	s->len = 0;
}

void net_get_stats(struct net_stats *out)
{
	net_stat.ring_dropped = ring.hdr.dropped;
	*out = net_stat;
}
