/*
 * boot.c - the first C code of every image: keep the PROM's arguments and
 * answer questions about them, then run what the image supplies (rt.h):
 * platform_select(), trap_init(), kmain(); halt when kmain returns.
 */
#include "rt.h"
#include "prom.h"

struct boot_args boot_args;

/* The boot arguments as words: the PROM passes one per argv entry;
   GXemul passes its whole -o string as one, so split on spaces too.
   Returns what follows prefix in the first word starting with it (the
   word must be exactly prefix if exact), or NULL. */
static const char *find_word(const char *prefix, int exact)
{
	size_t n = kstrlen(prefix);
	for (int i = 0; i < boot_args.argc; i++) {
		const char *a = boot_args.argv ? boot_args.argv[i] : NULL;
		while (a && *a) {
			while (*a == ' ')
				a++;
			size_t len = 0;
			while (a[len] && a[len] != ' ')
				len++;
			if (len >= n && kstrncmp(a, prefix, n) == 0 && (!exact || len == n))
				return a + n;
			a += len;
		}
	}
	return NULL;
}

const char *boot_word(int n, size_t *lenp)
{
	for (int i = 0; i < boot_args.argc; i++) {
		const char *a = boot_args.argv ? boot_args.argv[i] : NULL;
		while (a && *a) {
			while (*a == ' ')
				a++;
			size_t len = 0;
			while (a[len] && a[len] != ' ')
				len++;
			if (len && n-- == 0) {
				*lenp = len;
				return a;
			}
			a += len;
		}
	}
	return NULL;
}

int boot_has_arg(const char *arg)
{
	return find_word(arg, 1) != NULL;
}

const char *boot_arg_value(const char *prefix)
{
	/* Copied out: the value ends at its word's end, not the string's. */
	static char value[32];
	const char *v = find_word(prefix, 0);
	if (!v)
		return NULL;
	size_t k = 0;
	while (v[k] && v[k] != ' ' && k < sizeof value - 1) {
		value[k] = v[k];
		k++;
	}
	value[k] = 0;
	return value;
}

void boot(int argc, char **argv, uint32_t magic, uint32_t rex) NORETURN;

void boot(int argc, char **argv, uint32_t magic, uint32_t rex)
{
	boot_args.argc = argc;
	boot_args.argv = argv;
	boot_args.magic = magic;
	boot_args.rex = magic == PROM_MAGIC ? rex : 0;

	platform_select(prom_getsysid());
	trap_init();
	kmain();
	halt();
}
