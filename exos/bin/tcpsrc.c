/*
 * tcpsrc - ExOS's TCP sending end for the tests and the throughput
 * benchmark: connects to peer=A.B.C.D port= (default 5001) and sends
 * bytes= (default 1048576) bytes of the pattern tcpsink checks (byte i is
 * i mod 251) in 8 KB writes, closes and waits until the peer has
 * acknowledged everything; then prints the time and throughput from
 * SYS_clock's fine count (connected to last byte acknowledged) and TAP.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include "exos.h"
#include "net/net.h"

#define CHUNK	8192
/* pat[j] = j mod 251: any offset's chunk. On the heap: the stack copies
   it (Aegis never reads it), and the guaranteed pages are few. */
#define PATSZ	(CHUNK + 251)
static uint8_t *pat;

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
	unsigned long bytes = exos_boot_arg_num("bytes", 1048576);
	char peer[16];
	uint32_t ip = 0;
	if (exos_boot_arg("peer", peer, sizeof peer) != 0 || net_parse_ip(peer, &ip) != 0) {
		iprintf("tcpsrc: want peer=A.B.C.D (and port=N bytes=N)\n");
		exos_check(0, "tcpsrc: a peer address");
		return exos_test_result();
	}
	pat = malloc(PATSZ);
	if (!pat) {
		exos_check(0, "tcpsrc: memory for the pattern");
		return exos_test_result();
	}
	for (unsigned j = 0; j < PATSZ; j++)
		pat[j] = (uint8_t)(j % 251);
	int r = net_init();
	exos_check(r == 0, "tcpsrc: the network is up (%d)", r);
	if (r != 0)
		return exos_test_result();
	int s = net_socket(NET_TCP);
	if (s >= 0)
		net_set_timeout(s, 30000);
	/* The peer may still be booting: try for a while. */
	r = -1;
	for (int tries = 0; s >= 0 && tries < 20; tries++) {
		r = net_connect(s, ip, port);
		if (r == 0 || (r != -ECONNREFUSED && r != -ETIMEDOUT))
			break;
		net_poll(500);
	}
	exos_check(r == 0, "tcpsrc: connected to %s:%u (%d)", peer, port, r);
	if (r != 0)
		return exos_test_result();
	uint64_t t0 = now_us();
	unsigned long sent = 0;
	while (sent < bytes) {
		unsigned n = bytes - sent < CHUNK ? (unsigned)(bytes - sent) : CHUNK;
		int w = net_send(s, pat + sent % 251, n);
		if (w <= 0) {
			iprintf("# tcpsrc: send: %d after %lu bytes\n", w, sent);
			break;
		}
		sent += (unsigned long)w;
	}
	net_close(s);
	r = net_tcp_drain(60000);
	uint64_t us = now_us() - t0;
	exos_check(sent == bytes, "tcpsrc: %lu bytes queued (%lu asked)", sent, bytes);
	exos_check(r == 0, "tcpsrc: every byte and the FIN acknowledged (%d)", r);
	struct net_stats st;
	net_get_stats(&st);
	if (!us)
		us = 1;
	iprintf("tcpsrc: %lu bytes in %lu us: %lu kbit/s\n", sent, (unsigned long)us,
	       (unsigned long)((uint64_t)sent * 8000 / us));
	iprintf("tcpsrc: segments out %u in %u, retransmits %u, ring dropped %u\n", st.tcp_out, st.tcp_in,
	       st.tcp_retransmits, st.ring_dropped);
	return exos_test_result();
}
