/*
 * string.c - the few string and memory helpers the kernel needs. The kernel
 * is built -fno-builtin and links no C library, so it carries its own.
 * memset/memcpy are also exported under their standard names because gcc
 * may emit calls to them for structure copies and initialisers.
 */
#include "kernel.h"

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

void *kmemset(void *d, int c, size_t n)
{
	unsigned char *p = d;
	while (n--)
		*p++ = (unsigned char)c;
	return d;
}

void *kmemcpy(void *d, const void *s, size_t n)
{
	unsigned char *p = d;
	const unsigned char *q = s;
	while (n--)
		*p++ = *q++;
	return d;
}

void *memset(void *d, int c, size_t n) __attribute__((weak, alias("kmemset")));
void *memcpy(void *d, const void *s, size_t n) __attribute__((weak, alias("kmemcpy")));
