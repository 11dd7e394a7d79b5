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
#include "../disk/disk.h"

/* What the disk requests of the run cost (disktest's), where the clock
   counts cycles (pmaxsim's counter page): all, and the driver's own. */
static void disk_cost(void)
{
	struct disk_stats s;
	disk_get_stats(&s);
	if (!s.requests || !platform_time_mhz())
		return;
	kprintf("# disk: %u requests, %u us each at %u MHz; the CPU's own work in the driver"
		" %u cycles each, the rest polling the chip\n", (unsigned)s.requests,
		(unsigned)(s.time / s.requests / platform_time_mhz()), (unsigned)platform_time_mhz(),
		(unsigned)((s.time - s.waited) / s.requests));
}

void kmain(void)
{
	unsigned prid = mfc0(C0_PRID);

	kprintf("Aegis exokernel booting on %s, CPU PRId %08x (rev %u.%u)\n",
		platform->name, prid, (prid >> 4) & 0xf, prid & 0xf);
	selftest_run();
	usertest_run();
	disk_cost();
	lancecheck_run();
	ashtest_run();
	int failed = tap_done();
	kprintf("selftest: %s\n", failed ? "FAILED" : "passed");
}
