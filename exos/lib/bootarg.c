/*
 * exos/lib/bootarg.c - a program's configuration from the boot words
 * (SYS_boot_arg: the PROM's argv, split on spaces): exos_boot_arg("peer")
 * finds the word "peer=..." and returns what follows the '='. Programs
 * started at boot (init=tcpsrc) take their arguments this way.
 */
#include <string.h>
#include "exos.h"

#define BOOTARG_MAX	64		/* longest word kept */
#define BOOTARG_KEPT	8		/* answers that stay valid at once */

const char *exos_boot_arg(const char *key)
{
	/* Each answer in its own buffer, a few of them in turn, so that a
	   caller may hold several values at once. */
	static char kept[BOOTARG_KEPT][BOOTARG_MAX];
	static unsigned next;
	char w[BOOTARG_MAX];
	size_t klen = strlen(key);
	for (unsigned n = 0; n < 256; n++) {
		int r = sys_boot_arg(n, w, sizeof w);
		if (r == -AEGIS_ENOENT)
			break;
		if (r < 0)
			continue;		/* longer than any value we take */
		if (strncmp(w, key, klen) == 0 && w[klen] == '=') {
			char *out = kept[next++ % BOOTARG_KEPT];
			strcpy(out, w + klen + 1);
			return out;
		}
	}
	return NULL;
}

unsigned long exos_boot_arg_num(const char *key, unsigned long dflt)
{
	const char *v = exos_boot_arg(key);
	if (!v || !*v)
		return dflt;
	unsigned long n = 0;
	for (; *v; v++) {
		if (*v < '0' || *v > '9')
			return dflt;	/* not a number: the default */
		n = n * 10 + (unsigned long)(*v - '0');
	}
	return n;
}
