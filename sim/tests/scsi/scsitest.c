/*
 * sim/tests/scsi/scsitest.c - in-guest checks of pmaxsim's NCR 53C94 and
 * SCSI disks on each board: KN03 and KN02-BA (chip in IOASIC slot 12, DMA
 * through the IOASIC's SCSI DMA pointers) and KN02 (the PMAZ-AA in
 * TURBOchannel slot 5, DMA into its 128 KB SRAM). The host
 * (sim/tests/scsi/scsi-run) makes two images whose 32-bit word at byte
 * offset o of block n is n * 0x10000 + o / 4, and attaches disk 0
 * read-write (tmp:, so the file never changes) and disk 1 read-only (ro:).
 * The test resets the chip and the bus, and for each disk runs INQUIRY,
 * READ CAPACITY, READ(6)/(10), WRITE(10) and reads it back, CHECK
 * CONDITION with its sense for an LBA out of range, an invalid opcode and
 * a write to the ro: disk, and selects an absent ID (selection timeout).
 * On pmaxsim (its counter page) it also checks the disk's times against
 * the bounds of the model (timing.c timing_disk).
 * The driver sequence is NetBSD ncr53c9x.c's (net-disk.md 4.3); register
 * bits are NetBSD ncr53c9xreg.h, ioasicreg.h, asc_tc.c. Boot arguments:
 * blocks0=N blocks1=N (the images' sizes), gxemul (no counter page; one
 * disk). Prints TAP.
 */
#include "../../../rt/rt.h"
#include "../../../rt/mips.h"
#include "../../../rt/prom.h"
#include "../../../rt/tap.h"
#include "../../../aegis/include/aegis/counter.h"

struct board {
	const char *name;
	uint32_t asc;		/* register 0; register n at + 4n */
	uint32_t ioasic;	/* IOASIC slot-1 registers, or 0 */
	uint32_t pmaz;		/* PMAZ-AA base (DMA register +0x40000, SRAM +0x80000), or 0 */
	uint32_t csr;		/* KN02 system CSR, or 0 */
	int ip;			/* CPU line of the chip's interrupt */
};
static const struct board kn03 = { "KN03", 0x1fb00000, 0x1f840000, 0, 0, 2 };
static const struct board kn02ba = { "KN02-BA", 0x1c300000, 0x1c040000, 0, 0, 5 };
static const struct board kn02 = { "KN02", 0x1f400000, 0, 0x1f400000, 0x1ff00000, 2 };
static const struct board *b;

/* 53C94 registers and bits. */
enum { TCL, TCM, FIFO, CMD, STAT, INTR, STEP, FFLAG, CFG1, CCF, TEST, CFG2, CFG3 };
#define SELID	STAT
#define TIMEOUT	INTR
#define SYNCOFF	FFLAG
#define C_NOP	0x00
#define C_FLUSH	0x01
#define C_RSTCHIP 0x02
#define C_RSTSCSI 0x03
#define C_TRANS	0x10
#define C_ICCS	0x11
#define C_MSGOK	0x12
#define C_SELATN 0x42
#define C_DMA	0x80
#define S_INT	0x80
#define S_TC	0x10
#define I_SBR	0x80
#define I_ILL	0x40
#define I_DIS	0x20
#define I_BS	0x10
#define I_FC	0x08
#define PH_DATA_OUT 0
#define PH_DATA_IN 1
#define PH_STATUS 3

/* IOASIC (net-disk.md 1.2-1.5). */
#define IO_SCSI_DMAPTR	0x000
#define IO_SCSI_NEXTPTR	0x010
#define IO_SSR		0x100
#define IO_SIR		0x110
#define IO_SIMR		0x120
#define SSR_SCSI_DMA	0x00020000u
#define SSR_SCSI_IN	0x00040000u
#define SIR_SCSI	0x00000200u
#define SIR_SCSI_DMA	0x000e0000u	/* pointer loaded, overrun, memory error */
#define KN02_SCSI	0x20u
#define PMAZ_DMAR_WRITE	0x80000000u

/* The DMA buffer: 64 KB of physical memory at 6 MB, read and written
   through kseg1 (the chip's DMA bypasses the caches). */
#define BUF_PA		0x00600000u
#define BUF_MAX		65536u

static volatile uint32_t *reg32(uint32_t pa) { return (volatile uint32_t *)KSEG1(pa); }
static uint8_t rd(int r) { return (uint8_t)*reg32(b->asc + 4u * (unsigned)r); }
static void wr(int r, unsigned v) { *reg32(b->asc + 4u * (unsigned)r) = v; }
static volatile uint32_t *buf32(void) { return reg32(BUF_PA); }
static volatile uint8_t *buf8(void) { return (volatile uint8_t *)KSEG1(BUF_PA); }

static uint32_t cause(void)
{
	uint32_t v;
	__asm__ volatile("mfc0 %0, $13\n\tnop" : "=r"(v));
	return v;
}
static int pin(void)
{
	if (b->ioasic)
		return (*reg32(b->ioasic + IO_SIR) & SIR_SCSI) != 0;
	return (*reg32(b->csr) & KN02_SCSI) != 0;
}
static int cpu_line(void) { return (cause() & (0x100u << b->ip)) != 0; }

static int have_counter, gx;
/* GXemul's 53C94 leaves TCL/TCM at 0 after a data phase shorter than the
   count (no residual), so under it the bytes moved are not checked. */
#define MOVED(n)	(moved == (n) || gx)
#define COUNTER	((volatile uint32_t *)KSEG1(COUNTER_PAGE_PA))
/* Microseconds of simulated time (pmaxsim's counter page), 0 without it. */
static uint64_t now_us(void)
{
	return have_counter ? counter_cycles(COUNTER) / counter_mhz(COUNTER) : 0;
}

/* The interrupt: STAT, STEP, INTR (read in NetBSD's order: reading INTR
   clears the others). 0 in intr if none came. */
struct irq { uint8_t stat, step, intr; int pin, line; };
static struct irq wait_int(void)
{
	struct irq q = { 0, 0, 0, 0, 0 };
	if (have_counter) {
		/* A loop the idle skip can prove periodic (STAT vouches for
		   itself until the chip's event); pmaxsim's cycle limit bounds
		   it. */
		while (!(rd(STAT) & S_INT))
			;
	} else {
		for (uint32_t i = 0; i < 20000000u; i++)
			if (rd(STAT) & S_INT)
				break;
	}
	q.stat = rd(STAT);
	q.step = rd(STEP) & 7;
	q.pin = pin();
	q.line = cpu_line();
	q.intr = (q.stat & S_INT) ? rd(INTR) : 0;
	return q;
}

/* Start the board's DMA engine for n bytes at BUF_PA + off (after the
   chip's TRANS, as NetBSD does), and stop it. */
static void dma_start(int in, uint32_t off, uint32_t n)
{
	if (b->ioasic) {
		uint32_t pa = BUF_PA + off;
		*reg32(b->ioasic + IO_SSR) &= ~(SSR_SCSI_DMA | SSR_SCSI_IN);
		*reg32(b->ioasic + IO_SCSI_DMAPTR) = pa << 3;
		*reg32(b->ioasic + IO_SCSI_NEXTPTR) = n > 4096 - (pa & 4095) ?
			((pa & ~4095u) + 4096) << 3 : 0xffffffffu;
		if (in)
			*reg32(b->ioasic + IO_SSR) |= SSR_SCSI_IN;
		*reg32(b->ioasic + IO_SSR) |= SSR_SCSI_DMA;
	} else {
		/* Data out: copy into the SRAM first (words; the SRAM is the
		   card's own 128 KB). */
		if (!in)
			for (uint32_t i = 0; i < n; i += 4)
				*reg32(b->pmaz + 0x80000 + i) = buf32()[(off + i) / 4];
		*reg32(b->pmaz + 0x40000) = in ? 0 : PMAZ_DMAR_WRITE;
	}
}
static uint32_t sir_seen;	/* IOASIC SIR DMA bits seen at the ends of DMAs */
static void dma_stop(int in, uint32_t off, uint32_t n)
{
	if (b->ioasic) {
		*reg32(b->ioasic + IO_SSR) &= ~SSR_SCSI_DMA;
		sir_seen |= *reg32(b->ioasic + IO_SIR) & SIR_SCSI_DMA;
		*reg32(b->ioasic + IO_SIR) = ~SIR_SCSI_DMA;
	} else if (in) {
		for (uint32_t i = 0; i < n; i += 4)
			buf32()[(off + i) / 4] = *reg32(b->pmaz + 0x80000 + i);
	}
}

/* One command, NetBSD's way (net-disk.md 4.3): select with ATN
   (IDENTIFY, no disconnect), the data phase by DMA in chunks of at most
   8 KB (two IOASIC pages), ICCS, MSGOK. Returns the status byte, or -1
   for a selection timeout, -2 for anything unexpected (printed). The
   data go to / come from the buffer. us_data: time from the select
   command to the first data-phase interrupt (the target's work). */
static uint32_t moved;
static uint64_t us_data, us_all;
/* stall_us: before starting the first DMA, leave the engine off (IOASIC)
   or pointed the wrong way (PMAZ-AA) this long; stalled_ok: no interrupt
   came meanwhile. */
static uint64_t stall_us;
static int stalled_ok;
static int command(int id, const uint8_t *cdb, unsigned len)
{
	uint64_t t0 = now_us();
	moved = 0;
	us_data = 0;
	wr(CMD, C_FLUSH);
	wr(SELID, (unsigned)id);
	wr(FIFO, 0x80);			/* IDENTIFY, LUN 0 */
	for (unsigned i = 0; i < len; i++)
		wr(FIFO, cdb[i]);
	wr(CMD, C_SELATN);
	struct irq q = wait_int();
	if (q.intr == I_DIS)
		return -1;
	if (q.intr != (I_FC | I_BS) || q.step != 4) {
		kprintf("# select %d: intr %02x step %d stat %02x\n", id, q.intr, q.step, q.stat);
		return -2;
	}
	us_data = now_us() - t0;
	while ((q.stat & 7) == PH_DATA_IN || (q.stat & 7) == PH_DATA_OUT) {
		int in = (q.stat & 7) == PH_DATA_IN;
		uint32_t n = 8192, off = moved;
		if (off + n > BUF_MAX) {
			kprintf("# data phase beyond the buffer\n");
			return -2;
		}
		wr(TCL, n & 0xff);
		wr(TCM, (n >> 8) & 0xff);
		wr(CMD, C_NOP | C_DMA);
		wr(CMD, C_TRANS | C_DMA);
		if (stall_us) {
			if (!b->ioasic)
				*reg32(b->pmaz + 0x40000) = in ? PMAZ_DMAR_WRITE : 0;
			uint64_t until = now_us() + stall_us;
			while (now_us() < until)
				;
			stalled_ok = !(rd(STAT) & S_INT);
			stall_us = 0;
		}
		dma_start(in, off, n);
		q = wait_int();
		uint32_t resid = rd(TCL) | (uint32_t)rd(TCM) << 8;
		if (!in)
			resid += rd(FFLAG) & 0x1f;
		dma_stop(in, off, n - resid);
		if (!(q.intr & I_BS)) {
			kprintf("# data: intr %02x stat %02x\n", q.intr, q.stat);
			return -2;
		}
		moved += n - resid;
	}
	if ((q.stat & 7) != PH_STATUS) {
		kprintf("# expected STATUS phase: stat %02x\n", q.stat);
		return -2;
	}
	wr(CMD, C_ICCS);
	q = wait_int();
	unsigned nf = rd(FFLAG) & 0x1f;
	int status = rd(FIFO), msg = rd(FIFO);
	if (q.intr != I_FC || nf != 2 || msg != 0) {
		kprintf("# ICCS: intr %02x fifo %u msg %02x\n", q.intr, nf, msg);
		return -2;
	}
	wr(CMD, C_MSGOK);
	q = wait_int();
	if (q.intr != I_DIS) {
		kprintf("# MSGOK: intr %02x\n", q.intr);
		return -2;
	}
	us_all = now_us() - t0;
	return status;
}

static uint32_t be32(volatile uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static uint32_t pattern(uint32_t blk, uint32_t word) { return blk * 0x10000u + word; }

/* Do the buffer's n blocks hold blocks first.. of the host image? */
static int blocks_match(uint32_t first, uint32_t n, uint32_t xor)
{
	for (uint32_t k = 0; k < n; k++)
		for (uint32_t w = 0; w < 128; w++)
			if (buf32()[k * 128 + w] != (pattern(first + k, w) ^ xor)) {
				kprintf("# block %u word %u: %08x\n", first + k, w, buf32()[k * 128 + w]);
				return 0;
			}
	return 1;
}

static int rw10(int id, int write, uint32_t lba, unsigned n)
{
	uint8_t cdb[10] = { write ? 0x2a : 0x28, 0, (uint8_t)(lba >> 24), (uint8_t)(lba >> 16),
			    (uint8_t)(lba >> 8), (uint8_t)lba, 0, (uint8_t)(n >> 8), (uint8_t)n, 0 };
	return command(id, cdb, 10);
}

/* REQUEST SENSE: key in bits 3:0 of byte 2, ASC at byte 12. */
static int sense(int id, unsigned *key, unsigned *asc)
{
	const uint8_t cdb[6] = { 0x03, 0, 0, 0, 18, 0 };
	int s = command(id, cdb, 6);
	*key = buf8()[2] & 15;
	*asc = buf8()[12];
	return s == 0 && MOVED(18) && buf8()[0] == 0x70;
}

static uint32_t arg_num(const char *key, uint32_t dflt)
{
	const char *v = boot_arg_value(key);
	uint32_t n = 0;
	if (!v)
		return dflt;
	while (*v >= '0' && *v <= '9')
		n = n * 10 + (uint32_t)(*v++ - '0');
	return n;
}

static void disk_checks(int id, uint32_t blocks, int ro)
{
	/* INQUIRY. */
	const uint8_t inq[6] = { 0x12, 0, 0, 0, 36, 0 };
	int s = command(id, inq, 6);
	char vendor[9], product[17];
	for (int i = 0; i < 8; i++)
		vendor[i] = (char)buf8()[8 + i];
	for (int i = 0; i < 16; i++)
		product[i] = (char)buf8()[16 + i];
	vendor[8] = product[16] = 0;
	tap_ok(s == 0 && MOVED(36) && buf8()[0] == 0 && (buf8()[2] & 7) == 2 &&
	       !kstrcmp(vendor, "DEC     ") && !kstrncmp(product, "RZ26", 4),
	       "disk %d: INQUIRY: direct access, SCSI-2, '%s' '%s' (status %d, %u bytes)",
	       id, vendor, product, s, moved);

	/* READ CAPACITY. */
	const uint8_t cap[10] = { 0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
	s = command(id, cap, 10);
	tap_ok(s == 0 && MOVED(8) && be32(buf8()) == blocks - 1 && be32(buf8() + 4) == 512,
	       "disk %d: READ CAPACITY: last block %u, 512-byte blocks", id, be32(buf8()));

	/* READ(10) of 4 blocks; READ(6) of one. */
	s = rw10(id, 0, 5, 4);
	tap_ok(s == 0 && MOVED(2048) && blocks_match(5, 4, 0),
	       "disk %d: READ(10) blocks 5-8 by DMA hold the host's data", id);
	uint32_t last = blocks - 1;
	const uint8_t r6[6] = { 0x08, (uint8_t)((last >> 16) & 0x1f), (uint8_t)(last >> 8),
				(uint8_t)last, 1, 0 };
	s = command(id, r6, 6);
	tap_ok(s == 0 && MOVED(512) && blocks_match(last, 1, 0),
	       "disk %d: READ(6) of the last block (%u)", id, last);

	/* Out of range. */
	unsigned key = 0, asc = 0;
	s = rw10(id, 0, blocks - 1, 2);
	uint32_t mv = moved;
	int sn = sense(id, &key, &asc);
	tap_ok(s == 2 && (mv == 0 || gx) && sn && key == 5 && asc == 0x21,
	       "disk %d: READ past the end: CHECK CONDITION, ILLEGAL REQUEST, ASC 0x21 (%d %u %02x)",
	       id, s, key, asc);
	const uint8_t bad[6] = { 0xc7, 0, 0, 0, 0, 0 };	/* vendor-specific group 6 */
	s = command(id, bad, 6);
	sn = sense(id, &key, &asc);
	tap_ok(s == 2 && sn && key == 5 && asc == 0x20,
	       "disk %d: an unknown opcode: ILLEGAL REQUEST, ASC 0x20 (%d %u %02x)", id, s, key, asc);
	sn = sense(id, &key, &asc);
	tap_ok(sn && key == 0 && asc == 0, "disk %d: REQUEST SENSE cleared it (NO SENSE)", id);

	/* WRITE(10) two blocks, then read 6-9 back. */
	for (uint32_t k = 0; k < 2; k++)
		for (uint32_t w = 0; w < 128; w++)
			buf32()[k * 128 + w] = pattern(7 + k, w) ^ 0xffffffffu;
	s = rw10(id, 1, 7, 2);
	if (ro) {
		mv = moved;
		sn = sense(id, &key, &asc);
		tap_ok(s == 2 && (mv == 0 || gx) && sn && key == 7 && asc == 0x27,
		       "disk %d (ro:): WRITE: CHECK CONDITION, DATA PROTECT, ASC 0x27 (%d %u %02x)",
		       id, s, key, asc);
		s = rw10(id, 0, 7, 2);
		tap_ok(s == 0 && blocks_match(7, 2, 0), "disk %d (ro:): the blocks are unchanged", id);
	} else {
		tap_ok(s == 0 && MOVED(1024), "disk %d: WRITE(10) of 2 blocks by DMA (status %d, %u bytes)",
		       id, s, moved);
		s = rw10(id, 0, 6, 4);
		int ok = s == 0 && blocks_match(6, 1, 0);
		for (uint32_t k = 0; k < 128 * 2 && ok; k++)
			ok = buf32()[128 + k] == (pattern(7 + k / 128, k % 128) ^ 0xffffffffu);
		ok = ok && buf32()[3 * 128] == pattern(9, 0);
		tap_ok(ok, "disk %d: the written blocks read back, their neighbours unchanged", id);
	}
}

/* Reset as NetBSD does (ncr53c9x_reset; DEC's values, net-disk.md 4.2). */
static void chip_setup(void)
{
	wr(CMD, C_RSTCHIP);
	wr(CMD, C_NOP);
	wr(CFG3, 0);
	wr(CFG2, 0x08);		/* SCSI-2 */
	wr(CFG1, 7);		/* host ID 7; SCSI reset interrupt on */
	wr(CCF, 5);
	wr(SYNCOFF, 0);
	wr(TIMEOUT, 153);	/* 250 ms at 25 MHz, CCF 5 */
}

/* A DMA into memory that does not answer (128 MB, past the 32 MB of
   RAM): SIR bit 17, the engine stops, the chip waits; a chip and bus
   reset recover, and the disk answers again. */
static void memory_error_check(void)
{
	const uint8_t cdb[10] = { 0x28, 0, 0, 0, 0, 0, 0, 0, 1, 0 };
	*reg32(b->ioasic + IO_SIR) = ~SIR_SCSI_DMA;
	wr(CMD, C_FLUSH);
	wr(SELID, 0);
	wr(FIFO, 0x80);
	for (int i = 0; i < 10; i++)
		wr(FIFO, cdb[i]);
	wr(CMD, C_SELATN);
	struct irq q = wait_int();
	wr(TCL, 0);
	wr(TCM, 2);
	wr(CMD, C_NOP | C_DMA);
	wr(CMD, C_TRANS | C_DMA);
	*reg32(b->ioasic + IO_SCSI_DMAPTR) = 0x08000000u << 3;
	*reg32(b->ioasic + IO_SCSI_NEXTPTR) = 0xffffffffu;
	*reg32(b->ioasic + IO_SSR) |= SSR_SCSI_IN;
	*reg32(b->ioasic + IO_SSR) |= SSR_SCSI_DMA;
	uint64_t until = now_us() + 2000;
	while (now_us() < until)
		;
	uint32_t sir = *reg32(b->ioasic + IO_SIR);
	int waiting = !(rd(STAT) & S_INT);
	*reg32(b->ioasic + IO_SSR) &= ~(SSR_SCSI_DMA | SSR_SCSI_IN);
	*reg32(b->ioasic + IO_SIR) = ~SIR_SCSI_DMA;
	tap_ok((q.stat & 7) == PH_DATA_IN && (sir & 0x00020000u) && waiting &&
	       !(*reg32(b->ioasic + IO_SIR) & SIR_SCSI_DMA),
	       "IOASIC: a DMA to memory that does not answer latches SIR bit 17, the chip "
	       "waits; writing 0 clears it (SIR %08x)", sir);
	chip_setup();
	wr(CMD, C_RSTSCSI);
	q = wait_int();
	const uint8_t tur[6] = { 0, 0, 0, 0, 0, 0 };
	int s = command(0, tur, 6);
	tap_ok(q.intr == I_SBR && s == 0, "RSTCHIP and RSTSCSI recover: the disk answers (%d)", s);
}

void kmain(void)
{
	uint32_t sysid = prom_getsysid();
	b = SYSTYPE(sysid) == SYSTYPE_KN03 ? &kn03 : SYSTYPE(sysid) == SYSTYPE_KN02 ? &kn02 : &kn02ba;
	gx = boot_has_arg("gxemul");
	have_counter = !gx && COUNTER[0] == COUNTER_MAGIC;
	uint32_t blocks0 = arg_num("blocks0=", 0), blocks1 = arg_num("blocks1=", 0);
	kprintf("scsitest on %s\n", b->name);

	/* Interrupts from the chip reach the CPU line (never taken: the
	   Status register's IE stays off). */
	if (b->ioasic)
		*reg32(b->ioasic + IO_SIMR) = SIR_SCSI;
	else
		*reg32(b->csr) = (uint32_t)KN02_SCSI << 16 | 0xff;

	chip_setup();
	tap_ok(rd(CFG1) == 7 && rd(CFG2) == 0x08 && !(rd(STAT) & S_INT) && !pin(),
	       "chip reset: configuration reads back, no interrupt");
	wr(CMD, C_RSTSCSI);
	struct irq q = wait_int();
	tap_ok_dev(q.intr == I_SBR && q.pin && q.line && !pin() && !cpu_line(), gx, "FC set with SBR",
	       "RSTSCSI: SCSI-reset interrupt on the %s line and IP%d, dropped by reading INTR "
	       "(intr %02x, %d%d)", b->ioasic ? "IOASIC SIR" : "KN02 CSR", b->ip, q.intr, q.pin, q.line);

	/* An absent target: selection times out. */
	uint64_t t0 = now_us();
	const uint8_t tur[6] = { 0, 0, 0, 0, 0, 0 };
	int s = command(3, tur, 6);
	uint64_t dt = now_us() - t0;
	tap_ok(s == -1, "ID 3 (no disk): selection timeout, INTR DIS");
	if (have_counter)
		tap_ok(dt >= 245000 && dt <= 260000,
		       "the timeout takes TIMEOUT*8192*CCF chip clocks, 250 ms (%u us)", (unsigned)dt);
	else
		tap_ok(1, "selection timeout time # SKIP no counter page");
	wr(CMD, C_FLUSH);
	s = command(0, tur, 6);
	tap_ok(s == 0 && moved == 0, "disk 0: TEST UNIT READY: GOOD, no data (%d)", s);

	disk_checks(0, blocks0, 0);
	if (!gx)
		disk_checks(1, blocks1, 1);

	if (have_counter) {
		/* The chip waits for a DMA engine that is not taking data. */
		stall_us = 3000;
		s = rw10(0, 0, 10, 1);
		tap_ok(s == 0 && stalled_ok && blocks_match(10, 1, 0),
		       "a DMA %s: the chip waits 3 ms without an interrupt, then completes",
		       b->ioasic ? "engine not yet enabled" : "register pointing the wrong way");
	} else {
		tap_ok(1, "DMA stall # SKIP no counter page");
	}
	if (b->ioasic) {
		/* 8 KB from a page boundary: the engine moves to NEXTPTR at
		   the page's end (SIR bit 19), no overrun or memory error. */
		*reg32(b->ioasic + IO_SIR) = ~SIR_SCSI_DMA;
		sir_seen = 0;
		s = rw10(0, 0, 20, 16);
		tap_ok(s == 0 && moved == 8192 && blocks_match(20, 16, 0) && sir_seen == 0x00080000u,
		       "IOASIC: an 8 KB DMA over two pages loads NEXTPTR (SIR DMA bits %08x)", sir_seen);
		if (have_counter)
			memory_error_check();
		else
			tap_ok(1, "memory error # SKIP no counter page"), tap_ok(1, "recovery # SKIP");
	} else {
		tap_ok(1, "IOASIC page pointers # SKIP the PMAZ-AA has its SRAM");
		tap_ok(1, "IOASIC memory error # SKIP the PMAZ-AA's SRAM always answers");
		tap_ok(1, "recovery after a memory error # SKIP no IOASIC");
	}

	/* Idle chip: a TRANS with the bus free is an illegal command. */
	wr(CMD, C_TRANS);
	q = wait_int();
	tap_ok(q.intr == I_ILL, "TRANS with the bus free: ILLEGAL COMMAND (intr %02x)", q.intr);

	/* Timing against the model (timing.c timing_disk: 5400 rpm = 11111
	   us a revolution of 57 sectors, 0.5 ms command overhead, 20 us to
	   select, 333 ns a byte on the bus; seek(d) = a + b sqrt(d) through
	   1 ms at one cylinder and 10.5 ms at 857). Disk 0's 4096 blocks
	   span 6 of the model's cylinders (798 blocks each), so no seek here
	   passes seek(5), 1.42 ms: SEEK_US bounds it. */
	if (have_counter) {
#define SEEK_US	1500u
		s = rw10(0, 0, 0, 1);
		tap_ok(s == 0 && us_data >= 520 && us_data <= 520 + SEEK_US + 11112 + 195 + 100,
		       "a one-block read's target time (%u us) is within overhead + seek + "
		       "a revolution + a sector", (unsigned)us_data);
		s = rw10(0, 0, 100, 64);
		uint64_t media = 64u * 11111u / 57u, bus = 32768u * 333u / 1000u;
		/* The rest is the bus, the DMA set-up, and on the PMAZ-AA the
		   CPU's copies of 32 KB out of the card's SRAM (uncached). */
		uint64_t cpu = b->pmaz ? 12000 : 2000;
		tap_ok(s == 0 && us_data >= 520 + media && us_data <= 520 + SEEK_US + 11112 + media + 100 &&
		       us_all >= us_data + bus && us_all <= us_data + bus + cpu,
		       "a 64-block read: %u us to the data (media %u us), %u us in all (bus %u us)",
		       (unsigned)us_data, (unsigned)media, (unsigned)us_all, (unsigned)bus);
		/* The same block twice: the second waits most of a
		   revolution (the sector just passed), never more than one. */
		rw10(0, 0, 200, 1);
		s = rw10(0, 0, 200, 1);
		tap_ok(s == 0 && us_data >= 520 && us_data <= 520 + 11112 + 195 + 100,
		       "the same block again: %u us, no seek, at most a revolution", (unsigned)us_data);
	} else {
		tap_ok(1, "timing # SKIP no counter page");
		tap_ok(1, "timing # SKIP no counter page");
		tap_ok(1, "timing # SKIP no counter page");
	}
	tap_done();
}
