/*
 * main.c - the kernel's main program for a system image (ExOS's, for
 * one): boot, then start the program "init" from the boot archive and
 * let the time-slice vector run every environment until none is left.
 * Boot arguments after the image name reach init: "init=NAME" starts
 * another program instead.
 */
#include "archive.h"
#include "env.h"
#include "kernel.h"
#include "mips.h"
#include "platform.h"
#include "sched.h"
#include <aegis/syscall.h>

void kmain(void)
{
	unsigned prid = mfc0(C0_PRID);
	kprintf("Aegis exokernel booting on %s, CPU PRId %08x (rev %u.%u)\n",
		platform->name, prid, (prid >> 4) & 0xf, prid & 0xf);
	env_init();

	const char *name = boot_arg_value("init=");
	if (!name)
		name = "init";
	struct env_fail fail = { 0, "" };
	struct env *init = env_spawn(name, 0, &fail);
	if (!init) {
		kprintf("aegis: cannot start %s: %s\n", name, fail.why);
		return;
	}
	struct env_exit x = sched_run_until(init, init);
	env_destroy(init);
	if (x.killed)
		kprintf("aegis: %s stopped: %s at pc %08x\n", name,
			x.killed == AEGIS_KILLED_EXCESS ? "excess time" :
			x.killed == AEGIS_KILLED_DESTROYED ? "destroyed" : "exception",
			(unsigned)x.epc);
	kprintf("aegis: %s exited with status %d; halting\n", name, x.status);
}
