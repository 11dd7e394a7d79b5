/*
 * ip.c - IPv4 (RFC 791, with RFC 1122 3.2.1's host checks): input
 * checks (version, header length, total length against the frame, the
 * header checksum, TTL, source and destination), options tolerated and
 * skipped, reassembly of fragments (RFC 815's idea with a bitmap of
 * 8-byte units; first-arrived bytes win where fragments overlap), and
 * output with routing (this network, else the gateway) and
 * fragmentation of datagrams larger than the MTU.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "netint.h"

/* ---- reassembly --------------------------------------------------------
 * At most REASM_SLOTS datagrams at once, each at most 65535 bytes of IP
 * (its buffer from the heap: nothing Aegis reads), given up REASM_MS
 * after its first fragment (RFC 1122 3.3.2 suggests 60 s to 120 s at
 * most; 30 s keeps a flood's buffers short-lived). A new datagram when
 * every slot is busy takes the oldest's: a flood of fragments that never
 * complete costs REASM_SLOTS buffers, no more. */
#define REASM_SLOTS	4
#define REASM_MS	30000
#define REASM_MAX	65535		/* IP payload bytes: 65535 - 20 at least */
#define UNITS		(REASM_MAX / 8 + 1)

struct reasm {
	int used;
	uint32_t src, dst, started;
	unsigned proto, id;
	unsigned total;			/* payload bytes, once the last came; 0 unknown */
	uint8_t hdr[60];		/* the first fragment's header (offset 0) */
	unsigned hlen;
	uint8_t *data;			/* REASM_MAX bytes, then the bitmap */
	uint8_t *have;			/* 8-byte units received (UNITS bits) */
};
#define HAVE_BYTES	(UNITS / 8 + 1)
static struct reasm rq[REASM_SLOTS];
static int in_input;			/* ip_input is running (no waiting then) */

static void reasm_free(struct reasm *r)
{
	free(r->data);
	r->data = NULL;
	r->have = NULL;
	r->used = 0;
}

void ip_timer(uint32_t now)
{
	for (int i = 0; i < REASM_SLOTS; i++)
		if (rq[i].used && now - rq[i].started > REASM_MS)
			reasm_free(&rq[i]);
}

static struct reasm *reasm_find(uint32_t src, uint32_t dst, unsigned proto, unsigned id)
{
	struct reasm *old = NULL;
	for (int i = 0; i < REASM_SLOTS; i++) {
		struct reasm *r = &rq[i];
		if (r->used && r->src == src && r->dst == dst && r->proto == proto && r->id == id)
			return r;
	}
	for (int i = 0; i < REASM_SLOTS; i++) {
		struct reasm *r = &rq[i];
		if (!r->used)
			break;
		if (!old || (int32_t)(r->started - old->started) < 0)
			old = r;
	}
	struct reasm *r = NULL;
	for (int i = 0; i < REASM_SLOTS && !r; i++)
		if (!rq[i].used)
			r = &rq[i];
	if (!r) {
		reasm_free(old);
		r = old;
	}
	memset(r, 0, sizeof *r);
	/* The data and its bitmap from the heap: .bss is scarce (a program
	   maps 64 pages at most) and nothing here is Aegis's to read. */
	r->data = malloc(REASM_MAX + HAVE_BYTES);
	if (!r->data)
		return NULL;
	r->have = r->data + REASM_MAX;
	memset(r->have, 0, HAVE_BYTES);
	r->used = 1;
	r->src = src;
	r->dst = dst;
	r->proto = proto;
	r->id = id;
	r->started = net_now_ms();
	return r;
}

static void deliver(const struct ip_in *in, const uint8_t *data, unsigned len)
{
	switch (in->proto) {
	case IPPROTO_ICMP_: icmp_input(in, data, len); break;
	case IPPROTO_UDP_: udp_input(in, data, len); break;
	case IPPROTO_TCP_: tcp_input(in, data, len); break;
	default: break;		/* RFC 1122: a protocol we do not speak (no ICMP error sent) */
	}
}

/* One fragment: data (len bytes) at byte off of the datagram; more: MF. */
static void reassemble(const struct ip_in *in, unsigned off, int more, const uint8_t *data,
		       unsigned len)
{
	/* RFC 791: every fragment but the last carries a multiple of 8. */
	if ((more && (len & 7)) || off + len > REASM_MAX || (more && !len)) {
		net_stat.rx_bad++;
		return;
	}
	struct reasm *r = reasm_find(in->src, in->dst, in->proto, in->id);
	if (!r)
		return;
	unsigned end = off + len;
	/* Two different ends, or data past the end: not one datagram. */
	if ((!more && r->total && r->total != end) || (r->total && end > r->total)) {
		net_stat.rx_bad++;
		reasm_free(r);
		return;
	}
	if (!more)
		r->total = end;
	if (off == 0) {
		memcpy(r->hdr, in->hdr, in->hlen);
		r->hlen = in->hlen;
	}
	/* Unit by unit: what an earlier fragment gave stays (an overlap
	   cannot rewrite a header already checked by its first copy). */
	for (unsigned u = off / 8; u * 8 < end; u++) {
		if (r->have[u / 8] & (1u << (u % 8)))
			continue;
		unsigned from = u * 8, n = end - from < 8 ? end - from : 8;
		memcpy(r->data + from, data + (from - off), n);
		r->have[u / 8] |= (uint8_t)(1u << (u % 8));
	}
	if (!r->total || !r->hlen)
		return;
	for (unsigned u = 0; u * 8 < r->total; u++)
		if (!(r->have[u / 8] & (1u << (u % 8))))
			return;
	struct ip_in whole = *in;
	whole.hdr = r->hdr;
	whole.hlen = r->hlen;
	whole.f = NULL;
	net_stat.ip_reassembled++;
	/* The slot is freed after delivery: the protocol reads the data in
	   place (and copies what it keeps). */
	deliver(&whole, r->data, r->total);
	reasm_free(r);
}

/* ---- input ------------------------------------------------------------- */
int ip_is_local(uint32_t dst)
{
	return dst == net_conf.ip || dst == 0xffffffffu || dst == (net_conf.ip | ~net_conf.mask);
}

static int on_link(uint32_t ip)
{
	return (ip & net_conf.mask) == (net_conf.ip & net_conf.mask);
}

void ip_input(struct rxframe *f)
{
	const uint8_t *h = f->frame + ETH_HLEN;
	unsigned avail = f->len - ETH_HLEN;
	if (avail < IP_HLEN || h[0] >> 4 != 4) {
		net_stat.rx_bad++;
		return;
	}
	unsigned hlen = (h[0] & 15) * 4u, total = get16(h + 2);
	/* The frame may be longer (Ethernet pads to 60 bytes), never shorter. */
	if (hlen < IP_HLEN || total < hlen || total > avail ||
	    (hlen == IP_HLEN ? cksum_ip20(h) : cksum_fold(cksum_add(0, h, hlen))) != 0 ||
	    h[8] == 0) {
		net_stat.rx_bad++;
		return;
	}
	struct ip_in in;
	in.src = get32be(h + 12);
	in.dst = get32be(h + 16);
	in.proto = h[9];
	in.ttl = h[8];
	in.id = get16(h + 4);
	in.hdr = h;
	in.hlen = hlen;
	in.f = f;
	/* RFC 1122 3.2.1.3: no broadcast, multicast, loopback or "this
	   host" source; only our address or a broadcast as destination. */
	if (ip_src_bad(in.src) || !ip_is_local(in.dst)) {
		net_stat.rx_bad++;
		return;
	}
	/* A neighbour's frame tells its station address (it passed the
	   checks, and was sent to us). */
	if (on_link(in.src) && !(f->frame[6] & 1))
		arp_learn(in.src, f->frame + 6);
	unsigned frag = get16(h + 6);
	if (frag & 0x8000) {		/* the reserved flag must be 0 */
		net_stat.rx_bad++;
		return;
	}
	in_input++;
	if (frag & 0x3fff)
		reassemble(&in, (frag & 0x1fff) * 8u, (frag & 0x2000) != 0, h + hlen, total - hlen);
	else
		deliver(&in, h + hlen, total - hlen);
	in_input--;
}

/* ---- output ------------------------------------------------------------ */
static unsigned next_id = 1;

/* Write the headers of b (payload plen bytes, fragment field frag) and
   hand it to ARP for the next hop. Takes b. */
static int output(uint32_t dst, unsigned proto, struct txbuf *b, unsigned plen, unsigned id,
		  unsigned frag)
{
	uint32_t hop;
	int r = ip_next_hop(dst, &hop);
	if (r < 0) {
		txbuf_put(b);
		return r;
	}
	uint8_t *h = b->frame + ETH_HLEN;
	h[0] = 0x45;
	h[1] = 0;
	put16(h + 2, IP_HLEN + plen);
	put16(h + 4, id);
	put16(h + 6, frag);
	h[8] = 64;			/* RFC 1700's default TTL */
	h[9] = (uint8_t)proto;
	put16(h + 10, 0);
	put32be(h + 12, net_conf.ip);
	put32be(h + 16, dst);
	put16(h + 10, cksum_ip20(h));
	put16(b->frame + 12, ETHERTYPE_IP);
	b->len = (uint16_t)(ETH_HLEN + IP_HLEN + plen);
	return arp_output(hop, b);
}

int ip_output(uint32_t dst, unsigned proto, struct txbuf *b, unsigned len)
{
	if (len > ETH_MTU - IP_HLEN) {
		txbuf_put(b);
		return -EMSGSIZE;
	}
	return output(dst, proto, b, len, next_id++ & 0xffff, 0);
}

unsigned ip_take_id(void)
{
	return next_id++ & 0xffff;
}

int ip_next_hop(uint32_t dst, uint32_t *hop)
{
	*hop = dst;
	if (!ip_is_local(dst) && !on_link(dst)) {
		if (!net_conf.gw)
			return -ENETUNREACH;
		*hop = net_conf.gw;
	}
	return 0;
}

/* Before a burst of fragments: resolve the next hop, so that they do
   not all queue in ARP (which keeps only a few). Not from inside
   ip_input (the reply to a big ping): the sender is known there. */
static void resolve_first(uint32_t dst)
{
	uint32_t hop = on_link(dst) || ip_is_local(dst) ? dst : net_conf.gw;
	if (in_input || !hop || ip_is_local(hop) || arp_cached(hop, NULL))
		return;
	arp_request(hop);
	uint32_t end = net_now_ms() + 3500;
	while (!arp_cached(hop, NULL) && (int32_t)(end - net_now_ms()) > 0)
		net_poll(10);
}

int ip_send(uint32_t dst, unsigned proto, const void *hdr, unsigned hlen, const void *data,
	    unsigned len)
{
	unsigned total = hlen + len;
	if (total > 65535 - IP_HLEN)
		return -EMSGSIZE;
	const unsigned per = (ETH_MTU - IP_HLEN) & ~7u;	/* 1480 */
	if (total > ETH_MTU - IP_HLEN)
		resolve_first(dst);
	unsigned id = ip_take_id();
	for (unsigned off = 0; off < total || off == 0; off += per) {
		unsigned n = total - off < per ? total - off : per;
		struct txbuf *b = txbuf_get();
		if (!b)
			return -ENOBUFS;
		uint8_t *p = IP_PAYLOAD(b);
		/* This fragment's bytes of hdr then data. */
		for (unsigned i = 0; i < n;) {
			unsigned at = off + i;
			if (at < hlen) {
				unsigned k = hlen - at < n - i ? hlen - at : n - i;
				memcpy(p + i, (const uint8_t *)hdr + at, k);
				i += k;
			} else {
				memcpy(p + i, (const uint8_t *)data + (at - hlen), n - i);
				i = n;
			}
		}
		int more = off + n < total;
		unsigned frag = (more ? 0x2000 : 0) | off / 8;
		if (total > ETH_MTU - IP_HLEN)
			net_stat.ip_fragments_sent++;
		int r = output(dst, proto, b, n, id, frag);
		if (r < 0)
			return r;
		if (!more)
			break;
	}
	return 0;
}
