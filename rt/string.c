/*
 * string.c - the few string and memory helpers a bare-metal image needs.
 * Bare-metal code is built -fno-builtin and links no C library, so it
 * carries its own.
 * memset/memcpy are also exported under their standard names because gcc
 * may emit calls to them for structure copies and initialisers.
 */
#include "rt.h"
#include <stdint.h>

size_t kstrlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

int kstrcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int kstrncmp(const char *a, const char *b, size_t n)
{
	for (; n > 0; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

/* Word at a time when both ends allow it: pages are zeroed and
   programs copied this way, and a byte loop would cost whole slices. */
void *kmemset(void *d, int c, size_t n)
{
	unsigned char *p = d;
	if ((((uintptr_t)p | n) & 3) == 0) {
		uint32_t w = (unsigned char)c * 0x01010101u;
		for (uint32_t *q = d; n; n -= 4)
			*q++ = w;
		return d;
	}
	while (n--)
		*p++ = (unsigned char)c;
	return d;
}

void *kmemcpy(void *d, const void *s, size_t n)
{
	unsigned char *p = d;
	const unsigned char *q = s;
	if ((((uintptr_t)p | (uintptr_t)q | n) & 3) == 0) {
		uint32_t *pw = d;
		const uint32_t *qw = s;
		for (; n; n -= 4)
			*pw++ = *qw++;
		return d;
	}
	while (n--)
		*p++ = *q++;
	return d;
}

void *memset(void *d, int c, size_t n) __attribute__((weak, alias("kmemset")));
void *memcpy(void *d, const void *s, size_t n) __attribute__((weak, alias("kmemcpy")));
