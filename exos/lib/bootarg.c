/*
 * exos/lib/bootarg.c - a program's configuration from the boot words
 * (SYS_boot_arg: the PROM's argv, split on spaces). Programs started by
 * Aegis (init=NAME) get no argv: they read words key=VALUE this way
 * (udprtt role=client peer=10.0.0.2, tcpsrc bytes=N, the stack's ip=).
 */
#include <errno.h>
#include <string.h>
#include "exos.h"

int exos_boot_arg(const char *key, char *buf, unsigned len)
{
	char w[128];
	size_t kl = strlen(key);
	for (unsigned n = 0; n < 256; n++) {
		int r = sys_boot_arg(n, w, sizeof w);
		if (r == -AEGIS_ENOENT)
			break;
		if (r < 0 || strncmp(w, key, kl) != 0 || w[kl] != '=')
			continue;	/* (a word longer than any value we take) */
		if (strlen(w + kl + 1) >= len)
			return -EINVAL;
		strcpy(buf, w + kl + 1);
		return 0;
	}
	return -ENOENT;
}

unsigned long exos_boot_arg_num(const char *key, unsigned long dflt)
{
	char v[24];
	if (exos_boot_arg(key, v, sizeof v) != 0 || !v[0])
		return dflt;
	unsigned long n = 0;
	for (const char *p = v; *p; p++) {
		if (*p < '0' || *p > '9')
			return dflt;	/* not a number: the default */
		n = n * 10 + (unsigned long)(*p - '0');
	}
	return n;
}
