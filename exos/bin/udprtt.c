/*
 * udprtt.c - the paper's Table 11 round trip on ExOS (and Figure 2's
 * load): a counter in "a 60-byte packet" ping-ponged between two
 * machines, each side incrementing it. The packet is a minimum Ethernet
 * frame, 60 bytes before the FCS: 14 + 20 + 8 header bytes and an
 * 18-byte UDP message (the tag, the counter, 10 more bytes), as the
 * paper's method (SOSP'95 6.3: "a counter in a 60-byte UDP/IP packet")
 * and the same group's DPF paper (SIGCOMM'96 Table 4: "60-byte message
 * with 4-byte payload") describe it; len=BYTES sends another size. Speaks bench/linux/nettest.c's
 * protocol (port 7, the "T11c" tag, the counter in bytes 4..7, "nettest
 * bye" answered with "received R counted C"), so either side may be
 * Linux.
 *
 * Arguments are boot words (-o "init=udprtt role=... ip=A.B.C.D/N"):
 *   role=server [ash=1] [zc=1] [spin=K] [active=1] [ping=A.B.C.D] [len=BYTES]
 *        echo on port 7 (after
 *        pinging A.B.C.D, if given): counter messages with
 *        the counter incremented, anything else as it came; ash=1 answers
 *        the counter messages in an ASH (net_udp_ash) inside Aegis; spin=K
 *        starts K spinning processes (Figure 2's active processes); active=1
 *        makes the server one of them: it keeps the processor while it
 *        waits for a request (looking with net_readable, never
 *        yielding), so with K-1 spinners it runs one slice in K; zc=1 uses the
 *        zero-copy calls
 *   role=client peer=A.B.C.D [n=N] [big=BYTES] [wait=MS] [label=NAME]
 *        [procs=K ash=A] [len=BYTES]  TAP checks: the peer
 *        answers ping, echoes a datagram (and one of BYTES bytes,
 *        fragmented, if asked), N (default 200) counter round trips
 *        (prints "udprtt: N round trips X us" and a bench line), and the
 *        server counted them all. wait: how long a counter message waits
 *        for its answer before it is sent again (default 50 ms); label:
 *        the bench line's name (default udp_rtt); procs and ash: also
 *        print Figure 2's line "fig2 procs=K ash=A us=X iters=N".
 *   len: the counter message's UDP data, 8 to 1472 bytes (default 18;
 *        both sides must be given the same; the ASH matches only it).
 * From the shell: udprtt PEER N (PEER a number, 0x0a000002) is the
 * client; udprtt 0 1 the server with its ASH, udprtt 0 2 without.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "exos.h"
#include "net/net.h"

#define PORT	7
#define MSG_LEN	18		/* 60-byte frame - 14 - 20 - 8 */
#define MSG_MAX	1472		/* one frame: 1500 - 20 - 8 */
static unsigned msg_len = MSG_LEN;	/* len= */
static const uint8_t tag[4] = { 'T', '1', '1', 'c' };
static const char bye[] = "nettest bye";

static uint32_t counter_of(const uint8_t *m)
{
	return (uint32_t)m[4] << 24 | (uint32_t)m[5] << 16 | (uint32_t)m[6] << 8 | m[7];
}

static void set_counter(uint8_t *m, uint32_t c)
{
	m[4] = (uint8_t)(c >> 24), m[5] = (uint8_t)(c >> 16), m[6] = (uint8_t)(c >> 8), m[7] = (uint8_t)c;
}

static int is_counter(const uint8_t *m, int len)
{
	return len == (int)msg_len && !memcmp(m, tag, 4);
}

static unsigned opt_num(const char *key, unsigned dflt)
{
	char w[16];
	return exos_boot_arg(key, w, sizeof w) == 0 ? (unsigned)strtoul(w, NULL, 10) : dflt;
}

/* ---- server ---- */
static uint8_t *rx;	/* 64 KB from the heap (.bss is scarce: 64 pages) */
#define RX_SIZE 65536

/* The server's zero-copy form (zc=1): the datagram read in its ring
   slot, the reply built in a transmit buffer. */
static int serve_zc(int s, uint32_t *ip, unsigned *port, int *is_counter_msg)
{
	struct net_buf *b;
	int n = net_recv_zc(s, &b);
	if (n < 0)
		return n;
	*ip = b->ip;
	*port = b->port;
	*is_counter_msg = is_counter(b->data, n);
	if (*is_counter_msg) {
		struct net_buf *t = net_buf_get(s, msg_len);
		if (t) {
			memcpy(t->data, b->data, msg_len);
			set_counter(t->data, counter_of(b->data) + 1);
			net_sendto_zc(s, t, *ip, *port);
		}
	} else {
		memcpy(rx, b->data, (size_t)n);
	}
	net_buf_release(b);
	return n;
}

/* The server's other forms: zero copy (SERVE_ZC), or active
   (SERVE_ACTIVE): it looks until a datagram is queued, without the
   blocking call's yields, so that only the clock takes the processor
   from it (the datagram then comes by the stack's slow path, not
   straight from the ring: 318 us alone on the 5000/125, not 293). */
#define SERVE_ZC	1
#define SERVE_ACTIVE	2
static int serve_other(int form, int s, uint32_t *ip, unsigned *port, int *is_counter_msg)
{
	if (form == SERVE_ZC)
		return serve_zc(s, ip, port, is_counter_msg);
	while (net_readable(s) == 0)
		;
	return net_recvfrom(s, rx, RX_SIZE, ip, port);
}

static int server(int ash, unsigned spin, int zc, int active)
{
	if (zc && active) {
		iprintf("udprtt: server: zc=1 and active=1 together: not supported\n");
		return 2;
	}
	int form = zc ? SERVE_ZC : active ? SERVE_ACTIVE : 0;
	int s = net_socket(NET_UDP);
	if (s < 0 || net_bind(s, PORT) != 0) {
		iprintf("udprtt: server: cannot bind udp port %d (%d)\n", PORT, s);
		return 1;
	}
	if (ash) {
		int r = net_udp_ash(s, 4);
		if (r == 0)
			r = net_udp_ash_match(s, msg_len, tag);
		if (r) {
			iprintf("udprtt: server: the ASH: %d\n", r);
			return 1;
		}
	}
	char a[16];
	iprintf("udprtt: server %s echoing on udp port %d%s\n", net_ip_str(net_config()->ip, a), PORT,
	       ash ? ", counters in the ASH" : "");
	/* Ping the client first (it may still be booting: up to 20 s), so
	   that echo is tried both ways. */
	uint32_t pip;
	if (exos_boot_arg("ping", a, sizeof a) == 0 && net_parse_ip(a, &pip) == 0) {
		int rtt = -1;
		for (unsigned seq = 1; seq <= 100 && rtt < 0; seq++)
			rtt = net_ping(pip, seq, 56, 200);
		if (rtt >= 0)
			iprintf("udprtt: server: ping %s: reply in %d us\n", net_ip_str(pip, a), rtt);
		else
			iprintf("udprtt: server: ping %s: no reply\n", net_ip_str(pip, a));
	}
	for (unsigned i = 0; i < spin; i++)
		if (proc_spawn("spinner", 0, 0) < 0)
			iprintf("udprtt: server: cannot start spinner %u\n", i);
	if (spin)
		iprintf("udprtt: server: %u spinning processes\n", spin);
	if (active)
		iprintf("udprtt: server: active, it keeps the processor while it waits\n");
	/* The reply to a counter message: prepared in advance, the counter
	   put in (Table 11's server, as nettest's). */
	static uint8_t tx[MSG_MAX];
	memcpy(tx, tag, 4);
	unsigned long received = 0, counted = 0;
	for (;;) {
		uint32_t ip;
		unsigned port;
		int zc_counter = 0;
		/* (One test for both other forms: Table 11's loop as it was.) */
		int n = form ? serve_other(form, s, &ip, &port, &zc_counter) : net_recvfrom(s, rx, RX_SIZE, &ip, &port);
		if (n < 0)
			continue;
		if (received++ == 0)
			iprintf("udprtt: server: first datagram from %s port %u\n", net_ip_str(ip, a), port);
		if (zc_counter) {
			counted++;
		} else if (is_counter(rx, n)) {
			memcpy(tx + 8, rx + 8, msg_len - 8);
			set_counter(tx, counter_of(rx) + 1);
			counted++;
			net_sendto(s, tx, msg_len, ip, port);
		} else if (n == (int)sizeof bye - 1 && !memcmp(rx, bye, (size_t)n)) {
			static char report[80];
			unsigned by_ash = net_udp_ash_count(s);
			sniprintf(report, sizeof report, "received %lu counted %lu", received + by_ash,
				 counted + by_ash);
			iprintf("udprtt: server: %s (%u in the ASH)\n", report, by_ash);
			net_sendto(s, report, (unsigned)strlen(report), ip, port);
		} else {
			net_sendto(s, rx, (unsigned)n, ip, port);
		}
	}
}

/* ---- client ---- */
static uint8_t *big_out, *big_in;

/* Send and wait 500 ms for the answer, a few times: its length or <0. */
static int exchange(int s, const void *out, unsigned len, void *in, unsigned inlen, int tries)
{
	int r = -1;
	for (int i = 0; i < tries; i++) {
		if ((r = net_send(s, out, len)) < 0)
			continue;
		r = net_recv(s, in, inlen);
		if (r >= 0)
			return r;
	}
	return r;
}

/* label: the bench line's name (bench/reportlib); wait_ms: how long a
   counter message waits for its answer before it goes again. */
static const char *label = "udp_rtt";
static unsigned wait_ms = 50;

static int client(uint32_t peer, unsigned rounds, unsigned big)
{
	char a[16];
	net_ip_str(peer, a);
	/* The peer may still be booting (Linux: 15 to 30 simulated
	   seconds): ping until it answers, for 60 s. */
	int rtt = -1;
	for (unsigned seq = 1; seq <= 300 && rtt < 0; seq++)
		rtt = net_ping(peer, seq, 56, 200);
	if (rtt >= 0)
		iprintf("udprtt: echo reply from %s in %d us\n", a, rtt);
	exos_check(rtt >= 0, "udprtt: %s answers ICMP echo", a);
	/* A 3000-byte echo: fragmented both ways, reassembled both ends. */
	int big_rtt = -1;
	for (unsigned seq = 1000; seq < 1005 && big_rtt < 0 && rtt >= 0; seq++)
		big_rtt = net_ping(peer, seq, 3000, 500);
	exos_check(big_rtt >= 0, "udprtt: %s answers a 3000-byte ICMP echo (fragmented) in %d us", a, big_rtt);

	int s = net_socket(NET_UDP);
	int conn = s >= 0 && net_connect(s, peer, PORT) == 0;
	exos_check(conn, "udprtt: udp socket connected to %s port %d", a, PORT);
	net_set_timeout(s, 500);
	static const char hello[] = "hello from the udprtt client";
	int n = conn ? exchange(s, hello, sizeof hello - 1, rx, RX_SIZE, 10) : -1;
	exos_check(n == (int)sizeof hello - 1 && !memcmp(rx, hello, sizeof hello - 1),
		   "udprtt: a udp datagram comes back echoed");
	unsigned extra = 0;
	if (big > 65507)
		big = 65507;
	if (big) {
		/* Larger than the MTU: fragmented out, reassembled there,
		   fragmented back, reassembled here. */
		for (unsigned i = 0; i < big; i++)
			big_out[i] = (uint8_t)(i * 7 + 3);
		n = conn ? exchange(s, big_out, big, big_in, 65507, 5) : -1;
		exos_check(n == (int)big && !memcmp(big_in, big_out, big),
			   "udprtt: a %u-byte datagram (fragmented) comes back whole (%d)", big, n);
		extra = 1;
	}

	/* The rest after the counter: the same text cut to the size (10
	   bytes of the 18-byte message), nettest.c's too. */
	static const char text[] = "Table 11: a counter in a 60-byte packet";
	static uint8_t tx[MSG_MAX];
	memcpy(tx, tag, 4);
	for (unsigned i = 8; i < msg_len; i++)
		tx[i] = (uint8_t)text[(i - 8) % (sizeof text - 1)];
	net_set_timeout(s, wait_ms);
	uint32_t c = 0;
	unsigned done = 0, again = 0;
	static struct aegis_clock c0, c1;
	sys_clock(&c0);
	while (conn && done < rounds) {
		set_counter(tx, c);
		int answered = 0;
		for (int tries = 0; !answered && tries < 10; tries++) {
			again += tries > 0;
			if (net_send(s, tx, msg_len) != (int)msg_len)
				break;
			n = net_recv(s, rx, RX_SIZE);
			answered = n >= 0;
		}
		if (!answered || !is_counter(rx, n) || counter_of(rx) != c + 1)
			break;
		c = counter_of(rx) + 1;
		done++;
	}
	sys_clock(&c1);
	iprintf("udprtt: %u of %u round trips, counter %u, %u sent again\n", done, rounds, (unsigned)c, again);
	exos_check(done == rounds && c == 2 * rounds, "udprtt: counter ping-pong: every round trip, the counter right");
	if (done == rounds && rounds) {
		unsigned long long hundredths;
		if (c0.fine_mhz) {
			unsigned long long f0 = (unsigned long long)c0.fine_hi << 32 | c0.fine_lo;
			unsigned long long f1 = (unsigned long long)c1.fine_hi << 32 | c1.fine_lo;
			hundredths = (f1 - f0) * 100 / c0.fine_mhz / rounds;
		} else {
			hundredths = (unsigned long long)(c1.ticks - c0.ticks) * 100000000ull / c0.hz / rounds;
		}
		iprintf("udprtt: %u round trips %llu.%02llu us (%s)\n", rounds, hundredths / 100, hundredths % 100,
		       c0.fine_mhz ? "SYS_clock's fine count" : "SYS_clock's ticks");
		iprintf("bench table11 %s us=%llu.%02llu iters=%u\n", label, hundredths / 100, hundredths % 100,
		       rounds);
		/* Figure 2's point, when the server's load is named. */
		char w[8];
		if (exos_boot_arg("procs", w, sizeof w) == 0)
			iprintf("fig2 procs=%s ash=%u us=%llu.%02llu iters=%u\n", w, opt_num("ash", 0),
			       hundredths / 100, hundredths % 100, rounds);
	}
	net_set_timeout(s, 500);
	static char expect[80];
	sniprintf(expect, sizeof expect, "received %u counted %u", done + 2 + extra, done);
	n = conn ? exchange(s, bye, sizeof bye - 1, rx, RX_SIZE - 1, 10) : -1;
	rx[n > 0 ? n : 0] = 0;
	iprintf("udprtt: server says \"%s\"\n", (char *)rx);
	exos_check(n > 0 && !again && !strcmp((char *)rx, expect), "udprtt: the server counted what the client sent");
	net_close(s);
	return exos_test_result();
}

int main(void)
{
	char w[32];
	rx = malloc(RX_SIZE);
	big_out = malloc(65507);
	big_in = malloc(65507);
	if (!rx || !big_out || !big_in)
		return 3;
	if (exos_arg0)
		return client(exos_arg0, exos_arg1 ? exos_arg1 : 200, 0);
	if (exos_arg1)
		return server(exos_arg1 == 1, 0, 0, 0);
	msg_len = opt_num("len", MSG_LEN);
	if (msg_len < 8 || msg_len > MSG_MAX) {
		iprintf("udprtt: len=%u: the counter message is 8 to %d bytes\n", msg_len, MSG_MAX);
		return 2;
	}
	if (exos_boot_arg("role", w, sizeof w) == 0 && !strcmp(w, "server"))
		return server(opt_num("ash", 0) != 0, opt_num("spin", 0), opt_num("zc", 0) != 0,
			      opt_num("active", 0) != 0);
	uint32_t peer;
	static char lab[24];
	if (exos_boot_arg("label", lab, sizeof lab) == 0)
		label = lab;
	wait_ms = opt_num("wait", 50);
	if (exos_boot_arg("role", w, sizeof w) == 0 && !strcmp(w, "client") &&
	    exos_boot_arg("peer", w, sizeof w) == 0 && net_parse_ip(w, &peer) == 0)
		return client(peer, opt_num("n", 200), opt_num("big", 0));
	iprintf("usage: udprtt role=server [ash=1] [spin=K] [active=1] | role=client peer=A.B.C.D [n=N] [big=BYTES] [len=BYTES]\n"
	       "       (boot words), or from the shell: udprtt PEER N | udprtt 0 1 (ASH) | udprtt 0 2\n");
	return 2;
}
