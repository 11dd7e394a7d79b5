/*
 * platform/ds1287.h - the DS1287 / MC146818 real-time clock as the
 * DECstations wire it: one register per 32-bit word, in the low byte
 * (NetBSD mcclock_ioasic.c, dec_3max.c). Aegis uses only its periodic
 * interrupt, the time-slice clock.
 */
#ifndef AEGIS_DS1287_H
#define AEGIS_DS1287_H

#include <stdint.h>

/* Periodic interrupts at 64 Hz: 15.625 ms, the paper's quantum. */
#define CLOCK_HZ	64
void ds1287_start(uint32_t base);	/* physical address of register 0 */
void ds1287_stop(uint32_t base);
int ds1287_ack(uint32_t base);		/* 1 if it was the periodic interrupt */

#endif
