/*
 * libgcc_linux.c - run the libgcc edge cases as a static MIPS I Linux
 * program under qemu-mipsel, with no C library: raw o32 system calls
 * (write = 4004, exit = 4001), so nothing but our libgcc is linked.
 */
#include "libgcc_cases.h"

static long sys3(long nr, long a, long b, long c)
{
	register long v0 __asm__("$2") = nr;
	register long a0 __asm__("$4") = a;
	register long a1 __asm__("$5") = b;
	register long a2 __asm__("$6") = c;
	register long a3 __asm__("$7");
	__asm__ __volatile__("syscall"
		: "+r"(v0), "=r"(a3), "+r"(a0), "+r"(a1), "+r"(a2)
		: : "$1", "$3", "$8", "$9", "$10", "$11", "$12", "$13", "$14",
		    "$15", "$24", "$25", "hi", "lo", "memory");
	return v0;
}

static char obuf[4096];
static unsigned olen;

static void flush(void)
{
	sys3(4004, 1, (long)obuf, (long)olen);
	olen = 0;
}

static void emit(const char *s)
{
	while (*s) {
		if (olen == sizeof obuf)
			flush();
		obuf[olen++] = *s++;
	}
	if (olen == sizeof obuf)
		flush();
	obuf[olen++] = '\n';
}

void linux_main(void) __attribute__((noreturn));
void linux_main(void)
{
	libgcc_cases(emit);
	flush();
	sys3(4001, 0, 0, 0);
	for (;;)
		;
}

/* The kernel enters with sp at argc; keep it 8-byte aligned for o32. */
__asm__(".globl __start\n__start:\n"
	"\tli $2, -8\n\tand $sp, $sp, $2\n\taddiu $sp, $sp, -16\n"
	"\tjal linux_main\n\tnop\n");

/* soft-fp raises exceptions through this hook; we ignore the flags. */
void abort(void) { sys3(4001, 134, 0, 0); for (;;) ; }
