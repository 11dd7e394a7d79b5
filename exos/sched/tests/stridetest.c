/*
 * stridetest.c - SOSP'95 Figure 3: three processes bump counters in
 * shared memory with a 3:2:1 share of the scheduler's quanta; the
 * scheduler (this process) owns the slices and yields each one to the
 * process stride scheduling picks. Prints cumulative iterations against
 * the ideal and checks the shares.
 */
#include "ipc/ipc.h"
#include "sched/stride.h"
#include "../../ipc/tests/tap.h"

#define QUANTA	60
struct shared { volatile uint32_t count[3]; volatile uint32_t ready[3]; volatile uint32_t next; };

static int worker(uint32_t ppn, uint32_t arg)
{
	struct shared *sh = (struct shared *)ipc_map(ppn, arg, 1);
	if (!sh)
		return 10;
	unsigned k = sh->next;	/* the parent starts one worker at a time */
	for (int pos = 0; pos < 64; pos++)	/* the scheduler owns the slices */
		ipc_sys1(SYS_slice_free, pos);
	sh->ready[k] = 1;
	for (;;)
		sh->count[k]++;
}

static uint32_t series[QUANTA + 1][3];
static void sample(unsigned q, void *arg)
{
	struct shared *sh = arg;
	for (int k = 0; k < 3; k++)
		series[q][k] = sh->count[k];
}

int main(void)
{
	if (ipc_is_child()) {
		unsigned a0, a1;
		ipc_startup_args(&a0, &a1);
		return worker(a0, a1);
	}
	struct ipc_page pg;
	if (!tap_ok(ipc_share(&pg) == 0, "stride: shared counter page"))
		return exos_test_result();
	struct shared *sh = (struct shared *)pg.va;
	static const unsigned tickets[3] = { 3, 2, 1 };
	struct stride_sched s = { .n = 0 };
	int ids[3];
	for (int k = 0; k < 3; k++) {
		sh->next = (uint32_t)k;
		ids[k] = ipc_spawn_self(pg.ppn, pg.wcap);
		for (int i = 0; ids[k] > 0 && !sh->ready[k] && i < 100; i++)
			ipc_yield(ids[k]);
		stride_add(&s, ids[k], tickets[k]);
	}
	tap_ok(ids[0] > 0 && ids[1] > 0 && ids[2] > 0 && sh->ready[0] && sh->ready[1] && sh->ready[2],
	       "stride: three workers started and gave up their slices");
	tap_ok(stride_own_slices() >= 0, "stride: the scheduler owns the free slices");
	stride_run(&s, 1, 0, 0);			/* to a slice boundary */
	stride_run(&s, QUANTA, sample, sh);
	sample(QUANTA, sh);
	for (int k = 0; k < 3; k++)
		ipc_sys1(SYS_destroy, ids[k]);
	for (int k = 0; k < 3; k++)
		ipc_wait(ids[k]);
	uint32_t d[3], tot = 0;
	for (int k = 0; k < 3; k++)
		tot += d[k] = series[QUANTA][k] - series[0][k];
	for (unsigned q = 0; q <= QUANTA; q += 5) {
		uint32_t t = 0;
		for (int k = 0; k < 3; k++)
			t += series[q][k] - series[0][k];
		printf("fig3 quantum=%u measured=%u,%u,%u ideal=%u,%u,%u\n", q,
		       series[q][0] - series[0][0], series[q][1] - series[0][1], series[q][2] - series[0][2],
		       t / 2, t / 3, t / 6);
	}
	int okshare = tot > 0;
	for (int k = 0; k < 3 && okshare; k++) {
		uint32_t ideal = tot / 6 * tickets[k];
		uint32_t diff = d[k] > ideal ? d[k] - ideal : ideal - d[k];
		if (diff > tot / 20)	/* within 5% of all iterations */
			okshare = 0;
	}
	printf("# stride shares: %u %u %u of %u iterations (quanta %u %u %u)\n", d[0], d[1], d[2], tot,
	       s.c[0].quanta, s.c[1].quanta, s.c[2].quanta);
	tap_ok(okshare, "stride: iterations split 3:2:1 within 5%");
	return exos_test_result();
}
