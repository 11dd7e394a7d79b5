/*
 * netmulti.c - two processes on one machine sharing the network (net.h:
 * the first to call net_init is the host). Started at boot against a
 * udprtt server at peer=A.B.C.D: the parent becomes the host and binds a
 * UDP port; its child is not the host, yet resolves the server's station
 * address (a filter of its own for the ARP reply), pings it (one for its
 * echo replies), exchanges a datagram on its own socket, and is refused
 * the parent's port (-EADDRINUSE, Aegis's secure binding). The parent
 * runs the stack meanwhile and prints the TAP plan of both.
 *   -o "init=netmulti peer=10.0.0.2 ip=10.0.0.1/24"
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "exos.h"
#include "net/netint.h"

#define PARENT_PORT	9000

static int child(uint32_t peer)
{
	int r = net_init();
	exos_check(r == 0 && !net_is_host, "netmulti: the child's stack is up, not the host (%d)", r);
	int rtt = -1;
	for (unsigned seq = 1; seq <= 20 && rtt < 0; seq++)
		rtt = net_ping(peer, seq, 56, 500);
	exos_check(rtt >= 0 && arp_cached(peer, NULL),
		   "netmulti: the child resolves and pings the peer itself (%d us)", rtt);
	int s = net_socket(NET_UDP);
	static const char m[] = "from a process that is not the host";
	static char back[64];
	int n = -1;
	if (net_connect(s, peer, 7) == 0 && net_set_timeout(s, 1000) == 0 && net_send(s, m, sizeof m - 1) > 0)
		n = net_recv(s, back, sizeof back);
	exos_check(n == (int)sizeof m - 1 && !memcmp(back, m, sizeof m - 1),
		   "netmulti: the child's datagram comes back to its own socket (%d)", n);
	int t = net_socket(NET_UDP);
	r = net_bind(t, PARENT_PORT);
	exos_check(r == -EADDRINUSE, "netmulti: the parent's port is refused to the child (%d)", r);
	net_close(t);
	net_close(s);
	return exos_checks_failed();
}

int main(void)
{
	char w[32];
	uint32_t peer;
	if (exos_boot_arg("peer", w, sizeof w) != 0 || net_parse_ip(w, &peer) != 0) {
		iprintf("usage: -o \"init=netmulti peer=A.B.C.D ip=...\"\n");
		return 2;
	}
	if (exos_arg0 == 1)
		return child(peer);
	int r = net_init();
	exos_check(r == 0 && net_is_host, "netmulti: the parent is the host (%d)", r);
	int s = net_socket(NET_UDP);
	exos_check(net_bind(s, PARENT_PORT) == 0, "netmulti: the parent binds port %d", PARENT_PORT);
	/* A datagram left unread in its ring slot (s's queue) while 40
	   exchanges go on another socket: the ring comes round to the
	   slot, which must not stop it (the datagram moves to the heap). */
	int rtt = -1;
	for (unsigned seq = 1; seq <= 100 && rtt < 0; seq++)
		rtt = net_ping(peer, seq, 56, 200);
	static const char keep[] = "left in the ring";
	net_sendto(s, keep, sizeof keep - 1, peer, 7);
	int t = net_socket(NET_UDP), done = 0;
	net_connect(t, peer, 7);
	net_set_timeout(t, 500);
	for (int i = 0; i < 40; i++) {
		char m[8], back[8];
		sniprintf(m, sizeof m, "n%d", i);
		if (net_send(t, m, (unsigned)strlen(m)) > 0 && net_recv(t, back, sizeof back) == (int)strlen(m) &&
		    !memcmp(back, m, strlen(m)))
			done++;
	}
	static char got[32];
	net_set_timeout(s, 500);
	int n = net_recv(s, got, sizeof got);
	exos_check(rtt >= 0 && done == 40 && n == (int)sizeof keep - 1 && !memcmp(got, keep, sizeof keep - 1),
		   "netmulti: a datagram left unread stops no exchange (%d of 40, %d)",
		   done, n);
	net_close(t);
	/* The peer (udprtt server) may still be booting: the host answers
	   its ARP and pings meanwhile. */
	int id = proc_spawn("netmulti", 1, 0);
	struct aegis_exit x = { 0 };
	while (id > 0 && (r = sys_wait(id, &x)) == -AEGIS_EAGAIN)
		net_poll(5);
	exos_check(id > 0 && r == 0 && !x.killed && x.status == 0 && x.checks_failed == 0 && x.checks == 4,
		   "netmulti: the child ran its 4 checks, all passed (%d, status %d)", id, x.status);
	fflush(stdout);
	iprintf("1..%d\n", exos_checks_done() + (int)x.checks);
	return exos_checks_failed();
}
