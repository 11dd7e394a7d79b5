/*
 * platform/ds1287.c - the periodic interrupt of the DS1287 (MC146818
 * data sheet: register A selects the rate, B enables the periodic
 * interrupt, reading C acknowledges it).
 */
#include "mips.h"
#include "ds1287.h"

#define REG_A		10
#define REG_B		11
#define REG_C		12
#define A_DV_32KHZ	0x20	/* the 32.768 kHz time base */
#define A_RS_64HZ	0x0a	/* rate select 10: 64 Hz */
#define B_PIE		0x40	/* periodic interrupt enable */
#define B_DM_BINARY	0x04
#define B_24H		0x02
#define C_PF		0x40	/* periodic flag */

static volatile uint32_t *reg(uint32_t base, unsigned r)
{
	return (volatile uint32_t *)KSEG1(base + 4 * r);
}

void ds1287_start(uint32_t base)
{
	*reg(base, REG_A) = A_DV_32KHZ | A_RS_64HZ;
	*reg(base, REG_B) = B_PIE | B_DM_BINARY | B_24H;
	(void)*reg(base, REG_C);	/* drop anything pending */
}

void ds1287_stop(uint32_t base)
{
	*reg(base, REG_B) = B_DM_BINARY | B_24H;
	(void)*reg(base, REG_C);
}

int ds1287_ack(uint32_t base)
{
	return (*reg(base, REG_C) & C_PF) != 0;
}
