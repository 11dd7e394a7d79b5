/*
 * linux.c - the reference side of the ISA tests: a static MIPS I Linux
 * program for qemu-mipsel with no C library (raw o32 system calls, as in
 * cross/tests/libgcc_linux.c). Integer-overflow traps arrive as SIGFPE; the
 * handler records them and steps over the faulting instruction, as the
 * bare-metal side's kernel trap probe does.
 */
#include "isa.h"

#define NR_exit		4001
#define NR_write	4004
#define NR_rt_sigaction	4194
#define SIGFPE		8
#define FPE_INTOVF	2
#define SA_SIGINFO	0x00000008	/* MIPS value */

static long sys4(long nr, long a, long b, long c, long d)
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

static char obuf[8192];
static unsigned olen;

static void flush(void)
{
	unsigned off = 0;
	while (off < olen) {
		long n = sys4(NR_write, 1, (long)(obuf + off), (long)(olen - off), 0);
		if (n <= 0)
			break;
		off += (unsigned)n;
	}
	olen = 0;
}

void plat_puts(const char *s)
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

/* MIPS o32: kernel struct sigaction is { flags, handler, mask[4] }. */
struct ksigaction {
	unsigned long sa_flags;
	void (*sa_handler)(int, void *, void *);
	unsigned long sa_mask[4];
};

static volatile int trap_kind;

/* ucontext: flags, link, stack_t (12 bytes), pad, then the sigcontext
 * (8-byte aligned, offset 24): regmask, status, u64 pc -> pc at 32. */
static void on_sigfpe(int sig, void *info, void *uc)
{
	int code = ((int *)info)[1];	/* MIPS siginfo: signo, code, errno */
	u64 *pc = (u64 *)((char *)uc + 32);

	trap_kind = sig == SIGFPE && code == FPE_INTOVF ? 1 : 2;
	*pc += 4;
}

void trap_arm(void)
{
	trap_kind = 0;
}

int trap_disarm(void)
{
	return trap_kind;
}

void linux_main(void) __attribute__((noreturn));
void linux_main(void)
{
	struct ksigaction sa = { SA_SIGINFO, on_sigfpe, { 0, 0, 0, 0 } };

	if (sys4(NR_rt_sigaction, SIGFPE, (long)&sa, 0, 16) != 0)
		plat_puts("rt_sigaction failed");
	isa_main();
	flush();
	sys4(NR_exit, 0, 0, 0, 0);
	for (;;)
		;
}

/* The kernel enters with sp at argc; keep it 8-byte aligned for o32. */
__asm__(".globl __start\n__start:\n"
	"\tli $2, -8\n\tand $sp, $sp, $2\n\taddiu $sp, $sp, -16\n"
	"\tjal linux_main\n\tnop\n");
