/*
 * newlib_printf.c - a bare-metal guest image linking newlib 3.3.0 (built for
 * MIPS I by cross/newlib.sh) and our libgcc: printf("%lld") through stdio
 * to the console, snprintf of 64-bit and floating-point values (newlib's
 * dtoa runs on the soft-float routines), and malloc on the sbrk heap.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../rt/tap.h"
#include "newlib_sys.h"

static void check_snprintf(const char *want, const char *fmt, ...)
{
	char buf[64];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	char name[48];
	snprintf(name, sizeof name, "newlib snprintf \"%s\"", fmt);
	tap_is_str(buf, want, name);
}

void kmain(void)
{
	/* stdio to the console: what reached write() must be the number. */
	sys_written_len = 0;
	printf("printf %%lld: %lld\n", (long long)INT64_MIN);
	fflush(stdout);
	tap_is_str(sys_written, "printf %lld: -9223372036854775808\n",
		   "newlib printf(\"%lld\", INT64_MIN) reaches the console");

	check_snprintf("18446744073709551615", "%llu", (unsigned long long)UINT64_MAX);
	check_snprintf("-1234567890123456789", "%" PRId64, (int64_t)-1234567890123456789LL);
	check_snprintf("7fffffffffffffff", "%llx", (long long)INT64_MAX);
	check_snprintf("3.142", "%.3f", 3.14159265358979);
	check_snprintf("1e-310", "%g", 1e-310);		/* a denormal */
	check_snprintf("-inf nan", "%f %f", -1.0 / 0.0, 0.0 / 0.0 * 0.0);
	check_snprintf("2.5e+300", "%.1e", 2.5e300);

	char *p = malloc(100000);
	int ok = p != NULL;
	if (ok) {
		memset(p, 0x5a, 100000);
		ok = p[0] == 0x5a && p[99999] == 0x5a;
		free(p);
	}
	tap_ok(ok, "malloc(100000) from the sbrk heap");
	tap_ok(malloc(64u << 20) == NULL, "malloc beyond the heap limit fails cleanly");

	tap_done();
}
