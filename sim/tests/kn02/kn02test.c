/*
 * sim/tests/kn02/kn02test.c - in-guest checks of pmaxsim's DECstation
 * 5000/200 (KN02) board, the sibling of sim/tests/devices/devtest.c: the
 * PROM's KN02 facts, the DC7085 (DZ) transmit scanner and its interrupt
 * through the KN02 system CSR on IP2, receive through the silo (MAINT
 * loopback), the DS1287 on IP3, empty-slot bus errors latched in ERRADR
 * with IP5, and the TURBOchannel option ROM headers of slots 5, 6 and 7.
 * Addresses: NetBSD sys/arch/pmax/pmax/kn02.h; bits: Linux dz.h, kn02.h.
 * Prints TAP.
 */
#include "../../../rt/rt.h"
#include "../../../rt/mips.h"
#include "../../../rt/prom.h"
#include "../../../rt/bare.h"
#include "../../../rt/tap.h"

#define TC0		0x1e000000u
#define TC5		0x1f400000u
#define TC6		0x1f800000u
#define TC7		0x1fc00000u
#define ERRADR		0x1fd80000u
#define DZ		0x1fe00000u
#define RTC		0x1fe80000u
#define CSR		0x1ff00000u

#define DZ_CSR		0x00
#define DZ_RBUF		0x08
#define DZ_LPR		0x08
#define DZ_TCR		0x10
#define DZ_TDR		0x18
#define TRDY		0x8000
#define TIE		0x4000
#define SAE		0x2000
#define SA		0x1000
#define RDONE		0x0080
#define RIE		0x0040
#define MSE		0x0020
#define MAINT		0x0008
#define DVAL		0x8000
#define LPR_RXENAB	0x1000
#define LPR_9600_8	0x0e18

#define CSR_IP_DZ	0x80u
#define CSR_IOINTEN(b)	((b) << 16)

static volatile uint32_t *reg32(uint32_t pa) { return (volatile uint32_t *)KSEG1(pa); }
static volatile uint16_t *dz(unsigned off) { return (volatile uint16_t *)KSEG1(DZ + off); }
static volatile uint8_t *reg8(uint32_t pa) { return (volatile uint8_t *)KSEG1(pa); }

static uint32_t cause(void)
{
	uint32_t v;
	__asm__ volatile("mfc0 %0, $13\n\tnop" : "=r"(v));
	return v;
}

static void *cb(unsigned off) { return *(void **)(boot_args.rex + off); }

#define IP(n)	(0x100u << (n))

/* Wait for TRDY on line (bounded); return the polls taken, -1 on timeout. */
static int wait_trdy(int line)
{
	for (int i = 0; i < 200000; i++) {
		uint16_t c = *dz(DZ_CSR);
		if ((c & TRDY) && ((c >> 8) & 3) == line)
			return i;
	}
	return -1;
}

/* The option ROM header at rom (a kseg1 address): pattern and name. */
static int tcrom_ok(uint32_t rom, const char *name)
{
	volatile uint32_t *w = (volatile uint32_t *)KSEG1(rom);
	if ((w[0x3e0 / 4] & 0xff) != 1 || (w[0x3e4 / 4] & 0xff) != 4)
		return 0;
	if (w[0x3f0 / 4] != 0x55555555u || w[0x3f4 / 4] != 0 ||
	    w[0x3f8 / 4] != 0xaaaaaaaau || w[0x3fc / 4] != 0xffffffffu)
		return 0;
	int ended = 0;
	for (int i = 0; i < 8; i++) {
		ended |= name[i] == 0;
		char want = ended ? ' ' : name[i];	/* blank padded */
		if ((char)*reg8(rom + 0x440 + 4 * i) != want)
			return 0;
	}
	return 1;
}

/* Read pa; 1 if that raised exactly one bus error (DBE), with its EPC. */
static int read_expect_dbe(uint32_t pa, uint32_t *epc)
{
	exc_probe.hits = 0;
	exc_probe.armed = 1;
	(void)*reg32(pa);
	exc_probe.armed = 0;
	*epc = exc_probe.epc;
	return exc_probe.hits == 1 &&
	       ((exc_probe.cause & CAUSE_EXC_MASK) >> CAUSE_EXC_SHIFT) == EXC_DBE;
}

void kmain(void)
{
	kprintf("kn02test on systype %u\n", (unsigned)SYSTYPE(prom_getsysid()));

	/* PROM */
	tap_ok(prom_getsysid() == 0x82020300u, "getsysid 0x82020300 (systype 2, KN02)");
	const char *con = prom_getenv("osconsole");
	tap_ok(con && !kstrcmp(con, "2"), "getenv osconsole is \"2\" (serial, DZ line 3)");
	uint32_t slot1 = ((uint32_t (*)(int))cb(PROM_SLOT_ADDR))(1);
	tap_ok(slot1 == KSEG1(TC0 + 0x400000u), "slot_address(1) = 0x%08x (4 MB slots)", (unsigned)slot1);

	/* DZ transmit: the console line is enabled and scanned; TRDY drops
	   after a write and returns after the character time. */
	int polls = wait_trdy(3);
	tap_ok(polls >= 0 && (*dz(DZ_CSR) & MSE), "DZ CSR: MSE, TRDY on line 3");
	*dz(DZ_TDR) = '.';
	uint16_t after = *dz(DZ_CSR);
	polls = wait_trdy(3);
	kprintf("\n");		/* the '.' ends its line (the console is the PROM's) */
	tap_ok(!(after & TRDY) && polls > 0, "TRDY false right after a write, back after %d polls", polls);

	/* Scanner: with lines 2 and 3 enabled and both idle, it stops on one;
	   clearing that line's TCR bit moves it to the other. (Results are
	   printed only once the console line is back: kprintf goes through
	   the PROM, which on a real KN02 writes on that line too.) */
	wait_trdy(3);
	*dz(DZ_LPR) = LPR_9600_8 | 2;
	*dz(DZ_TCR) = 0x0c;
	uint16_t c1 = *dz(DZ_CSR);
	int l1 = (c1 >> 8) & 3;
	*dz(DZ_TCR) = (uint16_t)(0x0c & ~(1u << l1));
	uint16_t c2 = *dz(DZ_CSR);
	*dz(DZ_TCR) = 0;
	uint16_t c3 = *dz(DZ_CSR);
	*dz(DZ_TCR) = 0x08;
	tap_ok((c1 & TRDY) && (c2 & TRDY) && ((c2 >> 8) & 3) == (l1 == 2 ? 3 : 2),
	       "TLINE moves to the other enabled line when one is disabled (%d -> %d)",
	       l1, (c2 >> 8) & 3);
	tap_ok(!(c3 & TRDY), "no TRDY with no line enabled");

	/* Transmit interrupt through the KN02 CSR: pending bit 7, IP2 only
	   when enabled in IOINTEN. */
	wait_trdy(3);
	*reg32(CSR) = CSR_IOINTEN(0) | 0xff;
	*dz(DZ_CSR) = MSE | TIE;
	uint32_t csr_masked = *reg32(CSR), cause_masked = cause();
	*reg32(CSR) = CSR_IOINTEN(CSR_IP_DZ) | 0xff;
	uint32_t csr_on = *reg32(CSR), cause_on = cause();
	*dz(DZ_TCR) = 0;
	uint32_t csr_off = *reg32(CSR), cause_off = cause();
	*dz(DZ_CSR) = MSE;
	*reg32(CSR) = 0xff;
	*dz(DZ_TCR) = 0x08;
	tap_ok((csr_masked & CSR_IP_DZ) && !(cause_masked & IP(2)),
	       "DZ request pending in CSR (0x%08x), masked off IP2", (unsigned)csr_masked);
	tap_ok((csr_on & CSR_IOINTEN(CSR_IP_DZ)) && (cause_on & IP(2)),
	       "IOINTEN bit 23 enables it onto IP2");
	tap_ok(!(csr_off & CSR_IP_DZ) && !(cause_off & IP(2)),
	       "disabling the line drops TRDY, the CSR bit and IP2");

	/* Receive through the silo, in MAINT loopback on line 2 (nothing
	   goes out in loopback, so the console is quiet meanwhile). */
	*reg32(CSR) = CSR_IOINTEN(CSR_IP_DZ) | 0xff;
	*dz(DZ_CSR) = MSE | MAINT | RIE;
	*dz(DZ_LPR) = LPR_RXENAB | LPR_9600_8 | 2;
	*dz(DZ_TCR) = 0x04;
	int sent = 0;
	for (const char *s = "loopback"; *s; s++)
		if (wait_trdy(2) >= 0) {
			*dz(DZ_TDR) = (uint8_t)*s;
			sent++;
		}
	wait_trdy(2);
	uint16_t rcsr = *dz(DZ_CSR);
	uint32_t rcause = cause();
	char got[9];
	int n = 0, lines_ok = 1;
	uint16_t rb;
	while (n < 8 && ((rb = *dz(DZ_RBUF)) & DVAL)) {
		lines_ok &= ((rb >> 8) & 3) == 2;
		got[n++] = (char)(rb & 0xff);
	}
	got[n] = 0;
	uint16_t empty_csr = *dz(DZ_CSR);
	uint32_t empty_cause = cause();
	/* Silo alarm: 16 characters with SAE. */
	*dz(DZ_CSR) = MSE | MAINT | SAE | RIE;
	uint32_t early = 0;
	for (int i = 0; i < 16; i++) {
		if (wait_trdy(2) >= 0)
			*dz(DZ_TDR) = (uint8_t)('a' + i);
		if (i == 3)
			early = cause() & IP(2);
	}
	wait_trdy(2);
	uint16_t sa = *dz(DZ_CSR);
	uint32_t sa_cause = cause();
	while (*dz(DZ_RBUF) & DVAL)
		;
	/* Back to the console set-up the PROM left. */
	*dz(DZ_CSR) = MSE;
	*dz(DZ_LPR) = 2;
	*dz(DZ_TCR) = 0x08;
	*reg32(CSR) = 0xff;
	tap_ok(sent == 8 && (rcsr & RDONE), "RDONE after %d looped-back characters", sent);
	tap_ok((rcause & IP(2)) && !(empty_csr & RDONE) && !(empty_cause & IP(2)),
	       "RIE: receive interrupt on IP2 until the silo is read empty");
	tap_ok(n == 8 && lines_ok && !kstrcmp(got, "loopback"), "silo returns \"%s\" on line 2", got);
	tap_ok(!early && (sa & SA) && (sa_cause & IP(2)),
	       "SAE: no interrupt at 4 characters, SA and IP2 at 16");

	/* DS1287 on IP3. */
	volatile uint32_t *rtc = reg32(RTC);
	tap_ok(rtc[9] == 95 && rtc[8] == 12 && rtc[7] == 3, "RTC date 95-12-03");
	rtc[10] = 0x20 | 10;
	rtc[11] = 0x40 | 0x06;
	polls = 0;
	while (!(cause() & IP(3)) && polls < 1000000)
		polls++;
	uint8_t rc = (uint8_t)rtc[12];
	tap_ok(polls < 1000000 && (rc & 0xc0) == 0xc0 && !(cause() & IP(3)),
	       "RTC periodic interrupt on IP3, cleared by reading C (0x%02x)", rc);
	rtc[11] = 0x06;

	/* Empty option slots: bus errors, latched in ERRADR with IP5. */
	*reg32(ERRADR) = 0;
	uint32_t epc;
	int dbe0 = read_expect_dbe(TC0 + 0x3c03f0, &epc);
	uint32_t ea = *reg32(ERRADR), ecause = cause();
	int dbe1 = read_expect_dbe(TC0 + 0x400000, &epc);
	int dbe2 = read_expect_dbe(TC0 + 0x800000, &epc);
	tap_ok(dbe0 && dbe1 && dbe2, "empty slots 0-2 answer reads with a bus error");
	tap_ok((ea & 0xe0000000u) == 0xc0000000u &&
	       (ea & 0x07ffffffu) == ((TC0 + 0x3c03f0) >> 2) && (ecause & IP(5)),
	       "ERRADR 0x%08x: valid, CPU read, word address; IP5", (unsigned)ea);
	*reg32(ERRADR) = 0;
	tap_ok(*reg32(ERRADR) == 0 && !(cause() & IP(5)), "writing ERRADR clears it and IP5");

	/* Option ROM headers. */
	tap_ok(tcrom_ok(TC5 + 0x3c0000, "PMAZ-AA") && tcrom_ok(TC5 + 0xc0000, "PMAZ-AA"),
	       "slot 5: PMAZ-AA header at 0x3c0000 (and 0xc0000)");
	tap_ok(tcrom_ok(TC6 + 0x3c0000, "PMAD-AA") && tcrom_ok(TC6 + 0x1c0000, "PMAD-AA"),
	       "slot 6: PMAD-AA header at 0x3c0000 (and 0x1c0000)");
	tap_ok(tcrom_ok(TC7, "KN02SYS"), "slot 7: system ROM header KN02SYS");
	volatile uint32_t *esar = reg32(TC6 + 0x1c0000);
	tap_ok((esar[0] & 0xff0000) == 0x080000 && (esar[1] & 0xff0000) == 0 &&
	       (esar[2] & 0xff0000) == 0x2b0000 && (esar[24] & 0xff0000) == 0xff0000 &&
	       (esar[26] & 0xff0000) == 0x550000, "PMAD-AA station address ROM (lane 2): DEC OUI, pattern");
	volatile uint32_t *sram = reg32(TC6);
	sram[0] = 0x12345678u;
	sram[0x7fff] = 0x9abcdef0u;
	tap_ok(sram[0] == 0x12345678u && sram[0x7fff] == 0x9abcdef0u, "PMAD-AA 128 KB buffer SRAM");
	volatile uint16_t *le = (volatile uint16_t *)KSEG1(TC6 + 0x100000);
	le[2] = 0;		/* RAP = CSR0 */
	tap_ok(le[0] == 0x0004, "PMAD-AA LANCE CSR0 reads STOP (0x%04x)", le[0]);

	tap_done();
	halt();
}
