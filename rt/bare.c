/*
 * bare.c - what an image that is not the kernel supplies to rt (rt.h),
 * so that it needs no kernel object (bare.h): the console through the
 * PROM's callbacks (prom.c), no board devices, and trap_init() leaving
 * Status 0, every TLB entry invalid and vector.S's exception vectors.
 * The vector words are written through kseg1 so that they reach memory,
 * not just the write-through D-cache; nothing has run from those addresses
 * since reset, so the I-cache holds no stale line for them.
 */
#include "rt.h"
#include "bare.h"
#include "mips.h"
#include "prom.h"

_Static_assert(__builtin_offsetof(struct exc_probe, armed) == EXC_PROBE_ARMED &&
	       __builtin_offsetof(struct exc_probe, hits) == EXC_PROBE_HITS &&
	       __builtin_offsetof(struct exc_probe, cause) == EXC_PROBE_CAUSE &&
	       __builtin_offsetof(struct exc_probe, epc) == EXC_PROBE_EPC &&
	       __builtin_offsetof(struct exc_probe, badvaddr) == EXC_PROBE_BADVADDR,
	       "bare.h offsets out of step");

struct exc_probe exc_probe;

void console_putc(int c)
{
	if (c == '\n')
		prom_putchar('\r');
	prom_putchar(c);
}

void console_puts(const char *s)
{
	while (*s)
		console_putc(*s++);
}

int console_getc(void)
{
	return prom_getchar();
}

/* The board's devices are the test's own business. */
void platform_select(uint32_t sysid)
{
	(void)sysid;
}

extern char bare_vector[], bare_vector_end[];

void trap_init(void)
{
	/* Every TLB entry invalid, each at its own kseg0 VPN (never looked
	   up: kseg0 is unmapped), so no two entries can ever match. */
	uint32_t saved = mfc0(C0_ENTRYHI);
	for (unsigned i = 0; i < 64; i++) {
		mtc0(C0_INDEX, i << 8);
		mtc0(C0_ENTRYHI, KSEG0_BASE + (i << 12));
		mtc0(C0_ENTRYLO, 0);
		__asm__ __volatile__("tlbwi");
	}
	mtc0(C0_ENTRYHI, saved);
	size_t n = (size_t)(bare_vector_end - bare_vector);
	kmemcpy((void *)KSEG1(VEC_UTLB & KSEG_PHYS_MASK), bare_vector, n);
	kmemcpy((void *)KSEG1(VEC_GENERAL & KSEG_PHYS_MASK), bare_vector, n);
	/* Kernel mode, interrupts off, our vectors (BEV clear). */
	mtc0(C0_STATUS, 0);
}

/* vector.S, for any exception the probe did not absorb. */
void bare_unexpected(uint32_t cause, uint32_t epc, uint32_t badvaddr, uint32_t ra) NORETURN;

void bare_unexpected(uint32_t cause, uint32_t epc, uint32_t badvaddr, uint32_t ra)
{
	panic("unexpected exception (code %u) at epc %08x\n"
	      "  cause %08x badvaddr %08x ra %08x",
	      (unsigned)((cause & CAUSE_EXC_MASK) >> CAUSE_EXC_SHIFT), (unsigned)epc,
	      (unsigned)cause, (unsigned)badvaddr, (unsigned)ra);
}
