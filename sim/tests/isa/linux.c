/*
 * linux.c - the reference side of the ISA tests: a static MIPS I Linux
 * program for qemu-mipsel with no C library (raw o32 system calls, as in
 * cross/tests/libgcc_linux.c). Integer-overflow traps arrive as SIGFPE; the
 * handler records them and steps over the faulting instruction, as the
 * bare-metal side's exception probe (rt/bare.h) does.
 */
#include "isa.h"
#include "../../../cross/tests/linux_rt.h"

#define SIGFPE		8
#define FPE_INTOVF	2
#define SA_SIGINFO	0x00000008	/* MIPS value */

void plat_puts(const char *s)
{
	rt_puts(s);
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

void linux_main(void)
{
	struct ksigaction sa = { SA_SIGINFO, on_sigfpe, { 0, 0, 0, 0 } };

	if (linux_syscall(NR_rt_sigaction, SIGFPE, (long)&sa, 0, 16) != 0)
		plat_puts("rt_sigaction failed");
	isa_main();
	rt_exit(0);
}
