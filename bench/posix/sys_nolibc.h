/*
 * sys_nolibc.h - the few POSIX calls and types bench/posix/posix.c needs
 * that Linux 6.1's nolibc lacks, as raw MIPS o32 system calls. Only used
 * in the static nolibc build for the Linux baseline; a real C library
 * (NetBSD's, glibc) provides all of this itself.
 *
 * Signals: the kernel's struct sigaction (asm/signal.h, flags first, one
 * handler member, a 128-bit mask) is passed to rt_sigaction as it is. MIPS
 * Linux has no SA_RESTORER: the kernel points $ra at the sigreturn
 * trampoline in the vDSO (arch/mips/kernel/signal.c), so no restorer is
 * supplied.
 */
#ifndef BENCH_POSIX_SYS_NOLIBC_H
#define BENCH_POSIX_SYS_NOLIBC_H

#include <asm/siginfo.h>
#include <asm/sigcontext.h>
#include <asm/ucontext.h>
#include <asm/sysmips.h>
#include <linux/reboot.h>

typedef struct ucontext ucontext_t;

/* nolibc's convention: a negative return is -errno. */
static int nolibc_ret(long r)
{
	if (r < 0) {
		SET_ERRNO(-r);
		return -1;
	}
	return (int)r;
}

/* nolibc 6.1 has no six-argument system call on MIPS, so its mmap always
   fails with ENOSYS. o32 passes arguments 5 and 6 on the stack. */
#define bench_syscall6(num, arg1, arg2, arg3, arg4, arg5, arg6)               \
({                                                                            \
	register long _num __asm__ ("v0") = (num);                            \
	register long _arg1 __asm__ ("a0") = (long)(arg1);                    \
	register long _arg2 __asm__ ("a1") = (long)(arg2);                    \
	register long _arg3 __asm__ ("a2") = (long)(arg3);                    \
	register long _arg4 __asm__ ("a3") = (long)(arg4);                    \
	register long _arg5 = (long)(arg5);                                   \
	register long _arg6 = (long)(arg6);                                   \
	__asm__ volatile (                                                    \
		"addiu $sp, $sp, -32\n"                                       \
		"sw %7, 16($sp)\n"                                            \
		"sw %8, 20($sp)\n"                                            \
		"syscall\n"                                                   \
		"addiu $sp, $sp, 32\n"                                        \
		: "=r" (_num), "=r"(_arg4)                                    \
		: "0"(_num), "r"(_arg1), "r"(_arg2), "r"(_arg3), "r"(_arg4),  \
		  "r"(_arg5), "r"(_arg6)                                      \
		: "memory", "cc", "at", "v1", "hi", "lo",                     \
		  "t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9"  \
	);                                                                    \
	_arg4 ? -_num : _num;                                                 \
})

static void *bench_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	long r = bench_syscall6(__NR_mmap2, addr, len, prot, flags, fd, off >> 12);
	if ((unsigned long)r >= -4095UL) {
		SET_ERRNO(-r);
		return MAP_FAILED;
	}
	return (void *)r;
}
#define mmap bench_mmap

static int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
	return nolibc_ret(my_syscall4(__NR_rt_sigaction, sig, act, old, sizeof(sigset_t)));
}

static int sigemptyset(sigset_t *set)
{
	memset(set, 0, sizeof *set);
	return 0;
}

static int sigaddset(sigset_t *set, int sig)
{
	set->sig[(sig - 1) / 32] |= 1UL << ((sig - 1) % 32);
	return 0;
}

static int sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
	return nolibc_ret(my_syscall4(__NR_rt_sigprocmask, how, set, old, sizeof(sigset_t)));
}

static int sigsuspend(const sigset_t *mask)
{
	return nolibc_ret(my_syscall2(__NR_rt_sigsuspend, mask, sizeof(sigset_t)));
}

static int mprotect(void *addr, size_t len, int prot)
{
	return nolibc_ret(my_syscall3(__NR_mprotect, addr, len, prot));
}

/* MIPS's pipe(2) returns the descriptors in v0/v1; pipe2 stores them. */
static int pipe(int fds[2])
{
	return nolibc_ret(my_syscall2(__NR_pipe2, fds, 0));
}

static int clock_gettime(int clk, struct timespec *ts)
{
	return nolibc_ret(my_syscall2(__NR_clock_gettime, clk, ts));
}

/* Linux fixes unaligned user accesses up in the kernel unless told not to
   (as Ultrix did, hence the paper's n/a): turn that off so they signal. */
static int unaligned_traps(void)
{
	return nolibc_ret(my_syscall3(__NR_sysmips, MIPS_FIXADE, 0, 0));
}

/* POSIX tcdrain: wait until the console has sent everything written. */
static int tcdrain(int fd)
{
	return nolibc_ret(my_syscall3(__NR_ioctl, fd, TCSBRK, 1));
}

#define _exit(status) exit(status)	/* nolibc's exit is the bare system call */
#define _SC_PAGESIZE 0
static long sysconf(int name)
{
	(void)name;
	return 4096;	/* decstation_defconfig: 4 KB pages */
}

/* The interrupted PC in a handler's context (the o32 sigcontext keeps it
   as 64 bits). */
#define UC_PC(uc) (((ucontext_t *)(uc))->uc_mcontext.sc_pc)

#ifndef O_SYNC
#define O_SYNC 0x4010	/* MIPS: __O_SYNC | O_DSYNC */
#endif

#endif
