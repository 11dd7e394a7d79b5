/*
 * fmt.c - a tiny line formatter for the ISA tests (no C library on either
 * side, no division: the output must not depend on anything but the
 * instructions under test).
 */
#include <stdarg.h>
#include "isa.h"

static char line[256];
static unsigned len;

static void put(char c)
{
	if (len < sizeof line - 1)
		line[len++] = c;
}

static void hex(u32 v, int digits)
{
	for (int i = digits - 1; i >= 0; i--)
		put("0123456789abcdef"[(v >> (4 * i)) & 15]);
}

/* Decimal by repeated subtraction of powers of ten. */
static void dec(s32 v)
{
	static const u32 p10[] = { 1000000000u, 100000000u, 10000000u, 1000000u,
		100000u, 10000u, 1000u, 100u, 10u, 1u };
	u32 u = v < 0 ? 0u - (u32)v : (u32)v;
	int started = 0;

	if (v < 0)
		put('-');
	for (unsigned i = 0; i < ARRAY_LEN(p10); i++) {
		char d = '0';
		while (u >= p10[i]) {
			u -= p10[i];
			d++;
		}
		if (d != '0' || started || i == ARRAY_LEN(p10) - 1) {
			put(d);
			started = 1;
		}
	}
}

void pr(const char *fmt, ...)
{
	va_list ap;

	len = 0;
	va_start(ap, fmt);
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			put(*p);
			continue;
		}
		switch (*++p) {
		case 'x':
			hex(va_arg(ap, u32), 8);
			break;
		case 'X': {
			u64 v = va_arg(ap, u64);
			hex((u32)(v >> 32), 8);
			hex((u32)v, 8);
			break;
		}
		case 'd':
			dec(va_arg(ap, s32));
			break;
		case 's':
			for (const char *s = va_arg(ap, const char *); *s; s++)
				put(*s);
			break;
		case '%':
			put('%');
			break;
		default:
			put('?');
			if (!*p)
				p--;
			break;
		}
	}
	va_end(ap);
	line[len] = 0;
	plat_puts(line);
}
