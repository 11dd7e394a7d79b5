/*
 * dev_lance.c - the AMD Am7990 LANCE Ethernet controller: CSR0-CSR3
 * behind the RAP/RDP ports, the initialisation block, the receive and
 * transmit descriptor rings, address filtering, CRC, loopback, and its
 * interrupt pin. Bit meanings: NetBSD sys/dev/ic/lancereg.h, am7990reg.h
 * and Linux drivers/net/ethernet/amd/declance.c (see
 * ../shared/research/net-disk.md section 2). The board supplies the
 * chip's memory (struct lance_bus) and the line; frames go to the
 * segment through net.h.
 * Invariant: the pin is high exactly when CSR0 INTR and INEA are set.
 *
 * Not modelled: collisions and their retries (the segment never collides:
 * MORE, ONE, LCOL, RTRY, CERR stay 0; DEF is set when the wire was busy),
 * LCAR, FRAM and OFLO (frames arrive whole), the DRTY mode bit (COLL in
 * internal loopback forces RTRY, as the chip's collision self-test),
 * the real chip's 8-32 byte limit on internal-loopback frames (MAME
 * am79c90.cpp from the data sheet; here any length loops back, so one
 * machine can test its receive paths), the data sheet's minimum first
 * transmit buffer sizes, DMA time per buffer word (the init block takes
 * 12 bus cycles). CSR3 BSWP (byte swap) ends the run with a reason.
 */
#include <string.h>
#include "lance.h"
#include "machine.h"
#include "net.h"

/* CSR0 (lancereg.h LE_C0_*). */
#define C0_ERR	0x8000
#define C0_BABL	0x4000
#define C0_CERR	0x2000
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
#define C0_W1C	(C0_BABL | C0_CERR | C0_MISS | C0_MERR | C0_RINT | C0_TINT | C0_IDON)

/* Mode word of the init block (LE_MODE_*). */
#define MODE_PROM	0x8000
#define MODE_INTL	0x0040
#define MODE_COLL	0x0010
#define MODE_DTCR	0x0008
#define MODE_LOOP	0x0004
#define MODE_DTX	0x0002
#define MODE_DRX	0x0001

/* Descriptor word 1, high byte (LE_R1_*, LE_T1_*), and TX word 3. */
#define D_OWN	0x8000
#define D_ERR	0x4000
#define R_FRAM	0x2000
#define R_OFLO	0x1000
#define R_CRC	0x0800
#define R_BUFF	0x0400
#define T_MORE	0x1000
#define T_ONE	0x0800
#define T_DEF	0x0400
#define D_STP	0x0200
#define D_ENP	0x0100
#define T3_BUFF	0x8000
#define T3_UFLO	0x4000
#define T3_RTRY	0x0400

#define ETHER_MIN	64	/* with the FCS: shorter is a runt (dropped) */
#define ETHER_MAX	1518	/* with the FCS; longer on transmit is babble */
#define FRAME_MAX	4096	/* what one frame may gather */

struct lance {
	struct machine *m;
	struct lance_bus bus;
	struct irq_out irq;
	struct net_port *port;
	int pin;
	uint16_t rap, csr0, csr1, csr2, csr3;
	/* From the init block. */
	uint16_t mode;
	uint8_t padr[6], ladrf[8];
	uint32_t rdra, tdra;		/* ring bases (24 bits, 8-byte aligned) */
	unsigned rlen, tlen;		/* entries, a power of two 1..128 */
	unsigned rx_next, tx_next;	/* the chip's ring positions */
	int start_after_init;
	int tx_busy;			/* a frame is on its way */
	/* The frame on its way out: its descriptors and status. */
	unsigned tx_first, tx_count;
	uint16_t tx_flags;		/* T_DEF etc. for the ENP descriptor */
	uint16_t tx_tmd3;		/* its error word, when ERR */
	int tx_loop;			/* internal loopback: to our receiver */
	unsigned tx_len;
	uint8_t tx_frame[FRAME_MAX + 4];
};

/* ---- interrupt and CSR0 --------------------------------------------------- */

static void lance_update(struct lance *le)
{
	uint16_t c = le->csr0 & ~(C0_ERR | C0_INTR);
	if (c & (C0_BABL | C0_CERR | C0_MISS | C0_MERR))
		c |= C0_ERR;
	if (c & (C0_BABL | C0_MISS | C0_MERR | C0_RINT | C0_TINT | C0_IDON))
		c |= C0_INTR;
	le->csr0 = c;
	int pin = (c & C0_INTR) && (c & C0_INEA);
	if (pin != le->pin) {
		le->pin = pin;
		irq_out_set(&le->irq, pin);
	}
}

static uint64_t ns_cycles(const struct lance *le, uint64_t ns)
{
	return (ns * le->m->model->timing->mhz + 999) / 1000;
}

static void tx_poll(struct machine *m, void *arg);
static void init_done(struct machine *m, void *arg);
static void tx_done(struct machine *m, void *arg);

/* The memory did not answer: MERR, and the chip stops sending and
   receiving (net-disk.md 2.1). */
static void memory_error(struct lance *le)
{
	le->csr0 |= C0_MERR;
	le->csr0 &= ~(C0_RXON | C0_TXON);
	event_cancel(le->m, tx_poll, le);
	lance_update(le);
}

static void lance_stop(struct lance *le)
{
	event_cancel(le->m, tx_poll, le);
	event_cancel(le->m, init_done, le);
	event_cancel(le->m, tx_done, le);
	le->tx_busy = 0;
	le->start_after_init = 0;
	le->csr0 = C0_STOP;
	lance_update(le);
}

static void lance_start(struct lance *le)
{
	le->csr0 &= ~C0_STOP;
	le->csr0 |= C0_STRT;
	if (!(le->mode & MODE_DRX))
		le->csr0 |= C0_RXON;
	if (!(le->mode & MODE_DTX))
		le->csr0 |= C0_TXON;
	le->rx_next = le->tx_next = 0;
	lance_update(le);
	if (le->csr0 & C0_TXON)
		event_at(le->m, machine_cycles(le->m), tx_poll, le);
}

/* ---- initialisation block --------------------------------------------------- */

static int rd(struct lance *le, uint32_t a, uint16_t *v)
{
	return le->bus.word_read(le->bus.ctx, a & 0xffffffu, v);
}

static int wr(struct lance *le, uint32_t a, uint16_t v)
{
	return le->bus.word_write(le->bus.ctx, a & 0xffffffu, v);
}

/* Read the 12 words at IADR (CSR2:CSR1). Done at the end of the init
   time, as the chip reads them one bus cycle a word. */
static void init_done(struct machine *m, void *arg)
{
	struct lance *le = arg;
	(void)m;
	uint32_t iadr = ((uint32_t)(le->csr2 & 0xff) << 16 | le->csr1) & ~1u;
	uint16_t w[12];
	for (unsigned i = 0; i < 12; i++)
		if (rd(le, iadr + 2 * i, &w[i]) != 0) {
			le->start_after_init = 0;
			memory_error(le);
			return;
		}
	le->mode = w[0];
	for (unsigned i = 0; i < 3; i++) {
		le->padr[2 * i] = (uint8_t)w[1 + i];
		le->padr[2 * i + 1] = (uint8_t)(w[1 + i] >> 8);
	}
	for (unsigned i = 0; i < 4; i++) {
		le->ladrf[2 * i] = (uint8_t)w[4 + i];
		le->ladrf[2 * i + 1] = (uint8_t)(w[4 + i] >> 8);
	}
	le->rdra = ((uint32_t)(w[9] & 0xff) << 16 | w[8]) & ~7u;
	le->rlen = 1u << ((w[9] >> 13) & 7);
	le->tdra = ((uint32_t)(w[11] & 0xff) << 16 | w[10]) & ~7u;
	le->tlen = 1u << ((w[11] >> 13) & 7);
	le->rx_next = le->tx_next = 0;
	le->csr0 |= C0_IDON;
	le->csr0 &= ~C0_INIT;
	lance_update(le);
	if (le->start_after_init) {
		le->start_after_init = 0;
		lance_start(le);
	}
}

/* ---- CRC ----------------------------------------------------------------- */

/* The Ethernet CRC-32 (IEEE 802.3, reflected), sent low byte first. */
/* ---- receive ------------------------------------------------------------- */

/* Whether the station takes a frame for dst: promiscuous, its physical
   address, broadcast, or a multicast address whose hash bit is set in
   the logical address filter (the top 6 bits of the CRC of the address,
   as NetBSD lance.c lance_setladrf computes it). */
static int lance_accepts(const struct lance *le, const uint8_t *dst)
{
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	if (le->mode & MODE_PROM)
		return 1;
	if (!(dst[0] & 1))
		return !memcmp(dst, le->padr, 6);
	if (!memcmp(dst, bcast, 6))
		return 1;
	unsigned h = (~net_fcs(dst, 6)) >> 26;	/* the register's CRC, not inverted */
	return (le->ladrf[h >> 3] >> (h & 7)) & 1;
}

/* The buffer of descriptor d (whose flags word w1 was read): its chip
   address and size (BCNT is negative; 0 means 4096). -1 after a memory
   error. */
static int desc_buffer(struct lance *le, uint32_t d, uint16_t w1, uint32_t *ba, unsigned *size)
{
	uint16_t w0, w2;
	if (rd(le, d, &w0) != 0 || rd(le, d + 4, &w2) != 0) {
		memory_error(le);
		return -1;
	}
	*size = (0x10000u - w2) & 0xfff;
	if (*size == 0)
		*size = 4096;
	*ba = (uint32_t)(w1 & 0xff) << 16 | w0;
	return 0;
}

static void lance_receive(struct lance *le, const uint8_t *f, unsigned len)
{
	struct stats *st = &le->m->stats;
	if (!(le->csr0 & C0_RXON) || len < 6 || !lance_accepts(le, f))
		return;
	if (len < ETHER_MIN) {		/* a runt: the chip drops it */
		st->net_rx_dropped++;
		return;
	}
	uint32_t base = le->rdra, mask = le->rlen - 1;
	unsigned idx = le->rx_next;
	uint16_t w1;
	if (rd(le, base + 8 * idx + 2, &w1) != 0) {
		memory_error(le);
		return;
	}
	if (!(w1 & D_OWN)) {		/* no buffer: missed */
		le->csr0 |= C0_MISS;
		st->net_rx_dropped++;
		lance_update(le);
		return;
	}
	unsigned done = 0, start = idx;
	int first = 1;
	for (;;) {
		uint32_t d = base + 8 * idx, ba;
		unsigned size;
		if (desc_buffer(le, d, w1, &ba, &size) != 0)
			return;
		unsigned n = len - done < size ? len - done : size;
		if (le->bus.buf_write(le->bus.ctx, ba, f + done, n) != 0) {
			memory_error(le);
			return;
		}
		done += n;
		uint16_t flags = (uint16_t)(w1 & 0xff) | (first ? D_STP : 0);
		first = 0;
		unsigned next = (idx + 1) & mask;
		if (done == len) {
			flags |= D_ENP;
			uint32_t fcs = net_fcs(f, len - 4);
			if (f[len - 4] != (uint8_t)fcs || f[len - 3] != (uint8_t)(fcs >> 8) ||
			    f[len - 2] != (uint8_t)(fcs >> 16) || f[len - 1] != (uint8_t)(fcs >> 24))
				flags |= D_ERR | R_CRC;
			if (wr(le, d + 6, (uint16_t)len) != 0 || wr(le, d + 2, flags) != 0) {
				memory_error(le);
				return;
			}
			if (flags & D_ERR)
				st->net_rx_dropped++;
			else {
				st->net_rx_frames++;
				st->net_rx_bytes += len;
			}
			idx = next;
			break;
		}
		/* Chain into the next buffer, if the chip owns it. */
		uint16_t nw1;
		if (rd(le, base + 8 * next + 2, &nw1) != 0) {
			memory_error(le);
			return;
		}
		if (!(nw1 & D_OWN) || next == start) {
			/* The frame does not fit: BUFF in the last buffer
			   filled, the rest lost (no ENP, no count). */
			if (wr(le, d + 2, flags | D_ERR | R_BUFF) != 0) {
				memory_error(le);
				return;
			}
			st->net_rx_dropped++;
			idx = next;
			break;
		}
		if (wr(le, d + 2, flags) != 0) {
			memory_error(le);
			return;
		}
		idx = next;
		w1 = nw1;
	}
	le->rx_next = idx;
	le->csr0 |= C0_RINT;
	lance_update(le);
}

static void lance_rx(void *dev, const uint8_t *frame, unsigned len)
{
	struct lance *le = dev;
	if (le->mode & MODE_LOOP)
		return;			/* in loopback the chip hears only itself */
	lance_receive(le, frame, len);
}

/* ---- transmit ------------------------------------------------------------ */

static uint64_t wire_cycles(const struct lance *le, unsigned len)
{
	const struct timing_ether *e = &timing_ether;
	uint64_t bits = (uint64_t)(e->preamble_bytes + len) * 8 + e->ifg_bits;
	return (bits * le->m->model->timing->mhz + e->wire_mbps - 1) / e->wire_mbps;
}

/* The frame has left the wire: hand the descriptors back, TINT. */
static void tx_done(struct machine *m, void *arg)
{
	struct lance *le = arg;
	(void)m;
	uint32_t mask = le->tlen - 1;
	le->tx_busy = 0;
	for (unsigned i = 0; i < le->tx_count; i++) {
		uint32_t d = le->tdra + 8 * ((le->tx_first + i) & mask);
		uint16_t w1;
		if (rd(le, d + 2, &w1) != 0) {
			memory_error(le);
			return;
		}
		w1 &= (uint16_t)~D_OWN;
		if (i + 1 == le->tx_count)
			w1 |= le->tx_flags;
		if ((i + 1 == le->tx_count && le->tx_tmd3 && wr(le, d + 6, le->tx_tmd3) != 0) ||
		    wr(le, d + 2, w1) != 0) {
			memory_error(le);
			return;
		}
	}
	if (le->tx_tmd3)
		le->m->stats.net_tx_dropped++;
	else {
		le->m->stats.net_tx_frames++;
		le->m->stats.net_tx_bytes += le->tx_len;
	}
	le->csr0 |= C0_TINT;
	lance_update(le);
	if (le->tx_loop)
		lance_receive(le, le->tx_frame, le->tx_len);
	if (le->csr0 & C0_TXON)
		event_at(le->m, machine_cycles(le->m), tx_poll, le);
}

/* Look at the next transmit descriptor; if the chip owns it, gather the
   frame through ENP and put it on the wire (or, looped back, on the way
   to our own receiver). Otherwise poll again later. */
static void tx_poll(struct machine *m, void *arg)
{
	struct lance *le = arg;
	event_cancel(m, tx_poll, le);
	if (!(le->csr0 & C0_TXON) || le->tx_busy)
		return;
	uint32_t mask = le->tlen - 1;
	unsigned idx = le->tx_next, count = 0, len = 0;
	uint16_t w1;
	uint32_t d = le->tdra + 8 * idx;
	if (rd(le, d + 2, &w1) != 0) {
		memory_error(le);
		return;
	}
	if (!(w1 & D_OWN)) {
		event_at(m, machine_cycles(m) + (uint64_t)timing_ether.tx_poll_us *
			 m->model->timing->mhz, tx_poll, le);
		return;
	}
	if (!(w1 & D_STP)) {
		/* Not the start of a frame: the chip skips it (hands it back). */
		wr(le, d + 2, w1 & (uint16_t)~D_OWN);
		le->tx_next = (idx + 1) & mask;
		event_at(m, machine_cycles(m), tx_poll, le);
		return;
	}
	for (;;) {
		uint32_t ba;
		unsigned size;
		if (desc_buffer(le, d, w1, &ba, &size) != 0)
			return;
		unsigned n = len + size > FRAME_MAX ? FRAME_MAX - len : size;
		if (le->bus.buf_read(le->bus.ctx, ba, le->tx_frame + len, n) != 0) {
			memory_error(le);
			return;
		}
		len += n;
		count++;
		if (w1 & D_ENP)
			break;
		unsigned next = (idx + 1) & mask;
		uint16_t nw1;
		if (rd(le, le->tdra + 8 * next + 2, &nw1) != 0) {
			memory_error(le);
			return;
		}
		if (!(nw1 & D_OWN) || count == le->tlen) {
			/* The chip ran out of buffers mid-frame: the frame is
			   cut off, BUFF and UFLO in this descriptor, the
			   transmitter turns off. */
			w1 = (uint16_t)((w1 & ~D_OWN) | D_ERR);
			if (wr(le, d + 6, T3_BUFF | T3_UFLO) != 0 || wr(le, d + 2, w1) != 0) {
				memory_error(le);
				return;
			}
			for (unsigned i = 0; i + 1 < count; i++) {
				uint32_t dd = le->tdra + 8 * ((le->tx_next + i) & mask);
				uint16_t x;
				if (rd(le, dd + 2, &x) == 0)
					wr(le, dd + 2, x & (uint16_t)~D_OWN);
			}
			le->tx_next = next;
			le->csr0 &= ~C0_TXON;
			le->csr0 |= C0_TINT;
			le->m->stats.net_tx_dropped++;
			lance_update(le);
			return;
		}
		idx = next;
		d = le->tdra + 8 * idx;
		w1 = nw1;
	}
	if (!(le->mode & MODE_DTCR)) {
		uint32_t fcs = net_fcs(le->tx_frame, len);
		for (int i = 0; i < 4; i++)
			le->tx_frame[len++] = (uint8_t)(fcs >> (8 * i));
	}
	le->tx_first = le->tx_next;
	le->tx_count = count;
	le->tx_next = (idx + 1) & mask;
	le->tx_len = len;
	le->tx_flags = 0;
	le->tx_tmd3 = 0;
	le->tx_busy = 1;
	if (len > ETHER_MAX) {
		le->csr0 |= C0_BABL;	/* on the wire longer than a maximal frame */
		lance_update(le);
	}
	uint64_t t, own = wire_cycles(le, len);
	if ((le->mode & (MODE_LOOP | MODE_INTL | MODE_COLL)) == (MODE_LOOP | MODE_INTL | MODE_COLL)) {
		/* Forced collision (the collision logic's self-test): every
		   one of the 16 attempts collides; RTRY. The attempts' time
		   (jam and backoff) is not modelled: one frame time. */
		le->tx_loop = 0;
		le->tx_flags = D_ERR;
		le->tx_tmd3 = T3_RTRY;
		t = own;
	} else if (le->mode & MODE_LOOP) {
		le->tx_loop = 1;
		t = own;
		if (!(le->mode & MODE_INTL))	/* external: it goes out on the wire too */
			t = net_transmit(le->port, le->tx_frame, len);
	} else {
		le->tx_loop = 0;
		t = net_transmit(le->port, le->tx_frame, len);
		if (t > own)
			le->tx_flags |= T_DEF;	/* waited for the wire */
	}
	event_at(m, machine_cycles(m) + t, tx_done, le);
}

/* ---- registers ------------------------------------------------------------ */

static void csr0_write(struct lance *le, uint16_t v)
{
	if (v & C0_STOP) {
		lance_stop(le);
		return;
	}
	if ((v & (C0_INIT | C0_STRT)) && (le->csr3 & 0x0004))
		machine_fatal(le->m, "LANCE: CSR3 BSWP (byte-swapped buffers) is not modelled; "
				     "DECstation drivers leave CSR3 0");
	le->csr0 &= (uint16_t)~(v & C0_W1C);
	le->csr0 = (uint16_t)((le->csr0 & ~C0_INEA) | (v & C0_INEA));
	if (v & C0_INIT) {
		le->csr0 &= ~C0_STOP;
		le->csr0 |= C0_INIT;
		if (v & C0_STRT)
			le->start_after_init = 1;
		event_cancel(le->m, init_done, le);
		event_at(le->m, machine_cycles(le->m) +
			 ns_cycles(le, 12ull * timing_ether.dma_word_ns), init_done, le);
	} else if ((v & C0_STRT) && !(le->csr0 & C0_STRT)) {
		lance_start(le);
	}
	if ((v & C0_TDMD) && (le->csr0 & C0_TXON) && !le->tx_busy)
		event_at(le->m, machine_cycles(le->m), tx_poll, le);
	lance_update(le);
}

static int lance_read(void *dev, uint32_t off, unsigned size, uint32_t *val)
{
	struct lance *le = dev;
	(void)size;
	uint32_t v;
	off &= 7;
	if (off & 2)
		v = 0;			/* the upper halves are padding */
	else if (off & 4)
		v = le->rap;
	else {
		switch (le->rap) {
		case 0: v = le->csr0; break;
		case 1: v = le->csr1; break;
		case 2: v = le->csr2; break;
		default: v = le->csr3; break;
		}
	}
	*val = v;
	if (le->m->nobservers)
		machine_device_note(le->m, "lance read %s = 0x%04x", (off & 2) ? "pad" : (off & 4) ? "RAP" :
				    (const char *[]){ "CSR0", "CSR1", "CSR2", "CSR3" }[le->rap], v);
	return 0;
}

static int lance_write(void *dev, uint32_t off, unsigned size, uint32_t val)
{
	struct lance *le = dev;
	(void)size;
	off &= 7;
	if (off & 2)
		return 0;
	uint16_t v = (uint16_t)val;
	if (le->m->nobservers)
		machine_device_note(le->m, "lance write %s = 0x%04x", (off & 4) ? "RAP" :
				    (const char *[]){ "CSR0", "CSR1", "CSR2", "CSR3" }[le->rap], v);
	if (off & 4) {
		le->rap = v & 3;
		return 0;
	}
	switch (le->rap) {
	case 0:
		csr0_write(le, v);
		break;
	/* CSR1-3 take writes only while the chip is stopped (Am7990). */
	case 1:
		if (le->csr0 & C0_STOP)
			le->csr1 = v & 0xfffe;
		break;
	case 2:
		if (le->csr0 & C0_STOP)
			le->csr2 = v & 0x00ff;
		break;
	default:
		if (le->csr0 & C0_STOP)
			le->csr3 = v & 0x0007;
		break;
	}
	return 0;
}

const struct device_ops lance_ops = { lance_read, lance_write };

void lance_reset(struct lance *le)
{
	lance_stop(le);
	le->rap = le->csr1 = le->csr2 = le->csr3 = 0;
}

struct lance *lance_new(struct machine *m, const struct lance_bus *bus, struct irq_out irq)
{
	struct lance *le = machine_zalloc(m, sizeof *le);
	le->m = m;
	le->bus = *bus;
	le->irq = irq;
	le->csr0 = C0_STOP;
	le->rlen = le->tlen = 1;
	le->port = net_attach(m, lance_rx, le);
	return le;
}
