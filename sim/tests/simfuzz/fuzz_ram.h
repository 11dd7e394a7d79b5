/*
 * fuzz_ram.h - the loaders' fuzzers' RAM (fuzz_elf.c, fuzz_bootblock.c):
 * the machine's RAM replaced by an mmap'd block between two inaccessible
 * guard pages, so a write past either end is a crash the fuzzer reports,
 * and so the pages a loader wrote can be found (mincore: only touched
 * pages are resident) and checked and zeroed again (MADV_DONTNEED) in time
 * proportional to what was written, not to the RAM's size.
 */
#ifndef SIMFUZZ_FUZZ_RAM_H
#define SIMFUZZ_FUZZ_RAM_H

#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
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
   RAM below limit or anywhere (limit = ram_size) - i.e. anything the
   input should not have written; then zero all RAM again. */
static inline void fuzz_ram_reset(struct machine *m, int must_be_zero, uint32_t limit,
				  const char *who)
{
	static unsigned char vec[(480u << 20) / FUZZ_PAGE];
	uint32_t pages = m->ram_size / FUZZ_PAGE;
	if (mincore(m->ram, m->ram_size, vec) != 0)
		abort();
	for (uint32_t i = 0; i < pages; i++) {
		if (!(vec[i] & 1))
			continue;
		const uint8_t *pg = m->ram + (size_t)i * FUZZ_PAGE;
		for (uint32_t j = 0; j < FUZZ_PAGE; j++)
			if (pg[j] && (must_be_zero || i * FUZZ_PAGE + j < limit)) {
				fprintf(stderr, "%s: RAM changed at 0x%08x where it must not\n",
					who, i * FUZZ_PAGE + j);
				abort();
			}
		if (madvise(m->ram + (size_t)i * FUZZ_PAGE, FUZZ_PAGE, MADV_DONTNEED) != 0)
			abort();
	}
}

#endif
