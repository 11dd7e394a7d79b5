/*
 * icmp.c - ICMP (RFC 792) as a host needs it (RFC 1122 3.2.2): echo
 * requests to our address are answered with the same identifier,
 * sequence and data; net_ping sends requests and waits for the
 * matching reply. Every other type is ignored, after the checksum.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "netint.h"

#define ICMP_ECHO_REPLY		0
#define ICMP_ECHO		8
#define PING_ID			0x4578	/* "Ex": our requests' identifier */

/* The request net_ping waits for. */
static struct {
	uint32_t ip;
	unsigned seq, len;
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
	    get16(data + 4) == PING_ID && get16(data + 6) == ping.seq && len == 8 + ping.len) {
		/* Our data pattern came back whole (a check that the peer
		   echoed, not made up, the reply). */
		for (unsigned i = 8; i < len; i++)
			if (data[i] != (uint8_t)(i + ping.seq))
				return;
		ping.answered = 1;
		ping.at_us = net_now_us();
	}
	/* Anything else (unreachables, time exceeded, ...): RFC 1122 lets
	   a host without the state to act on it ignore it. */
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
	put16(req + 4, PING_ID);
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
