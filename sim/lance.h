/*
 * lance.h - the AMD Am7990 LANCE Ethernet controller (dev_lance.c) and
 * how a board connects it: a register window (RDP at +0, RAP at +4,
 * 16 bits each: NetBSD if_levar.h struct lereg1, Linux declance.c
 * struct lance_regs), an interrupt line, and the chip's view of memory
 * (its 24-bit bus address space), which each board maps its own way:
 * the IOASIC into main memory through its LANCE DMA pointer (16-bit
 * words in the low half of 32-bit host words, buffers in 16-byte
 * bursts), the PMAD-AA into its own 128 KB SRAM.
 */
#ifndef SIM_LANCE_H
#define SIM_LANCE_H

#include <stdint.h>
#include "devices.h"

/* The chip's memory, as a board wires it. Each returns 0, or -1 when the
   access gets no answer (the chip then reports MERR). word: one 16-bit
   word at even chip address a (init block, descriptors); buf: len bytes
   of a packet buffer from chip address a. */
struct lance_bus {
	int (*word_read)(void *ctx, uint32_t a, uint16_t *v);
	int (*word_write)(void *ctx, uint32_t a, uint16_t v);
	int (*buf_read)(void *ctx, uint32_t a, uint8_t *buf, unsigned len);
	int (*buf_write)(void *ctx, uint32_t a, const uint8_t *buf, unsigned len);
	void *ctx;
};

struct lance;
struct lance *lance_new(struct machine *m, const struct lance_bus *bus, struct irq_out irq);
extern const struct device_ops lance_ops;	/* the register window (8 bytes, repeating) */
/* The chip's reset pin: as after power-up (CSR0 STOP, CSR1-3 and RAP 0). */
void lance_reset(struct lance *le);

/* The IOASIC glue (dev_ioasic.c): the LANCE on the IOASIC's DMA pointer,
   its memory-read errors in SIR bit 16. */
struct lance *ioasic_lance_new(struct machine *m, struct ioasic *io, struct irq_out irq);

#endif
