/*
 * disk/asc.c - the NCR 53C94 ("ASC") SCSI controller as the DECstations
 * wire it: on the IOASIC with its SCSI DMA engine (KN03, KN02-BA) and on
 * the PMAZ-AA TURBOchannel card with its own 128 KB SRAM (KN02). Written
 * from the chip's register map and command set as NetBSD's
 * ncr53c9xreg.h / ncr53c9x.c, asc_ioasic.c and asc_tc.c use them, and
 * GXemul's dev_asc.c (shared/research/net-disk.md 1, 4); our own code.
 *
 * Polled: one command runs from selection to bus free before asc_command
 * returns (see asc.h). The steps are NetBSD's for a target that does not
 * disconnect (IDENTIFY without the disconnect bit): select with ATN and
 * the CDB from the FIFO; a DMA data phase; ICCS for the status and
 * message bytes; MSGOK; bus free.
 *
 * DMA: the PMAZ-AA's chip reaches only the card's SRAM, so data bounce
 * through it (the CPU copies). The IOASIC moves data between the chip
 * and main memory directly, at most two 4 KB pages per DMA from an
 * 8-byte aligned start: asc_command's callers give one page, aligned,
 * so no bounce buffer and no partial-word registers are needed.
 */
#include "asc.h"
#include "../kernel.h"
#include "../platform.h"
#include "../trap.h"
#include "mips.h"

/* Register numbers; each byte register in its own 32-bit word. */
#define R_TCL		0
#define R_TCM		1
#define R_FIFO		2
#define R_CMD		3
#define R_STAT		4	/* write: SELID */
#define R_SELID		4
#define R_INTR		5	/* write: TIMEOUT */
#define R_TIMEOUT	5
#define R_STEP		6	/* write: SYNCTP */
#define R_SYNCTP	6
#define R_FFLAG		7	/* write: SYNCOFF */
#define R_SYNCOFF	7
#define R_CFG1		8
#define R_CCF		9
#define R_CFG2		11
#define R_CFG3		12

#define CMD_NOP		0x00
#define CMD_FLUSH	0x01
#define CMD_RSTCHIP	0x02
#define CMD_TRANS	0x10
#define CMD_ICCS	0x11
#define CMD_MSGOK	0x12
#define CMD_SELATN	0x42
#define CMD_DMA		0x80

#define STAT_INT	0x80
#define STAT_GE		0x40
#define STAT_PE		0x20
#define STAT_TC		0x10
#define STAT_PHASE	0x07
#define INTR_SBR	0x80
#define INTR_ILL	0x40
#define INTR_DIS	0x20
#define INTR_BS		0x10
#define INTR_FC		0x08

#define PH_DATA_OUT	0
#define PH_DATA_IN	1
#define PH_STATUS	3
#define PH_MSG_IN	7

#define CFG1_PARENB	0x10
#define CFG2_SCSI2	0x08
#define CCF_25MHZ	5	/* 20-25 MHz chip clock (NetBSD asc_ioasic.c) */
/* 250 ms selection timeout: 250 ms * 25 MHz / (8192 * CCF) (53C94 manual
   formula as NetBSD ncr53c9x.c computes it). */
#define SEL_TIMEOUT	153

/* IOASIC SCSI DMA (net-disk.md 1.2-1.5; NetBSD ioasicreg.h). */
#define IO_SCSI_DMAPTR	0x000
#define IO_SCSI_NEXTPTR	0x010
#define IO_SSR		0x100
#define IO_SIR		0x110
#define IO_SCSI_SCR	0x1b0
#define SSR_SCSI_DIR_IN	0x00040000u	/* device -> memory */
#define SSR_SCSI_DMA_EN	0x00020000u
#define SSR_ASC_RESET_N	0x00000200u	/* the chip's reset line, active low */
#define SIR_SCSI_DMA	0x000e0000u	/* pointer loaded, overrun, read error */

#define PMAZ_DMA_WRITE	0x80000000u	/* memory -> SCSI */

/* Polls of STAT before giving up on an interrupt: far beyond any seek
   and the chip's own 250 ms selection timeout at 25 MHz. */
#define SPIN_LIMIT	50000000u

static const struct asc_board *board;

static inline volatile uint32_t *reg(unsigned r)
{
	return (volatile uint32_t *)KSEG1(board->regs + 4 * r);
}
static inline void wr(unsigned r, uint32_t v) { *reg(r) = v; }
static inline uint32_t rd(unsigned r) { return *reg(r) & 0xff; }
static inline volatile uint32_t *io(uint32_t off)
{
	return (volatile uint32_t *)KSEG1(board->ioasic + off);
}

void dcache_inval(uint32_t kseg0_addr, uint32_t len);

struct intr {
	uint32_t stat, step, intr;
};

/* Wait for the chip's interrupt; read STAT and STEP before INTR, since
   reading INTR clears all three (NetBSD ncr53c9x_readregs). */
static uint64_t waited;	/* platform_time() spent polling (asc_waited) */

static int wait_intr(struct intr *x)
{
	uint64_t t0 = platform_time();
	int r = 0;
	if (platform_has_counter_page()) {
		/* pmaxsim: a loop its idle skip can prove periodic (only STAT
		   is read), so the 250 ms selection timeouts of the boot's
		   probe and the modelled seeks cost no host time; its chip
		   model always ends a command, and its cycle limit bounds a
		   run. Real machines (no counter page) take the bounded loop. */
		while (!(rd(R_STAT) & STAT_INT))
			;
	} else {
		uint32_t i = 0;
		while (!(rd(R_STAT) & STAT_INT))
			if (++i == SPIN_LIMIT) {
				r = -1;
				break;
			}
	}
	if (r == 0) {
		x->stat = rd(R_STAT);
		x->step = rd(R_STEP);
		x->intr = rd(R_INTR);
	}
	waited += platform_time() - t0;
	return r;
}

uint64_t asc_waited(void) { return waited; }

static void chip_reset(void)
{
	wr(R_CMD, CMD_RSTCHIP);
	wr(R_CMD, CMD_NOP);	/* NetBSD: a NOP after the chip reset */
	wr(R_CFG3, 0);
	wr(R_CFG2, CFG2_SCSI2);
	wr(R_CFG1, ASC_HOST_ID | CFG1_PARENB);
	wr(R_CCF, CCF_25MHZ);
	wr(R_SYNCOFF, 0);	/* asynchronous transfers */
	wr(R_SYNCTP, 0);
	wr(R_TIMEOUT, SEL_TIMEOUT);
}

static void dma_stop(void)
{
	if (board->ioasic) {
		*io(IO_SSR) &= ~SSR_SCSI_DMA_EN;
		*io(IO_SCSI_SCR) = 0;
		*io(IO_SIR) = ~SIR_SCSI_DMA;	/* only 0 bits clear */
	}
}

static int present;

int asc_init(void)
{
	uint32_t probe;
	present = 0;
	board = platform->asc;
	if (!board)
		return -1;
	/* A missing card (a KN02 without its PMAZ-AA) answers a bus error. */
	if (probe_read(KSEG1(board->regs + 4 * R_CFG1), &probe) != 0)
		return -1;
	if (board->ioasic) {
		*io(IO_SSR) |= SSR_ASC_RESET_N;
		dma_stop();
	}
	chip_reset();
	if ((rd(R_CFG2) & CFG2_SCSI2) == 0)	/* not a chip that keeps its config */
		return -1;
	present = 1;
	return 0;
}

int asc_present(void) { return present; }

/* Recover from a confused bus or chip: a chip reset (the target, which
   never disconnects, has then let go of the bus or times out itself). */
static int fail(int why)
{
	dma_stop();
	chip_reset();
	return why;
}

/* The data phase: len bytes at pa through the board's DMA. */
static int data_phase(uint32_t pa, uint32_t len, int in, uint32_t *moved)
{
	struct intr x;
	uint32_t want = len;
	if (board->ioasic) {
		*io(IO_SCSI_SCR) = 0;
		*io(IO_SCSI_DMAPTR) = pa << 3;		/* pointer format, 1.4 */
		*io(IO_SCSI_NEXTPTR) = ~0u;		/* no second page */
		uint32_t ssr = *io(IO_SSR) & ~(SSR_SCSI_DIR_IN | SSR_SCSI_DMA_EN);
		if (in)
			ssr |= SSR_SCSI_DIR_IN;
		*io(IO_SSR) = ssr;	/* direction first, as Ultrix and NetBSD do */
		*io(IO_SSR) = ssr | SSR_SCSI_DMA_EN;
	} else {
		if (!in)
			kmemcpy((void *)KSEG1(board->sram), (const void *)KSEG0(pa), len);
		*(volatile uint32_t *)KSEG1(board->dmareg) = in ? 0 : PMAZ_DMA_WRITE;
	}
	wr(R_TCL, want & 0xff);
	wr(R_TCM, (want >> 8) & 0xff);
	wr(R_CMD, CMD_NOP | CMD_DMA);		/* loads the counter */
	wr(R_CMD, CMD_TRANS | CMD_DMA);
	if (wait_intr(&x) != 0)
		return fail(ASC_ETIMEDOUT);
	uint32_t left = (x.stat & STAT_TC) ? 0 : (rd(R_TCL) | rd(R_TCM) << 8);
	if (!in)
		left += rd(R_FFLAG) & 0x1f;	/* bytes still in the FIFO */
	if (left > want)
		left = want;
	dma_stop();
	if (moved)
		*moved = want - left;
	if (in && want - left) {
		if (board->ioasic)
			dcache_inval(KSEG0(pa), want - left);
		else
			kmemcpy((void *)KSEG0(pa), (const void *)KSEG1(board->sram),
				want - left);
	}
	if (x.intr & (INTR_SBR | INTR_ILL) || x.stat & (STAT_GE | STAT_PE))
		return fail(ASC_EIO);
	return (int)(x.stat & STAT_PHASE);
}

int asc_command(int id, const uint8_t *cdb, unsigned cdblen, uint32_t pa,
		uint32_t len, int in, uint32_t *moved)
{
	struct asc_seg one = { pa, len };
	return asc_command_sg(id, cdb, cdblen, &one, 1, in, moved);
}

int asc_command_sg(int id, const uint8_t *cdb, unsigned cdblen, const struct asc_seg *seg,
		   unsigned nseg, int in, uint32_t *moved)
{
	struct intr x;
	if (!present)
		return ASC_ENODEV;
	if (moved)
		*moved = 0;
	if (id < 0 || id > 7 || id == ASC_HOST_ID || cdblen < 6 || cdblen > 12 || nseg < 1 ||
	    nseg > ASC_MAX_SEGS)
		return ASC_EIO;
	uint32_t len = 0;
	for (unsigned i = 0; i < nseg; i++) {
		uint32_t pa = seg[i].pa, l = seg[i].len;
		if (l > ASC_MAX_XFER || (pa & 7) || (l && (pa >> 12) != ((pa + l - 1) >> 12)) ||
		    (i > 0 && !l))
			return ASC_EIO;
		len += l;
	}
	/* Selection: IDENTIFY (LUN 0, no disconnection) and the CDB. */
	wr(R_CMD, CMD_FLUSH);
	wr(R_SELID, (uint32_t)id);
	wr(R_SYNCOFF, 0);
	wr(R_FIFO, 0x80);
	for (unsigned i = 0; i < cdblen; i++)
		wr(R_FIFO, cdb[i]);
	wr(R_CMD, CMD_SELATN);
	if (wait_intr(&x) != 0)
		return fail(ASC_ETIMEDOUT);
	if (x.intr & INTR_DIS) {	/* selection timeout: nobody there */
		wr(R_CMD, CMD_FLUSH);
		return ASC_ENODEV;
	}
	if ((x.intr & (INTR_FC | INTR_BS)) == 0 || (x.step & 7) != 4)
		return fail(ASC_EIO);
	int phase = (int)(x.stat & STAT_PHASE);
	unsigned next = 0;		/* the next piece of the data phase */
	for (unsigned steps = 0; steps < 8 + nseg; steps++) {
		if (phase == PH_DATA_IN || phase == PH_DATA_OUT) {
			if (next == nseg || (phase == PH_DATA_IN) != (in != 0) || len == 0)
				return fail(ASC_EIO);	/* a phase we did not ask for */
			uint32_t got = 0;
			phase = data_phase(seg[next].pa, seg[next].len, in, &got);
			if (moved)
				*moved += got;
			if (phase < 0)
				return phase;
			if (got != seg[next].len && next + 1 < nseg)
				return fail(ASC_EIO);	/* a short piece: the target left early */
			next++;
		} else if (phase == PH_STATUS) {
			wr(R_CMD, CMD_ICCS);	/* status byte, then message byte */
			if (wait_intr(&x) != 0)
				return fail(ASC_ETIMEDOUT);
			if ((x.intr & INTR_FC) == 0 || (rd(R_FFLAG) & 0x1f) < 2)
				return fail(ASC_EIO);
			uint32_t status = rd(R_FIFO);
			uint32_t msg = rd(R_FIFO);
			wr(R_CMD, CMD_MSGOK);
			if (wait_intr(&x) != 0)
				return fail(ASC_ETIMEDOUT);
			if (msg != 0x00 || (x.intr & INTR_DIS) == 0)	/* COMMAND COMPLETE, bus free */
				return fail(ASC_EIO);
			return (int)(status & 0x3e);	/* SCSI-2 status bits 5:1 */
		} else {
			return fail(ASC_EIO);	/* message phases: not from our disks */
		}
	}
	return fail(ASC_EIO);
}
