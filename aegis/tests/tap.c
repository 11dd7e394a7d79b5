/*
 * tap.c - TAP output for in-guest tests (see tap.h).
 */
#include "tap.h"

static int tap_count, tap_failed;

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
