/*
 * isa.h - shared by the instruction-set differential tests. Each test
 * program (alu.c, shift.c, ...) defines isa_main() and prints one line per
 * check with pr(); the same object is linked twice: with linux.c (a static
 * MIPS I Linux program, the reference run under qemu-mipsel) and with
 * bare.c plus the runtime's objects, rt/ (a bare-metal image for pmaxsim).
 * sim/tests/isa/isa-diff compares the two outputs line by line.
 *
 * Rules for the tests: MIPS I only; every
 * hand-written load, mfc0, mfc1, cfc1 and mtc1/ctc1 is followed by a nop;
 * two instructions separate mfhi/mflo from a following mult/div/mthi/mtlo;
 * one instruction separates c.cond from bc1t/bc1f. No result may depend on
 * a load-delay hazard (QEMU interlocks, the R3000 does not).
 */
#ifndef ISA_H
#define ISA_H

#include <stdint.h>

typedef uint32_t u32;
typedef int32_t s32;
typedef uint64_t u64;

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Provided by each test program. */
void isa_main(void);

/* fmt.c: print one check line (a newline is added). Conversions:
 * %x = 8 hex digits, %X = a u64 as 16 hex digits, %d = signed decimal,
 * %s = string. */
void pr(const char *fmt, ...);

/* Platform (linux.c / bare.c). */
void plat_puts(const char *line);	/* one line, without newline */
/* Trap observation: arm before an instruction that may raise an
 * exception; the exception skips the faulting instruction (which must not
 * be in a branch delay slot). trap_disarm() returns 0 if nothing trapped,
 * 1 for an integer overflow (Linux: SIGFPE/FPE_INTOVF; bare metal:
 * Cause.ExcCode 12), 2 for anything else, and disarms. */
void trap_arm(void);
int trap_disarm(void);

#endif
