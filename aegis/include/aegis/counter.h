/*
 * counter.h - the cycle counter as a library OS sees it (part of the ABI).
 *
 * Real DECstations of this kind have no free-running cycle counter a
 * program can read (the KN02 and KN02-BA have none; NetBSD and Linux find
 * none). pmaxsim adds one page for measurement, documented as not real
 * hardware (docs/pmaxsim.md): the simulated cycle and instruction counts
 * and the clock rate. Aegis maps it read-only at USER_COUNTER_VA on
 * SYS_map_counter where it exists (<aegis/syscall.h>); the kernel reads it
 * through kseg1. Both read it with counter_cycles(), the one protocol:
 * reading the low word latches the high word, so low then high is one
 * consistent 64-bit value.
 */
#ifndef AEGIS_COUNTER_H
#define AEGIS_COUNTER_H

#ifndef NOLIBC		/* Linux's nolibc (bench/posix) has its own types */
#include <stdint.h>
#endif

#define COUNTER_PAGE_PA		0x1fff0000u	/* physical; kseg1 0xbfff0000 */
#define COUNTER_PAGE_SIZE	0x1000u
#define COUNTER_MAGIC		0x53584d50u	/* word 0: "PMXS" in memory order */
#define COUNTER_CYCLES_LO	0x04	/* reading it latches CYCLES_HI */
#define COUNTER_CYCLES_HI	0x08
#define COUNTER_MHZ		0x0c	/* the simulated CPU clock */
#define COUNTER_INSNS_LO	0x10	/* reading it latches INSNS_HI */
#define COUNTER_INSNS_HI	0x14

#ifndef __ASSEMBLER__
/* The simulated cycle count from the counter page at page. */
static inline uint64_t counter_cycles(const volatile uint32_t *page)
{
	uint32_t lo = page[COUNTER_CYCLES_LO / 4];
	return (uint64_t)page[COUNTER_CYCLES_HI / 4] << 32 | lo;
}

/* The clock rate in MHz: cycles per microsecond. */
static inline uint32_t counter_mhz(const volatile uint32_t *page)
{
	return page[COUNTER_MHZ / 4];
}
#endif

#endif
