/*
 * fpu.h - the R3010 floating-point accelerator as MIPS coprocessor 1, as an
 * R3000 sees it: 32 32-bit FGRs (a double in an even/odd pair, low word in
 * the even register), FCR0 (implementation/revision) and FCR31
 * (control/status: rounding mode, sticky flags, enables, cause bits, the
 * condition bit 23 that bc1t/bc1f test). FP exceptions reach the CPU as
 * the R3010's interrupt line (IP7 on DECstations); with the interrupt
 * enabled it is taken on the trapping instruction itself, which does not
 * complete (cpu.c, op_cop1; tested by sim/tests/fpexc).
 *
 * Division of work: the CPU (cpu.c) decodes lwc1/swc1/mfc1/mtc1/cfc1/ctc1/
 * bc1t/bc1f and checks Status.CU1; everything computational goes to
 * fpu_compute().
 */
#ifndef SIM_FPU_H
#define SIM_FPU_H

#include <stdint.h>

struct timing;

#define FCSR_COND	0x00800000u	/* bit 23: result of the last c.cond */

struct fpu {
	uint32_t fgr[32];
	uint32_t fcr0;		/* implementation and revision (read-only) */
	uint32_t fcr31;
	uint64_t ready[32];	/* cycle at which fgr[i]'s pending result lands */
	uint64_t cond_ready;
};

void fpu_reset(struct fpu *f, uint32_t fcr0);

/* Execute one COP1 computational instruction (insn bit 25 set: add, sub,
 * mul, div, abs, mov, neg, cvt.*, c.cond.* on fmt S, D or W). now is the
 * cycle it issues at. Returns the cycles the CPU stalls first, waiting for
 * operands still in flight. A reserved function or format, or an operand
 * the R3010 cannot handle, sets FCR31's unimplemented-operation cause bit
 * (and so the interrupt), as the hardware does. */
unsigned fpu_compute(struct fpu *f, const struct timing *t, uint32_t insn, uint64_t now);

/* Cycles a reader of fgr[reg] (mfc1, swc1) must wait. */
unsigned fpu_stall_for(const struct fpu *f, unsigned reg, uint64_t now);

uint32_t fpu_cfc1(const struct fpu *f, unsigned reg);
void fpu_ctc1(struct fpu *f, unsigned reg, uint32_t val);

/* The FPU interrupt output: an enabled exception's cause bit, or the
 * unimplemented-operation cause bit, is set in FCR31. */
int fpu_interrupt(const struct fpu *f);

#endif
