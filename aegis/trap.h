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
/* entry.S intr_entry's C half (env.c): an interrupt from user mode with
   only the caller-saved registers in tf; 0 if served, else env_intr_rest
   finishes it with the whole frame. */
uint32_t env_intr(struct trapframe *tf);
void env_intr_rest(struct trapframe *tf, uint32_t left);
const char *trap_name(unsigned code);

#endif
