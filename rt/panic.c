/*
 * panic.c - report a fatal error on the console and halt the machine
 * through the PROM (test runners see the message and the halt).
 */
#include "rt.h"
#include "mips.h"
#include "prom.h"

static int panicking;

void halt(void)
{
	mtc0(C0_STATUS, mfc0(C0_STATUS) & ~SR_IEC);
	prom_halt();
}

void panic(const char *fmt, ...)
{
	va_list ap;

	if (panicking++)	/* a panic while panicking: just stop */
		halt();
	kprintf("\npanic: ");
	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
	kprintf("\n");
	halt();
}
