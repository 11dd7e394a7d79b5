/*
 * platform.h - the small interface behind which each DECstation board lives
 * (one file per board in platform/, as NetBSD/pmax's dec_3max.c etc.).
 * The rest of the kernel never touches a board's device addresses.
 */
#ifndef AEGIS_PLATFORM_H
#define AEGIS_PLATFORM_H

#include <stdint.h>

struct lance_board;
struct asc_board;

struct platform {
	const char *name;		/* "KN02 (DECstation 5000/200)" */
	int systype;			/* SYSTYPE_* from the PROM */
	void (*init)(void);		/* bring up the console line */
	void (*putc)(int c);		/* blocking, raw byte */
	int (*getc)(void);		/* -1 when nothing waiting */
	/* The time-slice clock (ds1287.h): periodic interrupts at CLOCK_HZ
	   on CPU line clock_ip; clock_ack() returns 1 for its interrupt. */
	int clock_ip;
	void (*clock_start)(void);
	void (*clock_stop)(void);
	int (*clock_ack)(void);
	/* The board's free-running counter, if it has one (NULL: none), and
	   its rate; read through platform_time() (counter.c). */
	uint32_t (*counter_read)(void);
	uint32_t counter_mhz;
	/* The board's Am7990 LANCE (net/lance.c), or NULL: none. */
	const struct lance_board *lance;
	/* The board's NCR 53C94 SCSI controller (disk/asc.c), or NULL. */
	const struct asc_board *asc;
};

/* How a board wires its LANCE (net/lance.c drives the chip itself). */
struct lance_board {
	uint32_t regs;		/* physical address of RDP; RAP at +4 */
	uint32_t esar;		/* first station-address ROM byte; one per 4 bytes */
	uint32_t sram;		/* the chip's own memory (PMAD-AA SRAM), or 0:
				   a window in main memory through the IOASIC */
	int gapped;		/* IOASIC layout: 16-bit words in the low half of
				   each host word, buffers in 16-byte bursts
				   every 32 bytes */
	int ip;			/* CPU interrupt line (Cause IP bit) */
	/* Give the chip its memory (window: the 128 KB-aligned physical base
	   of the window, ignored with sram) and open its interrupt path
	   through the board (IOASIC SIMR, KN02 CSR). */
	void (*attach)(uint32_t window);
	/* Did the board latch a LANCE DMA memory error (IOASIC SIR bit 16)?
	   Clears it. NULL where the chip's memory always answers. */
	int (*dma_error)(void);
};

/* How a board wires its 53C94 (disk/asc.c drives the chip; net-disk.md
   section 4): the chip's registers, one byte in each 32-bit word; and
   either the IOASIC's SCSI DMA (ioasic: its slot-1 register base; the
   chip DMAs to and from main memory) or the PMAZ-AA's (ioasic 0: the
   chip DMAs only into the card's 128 KB SRAM at sram, at the offset
   written to the DMA address register dmareg; bit 31 = memory to SCSI). */
struct asc_board {
	uint32_t regs;
	uint32_t ioasic;
	uint32_t dmareg;
	uint32_t sram;
};

extern const struct platform platform_kn02;
extern const struct platform platform_kn02ba;
extern const struct platform platform_kn03;
extern const struct platform platform_prom;	/* fallback: PROM console */

/* Chosen once at boot from the PROM's system type. */
extern const struct platform *platform;
void platform_select(uint32_t sysid);

/* Time finer than ticks (platform/counter.c): the finest free-running
   counter the machine has (pmaxsim's counter page, counting CPU cycles;
   else the board's own), and its rate in MHz; both 0 if it has none. */
uint64_t platform_time(void);
uint32_t platform_time_mhz(void);
/* Is this pmaxsim, with its counter page (SYS_map_counter maps it)? */
int platform_has_counter_page(void);

#endif
