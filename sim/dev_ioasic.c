/*
 * dev_ioasic.c - the DEC IOASIC ("IO control ASIC") of the KN03 and KN02-BA
 * system slot: system registers in slot 1 (SSR/CSR +0x100, SIR +0x110,
 * SIMR +0x120, free-running counter +0x1e0; NetBSD sys/dev/tc/ioasicreg.h,
 * Linux asm/dec/ioasic_addrs.h), the station address ROM in slot 2 (Linux
 * drivers/net/ethernet/amd/declance.c checks), the LANCE's DMA window into
 * main memory (slot 3's chip is dev_lance.c), and the SCSI DMA engine of
 * the NCR53C94 (slot 12's chip is dev_asc.c).
 * Invariant: the cascade line is high exactly when SIR & SIMR != 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "devices.h"
#include "lance.h"
#include "machine.h"
#include "scsi.h"

/* Register offsets within slot 1 (ioasicreg.h). */
#define IOASIC_CSR	0x100
#define IOASIC_INTR	0x110
#define IOASIC_IMSK	0x120
#define IOASIC_CTR	0x1e0
#define SSR_LANCE_RST	0x00000100u	/* ~LANCE reset */
#define SSR_ASC_RST	0x00000200u	/* ~ASC reset (Linux ioasic_addrs.h) */	/* "3max+/3000" (NetBSD); "some systems" (Linux) */

/* SIR: the high 16 bits are DMA conditions latched by the ASIC and cleared
   by writing 0 ("rz"); the low 16 bits follow the device lines ("ro"). */
#define SIR_DMA_MASK	0xffff0000u
#define SIR_PBNO	0x00000001u	/* halt button debouncer */
#define SIR_PBNC	0x00000002u	/* its complement (Linux kn03.h "~HALT") */

#define HALT_BUTTON_IP	6	/* KN03_INT_HALTB / KMIN_INT_HALTB: IP_LEV6 */

struct ioasic {
	struct machine *m;
	struct ioasic_config cfg;
	uint32_t reg[32];	/* slot-1 registers, 16 bytes apart */
	uint32_t lines;		/* device lines (SIR low half) */
	uint32_t dma_latched;	/* SIR high half */
	int level;
	uint8_t esar[32];
	struct lance *lance;	/* on SSR bit 8, its active-low reset */
	struct asc *asc;	/* on SSR bit 9, the same */
};

/* ---- interrupt lines ------------------------------------------------- */

static void cpu_line_set(void *ctx, uint32_t ip, int level)
{
	machine_set_irq(ctx, (int)ip, level);
}

struct irq_out irq_cpu_line(struct machine *m, int ip)
{
	return (struct irq_out){ cpu_line_set, m, (uint32_t)ip };
}

static uint32_t sir(const struct ioasic *io)
{
	return io->dma_latched | io->lines | io->cfg.sir_static;
}

static void ioasic_update(struct ioasic *io)
{
	int level = (sir(io) & io->reg[IOASIC_IMSK >> 4]) != 0;
	if (level != io->level) {
		io->level = level;
		machine_set_irq(io->m, io->cfg.cascade_ip, level);
	}
}

void ioasic_set_line(void *ioasic, uint32_t bit, int level)
{
	struct ioasic *io = ioasic;
	if (level)
		io->lines |= bit;
	else
		io->lines &= ~bit;
	ioasic_update(io);
}

struct irq_out ioasic_irq(struct ioasic *io, uint32_t bit)
{
	return (struct irq_out){ ioasic_set_line, io, bit };
}

void ioasic_halt_button(struct machine *m, int pressed)
{
	struct ioasic *io = m->devices[DEV_IOASIC];
	machine_set_irq(m, HALT_BUTTON_IP, pressed);
	if (!io)
		return;
	io->lines &= ~(SIR_PBNO | SIR_PBNC);
	io->lines |= pressed ? SIR_PBNO : SIR_PBNC;
	ioasic_update(io);
}

static void halt_release(struct machine *m, void *arg)
{
	(void)arg;
	ioasic_halt_button(m, 0);
}

/* A press of about 100 ms of simulated time, then release. */
void ioasic_press_halt(struct machine *m)
{
	ioasic_halt_button(m, 1);
	event_cancel(m, halt_release, NULL);
	event_at(m, machine_cycles(m) + (uint64_t)m->model->timing->mhz * 100000u,
		 halt_release, NULL);
}

/* ---- free-running counter ---------------------------------------------- */

/* counter = cycles * counter_hz / cpu_hz, without 64-bit overflow. */
static uint32_t counter_read(const struct ioasic *io)
{
	uint64_t num = io->cfg.counter_hz, den = (uint64_t)io->m->model->timing->mhz * 1000000u;
	if (!num)
		return 0;	/* absent: reads as a counter that never moves */
	uint64_t a = num, b = den;
	while (b) { uint64_t t = a % b; a = b; b = t; }
	num /= a;
	den /= a;
	uint64_t cyc = machine_cycles(io->m);
	return (uint32_t)((cyc / den) * num + (cyc % den) * num / den);
}

/* ---- slot 1: system registers ---------------------------------------- */

static uint32_t reg_value(struct ioasic *io, uint32_t r)
{
	switch (r) {
	case IOASIC_INTR: return sir(io);
	case IOASIC_CTR: return counter_read(io);
	default: return io->reg[r >> 4];
	}
}

static int ioasic_reg_read(void *dev, uint32_t off, unsigned size, uint32_t *val)
{
	struct ioasic *io = dev;
	uint32_t r = off & 0x1f0;	/* registers repeat through the slot */
	uint32_t w = reg_value(io, r);
	unsigned lane = off & 3;
	*val = size == 4 ? w : (w >> (8 * lane)) & (size == 2 ? 0xffffu : 0xffu);
	return 0;
}

static int ioasic_reg_write(void *dev, uint32_t off, unsigned size, uint32_t val)
{
	struct ioasic *io = dev;
	uint32_t r = off & 0x1f0;
	uint32_t old = reg_value(io, r), mask;
	unsigned lane = off & 3;
	mask = size == 4 ? 0xffffffffu : (size == 2 ? 0xffffu : 0xffu) << (8 * lane);
	uint32_t w = (old & ~mask) | ((val << (8 * lane)) & mask);
	switch (r) {
	case IOASIC_INTR:
		io->dma_latched &= w;	/* write 0 to clear; low half read-only */
		break;
	case IOASIC_CTR:
		break;			/* read-only */
	case IOASIC_CSR:
		io->reg[r >> 4] = w;
		/* SSR bit 8 is the LANCE's reset line, active low (Linux
		   ioasic_addrs.h KN0X_IO_SSR_LANCE_RST "~LANCE reset"):
		   written 0, the chip is reset (held there: UNCONFIRMED). */
		if (!(w & SSR_LANCE_RST) && io->lance)
			lance_reset(io->lance);
		if (!(w & SSR_ASC_RST) && io->asc)
			asc_chip_reset(io->asc);
		break;
	default:
		io->reg[r >> 4] = w;
		break;
	}
	ioasic_update(io);
	return 0;
}

const struct device_ops ioasic_reg_ops = { ioasic_reg_read, ioasic_reg_write };

/* ---- slot 2: station address ROM ---------------------------------------- */

/* DEC's 32-byte station-address ROM contents, as Linux declance.c checks
   them: bytes 0-5 the address and 6-7 a checksum; bytes 8-15 the same 8
   in reverse; 16-23 a copy; 24-31 the test pattern ff 00 55 aa ff 00 55
   aa. The checksum is DEC's end-around-carry sum of the three address
   words (UNCONFIRMED here: no driver we read checks it). Boards place the
   bytes one per word, each in its own byte lanes. */
void esar_contents(const uint8_t a[6], uint8_t out[32])
{
	uint32_t sum = 0;
	for (int i = 0; i < 3; i++) {
		sum <<= 1;
		if (sum > 0xffff)
			sum -= 0xffff;
		sum += (uint32_t)a[2 * i] << 8 | a[2 * i + 1];
		if (sum > 0xffff)
			sum -= 0xffff;
	}
	if (sum == 0xffff)
		sum = 0;
	const uint8_t first[8] = { a[0], a[1], a[2], a[3], a[4], a[5],
				   (uint8_t)(sum >> 8), (uint8_t)sum };
	static const uint8_t pattern[8] = { 0xff, 0x00, 0x55, 0xaa, 0xff, 0x00, 0x55, 0xaa };
	for (int i = 0; i < 8; i++) {
		out[i] = first[i];
		out[15 - i] = first[i];
		out[16 + i] = first[i];
		out[24 + i] = pattern[i];
	}
}

static int esar_read(void *dev, uint32_t off, unsigned size, uint32_t *val)
{
	struct ioasic *io = dev;
	(void)size;
	*val = (off & 3) ? 0 : io->esar[(off >> 2) & 31];
	return 0;
}

static int esar_write(void *dev, uint32_t off, unsigned size, uint32_t val)
{
	(void)dev; (void)off; (void)size; (void)val;
	return 0;		/* a ROM */
}

const struct device_ops ioasic_esar_ops = { esar_read, esar_write };

static void ioasic_set_enaddr(struct machine *m, const uint8_t enaddr[6])
{
	struct ioasic *io = m->devices[DEV_IOASIC];
	memcpy(io->cfg.enaddr, enaddr, 6);
	esar_contents(io->cfg.enaddr, io->esar);
}

struct ioasic *ioasic_new(struct machine *m, const struct ioasic_config *cfg)
{
	struct ioasic *io = machine_zalloc(m, sizeof *io);
	io->m = m;
	io->cfg = *cfg;
	/* The PROM leaves the baseboard devices enabled (SSR bits 11..8:
	   SCC, RTC, SCSI, LANCE; the value NetBSD dec_3min.c would write). */
	io->reg[IOASIC_CSR >> 4] = 0x00000f00;
	io->lines = SIR_PBNC;		/* halt button released */
	esar_contents(io->cfg.enaddr, io->esar);	/* lane 0 of each word */
	m->set_enaddr = ioasic_set_enaddr;
	return io;
}

/* ---- empty TURBOchannel slot ---------------------------------------------- */

static int tc_empty_read(void *dev, uint32_t off, unsigned size, uint32_t *val)
{
	(void)dev; (void)off; (void)size;
	*val = 0;
	return -1;		/* no card answers: bus error, as probes expect */
}

static int tc_empty_write(void *dev, uint32_t off, unsigned size, uint32_t val)
{
	(void)dev; (void)off; (void)size; (void)val;
	return -1;
}

const struct device_ops tc_empty_ops = { tc_empty_read, tc_empty_write };

/* ---- slot 3: the LANCE's memory through the IOASIC -------------------------- */

/* The LANCE masters main memory through the IOASIC: a 128 KB window at
   the physical base held in LANCE_DMAPTR (slot-1 +0x020, written as
   pa << 3), taken only while SSR bit 16 (LANCE DMA enable) is set. The
   chip's 16-bit word at address A is the low half of the host word at
   base + 2A (init block, descriptors: Linux declance.c shift_off, NetBSD
   if_le_ioasic.c gap2); packet data move in 16-byte bursts, so buffer
   byte A is at base + 2(A & ~15) + (A & 15) (declance.c's 16-and-skip
   copies, NetBSD gap16). See net-disk.md 2.3. A DMA the memory does not
   answer latches SIR bit 16 (LANCE memory read error; set for writes
   too, UNCONFIRMED) and the chip sees MERR. Only the chip's low 16
   address bits reach the window (the upper ones alias; UNCONFIRMED). */
#define IOASIC_LANCE_DMAPTR	0x020
#define SSR_LANCE_DMA_EN	0x00010000u
#define SIR_LANCE_MERR		0x00010000u

struct ioasic_lance {
	struct ioasic *io;
};

static int le_host(struct ioasic *io, uint32_t a, uint32_t *pa)
{
	if (!(io->reg[IOASIC_CSR >> 4] & SSR_LANCE_DMA_EN))
		return -1;		/* DMA off: nothing answers the chip (UNCONFIRMED) */
	uint32_t base = (io->reg[IOASIC_LANCE_DMAPTR >> 4] >> 3) & 0x1ffe0000u;
	a &= 0xffffu;
	*pa = base + 2 * (a & ~15u) + (a & 15u);
	return 0;
}

static int le_fail(struct ioasic *io)
{
	io->dma_latched |= SIR_LANCE_MERR;
	ioasic_update(io);
	return -1;
}

static int le_word_read(void *ctx, uint32_t a, uint16_t *v)
{
	struct ioasic *io = ctx;
	uint32_t pa;
	uint8_t b[2];
	if (le_host(io, a & ~1u, &pa) != 0)
		return -1;
	pa = (pa & ~31u) + 2 * ((a & ~1u) & 15u);	/* base + 2A */
	if (phys_read(io->m, pa, b, 2) != 0)
		return le_fail(io);
	*v = (uint16_t)(b[0] | b[1] << 8);
	return 0;
}

static int le_word_write(void *ctx, uint32_t a, uint16_t v)
{
	struct ioasic *io = ctx;
	uint32_t pa;
	uint8_t b[2] = { (uint8_t)v, (uint8_t)(v >> 8) };
	if (le_host(io, a & ~1u, &pa) != 0)
		return -1;
	pa = (pa & ~31u) + 2 * ((a & ~1u) & 15u);
	if (phys_write(io->m, pa, b, 2) != 0)
		return le_fail(io);
	return 0;
}

static int le_buf(struct ioasic *io, uint32_t a, uint8_t *rbuf, const uint8_t *wbuf, unsigned len)
{
	while (len) {
		uint32_t pa;
		if (le_host(io, a, &pa) != 0)
			return -1;
		unsigned n = 16 - (a & 15);
		if (n > len)
			n = len;
		int r = rbuf ? phys_read(io->m, pa, rbuf, n) : phys_write(io->m, pa, wbuf, n);
		if (r != 0)
			return le_fail(io);
		if (rbuf)
			rbuf += n;
		else
			wbuf += n;
		a += n;
		len -= n;
	}
	return 0;
}

static int le_buf_read(void *ctx, uint32_t a, uint8_t *buf, unsigned len)
{
	return le_buf(ctx, a, buf, NULL, len);
}

static int le_buf_write(void *ctx, uint32_t a, const uint8_t *buf, unsigned len)
{
	return le_buf(ctx, a, NULL, buf, len);
}

struct lance *ioasic_lance_new(struct machine *m, struct ioasic *io, struct irq_out irq)
{
	const struct lance_bus bus = { le_word_read, le_word_write, le_buf_read, le_buf_write, io };
	io->lance = lance_new(m, &bus, irq);
	return io->lance;
}

/* ---- the SCSI DMA engine (slot-1 registers; net-disk.md 1.3, 1.4, 4.4) -------- */

/* The NCR 53C94 (dev_asc.c) masters main memory through the IOASIC: the
   engine runs while SSR bit 17 is set, in the direction of bit 18 (1 =
   device to memory), from SCSI_DMAPTR (physical address << 3) to the end
   of its 4 KB page, then from SCSI_NEXTPTR (all ones = none), latching SIR
   bit 19 as it moves on; running off the end with no next pointer latches
   SIR bit 18 (overrun) and stops; memory that does not answer latches bit
   17 (NetBSD asc_ioasic.c, ioasicreg.h). A direction that does not match
   the SCSI phase moves nothing (the chip waits: UNCONFIRMED). The
   partial-word registers SCR/SDR0/SDR1 (+0x1b0..0x1d0) are plain storage:
   the engine moves any byte count from a word-aligned pointer (the
   pointer format cannot say less), so a driver never needs them here. */
#define IOASIC_SCSI_DMAPTR	0x000
#define IOASIC_SCSI_NEXTPTR	0x010
#define SSR_SCSI_DMA_EN		0x00020000u
#define SSR_SCSI_DMA_IN		0x00040000u
#define SIR_SCSI_PTR_LOAD	0x00080000u
#define SIR_SCSI_OVRUN		0x00040000u
#define SIR_SCSI_MERR		0x00020000u
#define SCSI_DMA_PAGE		4096u

static uint32_t scsi_dma_move(void *ctx, int to_mem, uint8_t *buf, uint32_t len)
{
	struct ioasic *io = ctx;
	uint32_t csr = io->reg[IOASIC_CSR >> 4], moved = 0;
	if (!(csr & SSR_SCSI_DMA_EN) || !(csr & SSR_SCSI_DMA_IN) != !to_mem)
		return 0;
	while (moved < len) {
		uint32_t pa = (io->reg[IOASIC_SCSI_DMAPTR >> 4] >> 3) & 0x1fffffffu;
		uint32_t n = SCSI_DMA_PAGE - (pa & (SCSI_DMA_PAGE - 1));
		if (n > len - moved)
			n = len - moved;
		int r = to_mem ? phys_write(io->m, pa, buf + moved, n)
			       : phys_read(io->m, pa, buf + moved, n);
		if (r != 0) {
			io->dma_latched |= SIR_SCSI_MERR;
			io->reg[IOASIC_CSR >> 4] &= ~SSR_SCSI_DMA_EN;
			break;
		}
		moved += n;
		pa += n;
		if ((pa & (SCSI_DMA_PAGE - 1)) == 0) {
			uint32_t next = io->reg[IOASIC_SCSI_NEXTPTR >> 4];
			if (next == 0xffffffffu) {
				io->reg[IOASIC_SCSI_DMAPTR >> 4] = pa << 3;
				if (moved < len) {
					io->dma_latched |= SIR_SCSI_OVRUN;
					io->reg[IOASIC_CSR >> 4] &= ~SSR_SCSI_DMA_EN;
					break;
				}
				continue;
			}
			io->reg[IOASIC_SCSI_DMAPTR >> 4] = next;
			io->reg[IOASIC_SCSI_NEXTPTR >> 4] = 0xffffffffu;
			io->dma_latched |= SIR_SCSI_PTR_LOAD;
		} else {
			io->reg[IOASIC_SCSI_DMAPTR >> 4] = pa << 3;
		}
	}
	ioasic_update(io);
	return moved;
}

struct asc_dma ioasic_scsi_dma(struct ioasic *io)
{
	return (struct asc_dma){ scsi_dma_move, io };
}

void ioasic_set_asc(struct ioasic *io, struct asc *a)
{
	io->asc = a;
}
