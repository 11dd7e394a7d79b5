/*
 * dev_scc.c - the Zilog Z85C30 SCC as the DECstation IOASIC wires it. Each
 * register byte sits in bits 15..8 of a 32-bit word (NetBSD
 * sys/dev/tc/zs_ioasic.c struct zshan: u16 csr, pad, u16 data, pad; Linux
 * drivers/tty/serial/zs.c ZS_CHAN_IO_OFFSET 1); channel B at +0x0 (control)
 * / +0x4 (data), channel A at +0x8 / +0xc ("Yes, they are backwards").
 * Registers and bits: Zilog Z8530 manual as NetBSD sys/dev/ic/z8530reg.h
 * names them. Interrupts go to an IOASIC SIR bit (SCC0 0x40, SCC1 0x80).
 */
#include <stdlib.h>
#include <string.h>
#include "devices.h"
#include "machine.h"

/* Transmit time of one character. A real line at 9600 baud takes 1.04 ms
   (41,667 cycles at 40 MHz): far too slow for test runs. We model a fixed
   1000 CPU cycles (25 us at 40 MHz, about a 400 kbaud line): long enough
   that TX-empty visibly drops after each write, short enough for tests. */
#define SCC_CHAR_CYCLES	1000u

/* RR0 */
#define RR0_RX_READY	0x01
#define RR0_TX_EMPTY	0x04
#define RR0_DCD		0x08
#define RR0_CTS		0x20
#define RR0_TX_EOM	0x40	/* Tx underrun/EOM: set while idle */
/* RR1 */
#define RR1_ALL_SENT	0x01
#define RR1_RESIDUE	0x06	/* residue code 011 for 8 bits/char */
/* RR3 (channel A only): interrupt pending bits */
#define RR3_B_EXT	0x01
#define RR3_B_TX	0x02
#define RR3_B_RX	0x04
#define RR3_A_EXT	0x08
#define RR3_A_TX	0x10
#define RR3_A_RX	0x20
/* WR0 commands (bits 5..3) */
#define WR0_POINT_HIGH	1
#define WR0_RESET_EXT	2
#define WR0_INT_NEXT_RX	4
#define WR0_RESET_TXINT	5
#define WR0_ERROR_RESET	6
#define WR0_RESET_IUS	7
/* WR1 */
#define WR1_EXT_IE	0x01
#define WR1_TX_IE	0x02
#define WR1_RX_MODE	0x18	/* 00 off, 01 first char, 10 all chars, 11 special only */
/* WR3 / WR5 */
#define WR3_RX_ENABLE	0x01
#define WR5_TX_ENABLE	0x08
/* WR9 */
#define WR9_MIE		0x08
#define WR9_RESET_MASK	0xc0
#define WR9_RESET_B	0x40
#define WR9_RESET_A	0x80
#define WR9_HARD_RESET	0xc0
#define WR9_VIS		0x01
#define WR9_STATUS_HIGH	0x10

enum { CH_A = 0, CH_B = 1 };

struct scc_chan {
	uint8_t wr[16];
	uint8_t ptr;		/* register pointer (0 after each access) */
	int tx_busy;		/* a character is being shifted out */
	int tx_held;		/* written while TxEN was off: waits */
	uint8_t tx_byte;
	int tx_ip, rx_ip_armed;	/* Tx interrupt pending; Rx "first char" armed */
	int rx_ready;		/* a received character is in the buffer */
	uint8_t rx_byte;
};

struct scc {
	struct machine *m;
	const char *name;
	struct irq_out irq;
	int console;		/* channel wired to the host console, or -1 */
	int irq_level;
	int rx_poll_armed;
	struct scc_chan ch[2];
};

static void scc_update_irq(struct scc *s);
static void scc_tx_done(struct machine *m, void *arg);
static void scc_tx_done_b(struct machine *m, void *arg);
static void scc_rx_poll(struct machine *m, void *arg);

/* Power-on register values of one channel (Z8530 manual, reset table). */
static void chan_reset(struct scc *s, int c, int hard)
{
	struct scc_chan *ch = &s->ch[c];
	uint8_t wr2 = ch->wr[2], wr9 = ch->wr[9];
	if (ch->tx_busy)
		event_cancel(s->m, c == CH_A ? scc_tx_done : scc_tx_done_b, s);
	memset(ch, 0, sizeof *ch);
	ch->wr[4] = 0x04;
	ch->wr[11] = 0x08;
	ch->wr[14] = 0x20;
	ch->wr[15] = 0xf8;
	if (!hard) {		/* a channel reset keeps WR2 and WR9 */
		ch->wr[2] = wr2;
		ch->wr[9] = wr9;
	}
}

/* Both channels share WR2 and WR9; we keep them in channel A. */
static uint8_t *wr9(struct scc *s) { return &s->ch[CH_A].wr[9]; }

static void scc_hard_reset(struct scc *s)
{
	chan_reset(s, CH_A, 1);
	chan_reset(s, CH_B, 1);
	*wr9(s) = 0;		/* MIE off; the reset command bits are not kept */
	scc_update_irq(s);
}

/* What the PROM leaves on its console line: 8 bits, 1 stop, x16 clock,
   receiver and transmitter on, DTR and RTS up (NetBSD zs_ioasic.c
   zs_ioasic_init_reg with cs_preg[5] |= DTR|RTS; BRG constant 22 = 9600
   baud from the 7.3728 MHz PCLK). */
static void chan_prom_setup(struct scc_chan *ch)
{
	ch->wr[3] = 0xc0 | WR3_RX_ENABLE;
	ch->wr[4] = 0x44;
	ch->wr[5] = 0x60 | WR5_TX_ENABLE | 0x80 | 0x02;
	ch->wr[11] = 0x50;
	ch->wr[12] = 22;
	ch->wr[13] = 0;
	ch->wr[14] = 0x03;
}

/* ---- receive --------------------------------------------------------- */

/* Pull a host character into the console channel's buffer if it is free. */
static void rx_fill(struct scc *s)
{
	if (s->console < 0)
		return;
	struct scc_chan *ch = &s->ch[s->console];
	if (ch->rx_ready || !(ch->wr[3] & WR3_RX_ENABLE))
		return;
	int c = host_console_getc(s->m);
	if (c < 0)
		return;
	ch->rx_ready = 1;
	ch->rx_byte = (uint8_t)c;
}

static int rx_ip(const struct scc_chan *ch)
{
	if (!ch->rx_ready)
		return 0;
	switch (ch->wr[1] & WR1_RX_MODE) {
	case 0x08: return ch->rx_ip_armed;	/* first character only */
	case 0x10: return 1;			/* every character */
	default: return 0;			/* off, or special conditions only */
	}
}

/* While receive interrupts are on, look for host input once per character
   time (input from a file arrives in order, so runs stay deterministic). */
static void rx_poll_arm(struct scc *s)
{
	if (s->console < 0 || s->rx_poll_armed)
		return;
	struct scc_chan *ch = &s->ch[s->console];
	if (!(ch->wr[1] & WR1_RX_MODE) || !(*wr9(s) & WR9_MIE))
		return;
	if (s->m->console_in_fd < 0 || s->m->console_in_eof)
		return;
	s->rx_poll_armed = 1;
	event_at(s->m, machine_cycles(s->m) + SCC_CHAR_CYCLES, scc_rx_poll, s);
}

static void scc_rx_poll(struct machine *m, void *arg)
{
	(void)m;
	struct scc *s = arg;
	s->rx_poll_armed = 0;
	rx_fill(s);
	scc_update_irq(s);
	rx_poll_arm(s);
}

/* ---- transmit -------------------------------------------------------- */

static void tx_start(struct scc *s, int c)
{
	struct scc_chan *ch = &s->ch[c];
	ch->tx_held = 0;
	ch->tx_busy = 1;
	/* Output appears at once: a guest that halts right after its last
	   write must not lose the character. Only the busy time is modelled. */
	if (c == s->console)
		host_console_putc(s->m, ch->tx_byte);
	event_at(s->m, machine_cycles(s->m) + SCC_CHAR_CYCLES,
		 c == CH_A ? scc_tx_done : scc_tx_done_b, s);
}

static void tx_finish(struct scc *s, int c)
{
	struct scc_chan *ch = &s->ch[c];
	ch->tx_busy = 0;
	if (ch->wr[1] & WR1_TX_IE)
		ch->tx_ip = 1;		/* the buffer has just become empty */
	scc_update_irq(s);
}

static void scc_tx_done(struct machine *m, void *arg) { (void)m; tx_finish(arg, CH_A); }
static void scc_tx_done_b(struct machine *m, void *arg) { (void)m; tx_finish(arg, CH_B); }

static void tx_write(struct scc *s, int c, uint8_t byte)
{
	struct scc_chan *ch = &s->ch[c];
	if (ch->tx_busy || ch->tx_held)
		return;			/* overrun: the byte is lost, as on the chip */
	ch->tx_byte = byte;
	ch->tx_ip = 0;			/* loading the buffer clears Tx IP */
	if (ch->wr[5] & WR5_TX_ENABLE)
		tx_start(s, c);
	else
		ch->tx_held = 1;
	scc_update_irq(s);
}

/* ---- interrupts ------------------------------------------------------ */

static uint8_t rr3(struct scc *s)
{
	uint8_t v = 0;
	if (rx_ip(&s->ch[CH_A])) v |= RR3_A_RX;
	if (s->ch[CH_A].tx_ip) v |= RR3_A_TX;
	if (rx_ip(&s->ch[CH_B])) v |= RR3_B_RX;
	if (s->ch[CH_B].tx_ip) v |= RR3_B_TX;
	return v;
}

static void scc_update_irq(struct scc *s)
{
	int level = (*wr9(s) & WR9_MIE) && rr3(s);
	if (level != s->irq_level) {
		s->irq_level = level;
		irq_out_set(&s->irq, level);
	}
	rx_poll_arm(s);
}

/* RR2 of channel B: the vector with the status of the highest pending
   condition in bits 3..1 (or 6..4 with WR9 status-high), when VIS. */
static uint8_t rr2_b(struct scc *s)
{
	uint8_t vec = s->ch[CH_A].wr[2], st;
	uint8_t ip = rr3(s);
	if (ip & RR3_A_RX) st = 6;
	else if (ip & RR3_A_TX) st = 4;
	else if (ip & RR3_B_RX) st = 2;
	else if (ip & RR3_B_TX) st = 0;
	else st = 3;			/* no interrupt pending */
	if (!(*wr9(s) & WR9_VIS))
		return vec;
	if (*wr9(s) & WR9_STATUS_HIGH) {
		/* bits 4..6 carry the status, reversed */
		uint8_t r = (uint8_t)(((st & 1) << 2) | (st & 2) | ((st & 4) >> 2));
		return (uint8_t)((vec & ~0x70) | (r << 4));
	}
	return (uint8_t)((vec & ~0x0e) | (st << 1));
}

/* ---- register access -------------------------------------------------- */

static uint8_t read_reg(struct scc *s, int c, unsigned reg)
{
	struct scc_chan *ch = &s->ch[c];
	switch (reg) {
	case 0: {
		if (c == s->console)
			rx_fill(s);
		uint8_t v = 0;
		if (ch->rx_ready) v |= RR0_RX_READY;
		if (!ch->tx_busy && !ch->tx_held) v |= RR0_TX_EMPTY | RR0_TX_EOM;
		if (c == s->console) v |= RR0_DCD | RR0_CTS;	/* a terminal is attached */
		return v;
	}
	case 1:
		return (uint8_t)(RR1_RESIDUE | (!ch->tx_busy && !ch->tx_held ? RR1_ALL_SENT : 0));
	case 2:
		return c == CH_A ? s->ch[CH_A].wr[2] : rr2_b(s);
	case 3:
		return c == CH_A ? rr3(s) : 0;
	case 8: {
		uint8_t v = ch->rx_byte;
		ch->rx_ready = 0;
		ch->rx_ip_armed = 0;
		if (c == s->console)
			rx_fill(s);
		scc_update_irq(s);
		return v;
	}
	case 10: return 0;
	case 12: return ch->wr[12];
	case 13: return ch->wr[13];
	case 15: return ch->wr[15];
	/* RR4..7, 9, 11, 14 are images of RR0..3 / RR13 / RR15 on the
	   Z85C30 with WR15 bit 2 clear (Z85C30 manual). */
	case 4: case 5: case 6: case 7: return read_reg(s, c, reg - 4);
	case 9: return ch->wr[13];
	case 11: return ch->wr[15];
	case 14: return ch->wr[14];
	}
	return 0;
}

static void write_reg(struct scc *s, int c, unsigned reg, uint8_t v)
{
	struct scc_chan *ch = &s->ch[c];
	switch (reg) {
	case 0: {
		ch->ptr = v & 7;
		switch ((v >> 3) & 7) {
		case WR0_POINT_HIGH: ch->ptr |= 8; break;
		case WR0_INT_NEXT_RX: ch->rx_ip_armed = 1; break;
		case WR0_RESET_TXINT: ch->tx_ip = 0; break;
		case WR0_RESET_EXT: case WR0_ERROR_RESET: case WR0_RESET_IUS: break;
		}
		scc_update_irq(s);
		return;
	}
	case 2:
		s->ch[CH_A].wr[2] = v;	/* shared by both channels */
		break;
	case 8:
		tx_write(s, c, v);
		break;
	case 9:
		switch (v & WR9_RESET_MASK) {
		case WR9_HARD_RESET: scc_hard_reset(s); break;
		case WR9_RESET_A: chan_reset(s, CH_A, 0); break;
		case WR9_RESET_B: chan_reset(s, CH_B, 0); break;
		}
		*wr9(s) = v & ~WR9_RESET_MASK;
		scc_update_irq(s);
		break;
	case 1:
		ch->wr[1] = v;
		if ((v & WR1_RX_MODE) == 0x08)
			ch->rx_ip_armed = 1;
		scc_update_irq(s);
		break;
	case 5:
		ch->wr[5] = v;
		if ((v & WR5_TX_ENABLE) && ch->tx_held)
			tx_start(s, c);
		break;
	default:
		ch->wr[reg] = v;
		break;
	}
}

/* Channel and port of an offset: the chip sees address bits 3..2 only, so
   the 16-byte window repeats through the IOASIC slot. */
static void decode(uint32_t off, int *chan, int *is_data)
{
	*chan = (off & 8) ? CH_A : CH_B;
	*is_data = (off & 4) != 0;
}

static uint8_t port_read(struct scc *s, int c, int is_data)
{
	struct scc_chan *ch = &s->ch[c];
	if (is_data)
		return read_reg(s, c, 8);
	unsigned reg = ch->ptr;
	ch->ptr = 0;
	return read_reg(s, c, reg);
}

static void port_write(struct scc *s, int c, int is_data, uint8_t v)
{
	struct scc_chan *ch = &s->ch[c];
	if (is_data) {
		write_reg(s, c, 8, v);
		return;
	}
	unsigned reg = ch->ptr;
	ch->ptr = 0;		/* back to WR0 after any other register */
	write_reg(s, c, reg, v);	/* WR0 may set the pointer again */
}

/* Which byte lane an access covers: the chip drives bits 15..8 only. */
static int lane_hits_chip(uint32_t off, unsigned size)
{
	unsigned lo = off & 3, hi = lo + size - 1;
	return lo <= 1 && hi >= 1;
}

static int scc_read(void *dev, uint32_t off, unsigned size, uint32_t *val)
{
	struct scc *s = dev;
	int c, is_data;
	*val = 0;
	if (!lane_hits_chip(off, size))
		return 0;
	decode(off, &c, &is_data);
	uint8_t b = port_read(s, c, is_data);
	*val = (uint32_t)b << (8 * (1 - (off & 3)));
	return 0;
}

static int scc_write(void *dev, uint32_t off, unsigned size, uint32_t val)
{
	struct scc *s = dev;
	int c, is_data;
	if (!lane_hits_chip(off, size))
		return 0;
	decode(off, &c, &is_data);
	port_write(s, c, is_data, (uint8_t)(val >> (8 * (1 - (off & 3)))));
	return 0;
}

/* For the idle skip: a read of RR0 (the pointer at 0) changes nothing and
   gives the same value until an event (a character sent) or host input;
   the data port pops the receive buffer, and a read through the pointer
   moves it back to 0. */
int scc_stable(void *dev, uint32_t off, unsigned size)
{
	struct scc *s = dev;
	int c, is_data;
	if (!lane_hits_chip(off, size))
		return 1;
	decode(off, &c, &is_data);
	struct scc_chan *ch = &s->ch[c];
	if (is_data || ch->ptr != 0)
		return 0;
	if (c == s->console && !ch->rx_ready && (ch->wr[3] & WR3_RX_ENABLE))
		return !host_console_ready(s->m);
	return 1;
}

const struct device_ops scc_ops = { scc_read, scc_write };

struct scc *scc_new(struct machine *m, const char *name, struct irq_out irq,
		    int console_channel)
{
	struct scc *s = machine_zalloc(m, sizeof *s);
	s->m = m;
	s->name = name;
	s->irq = irq;
	s->console = console_channel;
	scc_hard_reset(s);
	if (console_channel >= 0)
		chan_prom_setup(&s->ch[console_channel]);
	return s;
}
