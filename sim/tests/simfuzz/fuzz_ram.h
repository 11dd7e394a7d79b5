/*
 * fuzz_ram.h - the loaders' fuzzers' RAM (fuzz_elf.c, fuzz_bootblock.c):
 * the machine's RAM replaced by an mmap'd block between two inaccessible
 * guard pages, so a write past either end is a crash the fuzzer reports,
 * and so the pages a loader wrote can be found (mincore: only touched
 * pages are resident) and checked and zeroed again in time proportional
 * to what was ever written, not to the RAM's size.
 */
#ifndef SIMFUZZ_FUZZ_RAM_H
#define SIMFUZZ_FUZZ_RAM_H

#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "../../machine.h"

#define FUZZ_PAGE	4096u

/* Give m (fresh from machine_init) guarded, page-aligned RAM. */
static inline void fuzz_ram_setup(struct machine *m)
{
	size_t len = m->ram_size + 2 * FUZZ_PAGE;
	uint8_t *p = mmap(NULL, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED || mprotect(p + FUZZ_PAGE, m->ram_size, PROT_READ | PROT_WRITE) != 0)
		abort();
	free(m->ram);
	m->ram = p + FUZZ_PAGE;
	m->regions[0].ram = m->ram;
}

/* After one input: if must_be_zero, report (abort) any nonzero byte in
   RAM; else any below limit - i.e. anything the input should not have
   written; then zero RAM again. Only resident pages can hold nonzero
   bytes; a page found zero stays resident (rescanning it is cheaper than
   faulting it in again), a nonzero one is cleared. */
static inline void fuzz_ram_reset(struct machine *m, int must_be_zero, uint32_t limit,
				  const char *who)
{
	static unsigned char vec[(480u << 20) / FUZZ_PAGE];
	static const uint8_t zero[FUZZ_PAGE];
	uint32_t pages = m->ram_size / FUZZ_PAGE;
	if (mincore(m->ram, m->ram_size, vec) != 0)
		abort();
	for (uint32_t i = 0; i < pages; i++) {
		uint8_t *pg = m->ram + (size_t)i * FUZZ_PAGE;
		if (!(vec[i] & 1) || !memcmp(pg, zero, FUZZ_PAGE))
			continue;
		for (uint32_t j = 0; j < FUZZ_PAGE; j++)
			if (pg[j] && (must_be_zero || i * FUZZ_PAGE + j < limit)) {
				fprintf(stderr, "%s: RAM changed at 0x%08x where it must not\n",
					who, i * FUZZ_PAGE + j);
				abort();
			}
		memset(pg, 0, FUZZ_PAGE);
	}
}

#endif
