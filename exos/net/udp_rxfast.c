/*
 * udp_rxfast.c - UDP's receive fast path (netint.h, udp_rxfast): a
 * reader waiting in udp_recvfrom checks the next frame of the ring in
 * one pass, a word at a time, against what its socket takes (IPv4
 * without options or fragments, UDP to our address and its port, one
 * frame), verifies the IP header's checksum and UDP's while the data is
 * copied into the reader's buffer (cksum_copy), and returns. Before,
 * each datagram went ring -> eth_input -> ip_input -> udp_input (its
 * checksum a pass of its own) -> the socket's queue (a buffer, the slot
 * held) -> udp_recvfrom's copy -> the slot given back: about 1100
 * cycles a datagram on the 25 MHz R3000 (issue 21's --profile of Table
 * 11). The paper's ExOS received Table 11's message "in place" with the
 * checksum "integrated into the copy" (SOSP'95 6.3; Clark and
 * Tennenhouse's integrated layer processing, SIGCOMM'90).
 *
 * Nothing is weaker: every test of ip_input (RFC 791, RFC 1122 3.2.1)
 * and udp_input (RFC 768) is made here, or the frame goes to them
 * (UDP_RXFAST_NO): a bad checksum, a fragment, options, a broadcast or
 * anything else unusual is judged (and counted, and dropped) by the slow
 * path alone. exos/net/tests/netunit.c feeds both paths the same good
 * and bad frames; exos/net/hostile's attacker sends corrupt datagrams to
 * a reader.
 */
#include <string.h>
#include "netint.h"

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "udp_rxfast.c reads header words as a little-endian machine loads them"
#endif

/* Two station addresses, both on halfword boundaries (the template's
   header, whose IP part is word-aligned; a frame's source, 6 bytes into
   a frame 2 past a word): by halfwords, three compares instead of six
   (about 15 cycles of each datagram). */
static inline int same_mac(const uint8_t *a, const uint8_t *b)
{
	const uint16_t *x = (const uint16_t *)(const void *)a, *y = (const uint16_t *)(const void *)b;
	return x[0] == y[0] && x[1] == y[1] && x[2] == y[2];
}

int udp_rxfast(const struct rxframe *f, unsigned lport, const struct udp_tmpl *t, void *buf,
	       unsigned len, uint32_t *ip, unsigned *port)
{
	const uint8_t *fr = f->frame;
	unsigned flen = f->len;
	/* Frames start 2 bytes past a word (the ring's slots), so that
	   the IP header is word-aligned. */
	if (((uintptr_t)fr & 3) != 2 || flen < ETH_HLEN + IP_HLEN + UDP_HLEN)
		return UDP_RXFAST_NO;
	const uint32_t *w = (const uint32_t *)(const void *)(fr + ETH_HLEN);
	uint32_t w0 = w[0], w1 = w[1], w2 = w[2];
	/* IPv4 (08 00), version 4 with no options (0x45); the fragment
	   field all 0 but DF (0x40 in its first byte): MF, an offset or the
	   reserved bit go to the slow path; a TTL; UDP. */
	if (*(const uint16_t *)(const void *)(fr + 12) != 0x0008 || (w0 & 0xff) != 0x45 ||
	    (w1 >> 16 & 0xffbf) != 0 || !(w2 & 0xff) || (w2 >> 8 & 0xff) != IPPROTO_UDP_)
		return UDP_RXFAST_NO;
	uint32_t src = swap32(w[3]), dst = swap32(w[4]);
	unsigned total = swap16(w0 >> 16);
	/* The frame may be longer than IP says (Ethernet pads to 60
	   bytes), never shorter. */
	if (dst != net_conf.ip || total < IP_HLEN + UDP_HLEN || total > flen - ETH_HLEN ||
	    ip_src_bad(src) || cksum_ip20(w) != 0)
		return UDP_RXFAST_NO;
	uint32_t u0 = w[5], u1 = w[6];
	unsigned sport = swap16(u0), ulen = swap16(u1), sum_sent = swap16(u1 >> 16);
	if (swap16(u0 >> 16) != lport || ulen < UDP_HLEN || ulen > total - IP_HLEN || ulen - UDP_HLEN > len)
		return UDP_RXFAST_NO;
	unsigned dlen = ulen - UDP_HLEN;
	const uint8_t *data = fr + ETH_HLEN + IP_HLEN + UDP_HLEN;
	if (sum_sent) {
		/* RFC 768: the pseudo-header, the UDP header (its four
		   fields), the data as it is copied; all of it sums to 0. */
		uint32_t sum = (src >> 16) + (src & 0xffff) + (dst >> 16) + (dst & 0xffff) + IPPROTO_UDP_ +
			       ulen + sport + lport + ulen + sum_sent;
		if (cksum_fold(cksum_copy(sum, buf, data, dlen)) != 0)
			return UDP_RXFAST_NO;
	} else if (!((uintptr_t)buf & 3) && dlen <= 64) {
		/* "None sent" (RFC 768), short, and the reader's buffer
		   aligned like the data (42 bytes into a frame 2 past a
		   word): by words in line, not memcpy's call and its size
		   tests (Table 11's 18 bytes from the UDP ASH, udp_ash.S,
		   which sends no checksum: about 30 cycles less). */
		uint32_t *d = buf;
		const uint32_t *w4 = (const uint32_t *)(const void *)data;
		unsigned n = dlen / 4;
		for (unsigned i = 0; i < n; i++)
			d[i] = w4[i];
		/* The tail: a halfword, then a byte (both sides aligned). */
		unsigned i = 4 * n;
		if (dlen - i >= 2) {
			*(uint16_t *)(void *)((uint8_t *)buf + i) =
				*(const uint16_t *)(const void *)(data + i);
			i += 2;
		}
		if (i < dlen)
			((uint8_t *)buf)[i] = data[i];
	} else {
		memcpy(buf, data, dlen);	/* "none sent" (RFC 768) */
	}
	/* ip_input's arp_learn, which does nothing when the cache knows
	   this station address for src: as the socket's template does
	   when src is its destination on this network (built from the
	   cache, which has not changed since). */
	if ((src & net_conf.mask) == (net_conf.ip & net_conf.mask) && !(fr[6] & 1) &&
	    !(t->ip == src && t->gen == arp_generation && t->src == net_conf.ip &&
	      same_mac(t->hdr, fr + 6)))
		arp_learn(src, fr + 6);
	*ip = src;
	*port = sport;
	return (int)dlen;
}
