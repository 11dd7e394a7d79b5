/*
 * console.c - the kernel console, the one rt's printf writes to (rt.h
 * asks the image for it): the board's serial line, with "\n" sent as
 * "\r\n" as a terminal expects.
 */
#include "kernel.h"
#include "platform.h"

void console_putc(int c)
{
	if (c == '\n')
		platform->putc('\r');
	platform->putc(c);
}

void console_puts(const char *s)
{
	while (*s)
		console_putc(*s++);
}

int console_getc(void)
{
	return platform->getc();
}
