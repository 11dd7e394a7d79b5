/*
 * tcpfuzz.c - TCP against garbage, on one machine: 10000 segments with
 * random flags, sequence and acknowledgment numbers (near the window's
 * edges and anywhere), options (well-formed, truncated, absurd), data
 * lengths and now and then a bad checksum, fed through eth_input at a
 * listener and at an established connection (made again whenever the
 * garbage resets it). After every segment TCP's invariants must hold
 * (buffers within bounds, out-of-order ranges within the window, the
 * pool's count); at the end a fresh connection still carries data.
 * Boot word seed=N picks another sequence (default 12345).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "exos.h"
#include "net/tcp.h"
#include "tcpseg.h"

#define US	NET_IP(10, 0, 2, 15)
#define PEER	NET_IP(10, 0, 2, 77)
#define ROUNDS	10000
static const uint8_t peer_mac[6] = { 0x08, 0x00, 0x2b, 0x12, 0x34, 0x58 };
static uint8_t *fr, *data;	/* heap: an image maps AEGIS_MAX_GMAPS (96) pages at most */
static uint32_t rnd_state = 12345;

static uint32_t rnd(void)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return rnd_state >> 8;
}

/* A segment from PEER:sport to US:dport with hlen bytes of header
   (options: opt, hlen - 20 bytes), dlen bytes of data. */
static void seg(unsigned sport, unsigned dport, uint32_t seq, uint32_t ack, unsigned flags, unsigned win,
		const uint8_t *opt, unsigned hlen, unsigned dlen, int bad)
{
	unsigned len = tcpseg(fr, peer_mac, PEER, US, sport, dport, seq, ack, flags, win,
			      opt, hlen - TCP_HLEN, data, dlen);
	if (bad)
		TCPSEG_CKSUM(fr)[1] ^= 1;
	struct rxframe f = { .frame = fr, .len = len };
	eth_input(&f);
}

/* TCP's invariants over the whole pool: 0, or which one broke. */
static int check_pool(void)
{
	int used = 0;
	for (int i = 0; i < TCP_NCONN; i++) {
		struct tcb *t = &tcp_pool[i];
		if (t->state == TCP_FREE)
			continue;
		used++;
		if (t->state > TCP_TIME_WAIT) return 1;
		if (t->rcv_len > TCP_BUFSZ || t->snd_len > TCP_BUFSZ) return 2;
		if (t->rcv_off >= TCP_BUFSZ || t->snd_off >= TCP_BUFSZ) return 3;
		if (t->nooo > TCP_OOO) return 4;
		for (unsigned k = 0; k < t->nooo; k++)
			if (SEQ_LEQ(t->ooo[k].end, t->rcv_nxt) || SEQ_GT(t->ooo[k].end, t->rcv_nxt + TCP_BUFSZ - t->rcv_len))
				return 5;
		if (t->state >= TCP_ESTABLISHED && SEQ_GT(t->snd_una, t->snd_max)) return 6;
		if (t->mss < 64 || t->mss > TCP_MSS) return 7;
	}
	return used > TCP_NCONN ? 8 : 0;
}

/* A connection from PEER:rp to the listener on 80, accepted: its socket. */
static int connect_in(unsigned rp, struct tcb **out)
{
	static const uint8_t mss[4] = { 2, 4, 0x05, 0xb4 };
	seg(rp, 80, 1000, 0, TH_SYN, 16384, mss, 24, 0, 0);
	struct tcb *c = tcb_lookup(US, 80, PEER, rp);
	if (!c || c->state != TCP_SYN_RCVD)
		return -1;
	seg(rp, 80, 1001, c->iss + 1, TH_ACK, 16384, NULL, 20, 0, 0);
	*out = c;
	return c->state == TCP_ESTABLISHED ? 0 : -1;
}

int main(void)
{
	fr = calloc(1, ETH_HLEN + 1600);
	data = calloc(1, 1600);
	int r = net_init();
	exos_check(r == 0 && fr && data, "tcpfuzz: the network is up (%d)", r);
	if (r != 0 || !fr || !data)
		return exos_test_result();
	arp_learn(PEER, peer_mac);
	rnd_state = (uint32_t)exos_boot_arg_num("seed", 12345);
	for (int i = 0; i < 1600; i++)
		data[i] = (uint8_t)rnd();
	int ls = net_socket(NET_TCP);
	r = ls < 0 ? ls : net_bind(ls, 80);
	r = r ? r : net_listen(ls, 4);
	exos_check(r == 0, "tcpfuzz: listening on 80 (%d)", r);
	net_set_timeout(ls, 100);
	struct tcb *c = NULL;
	unsigned rp = 20000;
	int s = -1, remade = 0, broke = 0, at = -1;
	uint8_t opt[40];
	for (int i = 0; i < ROUNDS && !broke; i++) {
		if (!c || c->state == TCP_CLOSED || c->state == TCP_FREE || c->state == TCP_TIME_WAIT) {
			if (s >= 0)
				net_close(s);
			s = -1;
			if (connect_in(++rp, &c) == 0)
				s = net_accept(ls, NULL, NULL);
			if (s >= 0)
				net_set_timeout(s, 1);
			remade++;
		}
		unsigned hlen = TCP_HLEN;
		unsigned kind = rnd() % 8;
		if (kind == 1) {		/* a well-formed MSS, any value */
			opt[0] = 2; opt[1] = 4; put16(opt + 2, rnd());
			hlen = 24;
		} else if (kind == 2) {		/* random option bytes */
			hlen = TCP_HLEN + 4 * (1 + rnd() % 10);
			for (unsigned k = 0; k < hlen - TCP_HLEN; k++)
				opt[k] = (uint8_t)rnd();
		}
		unsigned dlen = rnd() % 4 ? rnd() % 64 : rnd() % (1500 - IP_HLEN - hlen + 1);
		unsigned flags = rnd() & 0x3f;
		if (rnd() % 4)
			flags &= ~(unsigned)(TH_SYN | TH_RST);	/* mostly no SYN or RST */
		uint32_t seq, ack;
		unsigned dport = 80, sport = rp;
		if (rnd() % 5 == 0 || !c) {
			sport = 1024 + rnd() % 60000;	/* the listener, or nobody */
			if (rnd() % 2)
				dport = rnd() % 65536;
			seq = rnd() << 8;
			ack = rnd() << 8;
		} else {
			/* Near the connection's edges, or anywhere. */
			switch (rnd() % 4) {
			case 0: seq = c->rcv_nxt; break;
			case 1: seq = c->rcv_nxt + rnd() % 20000 - 2000; break;
			case 2: seq = c->rcv_nxt - rnd() % 70000; break;
			default: seq = rnd() << 8 ^ rnd(); break;
			}
			switch (rnd() % 3) {
			case 0: ack = c->snd_una; break;
			case 1: ack = c->snd_una + rnd() % 3000 - 1500; break;
			default: ack = rnd() << 8 ^ rnd(); break;
			}
			if (rnd() % 3 == 0 && s >= 0)
				net_send(s, data, rnd() % 3000);	/* something of ours in flight */
		}
		seg(sport, dport, seq, ack, flags, rnd() % 4 ? 16384 : rnd() % 65536, opt, hlen, dlen, rnd() % 16 == 0);
		if (s >= 0 && rnd() % 2) {
			static uint8_t sink[512];
			net_recv(s, sink, sizeof sink);	/* (1 ms timeout) */
		}
		if (i % 64 == 0)
			net_poll(0);		/* the timers */
		if ((broke = check_pool()) != 0)
			at = i;
	}
	exos_check(!broke, "tcpfuzz: %d garbage segments, invariants held (%d at %d), %d connections",
		   ROUNDS, broke, at, remade);
	if (s >= 0)
		net_close(s);
	/* Still working: a fresh connection carries data in order. */
	struct tcb *f = NULL;
	int fs = connect_in(40000, &f) == 0 ? net_accept(ls, NULL, NULL) : -1;
	int n = -1;
	uint8_t buf[100];
	if (fs >= 0) {
		net_set_timeout(fs, 500);
		memcpy(data, "still alive", 11);
		seg(40000, 80, 1001, f->iss + 1, TH_ACK | TH_PSH, 16384, NULL, 20, 11, 0);
		n = net_recv(fs, buf, sizeof buf);
	}
	exos_check(n == 11 && !memcmp(buf, "still alive", 11), "tcpfuzz: afterwards a new connection carries data (%d)", n);
	return exos_test_result();
}
