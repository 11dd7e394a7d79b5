/*
 * testmain.c - the main program of the kernel's test image
 * (build/aegis/aegis.elf): boot, name the board, run the kernel's own
 * self-test, the user programs of its boot archive and the LANCE's
 * checks, print the TAP plan and halt.
 */
#include "../kernel.h"
#include "mips.h"
#include "../platform.h"
#include "selftest.h"
#include "tap.h"

void kmain(void)
{
	unsigned prid = mfc0(C0_PRID);

	kprintf("Aegis exokernel booting on %s, CPU PRId %08x (rev %u.%u)\n",
		platform->name, prid, (prid >> 4) & 0xf, prid & 0xf);
	selftest_run();
	usertest_run();
	lancecheck_run();
	ashtest_run();
	int failed = tap_done();
	kprintf("selftest: %s\n", failed ? "FAILED" : "passed");
}
