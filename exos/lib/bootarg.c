/*
 * bootarg.c - the boot arguments' key=value words (SYS_boot_arg) for
 * programs that take their configuration from the boot line, e.g.
 * init=echod ip=10.9.0.2/24, or init=necho peer=10.0.0.2 proto=tcp.
 * Minimal on purpose: one look-up walks Aegis's words.
 */
#include <string.h>
#include "exos.h"

/* The value of the first word "key=VALUE" (VALUE may be empty), or NULL
   when no word has that key. The words are copied once into .bss, so the
   pointers stay valid for the life of the program. */
#define BOOTARG_WORDS	24
#define BOOTARG_LEN	64
static char words[BOOTARG_WORDS][BOOTARG_LEN];
static int nwords = -1;		/* -1: not read yet */

const char *exos_boot_arg(const char *key)
{
	if (nwords < 0) {
		nwords = 0;
		/* A word too long for BOOTARG_LEN is skipped, not cut: a cut
		   value would be a wrong one. */
		for (unsigned n = 0; n < 256 && nwords < BOOTARG_WORDS; n++) {
			int r = sys_boot_arg(n, words[nwords], BOOTARG_LEN);
			if (r == -AEGIS_ENOENT)
				break;
			if (r >= 0)
				nwords++;
		}
	}
	size_t k = strlen(key);
	for (int i = 0; i < nwords; i++)
		if (!strncmp(words[i], key, k) && words[i][k] == '=')
			return words[i] + k + 1;
	return NULL;
}
