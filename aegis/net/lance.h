/*
 * net/lance.h - Aegis's driver for the board's AMD Am7990 LANCE Ethernet
 * controller (lance.c): what net.c calls, what the trap paths call, and
 * the counters the driver's tests read. The board's wiring (registers,
 * the chip's memory, the interrupt line) is in platform.h's struct
 * lance_board.
 */
#ifndef AEGIS_NET_LANCE_H
#define AEGIS_NET_LANCE_H

#include <stdint.h>

struct aegis_netinfo;

/* Find and start the board's LANCE (once at boot, after mem_init; env_init
   calls it): 0, or -1 if the machine has none (then lance_send answers
   -AEGIS_ENOSYS). A second call restarts the chip. */
int lance_init(void);
/* Start the chip if it is not running (it is stopped after boot until
   first used: a send, or net.c when a filter or a ring appears): 0, or -1
   if there is none or it does not start. */
int lance_up(void);
int lance_present(void);
/* The station address from the board's ROM (zeros without a LANCE). */
void lance_mac(uint8_t mac[6]);
/* Copy a frame (AEGIS_NET_MIN_FRAME..AEGIS_NET_MTU_FRAME bytes, kernel
   memory, any alignment) into the transmit ring, padded to 60 bytes, the
   FCS added by the chip: 0, -AEGIS_EAGAIN if the ring is full,
   -AEGIS_EINVAL for a bad length, -AEGIS_ENOSYS without a LANCE. */
int lance_send(const void *frame, unsigned len);
/* The same for a frame in two pieces (a then b, any alignment, blen may
   be 0): a program's frame that crosses a page, sent from its pages. */
int lance_send2(const void *a, unsigned alen, const void *b, unsigned blen);
/* present, mac, rx_frames, rx_errors, tx_frames, tx_errors (rx_unclaimed
   is net.c's and left as it is). */
void lance_stats(struct aegis_netinfo *out);

/* The trap paths (trap.c for kernel mode, env.c's env_intr for user
   mode), with interrupts off: if the LANCE's CPU line is pending in
   cause, serve the chip (received frames go to net_input). Returns 1 if
   the chip or its board had something to serve. */
int lance_intr(uint32_t cause);
/* The Status IM bit of the LANCE's line (0 without one): environments
   run with it, so the chip's interrupts reach Aegis while they run. */
uint32_t lance_intr_mask(void);

/* Ring sizes: 16 receive and 8 transmit buffers of LANCE_BUF bytes. */
#define LANCE_NRX	16
#define LANCE_NTX	8
#define LANCE_BUF	1536	/* a whole frame with its FCS: no chaining */

/* A received frame's copy (the page given to net_input) may write up to
   this many bytes past the frame's end: its last word's (net.c clears
   them before a handler looks). */
#define LANCE_RX_OVERRUN	3

/* What the driver has seen since lance_init. */
struct lance_counts {
	unsigned rx_frames, rx_errors;	/* good frames to net_input; all losses */
	unsigned tx_frames, tx_errors;
	unsigned intrs;			/* lance_intr calls that found work */
	unsigned miss;			/* MISS: a frame found no receive buffer */
	unsigned crc, fram, buff, oflo;	/* receive descriptor errors */
	unsigned spans;			/* frames chained over buffers (dropped) */
	unsigned babl, cerr, merr;	/* CSR0 errors */
	unsigned lcar, rtry, lcol, uflo;	/* transmit descriptor errors (TMD3) */
	unsigned restarts;		/* chip re-initialised after MERR/UFLO/a stop */
};
const volatile struct lance_counts *lance_counts(void);	/* (changes under interrupts) */
/* CSR0 as it reads now (tests and diagnostics; 0 without a LANCE). */
uint16_t lance_csr0(void);

/* Tests only: when set, received frames go here instead of net_input
   (same arguments: the frame at a page + 2, its length without FCS). */
extern void (*lance_rx_tap)(const uint8_t *frame, unsigned len);

#endif
