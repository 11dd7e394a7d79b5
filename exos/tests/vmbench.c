/*
 * vmbench.c - ExOS's virtual-memory benchmarks, SOSP'95 Table 10 (Appel
 * & Li's, with the original linear page table) and Table 13 (the same
 * with the linear and the inverted page table), on 100 pages of their
 * own; and a test that each operation did what it should.
 *   dirty      ask whether a random one of the pages is dirty
 *   prot1      protect one page (read-only), one vm_protect per page
 *   prot100    protect 100 pages, one vm_protect call
 *   unprot100  unprotect them (read-write again), one call
 *   trap       a store to a read-only page, the user handler resumes
 *              after it
 *   appel1     store to a random protected page; the handler protects
 *              another page and unprotects the faulting one
 *   appel2     protect 100 pages, store to each in random order; the
 *              handler unprotects the faulting page (per page)
 * "Protect" is read-only and the fault a store to it, the protection
 * fault the paper's trap names. arg0 = 1 (exostest) runs a few iterations
 * of each; 0 (init=vmbench) enough for steady figures. Times come from
 * pmaxsim's counter page: per operation, total cycles / operations (a
 * clock tick inside a run adds well under 1%). Without the counter page
 * everything is checked and nothing is timed.
 */
#include <stdio.h>
#include "exos.h"
#include "exc.h"
#include "vm.h"
#include "asmhelp.h"

/* Away from the text, the stack, the heaps (sys.c) and the IPC windows
   (ipc.h). Consecutive pages never share a slot of Aegis's STLB, so the
   100 pages are all there after their first refill. */
#define BASE	0x48800000u
#define NPAGES	100
#define PAGE(i)	(BASE + (uint32_t)(i) * VM_PAGE_SIZE)
#define NRAND	1024

static unsigned fast;		/* arg0: few iterations */
static int timed;		/* the counter page is there */
static const char *kname;	/* "linear" or "inverted" */
static unsigned rnd[NRAND];	/* random page indices, no two in a row equal */

/* What the protection-fault handler does, and what it saw. */
enum { H_SKIP, H_APPEL1, H_APPEL2 };
static volatile int hmode;
static volatile unsigned nfault, nwrong;
static volatile unsigned unprot_page;	/* appel1: the one writable page */

static void on_prot(struct exc_frame *f)
{
	uint32_t va = f->badvaddr & ~(VM_PAGE_SIZE - 1);
	nfault++;
	if (va < BASE || va >= PAGE(NPAGES))
		nwrong++;
	switch (hmode) {
	case H_SKIP:	/* resume after the store (it is no delay slot) */
		exc_skip(f);
		break;
	case H_APPEL1:	/* protect the page opened last time, open this one
			   (both in one call: vm.h) */
		vm_protect2(PAGE(unprot_page), VM_READ, va, VM_READ | VM_WRITE);
		unprot_page = (va - BASE) / VM_PAGE_SIZE;
		break;
	case H_APPEL2:	/* open this one; the store is retried */
		vm_protect(va, VM_PAGE_SIZE, VM_READ | VM_WRITE);
		break;
	}
}

/* trap's own handler: the paper's trap is taking and handling the
   fault, so the handler does only that (count it, check it is the
   benchmark's address, resume after the store), with none of on_prot's
   mode switch; it is an ordinary C handler like any other. */
static volatile uint32_t trap_va;
static void on_trap(struct exc_frame *f)
{
	uint32_t bad = f->badvaddr;
	exc_skip(f);	/* the store is no delay slot */
	nfault++;
	if (bad != trap_va)
		nwrong++;
}

/* The benchmarks stay functions of their own, so that a profile
   (pmaxsim --profile) names each. */
#define NOINLINE __attribute__((noinline))

/* Timing. */
static uint64_t t_start;
static void t0(void) { t_start = exos_cycles(); }
static uint64_t t1(void) { return exos_cycles() - t_start; }

/* Results of one page-table kind, by benchmark. */
enum { B_DIRTY, B_PROT1, B_PROT100, B_UNPROT100, B_TRAP, B_APPEL1, B_APPEL2, NB };
static const char *const bname[NB] = { "dirty", "prot1", "prot100", "unprot100", "trap", "appel1", "appel2" };
static uint64_t cyc[NB];
static unsigned ops[NB];

static void bench_print(const char *table, const char *name, const char *suffix, uint64_t c, unsigned n)
{
	unsigned mhz = exos_mhz();
	uint64_t per = (c + n / 2) / n;				/* cycles per operation */
	uint64_t tenths = (c * 10 + (uint64_t)mhz * n / 2) / ((uint64_t)mhz * n);
	printf("bench %s %s%s us=%u.%u cycles=%u iters=%u\n", table, name, suffix, (unsigned)(tenths / 10),
	       (unsigned)(tenths % 10), (unsigned)per, n);
}

static int all_prot(int prot)
{
	int ok = 1, p;
	for (int i = 0; i < NPAGES; i++)
		ok &= vm_lookup(PAGE(i), 0, 0, &p) == 0 && p == prot;
	return ok;
}

/* Store to every page; how many of the stores faulted. */
static unsigned store_all(uint32_t v)
{
	unsigned f0 = nfault;
	for (int i = 0; i < NPAGES; i++)
		poke(PAGE(i) + 8, v + i);
	return nfault - f0;
}

static int all_hold(uint32_t v)
{
	int ok = 1;
	for (int i = 0; i < NPAGES; i++)
		ok &= peek(PAGE(i) + 8) == v + i;
	return ok;
}

static NOINLINE void bench_dirty(void)
{
	/* A fresh page is clean until written: the answer the loop times. */
	const uint32_t D = PAGE(NPAGES);
	int fresh = vm_alloc(D, VM_READ | VM_WRITE, 0, 0) == 0;
	int clean = vm_is_dirty(D) == 0;
	poke(D, 1);
	exos_check(fresh && clean && vm_is_dirty(D) == 1, "vmbench %s: dirty: clean until written, then dirty", kname);
	vm_unmap(D);

	unsigned n = fast ? 200 : 20000, sum = 0;
	t0();
	for (unsigned i = 0; i < n; i++)
		sum += vm_is_dirty(PAGE(rnd[i & (NRAND - 1)]));
	cyc[B_DIRTY] = t1();
	ops[B_DIRTY] = n;
	exos_check(sum == n, "vmbench %s: dirty: %u queries, every written page dirty", kname, n);
}

static NOINLINE void bench_prot(void)
{
	unsigned rounds = fast ? 1 : 20, ok = 1;
	uint64_t c = 0;
	for (unsigned r = 0; r < rounds; r++) {
		t0();
		for (int i = 0; i < NPAGES; i++)
			ok &= vm_protect(PAGE(i), VM_PAGE_SIZE, VM_READ) == 0;
		c += t1();
		if (r + 1 < rounds)
			vm_protect(BASE, NPAGES * VM_PAGE_SIZE, VM_READ | VM_WRITE);
	}
	cyc[B_PROT1] = c;
	ops[B_PROT1] = rounds * NPAGES;
	hmode = H_SKIP;
	exos_check(ok && all_prot(VM_READ) && store_all(0x1000) == NPAGES && all_hold(0x100),
		   "vmbench %s: prot1: after it every store faults to the handler, the data stays", kname);

	rounds = fast ? 2 : 50;
	uint64_t cp = 0, cu = 0;
	for (unsigned r = 0; r < rounds; r++) {
		vm_protect(BASE, NPAGES * VM_PAGE_SIZE, VM_READ | VM_WRITE);
		t0();
		ok &= vm_protect(BASE, NPAGES * VM_PAGE_SIZE, VM_READ) == 0;
		cp += t1();
		t0();
		ok &= vm_protect(BASE, NPAGES * VM_PAGE_SIZE, VM_READ | VM_WRITE) == 0;
		cu += t1();
	}
	vm_protect(BASE, NPAGES * VM_PAGE_SIZE, VM_READ);
	int prot_ok = all_prot(VM_READ) && store_all(0x2000) == NPAGES && all_hold(0x100);
	exos_check(ok && prot_ok, "vmbench %s: prot100: all 100 pages read-only, every store faults", kname);
	vm_protect(BASE, NPAGES * VM_PAGE_SIZE, VM_READ | VM_WRITE);
	exos_check(all_prot(VM_READ | VM_WRITE) && store_all(0x200) == 0 && all_hold(0x200),
		   "vmbench %s: unprot100: all 100 pages writable again, no store faults", kname);
	cyc[B_PROT100] = cp;
	cyc[B_UNPROT100] = cu;
	ops[B_PROT100] = ops[B_UNPROT100] = rounds;
}

static NOINLINE void bench_trap(void)
{
	unsigned n = fast ? 50 : 5000;
	const uint32_t P = PAGE(7) + 12;
	vm_protect(PAGE(7), VM_PAGE_SIZE, VM_READ);
	trap_va = P;
	exc_fn was = exc_handler(XCODE_MOD, on_trap);
	unsigned f0 = nfault;
	t0();
	for (unsigned i = 0; i < n; i++)
		poke(P, i);
	cyc[B_TRAP] = t1();
	ops[B_TRAP] = n;
	exc_handler(XCODE_MOD, was);
	exos_check(nfault - f0 == n && peek(P) == 0, "vmbench %s: trap: %u stores, %u handled, none landed", kname, n,
		   nfault - f0);
	vm_protect(PAGE(7), VM_PAGE_SIZE, VM_READ | VM_WRITE);
}

static NOINLINE void bench_appel1(void)
{
	unsigned n = fast ? 50 : 5000;
	/* Every page protected but one, the last to fault. */
	vm_protect(BASE, NPAGES * VM_PAGE_SIZE, VM_READ);
	unprot_page = rnd[NRAND - 1];
	vm_protect(PAGE(unprot_page), VM_PAGE_SIZE, VM_READ | VM_WRITE);
	hmode = H_APPEL1;
	unsigned f0 = nfault;
	t0();
	for (unsigned i = 0; i < n; i++)
		poke(PAGE(rnd[i & (NRAND - 1)]) + 16, i);
	cyc[B_APPEL1] = t1();
	ops[B_APPEL1] = n;
	int prot, open = 0;
	for (int i = 0; i < NPAGES; i++)
		open += vm_lookup(PAGE(i), 0, 0, &prot) == 0 && prot == (VM_READ | VM_WRITE);
	unsigned last = rnd[(n - 1) & (NRAND - 1)];
	exos_check(nfault - f0 == n && open == 1 && unprot_page == last && peek(PAGE(last) + 16) == n - 1,
		   "vmbench %s: appel1: %u stores each faulted once; one page open, the last touched", kname, n);
	vm_protect(BASE, NPAGES * VM_PAGE_SIZE, VM_READ | VM_WRITE);
}

static NOINLINE void bench_appel2(void)
{
	unsigned rounds = fast ? 1 : 20, faults = 0;
	int ok = 1;
	uint64_t c = 0;
	hmode = H_APPEL2;
	for (unsigned r = 0; r < rounds; r++) {
		/* A random order of the 100 pages (a shuffle). */
		unsigned order[NPAGES];
		for (int i = 0; i < NPAGES; i++)
			order[i] = i;
		for (int i = NPAGES - 1; i > 0; i--) {
			unsigned j = rnd[(r * NPAGES + i) & (NRAND - 1)] % (i + 1), t = order[i];
			order[i] = order[j];
			order[j] = t;
		}
		unsigned f0 = nfault;
		t0();
		vm_protect(BASE, NPAGES * VM_PAGE_SIZE, VM_READ);
		for (int i = 0; i < NPAGES; i++)
			poke(PAGE(order[i]) + 20, r);
		c += t1();
		faults += nfault - f0;
		for (int i = 0; i < NPAGES; i++)
			ok &= peek(PAGE(i) + 20) == r;
	}
	cyc[B_APPEL2] = c;
	ops[B_APPEL2] = rounds * NPAGES;
	exos_check(faults == rounds * NPAGES && ok && all_prot(VM_READ | VM_WRITE),
		   "vmbench %s: appel2: each page faulted once per round, all open after", kname);
}

static void run_kind(int kind)
{
	kname = kind == VM_INVERTED ? "inverted" : "linear";
	int before = vm_count();
	exos_check(vm_init(kind) == 0 && vm_kind() == kind && vm_count() == before,
		   "vmbench %s: page table selected, its %d pages moved over", kname, before);
	exos_check(store_all(0x100) == 0 && all_hold(0x100), "vmbench %s: the 100 pages writable", kname);
	bench_dirty();
	bench_prot();
	bench_trap();
	bench_appel1();
	bench_appel2();
	exos_check(nwrong == 0, "vmbench %s: every fault was on a benchmark page", kname);
	if (!timed)
		return;
	for (int b = 0; b < NB; b++) {
		if (kind == VM_LINEAR)
			bench_print("table10", bname[b], "", cyc[b], ops[b]);
		bench_print("table13", bname[b], kind == VM_LINEAR ? "-linear" : "-inverted", cyc[b], ops[b]);
	}
	fflush(stdout);
}

int main(void)
{
	fast = exos_arg0 == 1;
	timed = exos_counter != 0 && exos_mhz() != 0;
	if (!timed)
		printf("# no counter page: nothing timed\n");
	/* Random page indices (xorshift), no index twice in a row, so that
	   each appel1 store finds its page protected. */
	uint32_t x = 2463534242u;
	for (int i = 0; i < NRAND; i++) {
		do {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			rnd[i] = x % NPAGES;
		} while (i > 0 && rnd[i] == rnd[i - 1]);
	}
	while (rnd[0] == rnd[1] || rnd[0] == rnd[NRAND - 1])	/* it wraps around */
		rnd[0] = (rnd[0] + 1) % NPAGES;
	int ok = 1;
	for (int i = 0; i < NPAGES; i++)
		ok &= vm_alloc(PAGE(i), VM_READ | VM_WRITE, 0, 0) == 0;
	exos_check(ok && exc_handler(XCODE_MOD, on_prot) == 0, "vmbench: %d pages at %08x, a protection-fault handler",
		   NPAGES, BASE);
	printf("# vmbench: %s iterations\n", fast ? "few (a test)" : "full");
	run_kind(VM_LINEAR);
	run_kind(VM_INVERTED);
	for (int i = 0; i < NPAGES; i++)
		vm_unmap(PAGE(i));
	return exos_test_result();	/* with the plan when started by Aegis */
}
