/*
 * ping.c - ICMP echo through ExOS's stack (net_ping): one request a
 * second, each reply's round trip printed as ping does, exit status 0
 * when replies came.
 *   from the shell: ping ADDR [COUNT], ADDR a number (the shell passes
 *                   numbers: 0x0a000002 is 10.0.0.2), COUNT default 4
 *   at boot:        -o "init=ping ping=10.0.0.2 count=4 ip=10.0.0.1/24"
 */
#include <stdio.h>
#include <stdlib.h>
#include "exos.h"
#include "net/net.h"

int main(void)
{
	uint32_t ip = exos_arg0;
	unsigned count = exos_arg1 ? exos_arg1 : 4;
	char w[32], s[16];
	if (!ip && exos_boot_arg("ping", w, sizeof w) == 0 && net_parse_ip(w, &ip) != 0) {
		printf("ping: %s: not an address\n", w);
		return 2;
	}
	if (!exos_arg1 && exos_boot_arg("count", w, sizeof w) == 0)
		count = (unsigned)strtoul(w, NULL, 10);
	if (!ip || !count || count > 100000) {
		printf("usage: ping ADDR [COUNT] (boot: ping=A.B.C.D count=N)\n");
		return 2;
	}
	int r = net_init();
	if (r) {
		printf("ping: no network (%d)\n", r);
		return 2;
	}
	net_ip_str(ip, s);
	printf("PING %s: 56 data bytes\n", s);
	unsigned got = 0;
	for (unsigned seq = 1; seq <= count; seq++) {
		uint32_t t0 = net_now_ms();
		r = net_ping(ip, seq, 56, 1000);
		if (r >= 0) {
			got++;
			printf("64 bytes from %s: icmp_seq=%u time=%d.%03d ms\n", s, seq, r / 1000, r % 1000);
		} else {
			printf("no reply from %s: icmp_seq=%u (%d)\n", s, seq, r);
		}
		/* One a second, as ping sends them. */
		while (seq < count && net_now_ms() - t0 < 1000)
			net_poll(1000 - (net_now_ms() - t0));
	}
	printf("--- %s: %u sent, %u received\n", s, count, got);
	return got ? 0 : 1;
}
