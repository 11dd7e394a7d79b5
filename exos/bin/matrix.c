/*
 * matrix.c - SOSP'95 Table 9 on ExOS: one naive 150x150 integer matrix
 * product (the paper's point: application-level virtual memory adds no
 * visible cost to a compute-bound program), and Table 4's procedure call
 * (an empty, not inlined function called in a loop), the other figure of
 * plain user computation the paper times on ExOS.
 *
 * The matrices are on the heap, so every page of them is mapped by
 * ExOS's own page table (exos/lib/vm.c) and refilled through the STLB or
 * ExOS's TLB-miss handler, as the paper's were. The product, its values
 * and its check are bench/kernels/matrix.h's, which the Linux baseline
 * (bench/posix/posix.c) runs too, so the two figures compare. Times: pmaxsim's counter page, in simulated cycles. Prints
 *   bench table9 matrix150 us=X cycles=C iters=1
 *   bench table4 proc_call us=X cycles=C iters=N
 * arg0 = 1 (a quick run): a 30x30 product (named matrix30) and fewer calls.
 */
#include <stdio.h>
#include <stdlib.h>
#include "exos.h"
#include "../../bench/kernels/matrix.h"

#define PROC_CALLS	100000

static unsigned long n;
static matrix_row *ma, *mb, *mc;

__attribute__((noinline)) static void null_proc(void)
{
	__asm__ volatile("");
}

/* "bench TABLE NAME us=X.Y cycles=C iters=N", per operation. */
static void line(const char *table, const char *name, uint64_t cyc, unsigned ops)
{
	unsigned mhz = exos_mhz();
	uint64_t hundredths = (cyc * 100 + (uint64_t)mhz * ops / 2) / ((uint64_t)mhz * ops);
	printf("bench %s %s us=%lu.%02u cycles=%lu iters=%u\n", table, name,
	       (unsigned long)(hundredths / 100), (unsigned)(hundredths % 100),
	       (unsigned long)((cyc + ops / 2) / ops), ops);
}

static int product(void)
{
	matrix_fill(n, ma, mb);
	uint64_t t0 = exos_cycles();
	matrix_product(n, ma, mb, mc);
	uint64_t t = exos_cycles() - t0;
	int ok = matrix_check(n, ma, mb, mc);
	exos_check(ok, "matrix: %lux%lu integer product checked by row sums", n, n);
	if (ok && t) {
		char name[16];
		snprintf(name, sizeof name, "matrix%lu", n);
		line("table9", name, t, 1);
	}
	return ok;
}

int main(void)
{
	int quick = exos_arg0 == 1;
	int timed = exos_counter != 0 && exos_mhz() != 0;
	if (!timed)
		printf("# matrix: no counter page: nothing timed\n");
	n = quick ? 30 : 150;
	ma = malloc(sizeof(matrix_row) * n);
	mb = malloc(sizeof(matrix_row) * n);
	mc = malloc(sizeof(matrix_row) * n);
	if (!exos_check(ma && mb && mc, "matrix: three %lux%lu matrices on the heap", n, n))
		return exos_test_result();
	product();

	unsigned calls = quick ? PROC_CALLS / 50 : PROC_CALLS;
	null_proc();
	uint64_t t0 = exos_cycles();
	for (unsigned i = 0; i < calls; i++)
		null_proc();
	uint64_t t = exos_cycles() - t0;
	exos_check(!timed || t >= calls, "matrix: %u empty procedure calls took at least a cycle each", calls);
	if (timed)
		line("table4", "proc_call", t, calls);
	fflush(stdout);
	free(mc);
	free(mb);
	free(ma);
	return exos_test_result();
}
