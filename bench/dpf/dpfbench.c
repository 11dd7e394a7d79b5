/*
 * bench/dpf/dpfbench.c - Table 7 of the SOSP'95 paper (after Bailey et
 * al.'s PATHFINDER experiment): the time to classify a TCP/IP header
 * destined to one of ten TCP/IP connection filters (Ethernet type IP,
 * protocol TCP, source and destination addresses, the IHL shift, source
 * and destination ports; the ten differ in the destination port), by
 *   dpf  - DPF's compiled trie (aegis/net/dpf.c), called directly,
 *   mpf  - our own MPF/CSPF-style interpreter: each filter a program of
 *          16-bit stack-machine instructions, run one filter after another
 *          until one accepts, as those systems did (a measured baseline, never the
 *          paper's number),
 *   ref  - DPF's reference interpreter (dpf_ref.c: every filter, longest
 *          match).
 * Also the time against the number of filters (1..100), instructions per
 * classification (the counter page's instruction count) and the time to
 * insert one more TCP/IP filter (recompile and I-cache flush). Cycles
 * from pmaxsim's counter page; us = cycles / MHz. Bare metal, kseg0.
 * Lines: "bench table7 NAME key=value ..." (bench/reportlib/table7.py).
 */
#include "../../rt/rt.h"
#include "../../rt/mips.h"
#include "../../aegis/net/dpf.h"
#include <aegis/counter.h>

#define COUNTER	((const volatile uint32_t *)KSEG1(COUNTER_PAGE_PA))
#define NMAX	100

static uint64_t cycles(void)
{
	return counter_cycles(COUNTER);
}

static uint64_t insns(void)
{
	uint32_t lo = COUNTER[COUNTER_INSNS_LO / 4];
	return (uint64_t)COUNTER[COUNTER_INSNS_HI / 4] << 32 | lo;
}

/* ---- The filters and frames ---- */

static struct dpf_atom eq(unsigned size, unsigned off, uint32_t v)
{
	return (struct dpf_atom){ DPF_OP_EQ, (unsigned short)size, off,
		size == 4 ? 0xffffffffu : (1u << 8 * size) - 1, v };
}

/* Connection i: from 18.52.86.120 port 1234 to 10.0.0.2 port 5000 + i. */
static unsigned tcpip_filter(struct dpf_atom *a, int i)
{
	a[0] = eq(2, 12, 0x0800);
	a[1] = eq(1, 23, 6);
	a[2] = eq(4, 26, 0x12345678);
	a[3] = eq(4, 30, 0x0a000002);
	a[4] = (struct dpf_atom){ DPF_OP_SHIFT, 1, 14, 0x0f, 2 };
	a[5] = eq(2, 14, 1234);
	a[6] = eq(2, 16, 5000 + (uint32_t)i);
	return 7;
}

/* Frames are word-aligned + 2 (byte 14, the IP header, word-aligned). */
static uint8_t fbuf[NMAX][64] __attribute__((aligned(4)));
#define FRAME(i)	(fbuf[i] + 2)
#define FRAME_LEN	60	/* 14 + 20 + 20 + 6: a minimum Ethernet frame */

static void put_be(uint8_t *p, unsigned size, uint32_t v)
{
	for (unsigned i = size; i-- > 0; v >>= 8)
		p[i] = (uint8_t)v;
}

static void make_frame(uint8_t *f, int i)
{
	kmemset(f, 0, FRAME_LEN);
	put_be(f + 12, 2, 0x0800);
	f[14] = 0x45;
	put_be(f + 16, 2, 46);
	f[22] = 64;
	f[23] = 6;
	put_be(f + 26, 4, 0x12345678);
	put_be(f + 30, 4, 0x0a000002);
	put_be(f + 34, 2, 1234);
	put_be(f + 36, 2, 5000 + (uint32_t)i);
	f[46] = 0x50;
}

/* ---- The MPF/CSPF-style interpreter ----
 * As Mogul, Rashid & Accetta's CSPF (SOSP '87), which MPF (Yuhara et
 * al., USENIX '94) extended: a program of 16-bit instructions for a
 * stack machine, each a push (nothing, the literal in the next word, or
 * the frame's 16-bit word n: PUSHWORD+n) fused with a binary operation
 * on the top two (CAND: reject unless equal). MPF's extension for a
 * variable-length header appears here as SHR and BASE: the IHL moves the
 * word base. */
enum { A_NOPUSH, A_PUSHLIT, A_PUSHWORD };	/* A_PUSHWORD + n */
enum { O_NOP, O_AND, O_CAND, O_SHR, O_BASE, O_ACCEPT };
#define INS(a, o)	((uint16_t)((o) << 10 | (a)))
#define VMAX	64
static uint16_t prog[NMAX][VMAX];
static unsigned nprog;

/* A filter's atoms as such a program: each 16-bit word of an EQ field a
   push, a mask if partial, a CAND; a shift (IHL-like: the field's byte
   in a word, left-shifted by v) as push, AND, SHR, BASE. */
static unsigned vm_compile(uint16_t *p, const struct dpf_atom *a, unsigned n)
{
	unsigned k = 0;
	for (unsigned i = 0; i < n; i++) {
		unsigned o = a[i].offset, s = a[i].size;
		if (a[i].op == DPF_OP_SHIFT) {	/* one byte: base += (b & m) << v */
			unsigned lo = o & 1 ? 0 : 8;	/* its place in the word */
			p[k++] = INS(A_PUSHWORD + o / 2, O_NOP);
			p[k++] = INS(A_PUSHLIT, O_AND);
			p[k++] = (uint16_t)(a[i].mask << lo);
			p[k++] = INS(A_PUSHLIT, O_SHR);
			p[k++] = (uint16_t)(lo - a[i].value);
			p[k++] = INS(A_NOPUSH, O_BASE);
			continue;
		}
		for (unsigned w = o / 2; w <= (o + s - 1) / 2; w++) {
			uint32_t m = 0, v = 0;	/* the field's part in word w */
			for (unsigned b = 2 * w; b < 2 * w + 2; b++) {
				m <<= 8, v <<= 8;
				if (b >= o && b < o + s) {
					unsigned sh = 8 * (o + s - 1 - b);
					m |= a[i].mask >> sh & 0xff;
					v |= a[i].value >> sh & 0xff;
				}
			}
			p[k++] = INS(A_PUSHWORD + w, O_NOP);
			if (m != 0xffff) {
				p[k++] = INS(A_PUSHLIT, O_AND);
				p[k++] = (uint16_t)m;
			}
			p[k++] = INS(A_PUSHLIT, O_CAND);
			p[k++] = (uint16_t)v;
		}
	}
	p[k++] = INS(A_NOPUSH, O_ACCEPT);
	return k;
}

/* Run one program: 1 if it accepts. Every push of a word checks bounds. */
static int vm_run(const uint16_t *p, const uint8_t *f, unsigned len)
{
	uint32_t st[8];
	unsigned sp = 0, base = 0;
	for (;;) {
		unsigned ins = *p++, act = ins & 0x3ff;
		if (act == A_PUSHLIT) {
			st[sp++] = *p++;
		} else if (act >= A_PUSHWORD) {
			unsigned at = base + 2 * (act - A_PUSHWORD);
			if (at + 2 > len)
				return 0;
			st[sp++] = (uint32_t)f[at] << 8 | f[at + 1];
		}
		switch (ins >> 10) {
		case O_NOP:
			break;
		case O_AND:
			sp--;
			st[sp - 1] &= st[sp];
			break;
		case O_CAND:
			sp -= 2;
			if (st[sp] != st[sp + 1])
				return 0;
			break;
		case O_SHR:
			sp--;
			st[sp - 1] >>= st[sp];
			break;
		case O_BASE:
			base += st[--sp];
			break;
		default:
			return 1;
		}
	}
}

/* One filter after another; the first that accepts takes the frame. */
static int mpf_classify(const uint8_t *f, unsigned len)
{
	for (unsigned i = 0; i < nprog; i++)
		if (vm_run(prog[i], f, len))
			return (int)i;
	return -1;
}

/* ---- Timing ---- */

typedef int (*classify_fn)(const uint8_t *, unsigned);

/* The compiled code itself, called as the kernel's dpf_classify does. */
#define DPF_CODE	((classify_fn)(uintptr_t)dpf_code())

static int nothing(const uint8_t *f, unsigned len)
{
	(void)f;
	(void)len;
	return -1;
}

struct cost {
	uint64_t cyc100, ins100;	/* per classification, in hundredths */
	int ok;				/* every frame went to its filter */
};

/* Classify frames 0..n-1 round-robin, rounds times over. */
static struct cost measure(classify_fn fn, int n, unsigned rounds)
{
	struct cost c = { 0, 0, 1 };
	for (int i = 0; i < n; i++)	/* warm the caches, check the answers */
		c.ok &= fn(FRAME(i), FRAME_LEN) == i;
	uint64_t i0 = insns(), t0 = cycles();
	for (unsigned r = 0; r < rounds; r++)
		for (int i = 0; i < n; i++)
			fn(FRAME(i), FRAME_LEN);
	uint64_t t1 = cycles(), i1 = insns();
	uint64_t calls = (uint64_t)rounds * (unsigned)n;
	c.cyc100 = (t1 - t0) * 100 / calls;
	c.ins100 = (i1 - i0) * 100 / calls;
	return c;
}

static struct cost overhead;

/* Less the loop and the call (nothing()), in hundredths of a cycle. */
static uint64_t net(uint64_t x, uint64_t base)
{
	return x > base ? x - base : 0;
}

static void set_filters(int n)
{
	for (int id = 0; id < DPF_MAX_FILTERS; id++)
		dpf_remove(id);
	nprog = 0;
	for (int i = 0; i < n; i++) {
		struct dpf_atom a[7];
		unsigned k = tcpip_filter(a, i);
		if (dpf_insert(a, k) != i)
			kprintf("dpfbench: insert of filter %d failed\n", i);
		vm_compile(prog[nprog++], a, k);
	}
}

static void line(const char *name, struct cost c, unsigned mhz)
{
	uint64_t cy = net(c.cyc100, overhead.cyc100), in = net(c.ins100, overhead.ins100);
	/* us = cycles / MHz, to 3 places */
	uint64_t ns = cy * 10 / mhz;
	kprintf("bench table7 %s us=%u.%03u cycles=%u.%02u insns=%u.%02u ok=%d\n", name,
		(unsigned)(ns / 1000), (unsigned)(ns % 1000), (unsigned)(cy / 100),
		(unsigned)(cy % 100), (unsigned)(in / 100), (unsigned)(in % 100), c.ok);
}


/* ---- Inserting and removing a connection's filter (issue 21) ----
 * ExOS's filter of an active TCP open (exos/net/netif.c,
 * netif_filter_port): IP, version 4, TCP, to us, unfragmented, from the
 * server, past IP's options, our port, the server's port. Connection i:
 * our port 40000 + i, the server's 80; they differ in one atom. */
static unsigned exos_conn_filter(struct dpf_atom *a, int i)
{
	a[0] = eq(2, 12, 0x0800);
	a[1] = (struct dpf_atom){ DPF_OP_EQ, 1, 14, 0xf0, 0x40 };
	a[2] = eq(1, 23, 6);
	a[3] = eq(4, 30, 0x0a000002);
	a[4] = (struct dpf_atom){ DPF_OP_EQ, 2, 20, 0x3fff, 0 };
	a[5] = eq(4, 26, 0x12345678);
	a[6] = (struct dpf_atom){ DPF_OP_SHIFT, 1, 14, 0x0f, 2 };
	a[7] = eq(2, 16, 40000 + (uint32_t)i);
	a[8] = eq(2, 14, 80);
	return 9;
}

static void make_exos_frame(uint8_t *f, int i)
{
	make_frame(f, i);
	put_be(f + 34, 2, 80);
	put_be(f + 36, 2, 40000 + (uint32_t)i);
}

/* With n connections' filters in place: the cycles of one more's
   dpf_insert and dpf_remove (the mean of reps, and the first of each),
   and of classifying a frame of each of the n (less the loop). */
static void inc_line(int n)
{
	for (int id = 0; id < DPF_MAX_FILTERS; id++)
		dpf_remove(id);
	struct dpf_atom a[9];
	int ok = 1;
	for (int i = 0; i < n; i++) {
		make_exos_frame(FRAME(i), i);
		ok &= dpf_insert(a, exos_conn_filter(a, i)) == i;
	}
	struct cost c = measure(DPF_CODE, n, 20000 / (unsigned)n + 100);
	const unsigned reps = 20;
	uint64_t ins = 0, rem = 0, ins1 = 0, rem1 = 0;
	unsigned comp0 = dpf_compiles();
	for (unsigned r = 0; r < reps; r++) {
		unsigned k = exos_conn_filter(a, n + (int)r);
		uint64_t t0 = cycles();
		int id = dpf_insert(a, k);
		uint64_t t1 = cycles();
		dpf_remove(id);
		uint64_t t2 = cycles();
		ok &= id == n;
		ins += t1 - t0;
		rem += t2 - t1;
		if (r == 0)
			ins1 = t1 - t0, rem1 = t2 - t1;
	}
	uint64_t cy = net(c.cyc100, overhead.cyc100);
	kprintf("bench table7 inc_n%d insert=%u remove=%u insert_first=%u remove_first=%u "
		"recompiles=%u demux=%u.%02u ok=%d\n", n, (unsigned)(ins / reps), (unsigned)(rem / reps),
		(unsigned)ins1, (unsigned)rem1, dpf_compiles() - comp0, (unsigned)(cy / 100), (unsigned)(cy % 100), ok && c.ok);
}

void kmain(void)
{
	if (COUNTER[0] != COUNTER_MAGIC) {
		kprintf("dpfbench: no pmaxsim counter page; this benchmark needs pmaxsim\n");
		return;
	}
	unsigned mhz = counter_mhz(COUNTER);
	for (int i = 0; i < NMAX; i++)
		make_frame(FRAME(i), i);
	overhead = measure(nothing, 10, 2000);
	overhead.ok = 1;
	kprintf("# dpfbench: %u MHz; loop and call %u.%02u cycles (taken off below)\n", mhz,
		(unsigned)(overhead.cyc100 / 100), (unsigned)(overhead.cyc100 % 100));

	/* Table 7: ten filters, a frame for each in turn. */
	set_filters(10);
	kprintf("bench table7 dpf_words words=%u\n", dpf_code_words());
	line("dpf", measure(DPF_CODE, 10, 20000), mhz);
	line("mpf", measure(mpf_classify, 10, 2000), mhz);
	line("ref", measure(dpf_ref_classify, 10, 2000), mhz);

	/* Inserting an eleventh connection's filter (then removing it). */
	struct dpf_atom a[7];
	unsigned k = tcpip_filter(a, 10);
	uint64_t ins_cy = 0;
	const unsigned reps = 50;
	for (unsigned r = 0; r < reps; r++) {
		uint64_t t0 = cycles();
		int id = dpf_insert(a, k);
		ins_cy += cycles() - t0;
		dpf_remove(id);
	}
	uint64_t ns = ins_cy * 1000 / reps / mhz;
	kprintf("bench table7 dpf_insert us=%u.%03u cycles=%u\n", (unsigned)(ns / 1000),
		(unsigned)(ns % 1000), (unsigned)(ins_cy / reps));

	/* Against the number of filters. */
	static const int sizes[] = { 1, 2, 5, 10, 20, 30, 50, 75, 100 };
	for (unsigned s = 0; s < ARRAY_SIZE(sizes); s++) {
		int n = sizes[s];
		char name[24];
		set_filters(n);
		ksnprintf(name, sizeof name, "dpf_n%d", n);
		line(name, measure(DPF_CODE, n, 20000 / (unsigned)n + 100), mhz);
		ksnprintf(name, sizeof name, "mpf_n%d", n);
		line(name, measure(mpf_classify, n, 2000 / (unsigned)n + 10), mhz);
	}
	/* With 100 filters in place (the scale loop's last set): one more. */
	k = tcpip_filter(a, 100);
	uint64_t t0 = cycles();
	int id = dpf_insert(a, k);
	uint64_t dt = cycles() - t0;
	dpf_remove(id);
	ns = dt * 1000 / mhz;
	kprintf("bench table7 dpf_insert_n100 us=%u.%03u cycles=%u ok=%d\n", (unsigned)(ns / 1000),
		(unsigned)(ns % 1000), (unsigned)dt, id == 100);
	inc_line(1);
	inc_line(16);
	inc_line(64);
	kprintf("bench table7 done\n");	/* the end: table7.py checks for it */
}
