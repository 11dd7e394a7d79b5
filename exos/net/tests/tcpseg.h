/*
 * exos/net/tests/tcpseg.h - the crafted TCP segment that tcpunit and
 * tcpfuzz feed the stack: an Ethernet frame to this machine from src_mac,
 * IPv4 from src to dst, a TCP header with optlen bytes of options and
 * dlen bytes of data, both checksums right, padded to 60 bytes. Returns
 * the frame's length; the TCP checksum is at TCPSEG_CKSUM(fr), for a test
 * that spoils it.
 */
#ifndef EXOS_NET_TESTS_TCPSEG_H
#define EXOS_NET_TESTS_TCPSEG_H

#include <string.h>
#include "net/netint.h"

#define TCPSEG_CKSUM(fr)	((fr) + ETH_HLEN + IP_HLEN + 16)

static inline unsigned tcpseg(uint8_t *fr, const uint8_t *src_mac, uint32_t src, uint32_t dst,
			      unsigned sport, unsigned dport, uint32_t seq, uint32_t ack,
			      unsigned flags, unsigned win, const uint8_t *opt, unsigned optlen,
			      const uint8_t *d, unsigned dlen)
{
	memcpy(fr, net_conf.mac, 6);
	memcpy(fr + 6, src_mac, 6);
	put16(fr + 12, ETHERTYPE_IP);
	uint8_t *h = fr + ETH_HLEN, *t = h + IP_HLEN;
	unsigned thl = TCP_HLEN + optlen, tl = thl + dlen;
	memset(h, 0, IP_HLEN + TCP_HLEN);
	h[0] = 0x45;
	put16(h + 2, IP_HLEN + tl);
	h[8] = 64;
	h[9] = IPPROTO_TCP_;
	put32be(h + 12, src);
	put32be(h + 16, dst);
	put16(h + 10, cksum_fold(cksum_add(0, h, IP_HLEN)));
	put16(t, sport);
	put16(t + 2, dport);
	put32be(t + 4, seq);
	put32be(t + 8, ack);
	t[12] = (uint8_t)((thl / 4) << 4);
	t[13] = (uint8_t)flags;
	put16(t + 14, win);
	if (optlen)
		memcpy(t + TCP_HLEN, opt, optlen);
	if (dlen)
		memcpy(t + thl, d, dlen);
	put16(t + 16, cksum_fold(cksum_add(cksum_pseudo(src, dst, IPPROTO_TCP_, tl), t, tl)));
	unsigned len = ETH_HLEN + IP_HLEN + tl;
	while (len < 60)
		fr[len++] = 0;
	return len;
}

#endif
