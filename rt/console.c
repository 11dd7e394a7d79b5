/*
 * console.c - the console of a bare-metal image, with "\n" sent as "\r\n"
 * as a terminal expects: through the PROM's callbacks (prom.c) until the
 * image names a device of its own (Aegis: its board's serial line).
 */
#include "rt.h"
#include "prom.h"

static void (*dev_putc)(int c) = prom_putchar;
static int (*dev_getc)(void) = prom_getchar;

void console_use(void (*putc)(int c), int (*getc)(void))
{
	dev_putc = putc;
	dev_getc = getc;
}

void console_putc(int c)
{
	if (c == '\n')
		dev_putc('\r');
	dev_putc(c);
}

void console_puts(const char *s)
{
	while (*s)
		console_putc(*s++);
}

int console_getc(void)
{
	return dev_getc();
}
