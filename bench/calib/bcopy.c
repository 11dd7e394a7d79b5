/*
 * bcopy.c - the calibration benchmark of Ousterhout 1990 ("Why Aren't
 * Operating Systems Getting Faster As Fast as Hardware?", USENIX Summer
 * 1990): block-copy bandwidth, "cached" (source and destination both fit
 * in the data cache: a 16 KB block copied over and over) and "uncached"
 * (a 1 MB block, 16 times the cache, so every load misses). Timed with
 * pmaxsim's cycle counter; prints MB/s (10^6 bytes per second), the
 * figures the model's memory parameters were fitted to (sim/timing.c;
 * pmaxsim --timing NAME=N repeats the fit).
 */
#include "../../rt/rt.h"
#include "../../rt/mips.h"
#include <aegis/counter.h>

void word_copy(void *dst, const void *src, unsigned bytes);

#define SMALL	(16u << 10)
#define LARGE	(1u << 20)

static char small_src[SMALL] __attribute__((aligned(32)));
static char small_dst[SMALL] __attribute__((aligned(32)));
static char large_src[LARGE] __attribute__((aligned(32)));
static char large_dst[LARGE] __attribute__((aligned(32)));

#define COUNTER	((const volatile uint32_t *)KSEG1(COUNTER_PAGE_PA))

static uint64_t cycles(void)
{
	return counter_cycles(COUNTER);
}

/* Bandwidth in units of 0.01 MB/s (integer arithmetic only). */
static unsigned bandwidth(unsigned bytes, unsigned rounds, const void *src, void *dst)
{
	unsigned mhz = counter_mhz(COUNTER);
	word_copy(dst, src, bytes);		/* warm up (caches, TLB-free kseg0) */
	uint64_t t0 = cycles();
	for (unsigned i = 0; i < rounds; i++)
		word_copy(dst, src, bytes);
	uint64_t dt = cycles() - t0;
	/* MB/s = bytes * rounds / (dt / mhz) / 1e6 = bytes*rounds*mhz/dt */
	return (unsigned)((uint64_t)bytes * rounds * mhz * 100 / dt);
}

void kmain(void)
{
	if (COUNTER[0] != COUNTER_MAGIC) {
		kprintf("bcopy: no pmaxsim counter page; this benchmark needs pmaxsim\n");
		return;
	}
	unsigned c = bandwidth(SMALL, 64, small_src, small_dst);
	unsigned u = bandwidth(LARGE, 4, large_src, large_dst);
	kprintf("bench bcopy cached %u.%02u MB/s\n", c / 100, c % 100);
	kprintf("bench bcopy uncached %u.%02u MB/s\n", u / 100, u % 100);
}
