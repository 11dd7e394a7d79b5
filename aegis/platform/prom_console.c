/*
 * platform/prom_console.c - the fallback for a board we have no driver for:
 * console through the PROM's printf/getchar callbacks. Slow and unbuffered,
 * but it lets the kernel say which board it did not recognise.
 */
#include "../platform.h"
#include "prom.h"

static void prom_console_init(void) {}

static void prom_console_putc(int c)
{
	prom_putchar(c);
}

const struct platform platform_prom = {
	.name = "unknown board (PROM console)",
	.systype = 0,
	.init = prom_console_init,
	.putc = prom_console_putc,
	.getc = prom_getchar,
};
