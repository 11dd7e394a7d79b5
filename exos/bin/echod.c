/*
 * echod.c - the RFC 862 echo server on UDP and TCP port 7 at once:
 * every UDP datagram goes back to its sender as it came; TCP connections
 * are served one at a time, in turn (the next waits in the listen
 * backlog), every byte sent back until the client closes. UDP is answered
 * while a connection is served. It never exits: booted as
 * -o "init=echod ip=10.9.0.2/24" the machine only echoes; from the shell,
 * ^C ends it.
 *
 * Robustness: a client that vanishes (no byte for ECHOD_IDLE_MS, or the
 * boot word idle=SECONDS), resets, or floods without reading (nothing
 * more could be sent for ECHOD_SEND_MS) loses its connection and the
 * server goes on to the next; no error ends the loop.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include "exos.h"
#include "net/net.h"

#define ECHO_PORT	7
#define ECHOD_IDLE_MS	30000	/* a connection silent this long is dropped
				   (the boot word idle=SECONDS changes it) */
#define ECHOD_SEND_MS	10000	/* a client that does not read for this long too */
#define ECHOD_STEP_MS	20	/* the longest a call on a connection waits */

/* From the ExOS heap, not .bss: every .bss page is one of Aegis's 64
   guaranteed mappings, which the stack's ring and buffers mostly take;
   the stack copies what it sends into its own transmit buffers, so no
   system call sees these. A UDP datagram may be up to 65507 bytes. */
#define UBUF_LEN	65536
#define TBUF_LEN	8192
static uint8_t *ubuf, *tbuf;
static uint32_t idle_ms = ECHOD_IDLE_MS;

/* Echo the datagrams waiting on u: at most a socket's queue (32) at a
   time, so that a UDP flood cannot keep a TCP client waiting forever. */
static void serve_udp(int u)
{
	for (int k = 0; k < 32 && net_readable(u) > 0; k++) {
		uint32_t ip;
		unsigned port;
		int n = net_recvfrom(u, ubuf, UBUF_LEN, &ip, &port);
		if (n < 0)
			return;
		net_sendto(u, ubuf, (unsigned)n, ip, port);	/* a failure loses one echo */
	}
}

/* Serve connection c until its end, answering u meanwhile: the calls on
   c wait at most ECHOD_STEP_MS each (its timeout), so a datagram is never
   kept waiting behind a slow client; what net_send could not queue yet
   is kept and offered again. */
static void serve_tcp(int c, int u)
{
	uint32_t last_in = net_now_ms(), last_out = last_in;
	unsigned pending = 0, off = 0;	/* bytes of tbuf still to echo */
	net_set_timeout(c, ECHOD_STEP_MS);
	for (;;) {
		serve_udp(u);
		if (pending) {
			int r = net_send(c, tbuf + off, pending);
			if (r < 0 && r != -ETIMEDOUT)
				break;		/* reset, or gone */
			if (r > 0) {
				off += (unsigned)r;
				pending -= (unsigned)r;
				last_out = net_now_ms();
			} else if (net_now_ms() - last_out > ECHOD_SEND_MS)
				break;		/* a client that does not read */
			continue;
		}
		int r = net_readable(c);
		if (r < 0)
			break;
		if (r == 0) {
			if (net_now_ms() - last_in > idle_ms)
				break;		/* vanished */
			net_poll(ECHOD_STEP_MS);
			continue;
		}
		int n = net_recv(c, tbuf, TBUF_LEN);
		if (n == -ETIMEDOUT)
			continue;
		if (n <= 0)
			break;			/* end of stream (0), reset */
		pending = (unsigned)n;
		off = 0;
		last_in = last_out = net_now_ms();
	}
	net_close(c);
}

int main(void)
{
	ubuf = malloc(UBUF_LEN);
	tbuf = malloc(TBUF_LEN);
	if (!ubuf || !tbuf) {
		printf("echod: no memory for its buffers\n");
		return 1;
	}
	char w[16];
	if (exos_boot_arg("idle", w, sizeof w) == 0) {
		char *end;
		unsigned long v = strtoul(w, &end, 10);
		if (!*w || *end || v < 1 || v > 3600)
			printf("echod: idle=%s: 1..3600 seconds; %u kept\n", w, ECHOD_IDLE_MS / 1000);
		else
			idle_ms = (uint32_t)v * 1000;
	}
	int r = net_init();
	if (r < 0) {
		printf("echod: no network (%d)\n", r);
		return 1;
	}
	int u = net_socket(NET_UDP);
	if (u < 0 || (r = net_bind(u, ECHO_PORT)) < 0) {
		printf("echod: cannot take UDP port %d (%d)\n", ECHO_PORT, u < 0 ? u : r);
		return 1;
	}
	/* Without TCP (a stack built without it, or the port taken), UDP
	   is still served. */
	int t = net_socket(NET_TCP);
	if (t >= 0 && ((r = net_bind(t, ECHO_PORT)) < 0 || (r = net_listen(t, 8)) < 0)) {
		net_close(t);
		t = r;
	}
	char a[16];
	printf("echod: echoing on %s port %d, UDP%s\n", net_ip_str(net_config()->ip, a), ECHO_PORT,
	       t >= 0 ? " and TCP" : "");
	if (t < 0)
		printf("echod: no TCP (%d)\n", t);
	fflush(stdout);
	for (;;) {
		serve_udp(u);
		if (t >= 0 && net_readable(t) > 0) {
			uint32_t ip;
			unsigned port;
			int c = net_accept(t, &ip, &port);
			if (c >= 0)
				serve_tcp(c, u);
			continue;
		}
		net_poll(50);
	}
}
