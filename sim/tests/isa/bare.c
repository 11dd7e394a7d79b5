/*
 * bare.c - the bare-metal side of the ISA tests: kmain() for an image
 * linked with the runtime's objects (rt/, like cross/newlib_printf.elf).
 * The test lines go to the console between "isa-begin" and "isa-end"
 * (isa-diff ignores the rest); returning from kmain() halts through the
 * PROM. Overflow traps are observed with the runtime's exception probe
 * (rt/bare.h), which records Cause and steps over the faulting instruction.
 */
#include "isa.h"
#include "../../../rt/rt.h"
#include "../../../rt/bare.h"

#define EXC_OV	12

void plat_puts(const char *line)
{
	console_puts(line);
	console_putc('\n');
}

static int hits_before;

void trap_arm(void)
{
	hits_before = exc_probe.hits;
	exc_probe.armed = 1;
}

int trap_disarm(void)
{
	exc_probe.armed = 0;
	if (exc_probe.hits == hits_before)
		return 0;
	return ((exc_probe.cause >> 2) & 31) == EXC_OV ? 1 : 2;
}

void kmain(void)
{
	u32 t;

	/* The FPU tests need coprocessor 1 usable (rt's machine_init leaves
	   Status = 0: kernel mode); harmless for the integer tests. */
	__asm__ __volatile__(".set push\n.set noreorder\n"
		"mfc0 %0, $12\n\tnop\n\t"
		"or %0, %0, %1\n\t"
		"mtc0 %0, $12\n\tnop\n\tnop\n"
		".set pop" : "=&r"(t) : "r"(0x20000000u) : "memory");
	plat_puts("isa-begin");
	isa_main();
	plat_puts("isa-end");
}
