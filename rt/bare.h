/*
 * bare.h - the machine set-up of a bare-metal image that is not the kernel
 * (bare.c, vector.S): console through the PROM, Status 0 (kernel mode,
 * interrupts off, our vectors), every TLB entry invalid, exception
 * vectors that panic on any exception but one a test has armed the probe
 * for, and the boot stack.
 */
#ifndef RT_BARE_H
#define RT_BARE_H

#define EXC_PROBE_ARMED		0	/* struct exc_probe's offsets, for vector.S */
#define EXC_PROBE_HITS		4
#define EXC_PROBE_CAUSE		8
#define EXC_PROBE_EPC		12
#define EXC_PROBE_BADVADDR	16

#ifndef __ASSEMBLER__
#include <stdint.h>

/* A test arms the probe, causes one exception (not in a branch delay
   slot), and reads what the CPU reported; the vector skips the faulting
   instruction and disarms the probe. */
struct exc_probe {
	volatile int armed;
	volatile int hits;
	volatile uint32_t cause, epc, badvaddr;
};
extern struct exc_probe exc_probe;
#endif

#endif
