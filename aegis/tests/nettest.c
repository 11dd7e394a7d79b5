/*
 * nettest.c - the main program of build/aegis/aegis-nettest.elf: the
 * LANCE driver (net/lance.c) against a second machine on the segment
 * that runs sim/tests/lance's lancetest -o peer=echo at 08:00:2b:77:00:02
 * and sends every frame back to its sender (bytes 14..29 replaced by its
 * timestamps; frames it receives are at least 60 bytes, as we pad them).
 * Checks: echoes of 14..1514-byte frames come back byte for byte through
 * the interrupt path, at a page + 2; both rings wrap; a full transmit
 * ring answers -AEGIS_EAGAIN and drains; a burst that overflows the
 * receive ring is counted (MISS) and the driver goes on; frames arrive
 * while an environment runs; a DMA memory error restarts the chip; the
 * statistics agree. Measures the cycles
 * from the interrupt to net_input (the receive tap here) and of a send.
 * Run by aegis/aegis.mk's LANCE_NETTEST suites (pmaxsim --and).
 */
#include "../env.h"
#include "../archive.h"
#include "../kernel.h"
#include "../mem.h"
#include "mips.h"
#include "../net/lance.h"
#include "../platform.h"
#include "../sched.h"
#include "prom.h"
#include "tap.h"
#include <aegis/net.h>
#include <aegis/syscall.h>

static const uint8_t peer[6] = { 0x08, 0x00, 0x2b, 0x77, 0x00, 0x02 };
static uint8_t me[6];
#define TYPE_HI		0x88	/* frame[12]; frame[13] is the sequence number */

static unsigned sent_len[256];
static volatile unsigned got[256], got_len[256], bad[256], got_env[256];
static volatile unsigned ngot, strays, misaligned;
static volatile uint64_t stamp;		/* the waiting loop's latest time */
static volatile int measuring;
static volatile uint64_t last_cost;
static unsigned sends_ok;
static unsigned send_cycles;	/* the last lance_send's, counter reads included */

static uint8_t pat(unsigned seq, unsigned i) { return (uint8_t)(seq * 31 + i * 7 + 1); }

/* The receive tap: check an echo against what was sent under its number. */
static void tap_rx(const uint8_t *f, unsigned len)
{
	uint64_t now = platform_time();
	if (measuring)
		last_cost = now - stamp;
	ngot++;
	misaligned += ((uint32_t)f & 0xfff) != 2;
	int ours = len >= 30 && f[12] == TYPE_HI;
	for (int i = 0; i < 6; i++)
		ours &= f[i] == me[i] && f[6 + i] == peer[i];
	if (!ours) {
		strays++;
		return;
	}
	unsigned seq = f[13], sl = sent_len[seq], want = sl < 60 ? 60 : sl;
	got[seq]++;
	got_len[seq] = len;
	got_env[seq] = curenv ? curenv->slot : 0;
	int ok = len == want;
	for (unsigned i = 30; ok && i < len; i++)
		ok = f[i] == (i < sl ? pat(seq, i) : 0);
	bad[seq] += !ok;
}

static int send_seq(unsigned seq, unsigned len)
{
	static uint8_t f[AEGIS_NET_MTU_FRAME + 3];
	uint8_t *p = f + 1 + (seq & 1);		/* odd and even alignments */
	for (int i = 0; i < 6; i++) {
		p[i] = peer[i];
		p[6 + i] = me[i];
	}
	p[12] = TYPE_HI;
	p[13] = (uint8_t)seq;
	for (unsigned i = 14; i < len; i++)
		p[i] = pat(seq, i);
	sent_len[seq & 255] = len;
	got[seq & 255] = bad[seq & 255] = 0;
	uint64_t t0 = platform_time();
	int r = lance_send(p, len);
	send_cycles = (unsigned)(platform_time() - t0);
	sends_ok += r == 0;
	return r;
}

/* Interrupts on (the LANCE's line, in kernel mode) until got[seq] or
   us microseconds pass; the loop keeps `stamp`, so the tap can tell how
   long ago the interrupt came. */
static int wait_got(unsigned seq, uint32_t us)
{
	uint64_t end = platform_time() + (uint64_t)us * platform_time_mhz();
	uint32_t sr = mfc0(C0_STATUS);
	mtc0(C0_STATUS, (sr & ~SR_IM_MASK) | lance_intr_mask() | SR_IEC);
	while (!got[seq] && (stamp = platform_time()) < end)
		;
	mtc0(C0_STATUS, sr);
	return got[seq];
}

/* us microseconds with the LANCE's interrupts on (intr) or off. */
static void wait_us(uint32_t us, int intr)
{
	uint64_t end = platform_time() + (uint64_t)us * platform_time_mhz();
	uint32_t sr = mfc0(C0_STATUS);
	if (intr)
		mtc0(C0_STATUS, (sr & ~SR_IM_MASK) | lance_intr_mask() | SR_IEC);
	while (platform_time() < end)
		;
	mtc0(C0_STATUS, sr);
}

/* Send, waiting out a full ring (its reclaim is in lance_send). */
static int send_wait(unsigned seq, unsigned len)
{
	int r;
	for (int i = 0; i < 2000000 && (r = send_seq(seq, len)) == -AEGIS_EAGAIN; i++)
		;
	return r;
}

static unsigned count_got(unsigned from, unsigned n, unsigned *nbad)
{
	unsigned k = 0, b = 0;
	for (unsigned s = from; s < from + n; s++) {
		k += got[s & 255] != 0;
		b += bad[s & 255] != 0 || got[s & 255] > 1;
	}
	if (nbad)
		*nbad = b;
	return k;
}

void kmain(void)
{
	kprintf("Aegis LANCE test on %s\n", platform->name);
	env_init();		/* memory, environments, the clock, lance_init */
	const volatile struct lance_counts *k = lance_counts();
	if (!tap_ok(lance_present(), "lance_init found the board's LANCE")) {
		tap_done();
		return;
	}
	if (!platform_time_mhz()) {
		tap_ok(0, "a cycle counter to time the waits (pmaxsim's counter page)");
		tap_done();
		return;
	}
	lance_mac(me);
	lance_rx_tap = tap_rx;

	/* The peer boots alongside (a slower clock may take longer). */
	int up = 0;
	for (int i = 0; i < 200 && !up; i++) {
		send_seq(0, 100);
		up = wait_got(0, 2000);
	}
	tap_ok(up && !bad[0], "the echo peer answers (and the echo is the frame sent)");

	/* Lengths, odd and short ones padded to 60 by the driver. */
	static const unsigned lens[] = { 14, 20, 59, 60, 61, 100, 1000, 1513, 1514 };
	uint64_t cost60 = 0, cost1514 = 0;
	int lens_ok = 1;
	for (unsigned i = 0; i < ARRAY_SIZE(lens); i++) {
		unsigned seq = 1 + i;
		measuring = 1;
		int r = send_seq(seq, lens[i]);
		int g = wait_got(seq, 20000);
		measuring = 0;
		if (lens[i] == 60)
			cost60 = last_cost;
		if (lens[i] == 1514)
			cost1514 = last_cost;
		if (r || !g || bad[seq]) {
			lens_ok = 0;
			kprintf("# %u bytes: send %d, echoes %u, bad %u, length %u\n", lens[i], r,
				got[seq], bad[seq], got_len[seq]);
		}
	}
	tap_ok(lens_ok && !misaligned,
	       "frames of 14..1514 bytes echoed byte for byte, padded to 60, each at a page + 2");
	unsigned mhz = platform_time_mhz();
	tap_ok(cost60 && cost60 < 20000 && cost1514 > cost60 && cost1514 < 100000,
	       "receive, interrupt to net_input: %u cycles for 60 bytes, %u for 1514 (%u MHz)",
	       (unsigned)cost60, (unsigned)cost1514, mhz);

	/* More frames than either ring has slots, one at a time. */
	unsigned wrap_bad = 0, wrap_got = 0;
	for (unsigned s = 20; s < 60; s++) {
		send_seq(s, 64 + (s * 37) % 1400);
		wrap_got += wait_got(s, 20000) != 0;
	}
	count_got(20, 40, &wrap_bad);
	tap_ok(wrap_got == 40 && !wrap_bad, "40 frames through %u receive and %u transmit slots: %u echoed",
	       LANCE_NRX, LANCE_NTX, wrap_got);

	/* A full transmit ring: interrupts off, 1514-byte frames until
	   EAGAIN (each takes 1.2 ms on the wire, a copy much less). */
	wait_us(5000, 1);
	unsigned accepted = 0, tx0 = k->tx_frames;
	int r = 0;
	for (unsigned s = 60; s < 76 && (r = send_seq(s, 1514)) == 0; s++)
		accepted++;
	unsigned done = k->tx_frames - tx0;	/* reclaimed by the sends meanwhile */
	tap_ok(r == -AEGIS_EAGAIN && accepted - done == LANCE_NTX,
	       "a full transmit ring answers -AEGIS_EAGAIN (%d): %u accepted, %u of them sent, %u in the ring",
	       r, accepted, done, accepted - done);
	wait_us(60000, 1);
	unsigned nbad;
	unsigned echoed = count_got(60, accepted, &nbad);
	int after = send_seq(80, 100) == 0 && wait_got(80, 20000) && !bad[80];
	tap_ok(echoed == accepted && !nbad && after,
	       "the ring drains: all %u echoed, and the next send goes (%u echoed)", accepted, echoed);

	/* Overflow: interrupts off while 30 echoes come back to 16 slots. */
	wait_us(5000, 1);
	unsigned miss0 = k->miss, rxerr0 = k->rx_errors;
	for (unsigned s = 100; s < 130; s++)
		send_wait(s, 200);
	wait_us(40000, 0);
	wait_us(5000, 1);
	unsigned burst = count_got(100, 30, &nbad);
	tap_ok(burst == LANCE_NRX && !nbad && k->miss > miss0 && k->rx_errors > rxerr0,
	       "a burst of 30 into %u slots: %u received, MISS counted (%u)", LANCE_NRX, burst,
	       k->miss - miss0);
	unsigned on = 0;
	for (unsigned s = 130; s < 135; s++)
		on += send_seq(s, 150) == 0 && wait_got(s, 20000) && !bad[s];
	tap_ok(on == 5, "after the overflow the driver goes on (%u of 5 echoed)", on);

	/* Frames arriving while an environment runs: queued with interrupts
	   off, their echoes come while netspin computes in user mode. */
	wait_us(5000, 1);
	for (unsigned s = 140; s < 148; s++)
		send_wait(s, 100);
	struct archive_file f;
	struct env_fail fail = { 0, "" };
	for (unsigned s = 200; s < 206; s++)
		got[s] = bad[s] = 0;
	struct env *e = archive_find("netspin", &f) == 0 ?
		env_create(f.data, (uint32_t)f.size, &fail) : NULL;
	unsigned slot = e ? e->slot : 0, in_env = 0, spun = 0;
	struct env_exit x = { 0 };
	if (e) {
		x = sched_run_until(e, e);
		env_destroy(e);
	}
	for (unsigned s = 140; s < 148; s++)
		in_env += got[s] == 1 && !bad[s] && got_env[s] == slot;
	/* netspin's own 6 frames (200-205), sent just before its loop that
	   checks every register (regspin.S): their interrupts came while
	   it ran, on the short interrupt path. */
	for (unsigned s = 200; s < 206; s++)
		spun += got[s] == 1 && !bad[s] && got_env[s] == slot;
	sends_ok += spun;
	tap_ok(e && !x.killed && x.status == 0 && in_env == 8 && spun == 6,
	       "8 echoes taken by interrupts while an environment ran (%u), and 6 of its own frames (%u); "
	       "it exited 0, its registers as it left them (%s)",
	       in_env, spun, e ? "ran" : fail.why);

	/* A DMA memory error (IOASIC boards): with interrupts off, the window
	   pointer is moved to memory that does not answer until the chip
	   reports MERR, then put back; the interrupt that follows restarts
	   the chip (the frame it was sending is lost) and frames flow again.
	   The pointer's place: NetBSD ioasicreg.h IOASIC_LANCE_DMAPTR. */
	unsigned tx_lost = 0;
	if (platform->lance->gapped) {
		uint32_t slot1 = platform->systype == SYSTYPE_KN03 ? 0x1f840000u : 0x1c040000u;
		volatile uint32_t *ptr = (volatile uint32_t *)KSEG1(slot1 + 0x020);
		wait_us(5000, 1);
		unsigned merr0 = k->merr, restarts0 = k->restarts;
		uint32_t sr = mfc0(C0_STATUS);
		mtc0(C0_STATUS, sr & ~SR_IEC);
		uint32_t good = *ptr;
		*ptr = 0x0f000000u << 3;		/* past the end of RAM */
		send_seq(160, 100);
		uint16_t c = 0;
		for (int i = 0; i < 1000000 && !((c = lance_csr0()) & 0x0800); i++)
			;
		*ptr = good;
		mtc0(C0_STATUS, sr);
		wait_us(1000, 1);			/* the interrupt: restart */
		tx_lost = 1;
		int back = send_seq(161, 100) == 0 && wait_got(161, 20000) && !bad[161];
		tap_ok((c & 0x0800) && k->merr == merr0 + 1 && k->restarts == restarts0 + 1 && back &&
		       lance_present(),
		       "MERR (CSR0 %04x): the chip restarted (%u), and the next frame is echoed",
		       c, k->restarts - restarts0);
	} else {
		tap_ok(1, "MERR # SKIP the PMAD-AA's SRAM always answers");
	}

	/* The cost of a send: the copy into the ring and the demand. */
	wait_us(20000, 1);
	uint32_t sr = mfc0(C0_STATUS);
	mtc0(C0_STATUS, sr & ~SR_IEC);
	int r60 = send_seq(150, 60);
	unsigned s60 = send_cycles;
	int r1514 = send_seq(151, 1514);
	unsigned s1514 = send_cycles;
	mtc0(C0_STATUS, sr);
	tap_ok(!r60 && !r1514 && s60 < 20000 && s1514 > s60 && s1514 < 100000,
	       "send: %u cycles for 60 bytes, %u for 1514 (%u MHz)", s60, s1514, mhz);
	wait_us(20000, 1);

	/* The statistics net.c reports. */
	struct aegis_netinfo info;
	lance_stats(&info);
	int mac_ok = 1;
	for (int i = 0; i < 6; i++)
		mac_ok &= info.mac[i] == me[i];
	tap_ok(info.present == 1 && mac_ok && info.tx_frames + info.tx_errors == sends_ok &&
	       info.tx_errors == tx_lost &&
	       info.rx_frames == ngot && info.rx_errors == k->miss && !strays,
	       "lance_stats: %u sent, %u lost (%u accepted), %u received (%u tapped), %u receive errors (%u MISS)",
	       info.tx_frames, info.tx_errors, sends_ok, info.rx_frames, ngot, info.rx_errors, k->miss);
	kprintf("# interrupts %u, restarts %u, rx errors: crc %u fram %u buff %u oflo %u spans %u\n",
		k->intrs, k->restarts, k->crc, k->fram, k->buff, k->oflo, k->spans);
	tap_done();
}
