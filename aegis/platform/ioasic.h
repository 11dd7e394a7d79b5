/*
 * platform/ioasic.h - the IOASIC's part in the LANCE's life on the KN03
 * and KN02-BA (their platform files share it): the DMA window pointer,
 * the DMA enable and the chip's reset line in SSR, and the two interrupt
 * bits in SIR/SIMR. Registers: NetBSD sys/dev/tc/ioasicreg.h
 * (IOASIC_LANCE_DMAPTR 0x020, CSR 0x100, INTR 0x110, IMSK 0x120), Linux
 * ioasic_addrs.h (SSR, SIR, SIMR); see shared/research/net-disk.md 1-2.
 */
#ifndef AEGIS_PLATFORM_IOASIC_H
#define AEGIS_PLATFORM_IOASIC_H

#include "mips.h"
#include <stdint.h>

#define IOASIC_LANCE_DMAPTR	0x020	/* window base, written as pa << 3 */
#define IOASIC_SSR		0x100
#define IOASIC_SIR		0x110
#define IOASIC_SIMR		0x120
#define SSR_LANCE_DMA_EN	0x00010000u
#define SSR_LANCE_RESET_N	0x00000100u	/* the chip's reset, active low */
#define SIR_LANCE		0x00000100u	/* the chip's pin (level) */
#define SIR_LANCE_MERR		0x00010000u	/* DMA memory error: write 0 to clear */

static inline volatile uint32_t *ioasic_reg(uint32_t slot1, uint32_t off)
{
	return (volatile uint32_t *)KSEG1(slot1 + off);
}

/* Point the LANCE's DMA at the 128 KB-aligned window, let it run, and
   unmask its pin and its DMA error (NetBSD's KN03 code enables both). */
static inline void ioasic_lance_attach(uint32_t slot1, uint32_t window)
{
	*ioasic_reg(slot1, IOASIC_LANCE_DMAPTR) = window << 3;
	*ioasic_reg(slot1, IOASIC_SSR) |= SSR_LANCE_DMA_EN | SSR_LANCE_RESET_N;
	*ioasic_reg(slot1, IOASIC_SIR) = ~SIR_LANCE_MERR;	/* a stale error */
	*ioasic_reg(slot1, IOASIC_SIMR) |= SIR_LANCE | SIR_LANCE_MERR;
}

/* A latched DMA memory error in sir (SIR as just read): cleared (only 0
   bits write), and reported. */
static inline int ioasic_lance_dma_error_in(uint32_t slot1, uint32_t sir)
{
	if (!(sir & SIR_LANCE_MERR))
		return 0;
	*ioasic_reg(slot1, IOASIC_SIR) = ~SIR_LANCE_MERR;
	return 1;
}

/* The same, reading SIR. */
static inline int ioasic_lance_dma_error(uint32_t slot1)
{
	return ioasic_lance_dma_error_in(slot1, *ioasic_reg(slot1, IOASIC_SIR));
}

#endif
