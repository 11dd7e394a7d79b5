/*
 * dev_asc.c - the NCR 53C94 SCSI controller ("ASC") as DEC's boards use it
 * (net-disk.md 4): sixteen byte registers on a 4-byte stride (NetBSD
 * ncr53c9xreg.h), a 16-byte FIFO, a 16-bit transfer counter, and the
 * initiator commands a driver issues: NOP, FLUSH, RSTCHIP, RSTSCSI,
 * SELNATN/SELATN (select, then send the IDENTIFY message and the CDB from
 * the FIFO), TRANS (transfer information, by DMA or through the FIFO),
 * ICCS (status and message bytes into the FIFO), MSGOK, SETATN/RSTATN and
 * ENSEL/DISSEL (accepted, no effect). Behaviour follows NetBSD's
 * ncr53c9x.c interrupt flow (select: FC|BS with STEP 4; data: BS with
 * STAT.TC; ICCS: FC; MSGOK: DIS; selection timeout: DIS) and GXemul's
 * dev_asc.c (the line drops when INTR is read); our own code.
 * Every sequence completes in simulated time (timing.c timing_disk) with
 * an event, never inside the register write, so a driver sees the chip
 * busy as it would. Data move at the event through the board's DMA path
 * (struct asc_dma); if the engine is not running yet the chip waits and
 * tries again (ASC_DMA_RETRY_US), as a real chip holds DREQ.
 * Not modelled: reselection (targets never disconnect), DMA selection
 * (0xc1/0xc2 give ILLEGAL COMMAND), synchronous transfers (SYNCOFF is
 * stored and ignored), parity, the two-deep command queue (a command while
 * a sequence runs gives ILLEGAL COMMAND, except NOP, FLUSH and the resets).
 */
#include <stdio.h>
#include <string.h>
#include "scsi.h"
#include "timing.h"

/* Registers (ncr53c9xreg.h). */
enum { R_TCL, R_TCM, R_FIFO, R_CMD, R_STAT, R_INTR, R_STEP, R_FFLAG,
       R_CFG1, R_CCF, R_TEST, R_CFG2, R_CFG3, R_RES_D, R_TCH, R_RES_F };
#define R_SELID		R_STAT		/* write side of 4 */
#define R_TIMEOUT	R_INTR		/* 5 */
#define R_SYNCTP	R_STEP		/* 6 */
#define R_SYNCOFF	R_FFLAG		/* 7 */

#define STAT_INT	0x80
#define STAT_TC		0x10
#define INTR_SBR	0x80
#define INTR_ILL	0x40
#define INTR_DIS	0x20
#define INTR_BS		0x10
#define INTR_FC		0x08
#define CFG1_SRR	0x40	/* disable the SCSI-reset interrupt */

#define CMD_DMA		0x80
/* Bus phases (STAT 2:0: MSG 4, C/D 2, I/O 1). */
enum { PH_DATA_OUT = 0, PH_DATA_IN = 1, PH_COMMAND = 2, PH_STATUS = 3,
       PH_MSG_OUT = 6, PH_MSG_IN = 7 };

#define FIFO_LEN		16	/* GXemul ASC_FIFO_LEN */
#define ASC_DMA_RETRY_US	10	/* a stalled DMA looks again this often */

/* What the pending event completes. */
enum pend { P_NONE, P_SELECT, P_TIMEOUT, P_TRANSFER, P_WRITE_DONE, P_ICCS, P_MSGIN, P_PHASE, P_MSGOK, P_RESET };

struct asc {
	struct machine *m;
	struct irq_out irq;
	struct asc_dma dma;
	unsigned clock_mhz;
	uint8_t reg[16];		/* write-side values (CFG, SELID, ...) */
	uint8_t fifo[FIFO_LEN];
	unsigned nfifo;
	uint32_t tc;			/* the counter (16 bits; 65536 reads as 0) */
	uint8_t stat, intr, step;	/* latched; STAT_INT with a pending interrupt */
	uint8_t cmd;
	/* The bus: connected to target (-1: bus free) in phase. */
	int target, phase;
	int msg_taken;			/* MSG IN byte in the FIFO, ACK held */
	struct scsi_cmd c;
	uint32_t done;			/* bytes of the data phase moved */
	/* The sequence under way. */
	enum pend pend;
	uint32_t xfer_left;		/* P_TRANSFER: bytes still to move by DMA */
	int xfer_dma;
	uint8_t next_intr, next_step;
	int next_phase;
	char note[96];
};

static uint64_t ns_to_cycles(struct asc *a, uint64_t ns)
{
	return ns * a->m->model->timing->mhz / 1000u;
}

static uint64_t now_ns(struct asc *a)
{
	return machine_cycles(a->m) * 1000u / a->m->model->timing->mhz;
}

static void raise(struct asc *a, uint8_t intr)
{
	a->intr |= intr;
	a->stat |= STAT_INT;
	irq_out_set(&a->irq, 1);
}

static void event(struct machine *m, void *arg);

static void later(struct asc *a, enum pend p, uint64_t ns)
{
	a->pend = p;
	event_at(a->m, machine_cycles(a->m) + ns_to_cycles(a, ns) + 1, event, a);
}

static void bus_free(struct asc *a)
{
	a->target = -1;
	a->phase = 0;
	a->msg_taken = 0;
}

/* The phase the target goes to after its command or its data. */
static int after_data(const struct asc *a)
{
	return a->c.dir == SCSI_DIR_NONE || a->done >= a->c.len ? PH_STATUS
	       : a->c.dir == SCSI_DIR_IN ? PH_DATA_IN : PH_DATA_OUT;
}

static void fifo_push(struct asc *a, uint8_t b)
{
	if (a->nfifo < FIFO_LEN)
		a->fifo[a->nfifo++] = b;
}

/* Move bytes of the data phase by DMA; 1 when the whole request is done. */
static int dma_step(struct asc *a)
{
	if (a->xfer_left == 0)
		return 1;
	uint32_t moved = a->dma.move ? a->dma.move(a->dma.ctx, a->phase == PH_DATA_IN,
						   a->c.data + a->done, a->xfer_left) : 0;
	a->done += moved;
	a->xfer_left -= moved;
	a->tc -= moved;
	return a->xfer_left == 0;
}

static void transfer_end(struct asc *a)
{
	if (a->tc == 0)
		a->stat |= STAT_TC;
	if (a->done >= a->c.len && a->c.is_write) {
		/* The written blocks go to the medium before the target
		   moves on to STATUS. */
		uint64_t ns = scsi_disk_media_ns(a->m->scsi[a->target], a->c.lba, a->c.nblocks,
						 now_ns(a));
		a->m->stats.scsi_blocks_written += a->c.nblocks;
		a->m->stats.scsi_disk_ns += ns;
		later(a, P_WRITE_DONE, ns);
		return;
	}
	a->phase = after_data(a);
	raise(a, INTR_BS);
}

static void event(struct machine *m, void *arg)
{
	struct asc *a = arg;
	(void)m;
	enum pend p = a->pend;
	a->pend = P_NONE;
	switch (p) {
	case P_NONE:
		break;
	case P_SELECT:
		a->phase = a->next_phase;
		a->step = 4;		/* selected, message and command sent */
		raise(a, INTR_FC | INTR_BS);
		break;
	case P_TIMEOUT:
		bus_free(a);
		a->step = 0;
		raise(a, INTR_DIS);
		break;
	case P_TRANSFER:
		if (!dma_step(a)) {
			a->pend = P_TRANSFER;	/* the engine is not taking data: wait */
			event_at(a->m, machine_cycles(a->m) +
				 ns_to_cycles(a, ASC_DMA_RETRY_US * 1000u) + 1, event, a);
			break;
		}
		transfer_end(a);
		break;
	case P_WRITE_DONE:
		a->phase = PH_STATUS;
		raise(a, INTR_BS);
		break;
	case P_ICCS:
		fifo_push(a, a->c.status);
		fifo_push(a, 0x00);	/* COMMAND COMPLETE */
		a->phase = PH_MSG_IN;
		a->msg_taken = 1;
		raise(a, INTR_FC);
		break;
	case P_MSGIN:
		fifo_push(a, 0x00);	/* COMMAND COMPLETE; ACK held until MSGOK */
		a->msg_taken = 1;
		raise(a, INTR_FC);
		break;
	case P_PHASE:
		a->phase = a->next_phase;
		raise(a, INTR_BS);
		break;
	case P_MSGOK:
		bus_free(a);		/* after COMMAND COMPLETE the target lets go */
		raise(a, INTR_DIS);
		break;
	case P_RESET:
		if (!(a->reg[R_CFG1] & CFG1_SRR))
			raise(a, INTR_SBR);
		break;
	}
}

static void illegal(struct asc *a, const char *why)
{
	machine_device_note(a->m, "asc: illegal command 0x%02x: %s", a->cmd, why);
	raise(a, INTR_ILL);
}

static uint32_t dma_count(const struct asc *a)
{
	uint32_t n = (uint32_t)a->reg[R_TCM] << 8 | a->reg[R_TCL];
	return n ? n : 65536u;
}

static void cmd_select(struct asc *a, int atn)
{
	const struct timing_disk *t = &timing_disk;
	int id = a->reg[R_SELID] & 7;
	struct scsi_disk *d = id == (a->reg[R_CFG1] & 7) ? NULL : a->m->scsi[id];
	if (a->target >= 0) {
		illegal(a, "select while connected");
		return;
	}
	if (!d) {
		/* Nobody answers: DIS after TIMEOUT * 8192 * CCF chip clocks
		   (53C94 data manual; NetBSD ncr53c9x_attach's formula); CCF 0
		   means 8, TIMEOUT 0 is taken as 256 (UNCONFIRMED). */
		unsigned ccf = a->reg[R_CCF] & 7 ? a->reg[R_CCF] & 7 : 8;
		unsigned to = a->reg[R_TIMEOUT] ? a->reg[R_TIMEOUT] : 256;
		later(a, P_TIMEOUT, (uint64_t)to * 8192u * ccf * 1000u / a->clock_mhz);
		return;
	}
	uint8_t cdb[16];
	unsigned n = 0, i = atn ? 1 : 0;	/* with ATN the first byte is IDENTIFY */
	for (; i < a->nfifo && n < sizeof cdb; i++)
		cdb[n++] = a->fifo[i];
	a->nfifo = 0;
	if (n == 0) {
		illegal(a, "no command bytes in the FIFO");
		return;
	}
	a->target = id;
	a->done = 0;
	a->msg_taken = 0;
	uint64_t sel_ns = (uint64_t)t->select_us * 1000u;
	scsi_disk_command(d, cdb, n, now_ns(a) + sel_ns, &a->c);
	a->next_phase = after_data(a);
	a->m->stats.scsi_commands++;
	a->m->stats.scsi_disk_ns += a->c.ns_before_data;
	if (a->c.dir == SCSI_DIR_IN)
		a->m->stats.scsi_blocks_read += a->c.nblocks;
	machine_device_note(a->m, "asc: select %d cdb %02x: status %u, %s %u bytes", id, cdb[0],
			    a->c.status, a->c.dir == SCSI_DIR_IN ? "in" : a->c.dir == SCSI_DIR_OUT ?
			    "out" : "no data", a->c.len);
	later(a, P_SELECT, sel_ns + a->c.ns_before_data);
}

static void cmd_transfer(struct asc *a, int dma)
{
	const struct timing_disk *t = &timing_disk;
	if (a->target < 0) {
		illegal(a, "transfer with the bus free");
		return;
	}
	if (a->phase == PH_DATA_IN || a->phase == PH_DATA_OUT) {
		uint32_t left = a->c.len - a->done;
		uint32_t n;
		if (dma) {
			a->tc = dma_count(a);
			n = a->tc < left ? a->tc : left;
			a->xfer_left = n;
			later(a, P_TRANSFER, (uint64_t)n * t->bus_ns_per_byte);
			return;
		}
		/* Programmed I/O: through the FIFO, at most a FIFO-full. */
		if (a->phase == PH_DATA_IN) {
			n = FIFO_LEN - a->nfifo < left ? FIFO_LEN - a->nfifo : left;
			for (uint32_t i = 0; i < n; i++)
				fifo_push(a, a->c.data[a->done + i]);
		} else {
			n = a->nfifo < left ? a->nfifo : left;
			memcpy(a->c.data + a->done, a->fifo, n);
			memmove(a->fifo, a->fifo + n, a->nfifo - n);
			a->nfifo -= n;
		}
		a->done += n;
		a->xfer_left = 0;
		later(a, P_TRANSFER, (uint64_t)n * t->bus_ns_per_byte);
		return;
	}
	if (a->phase == PH_STATUS) {
		/* The status byte alone; the target then goes to MSG IN. */
		fifo_push(a, a->c.status);
		a->next_phase = PH_MSG_IN;
		later(a, P_PHASE, (uint64_t)t->chip_us * 1000u);	/* BS, phase MSG IN */
		return;
	}
	if (a->phase == PH_MSG_IN && !a->msg_taken) {
		later(a, P_MSGIN, (uint64_t)t->chip_us * 1000u);	/* one byte, FC */
		return;
	}
	illegal(a, "transfer in this phase");
}

static void asc_reset(struct asc *a)
{
	event_cancel(a->m, event, a);
	a->pend = P_NONE;
	a->nfifo = 0;
	a->stat = a->intr = a->step = 0;
	a->tc = 0;
	irq_out_set(&a->irq, 0);
}

/* RSTCHIP, or the board's reset line: registers to their reset values
   (CFG1 keeps the host ID NetBSD rewrites anyway). */
void asc_chip_reset(struct asc *a)
{
	asc_reset(a);
	a->reg[R_CFG1] = SCSI_HOST_ID;
	a->reg[R_CFG2] = a->reg[R_CFG3] = 0;
}

static void command(struct asc *a, uint8_t cmd)
{
	const struct timing_disk *t = &timing_disk;
	a->cmd = cmd;
	unsigned op = cmd & 0x7f;
	int dma = (cmd & CMD_DMA) != 0;
	if (a->pend != P_NONE && op > 0x03) {
		illegal(a, "a sequence is under way");
		return;
	}
	switch (op) {
	case 0x00:			/* NOP; with DMA it loads the counter */
		if (dma)
			a->tc = dma_count(a);
		break;
	case 0x01:			/* FLUSH FIFO */
		a->nfifo = 0;
		break;
	case 0x02:			/* RESET CHIP: the bus is left as it is */
		asc_chip_reset(a);
		break;
	case 0x03:			/* RESET SCSI BUS */
		asc_reset(a);
		bus_free(a);
		for (int i = 0; i < 8; i++)
			if (a->m->scsi[i])
				scsi_disk_bus_reset(a->m->scsi[i]);
		later(a, P_RESET, 25000);	/* SCSI-2 reset hold time, 25 us */
		break;
	case 0x10:			/* TRANSFER INFORMATION */
		cmd_transfer(a, dma);
		break;
	case 0x11:			/* INITIATOR COMMAND COMPLETE SEQUENCE */
		if (a->target < 0 || a->phase != PH_STATUS) {
			illegal(a, "ICCS outside STATUS phase");
			break;
		}
		later(a, P_ICCS, (uint64_t)t->chip_us * 1000u);
		break;
	case 0x12:			/* MESSAGE ACCEPTED */
		if (a->target < 0 || a->phase != PH_MSG_IN || !a->msg_taken) {
			illegal(a, "MSGOK without a message");
			break;
		}
		later(a, P_MSGOK, (uint64_t)t->chip_us * 1000u);
		break;
	case 0x1a: case 0x1b:		/* SET / RESET ATN: no messages out modelled */
	case 0x44: case 0x45:		/* ENABLE / DISABLE RESELECTION */
		break;
	case 0x41: case 0x42:		/* SELECT without / with ATN */
		if (dma) {
			illegal(a, "DMA selection is not modelled");
			break;
		}
		cmd_select(a, op == 0x42);
		break;
	default:
		illegal(a, "not a command pmaxsim models");
		break;
	}
}

static int asc_read(void *dev, uint32_t off, unsigned size, uint32_t *val)
{
	struct asc *a = dev;
	(void)size;
	unsigned r = (off >> 2) & 15;
	*val = 0;
	if (off & 3)
		return 0;		/* the chip sits in byte lane 0 */
	switch (r) {
	case R_TCL: *val = a->tc & 0xff; break;
	case R_TCM: *val = (a->tc >> 8) & 0xff; break;
	case R_FIFO:
		if (a->nfifo) {
			*val = a->fifo[0];
			memmove(a->fifo, a->fifo + 1, --a->nfifo);
		}
		break;
	case R_CMD: *val = a->cmd; break;
	case R_STAT: *val = a->stat | (a->target >= 0 ? (unsigned)a->phase : 0); break;
	case R_INTR:
		/* Reading INTR clears it, STAT's latched bits and STEP, and
		   drops the line (ncr53c9x_readregs; GXemul). */
		*val = a->intr;
		a->intr = 0;
		a->stat = 0;
		a->step = 0;
		irq_out_set(&a->irq, 0);
		break;
	case R_STEP: *val = a->step; break;
	case R_FFLAG: *val = (a->nfifo & 0x1f) | (uint32_t)(a->step & 7) << 5; break;
	case R_CFG1: case R_CFG2: case R_CFG3: *val = a->reg[r]; break;
	default: break;			/* write-only or reserved: 0 */
	}
	return 0;
}

static int asc_write(void *dev, uint32_t off, unsigned size, uint32_t val)
{
	struct asc *a = dev;
	(void)size;
	unsigned r = (off >> 2) & 15;
	if (off & 3)
		return 0;
	val &= 0xff;
	switch (r) {
	case R_FIFO: fifo_push(a, (uint8_t)val); break;
	case R_CMD: command(a, (uint8_t)val); break;
	default: a->reg[r] = (uint8_t)val; break;
	}
	return 0;
}

const struct device_ops asc_ops = { asc_read, asc_write };

/* For the idle skip: every register but FIFO and INTR (whose reads pop or
   clear) changes only at the chip's event or a write. */
int asc_stable(void *dev, uint32_t off, unsigned size)
{
	(void)dev; (void)size;
	unsigned r = (off >> 2) & 15;
	return r != R_FIFO && r != R_INTR;
}

struct asc *asc_new(struct machine *m, struct irq_out irq, struct asc_dma dma, unsigned clock_mhz)
{
	struct asc *a = machine_zalloc(m, sizeof *a);
	a->m = m;
	a->irq = irq;
	a->dma = dma;
	a->clock_mhz = clock_mhz;
	a->target = -1;
	a->reg[R_CFG1] = SCSI_HOST_ID;
	return a;
}
