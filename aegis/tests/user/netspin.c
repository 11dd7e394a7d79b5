/*
 * netspin.c - a program that only computes for a while (about 10 M
 * instructions) and exits 0: the LANCE driver's test (aegis/tests/
 * nettest.c) runs it so that frames arrive while an environment, not the
 * kernel, has the processor. Its loop (regspin.S) checks every register
 * it owns each turn: it exits 1 if an interrupt changed one.
 */
#include <aegis/net.h>
#include <aegis/sys.h>

int regspin(unsigned turns);	/* regspin.S */

/* Frames to the echo peer (nettest's machine 2) just before the checked
   loop: their send-done and echo interrupts come while it runs, and are
   served on intr_entry's short path (the clock's ticks take the long
   one: aegis/entry.S). Type 0x88, sequence numbers 200 on, 60 bytes,
   zeros past the header: nettest.c's tap takes them as its own. */
static void send_some(void)
{
	static const unsigned char peer[6] = { 0x08, 0x00, 0x2b, 0x77, 0x00, 0x02 };
	static unsigned char f[60];
	struct aegis_netinfo info;
	if (sys_net_info(&info) != 0 || !info.present)
		return;
	for (unsigned k = 0; k < 6; k++) {
		for (int i = 0; i < 6; i++) {
			f[i] = peer[i];
			f[6 + i] = info.mac[i];
		}
		f[12] = 0x88;
		f[13] = (unsigned char)(200 + k);
		sys_net_send(f, sizeof f);
	}
}

int main(void)
{
	send_some();
	return regspin(100000) ? 1 : 0;
}
