/*
 * net.c - a minimal Ethernet segment behind net.h, for one machine alone:
 * every port of a machine is on that machine's segment; a frame takes
 * its 10 Mbit/s wire time (preamble and SFD, the frame, the inter-frame
 * gap; timing_ether in timing.c), waits while the wire is busy, and is
 * handed to the segment's other ports as an event at its arrival. A
 * stand-in until issue 15's segment of several machines replaces it.
 * Invariant: wire_free only grows; at most NET_INFLIGHT frames travel.
 */
#include <string.h>
#include "machine.h"
#include "net.h"

#define NET_PORTS	4
#define NET_INFLIGHT	8
#define NET_FRAME_MAX	4100

struct net_port {
	struct net_segment *seg;
	net_rx_fn rx;
	void *dev;
};

struct net_flight {
	struct net_segment *seg;
	int busy;
	unsigned from, len;
	uint8_t frame[NET_FRAME_MAX];
};

struct net_segment {
	struct machine *m;
	struct net_port ports[NET_PORTS];
	unsigned nports;
	uint64_t wire_free;		/* cycle the wire is next idle */
	struct net_flight flights[NET_INFLIGHT];
};

struct net_port *net_attach(struct machine *m, net_rx_fn rx, void *dev)
{
	if (!m->net) {
		m->net = machine_zalloc(m, sizeof *m->net);
		m->net->m = m;
	}
	struct net_segment *s = m->net;
	if (s->nports == NET_PORTS) {
		machine_fatal(m, "net.c: too many network ports on one segment");
		return &s->ports[NET_PORTS - 1];
	}
	struct net_port *p = &s->ports[s->nports++];
	p->seg = s;
	p->rx = rx;
	p->dev = dev;
	return p;
}

static void net_arrive(struct machine *m, void *arg)
{
	struct net_flight *f = arg;
	struct net_segment *s = f->seg;
	(void)m;
	for (unsigned i = 0; i < s->nports; i++)
		if (i != f->from)
			s->ports[i].rx(s->ports[i].dev, f->frame, f->len);
	f->busy = 0;
}

uint64_t net_transmit(struct net_port *p, const uint8_t *frame, unsigned len)
{
	struct net_segment *s = p->seg;
	struct machine *m = s->m;
	const struct timing_ether *e = &timing_ether;
	uint64_t now = machine_cycles(m), mhz = m->model->timing->mhz;
	uint64_t start = s->wire_free > now ? s->wire_free : now;
	uint64_t bits = (uint64_t)(e->preamble_bytes + len) * 8;
	uint64_t last_bit = start + (bits * mhz + e->wire_mbps - 1) / e->wire_mbps;
	s->wire_free = start + ((bits + e->ifg_bits) * mhz + e->wire_mbps - 1) / e->wire_mbps;
	if (s->nports > 1 && len <= NET_FRAME_MAX) {
		for (unsigned k = 0; k < NET_INFLIGHT; k++) {
			struct net_flight *f = &s->flights[k];
			if (f->busy)
				continue;
			f->busy = 1;
			f->seg = s;
			f->from = (unsigned)(p - s->ports);
			f->len = len;
			memcpy(f->frame, frame, len);
			event_at(m, last_bit, net_arrive, f);
			break;
		}
	}
	return s->wire_free - now;
}
