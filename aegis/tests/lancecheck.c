/*
 * lancecheck.c - the LANCE driver's checks in the kernel's test image
 * (after env_init has started it): the board's chip found and running,
 * its station address the one the machine has (pmaxsim's --mac, named by
 * the boot argument mac=XX:XX:...), bad lengths refused without effect,
 * and a frame sent whose TINT reaches Aegis as an interrupt taken in
 * kernel mode (to an address no station has).
 */
#include "../kernel.h"
#include "mips.h"
#include "../net/lance.h"
#include "../platform.h"
#include "selftest.h"
#include "tap.h"
#include <aegis/net.h>
#include <aegis/syscall.h>

static void mac_string(const uint8_t m[6], char out[18])
{
	for (int i = 0; i < 6; i++) {
		out[3 * i] = "0123456789abcdef"[m[i] >> 4];
		out[3 * i + 1] = "0123456789abcdef"[m[i] & 15];
		out[3 * i + 2] = i < 5 ? ':' : '\0';
	}
}

void lancecheck_run(void)
{
	if (!platform->lance) {
		tap_ok(1, "LANCE # SKIP %s has none", platform->name);
		return;
	}
	uint16_t c0 = lance_csr0();
	tap_ok(lance_present() && (c0 & 0x0073) == 0x0072,
	       "the LANCE is found and running: CSR0 %04x has INEA, RXON, TXON, STRT", c0);

	uint8_t mac[6];
	char got[18];
	lance_mac(mac);
	mac_string(mac, got);
	const char *want = boot_arg_value("mac=");
	if (want)
		tap_ok(!kstrcmp(got, want), "station address %s, as the machine's ROM holds (%s)", got, want);
	else
		tap_ok(!(mac[0] & 1) && (mac[0] | mac[1] | mac[2] | mac[3] | mac[4] | mac[5]),
		       "station address %s: a unicast address", got);

	struct aegis_netinfo before, after;
	lance_stats(&before);
	static uint8_t frame[AEGIS_NET_MTU_FRAME + 1];
	for (unsigned i = 0; i < sizeof frame; i++)
		frame[i] = (uint8_t)(i * 13);
	/* To a locally administered unicast address nobody has: no other
	   station on the segment takes it (sim/tests/cli's check that a
	   machine runs on a shared segment exactly as alone). */
	static const uint8_t nobody[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x00 };
	for (int i = 0; i < 6; i++) {
		frame[i] = nobody[i];
		frame[6 + i] = mac[i];
	}
	frame[12] = 0x88;			/* IEEE 802 local experimental */
	frame[13] = 0xb5;
	int r13 = lance_send(frame, AEGIS_NET_MIN_FRAME - 1);
	int r1515 = lance_send(frame, AEGIS_NET_MTU_FRAME + 1);
	lance_stats(&after);
	tap_ok(r13 == -AEGIS_EINVAL && r1515 == -AEGIS_EINVAL && after.tx_frames == before.tx_frames &&
	       after.tx_errors == before.tx_errors,
	       "lance_send refuses 13 and 1515 bytes (%d %d), sending nothing", r13, r1515);

	/* A frame out, and its TINT taken as an interrupt in kernel mode. */
	const volatile struct lance_counts *k = lance_counts();
	unsigned intrs = k->intrs, tx = k->tx_frames;
	int r = lance_send(frame, 100);
	uint32_t sr = mfc0(C0_STATUS);
	mtc0(C0_STATUS, (sr & ~SR_IM_MASK) | lance_intr_mask() | SR_IEC);
	for (uint32_t spin = 0; spin < 50000000u && k->tx_frames == tx; spin++)
		;
	mtc0(C0_STATUS, sr);
	tap_ok(r == 0 && k->tx_frames == tx + 1 && k->intrs > intrs,
	       "a 100-byte frame sent; its TINT arrives as an interrupt (%u interrupts)", k->intrs - intrs);
	lance_stats(&after);
	int same = 1;
	for (int i = 0; i < 6; i++)
		same &= after.mac[i] == mac[i];
	tap_ok(after.present == 1 && after.tx_frames == before.tx_frames + 1 && after.tx_errors == 0 && same,
	       "lance_stats: present, the address, %u sent, %u errors", after.tx_frames, after.tx_errors);
}
