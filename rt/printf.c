/*
 * printf.c - formatted output of a bare-metal image, the kernel's too. One
 * engine (kvformat) feeds any sink: the console (kprintf) or a buffer
 * (ksnprintf). Supports the flags
 * '-' and '0', a width, a precision, the length modifiers hh h l ll z, and
 * the conversions d i u x X o c s p %. 64-bit conversions use libgcc's
 * __udivdi3/__umoddi3 (built for MIPS I by cross/libgcc.sh).
 */
#include "rt.h"

struct spec {
	int left, zero, width, prec;	/* prec < 0: none given */
};

static int emit_padded(putc_fn out, void *arg, const struct spec *sp,
		       const char *sign, const char *digits, int ndigits)
{
	int nsign = (int)kstrlen(sign);
	int nzero = sp->prec > ndigits ? sp->prec - ndigits : 0;
	int len = nsign + nzero + ndigits;
	int pad = sp->width > len ? sp->width - len : 0;
	int n = 0;

	/* '0' pads between the sign and the digits, unless '-' or a precision. */
	if (sp->zero && !sp->left && sp->prec < 0) {
		nzero += pad;
		pad = 0;
	}
	if (!sp->left)
		for (; pad > 0; pad--, n++)
			out(' ', arg);
	for (; *sign; sign++, n++)
		out(*sign, arg);
	for (; nzero > 0; nzero--, n++)
		out('0', arg);
	for (int i = 0; i < ndigits; i++, n++)
		out(digits[i], arg);
	for (; pad > 0; pad--, n++)
		out(' ', arg);
	return n;
}

static int emit_number(putc_fn out, void *arg, const struct spec *sp,
		       unsigned long long v, int negative, unsigned base,
		       int upper, const char *prefix)
{
	char buf[24];
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	int i = sizeof(buf);

	/* Word-sized values take the cheap 32-bit divide. */
	if (v <= 0xffffffffu) {
		unsigned long w = (unsigned long)v;
		do {
			buf[--i] = digits[w % base];
			w /= base;
		} while (w);
	} else {
		do {
			buf[--i] = digits[v % base];
			v /= base;
		} while (v);
	}
	/* An explicit zero precision prints nothing for the value 0. */
	if (sp->prec == 0 && i == (int)sizeof(buf) - 1 && buf[i] == '0')
		i = sizeof(buf);
	return emit_padded(out, arg, sp, negative ? "-" : prefix,
			   buf + i, (int)sizeof(buf) - i);
}

int kvformat(putc_fn out, void *arg, const char *fmt, va_list ap)
{
	int n = 0;

	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			out(*fmt, arg);
			n++;
			continue;
		}
		struct spec sp = { 0, 0, 0, -1 };
		for (;; fmt++) {
			if (fmt[1] == '-')
				sp.left = 1;
			else if (fmt[1] == '0')
				sp.zero = 1;
			else
				break;
		}
		if (fmt[1] == '*') {
			sp.width = va_arg(ap, int);
			if (sp.width < 0) {
				sp.left = 1;
				sp.width = -sp.width;
			}
			fmt++;
		}
		while (fmt[1] >= '0' && fmt[1] <= '9')
			sp.width = sp.width * 10 + (*++fmt - '0');
		if (fmt[1] == '.') {
			fmt++;
			sp.prec = 0;
			if (fmt[1] == '*') {
				sp.prec = va_arg(ap, int);
				fmt++;
			}
			while (fmt[1] >= '0' && fmt[1] <= '9')
				sp.prec = sp.prec * 10 + (*++fmt - '0');
		}
		int longs = 0;	/* 0 int, 1 long, 2 long long, -1 short, -2 char */
		for (;; fmt++) {
			if (fmt[1] == 'l')
				longs++;
			else if (fmt[1] == 'h')
				longs--;
			else if (fmt[1] == 'z')
				longs = 1;	/* size_t is a long on o32 */
			else
				break;
		}
		char conv = *++fmt;
		unsigned long long u;
		long long s;

		switch (conv) {
		case 'd':
		case 'i':
			if (longs >= 2)
				s = va_arg(ap, long long);
			else if (longs == 1)
				s = va_arg(ap, long);
			else
				s = va_arg(ap, int);
			if (longs == -1)
				s = (short)s;
			else if (longs <= -2)
				s = (signed char)s;
			/* Negate as unsigned: -LLONG_MIN would overflow. */
			u = s < 0 ? 0 - (unsigned long long)s : (unsigned long long)s;
			n += emit_number(out, arg, &sp, u, s < 0, 10, 0, "");
			break;
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			if (longs >= 2)
				u = va_arg(ap, unsigned long long);
			else if (longs == 1)
				u = va_arg(ap, unsigned long);
			else
				u = va_arg(ap, unsigned int);
			if (longs == -1)
				u = (unsigned short)u;
			else if (longs <= -2)
				u = (unsigned char)u;
			n += emit_number(out, arg, &sp, u, 0,
					 conv == 'u' ? 10 : conv == 'o' ? 8 : 16,
					 conv == 'X', "");
			break;
		case 'p':
			sp.prec = 8;
			n += emit_number(out, arg, &sp,
					 (unsigned long)va_arg(ap, void *), 0,
					 16, 0, "0x");
			break;
		case 'c': {
			char c = (char)va_arg(ap, int);
			sp.prec = -1;
			n += emit_padded(out, arg, &sp, "", &c, 1);
			break;
		}
		case 's': {
			const char *str = va_arg(ap, const char *);
			if (!str)
				str = "(null)";
			int len = 0;
			while (str[len] && (sp.prec < 0 || len < sp.prec))
				len++;
			sp.prec = -1;
			sp.zero = 0;
			n += emit_padded(out, arg, &sp, "", str, len);
			break;
		}
		case '%':
			out('%', arg);
			n++;
			break;
		case '\0':	/* a lone '%' at the end: print it, stop */
			out('%', arg);
			return n + 1;
		default:	/* unknown conversion: show it as written */
			out('%', arg);
			out(conv, arg);
			n += 2;
			break;
		}
	}
	return n;
}

static void console_sink(int c, void *arg UNUSED)
{
	console_putc(c);
}

int kvprintf(const char *fmt, va_list ap)
{
	return kvformat(console_sink, NULL, fmt, ap);
}

int kprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = kvprintf(fmt, ap);
	va_end(ap);
	return n;
}

struct buf_sink {
	char *p;
	size_t left;	/* room for characters, not counting the final NUL */
};

static void buf_putc(int c, void *arg)
{
	struct buf_sink *b = arg;
	if (b->left > 0) {
		*b->p++ = (char)c;
		b->left--;
	}
}

/* Like C99 snprintf: returns the length the full output would have. */
int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	struct buf_sink b = { buf, size ? size - 1 : 0 };
	va_list ap;
	va_start(ap, fmt);
	int n = kvformat(buf_putc, &b, fmt, ap);
	va_end(ap);
	if (size)
		*b.p = '\0';
	return n;
}
