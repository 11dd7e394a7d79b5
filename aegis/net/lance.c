/*
 * net/lance.c - Aegis's driver for the AMD Am7990 LANCE on each board:
 * the KN03 and KN02-BA reach it through the IOASIC, whose DMA window
 * lets the chip master 128 KB of main memory (its 64 KB address space,
 * 16-bit words in the low halves of host words, buffers in 16-byte
 * bursts every 32 bytes); the KN02 through the PMAD-AA card, which gives
 * the chip its own 128 KB SRAM. Both layouts: net-disk.md 2.3 and 3
 * (NetBSD if_le_ioasic.c gap2/gap16, if_le_tc.c contig; Linux declance.c).
 *
 * The chip reads and writes only its own memory (the window or the
 * SRAM), so neither direction can avoid a copy on these boards: a frame
 * to send is copied into a transmit buffer, and a received frame is
 * copied (de-interleaved) into one page-aligned kernel page at +2, so
 * that byte 14 (an IP header) is word-aligned, and handed to net_input.
 *
 * The kernel runs with interrupts off; environments run with the LANCE's
 * line unmasked (lance_intr_mask), so the chip interrupts them and the
 * trap path (env.c's env_intr; trap.c for kernel code that turned
 * interrupts on) calls lance_intr. An interrupt that comes while the
 * kernel runs waits, pending, until the kernel returns to user mode.
 *
 * GXemul's LANCE (dev_le.c) differs: STOP clears only IDON (so the
 * driver clears the other status bits itself after STOP), INIT turns
 * RXON/TXON on at once, buffers outside 12..1900 bytes are ignored
 * (ours are 60..1536), and a frame leaves at once; none needs more.
 */
#include "lance.h"
#include "net.h"
#include "../kernel.h"
#include "../mem.h"
#include "../platform.h"
#include "../trap.h"
#include "mips.h"
#include <aegis/net.h>
#include <aegis/syscall.h>

/* CSR0 (NetBSD lancereg.h LE_C0_*; net-disk.md 2.1). */
#define C0_ERR		0x8000
#define C0_BABL		0x4000
#define C0_CERR		0x2000
#define C0_MISS		0x1000
#define C0_MERR		0x0800
#define C0_RINT		0x0400
#define C0_TINT		0x0200
#define C0_IDON		0x0100
#define C0_INTR		0x0080
#define C0_INEA		0x0040
#define C0_RXON		0x0020
#define C0_TXON		0x0010
#define C0_TDMD		0x0008
#define C0_STOP		0x0004
#define C0_STRT		0x0002
#define C0_INIT		0x0001
#define C0_W1C		(C0_BABL | C0_CERR | C0_MISS | C0_MERR | C0_RINT | C0_TINT | C0_IDON)

/* Descriptor word 1 (LE_R1_*, LE_T1_*, shifted into the word) and the
   transmit descriptor's word 3 (LE_T3_*). */
#define D_OWN		0x8000
#define D_ERR		0x4000
#define R_FRAM		0x2000
#define R_OFLO		0x1000
#define R_CRC		0x0800
#define R_BUFF		0x0400
#define D_STP		0x0200
#define D_ENP		0x0100
#define T3_BUFF		0x8000
#define T3_UFLO		0x4000
#define T3_LCOL		0x1000
#define T3_LCAR		0x0800
#define T3_RTRY		0x0400

#define FCS_LEN		4
#define TX_MIN		60	/* the chip does not pad (NetBSD lance.c LEMINSIZE) */

/* The chip's memory, in chip addresses: the IOASIC gives the chip 64 KB
   (net-disk.md 2.3); 8-byte aligned rings, buffers on 16-byte bursts. */
#define IB		0x0000	/* the init block, 24 bytes */
#define RDRA		0x0040	/* LANCE_NRX receive descriptors */
#define TDRA		0x00c0	/* LANCE_NTX transmit descriptors */
#define RXBUF(i)	(0x0100u + LANCE_BUF * (i))
#define TXBUF(i)	(RXBUF(LANCE_NRX) + LANCE_BUF * (i))
_Static_assert(RDRA + 8 * LANCE_NRX <= TDRA && TDRA + 8 * LANCE_NTX <= RXBUF(0), "rings overlap");
_Static_assert(TXBUF(LANCE_NTX) <= 0x10000, "the chip sees 64 KB through the IOASIC");
_Static_assert(LANCE_BUF % 16 == 0 && LANCE_BUF >= AEGIS_NET_MTU_FRAME + FCS_LEN, "buffers");
#define RLEN_CODE(n)	((n) == 16 ? 4u << 13 : (n) == 8 ? 3u << 13 : 0)	/* log2 in bits 15:13 */
_Static_assert(RLEN_CODE(LANCE_NRX) && RLEN_CODE(LANCE_NTX), "ring sizes need their codes");
#define WINDOW_PAGES	32	/* 128 KB, 128 KB-aligned (IOASIC LANCE_DMAPTR) */

static const struct lance_board *lb;
static volatile uint16_t *rdp, *rap;
static uint32_t mem;		/* kseg1 address of chip address 0 */
static int attached;		/* the board routes the chip's interrupts to us */
static int found;		/* the chip is there and initialised at boot */
static int present;		/* running: frames go in and out */
static uint8_t station[6];
static uint8_t *rxpage;		/* the linear copy of a received frame (+2) */
static unsigned rx_next;	/* next receive descriptor the chip fills */
static int rx_skip;		/* dropping the rest of a chained frame */
static unsigned tx_head, tx_tail, tx_count;	/* transmit ring: next free, oldest, in use */
static struct lance_counts cnt;

/* Each descriptor's words and buffer as CPU (kseg1) addresses, found once
   by rings_setup so that a frame's receive or send computes none (no
   board-layout test or address arithmetic on every access, as word()
   and bufword() do: issue 21), each descriptor's in one struct, so
   that one base register reaches them all ("ash3"). own is the word 1
   that gives the descriptor to the chip: OWN (and STP|ENP for a send)
   with the buffer's high bits. */
struct rx_desc {
	volatile uint16_t *w1, *w3;
	const volatile uint32_t *buf;
	uint32_t own;
};
static struct rx_desc rxd[LANCE_NRX];
struct tx_desc {
	volatile uint16_t *w1, *w2, *w3;
	volatile uint32_t *buf;
	uint32_t own;
};
static struct tx_desc txd[LANCE_NTX];
static unsigned bstride;	/* host words from one 16-byte burst to the next */

void (*lance_rx_tap)(const uint8_t *frame, unsigned len);

/* ---- the chip's memory, from the CPU (uncached: the chip DMAs into it) ---- */

/* The 16-bit word at even chip address a (init block, descriptors). */
static volatile uint16_t *word(uint32_t a)
{
	return (volatile uint16_t *)(mem + (lb->gapped ? 2 * a : a));
}

/* The host word holding buffer bytes a..a+3 (a a multiple of 4). */
static volatile uint32_t *bufword(uint32_t a)
{
	return (volatile uint32_t *)(mem + (lb->gapped ? 2 * (a & ~15u) + (a & 15u) : a));
}

/* A word loaded from any address: MIPS I's lwl/lwr pair (gcc emits it
   for a packed field). */
struct __attribute__((packed)) unaligned32 { uint32_t v; };

/* Host bytes from one 16-byte burst of a buffer to the next: the IOASIC
   skips 16 (gap16), the PMAD-AA's SRAM is contiguous. */
static unsigned burst_stride(void)
{
	return lb->gapped ? 32 : 16;
}

/* len bytes of a receive buffer (s: its first host word) to dst, which
   is 2 mod 4: each chip word holding a frame byte read once (uncached:
   the chip wrote it; the words past the frame's are not read), written
   as aligned words straddling two of them. The last word written may
   hold up to LANCE_RX_OVERRUN bytes past len (the FCS's: lance.h). */
_Static_assert(AEGIS_NET_MIN_FRAME >= 13, "copy_from_chip reads the first burst whole");
static void copy_from_chip(uint8_t *dst, const volatile uint32_t *s, unsigned len)
{
	/* len >= AEGIS_NET_MIN_FRAME: at least the first burst's 4 words. */
	unsigned stride = bstride, rest = (len + 3) / 4 - 4;
	uint32_t w0 = s[0], w1 = s[1], w2 = s[2], w3 = s[3];
	*(uint16_t *)dst = (uint16_t)w0;
	uint32_t *d = (uint32_t *)(dst + 2);
	d[0] = w0 >> 16 | w1 << 16;
	d[1] = w1 >> 16 | w2 << 16;
	d[2] = w2 >> 16 | w3 << 16;
	d += 3;
	uint32_t prev = w3;
	/* Then whole bursts, a burst a turn (the loop's counting a quarter
	   as often: the copy is most of a small frame's receive), then the
	   last burst's words. */
	for (unsigned b = rest / 4; b; b--, d += 4) {
		s += stride;
		/* (s kept as it is, a register stepped each turn: else gcc
		   rebuilds it after the loop with a multiplication, 7 cycles
		   of waiting for mflo a frame.) */
		__asm__("" : "+r"(s));
		w0 = s[0], w1 = s[1], w2 = s[2], w3 = s[3];
		d[0] = prev >> 16 | w0 << 16;
		d[1] = w0 >> 16 | w1 << 16;
		d[2] = w1 >> 16 | w2 << 16;
		d[3] = w2 >> 16 | w3 << 16;
		prev = w3;
	}
	rest &= 3;
	if (rest) {
		s += stride;
		for (unsigned j = 0; j < rest; j++) {
			uint32_t w = s[j];
			*d++ = prev >> 16 | w << 16;
			prev = w;
		}
	}
	*(uint16_t *)d = (uint16_t)(prev >> 16);
}

/* The 4 frame bytes at off of a frame in two pieces (src, alen bytes,
   then src2; len in all), zeros past len: one unaligned load unless the
   word straddles the pieces or the end. */
static uint32_t frame_word(const uint8_t *src, unsigned alen, const uint8_t *src2, unsigned len,
			   unsigned off)
{
	if (off + 4 <= alen)
		return ((const struct unaligned32 *)(src + off))->v;
	if (off >= alen && off + 4 <= len)
		return ((const struct unaligned32 *)(src2 + (off - alen)))->v;
	uint32_t w = 0;
	for (unsigned j = 0; j < 4 && off + j < len; j++)
		w |= (uint32_t)(off + j < alen ? src[off + j] : src2[off + j - alen]) << (8 * j);
	return w;
}

/* len bytes of a frame in one piece (any alignment) to a transmit buffer
   (d: its first host word), then zeros to total bytes (a multiple of 4:
   60 for a shorter frame): no stale bytes of an earlier frame leave in
   the padding.
   Every frame that does not cross a page: whole bursts, then the rest's
   words (under 16 bytes, so in this burst) unrolled. */
static inline void copy_to_chip1(volatile uint32_t *d, const uint8_t *src, unsigned len, unsigned total)
{
	unsigned stride = bstride;
	const struct unaligned32 *p = (const struct unaligned32 *)src;
	const struct unaligned32 *end = p + (len >> 4) * 4;
	for (; p != end; p += 4, d += stride) {
		/* The four loads before the stores: d is volatile and may
		   alias src for all the compiler knows, so it would not move a
		   load above a store; together they fill the load delays. (d
		   kept as it is, a register stepped each turn: else gcc
		   rebuilds it after the loop with a multiplication.) */
		__asm__("" : "+r"(d));
		uint32_t a = p[0].v, b = p[1].v, c = p[2].v, e = p[3].v;
		d[0] = a;
		d[1] = b;
		d[2] = c;
		d[3] = e;
	}
	unsigned k = (len & 15) >> 2;
	switch (k) {
	case 3:
		d[2] = p[2].v;
		/* fall through */
	case 2:
		d[1] = p[1].v;
		/* fall through */
	case 1:
		d[0] = p[0].v;
		/* fall through */
	default:
		break;
	}
	unsigned off = len & ~3u;
	if (off < len) {
		uint32_t w = 0;
		for (unsigned j = 0; off + j < len; j++)
			w |= (uint32_t)src[off + j] << (8 * j);
		d[k++] = w;
		off += 4;
	}
	for (; off < total; off += 4) {
		if (k == 4) {
			k = 0;
			d += stride;
		}
		d[k++] = 0;
	}
}

/* The same for a frame in two pieces (src: alen bytes, then src2; any
   alignment; alen < len): a program's frame that crosses a page. */
static __attribute__((noinline)) void copy_to_chip(volatile uint32_t *d, const uint8_t *src, unsigned alen,
						   const uint8_t *src2, unsigned len, unsigned total)
{
	unsigned stride = bstride, off = 0;
	for (; off + 16 <= alen; off += 16, d += stride) {
		const struct unaligned32 *p = (const struct unaligned32 *)(src + off);
		uint32_t a = p[0].v, b = p[1].v, c = p[2].v, e = p[3].v;
		d[0] = a;
		d[1] = b;
		d[2] = c;
		d[3] = e;
	}
	unsigned k = 0;
	for (; off < total; off += 4) {
		d[k] = frame_word(src, alen, src2, len, off);
		if (++k == 4) {
			k = 0;
			d += stride;
		}
	}
}

/* ---- rings and the chip's start ------------------------------------------ */

static void rx_give(unsigned i)
{
	uint32_t d = RDRA + 8 * i, ba = RXBUF(i);
	*word(d) = (uint16_t)ba;
	*word(d + 4) = (uint16_t)(-(int)LANCE_BUF | 0xf000);	/* BCNT, negative */
	*word(d + 6) = 0;
	*word(d + 2) = (uint16_t)(D_OWN | (ba >> 16));		/* OWN last */
}

static void rings_setup(void)
{
	*word(IB) = 0;		/* mode: normal operation */
	for (int i = 0; i < 3; i++)
		*word(IB + 2 + 2 * i) = (uint16_t)(station[2 * i] | station[2 * i + 1] << 8);
	/* Every multicast address passes the chip's hash (broadcast always
	   does): which frames matter is for the environments' filters. */
	for (int i = 0; i < 4; i++)
		*word(IB + 8 + 2 * i) = 0xffff;
	*word(IB + 16) = RDRA;
	*word(IB + 18) = (uint16_t)(RLEN_CODE(LANCE_NRX) | (RDRA >> 16));
	*word(IB + 20) = TDRA;
	*word(IB + 22) = (uint16_t)(RLEN_CODE(LANCE_NTX) | (TDRA >> 16));
	bstride = burst_stride() / 4;
	for (unsigned i = 0; i < LANCE_NRX; i++) {
		rxd[i].w1 = word(RDRA + 8 * i + 2);
		rxd[i].w3 = word(RDRA + 8 * i + 6);
		rxd[i].buf = bufword(RXBUF(i));
		rxd[i].own = (uint16_t)(D_OWN | (RXBUF(i) >> 16));
		rx_give(i);
	}
	for (unsigned i = 0; i < LANCE_NTX; i++) {
		uint32_t d = TDRA + 8 * i;
		txd[i].w1 = word(d + 2);
		txd[i].w2 = word(d + 4);
		txd[i].w3 = word(d + 6);
		txd[i].buf = bufword(TXBUF(i));
		txd[i].own = (uint16_t)(D_OWN | D_STP | D_ENP | (TXBUF(i) >> 16));
		*word(d) = (uint16_t)TXBUF(i);	/* the buffer's: only this driver writes it */
		*txd[i].w1 = 0;			/* the host's */
	}
	rx_next = 0;
	rx_skip = 0;
	tx_head = tx_tail = tx_count = 0;
}

/* STOP, the init block, INIT, IDON, STRT with interrupts enabled (the
   order of NetBSD lance.c lance_init). 0, or the CSR0 that failed. */
static uint16_t chip_start(void)
{
	*rap = 0;
	*rdp = C0_STOP;
	*rdp = C0_W1C;		/* GXemul's STOP leaves them set */
	rings_setup();
	*rap = 1;
	*rdp = (uint16_t)IB;
	*rap = 2;
	*rdp = (uint16_t)(IB >> 16);
	*rap = 3;
	*rdp = 0;		/* no byte swap: DECstation drivers leave CSR3 0 */
	*rap = 0;		/* and there it stays: only CSR0 from now on */
	*rdp = C0_INIT;
	uint16_t c = 0;
	for (int i = 0; i < 100000; i++)
		if ((c = *rdp) & (C0_IDON | C0_ERR))
			break;
	if ((c & (C0_IDON | C0_ERR)) != C0_IDON) {
		*rdp = C0_STOP;
		return c ? c : 0xffff;
	}
	*rdp = C0_IDON | C0_STRT | C0_INEA;
	c = *rdp;
	if ((c & (C0_RXON | C0_TXON)) != (C0_RXON | C0_TXON)) {
		*rdp = C0_STOP;
		return c;
	}
	return 0;
}

/* After MERR, a transmitter turned off (UFLO/BUFF) or a chip found
   stopped: start it again. Frames queued for sending are lost. */
static void restart(void)
{
	cnt.restarts++;
	cnt.tx_errors += tx_count;
	uint16_t c = chip_start();
	if (c) {
		present = found = 0;	/* STOP holds the pin low; sends answer ENOSYS */
		kprintf("lance: the chip does not restart (CSR0 %04x); Ethernet off\n", c);
	}
}

/* ---- transmit --------------------------------------------------------------- */

/* A transmit descriptor the chip handed back with ERR: counted from
   TMD3; 1 if the transmitter turned itself off (UFLO or BUFF: Am7990
   data sheet, TMD3). Out of the way of the usual path. */
static __attribute__((noinline)) int tx_error(unsigned i)
{
	uint16_t t3 = *txd[i].w3;
	cnt.tx_errors++;
	cnt.lcar += (t3 & T3_LCAR) != 0;
	cnt.rtry += (t3 & T3_RTRY) != 0;
	cnt.lcol += (t3 & T3_LCOL) != 0;
	if (t3 & (T3_UFLO | T3_BUFF)) {
		cnt.uflo++;
		return 1;
	}
	return 0;
}

/* Take back the descriptors the chip is done with; 1 if the transmitter
   turned itself off. */
static int tx_reclaim(void)
{
	int off = 0;
	unsigned t = tx_tail, n = tx_count;
	while (n) {
		uint16_t w1 = *txd[t].w1;
		if (w1 & D_OWN)
			break;
		if (w1 & D_ERR)
			off |= tx_error(t);
		else
			cnt.tx_frames++;
		t = (t + 1) % LANCE_NTX;
		n--;
	}
	tx_tail = t;
	tx_count = n;
	return off;
}

int lance_up(void)
{
	if (present)
		return 0;
	if (!found)
		return -1;
	uint32_t sr = mfc0(C0_STATUS);
	mtc0(C0_STATUS, sr & ~SR_IEC);
	uint16_t c = chip_start();
	present = c == 0;
	if (c) {
		found = 0;
		kprintf("lance: the chip does not start (CSR0 %04x); Ethernet off\n", c);
	}
	mtc0(C0_STATUS, sr);
	return present ? 0 : -1;
}

int lance_send(const void *frame, unsigned len)
{
	return lance_send2(frame, len, NULL, 0);
}

int lance_send2(const void *frame, unsigned alen, const void *frame2, unsigned blen)
{
	unsigned len = alen + blen;
	if (!present && lance_up() != 0)
		return -AEGIS_ENOSYS;
	if (len < AEGIS_NET_MIN_FRAME || len > AEGIS_NET_MTU_FRAME)
		return -AEGIS_EINVAL;
	/* The ring is the interrupt handler's too. */
	uint32_t sr = mfc0(C0_STATUS);
	mtc0(C0_STATUS, sr & ~SR_IEC);
	if (tx_count && tx_reclaim())
		restart();
	int r = -AEGIS_EAGAIN;
	if (present && tx_count < LANCE_NTX) {
		unsigned i = tx_head, n = len < TX_MIN ? TX_MIN : len;
		const struct tx_desc *t = &txd[i];
		if (alen >= len)
			copy_to_chip1(t->buf, frame, len, (n + 3) & ~3u);
		else
			copy_to_chip(t->buf, frame, alen, frame2, len, (n + 3) & ~3u);
		/* TMD0, the buffer's address, is written once (rings_setup);
		   the chip writes only TMD1 and TMD3 (Am7990 data sheet). */
		*t->w2 = (uint16_t)(-(int)n | 0xf000);
		*t->w3 = 0;
		*t->w1 = (uint16_t)t->own;	/* OWN last */
		*rdp = C0_TDMD | C0_INEA;	/* look now, not at the next poll */
		tx_head = (i + 1) % LANCE_NTX;
		tx_count++;
		r = 0;
	}
	mtc0(C0_STATUS, sr);
	return r;
}

/* ---- receive ---------------------------------------------------------------- */

/* A descriptor that is not one whole good frame: counted (and a frame
   chained over buffers skipped to its end). Out of the way of the common
   case. */
static __attribute__((noinline)) void rx_bad(uint16_t w1)
{
	if (rx_skip) {
		/* The rest of a frame that spanned buffers. */
		if (w1 & (D_ENP | D_ERR))
			rx_skip = 0;
		cnt.buff += (w1 & (D_ERR | R_BUFF)) == (D_ERR | R_BUFF);
	} else if (w1 & D_ERR) {
		/* BUFF and OFLO end a frame without ENP; CRC and FRAM come
		   with it (lancereg.h LE_R1_*). */
		cnt.rx_errors++;
		cnt.crc += (w1 & R_CRC) != 0;
		cnt.fram += (w1 & R_FRAM) != 0;
		cnt.oflo += (w1 & R_OFLO) != 0;
		cnt.buff += (w1 & R_BUFF) != 0;
	} else {
		/* STP without ENP: a frame longer than a buffer (our buffers
		   hold any legal frame); or a stray middle. */
		cnt.rx_errors++;
		cnt.spans++;
		rx_skip = (w1 & D_STP) != 0;
	}
}

/* A receive descriptor's MCNT outside any frame's length: counted. */
static __attribute__((noinline)) void rx_bad_len(void)
{
	cnt.rx_errors++;
}

/* Every descriptor the chip has filled: good frames to net_input, the
   rest counted; each goes back to the chip at once. */
static void rx_service(void)
{
	unsigned i = rx_next;
	for (unsigned n = 0; n < LANCE_NRX; n++) {
		const struct rx_desc *r = &rxd[i];
		uint16_t w1 = *r->w1;
		if (w1 & D_OWN)
			break;
		unsigned len = 0;
		if ((w1 & (D_ERR | D_STP | D_ENP)) == (D_STP | D_ENP) && !rx_skip) {
			/* MCNT, with the FCS; one unsigned compare for both
			   ends (an MCNT under the FCS's 4 wraps high). */
			len = (*r->w3 & 0xfffu) - FCS_LEN;
			if (len - AEGIS_NET_MIN_FRAME <= AEGIS_NET_MTU_FRAME - AEGIS_NET_MIN_FRAME) {
				copy_from_chip(rxpage + 2, r->buf, len);
			} else {
				rx_bad_len();
				len = 0;
			}
		} else {
			rx_bad(w1);
		}
		/* Back to the chip: RMD1 alone. RMD0 and RMD2 (the buffer and
		   its size) are the host's and the chip never writes them; it
		   writes RMD3 (MCNT) with each frame's end (Am7990 data sheet;
		   NetBSD am7990.c rereads only rmd1/rmd3 too). */
		*r->w1 = (uint16_t)r->own;
		i = (i + 1) % LANCE_NRX;
		rx_next = i;
		if (len) {
			cnt.rx_frames++;
			if (lance_rx_tap)
				lance_rx_tap(rxpage + 2, len);
			else
				net_input(rxpage + 2, len);
		}
	}
}

/* ---- interrupts ------------------------------------------------------------- */

/* CSR0 with anything but received or sent frames to serve (an error, a
   memory error, the chip stopped or off), or the chip given up: counted,
   acknowledged and restarted as needed. Out of the usual path. */
static __attribute__((noinline)) int intr_unusual(uint16_t c, int merr)
{
	int work = merr, again = merr;
	if (!present) {
		if (c & C0_INTR)
			*rdp = C0_STOP;		/* given up: hold it quiet */
		return work || (c & C0_INTR);
	}
	if (c & (C0_INTR | C0_ERR)) {
		work = 1;
		*rdp = (uint16_t)((c & C0_W1C) | C0_INEA);	/* acknowledge what we saw */
		if (c & C0_MISS) {
			/* One bit for any number of frames lost. */
			cnt.miss++;
			cnt.rx_errors++;
		}
		if (c & C0_BABL) {
			cnt.babl++;
			cnt.tx_errors++;
		}
		cnt.cerr += (c & C0_CERR) != 0;
		if (c & C0_MERR)
			merr = again = 1;
		if (!again && (c & C0_RINT))
			rx_service();
		if (!again && tx_count && tx_reclaim())
			again = 1;
	}
	/* A chip found stopped (or with its receiver or transmitter off)
	   that we did not stop: as CSR0 read on entry (not read again: a
	   chip that stops by itself after that sets ERR, so INTR, and is
	   seen at the interrupt that follows; one CSR access less a frame). */
	if (!again && (c & (C0_RXON | C0_TXON)) != (C0_RXON | C0_TXON))
		work = again = 1;
	cnt.merr += merr;
	if (again)
		restart();
	cnt.intrs += work;
	return work;
}

static uint32_t intr_bit;		/* the chip's Cause IP bit once attached, else 0 */
static int (*dma_error)(void);		/* lb->dma_error, found once */

int lance_intr(uint32_t cause)
{
	if (!(cause & intr_bit))
		return 0;
	/* The IOASIC latches a DMA memory error in its own bit, beside the
	   chip's MERR (which usually comes with it): one error either way. */
	int merr = dma_error && dma_error();
	uint16_t c = *rdp;
	/* The usual interrupt: frames received or sent, no error, both
	   halves of the chip on (what intr_unusual would do, in fewer
	   steps: issue 21, "ash3"). */
	if (!merr && present &&
	    (c & (C0_ERR | C0_INTR | C0_RXON | C0_TXON)) == (C0_INTR | C0_RXON | C0_TXON)) {
		*rdp = (uint16_t)((c & C0_W1C) | C0_INEA);	/* acknowledge what we saw */
		if (c & C0_RINT)
			rx_service();
		if (tx_count && tx_reclaim())
			restart();
		cnt.intrs++;
		return 1;
	}
	return intr_unusual(c, merr);
}

uint32_t lance_intr_mask(void)
{
	return attached ? 0x100u << lb->ip : 0;
}

/* ---- bring-up and the rest of the interface ------------------------------------ */

int lance_init(void)
{
	if (attached) {
		uint32_t sr = mfc0(C0_STATUS);
		mtc0(C0_STATUS, sr & ~SR_IEC);
		uint16_t c = chip_start();
		present = found = c == 0;
		mtc0(C0_STATUS, sr);
		return present ? 0 : -1;
	}
	lb = platform->lance;
	if (!lb)
		return -1;
	/* The station-address ROM: a byte per word, the address in bytes
	   0-5 and DEC's test pattern in 24-31 (Linux declance.c checks it). */
	static const uint8_t pattern[8] = { 0xff, 0x00, 0x55, 0xaa, 0xff, 0x00, 0x55, 0xaa };
	uint32_t probe;
	if (probe_read(KSEG1(lb->esar & ~3u), &probe) != 0) {
		kprintf("lance: no station-address ROM at %08x\n", (unsigned)lb->esar);
		return -1;
	}
	for (int i = 0; i < 8; i++)
		if (*(volatile uint8_t *)KSEG1(lb->esar + 4 * (24 + i)) != pattern[i]) {
			kprintf("lance: the station-address ROM lacks DEC's test pattern\n");
			return -1;
		}
	for (int i = 0; i < 6; i++)
		station[i] = *(volatile uint8_t *)KSEG1(lb->esar + 4 * i);

	uint32_t window = 0;
	if (!lb->sram) {
		window = page_alloc_contig(OWNER_KERNEL, WINDOW_PAGES, WINDOW_PAGES);
		if (!window) {
			kprintf("lance: no 128 KB of RAM for the DMA window\n");
			return -1;
		}
		mem = KSEG1(window << PAGE_SHIFT);
	} else {
		mem = KSEG1(lb->sram);
	}
	uint32_t page = page_alloc(OWNER_KERNEL);
	if (!page) {
		kprintf("lance: no page for received frames\n");
		return -1;
	}
	rxpage = (uint8_t *)KSEG0(page << PAGE_SHIFT);
	rdp = (volatile uint16_t *)KSEG1(lb->regs);
	rap = (volatile uint16_t *)KSEG1(lb->regs + 4);
	lb->attach(window << PAGE_SHIFT);
	attached = 1;
	intr_bit = 0x100u << lb->ip;
	dma_error = lb->dma_error;
	uint16_t c = chip_start();
	if (c) {
		kprintf("lance: the chip does not initialise (CSR0 %04x)\n", c);
		return -1;
	}
	/* Then quiet until someone uses it (lance_up): a stopped chip does
	   not poll its transmit ring every 1.6 ms, so an idle machine that
	   never touches the network rests (pmaxsim's idle skip), and nothing
	   arrives that no filter could take. */
	*rdp = C0_STOP;
	found = 1;
	return 0;
}

int lance_present(void)
{
	return found;
}

void lance_mac(uint8_t mac[6])
{
	for (int i = 0; i < 6; i++)
		mac[i] = found ? station[i] : 0;
}

void lance_stats(struct aegis_netinfo *out)
{
	out->present = (unsigned)found;
	lance_mac(out->mac);
	out->pad[0] = out->pad[1] = 0;
	out->rx_frames = cnt.rx_frames;
	out->rx_errors = cnt.rx_errors;
	out->tx_frames = cnt.tx_frames;
	out->tx_errors = cnt.tx_errors;
}

const volatile struct lance_counts *lance_counts(void)
{
	return &cnt;
}

uint16_t lance_csr0(void)
{
	return attached ? *rdp : 0;
}
