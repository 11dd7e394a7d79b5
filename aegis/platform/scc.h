/*
 * platform/scc.h - polled console on one channel of a Z85C30 SCC wired to
 * a DECstation IOASIC (KN03, KN02-BA): the boards differ only in where the
 * chip lives, so they share this driver.
 */
#ifndef AEGIS_PLATFORM_SCC_H
#define AEGIS_PLATFORM_SCC_H

#include <stdint.h>

/* chan_pa: physical address of the channel's control word (channel B of
   an SCC is at the chip's base, channel A at base + 8). */
void scc_cons_init(uint32_t chan_pa);
void scc_cons_putc(uint32_t chan_pa, int c);
int scc_cons_getc(uint32_t chan_pa);

#endif
