/*
 * fptest.c - a user program for the Linux baseline that computes with the
 * R3010 where the hardware hands the work to the kernel: a denormal
 * operand and a denormal result (the R3010 raises its unimplemented-
 * operation interrupt and the kernel's FPU emulator must deliver the IEEE
 * bits), a quiet-NaN operand (also unimplemented on the R3010), and a
 * divide by zero with its trap enabled (the kernel must send SIGFPE).
 * Each result is compared with the IEEE 754 bits (computed on the host
 * when this was written; listed beside each case). TAP output, then it
 * powers the machine off.
 *
 * Run twice by make test: with "nofpu" on the kernel command line and as our argument (Linux
 * then emulates every FP instruction, and every case must pass), and with
 * the R3010 in use, where Linux 6.1 itself fails (linux_bug_reports
 * below): those cases are reported as SKIP with the reason when, and only
 * when, the kernel log shows that fault's signature.
 *
 * The trap case runs in a child, which the signal ends.
 * Built hard-float (-mhard-float, MIPS I) against nolibc, run as
 * rdinit=/fptest. The volatile operands keep gcc from folding the
 * arithmetic at compile time.
 */
#include "nolibc.h"
#include <linux/reboot.h>
#include "nolibc_str.h"

/* nolibc (6.1) has no wait-status macros. */
#ifndef WIFSIGNALED
#define WTERMSIG(s)	((s) & 0x7f)
#define WIFSIGNALED(s)	(WTERMSIG(s) != 0 && WTERMSIG(s) != 0x7f)
#endif

static int checks, failures;

static void check(int ok, const char *what)
{
	checks++;
	if (!ok)
		failures++;
	printf("%sok %d - linux fpu: %s\n", ok ? "" : "not ", checks, what);
}

static unsigned long long bits(double d)
{
	union { double d; unsigned long long u; } v = { .d = d };
	return v.u;
}

static double from_bits(unsigned long long u)
{
	union { double d; unsigned long long u; } v = { .u = u };
	return v.d;
}

/* nolibc's printf has no field widths: print 16 hex digits by hand. */
static void show(const char *what, unsigned long long got)
{
	char hex[17];
	for (int i = 15; i >= 0; i--, got >>= 4)
		hex[i] = "0123456789abcdef"[got & 15];
	hex[16] = 0;
	printf("# %s = 0x%s\n", what, hex);
}

static unsigned get_fcsr(void)
{
	unsigned v;
	__asm__ volatile("cfc1 %0, $31" : "=r"(v));
	return v;
}

static void set_fcsr(unsigned v)
{
	__asm__ volatile("ctc1 %0, $31" : : "r"(v));
}

static char klog[65536];

static int hw_fpu;	/* the kernel uses the R3010 (no "nofpu") */

/* The known fault of Linux 6.1 on an R3000 DECstation (every one, real or
   simulated): the FPU interrupt reaches handle_int, which has switched to
   the IRQ stack since Linux 4.11; arch/mips/dec/int-handler.S then jumps
   to handle_fpe_int, whose "move a0, sp" hands do_fpe the IRQ stack as
   the register frame. do_fpe sees Status 0 (kernel mode) and EPC 0 and
   dies with "FP exception in kernel code". Recognised by that message
   followed by "epc   : 00000000" in the kernel log; a case is excused
   only when such a report appeared while it ran. */
static int linux_bug_reports(void)
{
	int n = my_syscall3(__NR_syslog, 3, klog, sizeof klog - 1), count = 0;
	klog[n > 0 ? n : 0] = 0;
	for (const char *p = klog; *p; p++)
		if (starts_with(p, "FP exception in kernel code") && contains(p, "epc   : 00000000"))
			count++;
	return count;
}

/* Run one case that needs the kernel's FPU emulator in a child (the
   fault above kills the process it hits, and PID 1 must survive it). */
static void emulated(const char *what, int (*fn)(void))
{
	int status = 0, before = linux_bug_reports();
	pid_t pid = fork();
	if (pid == 0)
		exit(fn() ? 0 : 1);
	if (pid < 0 || waitpid(pid, &status, 0) != pid) {
		check(0, what);
		return;
	}
	if (WIFSIGNALED(status) && hw_fpu && linux_bug_reports() > before) {
		checks++;
		printf("ok %d - linux fpu: %s # SKIP Linux 6.1 bug: the FPU interrupt's handler "
		       "gets the IRQ stack as its frame (handle_fpe_int)\n", checks, what);
		return;
	}
	check(!WIFSIGNALED(status) && WEXITSTATUS(status) == 0, what);
	if (WIFSIGNALED(status))
		printf("#   the child was killed by signal %d\n", WTERMSIG(status));
}

static volatile double tiny = 1e-310, half = 0.5, one = 1.0, zero = 0.0;
static volatile double dmin = 2.2250738585072014e-308;

static int denormal_mul(void)
{
	volatile double r = tiny * half;	/* denormal operand and result */
	show("1e-310 * 0.5", bits(r));
	return bits(r) == 0x0000093445b87316ull;
}

static int denormal_result(void)
{
	volatile double r = dmin * half;	/* a normal operand, a denormal result */
	show("DBL_MIN * 0.5", bits(r));
	return bits(r) == 0x0008000000000000ull;
}

static int denormal_add(void)
{
	volatile double r = tiny + one;		/* denormal operand, inexact normal result */
	return bits(r) == 0x3ff0000000000000ull;
}

static int qnan_add(void)
{
	volatile double qnan = from_bits(0x7ff7ffffffffffffull);	/* legacy quiet NaN */
	volatile double r = qnan + one;
	show("qNaN + 1", bits(r));
	return bits(r) == 0x7ff7ffffffffffffull;
}

int main(int argc, char **argv)
{
	volatile double r;

	/* make test passes "nofpu" to the kernel and, after "--", to us. */
	hw_fpu = !(argc > 1 && contains(argv[1], "nofpu"));
	printf("# fptest: where the R3010 needs the kernel, under Linux (%s)\n",
	       hw_fpu ? "the R3010 in use" : "nofpu: every FP instruction emulated");
	r = one / 3.0;
	check(bits(r) == 0x3fd5555555555555ull, "1/3 (normal range)");
	emulated("1e-310 * 0.5 = 0x0000093445b87316 (emulated)", denormal_mul);
	emulated("DBL_MIN * 0.5 = 0x0008000000000000 (emulated)", denormal_result);
	emulated("1e-310 + 1 = 1 (emulated)", denormal_add);
	emulated("quiet NaN + 1 = the same quiet NaN (emulated)", qnan_add);

	/* The trap, in a child: PID 1 ignores every signal it has no
	   handler for, and nolibc has no sigaction. */
	int status = 0, before = linux_bug_reports();
	pid_t pid = fork();
	if (pid == 0) {
		set_fcsr(0x400);	/* enable the divide-by-zero trap */
		r = one / zero;
		exit(0);		/* reached only if no signal came */
	}
	int waited = pid > 0 && waitpid(pid, &status, 0) == pid;
	if (waited && hw_fpu && WIFSIGNALED(status) && WTERMSIG(status) != SIGFPE &&
	    linux_bug_reports() > before) {
		checks++;
		printf("ok %d - linux fpu: 1/0 with the Z trap enabled: SIGFPE # SKIP Linux 6.1 bug: "
		       "the FPU interrupt's handler gets the IRQ stack as its frame (handle_fpe_int)\n",
		       checks);
	} else {
		check(waited && WIFSIGNALED(status) && WTERMSIG(status) == SIGFPE,
		      "1/0 with the Z trap enabled: SIGFPE");
	}

	set_fcsr(0);
	r = one / zero;
	check(bits(r) == 0x7ff0000000000000ull && (get_fcsr() & 0x20),
	      "1/0 with the trap disabled = +inf, flag Z set");

	printf("1..%d\n", checks);
	printf("# fptest: %d of %d checks failed\n", failures, checks);
	reboot(LINUX_REBOOT_CMD_POWER_OFF);
	return 0;
}
