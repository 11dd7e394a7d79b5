/*
 * platform/scc.c - polled Z85C30 console line on an IOASIC DECstation.
 * The register byte sits in bits 15..8 of each 32-bit word, i.e. at byte
 * offset +1 (little-endian): control at +0x1, data at +0x5 of the channel
 * (NetBSD sys/dev/tc/zs_ioasic.c struct zshan; Linux drivers/tty/serial/
 * zs.c ZS_CHAN_IO_OFFSET). Register values: Zilog Z8530 manual, as NetBSD
 * zs_ioasic_init_reg programs a 9600 8N1 console.
 */
#include "../kernel.h"
#include "mips.h"
#include "scc.h"

#define SCC_CTRL	0x1	/* control/status byte of the channel */
#define SCC_DATA	0x5	/* data byte */

#define RR0_RX_READY	0x01
#define RR0_TX_EMPTY	0x04

/* Write registers (WRn) and the values of a 9600 baud, 8N1 line. */
#define WR1_NO_INTS	0x00
#define WR3_RX_8	0xc0
#define WR3_RX_ENABLE	0x01
#define WR4_X16_1STOP	0x44	/* x16 clock, one stop bit, no parity */
#define WR5_TX_8	0x60
#define WR5_DTR_RTS	0x82
#define WR5_TX_ENABLE	0x08
#define WR9_NO_MIE	0x00	/* master interrupt enable off (both channels) */
#define WR11_BRG_CLOCKS	0x50	/* Rx and Tx clocks from the baud generator */
#define WR12_9600	22	/* PCLK 7.3728 MHz / (2 * 16 * 9600) - 2 */
#define WR14_BRG_PCLK	0x03	/* baud generator on, fed from PCLK */

static volatile uint8_t *scc_byte(uint32_t pa)
{
	return (volatile uint8_t *)KSEG1(pa);
}

static void scc_write_reg(uint32_t chan, unsigned reg, uint8_t val)
{
	*scc_byte(chan + SCC_CTRL) = (uint8_t)reg;	/* WR0: point at reg */
	*scc_byte(chan + SCC_CTRL) = val;
}

void scc_cons_init(uint32_t chan)
{
	/* A read leaves the register pointer at 0, whatever came before. */
	(void)*scc_byte(chan + SCC_CTRL);
	scc_write_reg(chan, 9, WR9_NO_MIE);
	scc_write_reg(chan, 1, WR1_NO_INTS);
	scc_write_reg(chan, 4, WR4_X16_1STOP);
	scc_write_reg(chan, 3, WR3_RX_8);
	scc_write_reg(chan, 5, WR5_TX_8 | WR5_DTR_RTS);
	scc_write_reg(chan, 11, WR11_BRG_CLOCKS);
	scc_write_reg(chan, 12, WR12_9600);
	scc_write_reg(chan, 13, 0);
	scc_write_reg(chan, 14, WR14_BRG_PCLK);
	scc_write_reg(chan, 15, 0);
	scc_write_reg(chan, 3, WR3_RX_8 | WR3_RX_ENABLE);
	scc_write_reg(chan, 5, WR5_TX_8 | WR5_DTR_RTS | WR5_TX_ENABLE);
}

void scc_cons_putc(uint32_t chan, int c)
{
	/* The bound keeps a dead chip from hanging the kernel forever. */
	for (int spin = 0; spin < 1000000; spin++)
		if (*scc_byte(chan + SCC_CTRL) & RR0_TX_EMPTY)
			break;
	*scc_byte(chan + SCC_DATA) = (uint8_t)c;
}

int scc_cons_getc(uint32_t chan)
{
	if (!(*scc_byte(chan + SCC_CTRL) & RR0_RX_READY))
		return -1;
	return *scc_byte(chan + SCC_DATA);
}
