/*
 * posix.c - the SOSP'95 exokernel paper's micro-benchmarks (Tables 4, 5,
 * 8, 9 and 10) written against plain POSIX, to measure the monolithic
 * baselines the way the paper measured Ultrix: Linux 6.1 on pmaxsim (a
 * static nolibc build, run as the initramfs's /posix) and NetBSD/pmax
 * (built with its own cc). See bench/posix/README.md for what each
 * benchmark does and where it departs from the paper.
 *
 * Output: "bench TABLE NAME us=X iters=N" per benchmark (microseconds per
 * operation, best of three trials as the paper took for Ultrix) and one
 * TAP line per sanity check. "quick" as an argument runs a few iterations
 * of each (the smoke test).
 *
 * Timing uses pmaxsim's counter page (simulated cycles; <aegis/counter.h>)
 * through /dev/mem when it is there, otherwise clock_gettime.
 */
#ifdef NOLIBC
#include "sys_nolibc.h"
#else
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>
#if defined(_UC_MACHINE_PC)			/* NetBSD */
#define UC_PC(uc) _UC_MACHINE_PC((ucontext_t *)(uc))
#elif defined(__linux__) && defined(__mips__)	/* glibc, musl */
#define UC_PC(uc) (((ucontext_t *)(uc))->uc_mcontext.pc)
#endif
#endif
#include <aegis/counter.h>
#include "../kernels/matrix.h"

#ifndef MAP_ANONYMOUS
#define MAP_ANONYMOUS MAP_ANON
#endif
#define RW (PROT_READ | PROT_WRITE)
#define NPAGES 100	/* the paper's prot100 / appel2 page count */

static int quick, trials = 3, checks, failures, timed = 1;
static long pg;		/* the page size */

/* ---- timing ---- */

static volatile uint32_t *ctr;	/* the counter page, if mapped */
static uint32_t ticks_per_us;	/* the clock's MHz, or 1000 for nanoseconds */

static uint64_t now(void)
{
	if (ctr) {
		return counter_cycles(ctr);
	}
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* ---- signals ---- */

static volatile int nsig;		/* signals taken */
static volatile int stamp;		/* the handler records when it ran */
static volatile uint64_t t_handler;

static int catch_signal(int sig, void (*fn)(int, siginfo_t *, void *))
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
#ifdef NOLIBC
	sa.sa_handler = (void (*)(int))(void (*)(void))fn;	/* one member for both */
#else
	sa.sa_sigaction = fn;
#endif
	sa.sa_flags = SA_SIGINFO;
	return sigaction(sig, &sa, NULL);
}

/* So that a real fault outside a benchmark kills the process. */
static void uncatch_faults(void)
{
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL };
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = SIG_DFL;
	for (int i = 0; i < 4; i++)
		sigaction(sigs[i], &sa, NULL);
}

#ifdef __mips__
/* Faults that are stepped over: each faulting instruction is followed by
   a nop in the same asm, so the compiler never puts it in a branch delay
   slot and the handler can resume at PC + 4. */
static void step_over(int sig, siginfo_t *si, void *uc)
{
	if (stamp)
		t_handler = now();
	(void)sig, (void)si;
	nsig++;
#ifdef UC_PC
	UC_PC(uc) += 4;
#else
	(void)uc;
	_exit(99);	/* no way to resume here: die rather than loop */
#endif
}

static void catch_faults(void (*fn)(int, siginfo_t *, void *))
{
	catch_signal(SIGSEGV, fn);
	catch_signal(SIGBUS, fn);
	catch_signal(SIGFPE, fn);
	catch_signal(SIGILL, fn);
}

static uint32_t load_word(const volatile void *p)
{
	uint32_t v = 0;
	__asm__ volatile("lw %0, 0(%1)\n\tnop" : "+r"(v) : "r"(p) : "memory");
	return v;
}
#endif

/* Map the counter page; a real machine bus-errors on it, so the first
   read is stepped over if it faults. */
static void timer_init(void)
{
	ticks_per_us = 1000;
#ifdef __mips__
	int fd = open("/dev/mem", O_RDONLY | O_SYNC);
	if (fd < 0)
		return;
	void *p = mmap(NULL, COUNTER_PAGE_SIZE, PROT_READ, MAP_SHARED, fd, COUNTER_PAGE_PA);
	close(fd);
	if (p == MAP_FAILED)
		return;
	catch_faults(step_over);
	nsig = 0;
	uint32_t magic = load_word(p);
	if (nsig == 0 && magic == COUNTER_MAGIC) {
		ctr = p;
		ticks_per_us = counter_mhz(ctr);
	} else {
		munmap(p, COUNTER_PAGE_SIZE);
	}
	uncatch_faults();
#endif
}

/* ---- reporting ---- */

static int check(int ok, const char *table, const char *name, const char *what)
{
	checks++;
	if (!ok)
		failures++;
	printf("%sok %d - posix: %s %s: %s\n", ok ? "" : "not ", checks, table, name, what);
	return ok;
}

/* "bench TABLE NAME us=X.XX iters=N", from ticks over ops operations. */
static void report(const char *table, const char *name, uint64_t ticks, unsigned long ops)
{
	uint64_t d = (uint64_t)ticks_per_us * ops;
	uint64_t c = (ticks * 100 + d / 2) / d;	/* hundredths of a microsecond */
	char frac[3] = { (char)('0' + c / 10 % 10), (char)('0' + c % 10), 0 };
	printf("bench %s %s us=%llu.%s iters=%lu\n", table, name,
	       (unsigned long long)(c / 100), frac, ops);
}

typedef int bench_fn(unsigned long n, uint64_t t[2]);

/* Run fn `trials` times, keep the best of each of its (up to two) times,
   print the check and the bench line(s); ops: operations per trial. */
static void run(const char *table, const char *name, const char *name2, bench_fn *fn,
		unsigned long n, unsigned long ops, const char *what)
{
	uint64_t best[2] = { ~0ull, ~0ull }, t[2];
	int ok = 1;
	for (int i = 0; i < trials && ok; i++) {
		t[0] = t[1] = 0;
		ok = fn(n, t);
		for (int j = 0; j < 2; j++)
			if (t[j] < best[j])
				best[j] = t[j];
	}
	uncatch_faults();
	tcdrain(1);	/* keep console interrupts out of the next measurement */
	if (check(ok, table, name, what) && timed) {
		report(table, name, best[0], ops);
		if (name2)
			report(table, name2, best[1], ops);
	}
	tcdrain(1);
}

static void skip(const char *table, const char *name, const char *why)
{
	checks++;
	printf("ok %d - posix: %s %s # SKIP %s\n", checks, table, name, why);
}

/* ---- Table 4: null procedure call, null system call ---- */

__attribute__((noinline)) static void null_proc(void)
{
	__asm__ volatile("");
}

static int b_proc(unsigned long n, uint64_t t[2])
{
	uint64_t t0 = now();
	for (unsigned long i = 0; i < n; i++)
		null_proc();
	t[0] = now() - t0;
	return t[0] > 0;
}

static int b_getpid(unsigned long n, uint64_t t[2])
{
	pid_t me = getpid(), bad = 0;
	uint64_t t0 = now();
	for (unsigned long i = 0; i < n; i++)
		bad |= getpid() ^ me;
	t[0] = now() - t0;
	return me > 0 && bad == 0;
}

/* ---- Table 5: exceptions delivered to a user handler (signals) ---- */

#ifdef __mips__
static int exc_kind;	/* 0 unaligned, 1 overflow, 2 coprocessor, 3 write-protected */
static char *exc_page;

static void raise_exception(void)
{
	uint32_t v = 0x7fffffff;
	switch (exc_kind) {
	case 0:
		__asm__ volatile("lw %0, 1(%1)\n\tnop" : "+r"(v) : "r"(exc_page) : "memory");
		break;
	case 1:
		__asm__ volatile("add %0, %0, %1\n\tnop" : "+r"(v) : "r"(1) : "memory");
		break;
	case 2:	/* CP0 from user mode: a coprocessor-unusable exception */
		__asm__ volatile("mfc0 %0, $12\n\tnop" : "+r"(v) : : "memory");
		break;
	case 3:
		__asm__ volatile("sw %0, 0(%1)\n\tnop" : : "r"(v), "r"(exc_page) : "memory");
		break;
	}
}

/* t[0]: the whole round trip (fault, handler, return) per exception;
   t[1]: from just before the faulting instruction to the handler's start. */
static int b_exception(unsigned long n, uint64_t t[2])
{
	int ok = 1;
	exc_page = mmap(NULL, pg, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (exc_page == MAP_FAILED)
		return 0;
	exc_page[0] = 1;
	if (exc_kind == 3)
		ok = mprotect(exc_page, pg, PROT_READ) == 0;
	catch_faults(step_over);
	nsig = 0;
	stamp = 0;
	uint64_t t0 = now();
	for (unsigned long i = 0; i < n; i++)
		raise_exception();
	t[0] = now() - t0;
	stamp = 1;
	for (unsigned long i = 0; i < n; i++) {
		t0 = now();
		raise_exception();
		t[1] += t_handler - t0;
	}
	stamp = 0;
	munmap(exc_page, pg);
	return ok && (unsigned long)nsig == 2 * n;
}
#endif

static void table5(unsigned long n)
{
#ifdef __mips__
	static const char *name[] = { "unalign", "overflow", "coproc", "prot" };
	static const char *name2[] = { "unalign_dispatch", "overflow_dispatch",
				       "coproc_dispatch", "prot_dispatch" };
	static const char *what[] = {
		"misaligned lw: SIGBUS handler ran and resumed every time",
		"add overflow: SIGFPE handler ran and resumed every time",
		"mfc0 in user mode: SIGILL handler ran and resumed every time",
		"store to a read-only page: SIGSEGV handler ran and resumed every time",
	};
#ifdef NOLIBC
	if (unaligned_traps() != 0)
		printf("# posix: sysmips(MIPS_FIXADE, 0) failed; unaligned loads are fixed up\n");
#endif
	for (exc_kind = 0; exc_kind < 4; exc_kind++)
		run("table5", name[exc_kind], name2[exc_kind], b_exception, n, n, what[exc_kind]);
#else
	(void)n;
	skip("table5", "exceptions", "needs MIPS instructions");
#endif
}

/* ---- Table 8: IPC between two processes ---- */

static int reap(pid_t child)
{
	int st;
	return child > 0 && waitpid(child, &st, 0) == child && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* A counter ping-ponged through a word-sized message on two pipes. */
static int b_pipe(unsigned long n, uint64_t t[2])
{
	int down[2], up[2];
	uint32_t v = 0;
	if (pipe(down) || pipe(up))
		return 0;
	pid_t child = fork();
	if (child == 0) {
		close(down[1]), close(up[0]);
		for (unsigned long i = 0; i < n; i++) {
			if (read(down[0], &v, 4) != 4)
				_exit(1);
			v++;
			if (write(up[1], &v, 4) != 4)
				_exit(1);
		}
		_exit(0);
	}
	close(down[0]), close(up[1]);
	int ok = child > 0;
	uint64_t t0 = now();
	for (unsigned long i = 0; i < n && ok; i++) {
		uint32_t sent = v;
		ok = write(down[1], &v, 4) == 4 && read(up[0], &v, 4) == 4 && v == sent + 1;
		v++;
	}
	t[0] = now() - t0;
	close(down[1]), close(up[0]);
	return reap(child) && ok && v == 2 * n;
}

/* lrpc emulated with pipes: call into the other process, which bumps its
   counter and returns the value. */
static int b_lrpc(unsigned long n, uint64_t t[2])
{
	int req[2], rep[2];
	uint32_t v = 0, arg = 0;
	if (pipe(req) || pipe(rep))
		return 0;
	pid_t child = fork();
	if (child == 0) {
		uint32_t counter = 0;
		close(req[1]), close(rep[0]);
		while (read(req[0], &arg, 4) == 4) {
			counter++;
			if (write(rep[1], &counter, 4) != 4)
				_exit(1);
		}
		_exit(counter == n ? 0 : 1);
	}
	close(req[0]), close(rep[1]);
	int ok = child > 0;
	uint64_t t0 = now();
	for (unsigned long i = 1; i <= n && ok; i++)
		ok = write(req[1], &arg, 4) == 4 && read(rep[0], &v, 4) == 4 && v == i;
	t[0] = now() - t0;
	close(req[1]), close(rep[0]);
	return reap(child) && ok;
}

struct shm {
	volatile uint32_t val, turn;
};

static struct shm *shm_new(void)
{
	void *p = mmap(NULL, pg, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

/* A counter in shared memory, each side yielding the processor until it
   is its turn (ExOS used Aegis's directed yield; POSIX has sched_yield). */
static int b_shm_yield(unsigned long n, uint64_t t[2])
{
	struct shm *s = shm_new();
	if (!s)
		return 0;
	s->val = s->turn = 0;
	pid_t child = fork();
	if (child == 0) {
		for (unsigned long i = 0; i < n; i++) {
			while (s->turn != 1)
				sched_yield();
			s->val++;
			s->turn = 0;
		}
		_exit(0);
	}
	uint64_t t0 = now();
	for (unsigned long i = 0; i < n && child > 0; i++) {
		s->val++;
		s->turn = 1;
		while (s->turn != 0)
			sched_yield();
	}
	t[0] = now() - t0;
	int ok = reap(child) && s->val == 2 * n;
	munmap((void *)s, pg);
	return ok;
}

static void nothing(int sig, siginfo_t *si, void *uc)
{
	(void)sig, (void)si, (void)uc;
	nsig++;
}

/* The same with signals for the hand-over, as the paper emulated yield on
   Ultrix: SIGUSR1 stays blocked except inside sigsuspend, so none is lost. */
static int b_shm_signal(unsigned long n, uint64_t t[2])
{
	struct shm *s = shm_new();
	sigset_t block, wait;
	if (!s)
		return 0;
	s->val = s->turn = 0;
	catch_signal(SIGUSR1, nothing);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, &wait);
	pid_t parent = getpid(), child = fork();
	if (child == 0) {
		for (unsigned long i = 0; i < n; i++) {
			while (s->turn != 1)
				sigsuspend(&wait);
			s->val++;
			s->turn = 0;
			kill(parent, SIGUSR1);
		}
		_exit(0);
	}
	uint64_t t0 = now();
	for (unsigned long i = 0; i < n && child > 0; i++) {
		s->val++;
		s->turn = 1;
		kill(child, SIGUSR1);
		while (s->turn != 0)
			sigsuspend(&wait);
	}
	t[0] = now() - t0;
	int ok = reap(child) && s->val == 2 * n;
	sigprocmask(SIG_SETMASK, &wait, NULL);
	munmap((void *)s, pg);
	return ok;
}

/* ---- Table 9: 150x150 integer matrix multiply ---- */

static matrix_row ma[MATRIX_MAXN], mb[MATRIX_MAXN], mc[MATRIX_MAXN];

static int b_matrix(unsigned long n, uint64_t t[2])
{
	matrix_fill(n, ma, mb);
	uint64_t t0 = now();
	matrix_product(n, ma, mb, mc);
	t[0] = now() - t0;
	return matrix_check(n, ma, mb, mc);
}

/* ---- Table 10: virtual memory (Appel and Li's primitives) ---- */

static char *vm;	/* NPAGES pages, each holding its own number */
static volatile unsigned appel_open;	/* appel1: the one unprotected page */
static uint32_t seed = 1;

static unsigned rnd(unsigned below)
{
	seed = seed * 1103515245u + 12345u;
	return (seed >> 16) % below;
}

static int vm_new(void)
{
	vm = mmap(NULL, NPAGES * pg, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (vm == MAP_FAILED)
		return 0;
	for (int i = 0; i < NPAGES; i++)
		*(volatile uint32_t *)(vm + i * pg) = i;
	return 1;
}

/* The page a fault hit, or exit if it was not one of ours. */
static char *vm_page(siginfo_t *si)
{
	char *a = si->si_addr;
	if (a < vm || a >= vm + NPAGES * pg)
		_exit(98);
	return vm + (a - vm) / pg * pg;
}

static int b_prot1(unsigned long n, uint64_t t[2])
{
	int bad = 0;
	if (!vm_new())
		return 0;
	char *p = vm + NPAGES / 2 * pg;
	uint64_t t0 = now();
	for (unsigned long i = 0; i < n; i++) {
		bad |= mprotect(p, pg, PROT_READ);
		bad |= mprotect(p, pg, RW);
	}
	t[0] = now() - t0;
	munmap(vm, NPAGES * pg);
	return bad == 0;
}

/* t[0]: read-protect all NPAGES pages in one call; t[1]: unprotect them. */
static int b_prot100(unsigned long n, uint64_t t[2])
{
	int bad = 0;
	if (!vm_new())
		return 0;
	for (unsigned long i = 0; i < n; i++) {
		uint64_t t0 = now();
		bad |= mprotect(vm, NPAGES * pg, PROT_NONE);
		uint64_t t1 = now();
		bad |= mprotect(vm, NPAGES * pg, RW);
		t[0] += t1 - t0;
		t[1] += now() - t1;
	}
	munmap(vm, NPAGES * pg);
	return bad == 0;
}

#ifdef __mips__
/* A read of a read-protected page; the handler steps over the load. */
static int b_trap(unsigned long n, uint64_t t[2])
{
	if (!vm_new())
		return 0;
	char *p = vm + 3 * pg;
	int ok = mprotect(p, pg, PROT_NONE) == 0;
	catch_faults(step_over);
	nsig = 0;
	uint64_t t0 = now();
	for (unsigned long i = 0; i < n; i++)
		load_word(p);
	t[0] = now() - t0;
	munmap(vm, NPAGES * pg);
	return ok && (unsigned long)nsig == n;
}
#endif

static void appel1_fault(int sig, siginfo_t *si, void *uc)
{
	char *p = vm_page(si);
	(void)sig, (void)uc;
	mprotect(vm + appel_open * pg, pg, PROT_NONE);
	mprotect(p, pg, RW);
	appel_open = (unsigned)((p - vm) / pg);
	nsig++;
}

/* Touch a random protected page; the handler protects another page (the
   previously opened one) and unprotects the faulting one. */
static int b_appel1(unsigned long n, uint64_t t[2])
{
	uint32_t sum = 0, want = 0;
	if (!vm_new())
		return 0;
	appel_open = 0;
	int ok = mprotect(vm + pg, (NPAGES - 1) * pg, PROT_NONE) == 0;
	catch_signal(SIGSEGV, appel1_fault);
	catch_signal(SIGBUS, appel1_fault);
	nsig = 0;
	uint64_t t0 = now();
	for (unsigned long i = 0; i < n; i++) {
		unsigned k = rnd(NPAGES - 1);
		k += k >= appel_open;	/* any page but the open one */
		sum += *(volatile uint32_t *)(vm + k * pg);
		want += k;
	}
	t[0] = now() - t0;
	munmap(vm, NPAGES * pg);
	return ok && (unsigned long)nsig == n && sum == want;
}

static void appel2_fault(int sig, siginfo_t *si, void *uc)
{
	(void)sig, (void)uc;
	mprotect(vm_page(si), pg, RW);
	nsig++;
}

/* Protect NPAGES pages, then touch them in random order; the handler
   unprotects the faulting page. Per page. */
static int b_appel2(unsigned long n, uint64_t t[2])
{
	unsigned order[NPAGES];
	uint32_t sum = 0;
	int bad = 0;
	if (!vm_new())
		return 0;
	catch_signal(SIGSEGV, appel2_fault);
	catch_signal(SIGBUS, appel2_fault);
	nsig = 0;
	for (unsigned long r = 0; r < n; r++) {
		for (unsigned i = 0; i < NPAGES; i++)
			order[i] = i;
		for (unsigned i = NPAGES - 1; i > 0; i--) {
			unsigned j = rnd(i + 1), x = order[i];
			order[i] = order[j], order[j] = x;
		}
		uint64_t t0 = now();
		bad |= mprotect(vm, NPAGES * pg, PROT_NONE);
		for (unsigned i = 0; i < NPAGES; i++)
			sum += *(volatile uint32_t *)(vm + order[i] * pg);
		t[0] += now() - t0;
	}
	munmap(vm, NPAGES * pg);
	return bad == 0 && (unsigned long)nsig == n * NPAGES && sum == n * (NPAGES * (NPAGES - 1) / 2);
}

/* ---- main ---- */

static int benchmarks(void)
{
	unsigned long k = quick ? 50 : 1;	/* quick: a fiftieth of the iterations */
	pg = sysconf(_SC_PAGESIZE);
	timer_init();
	printf("posix: timing with %s, %u ticks per us; %s\n",
	       ctr ? "pmaxsim's counter page (simulated cycles)" : "clock_gettime (ns)",
	       (unsigned)ticks_per_us, quick ? "quick run, 1 trial" : "best of 3 trials");
	checks++;
#ifdef NOLIBC
	/* Linux's clock on the 5000/125 is jiffies (1/128 s): no figures from it. */
	if (!ctr)
		failures++, timed = 0;
	printf("%sok %d - posix: timer: pmaxsim's counter page\n", ctr ? "" : "not ", checks);
#else
	printf("ok %d - posix: timer: %s\n", checks, ctr ? "pmaxsim's counter page" : "clock_gettime");
#endif
	if (quick)
		trials = 1;

	run("table4", "proc_call", NULL, b_proc, 100000 / k, 100000 / k,
	    "an empty procedure called and returned");
	run("table4", "getpid", NULL, b_getpid, 20000 / k, 20000 / k, "getpid returned our pid every time");
	table5(2000 / k);
	run("table8", "pipe", NULL, b_pipe, 2000 / k, 2 * (2000 / k),
	    "a counter went back and forth through two pipes, incremented each way (one way per op)");
	/* Few: on the 5000/125 each hand-over waits for the clock tick (README). */
	run("table8", "shm_yield", NULL, b_shm_yield, 100 / k, 2 * (100 / k),
	    "two processes took turns incrementing a shared counter, with sched_yield (one way per op)");
	run("table8", "shm_signal", NULL, b_shm_signal, 1000 / k, 2 * (1000 / k),
	    "two processes took turns incrementing a shared counter, with signals (one way per op)");
	run("table8", "lrpc_pipe", NULL, b_lrpc, 2000 / k, 2000 / k,
	    "a call through pipes returned the other process's incremented counter (round trip per op)");
	if (quick)
		run("table9", "matrix30", NULL, b_matrix, 30, 1, "30x30 integer product checked by row sums");
	else
		run("table9", "matrix150", NULL, b_matrix, 150, 1, "150x150 integer product checked by row sums");
	skip("table10", "dirty", "no POSIX or Linux call reports a page's dirty bit (n/a for Ultrix in the paper too)");
	run("table10", "prot1", NULL, b_prot1, 2000 / k, 2 * (2000 / k),
	    "one page made read-only and read-write again (one change per op)");
	run("table10", "prot100", "unprot100", b_prot100, 1000 / k, 1000 / k,
	    "100 pages read-protected and unprotected with one mprotect each");
#ifdef __mips__
	run("table10", "trap", NULL, b_trap, 2000 / k, 2000 / k,
	    "a load from a read-protected page: SIGSEGV handler ran and resumed every time");
#else
	skip("table10", "trap", "needs MIPS instructions");
#endif
	run("table10", "appel1", NULL, b_appel1, 2000 / k, 2000 / k,
	    "random protected page touched; handler protected another and opened it; values right");
	run("table10", "appel2", NULL, b_appel2, 20 / k ? 20 / k : 1, (20 / k ? 20 / k : 1) * NPAGES,
	    "100 pages protected and touched in random order; handler opened each; values right (per page)");

	printf("1..%d\n", checks);
	printf("posix: %d checks, %d failed\n", checks, failures);
	return failures != 0;
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "quick"))
			quick = 1;
#ifdef NOLIBC
	/* As the Linux baseline's init: benchmark in a child (an ordinary
	   process, as on any other system), then power the machine off. */
	if (getpid() == 1) {
		int st = 0;
		pid_t child = fork();
		if (child == 0)
			exit(benchmarks());
		if (child < 0 || waitpid(child, &st, 0) != child || !WIFEXITED(st))
			printf("not ok - posix: the benchmark process died (status %d)\n", st);
		tcdrain(1);
		reboot(LINUX_REBOOT_CMD_POWER_OFF);
		for (;;)
			;
	}
#endif
	return benchmarks();
}
