/*
 * sim/tests/devices/devtest.c - in-guest checks of pmaxsim's IOASIC board
 * devices and PROM (KN03 and KN02-BA): the PROM callbacks, the station
 * address ROM, the SCC's transmit timing and interrupt through the IOASIC,
 * the DS1287's periodic flag and interrupt line, the free-running counter,
 * and a bus error from an empty TURBOchannel slot. Prints TAP.
 */
#include "../../../rt/rt.h"
#include "../../../rt/mips.h"
#include "../../../rt/prom.h"
#include "../../../rt/tap.h"

struct board {
	uint32_t ioasic, esar, scc1, rtc, tc0;
	int ioasic_ip, rtc_ip;		/* CPU lines; rtc_ip 0: via the IOASIC */
	int has_counter;
};

static const struct board kn03 = {
	0x1f840000, 0x1f880000, 0x1f980000, 0x1fa00000, 0x1e000000, 2, 3, 1,
};
static const struct board kn02ba = {
	0x1c040000, 0x1c080000, 0x1c180000, 0x1c200000, 0x10000000, 5, 0, 0,
};

#define SIR	0x110
#define SIMR	0x120
#define CTR	0x1e0
#define SIR_CLOCK	0x20
#define SIR_SCC1	0x80

static volatile uint32_t *reg32(uint32_t pa) { return (volatile uint32_t *)KSEG1(pa); }
static volatile uint8_t *reg8(uint32_t pa) { return (volatile uint8_t *)KSEG1(pa); }

static uint32_t cause(void)
{
	uint32_t v;
	__asm__ volatile("mfc0 %0, $13\n\tnop" : "=r"(v));
	return v;
}

static void *cb(unsigned off) { return *(void **)(boot_args.rex + off); }

/* SCC channel B control/data bytes (bits 15..8 of the words). */
static uint8_t scc_rr(uint32_t scc, unsigned reg)
{
	if (reg)
		*reg8(scc + 1) = (uint8_t)reg;
	return *reg8(scc + 1);
}

static void scc_wr(uint32_t scc, unsigned reg, uint8_t v)
{
	*reg8(scc + 1) = (uint8_t)reg;
	*reg8(scc + 1) = v;
}

static uint8_t rtc_rd(const struct board *b, unsigned r) { return (uint8_t)*reg32(b->rtc + 4 * r); }
static void rtc_wr(const struct board *b, unsigned r, uint8_t v) { *reg32(b->rtc + 4 * r) = v; }

void kmain(void)
{
	uint32_t sysid = prom_getsysid();
	const struct board *b = SYSTYPE(sysid) == SYSTYPE_KN03 ? &kn03 : &kn02ba;
	kprintf("devtest on %s\n", b == &kn03 ? "KN03" : "KN02-BA");

	/* PROM */
	const char *con = prom_getenv("osconsole");
	tap_ok(con && !kstrcmp(con, "3"), "getenv osconsole is \"3\"");
	tap_ok(prom_getenv("no-such-variable") == NULL, "getenv of an unknown name is 0");
	static struct { int pagesize; uint8_t bitmap[15360]; } map;
	int len = ((int (*)(void *))cb(PROM_GETBITMAP))(&map);
	tap_ok(map.pagesize == 4096 && len > 0 && map.bitmap[0] == 0xff &&
	       map.bitmap[len - 1] == 0xff && map.bitmap[len] == 0,
	       "getbitmap: 4 KB pages, %d bytes of bitmap", len);
	uint32_t slot1 = ((uint32_t (*)(int))cb(PROM_SLOT_ADDR))(1);
	tap_ok(slot1 == KSEG1(b->tc0) + (b == &kn03 ? 0x800000u : 0x4000000u),
	       "slot_address(1) = 0x%08x", (unsigned)slot1);
	int (*pprintf)(const char *, ...) = cb(PROM_PRINTF);
	pprintf("PROM printf: %d|%x|%s\n", -5, 0xbeef, "str");
	pprintf("PROM printf: %5d|%-4c|%o|%08x\n", 42, 'z', 8, 0xab);
	pprintf("PROM printf: %08x|%-3d|%%|%05d\n", 0xab, -7, -42);
	/* What they printed is checked from the host (prom-printf-check). */

	/* Station address ROM: DEC's 32-byte layout, a byte per word. */
	int esar_ok = reg32(b->esar)[0] == 0x08 && reg32(b->esar)[1] == 0x00 &&
		      reg32(b->esar)[2] == 0x2b;
	for (int i = 0; i < 8; i++)
		esar_ok &= reg32(b->esar)[i] == reg32(b->esar)[15 - i] &&
			   reg32(b->esar)[i] == reg32(b->esar)[16 + i];
	esar_ok &= reg32(b->esar)[24] == 0xff && reg32(b->esar)[25] == 0x00 &&
		   reg32(b->esar)[26] == 0x55 && reg32(b->esar)[27] == 0xaa;
	tap_ok(esar_ok, "station address ROM: DEC OUI, copies, test pattern");

	/* Free-running counter. */
	uint32_t c0 = *reg32(b->ioasic + CTR);
	for (volatile int i = 0; i < 1000; i++)
		;
	uint32_t c1 = *reg32(b->ioasic + CTR);
	if (b->has_counter)
		tap_ok(c1 - c0 > 1000, "IOASIC counter advances (%u ticks)", (unsigned)(c1 - c0));
	else
		tap_ok(c1 == c0, "no IOASIC counter on this board: reads constant");

	/* SCC: TX-empty drops after a write, then an interrupt through the
	   IOASIC when the transmitter empties with Tx interrupts on. */
	uint32_t scc = b->scc1;		/* channel B = console */
	int spins = 0;
	while (!(scc_rr(scc, 0) & 0x04) && spins < 100000)
		spins++;		/* let the console line drain first */
	int empty = (scc_rr(scc, 0) & 0x04) != 0;
	*reg32(b->ioasic + SIMR) = SIR_SCC1;
	scc_wr(scc, 1, 0x02);		/* Tx interrupt enable */
	scc_wr(scc, 9, 0x08);		/* master interrupt enable */
	*reg8(scc + 5) = '.';
	int busy = !(scc_rr(scc, 0) & 0x04);
	spins = 0;
	while (!(scc_rr(scc, 0) & 0x04) && spins < 100000)
		spins++;
	uint32_t sir = *reg32(b->ioasic + SIR);
	uint8_t rr3 = scc_rr(scc + 8, 3);
	uint32_t cause_on = cause();
	scc_wr(scc, 0, 0x28);		/* reset Tx interrupt pending */
	uint32_t sir_off = *reg32(b->ioasic + SIR), cause_off = cause();
	scc_wr(scc, 1, 0);
	scc_wr(scc, 9, 0);
	*reg32(b->ioasic + SIMR) = 0;
	kprintf("\n");
	tap_ok(empty, "SCC RR0 transmit buffer empty once drained");
	tap_ok(busy && spins > 0, "TX empty false right after a write (%d polls)", spins);
	tap_ok(sir & SIR_SCC1, "SCC1 interrupt in the IOASIC SIR (0x%08x)", (unsigned)sir);
	tap_ok(rr3 & 0x02, "RR3 (channel A) shows channel B Tx pending (0x%02x)", rr3);
	tap_ok(cause_on & (0x100u << b->ioasic_ip), "CPU Cause shows IP%d", b->ioasic_ip);
	tap_ok(!(sir_off & SIR_SCC1) && !(cause_off & (0x100u << b->ioasic_ip)),
	       "reset TxIP clears SIR and IP%d", b->ioasic_ip);

	/* DS1287: date at power-on, 64 Hz periodic flag, interrupt line. */
	tap_ok(rtc_rd(b, 9) == 95 && rtc_rd(b, 8) == 12 && rtc_rd(b, 7) == 3,
	       "RTC date 95-12-03 (got %u-%u-%u)", rtc_rd(b, 9), rtc_rd(b, 8), rtc_rd(b, 7));
	rtc_wr(b, 10, 0x20 | 10);	/* 32 kHz base, 64 Hz */
	(void)rtc_rd(b, 12);
	int polls = 0;
	while (!(rtc_rd(b, 12) & 0x40) && polls < 1000000)
		polls++;
	tap_ok(polls > 0 && polls < 1000000, "RTC PF sets at the periodic rate (%d polls)", polls);
	tap_ok(!(rtc_rd(b, 12) & 0x40), "reading register C cleared PF");
	if (!b->rtc_ip)
		*reg32(b->ioasic + SIMR) = SIR_CLOCK;
	rtc_wr(b, 11, 0x40 | 0x06);	/* PIE, binary, 24 h */
	polls = 0;
	int line = b->rtc_ip ? b->rtc_ip : b->ioasic_ip;
	while (!(cause() & (0x100u << line)) && polls < 1000000)
		polls++;
	tap_ok(polls < 1000000, "periodic interrupt raises IP%d", line);
	uint8_t c = rtc_rd(b, 12);
	tap_ok((c & 0xc0) == 0xc0 && !(cause() & (0x100u << line)),
	       "register C read: IRQF|PF (0x%02x), line dropped", c);
	rtc_wr(b, 11, 0x06);
	*reg32(b->ioasic + SIMR) = 0;

	tap_done();
	halt();
}
