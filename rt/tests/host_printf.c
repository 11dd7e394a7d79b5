/*
 * host_printf.c - host unit test: the runtime's kvformat (rt/printf.c),
 * compiled natively, must format exactly as the C library's snprintf for
 * every conversion and flag combination it supports.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "../rt.h"

void console_putc(int c) { putchar(c); }

static int checks, failures;

#define SAME(fmt, ...) do {						\
	char want[128], got[128];					\
	snprintf(want, sizeof want, fmt, __VA_ARGS__);			\
	ksnprintf(got, sizeof got, fmt, __VA_ARGS__);			\
	checks++;							\
	if (strcmp(want, got) != 0) {					\
		failures++;						\
		printf("#   %-12s want \"%s\" got \"%s\"\n", fmt, want, got); \
	}								\
} while (0)

int main(void)
{
	static const int ints[] = { 0, 1, -1, 42, -42, INT_MAX, INT_MIN, 1000000 };
	static const unsigned long long ulls[] = {
		0, 1, 0xffffffffull, 0x100000000ull, ULLONG_MAX, 1234567890123456789ull,
	};
	static const char *const ifmts[] = {
		"%d", "%i", "%5d", "%-5d|", "%05d", "%.3d", "%8.3d", "%-8.3d|",
		"%u", "%x", "%X", "%o", "%08x", "%-8x|", "%.0d", "%hd", "%hhd",
		"%hu", "%hhx", "%ld", "%lx", "%zu",
	};
	static const char *const llfmts[] = { "%llu", "%llx", "%lld", "%20llu", "%-20llx|", "%020lld", "%llo" };
	static const char *const sfmts[] = { "%s", "%10s", "%-10s|", "%.2s", "%5.1s", "%.0s|" };
	static const char *const strs[] = { "", "a", "hello", "exokernel" };

	for (size_t f = 0; f < sizeof ifmts / sizeof *ifmts; f++)
		for (size_t i = 0; i < sizeof ints / sizeof *ints; i++)
			SAME(ifmts[f], ints[i]);
	for (size_t f = 0; f < sizeof llfmts / sizeof *llfmts; f++)
		for (size_t i = 0; i < sizeof ulls / sizeof *ulls; i++)
			SAME(llfmts[f], ulls[i]);
	SAME("%lld", (long long)LLONG_MIN);
	for (size_t f = 0; f < sizeof sfmts / sizeof *sfmts; f++)
		for (size_t i = 0; i < sizeof strs / sizeof *strs; i++)
			SAME(sfmts[f], strs[i]);
	SAME("%c|%3c|%-3c|", 'a', 'b', 'c');
	SAME("%*d|%-*d|%.*d", 6, 7, 6, 7, 4, 7);
	SAME("100%% %s", "done");

	printf("%sok - rt printf matches the C library (%d formats)\n",
	       failures ? "not " : "", checks);
	return failures != 0;
}
