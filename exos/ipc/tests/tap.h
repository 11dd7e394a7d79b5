/* tests/tap.h - checks and benchmark lines for the IPC and scheduler
   tests. Checks go through ExOS's exos_check (numbered for the whole run
   by Aegis); main returns exos_test_result() for the runner (exostest). */
#ifndef IPC_TAP_H
#define IPC_TAP_H
#include <stdio.h>
#include <stdint.h>
#include "exos.h"

static inline int tap_ok(int ok, const char *what)
{
	fflush(stdout);
	return exos_check(ok, "%s", what);
}

/* "bench TABLE NAME us=X.Y iters=N" with us = cycles / MHz / per, and the
   paper's DEC5000/125 figure beside it, labelled as the paper's. */
static inline void bench_line(const char *table, const char *name, uint64_t cycles,
			      unsigned mhz, unsigned per, unsigned iters, const char *paper)
{
	uint64_t tenths = (cycles * 10 + (uint64_t)mhz * per / 2) / ((uint64_t)mhz * per);
	printf("bench %s %s us=%u.%u iters=%u cycles=%u mhz=%u\n", table, name,
	       (unsigned)(tenths / 10), (unsigned)(tenths % 10), iters,
	       (unsigned)((cycles + per / 2) / per), mhz);
	if (paper)
		printf("paper %s %s DEC5000/125 us=%s (SOSP'95, not measured here)\n", table, name, paper);
	fflush(stdout);
}
#endif
