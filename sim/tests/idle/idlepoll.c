/*
 * sim/tests/idle/idlepoll.c - a guest for the idle skip's check
 * (idle-check runs it with and without --no-idle-skip and compares the
 * consoles and --stats): it waits in loops that poll what changes with
 * time - pmaxsim's counter page, the KN03's IOASIC counter, the DS1287's
 * periodic flag - which the skip must leave alone, and in a loop on a RAM
 * word that the clock's interrupt handler changes, which it may skip;
 * each prints what it saw (polls, counter values), so any difference in
 * time seen by the guest shows in its console. KN03 and KN02-BA.
 */
#include "../../../rt/rt.h"
#include "../../../rt/mips.h"
#include "../../../rt/prom.h"
#include "../../../rt/tap.h"

struct board {
	uint32_t ioasic, rtc;
	int rtc_ip;		/* CPU line of the clock; 0: through the IOASIC (IP5) */
	int has_counter;
};
/* NetBSD dec_kn03.h / dec_kmin.h: IOASIC and DS1287 addresses. */
static const struct board kn03 = { 0x1f840000, 0x1fa00000, 3, 1 };
static const struct board kn02ba = { 0x1c040000, 0x1c200000, 0, 0 };

#define SIMR		0x120
#define CTR		0x1e0
#define SIR_CLOCK	0x20
#define COUNTER_PAGE	0xbfff0000u	/* aegis/include/aegis/counter.h */

volatile uint32_t idle_ticks;
uint32_t idle_rtc_c;
extern char idle_vector[], idle_vector_end[];

static volatile uint32_t *reg32(uint32_t pa) { return (volatile uint32_t *)KSEG1(pa); }
static uint8_t rtc_rd(const struct board *b, unsigned r) { return (uint8_t)*reg32(b->rtc + 4 * r); }
static void rtc_wr(const struct board *b, unsigned r, uint8_t v) { *reg32(b->rtc + 4 * r) = v; }

static uint32_t counter_lo(void) { return ((volatile uint32_t *)COUNTER_PAGE)[1]; }

static void set_status(uint32_t v)
{
	__asm__ volatile("mtc0 %0, $12\n\tnop\n\tnop" : : "r"(v));
}

void kmain(void)
{
	const struct board *b = SYSTYPE(prom_getsysid()) == SYSTYPE_KN03 ? &kn03 : &kn02ba;

	/* The counter page: spin 200000 cycles. */
	uint32_t t0 = counter_lo(), t = t0, polls = 0;
	while ((t = counter_lo()) - t0 < 200000)
		polls++;
	kprintf("counter page: %u polls, %u cycles\n", (unsigned)polls, (unsigned)(t - t0));
	tap_ok(polls > 0, "a loop on the counter page sees time pass (%u polls)", (unsigned)polls);

	/* The IOASIC's 25 MHz counter (KN03). */
	if (b->has_counter) {
		uint32_t c0 = *reg32(b->ioasic + CTR), c;
		polls = 0;
		while ((c = *reg32(b->ioasic + CTR)) - c0 < 50000)
			polls++;
		kprintf("IOASIC counter: %u polls, %u ticks\n", (unsigned)polls, (unsigned)(c - c0));
		tap_ok(polls > 0, "a loop on the IOASIC counter sees time pass (%u polls)", (unsigned)polls);
	} else {
		tap_ok(1, "no IOASIC counter on this board # SKIP");
	}

	/* The DS1287's periodic flag at 64 Hz, three times. */
	rtc_wr(b, 10, 0x20 | 10);	/* 32 kHz base, 64 Hz */
	(void)rtc_rd(b, 12);
	unsigned flags = 0;
	polls = 0;
	while (flags < 3 && polls < 10000000)
		if (polls++, rtc_rd(b, 12) & 0x40)
			flags++;
	kprintf("RTC: %u polls for 3 periodic flags, counter %u\n", (unsigned)polls,
		(unsigned)counter_lo());
	tap_ok(flags == 3, "a loop on the RTC's register C sees its flag %u times", flags);

	/* A loop on a RAM word the clock's interrupt changes: five ticks. */
	idle_rtc_c = KSEG1(b->rtc + 4 * 12);
	kmemcpy((void *)0x80000080, idle_vector, (size_t)(idle_vector_end - idle_vector));
	icache_inval(0x80000080, (uint32_t)(idle_vector_end - idle_vector));
	if (!b->rtc_ip)
		*reg32(b->ioasic + SIMR) = SIR_CLOCK;
	int line = b->rtc_ip ? b->rtc_ip : 5;
	rtc_wr(b, 11, 0x40 | 0x06);	/* PIE, binary, 24 h */
	uint32_t w0 = counter_lo();
	set_status((0x100u << line) | 1);	/* that line, IEc */
	while (idle_ticks < 5)
		;		/* nothing changes but time: the skip's case */
	set_status(0);
	uint32_t w1 = counter_lo();
	rtc_wr(b, 11, 0x06);
	*reg32(b->ioasic + SIMR) = 0;
	kprintf("interrupt wait: %u ticks, %u cycles\n", (unsigned)idle_ticks,
		(unsigned)(w1 - w0));
	tap_ok(idle_ticks == 5, "a loop on a RAM word ends at the fifth clock interrupt");

	tap_done();
	halt();
}
