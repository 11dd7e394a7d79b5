/*
 * hostile.c - a hostile program: every system call added with the
 * scheduler and environments (spawn, wait, destroy, the slice vector,
 * upcalls, envinfo, revocation, cidswitch, archive_name, boot_arg, clock, fpumod, yield,
 * PCT; the network's, in hostile_net.c) is called with bad arguments, and each must be refused with the
 * error the code documents and change nothing. Then, with children
 * alive, it tries to touch their state (pages, capabilities, slices,
 * their own children) and they try to touch its: nothing may succeed.
 *
 * It runs itself as its children: spawned with a0 = a KID_* role and
 * a1 = the page number of a page the parent shares (the kernel starts it
 * with a0 = 0, the attacker).
 */
#include <aegis/sys.h>
#include "../../user/report.h"
#include "hostile_net.h"
#include <aegis/net.h>

enum { KID_EXIT = 1, KID_HOLD, KID_MIDDLE, KID_WAITER, KID_LEAVE, KID_NET };

/* Addresses. The three bound with SYS_tlbwr have page numbers whose low
   12 bits no page of the program, its stack or the mapped STLB has, so
   their STLB slots are not shared with the program's own. */
#define KERNEL_VA	0x80000000u	/* kseg0: the kernel */
#define KSEG1_VA	0xa0000000u
#define UNMAPPED_VA	0x10000000u	/* nothing there */
#define TEXT_VA		USER_TEXT_BASE	/* its own read-only text */
#define SHARED_VA	0x20222000u	/* a page shared with the children */
#define OWN_VA		0x30111000u	/* a page of one's own (parent and holder) */
#define PROBE_VA	0x40333000u	/* where bindings of others' pages are tried */
#define STLB_VA		0x50000000u	/* the STLB, mapped read-only: kernel memory */
/* The kernel starts sp 16 bytes below USER_TOP and crt0 pushes below
   that: these 16 bytes at the top of the stack's last page are unused,
   and the page above them is unmapped. */
#define EDGE_VA		(USER_TOP - 16)
#define SCAN_PAGES	16384u		/* 64 MB: GXemul's RAM, twice pmaxsim's */

#define SH_RCAP		0x4057111eu
#define SH_WCAP		0x4057222eu
#define KID_RCAP	0x6b1d0001u
#define KID_WCAP	0x6b1d0002u
#define MY_RCAP		0x3e3e0001u
#define MY_WCAP		0x3e3e0002u
#define MAGIC		0x686f7374u

/* The shared page's words. */
enum { SH_STOP, SH_READY, SH_PAGE, SH_SLICE, SH_GRANDKID, SH_CANARY = 11 };

extern volatile unsigned upcall_save[8], starts, ends;	/* upcall_asm.S */
void polite_start(void), revoke_note(void);

static volatile unsigned canary = 0xc0ffee;
static unsigned sh_ppn;

static void say(const char *s)
{
	sys_cputs(s, ustrlen(s));
}

static void put_int(char **p, int v)
{
	if (v < 0) {
		*(*p)++ = '-';
		put_uint(p, (unsigned)-v);
	} else {
		put_uint(p, (unsigned)v);
	}
}

/* One check: the call's result must be want; on a failure say what came. */
static int expect(int got, int want, const char *name)
{
	int ok = got == want;
	sys_check(ok, name);
	if (!ok) {
		char m[64], *p = m;
		put_str(&p, "#   got ");
		put_int(&p, got);
		put_str(&p, ", want ");
		put_int(&p, want);
		*p++ = '\n';
		sys_cputs(m, (unsigned)(p - m));
	}
	return ok;
}

static int check(int ok, const char *name)
{
	sys_check(ok, name);
	return ok;
}

/* The shared page, bound again before each use: a library OS without a
   TLB-miss handler must not lose it to an STLB slot another took. */
static volatile unsigned *shared(void)
{
	sys_tlbwr(SHARED_VA, sh_ppn, SH_WCAP, TLBWR_WRITE);
	return (volatile unsigned *)SHARED_VA;
}

static void fill(volatile void *va, unsigned n, unsigned char v)
{
	volatile unsigned char *b = va;
	for (unsigned i = 0; i < n; i++)
		b[i] = v;
}

static int filled(const volatile void *va, unsigned n, unsigned char v)
{
	const volatile unsigned char *b = va;
	for (unsigned i = 0; i < n; i++)
		if (b[i] != v)
			return 0;
	return 1;
}

static int spawn_kid(unsigned role, unsigned arg)
{
	return sys_spawn("hostile", 7, role, arg);
}

static unsigned count_envs(void)
{
	struct aegis_envinfo i;
	unsigned n = 0;
	for (int slot = 1; slot < AEGIS_MAX_ENVS; slot++)
		n += sys_envinfo(slot, &i) == 0;
	return n;
}

static unsigned info_of(int id, unsigned what)
{
	struct aegis_envinfo i;
	if (sys_envinfo(id, &i) != 0)
		return ~0u;
	switch (what) {
	case 0: return i.state;
	case 1: return i.parent;
	case 2: return i.pages;
	default: return i.slices;
	}
}
#define STATE(id)	info_of(id, 0)
#define PARENT(id)	info_of(id, 1)
#define PAGES(id)	info_of(id, 2)
#define SLICES(id)	info_of(id, 3)

/* Wait for a child's end and collect it, giving it the processor. */
static int wait_for(int id, struct aegis_exit *x)
{
	int r;
	unsigned spins = 0;
	while ((r = sys_wait(id, x)) == -AEGIS_EAGAIN && ++spins < 1000000)
		sys_yield(id);
	return r;
}

/* Run a child until it has ended, without collecting it. */
static int run_until_ended(int id)
{
	for (unsigned spins = 0; spins < 1000000; spins++) {
		unsigned s = STATE(id);
		if (s != ENV_STATE_RUNNABLE)
			return s == ENV_STATE_ENDED;
		sys_yield(id);
	}
	return 0;
}

/* A protected control transfer by hand (the id goes in v1). On a refusal
   only v0 may change: *regs_ok says whether v1, a0..a3, t0 and t9 came
   back as they went. */
static int raw_pct(unsigned num, unsigned id, int *regs_ok)
{
	register unsigned v0 __asm__("$2") = num;
	register unsigned v1 __asm__("$3") = id;
	register unsigned a0 __asm__("$4") = 0x1badc0deu;
	register unsigned a1 __asm__("$5") = 0x2badc0deu;
	register unsigned a2 __asm__("$6") = 0x3badc0deu;
	register unsigned a3 __asm__("$7") = 0x4badc0deu;
	register unsigned t0 __asm__("$8") = 0x5badc0deu;
	register unsigned t9 __asm__("$25") = 0x6badc0deu;
	__asm__ __volatile__("syscall"
			     : "+r"(v0), "+r"(v1), "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3),
			       "+r"(t0), "+r"(t9)
			     :
			     : "$1", "$9", "$10", "$11", "$12", "$13", "$14", "$15", "$24",
			       "hi", "lo", "memory");
	*regs_ok = v1 == id && a0 == 0x1badc0deu && a1 == 0x2badc0deu && a2 == 0x3badc0deu &&
		   a3 == 0x4badc0deu && t0 == 0x5badc0deu && t9 == 0x6badc0deu;
	return (int)v0;
}

/* Still itself, in its own address space: its id, a global read and
   written, the shared page (a binding in its own context id). */
static int intact(int me)
{
	int ok = sys_getenvid() == me && canary == 0xc0ffee;
	canary = 0xbeef;
	ok &= canary == 0xbeef;
	canary = 0xc0ffee;
	return ok && shared()[SH_CANARY] == MAGIC;
}

/* ---- the children ---- */

/* Ends when the parent says so (or is gone). */
static int wait_stop(void)
{
	int me = sys_getenvid();
	for (unsigned n = 0; n < 5000000; n++) {
		if (shared()[SH_STOP])
			return 0;
		if (PARENT(me) == 0)
			return 1;	/* orphaned: the parent died */
		sys_yield(0);
	}
	return 1;
}

/* Owns a page and a slice the parent attacks; checks both survived. */
static int kid_hold(void)
{
	volatile unsigned *w = shared();
	int me = sys_getenvid(), q = sys_alloc(KID_RCAP, KID_WCAP);
	if (q <= 0 || sys_tlbwr(OWN_VA, (unsigned)q, KID_WCAP, TLBWR_WRITE) != 0)
		return 11;
	volatile unsigned *page = (volatile unsigned *)OWN_VA;
	for (unsigned i = 0; i < 1024; i++)
		page[i] = MAGIC + i;

	/* From below: none of the parent's slices, nor free ones. */
	int mine = (int)w[SH_SLICE], parent = (int)PARENT(me);
	unsigned pslices = SLICES(parent), bad = 0;
	for (int pos = 0; pos < 64; pos++)
		if (pos != mine && sys_slice_free(pos) != -AEGIS_EPERM)
			bad++;
	check(bad == 0 && SLICES(parent) == pslices && SLICES(me) == 1,
	      "hostile child: it cannot free any slice but its own (its parent's, free ones)");
	check(sys_dealloc(sh_ppn) == -AEGIS_EPERM && sys_setcap(sh_ppn, 0, 0) == -AEGIS_EPERM,
	      "hostile child: a page's write capability does not let it free the page or recap it");

	w = shared();
	w[SH_PAGE] = (unsigned)q;
	w[SH_READY] = 1;
	if (wait_stop())
		return 12;

	/* Its capability still works (not changed), its data is intact. */
	int ok = sys_tlbwr(OWN_VA, (unsigned)q, KID_WCAP, TLBWR_WRITE) == 0;
	for (unsigned i = 0; ok && i < 1024; i++)
		ok = page[i] == MAGIC + i;
	ok &= SLICES(me) == 1;
	ok &= sys_dealloc((unsigned)q) == 0;
	return ok ? 0 : 13;
}

/* Has a child of its own (the grandchild the parent attacks). */
static int kid_middle(void)
{
	int me = sys_getenvid(), parent = (int)PARENT(me);
	int gk = spawn_kid(KID_WAITER, sh_ppn);
	if (gk <= 0)
		return 21;
	struct aegis_exit x;
	fill(&x, sizeof x, 0x5a);
	check(sys_destroy(parent) == -AEGIS_ESRCH && STATE(parent) == ENV_STATE_RUNNABLE,
	      "hostile child: ending its parent is refused (ESRCH)");
	check(sys_wait(parent, &x) == -AEGIS_ESRCH && filled(&x, sizeof x, 0x5a),
	      "hostile child: waiting for its parent is refused (ESRCH)");
	shared()[SH_GRANDKID] = (unsigned)gk;
	if (wait_stop())
		return 22;
	return wait_for(gk, &x) == 0 && x.status == 0 && !x.killed ? 0 : 23;
}

static int kid(unsigned role, unsigned arg)
{
	sh_ppn = arg;
	switch (role) {
	case KID_EXIT:
		return (int)arg;
	case KID_HOLD:
		return kid_hold();
	case KID_MIDDLE:
		return kid_middle();
	case KID_WAITER:
		return wait_stop() ? 31 : 0;
	case KID_NET:
		return hostile_net_kid(shared, wait_stop);
	case KID_LEAVE: {
		/* Ends holding a page and a second slice, for its successor
		   in the slot not to inherit. */
		int q = sys_alloc(KID_RCAP, KID_WCAP), pos = sys_slice_alloc(-1);
		volatile unsigned *w = shared();
		w[SH_PAGE] = (unsigned)q;
		w[SH_SLICE] = (unsigned)pos;
		return q > 0 && pos >= 0 ? 0 : 41;
	}
	}
	return 99;
}

/* ---- the attacks ---- */

static void attack_spawn(void)
{
	static const char long63[] =
		"this-name-has-sixty-three-bytes-and-no-such-program-exists-here";
	static const char long64[] =
		"this-name-has-sixty-four-bytes-so-it-is-one-byte-too-long-for-it";
	unsigned envs = count_envs();

	expect(sys_spawn((const char *)KERNEL_VA, 8, 0, 0), -AEGIS_EFAULT,
	       "hostile: spawn, name in the kernel (0x80000000)");
	expect(sys_spawn((const char *)KSEG1_VA, 8, 0, 0), -AEGIS_EFAULT,
	       "hostile: spawn, name in kseg1");
	expect(sys_spawn((const char *)UNMAPPED_VA, 8, 0, 0), -AEGIS_EFAULT,
	       "hostile: spawn, name unmapped (0x10000000)");
	expect(sys_spawn("hostile", 0, 0, 0), -AEGIS_EINVAL, "hostile: spawn, name length 0");
	expect(sys_spawn(long64, 64, 0, 0), -AEGIS_EINVAL, "hostile: spawn, name length 64");
	expect(sys_spawn("hostile", 0xffffffffu, 0, 0), -AEGIS_EINVAL,
	       "hostile: spawn, name length 0xffffffff");
	expect(sys_spawn(long63, 63, 0, 0), -AEGIS_ENOENT,
	       "hostile: spawn, a 63-byte name (the longest) not in the archive");
	expect(sys_spawn("hostil", 6, 0, 0), -AEGIS_ENOENT,
	       "hostile: spawn, a prefix of a program's name is not that program");
	expect(sys_spawn("hostilex", 8, 0, 0), -AEGIS_ENOENT,
	       "hostile: spawn, a program's name with a byte more is not it");

	char *edge = (char *)(USER_TOP - 4);
	edge[0] = 's'; edge[1] = 'c'; edge[2] = 'h'; edge[3] = 'e';
	expect(sys_spawn(edge, 8, 0, 0), -AEGIS_EFAULT,
	       "hostile: spawn, name running off the stack into the unmapped page");
	volatile char *sv = (volatile char *)SHARED_VA;
	for (unsigned i = 0; i < 9; i++)
		sv[i] = "schedkid"[i];
	expect(sys_spawn((const char *)SHARED_VA, 8, 0, 0), -AEGIS_EFAULT,
	       "hostile: spawn, name in a page bound by SYS_tlbwr, not its program's");
	expect(sys_spawn((const char *)STLB_VA, 8, 0, 0), -AEGIS_EFAULT,
	       "hostile: spawn, name in the mapped STLB (a device page)");

	/* Files of the archive that are not usable programs. */
	static const char *const bad[] = {
		"user.ld", "bad-truncated", "bad-phoff", "bad-kernelseg", "bad-entry", "bad-machine",
	};
	int all = 1;
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int r = sys_spawn(bad[i], ustrlen(bad[i]), 0, 0);
		if (r != -AEGIS_EINVAL) {
			char m[64], *p = m;
			put_str(&p, "#   ");
			put_str(&p, bad[i]);
			put_str(&p, ": ");
			put_int(&p, r);
			*p++ = '\n';
			sys_cputs(m, (unsigned)(p - m));
			all = 0;
		}
	}
	check(all, "hostile: spawn of each malformed image in the archive is refused (EINVAL)");
	check(count_envs() == envs, "hostile: the refused spawns created no environment");
}

static void attack_wait_destroy(int me)
{
	struct aegis_exit x;
	fill(&x, sizeof x, 0x5a);
	expect(sys_wait(0, &x), -AEGIS_ESRCH, "hostile: wait for id 0");
	expect(sys_wait(32, &x), -AEGIS_ESRCH, "hostile: wait for id 32 (slot 0: never an environment)");
	expect(sys_wait(-1, &x), -AEGIS_ESRCH, "hostile: wait for id 0xffffffff");
	expect(sys_wait(31, &x), -AEGIS_ESRCH, "hostile: wait for an empty slot (31)");
	expect(sys_wait(me, &x), -AEGIS_ESRCH, "hostile: wait for itself (not its own child)");
	check(filled(&x, sizeof x, 0x5a), "hostile: the refused waits wrote nothing");
	expect(sys_destroy(0), -AEGIS_ESRCH, "hostile: destroy id 0");
	expect(sys_destroy(32), -AEGIS_ESRCH, "hostile: destroy id 32 (slot 0: never an environment)");
	expect(sys_destroy(-1), -AEGIS_ESRCH, "hostile: destroy id 0xffffffff");
	expect(sys_destroy(31), -AEGIS_ESRCH, "hostile: destroy an empty slot (31)");

	/* An ended child, not yet waited for. */
	int kid = spawn_kid(KID_EXIT, 7);
	struct aegis_envinfo info;
	int named = kid > 0 && sys_envinfo(kid, &info) == 0 && info.parent == (unsigned)me &&
		    info.name[0] == 'h' && info.name[6] == 'e' && info.name[7] == 0;
	if (!check(kid > 0 && named && run_until_ended(kid),
		   "hostile: a child spawned (envinfo: its parent, its name), run to its end"))
		return;
	fill((void *)EDGE_VA, 16, 0xa5);
	expect(sys_wait(kid, (struct aegis_exit *)KERNEL_VA), -AEGIS_EFAULT,
	       "hostile: wait, *out in the kernel");
	expect(sys_wait(kid, (struct aegis_exit *)TEXT_VA), -AEGIS_EFAULT,
	       "hostile: wait, *out in its read-only text");
	expect(sys_wait(kid, (struct aegis_exit *)UNMAPPED_VA), -AEGIS_EFAULT,
	       "hostile: wait, *out unmapped");
	expect(sys_wait(kid, (struct aegis_exit *)EDGE_VA), -AEGIS_EFAULT,
	       "hostile: wait, *out running into the unmapped page");
	check(filled((void *)EDGE_VA, 16, 0xa5), "hostile: that wait wrote no byte of the mapped part");
	expect(sys_wait(kid, (struct aegis_exit *)STLB_VA), -AEGIS_EFAULT,
	       "hostile: wait, *out in the mapped STLB (kernel memory)");
	expect(sys_wait(kid, (struct aegis_exit *)SHARED_VA), -AEGIS_EFAULT,
	       "hostile: wait, *out in a page bound by SYS_tlbwr");
	check(STATE(kid) == ENV_STATE_ENDED, "hostile: a refused wait does not free the child");
	expect(sys_destroy(kid), 0, "hostile: destroy of an ended child is a no-op (0)");

	/* An ended child is no target. */
	expect(sys_yield(kid), -AEGIS_ESRCH, "hostile: yield to an ended child");
	int regs, all = 1;
	all &= expect(raw_pct(SYS_pct_sync, (unsigned)kid, &regs), -AEGIS_EINVAL,
		      "hostile: pct_sync to an ended child") && regs;
	all &= expect(raw_pct(SYS_pct_async, (unsigned)kid, &regs), -AEGIS_EINVAL,
		      "hostile: pct_async to an ended child") && regs;
	check(all && intact(me), "hostile: after them, no register but v0 changed, its space intact");

	check(sys_wait(kid, &x) == 0 && x.status == 7 && !x.killed,
	      "hostile: the child's exit record survived (status 7, not killed)");
	expect(sys_wait(kid, &x), -AEGIS_ESRCH, "hostile: and it is waited for once");
}

/* The id of an environment that ended names nothing, even once another
   environment has its slot: ids carry the slot's generation. */
static void attack_stale_ids(int me)
{
	struct aegis_exit x;
	volatile unsigned *w = shared();
	w[SH_PAGE] = w[SH_SLICE] = 0;
	w[SH_STOP] = 0;
	int old = spawn_kid(KID_LEAVE, sh_ppn);
	int ended = old > 0 && wait_for(old, &x) == 0 && x.status == 0;
	w = shared();
	unsigned old_ppn = w[SH_PAGE], old_pos = w[SH_SLICE];
	int kid = spawn_kid(KID_WAITER, sh_ppn);
	if (!check(ended && kid > 0 && kid != old && AEGIS_ENV_SLOT(kid) == AEGIS_ENV_SLOT(old) &&
		   AEGIS_ENV_GEN(kid) == AEGIS_ENV_GEN(old) + 1,
		   "hostile: a child ended and collected; the next one has its slot, a new id")) {
		if (kid > 0) {
			shared()[SH_STOP] = 1;
			wait_for(kid, &x);
		}
		return;
	}
	unsigned pages = PAGES(kid), slices = SLICES(kid);
	struct aegis_envinfo info;
	fill(&info, sizeof info, 0x5a);
	expect(sys_envinfo(old, &info), -AEGIS_ESRCH, "hostile: envinfo of a reused slot's old id");
	check(filled(&info, sizeof info, 0x5a) && sys_envinfo(AEGIS_ENV_SLOT(old), &info) == 0 &&
	      info.id == (unsigned)kid, "hostile: it wrote nothing; the bare slot number names the new child");
	fill(&x, sizeof x, 0x5a);
	expect(sys_wait(old, &x), -AEGIS_ESRCH, "hostile: wait for a reused slot's old id");
	check(filled(&x, sizeof x, 0x5a), "hostile: that wait wrote nothing");
	expect(sys_destroy(old), -AEGIS_ESRCH, "hostile: destroy of a reused slot's old id");
	expect(sys_yield(old), -AEGIS_ESRCH, "hostile: yield to a reused slot's old id");
	int regs, all = 1;
	all &= expect(raw_pct(SYS_pct_sync, (unsigned)old, &regs), -AEGIS_EINVAL,
		      "hostile: pct_sync to a reused slot's old id") && regs;
	all &= expect(raw_pct(SYS_pct_async, (unsigned)old, &regs), -AEGIS_EINVAL,
		      "hostile: pct_async to a reused slot's old id") && regs;
	check(all && intact(me), "hostile: after them, no register but v0 changed, its space intact");
	/* The old id's page and slice went back when it ended. */
	expect(sys_tlbwr(PROBE_VA, old_ppn, KID_WCAP, TLBWR_WRITE), -AEGIS_EPERM,
	       "hostile: the ended child's capability binds its old page no more");
	int pos = sys_slice_alloc((int)old_pos);
	check(old_ppn && pos == (int)old_pos && sys_slice_free(pos) == 0,
	      "hostile: its second slice is free again (the new child did not inherit it)");
	check(STATE(kid) == ENV_STATE_RUNNABLE && PAGES(kid) == pages && SLICES(kid) == 1 &&
	      slices == 1, "hostile: the new child untouched: running, its pages, one slice");
	shared()[SH_STOP] = 1;
	check(wait_for(kid, &x) == 0 && x.status == 0 && !x.killed,
	      "hostile: the new child was never entered by them (it ended cleanly)");
	expect(sys_yield(kid), -AEGIS_ESRCH, "hostile: and once collected its id is dead too");
	shared()[SH_STOP] = 0;
}

static void attack_slices(void)
{
	expect(sys_slice_alloc(64), -AEGIS_EINVAL, "hostile: slice_alloc(64), past the vector");
	expect(sys_slice_alloc(1000), -AEGIS_EINVAL, "hostile: slice_alloc(1000)");
	expect(sys_slice_alloc(0x7fffffff), -AEGIS_EINVAL, "hostile: slice_alloc(0x7fffffff)");
	/* The header names -1 ("any free one"); sched.c takes every negative
	   position so. -2 must at least give a free slice the caller owns. */
	int r = sys_slice_alloc(-2);
	check(r >= 0 && r < 64 && sys_slice_free(r) == 0,
	      "hostile: slice_alloc(-2) is taken as -1 (a free slice, its own)");
	expect(sys_slice_free(64), -AEGIS_EINVAL, "hostile: slice_free(64)");
	expect(sys_slice_free(-1), -AEGIS_EINVAL, "hostile: slice_free(-1)");
	expect(sys_slice_free(-2), -AEGIS_EINVAL, "hostile: slice_free(-2)");
	int p = sys_slice_alloc(-1);
	check(p >= 0 && sys_slice_free(p) == 0 && sys_slice_free(p) == -AEGIS_EPERM,
	      "hostile: slice_free of a free slice (EPERM)");
}

static void attack_upcalls(int me)
{
	void (*kfn)(void) = (void (*)(void))0x80001000u;
	void (*odd)(void) = (void (*)(void))((unsigned)polite_start + 2);
	void *save = (void *)upcall_save;
	expect(sys_set_upcalls(kfn, 0, save), -AEGIS_EFAULT, "hostile: set_upcalls, start pc in the kernel");
	expect(sys_set_upcalls(0, kfn, save), -AEGIS_EFAULT, "hostile: set_upcalls, end pc in the kernel");
	expect(sys_set_upcalls(odd, 0, save), -AEGIS_EFAULT, "hostile: set_upcalls, misaligned start pc");
	expect(sys_set_upcalls(0, odd, save), -AEGIS_EFAULT, "hostile: set_upcalls, misaligned end pc");
	expect(sys_set_upcalls(polite_start, 0, (char *)save + 4), -AEGIS_EFAULT,
	       "hostile: set_upcalls, save area misaligned (+4)");
	expect(sys_set_upcalls(polite_start, 0, (char *)save + 16), -AEGIS_EFAULT,
	       "hostile: set_upcalls, save area misaligned (+16)");
	expect(sys_set_upcalls(polite_start, 0, (void *)TEXT_VA), -AEGIS_EFAULT,
	       "hostile: set_upcalls, save area in read-only text");
	expect(sys_set_upcalls(polite_start, 0, (void *)UNMAPPED_VA), -AEGIS_EFAULT,
	       "hostile: set_upcalls, save area unmapped");
	expect(sys_set_upcalls(polite_start, 0, (void *)KERNEL_VA), -AEGIS_EFAULT,
	       "hostile: set_upcalls, save area in the kernel");
	expect(sys_set_upcalls(polite_start, 0, (void *)STLB_VA), -AEGIS_EFAULT,
	       "hostile: set_upcalls, save area in the mapped STLB");
	expect(sys_set_upcalls(polite_start, 0, (void *)SHARED_VA), -AEGIS_EFAULT,
	       "hostile: set_upcalls, save area in a page bound by SYS_tlbwr");
	expect(sys_set_upcalls(polite_start, 0, 0), -AEGIS_EFAULT,
	       "hostile: set_upcalls, an upcall without a save area");
	expect(sys_set_upcalls(0, 0, (void *)TEXT_VA), -AEGIS_EFAULT,
	       "hostile: set_upcalls, no upcalls but a save area in text");
	/* A slice start (a yield returning) would have run polite_start. */
	int y = sys_yield(0);
	check(y == 0 && starts == 0 && ends == 0 && intact(me),
	      "hostile: the refused set_upcalls installed nothing (no upcall came)");
	/* The same with a good save area does deliver: the check above means something. */
	int r = sys_set_upcalls(polite_start, 0, save);
	sys_yield(0);
	unsigned got = starts;
	check(r == 0 && got >= 1 && sys_set_upcalls(0, 0, 0) == 0,
	      "hostile: a valid set_upcalls delivers a slice start (control)");
}

static void attack_envinfo(int me)
{
	struct aegis_envinfo info;
	fill(&info, sizeof info, 0x5a);
	expect(sys_envinfo(0, &info), -AEGIS_ESRCH, "hostile: envinfo of id 0");
	expect(sys_envinfo(99, &info), -AEGIS_ESRCH, "hostile: envinfo of id 99");
	expect(sys_envinfo(32, &info), -AEGIS_ESRCH, "hostile: envinfo of id 32");
	expect(sys_envinfo(-1, &info), -AEGIS_ESRCH, "hostile: envinfo of id 0xffffffff");
	expect(sys_envinfo(31, &info), -AEGIS_ESRCH, "hostile: envinfo of an empty slot (31)");
	check(filled(&info, sizeof info, 0x5a), "hostile: the refused envinfos wrote nothing");
	expect(sys_envinfo(me, (struct aegis_envinfo *)KERNEL_VA), -AEGIS_EFAULT,
	       "hostile: envinfo, *out in the kernel");
	expect(sys_envinfo(me, (struct aegis_envinfo *)TEXT_VA), -AEGIS_EFAULT,
	       "hostile: envinfo, *out in read-only text");
	expect(sys_envinfo(me, (struct aegis_envinfo *)0), -AEGIS_EFAULT,
	       "hostile: envinfo, *out at 0");
	fill((void *)EDGE_VA, 16, 0xa5);
	expect(sys_envinfo(me, (struct aegis_envinfo *)EDGE_VA), -AEGIS_EFAULT,
	       "hostile: envinfo, *out running into the unmapped page");
	check(filled((void *)EDGE_VA, 16, 0xa5), "hostile: that envinfo wrote no byte of the mapped part");
	expect(sys_envinfo(me, (struct aegis_envinfo *)STLB_VA), -AEGIS_EFAULT,
	       "hostile: envinfo, *out in the mapped STLB (kernel memory)");
	expect(sys_envinfo(me, (struct aegis_envinfo *)SHARED_VA), -AEGIS_EFAULT,
	       "hostile: envinfo, *out in a page bound by SYS_tlbwr");
	check(sys_envinfo(me, &info) == 0 && info.id == (unsigned)me &&
	      info.state == ENV_STATE_RUNNABLE && info.parent == 0 && info.slices == 1,
	      "hostile: its own envinfo is right after all that");
}

static void attack_revoke(void)
{
	static unsigned vec[16];
	void (*kfn)(void) = (void (*)(void))0x80001000u;
	void (*odd)(void) = (void (*)(void))((unsigned)revoke_note + 1);
	check(sys_set_upcalls(0, 0, 0) == 0, "hostile: set_upcalls(0, 0, 0): no save area");
	expect(sys_set_revoke(revoke_note, 0, 0), -AEGIS_EINVAL,
	       "hostile: set_revoke, a handler without an upcall save area");
	expect(sys_set_revoke(kfn, 0, 0), -AEGIS_EFAULT, "hostile: set_revoke, handler in the kernel");
	expect(sys_set_revoke(odd, 0, 0), -AEGIS_EFAULT, "hostile: set_revoke, misaligned handler");
	check(sys_set_upcalls(0, 0, (void *)upcall_save) == 0, "hostile: a save area, no upcalls");
	expect(sys_set_revoke(revoke_note, (unsigned *)TEXT_VA, 4), -AEGIS_EFAULT,
	       "hostile: set_revoke, vector in read-only text");
	expect(sys_set_revoke(revoke_note, (unsigned *)KERNEL_VA, 4), -AEGIS_EFAULT,
	       "hostile: set_revoke, vector in the kernel");
	expect(sys_set_revoke(revoke_note, (unsigned *)UNMAPPED_VA, 4), -AEGIS_EFAULT,
	       "hostile: set_revoke, vector unmapped");
	expect(sys_set_revoke(revoke_note, (unsigned *)STLB_VA, 4), -AEGIS_EFAULT,
	       "hostile: set_revoke, vector in the mapped STLB");
	expect(sys_set_revoke(revoke_note, (unsigned *)SHARED_VA, 4), -AEGIS_EFAULT,
	       "hostile: set_revoke, vector in a page bound by SYS_tlbwr");
	expect(sys_set_revoke(revoke_note, (unsigned *)EDGE_VA, 5), -AEGIS_EFAULT,
	       "hostile: set_revoke, vector one word into the unmapped page");
	expect(sys_set_revoke(revoke_note, (unsigned *)((char *)vec + 2), 4), -AEGIS_EFAULT,
	       "hostile: set_revoke, misaligned vector");
	expect(sys_set_revoke(revoke_note, vec, 0), -AEGIS_EFAULT, "hostile: set_revoke, n = 0");
	expect(sys_set_revoke(revoke_note, vec, 1025), -AEGIS_EFAULT, "hostile: set_revoke, n = 1025");
	expect(sys_set_revoke(revoke_note, vec, 0x40000001u), -AEGIS_EFAULT,
	       "hostile: set_revoke, n = 0x40000001 (4n wraps to 4)");
	expect(sys_set_revoke(revoke_note, vec, 0xffffffffu), -AEGIS_EFAULT,
	       "hostile: set_revoke, n = 0xffffffff");
	/* The exact edge is accepted: the checks above are of the range. */
	check(sys_set_revoke(revoke_note, (unsigned *)EDGE_VA, 4) == 0 &&
	      sys_set_revoke(0, 0, 0) == 0 && sys_set_upcalls(0, 0, 0) == 0,
	      "hostile: set_revoke, a vector of the last 4 words of the stack is fine (control)");
}

static void attack_cid_fpu(int me)
{
	int p = sys_alloc(MY_RCAP, MY_WCAP);
	volatile unsigned *own = (volatile unsigned *)OWN_VA;
	if (!check(p > 0 && sys_tlbwr(OWN_VA, (unsigned)p, MY_WCAP, TLBWR_WRITE) == 0,
		   "hostile: a page of its own, bound"))
		return;
	own[0] = MAGIC;
	expect(sys_cidswitch(2), -AEGIS_EINVAL, "hostile: cidswitch(2)");
	expect(sys_cidswitch(-1), -AEGIS_EINVAL, "hostile: cidswitch(-1)");
	expect(sys_cidswitch(0x40), -AEGIS_EINVAL, "hostile: cidswitch(64)");
	/* Read at once: the binding is in the TLB, under its own ASID only. */
	check(own[0] == MAGIC && intact(me),
	      "hostile: after refused cidswitches its own context id is the one loaded");
	expect(sys_fpumod(2), -AEGIS_EINVAL, "hostile: fpumod(2)");
	expect(sys_fpumod(-1), -AEGIS_EINVAL, "hostile: fpumod(-1)");
	sys_tlbvadelete(OWN_VA, TLBVA_STLB);
	check(sys_dealloc((unsigned)p) == 0, "hostile: its own page freed");
}

static void attack_archive(void)
{
	char buf[80];
	unsigned n;
	for (n = 0; n < 256 && sys_archive_name(n, buf, sizeof buf) >= 0; n++)
		;
	if (!check(n > 0 && n < 256, "hostile: archive_name lists the archive"))
		return;
	expect(sys_archive_name(n, buf, sizeof buf), -AEGIS_ENOENT,
	       "hostile: archive_name, the index just past the last");
	expect(sys_archive_name(0x80000000u, buf, sizeof buf), -AEGIS_ENOENT,
	       "hostile: archive_name, index 0x80000000");
	expect(sys_archive_name(0xffffffffu, buf, sizeof buf), -AEGIS_ENOENT,
	       "hostile: archive_name, index 0xffffffff");
	sys_archive_name(0, buf, sizeof buf);
	unsigned len = ustrlen(buf);
	fill(buf, sizeof buf, 0x5a);
	expect(sys_archive_name(0, buf, len), -AEGIS_EINVAL,
	       "hostile: archive_name, buffer one byte short (no room for the NUL)");
	expect(sys_archive_name(0, buf, 0), -AEGIS_EINVAL, "hostile: archive_name, buffer length 0");
	check(filled(buf, sizeof buf, 0x5a), "hostile: the too-short buffers were not written");
	expect(sys_archive_name(0, (char *)KERNEL_VA, 80), -AEGIS_EFAULT,
	       "hostile: archive_name, buffer in the kernel");
	expect(sys_archive_name(0, (char *)TEXT_VA, 80), -AEGIS_EFAULT,
	       "hostile: archive_name, buffer in read-only text");
	expect(sys_archive_name(0, (char *)UNMAPPED_VA, 80), -AEGIS_EFAULT,
	       "hostile: archive_name, buffer unmapped");
	expect(sys_archive_name(0, (char *)STLB_VA, 80), -AEGIS_EFAULT,
	       "hostile: archive_name, buffer in the mapped STLB");
	expect(sys_archive_name(0, (char *)SHARED_VA, 80), -AEGIS_EFAULT,
	       "hostile: archive_name, buffer in a page bound by SYS_tlbwr");
	fill((void *)EDGE_VA, 16, 0xa5);
	check(len >= 4 && sys_archive_name(0, (char *)(USER_TOP - 4), 80) == -AEGIS_EFAULT &&
	      filled((void *)EDGE_VA, 16, 0xa5),
	      "hostile: archive_name, a name running into the unmapped page: refused, unwritten");
}

/* SYS_boot_arg and SYS_clock: the same pointer rules, nothing written
   when refused. */
static void attack_bootarg_clock(void)
{
	char buf[80];
	unsigned n;
	for (n = 0; n < 256 && sys_boot_arg(n, buf, sizeof buf) >= 0; n++)
		;
	if (!check(n > 0 && n < 256, "hostile: boot_arg lists the boot words"))
		return;
	expect(sys_boot_arg(n, buf, sizeof buf), -AEGIS_ENOENT, "hostile: boot_arg just past the last");
	expect(sys_boot_arg(0xffffffffu, buf, sizeof buf), -AEGIS_ENOENT, "hostile: boot_arg 0xffffffff");
	unsigned len = (unsigned)sys_boot_arg(0, buf, sizeof buf);
	fill(buf, sizeof buf, 0x5a);
	expect(sys_boot_arg(0, buf, len), -AEGIS_EINVAL, "hostile: boot_arg, no room for the NUL");
	check(filled(buf, sizeof buf, 0x5a), "hostile: boot_arg, the short buffer unwritten");
	expect(sys_boot_arg(0, (char *)KERNEL_VA, 80), -AEGIS_EFAULT, "hostile: boot_arg into the kernel");
	expect(sys_boot_arg(0, (char *)TEXT_VA, 80), -AEGIS_EFAULT, "hostile: boot_arg into read-only text");
	expect(sys_boot_arg(0, (char *)STLB_VA, 80), -AEGIS_EFAULT, "hostile: boot_arg into the STLB");
	expect(sys_clock((struct aegis_clock *)KERNEL_VA), -AEGIS_EFAULT, "hostile: clock into the kernel");
	expect(sys_clock((struct aegis_clock *)TEXT_VA), -AEGIS_EFAULT, "hostile: clock into read-only text");
	expect(sys_clock((struct aegis_clock *)UNMAPPED_VA), -AEGIS_EFAULT, "hostile: clock unmapped");
	struct aegis_clock a, b;
	check(sys_clock(&a) == 0 && a.hz > 0 && (a.fine_mhz == 0 || a.fine_lo | a.fine_hi),
	      "hostile: clock into its own memory: hz and a fine count");
	for (int i = 0; i < 100000 && sys_clock(&b) == 0 && b.ticks == a.ticks; i++)
		;
	check(b.ticks != a.ticks, "hostile: the clock ticks");
}

static void attack_yield_pct(int me)
{
	volatile int local = 0x600d;
	expect(sys_yield(0), 0, "hostile: yield(0) returns 0");
	check(sys_envinfo(31, 0) == -AEGIS_ESRCH && sys_yield(31) == -AEGIS_ESRCH,
	      "hostile: yield to an empty slot (31) is refused (ESRCH)");
	expect(sys_yield(-1), -AEGIS_ESRCH, "hostile: yield(-1)");
	expect(sys_yield(32), -AEGIS_ESRCH, "hostile: yield(32)");
	expect(sys_yield(me), 0, "hostile: yield to itself returns 0");
	check(local == 0x600d && intact(me), "hostile: after the yields it runs on, intact");

	static const unsigned ids[] = { 0, 31, 32, 0xffffffffu };
	static const char *const names[2][4] = {
		{ "hostile: pct_sync to id 0", "hostile: pct_sync to an empty slot (31)",
		  "hostile: pct_sync to id 32", "hostile: pct_sync to id 0xffffffff" },
		{ "hostile: pct_async to id 0", "hostile: pct_async to an empty slot (31)",
		  "hostile: pct_async to id 32", "hostile: pct_async to id 0xffffffff" },
	};
	int regs = 1;
	for (int a = 0; a < 2; a++)
		for (int i = 0; i < 4; i++) {
			int ok;
			expect(raw_pct(a ? SYS_pct_async : SYS_pct_sync, ids[i], &ok), -AEGIS_EINVAL,
			       names[a][i]);
			regs &= ok;
		}
	check(regs, "hostile: the refused transfers changed no register but v0");
	check(local == 0x600d && intact(me), "hostile: after them it runs on in its own address space");
}

/* Children alive: try their pages, capabilities, slices and children. */
static void attack_others(int me)
{
	volatile unsigned *w = shared();
	for (unsigned i = 0; i < 8; i++)
		w[i] = 0;
	/* sched.c: a new environment gets the first free slice. */
	int p = sys_slice_alloc(-1);
	sys_slice_free(p);
	w[SH_SLICE] = (unsigned)p;
	unsigned my_slices = SLICES(me);
	int hold = spawn_kid(KID_HOLD, sh_ppn);
	if (!check(hold > 0, "hostile: a child spawned to hold a page"))
		return;
	int got_p = check(SLICES(hold) == 1 && sys_slice_alloc(p) == -AEGIS_EBUSY,
			  "hostile: the child got the first free slice (sched.c)");
	int mid = spawn_kid(KID_MIDDLE, sh_ppn);
	unsigned spins = 0;
	while (mid > 0 && ++spins < 100000 && (!shared()[SH_READY] || !shared()[SH_GRANDKID])) {
		sys_yield(hold);
		sys_yield(mid);
	}
	w = shared();
	unsigned q = w[SH_PAGE];
	int gk = (int)w[SH_GRANDKID];
	struct aegis_exit x;
	if (!check(mid > 0 && w[SH_READY] && gk > 0, "hostile: a second child, with a child of its own") ||
	    !got_p)
		goto stop;

	/* Its slice. */
	expect(sys_slice_free(p), -AEGIS_EPERM, "hostile: slice_free of a child's slice");
	expect(sys_slice_alloc(p), -AEGIS_EBUSY, "hostile: slice_alloc of a child's slice");
	check(SLICES(hold) == 1 && SLICES(me) == my_slices, "hostile: both still own what they owned");

	/* Its page. */
	expect(sys_dealloc(q), -AEGIS_EPERM, "hostile: dealloc of a child's page");
	expect(sys_setcap(q, 0, 0), -AEGIS_EPERM, "hostile: setcap of a child's page");
	expect(sys_setcap(q, KID_RCAP, KID_WCAP), -AEGIS_EPERM,
	       "hostile: setcap of a child's page, even to its own capabilities");
	expect(sys_tlbwr(PROBE_VA, q, 0, 0), -AEGIS_EPERM, "hostile: tlbwr of a child's page, cap 0");
	expect(sys_tlbwr(PROBE_VA, q, KID_WCAP ^ 1, TLBWR_WRITE), -AEGIS_EPERM,
	       "hostile: tlbwr of a child's page, a wrong write capability");
	expect(sys_tlbwr(PROBE_VA, q, KID_RCAP, TLBWR_WRITE), -AEGIS_EPERM,
	       "hostile: tlbwr of a child's page writable with its read capability");
	/* The capability is the authority: presented, it gives what it says. */
	check(sys_tlbwr(PROBE_VA, q, KID_RCAP, 0) == 0 &&
	      *(volatile unsigned *)PROBE_VA == MAGIC && sys_tlbvadelete(PROBE_VA, TLBVA_STLB) == 0,
	      "hostile: its read capability gives read access (control)");

	/* Every page: none of another's (nor its own program's, nor the
	   kernel's) can be bound without a capability, freed or recapped. */
	unsigned pg_hold = PAGES(hold), pg_mid = PAGES(mid), pg_gk = PAGES(gk), pg_me = PAGES(me);
	unsigned bad_wr = 0, bad_free = 0, bad_cap = 0;
	for (unsigned ppn = 0; ppn < SCAN_PAGES; ppn++) {
		if (ppn == sh_ppn)
			continue;	/* its own, with capabilities */
		bad_wr += sys_tlbwr(PROBE_VA, ppn, 0, 0) != -AEGIS_EPERM;
		bad_wr += sys_tlbwr(PROBE_VA, ppn, 0xdeadbeefu, TLBWR_WRITE) != -AEGIS_EPERM;
		bad_free += sys_dealloc(ppn) != -AEGIS_EPERM;
		bad_cap += sys_setcap(ppn, 0, 0) != -AEGIS_EPERM;
	}
	check(bad_wr == 0, "hostile: no page of the first 16384 binds with a capability nobody chose");
	check(bad_free == 0, "hostile: no page of the first 16384 that it does not own frees");
	check(bad_cap == 0, "hostile: no page of the first 16384 that it does not own is recapped");
	check(PAGES(hold) == pg_hold && PAGES(mid) == pg_mid && PAGES(gk) == pg_gk &&
	      PAGES(me) == pg_me, "hostile: every environment holds the pages it held");
	static const unsigned huge[] = { 0x7fffu, 0x8000u, 0xffffu, 0x10000u, 0xfffffu, 0x100000u,
					 0x7fffffffu, 0x80000000u, 0xffffffffu };
	for (unsigned i = 0; i < sizeof huge / sizeof huge[0]; i++)
		bad_wr += sys_tlbwr(PROBE_VA, huge[i], 0, 0) != -AEGIS_EPERM ||
			  sys_dealloc(huge[i]) != -AEGIS_EPERM || sys_setcap(huge[i], 0, 0) != -AEGIS_EPERM;
	check(bad_wr == 0, "hostile: page numbers past RAM (to 0xffffffff) are refused too");

	/* A grandchild: its parent's, not ours. */
	fill(&x, sizeof x, 0x5a);
	check(PARENT(gk) == (unsigned)mid, "hostile: envinfo shows the grandchild's parent");
	expect(sys_wait(gk, &x), -AEGIS_ESRCH, "hostile: wait for a grandchild");
	expect(sys_destroy(gk), -AEGIS_ESRCH, "hostile: destroy a grandchild");
	check(STATE(gk) == ENV_STATE_RUNNABLE && filled(&x, sizeof x, 0x5a),
	      "hostile: the grandchild runs on, nothing written");

stop:
	shared()[SH_STOP] = 1;
	check(wait_for(hold, &x) == 0 && x.status == 0 && !x.killed,
	      "hostile: the child's page, capabilities and slice survived it all");
	if (mid > 0)
		check(wait_for(mid, &x) == 0 && x.status == 0 && !x.killed,
		      "hostile: the second child and its child ended cleanly");
	check(sys_slice_alloc(p) == p && sys_slice_free(p) == 0,
	      "hostile: the child's slice is free once it has ended");
}

/* Out of environments, out of slices. */
static void attack_exhaustion(void)
{
	static int ids[40];
	unsigned envs = count_envs(), n = 0;
	int r = 0;
	while (n < 40 && (r = spawn_kid(KID_EXIT, n)) > 0)
		ids[n++] = r;
	check(r == -AEGIS_ENOMEM && envs + n == 31,
	      "hostile: spawning past the last free environment is refused (ENOMEM)");
	int all = 1;
	struct aegis_exit x;
	for (unsigned i = 0; i < n; i++)
		all &= wait_for(ids[i], &x) == 0 && x.status == (int)i && !x.killed;
	check(all && count_envs() == envs, "hostile: every one of those children ran and was collected");

	static int taken[64];
	unsigned k = 0;
	while (k < 64 && (r = sys_slice_alloc(-1)) >= 0)
		taken[k++] = r;
	check(r == -AEGIS_EBUSY, "hostile: slice_alloc(-1) with every slice taken (EBUSY)");
	expect(spawn_kid(KID_EXIT, 0), -AEGIS_ENOMEM, "hostile: spawn with no free time slice (ENOMEM)");
	check(count_envs() == envs, "hostile: which created no environment");
	all = 1;
	for (unsigned i = 0; i < k; i++)
		all &= sys_slice_free(taken[i]) == 0;
	check(all, "hostile: the slices taken are given back");
}

/* The network's calls (hostile_net.c), with a child holding filters. */
static void attack_net(void)
{
	struct aegis_netinfo ni;
	if (sys_net_info(&ni) != 0 || !ni.present) {
		check(1, "hostile: the network's calls # SKIP no Ethernet");
		return;
	}
	shared()[SH_STOP] = 0;
	int k = spawn_kid(KID_NET, sh_ppn);
	if (!check(k > 0, "hostile: a child spawned to hold filters"))
		return;
	hostile_net_attack(k, shared);
	shared()[SH_STOP] = 1;
	struct aegis_exit x;
	check(wait_for(k, &x) == 0 && x.status == 0 && !x.killed,
	      "hostile: the child's filters were still its own at its end");
	hostile_net_after();
}

int main(unsigned role, unsigned arg)
{
	if (role)
		return kid(role, arg);

	int me = sys_getenvid();
	say("hostile: attacking the system calls\n");
	int sh = sys_alloc(SH_RCAP, SH_WCAP);
	if (!check(sh > 0 && sys_map_stlb(STLB_VA) == 0, "hostile: a page to share; the STLB mapped"))
		return 1;
	sh_ppn = (unsigned)sh;
	shared()[SH_CANARY] = MAGIC;

	attack_spawn();
	attack_wait_destroy(me);
	attack_stale_ids(me);
	attack_slices();
	attack_upcalls(me);
	attack_envinfo(me);
	attack_revoke();
	attack_cid_fpu(me);
	attack_archive();
	attack_bootarg_clock();
	attack_yield_pct(me);
	attack_others(me);
	attack_exhaustion();
	attack_net();

	check(count_envs() == 1 && intact(me), "hostile: nobody left but itself, intact");
	sys_tlbvadelete(SHARED_VA, TLBVA_STLB);
	check(sys_dealloc(sh_ppn) == 0, "hostile: its shared page freed");
	return 0;
}
