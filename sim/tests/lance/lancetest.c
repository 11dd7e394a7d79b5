/*
 * sim/tests/lance/lancetest.c - in-guest checks of pmaxsim's Am7990
 * LANCE on each board: the IOASIC's DMA window into main memory (KN03,
 * KN02-BA; 16-bit words in the low halves of host words, buffers in
 * 16-byte bursts every 32 bytes) and the PMAD-AA's SRAM (KN02). Covers
 * the init block (IDON, and MERR where the chip's memory can fail), the
 * interrupt line, transmit and internal-loopback receive with the CRC,
 * ring wrap, chaining, a frame larger than the buffers, a runt, MISS,
 * CRC errors, address filtering, babble, a transmit buffer error, STOP.
 * With peer=echo or peer=ping (two machines on one segment, pmaxsim
 * --and) it checks the wire instead: a frame's one-way time and a round
 * trip against the Ethernet's bit time, across boards of different
 * clocks, and frames lost under --net-loss.
 * Bits: NetBSD lancereg.h / am7990reg.h, Linux declance.c. Prints TAP.
 */
#include "../../../rt/rt.h"
#include "../../../rt/mips.h"
#include "../../../rt/prom.h"
#include "../../../rt/tap.h"
#include "../../../aegis/include/aegis/counter.h"

struct board {
	const char *name;
	uint32_t lance;		/* RDP; RAP at +4 */
	uint32_t mem;		/* physical address of chip address 0 */
	int gapped;		/* IOASIC layout */
	uint32_t ioasic;	/* IOASIC slot-1 registers, or 0 */
	uint32_t csr;		/* KN02 system CSR, or 0 */
	uint32_t esar;		/* first station-address ROM byte */
	int ip;			/* CPU line of the LANCE's interrupt */
};

/* The IOASIC window: 128 KB at 8 MB (any 128 KB-aligned RAM will do). */
static const struct board kn03 = { "KN03", 0x1f8c0000, 0x00800000, 1, 0x1f840000, 0, 0x1f880000, 2 };
static const struct board kn02ba = { "KN02-BA", 0x1c0c0000, 0x00800000, 1, 0x1c040000, 0, 0x1c080000, 5 };
static const struct board kn02 = { "KN02", 0x1f900000, 0x1f800000, 0, 0, 0x1ff00000, 0x1f9c0002, 2 };
static const struct board *b;

#define IO_LANCE_DMAPTR	0x020
#define IO_SSR		0x100
#define IO_SIR		0x110
#define IO_SIMR		0x120
#define SSR_LANCE_DMA	0x00010000u
#define SIR_LANCE	0x00000100u
#define SIR_LANCE_MERR	0x00010000u
#define KN02_LANCE	0x40u

#define C0_ERR	0x8000
#define C0_BABL	0x4000
#define C0_MISS	0x1000
#define C0_MERR	0x0800
#define C0_RINT	0x0400
#define C0_TINT	0x0200
#define C0_IDON	0x0100
#define C0_INTR	0x0080
#define C0_INEA	0x0040
#define C0_RXON	0x0020
#define C0_TXON	0x0010
#define C0_TDMD	0x0008
#define C0_STOP	0x0004
#define C0_STRT	0x0002
#define C0_INIT	0x0001

#define M_PROM	0x8000
#define M_INTL	0x0040
#define M_COLL	0x0010
#define M_DTCR	0x0008
#define M_LOOP	0x0004

#define OWN	0x8000
#define ERR	0x4000
#define R_CRC	0x0800
#define R_BUFF	0x0400
#define STP	0x0200
#define ENP	0x0100
#define T3_BUFF	0x8000
#define T3_UFLO	0x4000

/* The chip's memory as this test lays it out (chip addresses). */
#define IB	0x0000
#define RDRA	0x0040		/* up to 8 receive descriptors */
#define TDRA	0x0100		/* up to 8 transmit descriptors */
#define RBUF	0x1000		/* receive buffer i at RBUF + 0x800 i */
#define TBUF	0x6000		/* transmit buffer i at TBUF + 0x800 i */
#define BUFSTEP	0x800

static uint8_t me[6] = { 0x08, 0x00, 0x2b, 0x77, 0x00, 0x01 };

static volatile uint32_t *reg32(uint32_t pa) { return (volatile uint32_t *)KSEG1(pa); }
static volatile uint16_t *rdp(void) { return (volatile uint16_t *)KSEG1(b->lance); }
static volatile uint16_t *rap(void) { return (volatile uint16_t *)KSEG1(b->lance + 4); }

static uint16_t csr(unsigned n) { *rap() = (uint16_t)n; return *rdp(); }
static void csr_set(unsigned n, uint16_t v) { *rap() = (uint16_t)n; *rdp() = v; }

/* CPU side of the chip's memory. */
static volatile uint16_t *word(uint32_t a)
{
	return (volatile uint16_t *)KSEG1(b->mem + (b->gapped ? 2 * a : a));
}
static volatile uint8_t *byte(uint32_t a)
{
	return (volatile uint8_t *)KSEG1(b->mem + (b->gapped ? 2 * (a & ~15u) + (a & 15u) : a));
}
static void put(uint32_t a, const uint8_t *p, unsigned n) { for (unsigned i = 0; i < n; i++) *byte(a + i) = p[i]; }
static void get(uint32_t a, uint8_t *p, unsigned n) { for (unsigned i = 0; i < n; i++) p[i] = *byte(a + i); }

static uint32_t crc32(const uint8_t *p, unsigned n)
{
	uint32_t c = 0xffffffffu;
	for (unsigned i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320u & -(c & 1));
	}
	return ~c;
}

static uint32_t cause(void)
{
	uint32_t v;
	__asm__ volatile("mfc0 %0, $13\n\tnop" : "=r"(v));
	return v;
}

/* The board's view of the chip's interrupt pin. */
static int pin(void)
{
	if (b->ioasic)
		return (*reg32(b->ioasic + IO_SIR) & SIR_LANCE) != 0;
	return (*reg32(b->csr) & KN02_LANCE) != 0;
}
static int cpu_line(void) { return (cause() & (0x100u << b->ip)) != 0; }

static uint16_t wait_csr0(uint16_t bits)
{
	uint16_t c = 0;
	for (int i = 0; i < 300000; i++)
		if ((c = csr(0)) & bits)
			break;
	return c;
}

static unsigned rlen_code(unsigned n) { unsigned k = 0; while ((1u << k) < n) k++; return k << 13; }

static unsigned nrx, ntx, rxsize;

/* Receive descriptor i: buffer RBUF + i*BUFSTEP of rxsize bytes, owned. */
static void rx_give(unsigned i)
{
	uint32_t d = RDRA + 8 * i, ba = RBUF + BUFSTEP * i;
	*word(d) = (uint16_t)ba;
	*word(d + 4) = (uint16_t)(-(int)rxsize | 0xf000);
	*word(d + 6) = 0;
	*word(d + 2) = (uint16_t)(OWN | (ba >> 16));
}
static uint16_t rx_flags(unsigned i) { return *word(RDRA + 8 * i + 2) & 0xff00; }
static uint16_t rx_mcnt(unsigned i) { return *word(RDRA + 8 * i + 6) & 0xfff; }

/* Stop, write the init block and rings, INIT, wait for IDON, ack, start. */
static uint16_t bring_up(uint16_t mode, const uint8_t ladrf[8], unsigned rx, unsigned tx, unsigned rsize)
{
	nrx = rx; ntx = tx; rxsize = rsize;
	csr_set(0, C0_STOP);
	*word(IB) = mode;
	for (int i = 0; i < 3; i++)
		*word(IB + 2 + 2 * i) = (uint16_t)(me[2 * i] | me[2 * i + 1] << 8);
	for (int i = 0; i < 4; i++)
		*word(IB + 8 + 2 * i) = ladrf ? (uint16_t)(ladrf[2 * i] | ladrf[2 * i + 1] << 8) : 0;
	*word(IB + 16) = RDRA;
	*word(IB + 18) = (uint16_t)rlen_code(rx);
	*word(IB + 20) = TDRA;
	*word(IB + 22) = (uint16_t)rlen_code(tx);
	for (unsigned i = 0; i < rx; i++)
		rx_give(i);
	for (unsigned i = 0; i < tx; i++)
		*word(TDRA + 8 * i + 2) = 0;
	csr_set(1, IB);
	csr_set(2, 0);
	csr_set(3, 0);
	csr_set(0, C0_INIT);
	uint16_t c = wait_csr0(C0_IDON | C0_ERR);
	csr_set(0, C0_IDON);
	csr_set(0, C0_STRT);
	return c;
}

/* Build a frame to dst of len bytes (without FCS) in frame[]. */
static uint8_t frame[2048], back[2048];
static void make_frame(const uint8_t *dst, unsigned len, uint8_t seed)
{
	for (int i = 0; i < 6; i++) {
		frame[i] = dst[i];
		frame[6 + i] = me[i];
	}
	frame[12] = 0x08;
	frame[13] = 0x00;
	for (unsigned i = 14; i < len; i++)
		frame[i] = (uint8_t)(seed + i * 7);
}

static unsigned tx_next;
static int use_tdmd = 1;	/* 0: leave it to the chip's transmit poll */

/* Put n bytes of p in transmit buffer i and point descriptor i at them;
   returns the buffer address's high bits, for the descriptor's word 1
   (written by the caller, with OWN, last). */
static uint16_t tx_fill(unsigned i, const uint8_t *p, unsigned n)
{
	uint32_t d = TDRA + 8 * i, ba = TBUF + BUFSTEP * i;
	put(ba, p, n);
	*word(d) = (uint16_t)ba;
	*word(d + 4) = (uint16_t)(-(int)n | 0xf000);
	*word(d + 6) = 0;
	return (uint16_t)(ba >> 16);
}

/* Queue len bytes of frame[] in n transmit buffers from tx_next, TDMD,
   wait for TINT; returns CSR0 at TINT (TINT, RINT etc. then acked). */
static uint16_t send(unsigned len, unsigned n, unsigned own_mask)
{
	unsigned per = (len + n - 1) / n, off = 0;
	uint16_t first = 0;
	for (unsigned k = 0; k < n; k++) {
		unsigned i = (tx_next + k) % ntx, chunk = len - off < per ? len - off : per;
		uint32_t d = TDRA + 8 * i;
		uint16_t f = (uint16_t)((k == 0 ? STP : 0) | (k == n - 1 ? ENP : 0) |
					tx_fill(i, frame + off, chunk));
		off += chunk;
		if (own_mask & (1u << k))
			f |= OWN;
		if (k)
			*word(d + 2) = f;
		else
			first = f;	/* hand the first over last */
	}
	*word(TDRA + 8 * tx_next + 2) = first;
	if (use_tdmd)
		csr_set(0, C0_TDMD);
	uint16_t c = wait_csr0(C0_TINT);
	for (int i = 0; i < 2000; i++)	/* a looped-back frame lands with TINT */
		c |= csr(0);
	csr_set(0, C0_TINT | C0_RINT | C0_MISS | C0_BABL | C0_MERR);
	tx_next = (tx_next + n) % ntx;
	return c;
}
static uint16_t tx_flags(unsigned i) { return *word(TDRA + 8 * i + 2) & 0xff00; }

/* Was frame[] (len bytes plus its FCS) received in descriptor i? */
static int received(unsigned i, unsigned len)
{
	uint32_t fcs = crc32(frame, len);
	get(RBUF + BUFSTEP * i, back, len + 4);
	for (unsigned k = 0; k < len; k++)
		if (back[k] != frame[k])
			return 0;
	for (int k = 0; k < 4; k++)
		if (back[len + k] != (uint8_t)(fcs >> (8 * k)))
			return 0;
	return rx_mcnt(i) == len + 4 && rx_flags(i) == (STP | ENP);
}

/* Give the chip its memory (the IOASIC DMA window, or the KN02's
   PMAD-AA SRAM with its interrupt enabled) and clear it. */
static void chip_memory_on(void)
{
	if (b->ioasic) {
		*reg32(b->ioasic + IO_LANCE_DMAPTR) = b->mem << 3;
		*reg32(b->ioasic + IO_SSR) |= SSR_LANCE_DMA;
		*reg32(b->ioasic + IO_SIMR) = SIR_LANCE | SIR_LANCE_MERR;
	} else {
		*reg32(b->csr) = (uint32_t)KN02_LANCE << 16 | 0xff;
	}
	for (uint32_t a = 0; a < 0x8000; a += 2)
		*word(a) = 0;
}

/* ---- two machines: peer=echo and peer=ping ---------------------------------- */

#define COUNTER		((volatile uint32_t *)KSEG1(COUNTER_PAGE_PA))
#define PEER_LEN	102	/* 14 + IP 20 + UDP 8 + a 60-byte payload; 106 with FCS */

/* Picoseconds since the run began (every machine's cycle 0). */
static uint64_t now_ps(void)
{
	return counter_cycles(COUNTER) * 1000000u / counter_mhz(COUNTER);
}
static void put64(uint8_t *p, uint64_t v) { for (int i = 0; i < 8; i++) p[i] = (uint8_t)(v >> 8 * i); }
static uint64_t get64(const uint8_t *p) { uint64_t v = 0; for (int i = 7; i >= 0; i--) v = v << 8 | p[i]; return v; }

static unsigned rx_next;

/* Queue frame[] (len bytes) in the next transmit descriptor and demand
   it; returns the time of the demand (the chip starts at once). Unlike
   send(), nothing waits: the wire's time is what is measured. */
static uint64_t peer_send(unsigned len)
{
	uint32_t d = TDRA + 8 * tx_next;
	for (int i = 0; i < 100000 && (*word(d + 2) & OWN); i++)
		;			/* the previous user of it is done */
	*word(d + 2) = (uint16_t)(OWN | STP | ENP | tx_fill(tx_next, frame, len));
	uint64_t t = now_ps();
	csr_set(0, C0_TDMD);
	csr_set(0, C0_TINT);
	tx_next = (tx_next + 1) % ntx;
	return t;
}

/* The next received frame into back[] (its length without the FCS), or
   0 if none came within limit_ps; *when: the time it was seen. The loop
   reads only the descriptor and the counter (no division), so it sees a
   frame within a few cycles of its arrival. */
static unsigned peer_receive(uint64_t limit_ps, uint64_t *when)
{
	uint64_t mhz = counter_mhz(COUNTER);
	uint64_t end = counter_cycles(COUNTER) + limit_ps * mhz / 1000000u;
	for (;;) {
		uint64_t c = counter_cycles(COUNTER);
		if (!(*word(RDRA + 8 * rx_next + 2) & OWN)) {
			*when = c * 1000000u / mhz;
			unsigned n = rx_mcnt(rx_next), ok = rx_flags(rx_next) == (STP | ENP) && n > 4;
			if (ok)
				get(RBUF + BUFSTEP * rx_next, back, n - 4);
			rx_give(rx_next);
			rx_next = (rx_next + 1) % nrx;
			csr_set(0, C0_RINT);
			if (ok)
				return n - 4;
			continue;
		}
		if (c > end)
			return 0;
	}
}

/* Answer every frame: back to its sender, with the time it was seen and
   this machine's clock in bytes 14..29. Runs until the run ends. */
static void peer_echo(void)
{
	for (;;) {
		uint64_t when;
		unsigned n = peer_receive(1000000000000ull, &when);
		if (n < 30)
			continue;
		for (int i = 0; i < 6; i++) {
			frame[i] = back[6 + i];
			frame[6 + i] = me[i];
		}
		for (unsigned i = 12; i < n; i++)
			frame[i] = back[i];
		put64(frame + 14, when);
		put64(frame + 22, counter_mhz(COUNTER));
		peer_send(n);
	}
}

/* peer=ping[,mbps=N][,lossy]: the checks, against peer=echo at
   08:00:2b:77:00:02. */
static void peer_ping(unsigned mbps, int lossy)
{
	static const uint8_t echo[6] = { 0x08, 0x00, 0x2b, 0x77, 0x00, 0x02 };
	uint64_t bit_ps = 1000000u / mbps;
	uint64_t wire = (8 + PEER_LEN + 4) * 8 * bit_ps;	/* preamble, frame, FCS */
	kprintf("peer: a %u-byte frame (FCS included) is %u ns on a %u Mbit/s wire\n",
		PEER_LEN + 4, (unsigned)(wire / 1000), mbps);
	int replies = 0, tries = lossy ? 32 : 4, ready = lossy;
	uint64_t one_way = 0, rtt = 0;
	int echoed = 1;
	/* The peer may boot slower (a slower clock): wait until it answers
	   (up to 200 ms). Under loss the tries themselves are the test. */
	for (int k = 0; k < 100 && !ready; k++) {
		uint64_t t1;
		make_frame(echo, PEER_LEN, 0xee);
		peer_send(PEER_LEN);
		ready = peer_receive(2000000000ull, &t1) != 0;
	}
	for (int k = 0; k < tries; k++) {
		make_frame(echo, PEER_LEN, (uint8_t)k);
		uint64_t t1, t0 = peer_send(PEER_LEN);
		unsigned n = peer_receive(2000000000ull, &t1);	/* 2 ms */
		if (!n)
			continue;
		replies++;
		for (unsigned i = 30; i < PEER_LEN; i++)
			if (back[i] != frame[i])
				echoed = 0;
		one_way = get64(back + 14) - t0;
		rtt = t1 - t0;
		kprintf("peer: try %d one way %u ns, round trip %u ns (echo at %u MHz)\n", k,
			(unsigned)(one_way / 1000), (unsigned)(rtt / 1000), (unsigned)get64(back + 22));
	}
	if (lossy) {
		tap_ok(replies > 0 && replies < tries, "--net-loss: %d of %d round trips come back", replies, tries);
		tap_ok(echoed, "the replies that came are the frames sent");
		tap_done();
		return;
	}
	tap_ok(ready && replies == tries && echoed, "the peer echoes each frame (%d of %d)", replies, tries);
	/* The echo sees RINT at the last bit plus its polling loop (a few
	   uncached reads); allow 5 us for that. */
	tap_ok(one_way >= wire && one_way < wire + 5000000,
	       "one way: %u ns, the frame's wire time %u ns and the receiver's poll",
	       (unsigned)(one_way / 1000), (unsigned)(wire / 1000));
	tap_ok(rtt >= 2 * wire && rtt < 2 * wire + 1000000000ull,
	       "round trip: %u ns, at least twice the wire time (%u ns)",
	       (unsigned)(rtt / 1000), (unsigned)(2 * wire / 1000));
	tap_done();
}

/* Where word occurs in s, or NULL. */
static const char *find(const char *s, const char *word)
{
	unsigned n = (unsigned)kstrlen(word);
	for (; *s; s++)
		if (!kstrncmp(s, word, n))
			return s;
	return NULL;
}

static void peer(const char *role)
{
	me[5] = role[0] == 'e' ? 2 : 1;
	bring_up(0, NULL, 4, 4, 0x600);
	if (role[0] == 'e') {
		peer_echo();
		return;
	}
	const char *m = find(role, "mbps=");
	unsigned mbps = 0;
	for (m = m ? m + 5 : "10"; *m >= '0' && *m <= '9'; m++)
		mbps = mbps * 10 + (unsigned)(*m - '0');
	peer_ping(mbps ? mbps : 10, find(role, "lossy") != NULL);
}

void kmain(void)
{
	uint32_t sysid = prom_getsysid();
	b = SYSTYPE(sysid) == SYSTYPE_KN03 ? &kn03 : SYSTYPE(sysid) == SYSTYPE_KN02 ? &kn02 : &kn02ba;
	kprintf("lancetest on %s\n", b->name);
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	static const uint8_t other[6] = { 0x08, 0x00, 0x2b, 0x00, 0x00, 0x99 };

	tap_ok(csr(0) == C0_STOP, "CSR0 reads STOP after reset (0x%04x)", csr(0));
	/* The station-address ROM: DEC's OUI by default, or what pmaxsim's
	   --mac put there (the boot argument esar=XX:... says what). */
	char rom[18];
	for (int i = 0; i < 6; i++) {
		unsigned v = *(volatile uint8_t *)KSEG1(b->esar + 4 * i);
		rom[3 * i] = "0123456789abcdef"[v >> 4];
		rom[3 * i + 1] = "0123456789abcdef"[v & 15];
		rom[3 * i + 2] = i < 5 ? ':' : '\0';
	}
	const char *want = boot_arg_value("esar=");
	if (want)
		tap_ok(!kstrcmp(rom, want), "station-address ROM holds --mac %s (%s)", want, rom);
	else
		tap_ok(!kstrncmp(rom, "08:00:2b:", 9), "station-address ROM holds a DEC address (%s)", rom);

	chip_memory_on();
	const char *role = boot_arg_value("peer=");
	if (role) {
		peer(role);
		return;
	}

	/* Init block. */
	uint16_t c = bring_up(M_LOOP | M_INTL, NULL, 4, 4, 0x200);
	tap_ok((c & (C0_IDON | C0_INTR | C0_ERR)) == (C0_IDON | C0_INTR),
	       "INIT reads the init block: IDON, no error (CSR0 0x%04x)", c);
	c = csr(0);
	tap_ok((c & (C0_RXON | C0_TXON | C0_STRT | C0_STOP)) == (C0_RXON | C0_TXON | C0_STRT),
	       "STRT: RXON, TXON (CSR0 0x%04x)", c);

	/* Interrupt line: IDON with INEA raises the board's line. */
	csr_set(0, C0_STOP);
	csr_set(1, IB);
	csr_set(0, C0_INIT | C0_INEA);
	wait_csr0(C0_IDON);
	int p_on = pin(), l_on = cpu_line();
	csr_set(0, C0_IDON);	/* ack, INEA off */
	int p_off = pin(), l_off = cpu_line();
	tap_ok(p_on && l_on && !p_off && !l_off,
	       "IDON with INEA drives the %s line and IP%d; ack drops them (%d%d%d%d)",
	       b->ioasic ? "IOASIC SIR LANCE" : "KN02 CSR LANCE", b->ip, p_on, l_on, p_off, l_off);
	csr_set(0, C0_STRT);

	/* Transmit and internal loopback receive. */
	tx_next = 0;
	make_frame(me, 100, 1);
	c = send(100, 1, 1);
	tap_ok((c & C0_TINT) && (tx_flags(0) & (OWN | ERR)) == 0,
	       "transmit: TINT, OWN cleared, no error (CSR0 0x%04x, TMD1 0x%04x)", c, tx_flags(0));
	tap_ok((c & C0_RINT) && received(0, 100),
	       "loopback receive: RINT, STP|ENP, MCNT 104 with the FCS, data and CRC byte for byte "
	       "(RMD1 0x%04x MCNT %u)", rx_flags(0), rx_mcnt(0));

	/* Without TDMD the chip finds the descriptor at its next poll (1.6 ms). */
	use_tdmd = 0;
	make_frame(me, 64, 2);
	c = send(64, 1, 1);
	use_tdmd = 1;
	tap_ok((c & C0_TINT) && (c & C0_RINT) && received(1, 64),
	       "without TDMD the transmit poll finds the descriptor and sends the frame");
	tx_next = 0;
	rx_give(0);
	rx_give(1);
	bring_up(M_LOOP | M_INTL, NULL, 4, 4, 0x200);
	tx_next = 0;
	make_frame(me, 100, 1);
	send(100, 1, 1);

	/* Ring wrap: four more frames land in 1, 2, 3 and 0. */
	rx_give(0);
	int wrap_ok = 1;
	for (unsigned k = 1; k <= 4; k++) {
		make_frame(me, 80 + k, (uint8_t)(10 * k));
		send(80 + k, 1, 1);
		wrap_ok &= received(k % 4, 80 + k);
	}
	tap_ok(wrap_ok && tx_next == 1, "receive and transmit rings wrap (4 entries, 5 frames)");

	/* Chaining: 128-byte receive buffers, a 300-byte frame sent from 3 buffers. */
	bring_up(M_LOOP | M_INTL, NULL, 8, 4, 128);
	tx_next = 0;
	make_frame(me, 300, 3);
	c = send(300, 3, 7);
	get(RBUF, back, 128);
	get(RBUF + BUFSTEP, back + 128, 128);
	get(RBUF + 2 * BUFSTEP, back + 256, 48);
	int same = 1;
	for (int k = 0; k < 300; k++)
		same &= back[k] == frame[k];
	tap_ok((c & C0_RINT) && rx_flags(0) == STP && rx_flags(1) == 0 && rx_flags(2) == ENP &&
	       rx_mcnt(2) == 304 && same && (tx_flags(0) | tx_flags(1) | tx_flags(2)) == (STP | ENP),
	       "a frame chained over 3 transmit and 3 receive buffers (RMD1 %04x %04x %04x, MCNT %u)",
	       rx_flags(0), rx_flags(1), rx_flags(2), rx_mcnt(2));

	/* Larger than the ring's buffers: 4 x 128 bytes, a 600-byte frame. */
	bring_up(M_LOOP | M_INTL, NULL, 4, 4, 128);
	tx_next = 0;
	make_frame(me, 600, 4);
	c = send(600, 1, 1);
	tap_ok((c & C0_RINT) && rx_flags(0) == STP && rx_flags(1) == 0 && rx_flags(2) == 0 &&
	       rx_flags(3) == (ERR | R_BUFF),
	       "a frame larger than the ring's buffers: BUFF|ERR in the last, no ENP (RMD1 %04x %04x %04x %04x)",
	       rx_flags(0), rx_flags(1), rx_flags(2), rx_flags(3));

	/* A runt (20 bytes + FCS, the chip does not pad) is dropped. */
	bring_up(M_LOOP | M_INTL, NULL, 4, 4, 0x200);
	tx_next = 0;
	make_frame(me, 20, 5);
	c = send(20, 1, 1);
	tap_ok((c & C0_TINT) && !(c & C0_RINT) && rx_flags(0) == OWN,
	       "a runt is sent but not received (CSR0 0x%04x, RMD1 0x%04x)", c, rx_flags(0));

	/* MISS: no receive buffer owned. */
	for (unsigned i = 0; i < 4; i++)
		*word(RDRA + 8 * i + 2) = 0;
	make_frame(me, 100, 6);
	c = send(100, 1, 1);
	tap_ok((c & (C0_MISS | C0_ERR | C0_INTR)) == (C0_MISS | C0_ERR | C0_INTR) && !(c & C0_RINT),
	       "MISS, ERR with no free receive buffer (CSR0 0x%04x)", c);
	tap_ok(!(csr(0) & (C0_MISS | C0_ERR)), "MISS cleared by writing 1 (CSR0 0x%04x)", csr(0));

	/* CRC: with DTCR the buffer's own last 4 bytes go as the FCS. */
	bring_up(M_LOOP | M_INTL | M_DTCR, NULL, 4, 4, 0x200);
	tx_next = 0;
	make_frame(me, 100, 7);
	uint32_t fcs = crc32(frame, 100);
	for (int k = 0; k < 4; k++)
		frame[100 + k] = (uint8_t)(fcs >> (8 * k));
	c = send(104, 1, 1);
	int good = (c & C0_RINT) && received(0, 100);
	frame[103] ^= 0x55;
	c = send(104, 1, 1);
	tap_ok(good && (c & C0_RINT) && rx_flags(1) == (STP | ENP | ERR | R_CRC),
	       "DTCR: a good software FCS is accepted, a bad one gives CRC|ERR (RMD1 0x%04x)", rx_flags(1));

	/* Address filter. */
	static const uint8_t mcast[6] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 };
	uint8_t ladrf[8] = { 0 };
	unsigned h = (~crc32(mcast, 6)) >> 26;
	ladrf[h >> 3] = (uint8_t)(1u << (h & 7));
	bring_up(M_LOOP | M_INTL, ladrf, 4, 4, 0x200);
	tx_next = 0;
	make_frame(other, 100, 8);
	uint16_t c_other = send(100, 1, 1);
	make_frame(bcast, 100, 9);
	uint16_t c_bcast = send(100, 1, 1);
	int bcast_in = received(0, 100);
	make_frame(mcast, 100, 10);
	uint16_t c_mcast = send(100, 1, 1);
	int mcast_in = received(1, 100);
	static const uint8_t mcast2[6] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x02 };
	unsigned h2 = (~crc32(mcast2, 6)) >> 26;
	make_frame(mcast2, 100, 11);
	uint16_t c_mcast2 = send(100, 1, 1);
	tap_ok(!(c_other & C0_RINT) && (c_bcast & C0_RINT) && bcast_in && (c_mcast & C0_RINT) &&
	       mcast_in && (h2 == h || !(c_mcast2 & C0_RINT)),
	       "filter: another station's frame ignored; broadcast, a hashed multicast taken, "
	       "an unhashed one ignored (%x %x %x %x)", c_other, c_bcast, c_mcast, c_mcast2);
	bring_up(M_LOOP | M_INTL | M_PROM, NULL, 4, 4, 0x200);
	tx_next = 0;
	make_frame(other, 100, 12);
	c = send(100, 1, 1);
	tap_ok((c & C0_RINT) && received(0, 100), "PROM: another station's frame is received");

	/* Babble: a transmit longer than 1518 bytes with the FCS. */
	bring_up(M_LOOP | M_INTL, NULL, 4, 4, 0x200);
	tx_next = 0;
	make_frame(me, 1600, 13);
	c = send(1600, 1, 1);
	tap_ok((c & (C0_BABL | C0_ERR | C0_TINT)) == (C0_BABL | C0_ERR | C0_TINT),
	       "BABL, ERR for a 1604-byte transmit (CSR0 0x%04x)", c);

	/* Transmit buffer error: STP without ENP, the next descriptor not owned. */
	bring_up(M_LOOP | M_INTL, NULL, 4, 4, 0x200);
	tx_next = 0;
	make_frame(me, 200, 14);
	c = send(200, 2, 1);
	uint16_t tmd3 = *word(TDRA + 6);
	tap_ok((tx_flags(0) & (OWN | ERR)) == ERR && (tmd3 & (T3_BUFF | T3_UFLO)) == (T3_BUFF | T3_UFLO) &&
	       !(csr(0) & C0_TXON),
	       "chained transmit without the next buffer: ERR, BUFF|UFLO, TXON off (TMD1 0x%04x TMD3 0x%04x)",
	       tx_flags(0), tmd3);

	/* Memory error: the init block where the chip's memory cannot answer. */
	if (b->ioasic) {
		csr_set(0, C0_STOP);
		*reg32(b->ioasic + IO_LANCE_DMAPTR) = 0x0f000000u << 3;	/* beyond RAM */
		csr_set(1, IB);
		csr_set(0, C0_INIT);
		c = wait_csr0(C0_IDON | C0_ERR);
		uint32_t sir = *reg32(b->ioasic + IO_SIR);
		tap_ok((c & (C0_MERR | C0_ERR | C0_IDON)) == (C0_MERR | C0_ERR) && (sir & SIR_LANCE_MERR),
		       "an init block in memory that does not answer: MERR, no IDON, SIR LANCE DMA error "
		       "(CSR0 0x%04x SIR 0x%08x)", c, (unsigned)sir);
		*reg32(b->ioasic + IO_SIR) = ~SIR_LANCE_MERR;
		*reg32(b->ioasic + IO_LANCE_DMAPTR) = b->mem << 3;
		tap_ok(!(*reg32(b->ioasic + IO_SIR) & SIR_LANCE_MERR), "SIR LANCE DMA error cleared by writing 0");
	} else {
		tap_ok(1, "memory error # SKIP the PMAD-AA's SRAM always answers");
		tap_ok(1, "SIR DMA error # SKIP no IOASIC on the KN02");
	}

	/* COLL in internal loopback: forced collisions, 16 attempts, RTRY. */
	bring_up(M_LOOP | M_INTL | M_COLL, NULL, 4, 4, 0x200);
	tx_next = 0;
	make_frame(me, 100, 16);
	c = send(100, 1, 1);
	uint16_t t3 = *word(TDRA + 6);
	tap_ok((c & C0_TINT) && !(c & C0_RINT) && (tx_flags(0) & (OWN | ERR)) == ERR && (t3 & 0x0400),
	       "COLL in internal loopback: ERR, RTRY, nothing received (TMD1 0x%04x TMD3 0x%04x)",
	       tx_flags(0), t3);

	/* External loopback (LOOP without INTL): out on the wire and back in. */
	bring_up(M_LOOP, NULL, 4, 4, 0x200);
	tx_next = 0;
	make_frame(me, 200, 15);
	c = send(200, 1, 1);
	tap_ok((c & C0_TINT) && (c & C0_RINT) && received(0, 200), "external loopback: the frame comes back");

	/* DRX / DTX: the receiver or transmitter stays off after STRT. */
	bring_up(0x0001, NULL, 4, 4, 0x200);
	uint16_t c_drx = csr(0);
	bring_up(0x0002, NULL, 4, 4, 0x200);
	uint16_t c_dtx = csr(0);
	tap_ok((c_drx & (C0_RXON | C0_TXON)) == C0_TXON && (c_dtx & (C0_RXON | C0_TXON)) == C0_RXON,
	       "mode DRX: RXON off; DTX: TXON off (0x%04x 0x%04x)", c_drx, c_dtx);

	/* The IOASIC's SSR bit 8 is the chip's active-low reset. */
	if (b->ioasic) {
		bring_up(M_LOOP | M_INTL, NULL, 4, 4, 0x200);
		uint32_t ssr = *reg32(b->ioasic + IO_SSR);
		*reg32(b->ioasic + IO_SSR) = ssr & ~0x100u;
		*reg32(b->ioasic + IO_SSR) = ssr;
		uint16_t c0 = csr(0), c3 = csr(3);
		tap_ok(c0 == C0_STOP && c3 == 0, "SSR LANCE reset: CSR0 STOP, CSR3 0 (0x%04x 0x%04x)", c0, c3);
	} else {
		tap_ok(1, "SSR LANCE reset # SKIP no IOASIC on the KN02");
	}

	/* STOP. */
	bring_up(M_LOOP | M_INTL, NULL, 4, 4, 0x200);
	csr_set(0, C0_STOP);
	tap_ok(csr(0) == C0_STOP && !pin(), "STOP: CSR0 reads 0x0004 only, the line is low (0x%04x)", csr(0));
	tap_done();
}
