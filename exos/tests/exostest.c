/*
 * exostest.c - the ExOS test runner (boot with init=exostest): spawns
 * each test program, waits for it, checks that it ended normally with no
 * failed check, and prints the TAP plan for the whole run (the programs'
 * checks and its own; each program's exit status says how many it made,
 * see exos_test_result).
 */
#include <stdio.h>
#include "exos.h"
#include "vm.h"

static const struct {
	const char *name;
	uint32_t arg0;
} tests[] = {
	{ "tlibc", 0 },
	{ "tvm", VM_LINEAR },
	{ "tvm", VM_INVERTED },
	{ "texc", 0 },
	{ "tproc", 0 },
	{ "tfork", 0 },	/* fork, exec, wait */
	{ "pipetest", 0 },
	{ "shmtest", 0 },
	{ "lrpctest", 0 },
	{ "stridetest", 0 },
	{ "vmbench", 1 },	/* few iterations; init=vmbench runs it in full */
};

int main(void)
{
	int total = 0, failed = 0;
	for (unsigned i = 0; i < sizeof tests / sizeof tests[0]; i++) {
		struct aegis_exit x;
		int id = proc_spawn(tests[i].name, tests[i].arg0, 0);
		int r = id > 0 ? proc_wait_full(id, &x) : id;
		int n = r == 0 && !x.killed ? (int)x.checks : 0;
		total += n;
		failed += r == 0 ? (int)x.checks_failed : 0;
		if (r == 0 && x.killed)
			printf("# %s: killed (%d), cause %u at pc %08x, badvaddr %08x\n", tests[i].name,
			       x.killed, x.exc_code, x.epc, x.badvaddr);
		exos_check(r == 0 && !x.killed && x.status == 0 && x.checks_failed == 0 && n > 0,
			   "exostest: %s %u ran %d checks, all passed", tests[i].name,
			   (unsigned)tests[i].arg0, n);
	}
	struct aegis_envinfo ei;
	int self = sys_envinfo(sys_getenvid(), &ei) == 0 && ei.id == (unsigned)exos_envid &&
		   ei.state == ENV_STATE_RUNNABLE;
	exos_check(self, "exostest: still running after its children");
	total += exos_checks_done();
	fflush(stdout);
	if (self && ei.parent == 0)
		printf("1..%d\n", total);	/* started by Aegis: the run is ours */
	else
		printf("# exostest: %d checks, %d failed\n", total, failed + exos_checks_failed());
	return exos_checks_failed();
}
