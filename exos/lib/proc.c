/*
 * proc.c - processes: an ExOS process is an Aegis environment started
 * from the boot archive (SYS_spawn); waiting is polling SYS_wait and
 * yielding the rest of the slice while the child runs.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "exos.h"

const struct exos_filehooks *exos_filehooks;

void exos_files_waited(void)
{
	if (exos_filehooks)
		exos_filehooks->waited();
}

int proc_spawn(const char *name, uint32_t arg0, uint32_t arg1)
{
	char buf[64];	/* on the stack: a guaranteed mapping Aegis can read */
	size_t n = strlen(name);
	if (n == 0)
		return -AEGIS_EINVAL;
	if (n >= sizeof buf)	/* Aegis takes names of up to 63 bytes: none is so long */
		return -AEGIS_ENOENT;
	memcpy(buf, name, n + 1);
	if (exos_filehooks)	/* the child reads the disk, not our cache */
		exos_filehooks->sync();
	return sys_spawn(buf, n, arg0, arg1);
}

int proc_wait_full(int id, struct aegis_exit *out)
{
	struct aegis_exit x;	/* on the stack, for the same reason */
	int r;
	while ((r = sys_wait(id, &x)) == -AEGIS_EAGAIN)
		sys_yield(0);
	if (r == 0)
		exos_files_waited();
	if (r == 0 && out)
		*out = x;
	return r;
}

int proc_wait(int id, int *status)
{
	struct aegis_exit x;
	int r = proc_wait_full(id, &x);
	if (r == 0 && status)
		*status = x.killed ? 128 + (int)x.exc_code : x.status;
	return r;
}

void proc_exit(int status)
{
	fflush(stdout);
	fflush(stderr);
	if (exos_filehooks)
		exos_filehooks->exit();
	sys_exit(status);
}

/* TAP through SYS_check: Aegis numbers the checks of the whole run. */
static int nchecks, nfailed;

int exos_check(int ok, const char *fmt, ...)
{
	char name[96];	/* in .bss/stack: Aegis reads it */
	va_list ap;
	va_start(ap, fmt);
	vsniprintf(name, sizeof name, fmt, ap);
	va_end(ap);
	fflush(stdout);
	nchecks++;
	if (!ok)
		nfailed++;
	sys_check(ok, name);
	return ok;
}

int exos_checks_done(void) { return nchecks; }
int exos_checks_failed(void) { return nfailed; }

int exos_test_result(void)
{
	struct aegis_envinfo ei;
	fflush(stdout);
	if (sys_envinfo(exos_envid, &ei) == 0 && ei.parent == 0) {
		iprintf("1..%d\n", nchecks);
		fflush(stdout);
	}
	return nfailed > 255 ? 255 : nfailed;
}
