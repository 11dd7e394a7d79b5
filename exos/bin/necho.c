/*
 * necho.c - the echo client (RFC 862): sends to PEER's port 7 and checks
 * every byte that comes back. TAP lines through exos_check; exit status
 * 0 when every check passed, else 1.
 *   UDP: N datagrams of SIZE bytes (each a different pattern), each
 *        answered before the next (resent up to 3 times, a second apart:
 *        UDP may lose one);
 *   TCP: one connection, N bytes in writes of up to 1460, read back as
 *        they come, then closed.
 * Arguments, from the shell (sh.c turns the address into a number):
 *   necho PEER N [tcp]   arg0 = PEER, arg1 = N (bit 31 set: TCP)
 * or from the boot line (init=necho):
 *   peer=A.B.C.D n=N proto=udp|tcp size=BYTES (UDP datagrams' size, default 64)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "exos.h"
#include "net/net.h"

#define ECHO_PORT	7
#define NECHO_TCP_FLAG	0x80000000u
#define UDP_TRIES	3
#define UDP_WAIT_MS	1000
#define TCP_WAIT_MS	10000

/* From the ExOS heap, not .bss: every .bss page is one of Aegis's 64
   guaranteed mappings, which the stack's ring and buffers mostly take;
   the stack copies what it sends into its own buffers. */
#define NECHO_MAX	65507	/* bytes in a UDP datagram */
static uint8_t *out, *in;

/* Byte i of message k: varies with both, so a reply to another
   datagram, or bytes out of order, do not compare equal. */
static uint8_t pattern(unsigned k, unsigned i)
{
	return (uint8_t)(i * 7 + k * 13 + (i >> 8));
}

static int udp_echo(uint32_t peer, unsigned n, unsigned size)
{
	int s = net_socket(NET_UDP), r;
	if (s < 0 || (r = net_connect(s, peer, ECHO_PORT)) < 0) {
		exos_check(0, "necho: udp socket (%d)", s < 0 ? s : r);
		return -1;
	}
	net_set_timeout(s, UDP_WAIT_MS);
	unsigned good = 0, lost = 0, wrong = 0;
	for (unsigned k = 0; k < n; k++) {
		for (unsigned i = 0; i < size; i++)
			out[i] = pattern(k, i);
		int ok = 0;
		for (int t = 0; t < UDP_TRIES && !ok; t++) {
			if ((r = net_send(s, out, size)) != (int)size) {
				printf("# necho: send %u: %d\n", k, r);
				break;
			}
			/* Replies to an earlier try of this datagram (late) are
			   skipped; anything else that comes is wrong. */
			while ((r = net_recv(s, in, NECHO_MAX)) >= 0) {
				if (r == (int)size && !memcmp(in, out, size)) {
					ok = 1;
					break;
				}
				if (r != (int)size || k == 0 || in[0] != pattern(k - 1, 0))
					wrong++;
			}
		}
		if (ok)
			good++;
		else
			lost++;
	}
	net_close(s);
	exos_check(good == n, "necho: udp: %u of %u datagrams of %u bytes echoed intact", good, n, size);
	exos_check(wrong == 0, "necho: udp: no wrong reply (%u)", wrong);
	return good == n && !wrong ? 0 : -1;
}

static int tcp_echo(uint32_t peer, unsigned n)
{
	int s = net_socket(NET_TCP), r;
	if (s < 0) {
		exos_check(0, "necho: tcp socket (%d)", s);
		return -1;
	}
	net_set_timeout(s, TCP_WAIT_MS);
	uint32_t t0 = net_now_ms();
	if ((r = net_connect(s, peer, ECHO_PORT)) < 0) {
		exos_check(0, "necho: tcp connect (%d)", r);
		net_close(s);
		return -1;
	}
	unsigned sent = 0, got = 0, bad = 0, first_bad = 0;
	while (got < n) {
		/* Write a chunk, then read back all that has been sent: the
		   echo can never fill our receive side. */
		if (sent < n) {
			unsigned len = n - sent < 1460 ? n - sent : 1460;
			for (unsigned i = 0; i < len; i++)
				out[i] = pattern(0, sent + i);
			if ((r = net_send(s, out, len)) != (int)len) {
				printf("# necho: tcp send at %u: %d\n", sent, r);
				break;
			}
			sent += len;
		}
		while (got < sent) {
			if ((r = net_recv(s, in, NECHO_MAX)) <= 0)
				break;
			for (int i = 0; i < r; i++, got++)
				if (in[i] != pattern(0, got) && !bad++)
					first_bad = got;
		}
		if (r <= 0 && got < sent) {
			printf("# necho: tcp recv at %u: %d\n", got, r);
			break;
		}
	}
	uint32_t ms = net_now_ms() - t0;
	net_close(s);
	exos_check(got == n, "necho: tcp: %u of %u bytes came back", got, n);
	exos_check(!bad, "necho: tcp: every byte as sent (%u wrong, first at %u)", bad, first_bad);
	printf("# necho: tcp: %u bytes in %u ms\n", got, (unsigned)ms);
	return got == n && !bad ? 0 : -1;
}

static unsigned boot_num(const char *key, unsigned dflt)
{
	char v[32];
	if (exos_boot_arg(key, v, sizeof v) < 0)
		return dflt;
	char *end;
	unsigned long n = strtoul(v, &end, 0);
	if (!*v || *end) {
		printf("necho: %s=%s: not a number, %u used\n", key, v, dflt);
		return dflt;
	}
	return (unsigned)n;
}

int main(void)
{
	uint32_t peer = exos_arg0;
	unsigned n = exos_arg1 & ~NECHO_TCP_FLAG, size = 64;
	int tcp = (exos_arg1 & NECHO_TCP_FLAG) != 0;
	if (!peer) {		/* started at boot: the boot line's words */
		char p[32], proto[8];
		int has_proto = exos_boot_arg("proto", proto, sizeof proto) == 0;
		if (exos_boot_arg("peer", p, sizeof p) < 0 || net_parse_ip(p, &peer) < 0) {
			printf("usage: necho PEER N [tcp] (or boot: peer=A.B.C.D n=N proto=udp|tcp size=BYTES)\n");
			return 1;
		}
		n = boot_num("n", 10);
		size = boot_num("size", 64);
		if (has_proto && strcmp(proto, "udp") && strcmp(proto, "tcp")) {
			printf("necho: proto=%s: udp or tcp\n", proto);
			return 1;
		}
		tcp = has_proto && !strcmp(proto, "tcp");
	}
	if (!n)
		n = 10;
	if (!tcp && (size < 1 || size > NECHO_MAX)) {
		printf("necho: size=%u: 1..%d bytes\n", size, NECHO_MAX);
		return 1;
	}
	out = malloc(NECHO_MAX);
	in = malloc(NECHO_MAX);
	if (!out || !in) {
		printf("necho: no memory for its buffers\n");
		return 1;
	}
	int r = net_init();
	if (r < 0) {
		printf("necho: no network (%d)\n", r);
		return 1;
	}
	char a[16];
	printf("# necho: %u %s to %s port %d\n", n, tcp ? "bytes over TCP" : "datagrams over UDP",
	       net_ip_str(peer, a), ECHO_PORT);
	r = tcp ? tcp_echo(peer, n) : udp_echo(peer, n, size);
	return exos_test_result() ? 1 : 0;
}
