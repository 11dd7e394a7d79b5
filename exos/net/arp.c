/*
 * arp.c - the Address Resolution Protocol (RFC 826) for IPv4 over
 * Ethernet: a small cache of station addresses that expire, answers to
 * requests for our address, and the frames that wait (a few per
 * address) while a request is out; 3 requests a second apart, then the
 * waiting frames are dropped (RFC 1122 2.3.2.1: flooding limited).
 */
#include <errno.h>
#include <string.h>
#include "netint.h"

#define ARP_ENTRIES	16
#define ARP_TTL_MS	(10 * 60 * 1000)	/* a resolved entry's life */
#define ARP_RETRY_MS	1000
#define ARP_TRIES	3
#define ARP_QUEUE	4			/* frames waiting per address */

struct arp_entry {
	uint32_t ip;			/* 0: free */
	uint8_t mac[6];
	uint8_t resolved, tries;
	uint32_t when;			/* resolved: learnt; else last request */
	uint8_t queued;			/* frames waiting (qbufs) */
	int16_t filt1;			/* not the host: the reply filter's id + 1 */
};
static struct arp_entry cache[ARP_ENTRIES];
unsigned arp_generation;	/* netint.h: moved on by every change below */

static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

/* netint.h keeps txbufs' index private to netif.c; the queue links
   them by pointer through a small side table instead. */
static struct txbuf *qbufs[ARP_ENTRIES][ARP_QUEUE];

static struct arp_entry *lookup(uint32_t ip)
{
	for (int i = 0; i < ARP_ENTRIES; i++)
		if (cache[i].ip == ip)
			return &cache[i];
	return NULL;
}

/* A process that is not the host takes ARP replies only through a
   filter of its own for the address it asks about (the host's shared
   filter takes every other ARP frame): inserted with the first
   request, removed once answered or given up. */
static void unfilter(struct arp_entry *e)
{
	if (e->filt1) {
		netif_unfilter(e->filt1 - 1);
		e->filt1 = 0;
	}
}

static void drop_queue(struct arp_entry *e)
{
	int k = (int)(e - cache);
	for (int i = 0; i < e->queued; i++)
		txbuf_put(qbufs[k][i]);
	e->queued = 0;
}

/* A slot for ip: a free one, else the oldest (its waiting frames go). */
static struct arp_entry *slot_for(uint32_t ip)
{
	struct arp_entry *e = lookup(ip), *old = &cache[0];
	if (e)
		return e;
	for (int i = 0; i < ARP_ENTRIES; i++) {
		if (!cache[i].ip)
			return &cache[i];
		if ((int32_t)(cache[i].when - old->when) < 0)
			old = &cache[i];
	}
	drop_queue(old);
	unfilter(old);
	old->ip = 0;
	arp_generation++;
	return old;
}

static void send_arp(unsigned op, const uint8_t *tha, uint32_t tpa, const uint8_t *dst)
{
	static uint8_t f[ETH_HLEN + 28] __attribute__((aligned(4)));
	memcpy(f, dst, 6);
	memcpy(f + 6, net_conf.mac, 6);
	put16(f + 12, ETHERTYPE_ARP);
	uint8_t *a = f + ETH_HLEN;
	put16(a, 1);			/* hardware: Ethernet */
	put16(a + 2, ETHERTYPE_IP);
	a[4] = 6;
	a[5] = 4;
	put16(a + 6, op);
	memcpy(a + 8, net_conf.mac, 6);
	put32be(a + 14, net_conf.ip);
	memcpy(a + 18, tha, 6);
	put32be(a + 24, tpa);
	netif_send(f, sizeof f);
}

static void flush(struct arp_entry *e)
{
	int k = (int)(e - cache);
	for (int i = 0; i < e->queued; i++) {
		struct txbuf *b = qbufs[k][i];
		memcpy(b->frame, e->mac, 6);
		netif_send(b->frame, b->len);
		txbuf_put(b);
	}
	e->queued = 0;
}

/* Six bytes compared in line: arp_learn's test of what it knows
   already runs for every frame a neighbour sends (memcmp's call cost
   more than the bytes). */
static int same_mac(const uint8_t *a, const uint8_t *b)
{
	return a[0] == b[0] && a[1] == b[1] && a[2] == b[2] && a[3] == b[3] && a[4] == b[4] &&
	       a[5] == b[5];
}

void arp_learn(uint32_t ip, const uint8_t *mac)
{
	if (!ip || ip == net_conf.ip || (mac[0] & 1))
		return;			/* no multicast station as a host's */
	struct arp_entry *e = lookup(ip);
	/* Every frame from a neighbour comes here: what is known already
	   costs a comparison, not a clock read (the entry's life counts
	   from when it was learnt or changed). */
	if (e && e->resolved && same_mac(e->mac, mac))
		return;
	e = slot_for(ip);
	unfilter(e);
	e->ip = ip;
	memcpy(e->mac, mac, 6);
	arp_generation++;
	e->resolved = 1;
	e->tries = 0;
	e->when = net_now_ms();
	flush(e);
}

/* RFC 826's reception algorithm: merge the sender into the cache if it
   is there (or if the request is for us), answer requests for us. */
void arp_input(struct rxframe *f)
{
	const uint8_t *a = f->frame + ETH_HLEN;
	if (f->len < ETH_HLEN + 28 || get16(a) != 1 || get16(a + 2) != ETHERTYPE_IP || a[4] != 6 ||
	    a[5] != 4) {
		net_stat.rx_bad++;
		return;
	}
	unsigned op = get16(a + 6);
	uint32_t spa = get32be(a + 14), tpa = get32be(a + 24);
	const uint8_t *sha = a + 8;
	if (spa == net_conf.ip || (sha[0] & 1) || !spa)
		return;			/* a duplicate of ours, or nonsense */
	int for_us = tpa == net_conf.ip;
	if (lookup(spa) || for_us)
		arp_learn(spa, sha);
	if (op == 1 && for_us) {
		net_stat.arp_replies++;
		send_arp(2, sha, spa, sha);
	}
}

static int on_link(uint32_t ip)
{
	return (ip & net_conf.mask) == (net_conf.ip & net_conf.mask);
}

int arp_output(uint32_t ip, struct txbuf *b)
{
	memcpy(b->frame + 6, net_conf.mac, 6);
	if (ip == 0xffffffffu || ip == (net_conf.ip | ~net_conf.mask)) {
		memcpy(b->frame, bcast, 6);
		int r = netif_send(b->frame, b->len);
		txbuf_put(b);
		return r;
	}
	struct arp_entry *e = lookup(ip);
	if (e && e->resolved) {
		memcpy(b->frame, e->mac, 6);
		int r = netif_send(b->frame, b->len);
		txbuf_put(b);
		return r;
	}
	if (!on_link(ip)) {
		txbuf_put(b);
		return -ENETUNREACH;
	}
	if (!e) {
		e = slot_for(ip);
		e->ip = ip;
		e->resolved = 0;
		e->tries = 0;
		e->queued = 0;
	}
	int k = (int)(e - cache);
	if (e->queued == ARP_QUEUE) {
		/* RFC 1122 2.3.2.2: keep the latest; the oldest goes. */
		txbuf_put(qbufs[k][0]);
		for (int i = 1; i < ARP_QUEUE; i++)
			qbufs[k][i - 1] = qbufs[k][i];
		e->queued--;
	}
	qbufs[k][e->queued++] = b;
	arp_request(ip);
	return 0;
}

void arp_request(uint32_t ip)
{
	struct arp_entry *e = lookup(ip);
	if ((e && e->resolved) || !on_link(ip) || ip == net_conf.ip)
		return;
	if (!e) {
		e = slot_for(ip);
		e->ip = ip;
		e->resolved = 0;
		e->tries = 0;
		e->queued = 0;
	}
	if (e->tries == 0) {
		e->tries = 1;
		e->when = net_now_ms();
		if (!net_is_host && !e->filt1) {
			int id = netif_filter_arp_reply(ip);
			e->filt1 = (int16_t)(id >= 0 ? id + 1 : 0);
		}
		net_stat.arp_requests++;
		static const uint8_t zero[6];
		send_arp(1, zero, ip, bcast);
	}
}

void arp_timer(uint32_t now)
{
	for (int i = 0; i < ARP_ENTRIES; i++) {
		struct arp_entry *e = &cache[i];
		if (!e->ip)
			continue;
		if (e->resolved) {
			if (now - e->when > ARP_TTL_MS) {
				unfilter(e);
				e->ip = 0;
				arp_generation++;
			}
			continue;
		}
		if (now - e->when < ARP_RETRY_MS)
			continue;
		if (e->tries >= ARP_TRIES) {
			drop_queue(e);
			unfilter(e);
			e->ip = 0;
			arp_generation++;
			continue;
		}
		e->tries++;
		e->when = now;
		net_stat.arp_requests++;
		static const uint8_t zero[6];
		send_arp(1, zero, e->ip, bcast);
	}
}

/* For the unit test: is ip's station address known (mac into out)? */
int arp_cached(uint32_t ip, uint8_t *out)
{
	struct arp_entry *e = lookup(ip);
	if (!e || !e->resolved)
		return 0;
	if (out)
		memcpy(out, e->mac, 6);
	return 1;
}
