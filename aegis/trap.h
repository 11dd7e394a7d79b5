/*
 * trap.h - exception handling interface of the general trap path.
 */
#ifndef AEGIS_TRAP_H
#define AEGIS_TRAP_H

#include <stdint.h>

struct trapframe;

/* A self-test arms the probe, causes one exception, and reads what the CPU
   reported. The instruction that faulted is skipped. */
struct trap_probe {
	volatile int armed;
	volatile int hits;
	volatile uint32_t cause, epc, badvaddr;
};
extern struct trap_probe trap_probe;
extern volatile uint32_t clock_ticks;	/* periodic clock interrupts taken */

void trap_init(void);
/* Read a word that may not exist (a device a board may lack): 0, or -1
   after a bus error the probe absorbed. */
int probe_read(uint32_t kseg1_addr, uint32_t *val);
/* Where exceptions taken in user mode go (set by env_init). */
struct xc;
extern void (*trap_user)(struct trapframe *tf, struct xc *from, unsigned code);
void trap(struct trapframe *tf);
const char *trap_name(unsigned code);

#endif
