/*
 * nolibc_http.h - the two string functions cheetah/http.c uses that
 * Linux 6.1's nolibc lacks (memchr, strncasecmp; C99 7.21.5.1 and POSIX),
 * so the same parser builds into the Linux server (bench/linux/httpd.c)
 * unchanged. Their size_t is __SIZE_TYPE__, as GCC declares the
 * built-ins (nolibc's size_t is unsigned long, the ABI's unsigned int).
 * Force-included after nolibc.h (-include) when compiling http.c.
 */
#ifndef BENCH_LINUX_NOLIBC_HTTP_H
#define BENCH_LINUX_NOLIBC_HTTP_H

static __attribute__((unused)) void *memchr(const void *s, int c, __SIZE_TYPE__ n)
{
	const unsigned char *p = s;
	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

static __attribute__((unused)) int strncasecmp(const char *a, const char *b, __SIZE_TYPE__ n)
{
	for (; n; n--, a++, b++) {
		int x = *a >= 'A' && *a <= 'Z' ? *a + 32 : (unsigned char)*a;
		int y = *b >= 'A' && *b <= 'Z' ? *b + 32 : (unsigned char)*b;
		if (x != y || !x)
			return x - y;
	}
	return 0;
}

#endif
