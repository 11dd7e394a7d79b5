/*
 * usertest.c - run the user programs of the boot archive and check how
 * each ended: usertest, dispatch, bindtest, schedtest, hostile, disktest, imgtest and the
 * PCT pair (pctserver, pctclient) report their own checks through
 * SYS_check and must exit 0 with every page returned; each badaccess
 * program tries one thing user mode must not do, and must be stopped by
 * the exception the R3000 raises for it, with its target unchanged and
 * every page it held returned; malformed images, and one that maps
 * more pages than AEGIS_MAX_GMAPS, must be refused.
 */
#include "../archive.h"
#include "../env.h"
#include "../kernel.h"
#include "../mem.h"
#include "mips.h"
#include "../sched.h"
#include "selftest.h"
#include "tap.h"

static int run(const char *name, struct env_exit *x)
{
	struct archive_file f;
	struct env_fail fail = { 0, NULL };
	if (archive_find(name, &f) != 0) {
		tap_ok(0, "%s is in the boot archive", name);
		return -1;
	}
	struct env *e = env_create(f.data, (uint32_t)f.size, &fail);
	if (!e) {
		tap_ok(0, "%s loads (%s)", name, fail.why);
		return -1;
	}
	*x = sched_run_until(e, e);
	env_destroy(e);
	return 0;
}

/* How an environment ended, on a failed check. */
static void explain(const struct env_exit *x)
{
	kprintf("#   killed %d code %u epc %08x badvaddr %08x status %d\n", x->killed,
		x->exc_code, (unsigned)x->epc, (unsigned)x->badvaddr, x->status);
}

/* Run a program that reports its own checks; it must exit 0 and give
   back every page (its children's too). */
static void expect_exit0(const char *name, const char *ran, const char *pages)
{
	struct env_exit x;
	uint32_t before = mem_nfree();
	if (run(name, &x) == 0 && !tap_ok(!x.killed && x.status == 0, "%s", ran))
		explain(&x);
	tap_ok(mem_nfree() == before, "%s", pages);
}

#define NO_BADVADDR	0xffffffffu	/* the exception sets no BadVAddr */

static void expect_stopped(const char *name, unsigned code, uint32_t badvaddr,
			   const char *what)
{
	struct env_exit x;
	uint32_t before = mem_nfree();
	if (run(name, &x) != 0)
		return;
	int ok = x.killed && x.exc_code == code &&
		 (badvaddr == NO_BADVADDR || x.badvaddr == badvaddr);
	if (!tap_ok(ok, "user mode cannot %s (%s)", what, name))
		explain(&x);
	tap_ok(mem_nfree() == before, "%s: every page returned", name);
}

/* GXemul 0.7.0 lets user mode read kseg0 and run mtc0 without CU0 (its
   deviations from the R3000, found by sim/tests/cp0); booted with
   "emu=gxemul" those two attempts are skipped, not counted as proof. */
static int on_gxemul(void)
{
	return boot_has_arg("emu=gxemul");
}

static void skip_on_gxemul(const char *name, unsigned code, uint32_t badvaddr, const char *what)
{
	if (on_gxemul()) {
		tap_ok(1, "user mode cannot %s (%s) # SKIP GXemul allows it", what, name);
		tap_ok(1, "%s: every page returned # SKIP not run", name);
		return;
	}
	expect_stopped(name, code, badvaddr, what);
}

/* An ended environment in the last slot, kept (the kernel awaited it),
   for pctclient's transfer to ~0: an id of ~0 selects that slot. The
   slots below it are filled to get there, then freed. NULL if it could
   not be made. */
static struct env *ended_in_last_slot(void)
{
	struct archive_file f;
	struct env_fail fail = { 0, "" };
	struct env *fill[MAX_ENVS], *last = NULL;
	unsigned n = 0;
	if (archive_find("badaccess4", &f) != 0)
		return NULL;
	while (n < MAX_ENVS && !last) {
		struct env *e = env_create(f.data, (uint32_t)f.size, &fail);
		if (!e)
			break;
		if (e->slot == MAX_ENVS - 1)
			last = e;
		else
			fill[n++] = e;
	}
	while (n)
		env_destroy(fill[--n]);
	if (last) {
		(void)sched_run_until(last, last);	/* stopped by its TLB miss */
		if (last->state != ENV_STATE_ENDED) {
			env_destroy(last);
			last = NULL;
		}
	}
	return last;
}

void usertest_run(void)
{
	env_init();
	tap_ok(mem_npages() >= 2048, "RAM sized from the PROM bitmap (%u pages)",
	       (unsigned)mem_npages());

	expect_exit0("usertest", "usertest ran in user mode and exited 0",
		     "usertest: every page returned");
	expect_exit0("dispatch", "dispatch ran and exited 0", "dispatch: every page returned");
	expect_exit0("bindtest", "bindtest ran and exited 0", "bindtest: every page returned");
	expect_exit0("schedtest", "schedtest ran and exited 0",
		     "schedtest: every page of it and its children returned");
	expect_exit0("hostile", "hostile ran and exited 0",
		     "hostile: every page of it and its children returned");
	expect_exit0("disktest", "disktest ran and exited 0",
		     "disktest: every page of it and its child returned");
	expect_exit0("imgtest", "imgtest ran and exited 0",
		     "imgtest: every page of it and its children returned");

	struct env_exit x;
	uint32_t before;
	/* Protected control transfer between two environments: the server
	   starts, names its entry and hands the processor to the client. */
	struct env *ended = ended_in_last_slot();
	tap_ok(ended != NULL, "pct: an ended environment kept in the last slot meanwhile");
	before = mem_nfree();
	struct archive_file fs, fc;
	struct env_fail fail = { 0, "" };
	struct env *server = NULL, *client = NULL;
	if (archive_find("pctserver", &fs) == 0 && archive_find("pctclient", &fc) == 0) {
		server = env_create(fs.data, (uint32_t)fs.size, &fail);
		client = server ? env_create(fc.data, (uint32_t)fc.size, &fail) : NULL;
	}
	if (tap_ok(server && client, "pct: server and client created (%s)", fail.why)) {
		server->tf.a0 = client->id;
		/* The client owns no slice: it runs only on what the server
		   hands it (its synchronous PCT donates its slices). */
		sched_forget(client);
		x = sched_run_until(server, client);
		if (!tap_ok(!x.killed && x.status == 0, "pct: the client ran to its end"))
			explain(&x);
		env_destroy(server);
		env_destroy(client);
	}
	tap_ok(mem_nfree() == before, "pct: every page of both returned");
	if (ended)
		env_destroy(ended);

	uint32_t vector_word = *(volatile uint32_t *)VEC_GENERAL;
	skip_on_gxemul("badaccess1", EXC_ADEL, 0x80030000, "read kernel memory");
	expect_stopped("badaccess2", EXC_ADES, 0x80000080, "write the exception vector");
	tap_ok(*(volatile uint32_t *)VEC_GENERAL == vector_word,
	       "the exception vector is unchanged");
	skip_on_gxemul("badaccess3", EXC_CPU, NO_BADVADDR, "run a privileged instruction");
	expect_stopped("badaccess4", EXC_TLBL, 0x10000000, "read memory it does not map");
	expect_stopped("badaccess5", EXC_MOD, 0x00400000, "write its own read-only text");

	/* More guaranteed mappings than the old limit of 64 (bigimage maps
	   75 pages); its twin, past AEGIS_MAX_GMAPS, is refused below. */
	expect_exit0("bigimage", "bigimage (75 mapped pages) loaded, ran and exited 0",
		     "bigimage: every page returned");

	/* Malformed images: each refused with a reason, costing nothing. */
	static const char *const bad[] = {
		"user.ld", "bad-truncated", "bad-phoff", "bad-kernelseg", "bad-entry",
		"bad-machine", "bigimage-over",
	};
	before = mem_nfree();
	for (unsigned i = 0; i < ARRAY_SIZE(bad); i++) {
		struct archive_file f;
		struct env_fail fail = { 0, "" };
		int found = archive_find(bad[i], &f) == 0;
		tap_ok(found && !env_create(f.data, (uint32_t)f.size, &fail),
		       "the loader refuses %s (%s)", bad[i], fail.why);
	}
	tap_ok(mem_nfree() == before, "refused images hold no pages");
}
