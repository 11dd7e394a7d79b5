/*
 * tcpsink - ExOS's TCP receiving end for the tests and the throughput
 * benchmark: listens on port= (default 5001), takes one connection, reads
 * to its end and checks every byte against the pattern tcpsrc (and
 * Linux's nettest) sends: byte i is i mod 251 (a prime period, so a lost,
 * repeated or misplaced segment of any usual size shows). Boot words:
 * port=N, bytes=N (the count expected; 0: any), ip=A.B.C.D/N (the stack's).
 * Prints TAP (the count, the pattern) and the throughput it saw.
 */
#include <stdio.h>
#include <stdlib.h>
#include "exos.h"
#include "net/net.h"

static uint8_t *buf;		/* the heap's: only the stack copies it */
#define BUFSZ	8192

/* Microseconds from SYS_clock's fine count (its ticks where none). */
static uint64_t now_us(void)
{
	struct aegis_clock c;
	if (sys_clock(&c) != 0)
		return 0;
	if (c.fine_mhz)
		return ((uint64_t)c.fine_hi << 32 | c.fine_lo) / c.fine_mhz;
	return c.hz ? (uint64_t)c.ticks * 1000000 / c.hz : 0;
}

int main(void)
{
	unsigned port = (unsigned)exos_boot_arg_num("port", 5001);
	unsigned long want = exos_boot_arg_num("bytes", 0);
	buf = malloc(BUFSZ);
	if (!buf) {
		exos_check(0, "tcpsink: memory for its buffer");
		return exos_test_result();
	}
	int r = net_init();
	exos_check(r == 0, "tcpsink: the network is up (%d)", r);
	if (r != 0)
		return exos_test_result();
	int ls = net_socket(NET_TCP);
	r = ls < 0 ? ls : net_bind(ls, port);
	if (r == 0)
		r = net_listen(ls, 4);
	exos_check(r == 0, "tcpsink: listening on port %u (%d)", port, r);
	if (r != 0)
		return exos_test_result();
	uint32_t ip;
	unsigned rport;
	int s = net_accept(ls, &ip, &rport);
	char a[16];
	exos_check(s >= 0, "tcpsink: a connection from %s:%u (%d)", s >= 0 ? net_ip_str(ip, a) : "-", rport, s);
	if (s < 0)
		return exos_test_result();
	unsigned long got = 0, bad_at = ~0ul;
	unsigned k = 0;			/* got mod 251 */
	uint64_t t0 = 0, t1 = 0;
	for (;;) {
		int n = net_recv(s, buf, BUFSZ);
		if (n < 0) {
			printf("# tcpsink: recv: %d after %lu bytes\n", n, got);
			break;
		}
		if (n == 0)
			break;
		if (!t0)
			t0 = now_us();
		for (int i = 0; i < n; i++) {
			if (buf[i] != k && bad_at == ~0ul)
				bad_at = got + (unsigned long)i;
			if (++k == 251)
				k = 0;
		}
		got += (unsigned long)n;
	}
	t1 = now_us();
	net_close(s);
	net_close(ls);
	exos_check(want == 0 ? got > 0 : got == want, "tcpsink: %lu bytes received (%lu expected)", got, want);
	exos_check(bad_at == ~0ul, "tcpsink: every byte is the pattern's (first wrong at %ld)",
		   bad_at == ~0ul ? -1l : (long)bad_at);
	struct net_stats st;
	net_get_stats(&st);
	uint64_t us = t1 > t0 ? t1 - t0 : 1;
	printf("# tcpsink: %lu bytes in %lu us: %lu kbit/s; segments in %u out %u, retransmits %u, ring dropped %u\n",
	       got, (unsigned long)us, (unsigned long)((uint64_t)got * 8000 / us), st.tcp_in, st.tcp_out,
	       st.tcp_retransmits, st.ring_dropped);
	/* The line make bench reads (bench/reportlib/tcpbench.py), in the
	   words of nettest's Linux tcpsink. */
	printf("bench tcp-sink %lu bytes %lu us %lu kbit/s\n", got, (unsigned long)us,
	       (unsigned long)((uint64_t)got * 8000 / us));
	net_tcp_drain(2000);
	return exos_test_result();
}
