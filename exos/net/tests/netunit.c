/*
 * netunit.c - the stack's unit test on one machine: checksums against
 * known vectors (RFC 1071's example, an IPv4 header) and an independent
 * byte-by-byte sum at every alignment; IPv4's input checks, each bad
 * frame crafted and fed through eth_input (dropped and counted, the
 * socket given nothing) beside good ones (options, checksum 0);
 * reassembly in order, out of order, overlapping, duplicated, timed out,
 * flooded; ARP's cache (learning, not learning, expiry, answers);
 * ICMP echo answering; the socket calls' argument checks and the boot
 * configuration (run with a bad ip= and gw=: the defaults kept).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "exos.h"
#include "net/netint.h"

#define US	NET_IP(10, 0, 2, 15)
#define PEER	NET_IP(10, 0, 2, 99)
static const uint8_t peer_mac[6] = { 0x08, 0x00, 0x2b, 0x12, 0x34, 0x56 };

/* Heap memory: the program's image may map AEGIS_MAX_GMAPS (96) pages at most. */
static uint8_t *heap(unsigned n)
{
	uint8_t *p = calloc(1, n);
	if (!p) {
		exos_check(0, "netunit: out of memory");
		exit(exos_test_result());
	}
	return p;
}

/* The test's own sum: RFC 1071's definition, byte pairs big-endian. */
static uint16_t ref_sum(const uint8_t *p, unsigned len)
{
	uint32_t s = 0;
	for (unsigned i = 0; i < len; i++)
		s += i & 1 ? p[i] : (uint32_t)p[i] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

static void test_cksum(void)
{
	/* RFC 1071 section 3: 00 01 f2 03 f4 f5 f6 f7 sums to ddf2. */
	static const uint8_t v[8] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };
	exos_check(cksum_fold(cksum_add(0, v, 8)) == (uint16_t)~0xddf2, "cksum: RFC 1071's example");
	/* An IPv4 header whose checksum is b861 (192.168.0.1 -> .199). */
	uint8_t h[20] = { 0x45, 0, 0x00, 0x73, 0, 0, 0x40, 0, 0x40, 0x11, 0, 0,
			  0xc0, 0xa8, 0, 1, 0xc0, 0xa8, 0, 0xc7 };
	int ok = cksum_fold(cksum_add(0, h, 20)) == 0xb861;
	h[10] = 0xb8, h[11] = 0x61;
	ok &= cksum_fold(cksum_add(0, h, 20)) == 0;
	exos_check(ok, "cksum: an IPv4 header's known checksum, and 0 over it with it");
	uint8_t *buf = heap(2100);	/* 8-aligned */
	uint32_t x = 12345;
	int bad = 0;
	for (unsigned off = 0; off < 4; off++)
		for (unsigned len = 0; len < 70; len++) {
			for (unsigned i = 0; i < len + 4; i++)
				buf[i] = (uint8_t)((x = x * 1103515245u + 12345u) >> 16);
			bad += cksum_fold(cksum_add(0, buf + off, len)) != ref_sum(buf + off, len);
		}
	memset(buf, 0xff, 2100);
	bad += cksum_fold(cksum_add(0, buf + 2, 2048)) != ref_sum(buf + 2, 2048);
	/* Split sums (even pieces) agree with one. */
	bad += cksum_fold(cksum_add(cksum_add(0, buf, 6), buf + 6, 61)) != ref_sum(buf, 67);
	exos_check(!bad, "cksum: every alignment and length agrees with a byte-wise sum (%d differ)", bad);
	/* cksum_ip20, IP's 20-byte header sum, on every alignment (its
	   word path and its fallback), random and all-ones headers. */
	bad = 0;
	for (unsigned k = 0; k < 400; k++) {
		unsigned off = k & 3;
		for (unsigned i = 0; i < 24; i++)
			buf[i] = k >= 396 ? 0xff : (uint8_t)((x = x * 1103515245u + 12345u) >> 16);
		bad += cksum_ip20(buf + off) != (uint16_t)ref_sum(buf + off, 20);
	}
	exos_check(!bad, "cksum: cksum_ip20 agrees with a byte-wise sum (%d of 400 differ)", bad);
	exos_check(cksum_pseudo(NET_IP(10, 0, 0, 1), NET_IP(10, 0, 0, 2), 17, 68) ==
			   0x0a00u + 0x0001u + 0x0a00u + 0x0002u + 17 + 68,
		   "cksum: the pseudo-header's sum");
}

/* ---- crafted frames --------------------------------------------------- */
static uint8_t fr[ETH_HLEN + 1600] __attribute__((aligned(4)));

static void feed(const uint8_t *frame, unsigned len)
{
	struct rxframe f = { .frame = frame, .len = len };
	eth_input(&f);
}

/* An IPv4 frame from PEER: proto, the fragment field, payload; ihl_words
   5 or more (NOP options). Returns its length. */
static unsigned ip_frame(uint8_t *f, uint32_t src, uint32_t dst, unsigned proto, unsigned ihl_words,
			 unsigned id, unsigned frag, const void *payload, unsigned plen)
{
	memcpy(f, net_conf.mac, 6);
	memcpy(f + 6, peer_mac, 6);
	put16(f + 12, ETHERTYPE_IP);
	uint8_t *h = f + ETH_HLEN;
	unsigned hl = ihl_words * 4;
	memset(h, 0, hl);
	h[0] = (uint8_t)(0x40 | ihl_words);
	put16(h + 2, hl + plen);
	put16(h + 4, id);
	put16(h + 6, frag);
	h[8] = 64;
	h[9] = (uint8_t)proto;
	put32be(h + 12, src);
	put32be(h + 16, dst);
	for (unsigned i = 20; i < hl; i++)
		h[i] = 1;	/* NOP */
	put16(h + 10, cksum_fold(cksum_add(0, h, hl)));
	memcpy(h + hl, payload, plen);
	unsigned len = ETH_HLEN + hl + plen;
	while (len < 60)
		f[len++] = 0;
	return len;
}

static void refix(uint8_t *f)
{
	uint8_t *h = f + ETH_HLEN;
	put16(h + 10, 0);
	put16(h + 10, cksum_fold(cksum_add(0, h, (h[0] & 15) * 4u)));
}

/* A UDP datagram (header and data) to port, its checksum right. */
static unsigned udp_dgram(uint8_t *u, uint32_t src, unsigned sport, unsigned dport, const void *data,
			  unsigned dlen)
{
	put16(u, sport);
	put16(u + 2, dport);
	put16(u + 4, UDP_HLEN + dlen);
	put16(u + 6, 0);
	memcpy(u + UDP_HLEN, data, dlen);
	uint16_t c = cksum_fold(cksum_add(cksum_pseudo(src, US, 17, UDP_HLEN + dlen), u, UDP_HLEN + dlen));
	put16(u + 6, c ? c : 0xffff);
	return UDP_HLEN + dlen;
}

/* fr: the datagram u (ul bytes) from PEER in a frame with damage c
   done to it: 0-12 what ip_input or udp_input refuses, 13-18 what only
   the slow path takes (UDP's receive fast path leaves them to it).
   Returns the frame's length. */
#define DAMAGES	19
static unsigned damaged(int c, const uint8_t *u, unsigned ul)
{
	unsigned len = ip_frame(fr, PEER, US, 17, 5, 2, 0, u, ul);
	uint8_t *h = fr + ETH_HLEN;
	switch (c) {
	case 0: h[0] = 0x65; refix(fr); break;
	case 1: h[0] = 0x44; refix(fr); break;
	case 2: put16(h + 2, 200); refix(fr); break;
	case 3: put16(h + 2, 16); refix(fr); break;
	case 4: h[10] ^= 0x10; break;
	case 5: h[8] = 0; refix(fr); break;
	case 6: put32be(h + 16, NET_IP(10, 0, 2, 16)); refix(fr); break;
	case 7: put32be(h + 12, NET_IP(10, 0, 2, 255)); refix(fr); break;
	case 8: h[6] |= 0x80; refix(fr); break;
	case 9: h[20 + 8] ^= 1; break;
	case 10: put16(h + 20 + 4, 100); put16(h + 20 + 6, 0); break;
	case 11: len = ETH_HLEN + 19; break;
	case 12: put32be(h + 12, US); refix(fr); break;
	case 13: len = ip_frame(fr, PEER, US, 17, 8, 3, 0, u, ul); break;	/* options */
	case 14: h[6] |= 0x20; refix(fr); break;				/* MF */
	case 15: put32be(h + 16, NET_IP(10, 0, 2, 255)); refix(fr); break;	/* broadcast */
	case 16: put16(h + 20 + 2, 5001); break;				/* another port */
	case 17: h[9] = 6; refix(fr); break;					/* TCP */
	case 18: put16(fr + 12, ETHERTYPE_ARP); break;
	}
	return len;
}

static int sk;			/* a UDP socket on port 5000 */
static uint8_t *got;	/* 64 KB, from the heap (.bss: AEGIS_MAX_GMAPS pages at most) */
#define GOT_SIZE 65536

/* What reached the socket now: the length of one datagram, or -1. */
static int take(void)
{
	if (!net_readable(sk))
		return -1;
	return net_recv(sk, got, GOT_SIZE);
}

static void test_ip_checks(void)
{
	static uint8_t u[200];
	unsigned ul = udp_dgram(u, PEER, 1234, 5000, "hello", 5);
	unsigned len = ip_frame(fr, PEER, US, 17, 5, 1, 0, u, ul);
	feed(fr, len);
	int n = take();
	exos_check(n == 5 && !memcmp(got, "hello", 5), "ip: a good datagram reaches its socket (%d)", n);

	/* Each bad frame is dropped, counted, and gives the socket nothing. */
	struct { const char *what; int field; } cases[] = {
		{ "version 6", 0 }, { "IHL 4", 1 }, { "total length past the frame", 2 },
		{ "total length below the header", 3 }, { "a bad header checksum", 4 }, { "TTL 0", 5 },
		{ "to another address", 6 }, { "from a broadcast source", 7 }, { "the reserved flag", 8 },
		{ "a bad UDP checksum", 9 }, { "UDP length past the datagram", 10 },
		{ "too short for an IP header", 11 }, { "from our own address", 12 },
	};
	for (unsigned c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		len = damaged(cases[c].field, u, ul);
		struct net_stats a, b;
		net_get_stats(&a);
		feed(fr, len);
		net_get_stats(&b);
		n = take();
		exos_check(n < 0 && b.rx_bad == a.rx_bad + 1, "ip: dropped and counted: %s (%d)", cases[c].what, n);
	}
	/* Options are skipped; a zero UDP checksum means none. */
	len = ip_frame(fr, PEER, US, 17, 8, 3, 0, u, ul);
	feed(fr, len);
	n = take();
	exos_check(n == 5 && !memcmp(got, "hello", 5), "ip: 12 bytes of options skipped (%d)", n);
	put16(u + 6, 0);
	len = ip_frame(fr, PEER, US, 17, 5, 4, 0, u, ul);
	feed(fr, len);
	n = take();
	exos_check(n == 5, "udp: checksum 0 (none sent) accepted (%d)", n);
	/* A broadcast to the network is ours too. */
	ul = udp_dgram(u, PEER, 1234, 5000, "bcast", 5);
	put16(u + 6, 0);
	len = ip_frame(fr, PEER, NET_IP(10, 0, 2, 255), 17, 5, 5, 0, u, ul);
	feed(fr, len);
	n = take();
	exos_check(n == 5 && !memcmp(got, "bcast", 5), "ip: the network's broadcast accepted (%d)", n);
	/* A port nobody has: nothing queued anywhere, ICMP port unreachable
	   sent (one frame); to the broadcast address, nothing sent. */
	struct net_stats s0, s1, s2;
	net_get_stats(&s0);
	ul = udp_dgram(u, PEER, 1234, 5001, "nobody", 6);
	len = ip_frame(fr, PEER, US, 17, 5, 6, 0, u, ul);
	feed(fr, len);
	net_get_stats(&s1);
	ul = udp_dgram(u, PEER, 1234, 5001, "nobody", 6);
	put16(u + 6, 0);
	len = ip_frame(fr, PEER, NET_IP(10, 0, 2, 255), 17, 5, 7, 0, u, ul);
	feed(fr, len);
	net_get_stats(&s2);
	exos_check(take() < 0 && s1.tx_frames == s0.tx_frames + 1 && s2.tx_frames == s1.tx_frames,
		   "udp: a port nobody listens on: nothing queued, ICMP port unreachable sent (not for a broadcast)");
}

/* ---- reassembly ----------------------------------------------------------- */
static uint8_t *whole;	/* a UDP datagram of 3000 bytes of data (heap: .bss is scarce) */
static unsigned whole_len;

static void frag(unsigned id, unsigned off, unsigned n, int more, const uint8_t *src)
{
	unsigned len = ip_frame(fr, PEER, US, 17, 5, id, (more ? 0x2000 : 0) | off / 8, src + off, n);
	feed(fr, len);
}

static int whole_ok(int n)
{
	return n == (int)whole_len - UDP_HLEN && !memcmp(got, whole + UDP_HLEN, whole_len - UDP_HLEN);
}

static void test_reassembly(void)
{
	uint8_t *data = heap(3000);
	whole = heap(4000);
	for (unsigned i = 0; i < 3000; i++)
		data[i] = (uint8_t)(i * 13 + 1);
	whole_len = udp_dgram(whole, PEER, 1234, 5000, data, 3000);	/* 3008 */
	struct net_stats a, b;
	net_get_stats(&a);
	frag(10, 0, 1480, 1, whole);
	frag(10, 1480, 1480, 1, whole);
	exos_check(take() < 0, "reassembly: nothing before the last fragment");
	frag(10, 2960, whole_len - 2960, 0, whole);
	int n = take();
	net_get_stats(&b);
	exos_check(whole_ok(n) && b.ip_reassembled == a.ip_reassembled + 1, "reassembly: in order (%d)", n);

	frag(11, 2960, whole_len - 2960, 0, whole);
	frag(11, 1480, 1480, 1, whole);
	frag(11, 0, 1480, 1, whole);
	n = take();
	exos_check(whole_ok(n), "reassembly: out of order (%d)", n);

	frag(12, 0, 1480, 1, whole);
	frag(12, 0, 1480, 1, whole);
	frag(12, 1480, 1480, 1, whole);
	frag(12, 2960, whole_len - 2960, 0, whole);
	frag(12, 2960, whole_len - 2960, 0, whole);
	n = take();
	exos_check(whole_ok(n) && take() < 0, "reassembly: duplicates, delivered once (%d)", n);

	/* Overlaps: the bytes that came first stay. Without a UDP checksum
	   (0), a second copy of bytes 800..2279 with other contents comes
	   between the true fragments: 0..1479 come from the first fragment,
	   1480..2279 from the liar (first there), the rest true. */
	uint8_t *plain = heap(4000), *liar = heap(4000), *want = heap(4000);
	memcpy(plain, whole, 4000);
	put16(plain + 6, 0);
	memcpy(liar, plain, 4000);
	for (unsigned i = 800; i < 2280; i++)
		liar[i] ^= 0x5a;
	memcpy(want, plain, 4000);
	memcpy(want + 1480, liar + 1480, 800);
	frag(13, 0, 1480, 1, plain);
	frag(13, 800, 1480, 1, liar);
	frag(13, 1480, 1480, 1, plain);
	frag(13, 2960, whole_len - 2960, 0, plain);
	n = take();
	exos_check(n == (int)whole_len - UDP_HLEN && !memcmp(got, want + UDP_HLEN, whole_len - UDP_HLEN),
		   "reassembly: overlapping fragments with other contents: the first bytes kept (%d)", n);
	/* With the checksum, the same mix is refused by UDP. */
	memcpy(liar, whole, 4000);
	for (unsigned i = 800; i < 2280; i++)
		liar[i] ^= 0x5a;
	frag(18, 0, 1480, 1, whole);
	frag(18, 800, 1480, 1, liar);
	frag(18, 1480, 1480, 1, whole);
	frag(18, 2960, whole_len - 2960, 0, whole);
	n = take();
	exos_check(n < 0, "reassembly: that mix fails UDP's checksum (%d)", n);
	frag(14, 0, 1480, 1, whole);
	frag(14, 800, 1480, 1, whole);
	frag(14, 1480, 1480, 1, whole);
	frag(14, 2960, whole_len - 2960, 0, whole);
	n = take();
	exos_check(whole_ok(n), "reassembly: overlapping fragments with the same contents (%d)", n);

	/* A non-last fragment not a multiple of 8 long: refused. */
	net_get_stats(&a);
	frag(15, 0, 1476, 1, whole);
	net_get_stats(&b);
	exos_check(b.rx_bad == a.rx_bad + 1, "reassembly: a middle fragment of 1476 bytes refused");

	/* Time out: the first part, then 31 s pass, then the rest: the
	   datagram is never completed. */
	frag(16, 0, 1480, 1, whole);
	frag(16, 1480, 1480, 1, whole);
	ip_timer(net_now_ms() + 31000);
	frag(16, 2960, whole_len - 2960, 0, whole);
	exos_check(take() < 0, "reassembly: given up after 30 s");
	ip_timer(net_now_ms() + 62000);	/* and that lone last fragment */

	/* A flood of datagrams that never complete: a real one after it
	   still reassembles (the oldest slots are taken over). */
	for (unsigned id = 100; id < 140; id++)
		frag(id, 0, 1480, 1, whole);
	frag(200, 0, 1480, 1, whole);
	frag(200, 1480, 1480, 1, whole);
	frag(200, 2960, whole_len - 2960, 0, whole);
	n = take();
	exos_check(whole_ok(n), "reassembly: after a flood of 40 incomplete datagrams (%d)", n);
	/* Two different ends for one datagram: dropped. */
	frag(17, 2960, whole_len - 2960, 0, whole);
	frag(17, 1480, 1480 - 8, 0, whole);
	frag(17, 0, 1480, 1, whole);
	frag(17, 1480, 1480, 1, whole);
	exos_check(take() < 0, "reassembly: two different ends: dropped");
	ip_timer(net_now_ms() + 93000);
}

/* ---- ARP -------------------------------------------------------------- */
static unsigned arp_frame(uint8_t *f, unsigned op, const uint8_t *sha, uint32_t spa, uint32_t tpa)
{
	memset(f, 0xff, 6);
	memcpy(f + 6, sha, 6);
	put16(f + 12, ETHERTYPE_ARP);
	uint8_t *a = f + ETH_HLEN;
	put16(a, 1);
	put16(a + 2, ETHERTYPE_IP);
	a[4] = 6, a[5] = 4;
	put16(a + 6, op);
	memcpy(a + 8, sha, 6);
	put32be(a + 14, spa);
	memset(a + 18, 0, 6);
	put32be(a + 24, tpa);
	return 60;
}

static void test_arp(void)
{
	static const uint8_t m1[6] = { 0x08, 0, 0x2b, 1, 1, 1 }, m2[6] = { 0x08, 0, 0x2b, 2, 2, 2 };
	uint8_t mac[6];
	struct net_stats a, b;
	net_get_stats(&a);
	feed(fr, arp_frame(fr, 1, m1, NET_IP(10, 0, 2, 77), US));
	net_get_stats(&b);
	exos_check(arp_cached(NET_IP(10, 0, 2, 77), mac) && !memcmp(mac, m1, 6) &&
			   b.arp_replies == a.arp_replies + 1 && b.tx_frames == a.tx_frames + 1,
		   "arp: a request for us: its sender learnt, a reply sent");
	feed(fr, arp_frame(fr, 1, m2, NET_IP(10, 0, 2, 66), NET_IP(10, 0, 2, 88)));
	exos_check(!arp_cached(NET_IP(10, 0, 2, 66), NULL), "arp: a request for another host: nothing learnt");
	feed(fr, arp_frame(fr, 2, m2, NET_IP(10, 0, 2, 77), NET_IP(10, 0, 2, 88)));
	exos_check(arp_cached(NET_IP(10, 0, 2, 77), mac) && !memcmp(mac, m2, 6),
		   "arp: a known host's new station address replaces the old (RFC 826's merge)");
	net_get_stats(&a);
	uint8_t *p = fr + ETH_HLEN;
	arp_frame(fr, 1, m1, NET_IP(10, 0, 2, 55), US);
	p[4] = 5;
	feed(fr, 60);
	net_get_stats(&b);
	exos_check(b.rx_bad == a.rx_bad + 1 && !arp_cached(NET_IP(10, 0, 2, 55), NULL),
		   "arp: a bad hardware length refused");
	arp_timer(net_now_ms() + 11 * 60 * 1000);
	exos_check(!arp_cached(NET_IP(10, 0, 2, 77), NULL), "arp: entries expire (10 minutes)");
	/* A frame to an unknown neighbour waits; ARP asks 3 times, then drops it. */
	net_get_stats(&a);
	int s = net_socket(NET_UDP);
	int r = net_sendto(s, "x", 1, NET_IP(10, 0, 2, 44), 9);
	uint32_t t = net_now_ms();
	for (int i = 1; i <= 4; i++)
		arp_timer(t + i * 1100u);
	net_get_stats(&b);
	exos_check(r == 1 && b.arp_requests == a.arp_requests + 3 && !arp_cached(NET_IP(10, 0, 2, 44), NULL),
		   "arp: an unanswered address asked 3 times (%u)", b.arp_requests - a.arp_requests);
	net_close(s);
}

/* udp_tmpl.c's frames: every header field and both checksums by the
   test's own sum, an odd length from an odd address, the next
   identification, a rebuild when ARP's entry changes, and the cases it
   leaves to the slow path. */
static int tmpl_frame_ok(const uint8_t *f, int n, const uint8_t *mac, uint32_t dst, unsigned sport,
			 unsigned dport, const uint8_t *data, unsigned len)
{
	const uint8_t *ip = f + ETH_HLEN, *u = ip + IP_HLEN;
	static uint8_t ps[12 + UDP_HLEN + ETH_MTU];
	if (n != (int)(ETH_HLEN + IP_HLEN + UDP_HLEN + len) || memcmp(f, mac, 6) ||
	    memcmp(f + 6, net_config()->mac, 6) || get16(f + 12) != ETHERTYPE_IP)
		return 0;
	if (ip[0] != 0x45 || ip[1] || get16(ip + 2) != IP_HLEN + UDP_HLEN + len || get16(ip + 6) ||
	    ip[8] != 64 || ip[9] != IPPROTO_UDP_ || get32be(ip + 12) != US || get32be(ip + 16) != dst ||
	    ref_sum(ip, IP_HLEN) != 0)
		return 0;
	if (get16(u) != sport || get16(u + 2) != dport || get16(u + 4) != UDP_HLEN + len ||
	    get16(u + 6) == 0 || memcmp(u + UDP_HLEN, data, len))
		return 0;
	/* RFC 768's pseudo-header, then the datagram: sums to 0 with its checksum. */
	memcpy(ps, ip + 12, 8);
	ps[8] = 0, ps[9] = IPPROTO_UDP_;
	put16(ps + 10, UDP_HLEN + len);
	memcpy(ps + 12, u, UDP_HLEN + len);
	return ref_sum(ps, 12 + UDP_HLEN + len) == 0;
}

static void test_tmpl(void)
{
	static const uint8_t m2[6] = { 0x08, 0, 0x2b, 2, 2, 2 };
	static struct txbuf b;
	static struct udp_tmpl t;
	uint8_t *data = heap(1600);
	for (unsigned i = 0; i < 1600; i++)
		data[i] = (uint8_t)(i * 13 + 5);
	feed(fr, arp_frame(fr, 1, peer_mac, PEER, US));
	int n = udp_tmpl_frame(&t, 5001, data, 60, PEER, 7, &b);
	unsigned id1 = get16(b.frame + ETH_HLEN + 4);
	exos_check(tmpl_frame_ok(b.frame, n, peer_mac, PEER, 5001, 7, data, 60),
		   "udp_tmpl: a 60-byte datagram's frame: every field, both checksums (%d)", n);
	n = udp_tmpl_frame(&t, 5001, data + 1, 61, PEER, 7, &b);
	exos_check(tmpl_frame_ok(b.frame, n, peer_mac, PEER, 5001, 7, data + 1, 61) &&
			   get16(b.frame + ETH_HLEN + 4) == ((id1 + 1) & 0xffff),
		   "udp_tmpl: an odd length from an odd address, the next identification");
	n = udp_tmpl_frame(&t, 5001, data, 1472, PEER, 9, &b);
	exos_check(tmpl_frame_ok(b.frame, n, peer_mac, PEER, 5001, 9, data, 1472),
		   "udp_tmpl: another port: rebuilt; a full frame (1472 bytes)");
	feed(fr, arp_frame(fr, 2, m2, PEER, US));
	n = udp_tmpl_frame(&t, 5001, data, 60, PEER, 9, &b);
	exos_check(tmpl_frame_ok(b.frame, n, m2, PEER, 5001, 9, data, 60),
		   "udp_tmpl: the peer's new station address (ARP) is used at once");
	exos_check(udp_tmpl_frame(&t, 5001, data, 1473, PEER, 9, &b) == UDP_TMPL_NO &&
			   udp_tmpl_frame(&t, 5001, data, 60, NET_IP(10, 0, 2, 255), 9, &b) == UDP_TMPL_NO &&
			   udp_tmpl_frame(&t, 5001, data, 60, US, 9, &b) == UDP_TMPL_NO &&
			   udp_tmpl_frame(&t, 5001, data, 60, NET_IP(10, 0, 2, 43), 9, &b) == UDP_TMPL_NO &&
			   udp_tmpl_frame(&t, 5001, data, 60, NET_IP(192, 168, 9, 9), 9, &b) == UDP_TMPL_NO,
		   "udp_tmpl: left to the slow path: too long, broadcast, ourselves, unresolved, no route");
	free(data);
}

static void test_icmp(void)
{
	static uint8_t e[64];
	memset(e, 0, sizeof e);
	e[0] = 8;
	put16(e + 4, 7);
	put16(e + 6, 1);
	memcpy(e + 8, "ping data", 9);
	put16(e + 2, cksum_fold(cksum_add(0, e, sizeof e)));
	struct net_stats a, b;
	net_get_stats(&a);
	feed(fr, ip_frame(fr, PEER, US, 1, 5, 30, 0, e, sizeof e));
	net_get_stats(&b);
	exos_check(b.icmp_echo_answered == a.icmp_echo_answered + 1 && b.tx_frames == a.tx_frames + 1,
		   "icmp: an echo request answered");
	feed(fr, ip_frame(fr, PEER, NET_IP(10, 0, 2, 255), 1, 5, 31, 0, e, sizeof e));
	e[9] ^= 1;
	feed(fr, ip_frame(fr, PEER, US, 1, 5, 32, 0, e, sizeof e));
	e[9] ^= 1;
	e[0] = 13;	/* a timestamp request: ignored */
	put16(e + 2, 0);
	put16(e + 2, cksum_fold(cksum_add(0, e, sizeof e)));
	feed(fr, ip_frame(fr, PEER, US, 1, 5, 33, 0, e, sizeof e));
	net_get_stats(&a);
	exos_check(a.icmp_echo_answered == b.icmp_echo_answered && a.tx_frames == b.tx_frames &&
			   a.rx_bad == b.rx_bad + 1,
		   "icmp: broadcast echo, a bad checksum, another type: not answered");
}

/* Zero copy: a datagram read in place and given back; a buffer filled
   and sent (to a neighbour whose station address is known). */
static void test_zero_copy(void)
{
	static uint8_t u[100];
	unsigned ul = udp_dgram(u, PEER, 1234, 5000, "zero copy", 9);
	feed(fr, ip_frame(fr, PEER, US, 17, 5, 40, 0, u, ul));
	struct net_buf *b = NULL;
	int n = net_recv_zc(sk, &b);
	exos_check(n == 9 && b && b->len == 9 && !memcmp(b->data, "zero copy", 9) && b->ip == PEER && b->port == 1234,
		   "zero copy: a datagram received in place, its sender given (%d)", n);
	net_buf_release(b);
	exos_check(take() < 0, "zero copy: released, nothing left");
	struct net_stats a, c;
	net_get_stats(&a);
	struct net_buf *t = net_buf_get(sk, 5);
	exos_check(net_buf_get(sk, 1473) == NULL, "zero copy: no buffer past one frame's payload (1472)");
	int r = -1;
	if (t) {
		memcpy(t->data, "reply", 5);
		r = net_sendto_zc(sk, t, PEER, 1234);	/* PEER is known: learnt from its frames */
	}
	net_get_stats(&c);
	exos_check(t && r == 5 && c.tx_frames == a.tx_frames + 1 && c.udp_out == a.udp_out + 1,
		   "zero copy: a buffer filled in place and sent (%d)", r);
	/* Every buffer handed out comes back: 100 rounds of get and release. */
	int all = 1;
	for (int i = 0; i < 100 && all; i++) {
		struct net_buf *x = net_buf_get(sk, 100);
		all = x != NULL;
		net_buf_release(x);
	}
	exos_check(all, "zero copy: buffers released are reused");
}

/* Hostile input: 20000 frames, each a good one (UDP, a fragment, ARP,
   ICMP echo) with 1 to 8 random bytes changed and a random length; the
   stack must survive, and work as before afterwards. */
static void test_mutations(void)
{
	uint8_t *good[4];
	static unsigned glen[4];
	for (int i = 0; i < 4; i++)
		good[i] = heap(ETH_HLEN + 1600);
	static uint8_t u[600];
	unsigned ul = udp_dgram(u, PEER, 1234, 5000, "mutant", 6);
	glen[0] = ip_frame(good[0], PEER, US, 17, 5, 50, 0, u, ul);
	glen[1] = ip_frame(good[1], PEER, US, 17, 6, 51, 0x2000 | 10, u, 512);
	glen[2] = arp_frame(good[2], 1, peer_mac, PEER, US);
	static uint8_t e[40];
	e[0] = 8;
	put16(e + 2, cksum_fold(cksum_add(0, e, sizeof e)));
	glen[3] = ip_frame(good[3], PEER, US, 1, 5, 52, 0, e, sizeof e);
	uint32_t x = 2718281;
	struct net_stats a, b;
	net_get_stats(&a);
	for (int i = 0; i < 20000; i++) {
		x = x * 1103515245u + 12345u;
		unsigned k = (x >> 16) & 3;
		memcpy(fr, good[k], glen[k]);
		unsigned len = glen[k];
		unsigned changes = 1 + ((x >> 20) & 7);
		for (unsigned c = 0; c < changes; c++) {
			x = x * 1103515245u + 12345u;
			fr[14 + (x >> 16) % (len - 14)] = (uint8_t)(x >> 8);
		}
		x = x * 1103515245u + 12345u;
		if (((x >> 16) & 7) == 0)
			len = 14 + (x >> 19) % (len - 14 + 1);	/* cut short */
		feed(fr, len);
		while (take() >= 0)
			;	/* what got through (a changed payload with checksum 0 may) */
	}
	ip_timer(net_now_ms() + 31000);
	net_get_stats(&b);
	feed(good[0], glen[0]);
	int n = take();
	exos_check(n == 6 && !memcmp(got, "mutant", 6) && b.rx_bad - a.rx_bad > 10000,
		   "hostile: 20000 damaged frames survived (%u refused as bad), a good one still arrives",
		   b.rx_bad - a.rx_bad);
}

/* ---- UDP's receive fast path (udp_rxfast.c) ----------------------------
 * It must take only what the slow path (eth_input, ip_input, udp_input)
 * would deliver to the socket, and deliver it the same: each frame here
 * goes to both, the fast path reading it at a ring slot's alignment (2
 * bytes past a word). */
static uint8_t slotbuf[ETH_HLEN + 1600 + 4] __attribute__((aligned(4)));
static uint8_t *fastbuf;	/* GOT_SIZE, heap */

/* Frame f (len bytes) through both: 1 when they agree (the fast path
   refused, or both gave the same datagram); *fast_n the fast path's. */
static int both_paths(const uint8_t *f, unsigned len, int *fast_n)
{
	static struct udp_tmpl none;
	uint8_t *at = slotbuf + 2;
	memcpy(at, f, len);
	struct rxframe rf = { .frame = at, .len = len };
	uint32_t ip = 0;
	unsigned port = 0;
	int n = udp_rxfast(&rf, 5000, &none, fastbuf, GOT_SIZE, &ip, &port);
	*fast_n = n;
	feed(f, len);
	uint32_t sip = 0;
	unsigned sport = 0;
	int m = net_readable(sk) ? net_recvfrom(sk, got, GOT_SIZE, &sip, &sport) : -1;
	while (net_readable(sk))
		net_recv(sk, got + 4096, GOT_SIZE - 4096);	/* (not expected) */
	if (n == UDP_RXFAST_NO)
		return 1;
	return n == m && ip == sip && port == sport && !memcmp(fastbuf, got, (size_t)n);
}

static void test_rxfast(void)
{
	fastbuf = heap(GOT_SIZE);
	static uint8_t u[1600];
	int n;
	unsigned ul = udp_dgram(u, PEER, 1234, 5000, "a counter message!", 18);
	unsigned len = ip_frame(fr, PEER, US, 17, 5, 1, 0, u, ul);
	exos_check(len == 60 && both_paths(fr, len, &n) && n == 18 && !memcmp(fastbuf, "a counter message!", 18),
		   "rxfast: Table 11's 60-byte frame taken, as the slow path takes it (%d)", n);
	ul = udp_dgram(u, PEER, 1234, 5000, got + 100, 1472);
	len = ip_frame(fr, PEER, US, 17, 5, 1, 0x4000, u, ul);	/* DF */
	exos_check(both_paths(fr, len, &n) && n == 1472, "rxfast: a full frame, DF set (%d)", n);
	/* A frame at a word (not a ring slot's alignment): the slow path. */
	struct rxframe rf = { .frame = fr, .len = len };
	uint32_t ip;
	unsigned port;
	static struct udp_tmpl none;
	exos_check(udp_rxfast(&rf, 5000, &none, fastbuf, GOT_SIZE, &ip, &port) == UDP_RXFAST_NO,
		   "rxfast: a frame not 2 bytes past a word goes the slow way");
	/* Each frame ip's checks refuse, and what the fast path leaves to
	   the slow one (options, fragments, broadcasts, another port, a
	   datagram longer than the reader's buffer): refused. */
	ul = udp_dgram(u, PEER, 1234, 5000, "hello", 5);
	int refused = 0, cases = 0;
	for (int c = 0; c < DAMAGES; c++, cases++) {
		len = damaged(c, u, ul);
		refused += both_paths(fr, len, &n) && n == UDP_RXFAST_NO;
	}
	exos_check(refused == cases, "rxfast: %d of %d bad or unusual frames left to the slow path", refused, cases);
	len = ip_frame(fr, PEER, US, 17, 5, 2, 0, u, ul);
	rf.frame = slotbuf + 2;
	memcpy(slotbuf + 2, fr, len);
	rf.len = len;
	exos_check(udp_rxfast(&rf, 5000, &none, fastbuf, 4, &ip, &port) == UDP_RXFAST_NO &&
		   udp_rxfast(&rf, 5000, &none, fastbuf, 5, &ip, &port) == 5 && ip == PEER && port == 1234,
		   "rxfast: a datagram longer than the buffer goes the slow way (it truncates)");
	/* 20000 damaged copies of a good frame: whatever the fast path
	   takes, the slow path delivers the same. */
	static uint8_t good[ETH_HLEN + 1600];
	ul = udp_dgram(u, PEER, 1234, 5000, "a counter message!", 18);
	unsigned glen = ip_frame(good, PEER, US, 17, 5, 9, 0, u, ul);
	put16(u + 6, 0);
	static uint8_t good0[ETH_HLEN + 1600];
	unsigned g0len = ip_frame(good0, PEER, US, 17, 5, 9, 0, u, ul);	/* no UDP checksum */
	uint32_t x = 314159;
	int agree = 0, taken = 0;
	for (int i = 0; i < 20000; i++) {
		x = x * 1103515245u + 12345u;
		int k = (x >> 16) & 1;
		memcpy(fr, k ? good0 : good, glen);
		len = k ? g0len : glen;
		unsigned changes = 1 + ((x >> 20) & 3);
		for (unsigned c = 0; c < changes; c++) {
			x = x * 1103515245u + 12345u;
			fr[(x >> 16) % len] = (uint8_t)(x >> 8);
		}
		agree += both_paths(fr, len, &n);
		taken += n >= 0;
	}
	exos_check(agree == 20000 && taken > 0,
		   "rxfast: 20000 damaged frames: the fast path took %d, each as the slow path did (%d agree)",
		   taken, agree);
}

static void test_calls(void)
{
	uint32_t ip = 1;
	exos_check(net_parse_ip("10.0.2.15", &ip) == 0 && ip == US && net_parse_ip("10.0.2", &ip) < 0 &&
			   net_parse_ip("10.0.2.256", &ip) < 0 && net_parse_ip("10.0.2.1x", &ip) < 0 &&
			   net_parse_ip("", &ip) < 0 && net_parse_ip("1..2.3", &ip) < 0 && ip == US,
		   "calls: net_parse_ip");
	char str[16];
	exos_check(!strcmp(net_ip_str(NET_IP(192, 168, 0, 255), str), "192.168.0.255"), "calls: net_ip_str");
	const struct net_config *c = net_config();
	exos_check(c->ip == US && c->mask == 0xffffff00u && c->gw == 0,
		   "config: bad ip= and gw= reported, defaults kept (10.0.2.15/24, no gateway)");
	int so = net_socket(NET_UDP);
	exos_check(net_sendto(so, "x", 1, NET_IP(192, 168, 1, 1), 9) == -ENETUNREACH,
		   "routing: another network without a gateway: -ENETUNREACH");
	net_close(so);
	exos_check(net_socket(99) == -EPROTONOSUPPORT && net_bind(-1, 1) == -EBADF && net_bind(31, 1) == -EBADF &&
			   net_send(77, "", 0) == -EBADF && net_close(-5) == -EBADF,
		   "calls: bad socket ids and types refused");
	int s = net_socket(NET_UDP);
	exos_check(net_bind(s, 5000) == -EADDRINUSE && net_bind(s, 70000) == -EINVAL,
		   "calls: a port in use, a port past 65535");
	exos_check(net_sendto(s, got, 65508, PEER, 9) == -EMSGSIZE && net_send(s, "x", 1) == -EDESTADDRREQ &&
			   net_connect(s, US, 9) == -EINVAL,
		   "calls: too big, no destination, connecting to ourselves");
	net_bind(s, 5002);
	net_set_timeout(s, 30);
	uint32_t t0 = net_now_ms();
	int r = net_recv(s, got, 10);
	uint32_t dt = net_now_ms() - t0;
	exos_check(r == -ETIMEDOUT && dt >= 30 && dt < 500, "calls: a receive times out (%d, %u ms)", r, dt);
	exos_check(net_close(s) == 0 && net_close(s) == -EBADF, "calls: close, twice");
	/* A socket table's worth, then one more. */
	int ids[NET_MAX_SOCKETS], k = 0, last;
	while ((last = net_socket(NET_UDP)) >= 0 && k < NET_MAX_SOCKETS)
		ids[k++] = last;
	exos_check(last == -EMFILE, "calls: the table full: -EMFILE after %d", k);
	for (int i = 0; i < k; i++)
		net_close(ids[i]);
}

/* The second run (boot words "netunit=gw ip=10.0.3.7/16 gw=10.0.0.1"):
   the words taken, and a datagram for another network goes to the
   gateway's station address once ARP has it. */
static int gateway_run(void)
{
	const struct net_config *c = net_config();
	const uint32_t gw = NET_IP(10, 0, 0, 1);
	exos_check(c->ip == NET_IP(10, 0, 3, 7) && c->mask == 0xffff0000u && c->gw == gw,
		   "config: ip=10.0.3.7/16 gw=10.0.0.1 taken");
	struct net_stats a, b;
	net_get_stats(&a);
	int s = net_socket(NET_UDP);
	int r = net_sendto(s, "via the router", 14, NET_IP(192, 168, 1, 1), 9);
	net_get_stats(&b);
	exos_check(r == 14 && b.arp_requests == a.arp_requests + 1 && b.tx_frames == a.tx_frames + 1 &&
			   !arp_cached(NET_IP(192, 168, 1, 1), NULL),
		   "routing: another network's datagram waits for the gateway's ARP reply (one request sent)");
	static const uint8_t gmac[6] = { 0x08, 0, 0x2b, 9, 9, 9 };
	memcpy(fr, net_conf.mac, 6);
	memcpy(fr + 6, gmac, 6);
	put16(fr + 12, ETHERTYPE_ARP);
	uint8_t *p = fr + ETH_HLEN;
	put16(p, 1), put16(p + 2, ETHERTYPE_IP), p[4] = 6, p[5] = 4, put16(p + 6, 2);
	memcpy(p + 8, gmac, 6), put32be(p + 14, gw), memcpy(p + 18, net_conf.mac, 6), put32be(p + 24, c->ip);
	feed(fr, 60);
	uint8_t mac[6];
	net_get_stats(&a);
	exos_check(arp_cached(gw, mac) && !memcmp(mac, gmac, 6) && a.tx_frames == b.tx_frames + 1,
		   "routing: the gateway's reply sends the waiting datagram");
	net_close(s);
	return exos_test_result();
}

int main(void)
{
	got = malloc(GOT_SIZE);
	int r = got ? net_init() : -ENOMEM;
	exos_check(r == 0 && net_is_host, "net_init: up, the host (%d)", r);
	if (r)
		return exos_test_result();
	char w[8];
	if (exos_boot_arg("netunit", w, sizeof w) == 0 && !strcmp(w, "gw"))
		return gateway_run();
	test_cksum();
	sk = net_socket(NET_UDP);
	exos_check(sk >= 0 && net_bind(sk, 5000) == 0, "udp: a socket on port 5000");
	test_ip_checks();
	test_reassembly();
	test_arp();
	test_tmpl();
	test_icmp();
	test_zero_copy();
	test_mutations();
	test_rxfast();
	test_calls();
	return exos_test_result();
}
