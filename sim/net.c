/*
 * net.c - the Ethernet segment behind net.h: ports, the wire's one frame
 * at a time, delivery to the other ports at the exact picosecond their
 * last bit arrives, seeded loss, the pcap capture, and net_run's lockstep
 * rounds. Wire timing: timing_ether in timing.c (preamble and SFD, the
 * frame, the inter-frame gap), at the segment's speed.
 * Invariants: wire_free only grows, so frames start in the order they
 * are captured; no machine is handed a frame before its current cycle.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "machine.h"
#include "net.h"

#define NET_PORTS	16
#define NET_DELIVERIES	64	/* frames on their way to a machine's port */
#define NET_FRAME_MAX	4100	/* the LANCE gathers at most 4096 + FCS */
#define NET_MIN_FRAME	64	/* IEEE 802.3 minimum, FCS included */

struct net_port {
	struct net_segment *seg;
	struct machine *m;		/* NULL: a host port */
	net_rx_fn rx;
	void *dev;
};

struct net_delivery {
	int busy;
	struct net_port *to;
	unsigned len;
	uint8_t frame[NET_FRAME_MAX];
};

struct net_segment {
	struct net_port *ports[NET_PORTS];
	unsigned nports;
	struct net_port *host_ports[NET_PORTS];	/* the segment's own (calloc) */
	unsigned nhost;
	struct machine *owner;		/* a machine's own segment; NULL: shared */
	unsigned mbps;
	double loss;
	uint64_t rng;
	FILE *pcap;
	int pcap_error;
	uint64_t wire_free;		/* ps: the wire is next idle */
	net_round_fn round_fn;
	void *round_ctx;
	struct net_segment_stats stats;
	struct net_delivery *deliveries;	/* NET_DELIVERIES, when shared */
};

uint32_t net_fcs(const uint8_t *p, unsigned len)
{
	uint32_t crc = 0xffffffffu;
	for (unsigned i = 0; i < len; i++) {
		crc ^= p[i];
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
	}
	return ~crc;
}

/* ---- time ------------------------------------------------------------------ */

static uint64_t ps_of_cycles(const struct machine *m, uint64_t cycles)
{
	return cycles * 1000000u / m->model->timing->mhz;
}

/* The first cycle of m at or after ps. */
static uint64_t cycles_of_ps(const struct machine *m, uint64_t ps)
{
	uint64_t mhz = m->model->timing->mhz;
	return (ps * mhz + 999999u) / 1000000u;
}

static uint64_t bits_ps(const struct net_segment *s, uint64_t bits)
{
	return (bits * 1000000u + s->mbps - 1) / s->mbps;
}

/* A round is the shortest frame's wire time less a margin for how far
   one instruction's stalls can carry a machine past the round's end
   (NET_OVERSHOOT_PS; a delivery that would still land in a machine's
   past is made at once and counted late in --stats), or half of
   it on a wire so fast that the margin would not leave that much. */
#define NET_OVERSHOOT_PS	4000000ull	/* 4 us: 100 cycles at 25 MHz */
uint64_t net_quantum_ps(const struct net_segment *s)
{
	uint64_t min = bits_ps(s, (uint64_t)(timing_ether.preamble_bytes + NET_MIN_FRAME) * 8);
	return min > 2 * NET_OVERSHOOT_PS ? min - NET_OVERSHOOT_PS : min / 2;
}

/* ---- ports ----------------------------------------------------------------- */

static int add_port(struct net_segment *s, struct net_port *p)
{
	if (s->nports == NET_PORTS)
		return -1;
	s->ports[s->nports++] = p;
	p->seg = s;
	return 0;
}

struct net_port *net_attach(struct machine *m, net_rx_fn rx, void *dev)
{
	if (!m->net) {
		m->net = machine_zalloc(m, sizeof *m->net);
		m->net->owner = m;
		m->net->mbps = timing_ether.wire_mbps;
	}
	struct net_port *p = machine_zalloc(m, sizeof *p);
	p->m = m;
	p->rx = rx;
	p->dev = dev;
	if (add_port(m->net, p) != 0)
		machine_fatal(m, "net.c: too many network ports on one machine");
	p->seg = m->net;
	return p;
}

struct net_segment *net_segment_new(const struct net_options *o, char *err, unsigned errlen)
{
	struct net_segment *s = calloc(1, sizeof *s);
	if (s)
		s->deliveries = calloc(NET_DELIVERIES, sizeof *s->deliveries);
	if (!s || !s->deliveries) {
		snprintf(err, errlen, "out of memory for the Ethernet segment");
		net_segment_free(s);
		return NULL;
	}
	s->mbps = o->mbps ? o->mbps : timing_ether.wire_mbps;
	s->loss = o->loss;
	s->rng = o->seed;
	if (o->pcap) {
		s->pcap = fopen(o->pcap, "wb");
		if (!s->pcap) {
			snprintf(err, errlen, "cannot write capture %s: %s", o->pcap, strerror(errno));
			net_segment_free(s);
			return NULL;
		}
		/* pcap file header, nanosecond timestamps (magic a1b23c4d),
		   version 2.4, snapshot length 65535, LINKTYPE_ETHERNET. */
		uint32_t h[6] = { 0xa1b23c4du, 2 | 4u << 16, 0, 0, 65535, 1 };
		if (fwrite(h, sizeof h, 1, s->pcap) != 1)
			s->pcap_error = 1;
	}
	return s;
}

void net_segment_free(struct net_segment *s)
{
	if (!s)
		return;
	if (s->pcap && (fclose(s->pcap) != 0 || s->pcap_error))
		fprintf(stderr, "pmaxsim: writing the capture failed; it is incomplete\n");
	/* Machine ports are their machines' (perhaps freed already). */
	for (unsigned i = 0; i < s->nhost; i++)
		free(s->host_ports[i]);
	free(s->deliveries);
	free(s);
}

int net_join(struct net_segment *s, struct machine *m)
{
	struct net_segment *own = m->net;
	if (own && s->nports + own->nports > NET_PORTS)
		return -1;
	for (unsigned i = 0; own && i < own->nports; i++)
		add_port(s, own->ports[i]);
	if (own)
		own->nports = 0;
	m->net = s;
	return 0;
}

struct net_port *net_attach_host(struct net_segment *s, net_rx_fn rx, void *dev)
{
	struct net_port *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->rx = rx;
	p->dev = dev;
	if (add_port(s, p) != 0) {
		free(p);
		return NULL;
	}
	s->host_ports[s->nhost++] = p;
	return p;
}

void net_set_round_hook(struct net_segment *s, net_round_fn fn, void *ctx)
{
	s->round_fn = fn;
	s->round_ctx = ctx;
}

const struct net_segment_stats *net_segment_stats(const struct net_segment *s)
{
	return &s->stats;
}

/* ---- the wire -------------------------------------------------------------- */

/* splitmix64: a fixed, seeded sequence, so a lossy run repeats exactly. */
static uint64_t next_random(struct net_segment *s)
{
	uint64_t z = (s->rng += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static void capture(struct net_segment *s, uint64_t ps, const uint8_t *frame, unsigned len)
{
	unsigned n = len >= 4 ? len - 4 : len;	/* captures leave out the FCS */
	uint64_t ns = ps / 1000;
	uint32_t rec[4] = { (uint32_t)(ns / 1000000000u), (uint32_t)(ns % 1000000000u), n, n };
	if (fwrite(rec, sizeof rec, 1, s->pcap) != 1 || fwrite(frame, 1, n, s->pcap) != n)
		s->pcap_error = 1;
}

static void arrive(struct machine *m, void *arg)
{
	struct net_delivery *d = arg;
	(void)m;
	d->busy = 0;
	d->to->rx(d->to->dev, d->frame, d->len);
}

static void deliver(struct net_segment *s, struct net_port *to, uint64_t ps,
		    const uint8_t *frame, unsigned len)
{
	if (!to->m) {
		to->rx(to->dev, frame, len);
		return;
	}
	if (machine_run_state(to->m) == MACHINE_STOPPED)
		return;
	struct net_delivery *d = NULL;
	for (unsigned k = 0; k < NET_DELIVERIES && !d; k++)
		if (!s->deliveries[k].busy)
			d = &s->deliveries[k];
	if (!d || len > NET_FRAME_MAX) {
		machine_fatal(to->m, "net.c: more frames on their way than the segment holds");
		return;
	}
	d->busy = 1;
	d->to = to;
	d->len = len;
	memcpy(d->frame, frame, len);
	uint64_t when = cycles_of_ps(to->m, ps), now = machine_cycles(to->m);
	if (when < now) {
		when = now;
		s->stats.late++;
	}
	event_at(to->m, when, arrive, d);
}

/* The frame from port p starts at ps or when the wire is free; returns
   the time the wire is free after it. */
static uint64_t put_on_wire(struct net_port *p, uint64_t ps, const uint8_t *frame, unsigned len)
{
	struct net_segment *s = p->seg;
	const struct timing_ether *e = &timing_ether;
	uint64_t start = s->wire_free > ps ? s->wire_free : ps;
	uint64_t bits = (uint64_t)(e->preamble_bytes + len) * 8;
	uint64_t last_bit = start + bits_ps(s, bits);
	if (start > ps && p->m)
		p->m->stats.net_tx_deferred++;
	s->wire_free = start + bits_ps(s, bits + e->ifg_bits);
	s->stats.frames++;
	s->stats.bytes += len;
	if (s->pcap)
		capture(s, last_bit, frame, len);
	if (s->loss > 0 && (double)(next_random(s) >> 11) * 0x1p-53 < s->loss) {
		s->stats.lost++;
		return s->wire_free;
	}
	for (unsigned i = 0; i < s->nports; i++)
		if (s->ports[i] != p)
			deliver(s, s->ports[i], last_bit, frame, len);
	return s->wire_free;
}

uint64_t net_transmit(struct net_port *p, const uint8_t *frame, unsigned len)
{
	struct machine *m = p->m;
	uint64_t now = machine_cycles(m);
	uint64_t free_ps = put_on_wire(p, ps_of_cycles(m, now), frame, len);
	return cycles_of_ps(m, free_ps) - now;
}

uint64_t net_wire_free_ps(const struct net_segment *s)
{
	return s->wire_free;
}

uint64_t net_transmit_host(struct net_port *p, uint64_t ps, const uint8_t *frame, unsigned len)
{
	return put_on_wire(p, ps, frame, len);
}

/* ---- lockstep -------------------------------------------------------------- */

void net_run(struct net_segment *s, struct machine *const *ms, unsigned n)
{
	uint64_t q = net_quantum_ps(s), t = 0;
	while (n && machine_run_state(ms[0]) == MACHINE_RUNNING) {
		t += q;
		for (unsigned i = 0; i < n; i++)
			if (machine_run_state(ms[i]) == MACHINE_RUNNING)
				machine_run_until(ms[i], cycles_of_ps(ms[i], t));
		s->stats.rounds++;
		if (s->round_fn)
			s->round_fn(s->round_ctx, t);
	}
}
