/*
 * tap.c - TAP output for in-guest tests (see tap.h): the kernel's self-test
 * and SYS_check, and the bare-metal tests.
 */
#include "tap.h"

static int tap_count, tap_failed, tap_nskips;

int tap_ok(int cond, const char *fmt, ...)
{
	va_list ap;

	tap_count++;
	if (!cond)
		tap_failed++;
	kprintf("%sok %d - ", cond ? "" : "not ", tap_count);
	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
	kprintf("\n");
	return cond;
}

struct sbuf {
	char *p;
	size_t n, len;
};

static void sbuf_putc(int c, void *arg)
{
	struct sbuf *b = arg;
	if (b->len + 1 < b->n)
		b->p[b->len++] = (char)c;
}

int tap_ok_dev(int cond, int skipping, const char *dev, const char *fmt, ...)
{
	char name[200];
	struct sbuf b = { name, sizeof name, 0 };
	va_list ap;

	va_start(ap, fmt);
	kvformat(sbuf_putc, &b, fmt, ap);
	va_end(ap);
	name[b.len] = 0;
	if (skipping && dev) {
		tap_nskips++;
		tap_ok(1, "%s # SKIP GXemul deviation: %s%s", name, dev,
		       cond ? " (but it passed)" : "");
		return 1;
	}
	return tap_ok(cond, "%s", name);
}

int tap_skipped(void)
{
	return tap_nskips;
}

int tap_is_str(const char *got, const char *want, const char *name)
{
	int ok = kstrcmp(got, want) == 0;
	if (!tap_ok(ok, "%s", name))
		kprintf("#   got:  \"%s\"\n#   want: \"%s\"\n", got, want);
	return ok;
}

int tap_done(void)
{
	kprintf("1..%d\n", tap_count);
	return tap_failed;
}
