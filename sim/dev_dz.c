/*
 * dev_dz.c - the DEC DC7085 ("DZ") four-line serial controller of the
 * DECstation 5000/200 (KN02) at 0x1fe00000 (and the 3100's KN01).
 *
 * Registers: four 16-bit registers on an 8-byte stride (Linux
 * drivers/tty/serial/dz.h DZ_CSR 0x00, DZ_RBUF/DZ_LPR 0x08, DZ_TCR 0x10,
 * DZ_MSR/DZ_TDR 0x18; NetBSD sys/arch/pmax/ibus/dz_ibus.c struct dzregs),
 * little-endian, so NetBSD's byte registers dr_dtr (17), dr_tbuf (24),
 * dr_break (25) are the high/low halves of TCR and TDR. Bits as Linux dz.h
 * and GXemul src/include/thirdparty/dc7085.h name them:
 *   CSR  TRDY 0x8000 (ro), TIE 0x4000, SA 0x1000 (ro, silo alarm),
 *        SAE 0x2000, TLINE 0x0300 (ro), RDONE 0x0080 (ro), RIE 0x0040,
 *        MSE 0x0020, CLR 0x0010 (master clear), MAINT 0x0008 (loopback)
 *   RBUF DVAL 0x8000, OERR 0x4000, FERR 0x2000, PERR 0x1000, line 9..8,
 *        character 7..0 (reading pops the receive silo)
 *   LPR  RXENAB 0x1000, speed 11..8, parity/stop/size 7..3, line 1..0
 *   TCR  line enables 3..0, modem DTR/RTS in the high byte
 *   TDR  character 7..0 for the line TLINE names, break bits 11..8
 *
 * Transmitter scanning (how Linux dz_console_putchar and dz_transmit_chars
 * and NetBSD dzxint use it): while MSE is set the scanner looks for a line
 * whose TCR enable bit is set and whose transmitter is idle; it stops on
 * the first one found, setting TRDY and TLINE, and stays there until a TDR
 * write loads that line (or its TCR bit is cleared). The search resumes
 * after the last line served (round robin). TRDY with TIE interrupts.
 *
 * Receiver: a 64-entry silo (DZ11 heritage: "64-character silo";
 * UNCONFIRMED for the DC7085) of RBUF words. RDONE while it holds a
 * character; SA when 16 are waiting (DZ11 silo alarm level, UNCONFIRMED
 * for the DC7085). Interrupt: RIE && (SAE ? SA : RDONE). Host console
 * input arrives on the console line when its receiver is enabled; in
 * MAINT (loopback) mode every transmitted character comes back on its own
 * line's receiver instead of going out.
 *
 * Timing: like dev_scc.c, a character occupies its transmitter for a fixed
 * DZ_CHAR_CYCLES (a 9600-baud character, 1.04 ms, would make every test
 * run dozens of times longer); output reaches the host at once.
 * Master clear completes at once (CLR reads back 0: Linux dz_reset polls
 * it) and clears CSR, the silo, every LPR and TCR (Linux dz_reset rewrites
 * TCR after a clear "for the initial PROM-based console", so clear resets
 * it; UNCONFIRMED otherwise).
 */
#include <stdlib.h>
#include <string.h>
#include "devices.h"
#include "machine.h"

#define DZ_LINES	4
#define DZ_SILO		64
#define DZ_SILO_ALARM	16
#define DZ_CHAR_CYCLES	1000u

/* Register offsets (dz.h). */
#define R_CSR		0x00
#define R_RBUF		0x08	/* read; write = LPR */
#define R_TCR		0x10
#define R_MSR		0x18	/* read; write = TDR */

#define CSR_TRDY	0x8000u
#define CSR_TIE		0x4000u
#define CSR_SAE		0x2000u
#define CSR_SA		0x1000u
#define CSR_TLINE	0x0300u
#define CSR_RDONE	0x0080u
#define CSR_RIE		0x0040u
#define CSR_MSE		0x0020u
#define CSR_CLR		0x0010u
#define CSR_MAINT	0x0008u
#define CSR_RW		(CSR_TIE | CSR_SAE | CSR_RIE | CSR_MSE | CSR_MAINT)

#define RBUF_DVAL	0x8000u
#define RBUF_OERR	0x4000u

#define LPR_RXENAB	0x1000u

struct dz {
	struct machine *m;
	struct irq_out irq;
	int irq_level;
	int console;			/* host console line, -1 none */
	uint16_t csr;			/* the read/write bits only */
	uint16_t tcr;
	uint16_t lpr[DZ_LINES];
	uint16_t brk;			/* TDR break bits */
	uint64_t tx_busy_until[DZ_LINES];
	int trdy, tline;		/* scanner: stopped on tline with TRDY */
	int next_scan;			/* round-robin start of the next search */
	uint16_t silo[DZ_SILO];
	int silo_head, silo_count;
	int overrun[DZ_LINES];
	int tx_event_armed, rx_poll_armed;
};

static void dz_tx_event(struct machine *m, void *arg);
static void dz_rx_poll(struct machine *m, void *arg);

static int line_eligible(const struct dz *d, int line)
{
	return (d->tcr & (1u << line)) &&
	       machine_cycles(d->m) >= d->tx_busy_until[line];
}

/* The transmitter scanner, evaluated at the current cycle. If every
   enabled line is busy, arm an event for the first to finish so that an
   interrupt-driven guest hears about it. */
static void scan(struct dz *d)
{
	if (!(d->csr & CSR_MSE)) {
		d->trdy = 0;
		return;
	}
	if (d->trdy && line_eligible(d, d->tline))
		return;
	d->trdy = 0;
	for (int i = 0; i < DZ_LINES; i++) {
		int line = (d->next_scan + i) % DZ_LINES;
		if (line_eligible(d, line)) {
			d->trdy = 1;
			d->tline = line;
			return;
		}
	}
	uint64_t first = UINT64_MAX;
	for (int line = 0; line < DZ_LINES; line++)
		if ((d->tcr & (1u << line)) && d->tx_busy_until[line] < first)
			first = d->tx_busy_until[line];
	if (first != UINT64_MAX && !d->tx_event_armed) {
		d->tx_event_armed = 1;
		event_at(d->m, first, dz_tx_event, d);
	}
}

/* Pull one host console character into the silo if the console line's
   receiver is on (input from a file arrives in order: runs stay
   deterministic). Not in loopback: the line is then disconnected. */
static void rx_fill(struct dz *d)
{
	if (d->console < 0 || !(d->csr & CSR_MSE) || (d->csr & CSR_MAINT))
		return;
	if (!(d->lpr[d->console] & LPR_RXENAB) || d->silo_count >= DZ_SILO)
		return;
	int c = host_console_getc(d->m);
	if (c < 0)
		return;
	d->silo[(d->silo_head + d->silo_count++) % DZ_SILO] =
		(uint16_t)(RBUF_DVAL | (unsigned)d->console << 8 | (c & 0xff));
}

static void receive(struct dz *d, int line, uint8_t c)
{
	if (!(d->lpr[line] & LPR_RXENAB))
		return;
	if (d->silo_count >= DZ_SILO) {
		d->overrun[line] = 1;	/* flagged on the next character */
		return;
	}
	uint16_t w = (uint16_t)(RBUF_DVAL | (unsigned)line << 8 | c);
	if (d->overrun[line]) {
		w |= RBUF_OERR;
		d->overrun[line] = 0;
	}
	d->silo[(d->silo_head + d->silo_count++) % DZ_SILO] = w;
}

static uint16_t csr_value(struct dz *d)
{
	scan(d);
	uint16_t v = d->csr;
	if (d->trdy)
		v |= CSR_TRDY | (uint16_t)(d->tline << 8);
	if (d->silo_count && (d->csr & CSR_MSE))
		v |= CSR_RDONE;
	if (d->silo_count >= DZ_SILO_ALARM)
		v |= CSR_SA;
	return v;
}

static void update_irq(struct dz *d)
{
	uint16_t v = csr_value(d);
	int rx = (v & CSR_RIE) && ((v & CSR_SAE) ? (v & CSR_SA) : (v & CSR_RDONE));
	int level = ((v & CSR_TIE) && (v & CSR_TRDY)) || rx;
	if (level != d->irq_level) {
		d->irq_level = level;
		irq_out_set(&d->irq, level);
	}
	/* While receive interrupts are on, look for host input once per
	   character time (as dev_scc.c does). */
	if ((d->csr & (CSR_RIE | CSR_MSE)) == (CSR_RIE | CSR_MSE) && d->console >= 0 &&
	    !d->rx_poll_armed && d->m->console_in_fd >= 0 && !d->m->console_in_eof) {
		d->rx_poll_armed = 1;
		event_at(d->m, machine_cycles(d->m) + DZ_CHAR_CYCLES, dz_rx_poll, d);
	}
}

static void dz_tx_event(struct machine *m, void *arg)
{
	(void)m;
	struct dz *d = arg;
	d->tx_event_armed = 0;
	update_irq(d);
}

static void dz_rx_poll(struct machine *m, void *arg)
{
	(void)m;
	struct dz *d = arg;
	d->rx_poll_armed = 0;
	rx_fill(d);
	update_irq(d);
}

static void master_clear(struct dz *d)
{
	d->csr = 0;
	d->tcr = 0;
	d->brk = 0;
	memset(d->lpr, 0, sizeof d->lpr);
	memset(d->overrun, 0, sizeof d->overrun);
	d->silo_head = d->silo_count = 0;
	d->trdy = 0;
	d->next_scan = 0;
}

static void transmit(struct dz *d, uint8_t c)
{
	scan(d);
	if (!d->trdy)
		return;			/* no line is asking: nothing is loaded */
	int line = d->tline;
	d->trdy = 0;
	d->next_scan = (line + 1) % DZ_LINES;
	d->tx_busy_until[line] = machine_cycles(d->m) + DZ_CHAR_CYCLES;
	if (d->csr & CSR_MAINT)
		receive(d, line, c);
	else if (line == d->console)
		host_console_putc(d->m, c);
}

/* 16-bit registers; a byte access at +1 is the high byte. */
static uint16_t reg_read(struct dz *d, unsigned r)
{
	switch (r) {
	case R_CSR:
		rx_fill(d);
		return csr_value(d);
	case R_RBUF: {
		rx_fill(d);
		if (!d->silo_count)
			return 0;
		uint16_t w = d->silo[d->silo_head];
		d->silo_head = (d->silo_head + 1) % DZ_SILO;
		d->silo_count--;
		update_irq(d);
		return w;
	}
	case R_TCR:
		return d->tcr;
	default:
		/* MSR: no modem signals asserted on any line (UNCONFIRMED:
		   Linux dz_get_mctrl then reports CAR|DSR|CTS up). */
		return 0;
	}
}

static void reg_write(struct dz *d, unsigned r, uint16_t v, uint16_t mask)
{
	switch (r) {
	case R_CSR:
		if ((mask & CSR_CLR) && (v & CSR_CLR)) {
			master_clear(d);
			break;
		}
		d->csr = (uint16_t)((d->csr & ~(mask & CSR_RW)) | (v & mask & CSR_RW));
		break;
	case R_RBUF:			/* LPR: only whole-register writes */
		if (mask == 0xffff)
			d->lpr[v & 3] = v;
		break;
	case R_TCR:
		d->tcr = (uint16_t)((d->tcr & ~mask) | (v & mask));
		break;
	default:			/* TDR */
		if (mask & 0xff00)
			d->brk = (uint16_t)((v >> 8) & 0x0f);
		if (mask & 0x00ff)
			transmit(d, (uint8_t)v);
		break;
	}
	update_irq(d);
}

static int dz_read(void *dev, uint32_t off, unsigned size, uint32_t *val)
{
	struct dz *d = dev;
	unsigned r = off & 0x18, b = off & 7;
	*val = 0;
	if (b >= 2)
		return 0;		/* the upper half of each word is unused */
	uint16_t v = reg_read(d, r);
	*val = size == 1 ? (b ? v >> 8 : v & 0xff) : v;
	return 0;
}

static int dz_write(void *dev, uint32_t off, unsigned size, uint32_t val)
{
	struct dz *d = dev;
	unsigned r = off & 0x18, b = off & 7;
	if (b >= 2)
		return 0;
	if (size == 1)
		reg_write(d, r, (uint16_t)((val & 0xff) << (8 * b)), b ? 0xff00 : 0x00ff);
	else
		reg_write(d, r, (uint16_t)val, 0xffff);
	return 0;
}

/* For the idle skip: would rx_fill() take nothing now? */
static int rx_quiet(struct dz *d)
{
	if (d->console < 0 || !(d->csr & CSR_MSE) || (d->csr & CSR_MAINT) ||
	    !(d->lpr[d->console] & LPR_RXENAB) || d->silo_count >= DZ_SILO)
		return 1;
	return !host_console_ready(d->m);
}

/* For the idle skip: would scan() change nothing, now or later until an
   event? Not while a transmitter is still busy (the scanner's answer
   follows the cycle count then) or about to be picked. */
static int scan_quiet(const struct dz *d)
{
	if (!(d->csr & CSR_MSE))
		return !d->trdy;
	if (d->trdy && line_eligible(d, d->tline))
		return 1;
	return !d->trdy && !d->tcr;	/* no line to scan: nothing changes */
}

/* For the idle skip (bus_set_stable): a read of CSR, TCR or MSR, or of
   an empty RBUF, with no host input waiting, changes nothing and gives
   the same value until an event or a write. */
int dz_stable(void *dev, uint32_t off, unsigned size)
{
	struct dz *d = dev;
	(void)size;
	if ((off & 7) >= 2)
		return 1;
	switch (off & 0x18) {
	case R_CSR: return rx_quiet(d) && scan_quiet(d);
	case R_RBUF: return d->silo_count == 0 && rx_quiet(d);
	default: return 1;
	}
}

const struct device_ops dz_ops = { dz_read, dz_write };

struct dz *dz_new(struct machine *m, struct irq_out irq, int console_line)
{
	struct dz *d = machine_zalloc(m, sizeof *d);
	d->m = m;
	d->irq = irq;
	d->console = console_line;
	/* What the PROM leaves behind on its console line: scanning on, the
	   line's transmitter enabled, 9600 baud, 8 bits, receiver on (the
	   settings NetBSD dz_ibus_cnattach and Linux dz_reset apply). */
	d->csr = CSR_MSE;
	if (console_line >= 0) {
		d->tcr = (uint16_t)(1u << console_line);
		d->lpr[console_line] = (uint16_t)(LPR_RXENAB | 0x0e00 | 0x0018 | console_line);
	}
	return d;
}
