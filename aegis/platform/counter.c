/*
 * counter.c - the kernel's one way to read the cycle counter, and to ask
 * whether it exists: pmaxsim's counter page (<aegis/counter.h>), found by
 * its magic word through a bus-error-tolerant read, because no DECstation
 * board of ours has a free-running counter of its own. Without it the
 * callers fall back on the 64 Hz clock's ticks (revocation deadlines) or
 * skip what needs cycles (tests).
 */
#include "../platform.h"
#include "mips.h"
#include "../trap.h"
#include <aegis/counter.h>

static int present = -1;	/* not probed yet */

static const volatile uint32_t *page(void)
{
	return (const volatile uint32_t *)KSEG1(COUNTER_PAGE_PA);
}

int platform_has_counter(void)
{
	if (present < 0) {
		uint32_t magic;
		present = probe_read(KSEG1(COUNTER_PAGE_PA), &magic) == 0 && magic == COUNTER_MAGIC;
	}
	return present;
}

uint64_t platform_cycles(void)
{
	return platform_has_counter() ? counter_cycles(page()) : 0;
}

uint32_t platform_mhz(void)
{
	return platform_has_counter() ? counter_mhz(page()) : 0;
}
