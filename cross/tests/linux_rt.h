/*
 * linux_rt.h - the little runtime of a static MIPS I Linux test program
 * with no C library (run under qemu-mipsel as a reference): raw o32
 * system calls, buffered line output, and the __start that calls
 * linux_main(). Include it in exactly one file of a program.
 */
#ifndef LINUX_RT_H
#define LINUX_RT_H

#define NR_exit		4001
#define NR_write	4004
#define NR_rt_sigaction	4194

static long linux_syscall(long nr, long a, long b, long c, long d)
{
	register long v0 __asm__("$2") = nr;
	register long a0 __asm__("$4") = a;
	register long a1 __asm__("$5") = b;
	register long a2 __asm__("$6") = c;
	register long a3 __asm__("$7") = d;
	__asm__ __volatile__("syscall"
		: "+r"(v0), "+r"(a3), "+r"(a0), "+r"(a1), "+r"(a2)
		: : "$1", "$3", "$8", "$9", "$10", "$11", "$12", "$13", "$14",
		    "$15", "$24", "$25", "hi", "lo", "memory");
	return v0;
}

static char rt_obuf[8192];
static unsigned rt_olen;

static void rt_flush(void)
{
	unsigned off = 0;
	while (off < rt_olen) {
		long n = linux_syscall(NR_write, 1, (long)(rt_obuf + off), (long)(rt_olen - off), 0);
		if (n <= 0)
			break;
		off += (unsigned)n;
	}
	rt_olen = 0;
}

/* One line of output (a newline is added). */
static void rt_puts(const char *s)
{
	while (*s) {
		if (rt_olen == sizeof rt_obuf)
			rt_flush();
		rt_obuf[rt_olen++] = *s++;
	}
	if (rt_olen == sizeof rt_obuf)
		rt_flush();
	rt_obuf[rt_olen++] = '\n';
}

static void rt_exit(int status) __attribute__((noreturn, unused));
static void rt_exit(int status)
{
	rt_flush();
	linux_syscall(NR_exit, status, 0, 0, 0);
	for (;;)
		;
}

void linux_main(void) __attribute__((noreturn));

/* The kernel enters with sp at argc; keep it 8-byte aligned for o32. */
__asm__(".globl __start\n__start:\n"
	"\tli $2, -8\n\tand $sp, $sp, $2\n\taddiu $sp, $sp, -16\n"
	"\tjal linux_main\n\tnop\n");

#endif
