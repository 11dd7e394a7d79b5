/*
 * hostfile.c - read a whole host file into memory (see hostfile.h).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hostfile.h"

static void fail(char *err, unsigned errlen, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

uint8_t *hostfile_read(const char *path, size_t *len, char *err, unsigned errlen)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fail(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	size_t cap = 1 << 20, n = 0;
	uint8_t *buf = malloc(cap);
	while (buf) {
		n += fread(buf + n, 1, cap - n, f);
		if (n < cap)
			break;
		if (cap >= (512u << 20)) {	/* no guest image is that big */
			free(buf);
			fclose(f);
			fail(err, errlen, "%s: larger than 512 MB", path);
			return NULL;
		}
		uint8_t *nb = realloc(buf, cap *= 2);
		if (!nb)
			free(buf);
		buf = nb;
	}
	int bad = ferror(f);
	fclose(f);
	if (!buf || bad) {
		free(buf);
		fail(err, errlen, "%s: read error", path);
		return NULL;
	}
	*len = n;
	return buf;
}
