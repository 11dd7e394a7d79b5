/*
 * counter.c - the kernel's one way to read time finer than the clock's
 * ticks, whatever the machine: pmaxsim's counter page (<aegis/counter.h>:
 * CPU cycles, found by its magic word through a bus-error-tolerant read)
 * where there is one, else the board's own free-running counter (the
 * KN03 IOASIC's, struct platform's counter_read), else none: callers then
 * fall back on the 64 Hz clock's ticks (revocation deadlines) or skip what
 * needs cycles (tests).
 */
#include "../platform.h"
#include "mips.h"
#include "../trap.h"
#include <aegis/counter.h>

static int page_present = -1;	/* not probed yet */

static const volatile uint32_t *page(void)
{
	return (const volatile uint32_t *)KSEG1(COUNTER_PAGE_PA);
}

int platform_has_counter_page(void)
{
	if (page_present < 0) {
		uint32_t magic;
		page_present = probe_read(KSEG1(COUNTER_PAGE_PA), &magic) == 0 &&
			       magic == COUNTER_MAGIC;
	}
	return page_present;
}

/* A board's 32-bit counter, extended to 64 bits: right while it is read
   at least once a wrap (171 s at the IOASIC's 25 MHz), which the
   revocation deadline's reader does at every tick while one runs. */
static uint64_t board_time(void)
{
	static uint32_t last;
	static uint64_t high;
	uint32_t now = platform->counter_read();
	if (now < last)
		high += 1ull << 32;
	last = now;
	return high | now;
}

uint64_t platform_time(void)
{
	if (platform_has_counter_page())
		return counter_cycles(page());
	return platform->counter_read ? board_time() : 0;
}

uint32_t platform_time_mhz(void)
{
	if (platform_has_counter_page())
		return counter_mhz(page());
	return platform->counter_read ? platform->counter_mhz : 0;
}
