/*
 * nethostile.c - issue 17's hostile-input test: a raw-frame attacker built
 * on Aegis's ABI only (DPF filters, the receive ring, SYS_net_send; the
 * network tests' netlib), on machine 1 (10.0.0.1, 08:00:2b:77:00:01),
 * against ExOS's echod on machine 2 (init=echod ip=10.0.0.2/24). It sends
 * waves of malformed, truncated, badly checksummed, fragmented, random
 * (seeded) and out-of-window frames and a SYN flood from spoofed ports, and
 * between and after the waves checks that valid UDP and TCP echo requests
 * (RFC 862) are answered byte for byte: the application stays up and
 * correct. Frames that must be dropped (bad checksums, RFC 1071; a bad IP
 * header, RFC 791/1122) are also checked to get no answer, and TCP
 * clients that reset, flood or fall silent must not keep echod from the
 * next one. TAP here; seed=N on the boot line changes the random waves.
 *
 * It speaks just enough ARP (RFC 826: it answers for 10.0.0.1), IP
 * (RFC 791, with its own reassembler for echod's fragmented answers),
 * UDP (RFC 768) and TCP (RFC 793: one connection, stop-and-wait) to judge.
 */
#include "../../../aegis/tests/net/netlib.h"
#include "../../../aegis/user/report.h"

#define IPA	0x0a000001u	/* this machine, the attacker */
#define IPE	0x0a000002u	/* echod's */
#define ECHO	7
#define SEED	0x17171717u

static const unsigned char *const mac_me = mac1, *const mac_echod = mac2;

/* ---- bytes ------------------------------------------------------------ */
static void put16(unsigned char *p, unsigned v) { p[0] = (unsigned char)(v >> 8); p[1] = (unsigned char)v; }
static unsigned get16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }
static void copy(unsigned char *d, const unsigned char *s, unsigned n) { while (n--) *d++ = *s++; }
static void fill(unsigned char *d, unsigned char v, unsigned n) { while (n--) *d++ = v; }
static int same(const unsigned char *a, const unsigned char *b, unsigned n)
{
	while (n--)
		if (*a++ != *b++)
			return 0;
	return 1;
}
/* Byte i of message k: differs from message to message. */
static unsigned char pat(unsigned k, unsigned i) { return (unsigned char)(i * 7 + k * 13 + (i >> 8)); }

/* The Internet checksum (RFC 1071): the 32-bit sum, then folded. */
static unsigned sum16(const unsigned char *p, unsigned n, unsigned s)
{
	for (; n > 1; n -= 2, p += 2)
		s += get16(p);
	if (n)
		s += (unsigned)p[0] << 8;
	return s;
}
static unsigned fold(unsigned s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return ~s & 0xffff;
}

/* ---- frames ----------------------------------------------------------- */
static unsigned char tx[AEGIS_NET_MTU_FRAME + 64] __attribute__((aligned(4)));
static unsigned char arpbuf[64] __attribute__((aligned(4)));
static unsigned sent_frames;

static void eth(unsigned char *b, const unsigned char *dst, unsigned type)
{
	copy(b, dst, 6);
	copy(b + 6, mac_me, 6);
	put16(b + 12, type);
}

/* An IPv4 header at b+14 (20 bytes) for a payload of plen, its checksum
   right. frag: the flags and offset field (RFC 791). */
static void iphdr(unsigned char *b, unsigned proto, unsigned plen, unsigned id, unsigned frag,
		  unsigned src)
{
	unsigned char *ip = b + 14;
	eth(b, mac_echod, 0x0800);
	ip[0] = 0x45;
	ip[1] = 0;
	put16(ip + 2, 20 + plen);
	put16(ip + 4, id);
	put16(ip + 6, frag);
	ip[8] = 64;
	ip[9] = (unsigned char)proto;
	put16(ip + 10, 0);
	put32(ip + 12, src);
	put32(ip + 16, IPE);
	put16(ip + 10, fold(sum16(ip, 20, 0)));
}

/* The TCP/UDP checksum over the pseudo-header (RFC 768, 793). */
static unsigned l4sum(const unsigned char *seg, unsigned len, unsigned proto, unsigned src)
{
	unsigned s = sum16(seg, len, 0);
	s += src >> 16;
	s += src & 0xffff;
	s += IPE >> 16;
	s += IPE & 0xffff;
	s += proto + len;
	return fold(s);
}

static unsigned pad(unsigned len)
{
	for (; len < 60; len++)
		tx[len] = 0;
	return len;
}

static unsigned ip_id = 1;

/* A UDP datagram in one frame in tx: its length. */
static unsigned udp_frame(unsigned src, unsigned sport, unsigned dport, const unsigned char *data,
			  unsigned n)
{
	unsigned char *u = tx + 34;
	iphdr(tx, IP_UDP, 8 + n, ip_id++, 0, src);
	put16(u, sport);
	put16(u + 2, dport);
	put16(u + 4, 8 + n);
	put16(u + 6, 0);
	copy(u + 8, data, n);
	unsigned c = l4sum(u, 8 + n, IP_UDP, src);
	put16(u + 6, c ? c : 0xffff);
	return pad(34 + 8 + n);
}

#define TH_FIN	0x01
#define TH_SYN	0x02
#define TH_RST	0x04
#define TH_PSH	0x08
#define TH_ACK	0x10
/* A TCP segment in tx: its length. */
static unsigned tcp_frame(unsigned src, unsigned sport, unsigned dport, unsigned seq, unsigned ack,
			  unsigned flags, const unsigned char *data, unsigned n)
{
	unsigned char *t = tx + 34;
	iphdr(tx, IP_TCP, 20 + n, ip_id++, 0, src);
	put16(t, sport);
	put16(t + 2, dport);
	put32(t + 4, seq);
	put32(t + 8, ack);
	t[12] = 5 << 4;
	t[13] = (unsigned char)flags;
	put16(t + 14, 8192);
	put16(t + 16, 0);
	put16(t + 18, 0);
	copy(t + 20, data, n);
	put16(t + 16, l4sum(t, 20 + n, IP_TCP, src));
	return pad(34 + 20 + n);
}

static void xmit(unsigned len)
{
	send_frame(tx, len);
	sent_frames++;
}

/* ---- receiving -------------------------------------------------------- */
static char ring_mem[AEGIS_RX_HDR + 24 * SLOT] __attribute__((aligned(4)));
static struct ring rg;
static unsigned arp_answered;

/* Answer an ARP request for our address (RFC 826); 1 if f was ARP. */
static int arp(const unsigned char *f, unsigned len)
{
	if (get16(f + 12) != 0x0806)
		return 0;
	if (len >= 42 && get16(f + 14) == 1 && get16(f + 16) == 0x0800 && f[18] == 6 && f[19] == 4 &&
	    get16(f + 20) == 1 && get32(f + 38) == IPA) {
		eth(arpbuf, f + 22, 0x0806);
		put16(arpbuf + 14, 1);
		put16(arpbuf + 16, 0x0800);
		arpbuf[18] = 6;
		arpbuf[19] = 4;
		put16(arpbuf + 20, 2);
		copy(arpbuf + 22, mac_me, 6);
		put32(arpbuf + 28, IPA);
		copy(arpbuf + 32, f + 22, 10);	/* the asker's address and IP */
		fill(arpbuf + 42, 0, 18);
		send_frame(arpbuf, 60);
		arp_answered++;
	}
	return 1;
}

/* An IP datagram for us, its payload whole (reassembled when echod
   fragments, RFC 791: one datagram at a time is enough here). */
static unsigned char rbuf[8192];	/* our answers are at most 3000 bytes */
struct dgram {
	unsigned proto, src, len;
	const unsigned char *data;
};
static unsigned r_id = ~0u, r_have, r_total;

static int ip_in(const unsigned char *f, unsigned len, struct dgram *d)
{
	const unsigned char *ip = f + 14;
	if (len < 34 || get16(f + 12) != 0x0800 || (ip[0] >> 4) != 4)
		return 0;
	unsigned hl = (ip[0] & 15) * 4, tot = get16(ip + 2);
	if (hl < 20 || tot < hl || 14 + tot > len || fold(sum16(ip, hl, 0)) || get32(ip + 16) != IPA)
		return 0;
	unsigned frag = get16(ip + 6), off = (frag & 0x1fff) * 8, n = tot - hl;
	d->proto = ip[9];
	d->src = get32(ip + 12);
	if (!(frag & 0x3fff)) {
		d->data = ip + hl;
		d->len = n;
		return 1;
	}
	if (get16(ip + 4) != r_id) {
		r_id = get16(ip + 4);
		r_have = 0;
		r_total = ~0u;
	}
	if (off + n > sizeof rbuf)
		return 0;
	copy(rbuf + off, ip + hl, n);
	r_have += n;
	if (!(frag & 0x2000))
		r_total = off + n;
	if (r_have != r_total)
		return 0;
	r_id = ~0u;
	d->data = rbuf;
	d->len = r_total;
	return 1;
}

/* The next datagram for us within us microseconds (ARP answered on
   the way), or 0. The caller gives its slot back with ring_done. */
static int next(struct dgram *d, unsigned us)
{
	unsigned long long end = now_cycles() + us_to_cycles(us);
	for (;;) {
		unsigned len;
		const unsigned char *f = ring_peek(&rg, &len, 0);
		if (!f) {
			if (now_cycles() >= end)
				return 0;
			sys_yield(0);
			continue;
		}
		if (!arp(f, len) && ip_in(f, len, d))
			return 1;
		ring_done(&rg);
	}
}

/* Take everything that comes for us ms milliseconds (the answers to a
   wave, echod's SYN-ACKs): how many datagrams. */
static unsigned drain(unsigned ms)
{
	struct dgram d;
	unsigned n = 0;
	while (next(&d, ms * 1000)) {
		ring_done(&rg);
		n++;
	}
	return n;
}

/* ---- UDP echo --------------------------------------------------------- */
static unsigned char msg[8192], ans[8192];	/* (Aegis maps at most AEGIS_MAX_GMAPS pages at load) */
static unsigned udp_port = 30000, msgno;

/* Send one datagram of n bytes (fragmented past 1472) to echod's port 7 and
   wait for it back, up to tries times: 1 if it came back intact. */
static int udp_echo(unsigned n, unsigned tries)
{
	unsigned k = msgno++, sport = udp_port++;
	for (unsigned i = 0; i < n; i++)
		msg[i] = pat(k, i);
	for (unsigned t = 0; t < tries; t++) {
		if (n <= 1472)
			xmit(udp_frame(IPA, sport, ECHO, msg, n));
		else {
			/* RFC 791 fragments: UDP header + data cut in 1480s. */
			unsigned char *u = ans;
			put16(u, sport);
			put16(u + 2, ECHO);
			put16(u + 4, 8 + n);
			put16(u + 6, 0);
			copy(u + 8, msg, n);
			unsigned c = l4sum(u, 8 + n, IP_UDP, IPA);
			put16(u + 6, c ? c : 0xffff);
			unsigned id = ip_id++;
			for (unsigned off = 0; off < 8 + n; off += 1480) {
				unsigned m = 8 + n - off > 1480 ? 1480 : 8 + n - off;
				iphdr(tx, IP_UDP, m, id, (off / 8) | (off + m < 8 + n ? 0x2000 : 0), IPA);
				copy(tx + 34, u + off, m);
				xmit(pad(34 + m));
			}
		}
		struct dgram d;
		unsigned long long end = now_cycles() + us_to_cycles(500000);
		while (now_cycles() < end && next(&d, 500000)) {
			int ok = d.proto == IP_UDP && d.src == IPE && d.len >= 8 && get16(d.data) == ECHO &&
				 get16(d.data + 2) == sport;
			ok = ok && get16(d.data + 4) == 8 + n && d.len >= 8 + n && same(d.data + 8, msg, n);
			ring_done(&rg);
			if (ok)
				return 1;
		}
	}
	return 0;
}

/* Does anything at all come back from echod within ms? (for frames that
   must be dropped) */
static int silent(unsigned ms)
{
	return drain(ms) == 0;
}

/* ---- TCP echo --------------------------------------------------------- */
struct conn {
	unsigned port, snd, rcv, got, sent, k;
	int reset, fin;
};
static unsigned tcp_port = 40000, rsts_seen;
/* How many 300-ms rounds tcp_echo waits for an echo: longer when echod
   is still busy with a misbehaving client (it serves one at a time). */
static unsigned echo_rounds = 20;

/* Take what echod sends on c for up to us: echoed bytes checked in order
   (a wrong one fails the connection), its FIN, a RST. 0 on a wrong byte. */
static int tcp_in(struct conn *c, unsigned us, int *acked)
{
	struct dgram d;
	int ok = 1, progress = 0;
	while (!progress && next(&d, us)) {
		const unsigned char *t = d.data;
		if (d.proto != IP_TCP || d.src != IPE || d.len < 20 || get16(t) != ECHO ||
		    get16(t + 2) != c->port) {
			ring_done(&rg);
			continue;
		}
		unsigned hl = (t[12] >> 4) * 4, seq = get32(t + 4), fl = t[13];
		unsigned n = d.len > hl ? d.len - hl : 0;
		if (fl & TH_RST) {
			c->reset = 1;
			rsts_seen++;
			ring_done(&rg);
			return 0;
		}
		if ((fl & TH_ACK) && get32(t + 8) == c->snd)
			*acked = 1;
		if (seq == c->rcv && n) {
			for (unsigned i = 0; i < n; i++)
				if (c->got + i >= c->sent || t[hl + i] != pat(c->k, c->got + i))
					ok = 0;
			c->got += n;
			c->rcv += n;
			progress = 1;
		}
		if ((fl & TH_FIN) && seq + n == c->rcv) {
			c->rcv++;
			c->fin = 1;
			progress = 1;
		}
		ring_done(&rg);
		if (n || (fl & (TH_FIN | TH_SYN)) || seq != c->rcv)	/* not for a bare ACK */
			xmit(tcp_frame(IPA, c->port, ECHO, c->snd, c->rcv, TH_ACK, 0, 0));
		if (*acked && c->got >= c->sent)
			progress = 1;
	}
	return ok;
}

/* RFC 793's handshake, SYN resent every 300 ms for up to ms. */
static int tcp_open(struct conn *c, unsigned ms)
{
	c->port = tcp_port++;
	c->snd = 0x10000000u + c->port * 4099u;
	c->got = c->sent = 0;
	c->k = msgno++;
	c->reset = c->fin = 0;
	for (unsigned t = 0; t < ms / 300 + 1; t++) {
		xmit(tcp_frame(IPA, c->port, ECHO, c->snd, 0, TH_SYN, 0, 0));
		struct dgram d;
		unsigned long long end = now_cycles() + us_to_cycles(300000);
		while (now_cycles() < end && next(&d, 300000)) {
			const unsigned char *tp = d.data;
			int synack = d.proto == IP_TCP && d.src == IPE && d.len >= 20 && get16(tp) == ECHO &&
				     get16(tp + 2) == c->port && (tp[13] & (TH_SYN | TH_ACK | TH_RST)) ==
				     (TH_SYN | TH_ACK) && get32(tp + 8) == c->snd + 1;
			unsigned seq = synack ? get32(tp + 4) : 0;
			ring_done(&rg);
			if (synack) {
				c->snd++;
				c->rcv = seq + 1;
				xmit(tcp_frame(IPA, c->port, ECHO, c->snd, c->rcv, TH_ACK, 0, 0));
				return 1;
			}
		}
	}
	return 0;
}

/* n more bytes through c in segments of 512, each echoed before the next
   (resent every 300 ms, 20 times at most): 1 if every byte came back. */
static int tcp_echo(struct conn *c, unsigned n)
{
	static unsigned char seg[512];
	while (n) {
		unsigned m = n > 512 ? 512 : n, tries = 0;
		for (unsigned i = 0; i < m; i++)
			seg[i] = pat(c->k, c->sent + i);
		unsigned seq = c->snd;
		c->snd += m;
		c->sent += m;
		int acked = 0;
		while (!acked || c->got < c->sent) {
			if (tries++ == echo_rounds || c->reset)
				return 0;
			if (!acked)
				xmit(tcp_frame(IPA, c->port, ECHO, seq, c->rcv, TH_ACK | TH_PSH, seg, m));
			unsigned long long end = now_cycles() + us_to_cycles(300000);
			while ((!acked || c->got < c->sent) && now_cycles() < end)
				if (!tcp_in(c, 300000, &acked))
					return 0;
		}
		n -= m;
	}
	return 1;
}

/* Our FIN, then echod's (it closes when it reads our end of stream). */
static int tcp_close(struct conn *c)
{
	unsigned seq = c->snd++;
	for (unsigned t = 0; t < 20 && !c->fin && !c->reset; t++) {
		int acked = 0;
		xmit(tcp_frame(IPA, c->port, ECHO, seq, c->rcv, TH_FIN | TH_ACK, 0, 0));
		unsigned long long end = now_cycles() + us_to_cycles(300000);
		while (!c->fin && now_cycles() < end)
			if (!tcp_in(c, 300000, &acked))
				return 0;
	}
	return c->fin;
}

/* A whole client: connect, n bytes echoed, close. On failure it says
   where (and what came back), for whoever reads the log. */
static int tcp_session(unsigned n, unsigned open_ms)
{
	struct conn c;
	const char *why = !tcp_open(&c, open_ms) ? "# tcp: no handshake\n"
			  : !tcp_echo(&c, n) ? "# tcp: the echo failed\n"
			  : !tcp_close(&c) ? "# tcp: no FIN from echod\n" : 0;
	if (why) {
		say(why);
		say_num("tcp: bytes echoed", c.got);
		say_num("tcp: reset", (unsigned)c.reset);
	}
	return !why;
}

/* ---- the checks between waves --------------------------------------- */
static void still_echoes(const char *after, int with_tcp)
{
	char name[120], *p = name;
	drain(50);
	put_str(&p, "nethostile: after ");
	put_str(&p, after);
	put_str(&p, ": a UDP echo comes back intact");
	*p = 0;
	check(udp_echo(60, 10), name);
	if (with_tcp) {
		p = name;
		put_str(&p, "nethostile: after ");
		put_str(&p, after);
		put_str(&p, ": a TCP echo of 3000 bytes comes back intact");
		*p = 0;
		check(tcp_session(3000, 5000), name);
	}
}

static void wave(const char *what, unsigned before)
{
	char line[120], *p = line;
	put_str(&p, "# wave: ");
	put_str(&p, what);
	put_str(&p, ", frames ");
	put_uint(&p, sent_frames - before);
	*p++ = '\n';
	sys_cputs(line, (unsigned)(p - line));
}

/* ---- the waves -------------------------------------------------------- */
static unsigned seed = SEED;

/* Ethernet and ARP: runts, unknown types, truncated and lying ARP. */
static void wave_eth_arp(void)
{
	unsigned before = sent_frames;
	for (unsigned i = 0; i < 100; i++) {
		unsigned len = 14 + i % 47;
		eth(tx, i & 1 ? mac_echod : mac_bcast, i % 3 == 0 ? 0x0800 : i % 3 == 1 ? 0x0806 : 0x1234 + i);
		for (unsigned j = 14; j < len; j++)
			tx[j] = (unsigned char)rnd(&seed);
		xmit(len < 60 && i % 2 ? len : pad(len));
	}
	for (unsigned i = 0; i < 100; i++) {
		eth(tx, mac_bcast, 0x0806);
		put16(tx + 14, i % 5 ? 1 : 6);		/* hardware type */
		put16(tx + 16, i % 7 ? 0x0800 : 0x86dd);
		tx[18] = i % 11 ? 6 : 0;
		tx[19] = i % 13 ? 4 : 16;
		put16(tx + 20, i % 4 + 1);		/* request, reply, 3, 4 */
		copy(tx + 22, mac_me, 6);
		put32(tx + 28, 0x0a000064u + i);	/* 10.0.0.100+ (not us) */
		fill(tx + 32, 0, 6);
		put32(tx + 38, i % 3 ? IPE : 0x0a0000feu);
		xmit(i % 9 == 0 ? 20 + i % 20 : pad(42));	/* some cut short */
	}
	wave("Ethernet runts, unknown types, malformed and truncated ARP", before);
}

/* IP headers: version, IHL, lengths, header checksum, options. */
static void wave_ip(void)
{
	unsigned before = sent_frames;
	unsigned char d[64];
	for (unsigned i = 0; i < 64; i++)
		d[i] = pat(0, i);
	for (unsigned i = 0; i < 300; i++) {
		unsigned len = udp_frame(IPA, 31000 + i, ECHO, d, 32);
		unsigned char *ip = tx + 14;
		switch (i % 10) {
		case 0: ip[0] = (unsigned char)(0x65); break;			/* version 6 */
		case 1: ip[0] = (unsigned char)(0x40 | i % 5); break;		/* IHL < 5 */
		case 2: ip[0] = 0x4f; break;					/* IHL past the data */
		case 3: put16(ip + 2, 1500 + i); break;				/* longer than the frame */
		case 4: put16(ip + 2, 10 + i % 10); break;			/* shorter than its header */
		case 5: put16(ip + 10, get16(ip + 10) ^ 0x0101); break;	/* bad checksum */
		case 6: ip[9] = (unsigned char)(100 + i % 100); break;		/* unknown protocol */
		case 7: put32(ip + 16, 0x0a000063u); break;			/* another host */
		case 8: ip[8] = 0; break;					/* TTL 0 (still ours: RFC 1122 3.2.1.7) */
		case 9: len = 14 + 10; break;					/* cut inside the header */
		}
		if (i % 10 != 5 && i % 10 != 9) {	/* checksum right for the lie */
			put16(ip + 10, 0);
			unsigned hl = (ip[0] & 15) * 4;
			put16(ip + 10, fold(sum16(ip, hl < 20 ? 20 : hl, 0)));
		}
		xmit(len);
	}
	/* Options that lie: length 0, 1, past the header; and a record-route
	   pointer out of range (RFC 791 3.1). */
	for (unsigned i = 0; i < 40; i++) {
		unsigned char *ip = tx + 14;
		iphdr(tx, IP_UDP, 8 + 16, ip_id++, 0, IPA);
		/* rebuild with 8 bytes of options */
		unsigned char *u = ip + 28;
		put16(u, 31500 + i);
		put16(u + 2, ECHO);
		put16(u + 4, 8 + 16);
		put16(u + 6, 0);
		copy(u + 8, d, 16);
		ip[0] = 0x47;
		put16(ip + 2, 28 + 8 + 16);
		ip[20] = (unsigned char)(i % 2 ? 7 : 0x83);	/* record route, loose source route */
		ip[21] = (unsigned char)(i % 4 == 0 ? 0 : i % 4 == 1 ? 1 : i % 4 == 2 ? 200 : 8);
		ip[22] = (unsigned char)(i % 3 ? 4 : 250);
		fill(ip + 23, 0, 5);
		put16(ip + 10, 0);
		put16(ip + 10, fold(sum16(ip, 28, 0)));
		xmit(pad(14 + 28 + 8 + 16));
	}
	wave("bad IP version, IHL, total length, header checksum, options", before);
}

/* UDP, TCP and ICMP headers that lie, and bad checksums. */
static void wave_l4(void)
{
	unsigned before = sent_frames;
	unsigned char d[64];
	for (unsigned i = 0; i < 64; i++)
		d[i] = pat(1, i);
	for (unsigned i = 0; i < 200; i++) {
		unsigned len = udp_frame(IPA, 32000 + i, ECHO, d, 40);
		unsigned char *u = tx + 34;
		switch (i % 5) {
		case 0: put16(u + 4, 8 + 40 + 1 + i); break;	/* longer than the IP payload */
		case 1: put16(u + 4, i % 8); break;		/* shorter than its header */
		case 2: put16(u + 6, get16(u + 6) ^ 0x8000); break;	/* bad checksum */
		case 3: put16(tx + 16, 20 + 4); put16(tx + 24, 0); put16(tx + 24, fold(sum16(tx + 14, 20, 0))); break;	/* IP cuts the UDP header */
		case 4: u[8] ^= 0xff; break;			/* payload changed: checksum wrong */
		}
		xmit(len);
	}
	for (unsigned i = 0; i < 200; i++) {
		unsigned len = tcp_frame(IPA, 33000 + i, ECHO, rnd(&seed), rnd(&seed), rnd(&seed) & 0x3f, d, i % 30);
		unsigned char *t = tx + 34;
		switch (i % 5) {
		case 0: t[12] = (unsigned char)((i / 5 % 5) << 4); break;	/* data offset < 5 */
		case 1: t[12] = 0xf0; break;				/* past the segment */
		case 2: put16(t + 16, get16(t + 16) ^ 0x0100); break;	/* bad checksum */
		case 3: t[12] = 0x60; t[20] = 2; t[21] = (unsigned char)(i % 3 ? 0 : 1); break;	/* MSS option of length 0/1 */
		case 4: t[12] = 0x60; t[20] = 2; t[21] = 255; break;	/* an option past the header */
		}
		if (i % 5 >= 3) {
			put16(t + 16, 0);
			put16(t + 16, l4sum(t, 20 + i % 30, IP_TCP, IPA));
		}
		xmit(len);
	}
	for (unsigned i = 0; i < 60; i++) {
		/* ICMP: truncated, bad checksum, unknown types. */
		unsigned n = i % 3 == 0 ? 2 + i % 6 : 8 + i;
		iphdr(tx, 1, n, ip_id++, 0, IPA);
		unsigned char *c = tx + 34;
		for (unsigned j = 0; j < n; j++)
			c[j] = (unsigned char)rnd(&seed);
		c[0] = (unsigned char)(i % 3 == 1 ? 8 : rnd(&seed));
		c[1] = 0;
		if (n >= 4) {
			put16(c + 2, 0);
			put16(c + 2, fold(sum16(c, n, 0)) ^ (i % 3 == 1 ? 0x0040 : 0));
		}
		xmit(pad(34 + n));
	}
	wave("UDP/TCP/ICMP headers that lie, bad checksums, bad TCP options", before);
}

/* Fragments: overlapping, never completed, past 65535, tiny. */
static void wave_frag(void)
{
	unsigned before = sent_frames;
	static unsigned char d[1480];
	for (unsigned i = 0; i < sizeof d; i++)
		d[i] = pat(2, i);
	/* Overlaps: first 0..1023, then 512..1535 with other bytes, the last
	   piece with MF clear; and the same the other way round. */
	for (unsigned i = 0; i < 20; i++) {
		unsigned id = ip_id++;
		unsigned a = i % 2 ? 64 : 0, b = i % 2 ? 0 : 64;	/* offsets in 8s */
		iphdr(tx, IP_UDP, 1024, id, 0x2000 | a, IPA);
		copy(tx + 34, d, 1024);
		if (!a) {
			put16(tx + 34, 34000 + i); put16(tx + 36, ECHO); put16(tx + 38, 8 + 1600); put16(tx + 40, 0);
		}
		xmit(34 + 1024);
		iphdr(tx, IP_UDP, 1024, id, 0x2000 | b, IPA);
		copy(tx + 34, d + 100, 1024);
		xmit(34 + 1024);
		iphdr(tx, IP_UDP, 200, id, 160 + i, IPA);
		copy(tx + 34, d, 200);
		xmit(34 + 200);
	}
	/* Never completed: the first piece of 300 datagrams. */
	for (unsigned i = 0; i < 300; i++) {
		iphdr(tx, IP_UDP, 512, ip_id++, 0x2000, IPA);
		copy(tx + 34, d, 512);
		put16(tx + 34, 35000 + i); put16(tx + 36, ECHO); put16(tx + 38, 8 + 4000);
		xmit(34 + 512);
	}
	/* Offset + length past 65535 (the old "ping of death"), a zero-length
	   middle piece, a last piece of a length not a multiple of 8 in the
	   middle, and MF with DF. */
	for (unsigned i = 0; i < 40; i++) {
		unsigned id = ip_id++;
		iphdr(tx, i % 2 ? 1 : IP_UDP, 1480, id, 0x2000, IPA);
		copy(tx + 34, d, 1480);
		xmit(34 + 1480);
		iphdr(tx, i % 2 ? 1 : IP_UDP, i % 4 < 2 ? 1480 : 0, id, 0x1fff - i % 3, IPA);
		xmit(pad(34 + (i % 4 < 2 ? 1480 : 0)));
		iphdr(tx, IP_UDP, 13, id, 0x2000 | 185, IPA);
		xmit(pad(34 + 13));
		iphdr(tx, IP_UDP, 64, id, 0x6000 | 200, IPA);
		xmit(pad(34 + 64));
	}
	wave("overlapping, never completed, oversized and tiny fragments", before);
}

/* Random frames (seeded): random bytes; a valid Ethernet/IP start with
   random rest; valid UDP and TCP frames to port 7 with bytes flipped. */
static void wave_random(unsigned n)
{
	unsigned before = sent_frames;
	static unsigned char d[256];
	for (unsigned i = 0; i < n; i++) {
		unsigned kind = rnd(&seed) % 3, len;
		if (kind == 0) {
			len = 14 + rnd(&seed) % (1514 - 14 + 1);
			for (unsigned j = 0; j < len; j++)
				tx[j] = (unsigned char)rnd(&seed);
			copy(tx, rnd(&seed) & 1 ? mac_echod : mac_bcast, 6);
		} else if (kind == 1) {
			len = 34 + rnd(&seed) % 400;
			iphdr(tx, rnd(&seed) % 3 == 0 ? 1 : rnd(&seed) & 1 ? IP_UDP : IP_TCP, len - 34, ip_id++,
			      rnd(&seed) % 8 ? 0 : rnd(&seed) & 0x3fff, IPA);
			for (unsigned j = 34; j < len; j++)
				tx[j] = (unsigned char)rnd(&seed);
			if (rnd(&seed) & 1)
				put16(tx + 36, ECHO);
		} else {
			unsigned m = rnd(&seed) % sizeof d;
			for (unsigned j = 0; j < m; j++)
				d[j] = (unsigned char)rnd(&seed);
			len = rnd(&seed) & 1 ? udp_frame(IPA, 36000 + i % 1000, ECHO, d, m)
					      : tcp_frame(IPA, 36000 + i % 1000, ECHO, rnd(&seed), rnd(&seed),
							  rnd(&seed) & 0x3f, d, m);
			for (unsigned f = 1 + rnd(&seed) % 4; f; f--)
				tx[14 + rnd(&seed) % (len - 14)] ^= (unsigned char)(1 + rnd(&seed) % 255);
		}
		xmit(len < 60 ? pad(len) : len);
		if (i % 64 == 63)
			drain(0);	/* our ring: echod's answers to the lucky ones */
	}
	wave("random frames (seeded)", before);
}

/* On an established connection: segments outside the window, ACKs of
   data never sent, RSTs and SYNs out of window, a RST with a bad checksum;
   the connection must go on (RFC 793 3.3, 3.4, 3.9). */
static int wave_window(void)
{
	unsigned before = sent_frames;
	struct conn c;
	if (!check(tcp_open(&c, 5000) && tcp_echo(&c, 1000),
		   "nethostile: a TCP connection before the out-of-window segments echoes 1000 bytes"))
		return 0;
	static unsigned char junk[200];
	for (unsigned i = 0; i < sizeof junk; i++)
		junk[i] = 0xee;
	for (unsigned i = 0; i < 40; i++) {
		unsigned s = c.snd, r = c.rcv;
		xmit(tcp_frame(IPA, c.port, ECHO, s + 100000 + i * 1000, r, TH_ACK | TH_PSH, junk, 200));	/* beyond the window */
		xmit(tcp_frame(IPA, c.port, ECHO, s - 70000 - i, r, TH_ACK | TH_PSH, junk, 200));		/* long ago */
		xmit(tcp_frame(IPA, c.port, ECHO, s, r + 50000 + i, TH_ACK, 0, 0));			/* ACK of unsent data */
		xmit(tcp_frame(IPA, c.port, ECHO, s + 200000 + i, r, TH_RST, 0, 0));			/* RST out of window */
		xmit(tcp_frame(IPA, c.port, ECHO, s - 300000, r, TH_SYN, 0, 0));			/* SYN out of window */
		unsigned len = tcp_frame(IPA, c.port, ECHO, s, r, TH_RST | TH_ACK, 0, 0);
		put16(tx + 34 + 16, get16(tx + 34 + 16) ^ 0x1000);					/* RST, bad checksum */
		xmit(len);
		if (i % 8 == 7)
			drain(5);
	}
	/* echod's ACKs to those (RFC 793 asks for them) are taken by tcp_in. */
	wave("TCP segments out of window, bad RSTs and SYNs on a live connection", before);
	int ok = tcp_echo(&c, 2000);
	check(ok && !c.reset, "nethostile: the connection survives them and echoes 2000 more bytes intact");
	check(tcp_close(&c), "nethostile: and closes cleanly (echod's FIN)");
	return ok;
}

/* Clients that misbehave (echod serves one connection at a time, so each
   holds the next back until echod gives up on it): one that resets
   mid-stream; one that floods without ever acknowledging echod's data
   and then vanishes; one that goes silent. UDP must be answered
   meanwhile, and the next TCP client served once echod lets go. */
static void wave_clients(void)
{
	static unsigned char data[512];
	struct conn c;
	unsigned before = sent_frames;
	check(tcp_open(&c, 5000) && tcp_echo(&c, 500), "nethostile: a client that will reset: 500 bytes echoed");
	xmit(tcp_frame(IPA, c.port, ECHO, c.snd, c.rcv, TH_RST, 0, 0));
	check(tcp_session(3000, 5000), "nethostile: after a client's RST the next client is served at once");

	/* The flood: 64 KB in 512-byte segments, acknowledging nothing of
	   what echod sends back (our ack stays at its first byte). */
	check(tcp_open(&c, 5000), "nethostile: a flooding client connects");
	unsigned ack = c.rcv, seq = c.snd;
	for (unsigned i = 0; i < 128; i++) {
		for (unsigned j = 0; j < sizeof data; j++)
			data[j] = pat(9, i * 512 + j);
		xmit(tcp_frame(IPA, c.port, ECHO, seq, ack, TH_ACK | TH_PSH, data, sizeof data));
		seq += sizeof data;
		spin_us(1000);
		if (i % 16 == 15)
			drain(0);
	}
	wave("a client flooding 64 KB without reading, then vanishing", before);
	check(udp_echo(60, 10), "nethostile: during the flooding client: a UDP echo comes back intact");
	echo_rounds = 150;	/* 45 s: echod drops a client that reads nothing for 10 s */
	check(tcp_session(3000, 5000), "nethostile: after it, the next TCP client is served (within 45 s)");

	/* Silent: connects, echoes 100 bytes, then nothing, not even a FIN. */
	check(tcp_open(&c, 5000) && tcp_echo(&c, 100), "nethostile: a client that goes silent: 100 bytes echoed");
	check(udp_echo(60, 10), "nethostile: while it is silent: a UDP echo comes back intact");
	check(tcp_session(3000, 5000), "nethostile: after it, the next TCP client is served (within 45 s)");
	echo_rounds = 20;
}

/* Valid UDP echo requests as fast as the wire takes them, 2000 of them
   between the pieces of a TCP echo: echod must keep serving the
   connection (it takes at most a queue's worth of datagrams a turn). */
static void wave_udpflood(void)
{
	static unsigned char d[64];
	unsigned before = sent_frames;
	struct conn c;
	int ok = tcp_open(&c, 5000);
	for (unsigned i = 0; i < sizeof d; i++)
		d[i] = pat(4, i);
	for (unsigned r = 0; r < 4 && ok; r++) {
		for (unsigned i = 0; i < 500; i++)
			xmit(udp_frame(IPA, 50000 + i, ECHO, d, sizeof d));
		ok = tcp_echo(&c, 1000);
	}
	ok = ok && tcp_close(&c);
	wave("2000 UDP echo requests at wire speed, between pieces of a TCP echo", before);
	check(ok, "nethostile: a TCP echo of 4000 bytes completes through a UDP flood");
}

/* SYNs from spoofed ports (and some from absent hosts, which echod can
   never answer: ARP for them stays unanswered); we never complete them
   nor reset them. */
static void wave_synflood(unsigned n)
{
	unsigned before = sent_frames;
	for (unsigned i = 0; i < n; i++) {
		unsigned src = i % 8 == 7 ? 0x0a000080u + rnd(&seed) % 100 : IPA;
		unsigned sport = 1024 + rnd(&seed) % 28000;	/* below our own ports */
		xmit(tcp_frame(src, sport, ECHO, rnd(&seed), 0, TH_SYN, 0, 0));
		if (i % 32 == 31)
			drain(0);
	}
	wave("SYN flood from spoofed ports and absent hosts", before);
}

/* The boot word seed=N (decimal) replaces SEED: other random waves. */
static void seed_from_boot(void)
{
	char w[32];
	for (unsigned n = 0; n < 64; n++) {
		int r = sys_boot_arg(n, w, sizeof w);
		if (r == -AEGIS_ENOENT)
			return;
		if (r < 6 || w[0] != 's' || w[1] != 'e' || w[2] != 'e' || w[3] != 'd' || w[4] != '=')
			continue;
		unsigned v = 0;
		for (int i = 5; w[i]; i++) {
			if (w[i] < '0' || w[i] > '9') {
				say("nethostile: seed= wants a decimal number; the default kept\n");
				return;
			}
			v = v * 10 + (unsigned)(w[i] - '0');
		}
		seed = v ? v : SEED;	/* xorshift's state must not be 0 */
	}
}

int main(void)
{
	time_init();
	seed_from_boot();
	say_num("seed", seed);
	say("nethostile: hostile frames against ExOS's echod (machine 2, 10.0.0.2)\n");
	struct tfilter f;
	filter_type(&f, 0x0806);
	int ok = tfilter_insert(&f, 0) >= 0;
	filter_type(&f, 0x0800);
	ok = ok && tfilter_insert(&f, 0) >= 0 && ring_init(&rg, ring_mem, 24, 0) == 0;
	if (!check(ok, "nethostile: its filters and ring"))
		return 1;
	/* echod boots slower than this program: ask until it answers. */
	int up = 0;
	for (unsigned t = 0; t < 60 && !up; t++)
		up = udp_echo(60, 1);
	if (!check(up, "nethostile: echod is up and echoes UDP (within 30 s)")) {
		plan();
		return 1;
	}
	say_num("ARP requests from echod answered", arp_answered);
	check(udp_echo(3000, 3), "nethostile: a fragmented 3000-byte UDP echo comes back intact");
	check(tcp_session(3000, 5000), "nethostile: a TCP echo of 3000 bytes comes back intact");

	wave_eth_arp();
	still_echoes("Ethernet and ARP garbage", 0);

	/* Frames that must get no answer: bad checksums (RFC 1122 3.2.1.2,
	   4.1.3.4) and a header lying about its length. */
	unsigned char d[32];
	for (unsigned i = 0; i < 32; i++)
		d[i] = pat(3, i);
	drain(50);
	unsigned len = udp_frame(IPA, 37000, ECHO, d, 32);
	tx[34 + 6] ^= 0x01;
	xmit(len);
	check(silent(300), "nethostile: a UDP datagram with a bad checksum gets no echo");
	len = udp_frame(IPA, 37001, ECHO, d, 32);
	tx[24] ^= 0x01;
	xmit(len);
	check(silent(300), "nethostile: a datagram with a bad IP header checksum gets no echo");
	len = udp_frame(IPA, 37002, ECHO, d, 32);
	put16(tx + 16, 20 + 8 + 32 + 200);	/* total length past the frame */
	put16(tx + 24, 0);
	put16(tx + 24, fold(sum16(tx + 14, 20, 0)));
	xmit(len);
	check(silent(300), "nethostile: a datagram whose total length passes the frame gets no echo");

	wave_ip();
	still_echoes("bad IP headers", 0);
	wave_l4();
	still_echoes("bad UDP/TCP/ICMP headers", 1);
	wave_frag();
	still_echoes("bad fragments", 0);
	check(udp_echo(3000, 10), "nethostile: after bad fragments: a fragmented 3000-byte UDP echo comes back intact");
	wave_random(3000);
	still_echoes("random frames", 1);
	wave_window();
	still_echoes("out-of-window segments", 0);
	wave_clients();
	still_echoes("misbehaving clients", 1);
	wave_udpflood();
	still_echoes("the UDP flood", 0);
	wave_synflood(3000);
	unsigned answers = drain(200);
	say_num("answers from echod to the flood (SYN-ACKs...)", answers);
	still_echoes("the SYN flood", 0);
	check(tcp_session(3000, 30000), "nethostile: after the SYN flood: a TCP echo of 3000 bytes (within 30 s)");
	/* And a last round, a while later. */
	drain(1000);
	still_echoes("all the waves, 1 s later", 1);
	say_num("frames sent", sent_frames);
	say_num("RSTs from echod on our connections", rsts_seen);
	plan();
	return 0;
}
