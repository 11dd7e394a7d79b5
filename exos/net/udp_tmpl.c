/*
 * udp_tmpl.c - UDP's send fast path (netint.h, struct udp_tmpl): a
 * socket keeps the Ethernet, IP and UDP headers of its last destination,
 * built once with the sums of the fields that do not change, so that a
 * datagram of one frame costs a 42-byte copy, the data's copy and sum,
 * and a few stores (the paper's ExOS sent Table 11's replies so: "a
 * precomputed header"). Before: each datagram went through udp_header,
 * udp_sum's pseudo-header, ip.c's output (every header byte and its
 * checksum) and arp_output's cache search, about 300 cycles a datagram
 * on the 25 MHz R3000 (issue 21's profile of Table 11).
 *
 * The header is the one the slow path would build (RFC 791 with
 * ip.c's TTL 64, RFC 768's checksum never 0): exos/net/tests/netunit.c
 * checks a built frame's fields and both checksums, and that a changed
 * ARP entry rebuilds it; the net-pair tests' peers (ExOS, Linux) drop
 * any datagram whose checksums are wrong.
 */
#include <errno.h>
#include <string.h>
#include "netint.h"

/* Build t for ip:port from sport: 0, or UDP_TMPL_NO when the fast path
   does not apply (the slow path handles broadcasts, ARP's waits, no
   route). */
static int build(struct udp_tmpl *t, unsigned sport, uint32_t ip, unsigned port)
{
	uint32_t hop;
	t->ip = 0;
	if (ip_is_local(ip) || ip_next_hop(ip, &hop) != 0)
		return UDP_TMPL_NO;
	uint8_t *h = t->hdr;
	unsigned gen = arp_generation;
	if (!arp_cached(hop, h))
		return UDP_TMPL_NO;
	memcpy(h + 6, net_conf.mac, 6);
	put16(h + 12, ETHERTYPE_IP);
	uint8_t *iph = h + ETH_HLEN;
	memset(iph, 0, IP_HLEN + UDP_HLEN);
	iph[0] = 0x45;
	iph[8] = 64;			/* ip.c's TTL */
	iph[9] = IPPROTO_UDP_;
	put32be(iph + 12, net_conf.ip);
	put32be(iph + 16, ip);
	uint8_t *uh = iph + IP_HLEN;
	put16(uh, sport);
	put16(uh + 2, port);
	/* Length, identification and checksum are 0 here: each datagram
	   adds its own to these sums. */
	t->ipsum = cksum_add(0, iph, IP_HLEN);
	t->usum = cksum_pseudo(net_conf.ip, ip, IPPROTO_UDP_, 0) + ((uint32_t)sport + port);
	t->port = port;
	t->sport = sport;
	t->gen = gen;
	t->src = net_conf.ip;
	t->ip = ip;
	return 0;
}

/* The header is written a word at a time (swap16, netint.h). */
#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "udp_tmpl.c writes header words for a little-endian machine"
#endif

int udp_tmpl_frame(struct udp_tmpl *t, unsigned sport, const void *buf, unsigned len, uint32_t ip,
		   unsigned port, struct txbuf *b)
{
	if (len > ETH_MTU - IP_HLEN - UDP_HLEN)
		return UDP_TMPL_NO;
	if (t->ip != ip || t->port != port || t->sport != sport || t->gen != arp_generation ||
	    t->src != net_conf.ip) {
		if (build(t, sport, ip, port) != 0)
			return UDP_TMPL_NO;
	}
	/* The 42 bytes from the template (both 2 past a word: a halfword,
	   then words), the changing ones as whole words: IP's version,
	   length; identification, fragment 0; TTL, protocol, checksum;
	   UDP's length and checksum. */
	uint8_t *f = b->frame, *uh = f + ETH_HLEN + IP_HLEN;
	uint32_t *fw = (uint32_t *)(void *)(f + 2);
	const uint32_t *tw = (const uint32_t *)(const void *)(t->hdr + 2);
	unsigned ulen = UDP_HLEN + len, id = ip_take_id();
	/* The data first: its sum (over the copy, from the source) is in
	   UDP's checksum, with the pseudo-header's length and the
	   header's own (ulen twice). */
	uint16_t c = cksum_fold(cksum_copy(t->usum + 2 * ulen, uh + UDP_HLEN, buf, len));
	if (!c)
		c = 0xffff;		/* RFC 768: 0 means "none sent" */
	*(uint16_t *)(void *)f = *(const uint16_t *)(const void *)t->hdr;
	fw[0] = tw[0];
	fw[1] = tw[1];
	fw[2] = tw[2];
	fw[3] = 0x45 | swap16(IP_HLEN + ulen) << 16;
	fw[4] = swap16(id);
	fw[5] = 64 | IPPROTO_UDP_ << 8 | swap16(cksum_fold(t->ipsum + IP_HLEN + ulen + id)) << 16;
	fw[6] = tw[6];
	fw[7] = tw[7];
	fw[8] = tw[8];
	fw[9] = swap16(ulen) | swap16(c) << 16;
	b->len = (uint16_t)(ETH_HLEN + IP_HLEN + ulen);
	return b->len;
}

int udp_tmpl_send(struct udp_tmpl *t, unsigned sport, const void *buf, unsigned len, uint32_t ip,
		  unsigned port)
{
	if (len > ETH_MTU - IP_HLEN - UDP_HLEN)
		return UDP_TMPL_NO;
	struct txbuf *b = txbuf_get();
	if (!b)
		return -ENOBUFS;
	int n = udp_tmpl_frame(t, sport, buf, len, ip, port, b);
	if (n < 0) {
		txbuf_put(b);
		return n;
	}
	int r = netif_send(b->frame, (unsigned)n);
	txbuf_put(b);
	return r < 0 ? r : (int)len;
}
