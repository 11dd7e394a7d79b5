/*
 * tcpecho - a TCP echo server for the host-bridge test: listens on port=
 * (default 7), serves conns= connections (default 1) one after another,
 * writing back every byte read until the client closes, then exits
 * (started as init, the machine halts). Prints TAP per connection.
 */
#include <stdio.h>
#include <stdlib.h>
#include "exos.h"
#include "net/net.h"

static uint8_t *buf;		/* the heap's: only the stack copies it */
#define BUFSZ	4096

int main(void)
{
	unsigned port = (unsigned)exos_boot_arg_num("port", 7);
	unsigned long conns = exos_boot_arg_num("conns", 1);
	buf = malloc(BUFSZ);
	if (!buf) {
		exos_check(0, "tcpecho: memory for its buffer");
		return exos_test_result();
	}
	int r = net_init();
	int ls = r < 0 ? r : net_socket(NET_TCP);
	r = ls < 0 ? ls : net_bind(ls, port);
	if (r == 0)
		r = net_listen(ls, 4);
	exos_check(r == 0, "tcpecho: listening on port %u (%d)", port, r);
	if (r != 0)
		return exos_test_result();
	for (unsigned long c = 0; c < conns; c++) {
		int s = net_accept(ls, NULL, NULL);
		if (s < 0) {
			exos_check(0, "tcpecho: accept (%d)", s);
			break;
		}
		unsigned long echoed = 0;
		int n;
		while ((n = net_recv(s, buf, BUFSZ)) > 0) {
			int w = net_send(s, buf, (unsigned)n);
			if (w != n) {
				n = w < 0 ? w : -1;
				break;
			}
			echoed += (unsigned long)n;
		}
		exos_check(n == 0, "tcpecho: connection %lu: %lu bytes echoed, ended by %d", c + 1, echoed, n);
		net_close(s);
	}
	net_close(ls);
	net_tcp_drain(5000);
	return exos_test_result();
}
