/*
 * texecee.c - the program tfork.c execs from its RAM disk: a bare
 * Aegis program (no newlib: small enough to embed in the test), started
 * by aegis/user/crt0.S as main(a0, a1, a2, a3) with exec's convention
 * (exos/lib/procimg.h: a0 = argc, a2 = the magic word, a3 = argv). It
 * checks its arguments, its initialized data and its zeroed .bss, and
 * says how through its exit status: 40 + argc when all is right, else
 * the number of the first thing wrong (1..9). No SYS_check: the test
 * runner counts only its own children's checks.
 */
#include <aegis/sys.h>

static int data = 1234;
int texecee_bss[1000];	/* global: the compiler cannot assume it zero */

static int same(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

int main(int argc, unsigned a1, unsigned magic, char **argv);
int main(int argc, unsigned a1, unsigned magic, char **argv)
{
	(void)a1;
	if (magic != 0x65786563u)
		return 1;
	if (argc < 1 || argc > 8 || argv[argc] != 0)
		return 2;
	if (!same(argv[0], "texecee"))
		return 3;
	for (int i = 1; i < argc; i++) {
		char want[8] = { 'a', 'r', 'g', (char)('0' + i), 0 };
		if (!same(argv[i], want))
			return 4;
	}
	if (data != 1234)
		return 5;
	for (int i = 0; i < 1000; i++)
		if (texecee_bss[i])
			return 6;
	struct aegis_envinfo ei;
	if (sys_envinfo(sys_getenvid(), &ei) != 0 || !same(ei.name, "texecee"))
		return 7;
	if (((unsigned)__builtin_frame_address(0) & 7) != 0)
		return 8;
	data = 99;	/* its data and bss are writable */
	texecee_bss[999] = 1;
	return 40 + argc;
}
