/*
 * main.c - the kernel's main program. For now Aegis boots, names the board
 * and runs its self-test; environments and the paper's mechanisms follow.
 */
#include "kernel.h"
#include "mips.h"
#include "platform.h"
#include "tests/selftest.h"
#include "tests/tap.h"

void kmain(void)
{
	unsigned prid = mfc0(C0_PRID);

	kprintf("Aegis exokernel booting on %s, CPU PRId %08x (rev %u.%u)\n",
		platform->name, prid, (prid >> 4) & 0xf, prid & 0xf);
	selftest_run();
	usertest_run();
	int failed = tap_done();
	kprintf("selftest: %s\n", failed ? "FAILED" : "passed");
}
