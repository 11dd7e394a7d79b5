/*
 * icmp.c - ICMP (RFC 792) as a host needs it (RFC 1122 3.2.2): echo
 * requests to our address are answered with the same identifier,
 * sequence and data; net_ping sends requests and waits for the
 * matching reply. Every other type is ignored, after the checksum.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "exos.h"
#include "netint.h"

#define ICMP_ECHO_REPLY		0
#define ICMP_ECHO		8
#define PING_ID			0x4578	/* "Ex": our requests' identifier, xor the
					   environment id: each process its own */

/* The request net_ping waits for. */
static struct {
	uint32_t ip;
	unsigned seq, len, id;
	int waiting, answered;
	uint64_t at_us;			/* when the reply was taken from the ring */
} ping;

void icmp_input(const struct ip_in *ip, const uint8_t *data, unsigned len)
{
	if (len < 8 || cksum_fold(cksum_add(0, data, len)) != 0) {
		net_stat.rx_bad++;
		return;
	}
	if (data[0] == ICMP_ECHO && data[1] == 0) {
		/* RFC 1122 3.2.2.6: a request to a broadcast address may be
		   ignored; it is (no reply storms on the segment). */
		if (ip->dst != net_conf.ip)
			return;
		net_stat.icmp_echo_answered++;
		if (len <= ETH_MTU - IP_HLEN) {
			struct txbuf *b = txbuf_get();
			if (!b)
				return;
			uint8_t *p = IP_PAYLOAD(b);
			memcpy(p, data, len);
			p[0] = ICMP_ECHO_REPLY;
			put16(p + 2, 0);
			put16(p + 2, cksum_fold(cksum_add(0, p, len)));
			ip_output(ip->src, IPPROTO_ICMP_, b, len);
		} else {
			/* A reassembled request: the reply goes in fragments. */
			uint8_t h[8];
			memcpy(h, data, 8);
			h[0] = ICMP_ECHO_REPLY;
			put16(h + 2, 0);
			put16(h + 2, cksum_fold(cksum_add(cksum_add(0, h, 8), data + 8, len - 8)));
			ip_send(ip->src, IPPROTO_ICMP_, h, 8, data + 8, len - 8);
		}
		return;
	}
	if (data[0] == ICMP_ECHO_REPLY && ping.waiting && ip->src == ping.ip &&
	    get16(data + 4) == ping.id && get16(data + 6) == ping.seq && len == 8 + ping.len) {
		/* Our data pattern came back whole (a check that the peer
		   echoed, not made up, the reply). */
		for (unsigned i = 8; i < len; i++)
			if (data[i] != (uint8_t)(i + ping.seq))
				return;
		ping.answered = 1;
		ping.at_us = net_now_us();
	}
	/* Anything else (unreachables, time exceeded, ...): ignored; RFC
	   1122 3.2.2.1 would have UDP and TCP told of unreachables, which
	   this stack does not do (a UDP socket's caller times out). */
}

/* RFC 1122 4.1.3.1: a datagram for a UDP port nobody has is answered
   with Destination Unreachable, code 3 (port), carrying its IP header
   and first 8 bytes (RFC 792). Only for one sent to our own address
   (never a broadcast: RFC 1122 3.2.2), and at most 100 a second (a flood
   of datagrams must not make a flood of errors; RFC 1812 4.3.2.8's
   advice). */
void icmp_port_unreachable(const struct ip_in *ip, const uint8_t *data, unsigned len)
{
	static uint32_t second, sent;
	if (ip->dst != net_conf.ip)
		return;
	uint32_t now = net_now_ms() / 1000;
	if (now != second) {
		second = now;
		sent = 0;
	}
	if (sent >= 100)
		return;
	struct txbuf *b = txbuf_get();
	if (!b)
		return;
	sent++;
	uint8_t *p = IP_PAYLOAD(b);
	unsigned n = len < 8 ? len : 8;
	p[0] = 3;		/* destination unreachable */
	p[1] = 3;		/* port */
	put16(p + 2, 0);
	put32be(p + 4, 0);
	memcpy(p + 8, ip->hdr, ip->hlen);
	memcpy(p + 8 + ip->hlen, data, n);
	unsigned total = 8 + ip->hlen + n;
	put16(p + 2, cksum_fold(cksum_add(0, p, total)));
	ip_output(ip->src, IPPROTO_ICMP_, b, total);
}

int net_ping(uint32_t ip, unsigned seq, unsigned len, unsigned ms)
{
	int r = net_init();
	if (r)
		return r;
	if (len > 65507 - 8 + 8 || seq > 0xffff || !ip || ip_is_local(ip))
		return -EINVAL;
	/* From the heap: ip_send copies it into transmit buffers. */
	static uint8_t *req;
	if (!req && !(req = malloc(65508)))
		return -ENOMEM;
	put16(req, ICMP_ECHO << 8);
	put16(req + 2, 0);
	/* Not the host: the replies come through a filter of our own. */
	static int have_filter;
	ping.id = (PING_ID ^ (unsigned)exos_envid) & 0xffff;
	if (!net_is_host && !have_filter) {
		r = netif_filter_echo_reply(ping.id);
		if (r < 0)
			return r;
		have_filter = 1;
	}
	put16(req + 4, ping.id);
	put16(req + 6, seq);
	for (unsigned i = 8; i < 8 + len; i++)
		req[i] = (uint8_t)(i + seq);
	put16(req + 2, cksum_fold(cksum_add(0, req, 8 + len)));
	ping.ip = ip;
	ping.seq = seq;
	ping.len = len;
	ping.answered = 0;
	ping.waiting = 1;
	uint64_t t0 = net_now_us();
	r = ip_send(ip, IPPROTO_ICMP_, req, 8, req + 8, len);
	if (r < 0) {
		ping.waiting = 0;
		return r;
	}
	uint32_t end = net_now_ms() + ms;
	while (!ping.answered && (int32_t)(end - net_now_ms()) > 0)
		net_poll(ms < 20 ? ms : 20);
	ping.waiting = 0;
	if (!ping.answered)
		return -ETIMEDOUT;
	uint64_t d = ping.at_us - t0;
	return d > 0x7fffffff ? 0x7fffffff : (int)d;
}
