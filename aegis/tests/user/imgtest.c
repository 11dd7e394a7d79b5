/*
 * imgtest.c - SYS_env_create and SYS_page_drop from user mode: every
 * hostile argument is refused with the error syscall.h documents and
 * changes nothing (the caller's page counts, the machine's free pages, a
 * page's contents and owner); then page holds: a page shared with a
 * child passes to it when its owner lets go; an owner's SYS_dealloc
 * breaks the child's guaranteed mapping of it; a page shared with a
 * grandchild survives its parent's end and is freed after both.
 *
 * Its children are images it makes itself: its own program pages
 * shared read-only (AEGIS_PG_SELF), a fresh stack page, and the pages
 * under test; they start in kid_main, which touches no global (its
 * data pages are read-only there). The kernel starts it with a0 = 0;
 * spawned as MIDDLE it makes the grandchild of the last test.
 */
#include <aegis/stlb.h>
#include <aegis/sys.h>
#include "../../user/report.h"

enum { ROLE_TOP, ROLE_MIDDLE };
enum { KID_READ = 1, KID_SPIN, KID_HOLDER };

#define KERNEL_VA	0x80000000u
#define UNMAPPED_VA	0x10000000u
/* PAGE_VA, SHARE_VA and RES_VA are bound with SYS_tlbwr and used with no
   TLB-miss handler, so each must keep its own slot of the direct-mapped
   STLB: the TLB is only a cache of it (tlbwr replaces a random entry, and
   Random moves with the cycle count). The STLB index uses only the VPN's
   low 12 bits (<aegis/stlb.h>): 0x20000000, 0x22000000 and 0x23000000
   shared one slot, and a binding lost from the TLB killed the middle or
   the top, depending on the kernel's timing. Checked in stlb_apart(). */
#define PAGE_VA		0x20000000u	/* where the parent binds the page under test */
#define KID_PV		0x30000000u	/* where a child sees it (guaranteed, read-only) */
#define KID_RV		0x31000000u	/* a child's own page for its results */
#define SHARE_VA	0x22001000u	/* top <-> middle (tlbwr with known caps) */
#define RES_VA		0x23002000u	/* top's view of the grandchild's result page */
#define RCAP		0x1a6e0001u
#define WCAP		0x1a6e0002u
#define S_RCAP		0x1a6e0011u
#define S_WCAP		0x1a6e0012u
#define R_RCAP		0x1a6e0021u
#define R_WCAP		0x1a6e0022u
#define MARK		0x5au
#define PGSZ		4096u

extern char _end[];
void kid_main(unsigned role, unsigned a1, unsigned a2, unsigned a3) __attribute__((noreturn));

static struct aegis_env_page pages[80];
static struct aegis_env_image img;

static int expect(int got, int want, const char *name)
{
	int ok = got == want;
	sys_check(ok, name);
	return ok;
}

static struct aegis_envinfo info(int id)
{
	struct aegis_envinfo i;
	if (sys_envinfo(id, &i) != 0)
		i.state = 0;
	return i;
}

/* The child image: our program read-only, one stack page of its own
   (moved), then extra entries; pc kid_main(role, a1). Returns entries. */
static unsigned base_image(unsigned role, unsigned a1)
{
	unsigned n = 0;
	for (unsigned va = USER_TEXT_BASE; va < (unsigned)_end; va += PGSZ)
		pages[n++] = (struct aegis_env_page){ va >> 12, va >> 12, 0,
						      AEGIS_PG_MAP | AEGIS_PG_SELF | AEGIS_PG_SHARE };
	int stack = sys_alloc(0x57ac0001u, 0x57ac0002u);
	pages[n++] = (struct aegis_env_page){ (USER_TOP >> 12) - 1, (unsigned)stack, 0x57ac0002u,
					      AEGIS_PG_MAP | AEGIS_PG_WRITE };
	img = (struct aegis_env_image){ .pages = pages, .npages = n, .pc = (unsigned)kid_main,
					.sp = USER_TOP - 16, .a = { role, a1, 0, 0 } };
	img.name[0] = 'k';
	return n;
}

/* Refused calls: each must change nothing. */
static void hostile(unsigned ppn)
{
	struct aegis_envinfo before = info(sys_getenvid());
	unsigned n = base_image(KID_READ, 0), stack_ppn = pages[n - 1].ppn;
	pages[n] = (struct aegis_env_page){ KID_PV >> 12, ppn, RCAP, AEGIS_PG_MAP | AEGIS_PG_SHARE };
	img.npages = n + 1;
#define TRY(want, what) expect(sys_env_create(&img, AEGIS_ENV_CHILD), want, "env_create: " what)
	expect(sys_env_create(&img, 0), -AEGIS_EINVAL, "env_create: flags 0 refused");
	expect(sys_env_create(&img, 3), -AEGIS_EINVAL, "env_create: CHILD|REPLACE refused");
	expect(sys_env_create((void *)KERNEL_VA, AEGIS_ENV_CHILD), -AEGIS_EFAULT,
	       "env_create: an image in kernel memory refused");
	expect(sys_env_create((void *)UNMAPPED_VA, AEGIS_ENV_REPLACE), -AEGIS_EFAULT,
	       "env_create: an unmapped image refused (REPLACE: the caller goes on)");
	img.npages = 0;
	TRY(-AEGIS_EINVAL, "no entries refused");
	img.npages = AEGIS_IMG_MAX + 1;
	TRY(-AEGIS_EINVAL, "too many entries refused");
	img.npages = n + 1;
	img.pages = (void *)UNMAPPED_VA;
	TRY(-AEGIS_EFAULT, "entries in unmapped memory refused");
	img.pages = (void *)KERNEL_VA;
	TRY(-AEGIS_EFAULT, "entries in kernel memory refused");
	img.pages = pages;
	struct aegis_env_page keep = pages[n];
	pages[n].vpn = USER_COUNTER_VA >> 12;
	TRY(-AEGIS_EINVAL, "a page at USER_COUNTER_VA refused");
	pages[n].vpn = KERNEL_VA >> 12;
	TRY(-AEGIS_EINVAL, "a page in kernel space refused");
	pages[n].vpn = USER_TEXT_BASE >> 12;
	TRY(-AEGIS_EINVAL, "two pages at one vpn refused");
	pages[n] = keep;
	pages[n].cap = WCAP ^ 1;
	TRY(-AEGIS_EPERM, "a wrong capability refused");
	pages[n].cap = RCAP;
	pages[n].flags |= AEGIS_PG_WRITE;
	TRY(-AEGIS_EINVAL, "a shared page mapped writable refused");
	pages[n].flags = AEGIS_PG_MAP | AEGIS_PG_WRITE;
	TRY(-AEGIS_EPERM, "a move with the read capability only refused");
	pages[n] = keep;
	pages[n].flags = AEGIS_PG_WRITE | AEGIS_PG_SHARE;
	TRY(-AEGIS_EINVAL, "WRITE without MAP refused");
	pages[n].flags = AEGIS_PG_MAP | 0x100;
	TRY(-AEGIS_EINVAL, "an unknown flag refused");
	pages[n] = (struct aegis_env_page){ KID_PV >> 12, 1, 0, AEGIS_PG_MAP | AEGIS_PG_SHARE };
	TRY(-AEGIS_EPERM, "a kernel page refused");
	pages[n] = (struct aegis_env_page){ KID_PV >> 12, 0x7fffffu, 0, AEGIS_PG_MAP | AEGIS_PG_SHARE };
	TRY(-AEGIS_EPERM, "a page past RAM refused");
	pages[n] = (struct aegis_env_page){ KID_PV >> 12, UNMAPPED_VA >> 12, 0,
					    AEGIS_PG_MAP | AEGIS_PG_SHARE | AEGIS_PG_SELF };
	TRY(-AEGIS_EPERM, "SELF of a page not mapped refused");
	pages[n] = (struct aegis_env_page){ KID_PV >> 12, USER_TEXT_BASE >> 12, 0,
					    AEGIS_PG_MAP | AEGIS_PG_SELF };
	TRY(-AEGIS_EBUSY, "moving one's own program page to a child refused");
	pages[n] = (struct aegis_env_page){ KID_PV >> 12, stack_ppn, 0x57ac0002u,
					    AEGIS_PG_MAP | AEGIS_PG_SHARE };
	TRY(-AEGIS_EINVAL, "one page named twice refused");
	pages[n] = keep;
	img.pc = (unsigned)kid_main + 2;
	TRY(-AEGIS_EINVAL, "a misaligned pc refused");
	img.pc = UNMAPPED_VA;
	TRY(-AEGIS_EINVAL, "a pc outside the image refused");
	img.pc = (unsigned)kid_main;
	img.sp = USER_TOP - 12;
	TRY(-AEGIS_EINVAL, "a misaligned sp refused");
	img.sp = USER_TEXT_BASE + PGSZ;
	TRY(-AEGIS_EINVAL, "an sp in read-only pages refused");
	img.sp = USER_TOP - 16;
	img.pc = UNMAPPED_VA;
	expect(sys_env_create(&img, AEGIS_ENV_REPLACE), -AEGIS_EINVAL,
	       "env_create: REPLACE with a pc outside the image refused, the caller goes on");
	img.pc = (unsigned)kid_main;
	pages[n].cap = WCAP ^ 1;
	expect(sys_env_create(&img, AEGIS_ENV_REPLACE), -AEGIS_EPERM,
	       "env_create: REPLACE with a wrong capability refused, the caller goes on");
	pages[n] = keep;
	expect(sys_page_drop(1), -AEGIS_EPERM, "page_drop: a kernel page refused");
	expect(sys_page_drop(0x7fffffu), -AEGIS_EPERM, "page_drop: a page past RAM refused");
	struct aegis_envinfo after = info(sys_getenvid());
	sys_check(after.pages == before.pages + 1 && after.held == before.held &&
		  after.free_pages + 1 == before.free_pages,
		  "env_create: the refused calls changed no page count (one stack page made)");
	/* (setcap breaks the binding: bind again.) */
	sys_check(sys_setcap(ppn, RCAP, WCAP) == 0 &&
		  sys_tlbwr(PAGE_VA, ppn, WCAP, TLBWR_WRITE) == 0 && *(volatile unsigned *)PAGE_VA == MARK,
		  "env_create: the page under test still ours, unchanged");
	sys_dealloc(stack_ppn);
}

/* Holds between a parent and its child. */
static void holds(unsigned ppn)
{
	int me = sys_getenvid();
	struct aegis_envinfo b = info(me);
	unsigned n = base_image(KID_READ, (unsigned)me);
	pages[n++] = (struct aegis_env_page){ KID_PV >> 12, ppn, RCAP, AEGIS_PG_MAP | AEGIS_PG_SHARE };
	img.npages = n;
	int kid = sys_env_create(&img, AEGIS_ENV_CHILD);
	sys_check(kid > 0 && info(kid).parent == (unsigned)me, "env_create: a child made of our pages");
	struct aegis_envinfo k = info(kid), m = info(me);
	sys_check(k.pages == 1 && k.held == n - 1 && m.pages == b.pages,
		  "holds: the child owns its stack, holds our program and the page; we own ours");
	expect(sys_page_drop(ppn), 0, "page_drop: the owner lets go of the shared page");
	k = info(kid);
	m = info(me);
	int passed = k.pages == 2 && k.held == n - 2 && m.pages == b.pages - 1;
	sys_check(passed, "holds: its only other holder, the child, owns it now");
	if (!passed) {
		char t[80], *q = t;
		put_str(&q, "# kid pages ");
		put_uint(&q, k.pages);
		put_str(&q, " held ");
		put_uint(&q, k.held);
		put_str(&q, " n ");
		put_uint(&q, n);
		put_str(&q, " mine ");
		put_uint(&q, m.pages);
		put_str(&q, " before ");
		put_uint(&q, b.pages);
		put_str(&q, "\n");
		sys_cputs(t, (unsigned)(q - t));
	}
	expect(sys_page_drop(ppn), -AEGIS_EPERM, "page_drop: not ours any more");
	expect(sys_dealloc(ppn), -AEGIS_EPERM, "dealloc: not ours any more");
	struct aegis_exit x;
	int r, pos = sys_slice_alloc(-1);	/* the child may end now */
	while ((r = sys_wait(kid, &x)) == -AEGIS_EAGAIN)
		sys_yield(0);
	sys_slice_free(pos);
	sys_check(r == 0 && !x.killed && x.status == MARK,
		  "holds: the child read the page through its guaranteed mapping");
	sys_check(info(me).free_pages == b.free_pages + 1,
		  "holds: the page freed with its last holder");

	/* The owner's dealloc breaks the child's mapping. */
	ppn = (unsigned)sys_alloc(RCAP, WCAP);
	n = base_image(KID_SPIN, 0);
	pages[n++] = (struct aegis_env_page){ KID_PV >> 12, ppn, RCAP, AEGIS_PG_MAP | AEGIS_PG_SHARE };
	img.npages = n;
	kid = sys_env_create(&img, AEGIS_ENV_CHILD);
	for (int i = 0; i < 3; i++)
		sys_yield(kid);
	sys_check(info(kid).state == ENV_STATE_RUNNABLE, "holds: the child reads the page in a loop");
	expect(sys_dealloc(ppn), 0, "dealloc: the owner frees a page a child maps");
	while ((r = sys_wait(kid, &x)) == -AEGIS_EAGAIN)
		sys_yield(0);
	sys_check(r == 0 && x.killed == AEGIS_KILLED_EXCEPTION && x.exc_code == 2 &&
		  x.badvaddr == KID_PV, "holds: its mapping broke (TLB miss at the page: killed)");
	sys_check(info(me).free_pages == b.free_pages + 1, "holds: nothing left of either");
}

/* The STLB slots of the pages bound with SYS_tlbwr differ from each other
   and from those of our program and stack pages (guaranteed mappings,
   which Aegis's refills write into the STLB): one ASID for all, so the
   ASID's part of the index cancels out and 0 stands for it. */
static int stlb_apart(void)
{
	static const unsigned bound[] = { PAGE_VA, SHARE_VA, RES_VA };
	enum { NB = sizeof bound / sizeof bound[0] };
	for (unsigned i = 0; i < NB; i++) {
		unsigned s = stlb_index(bound[i]);
		for (unsigned j = i + 1; j < NB; j++)
			if (stlb_index(bound[j]) == s)
				return 0;
		for (unsigned va = USER_TEXT_BASE; va < (unsigned)_end; va += PGSZ)
			if (stlb_index(va) == s)
				return 0;
		if (stlb_index(USER_TOP - PGSZ) == s)
			return 0;
	}
	return 1;
}

/* The middle: a grandchild holding a page of ours that outlives us. */
static void middle(unsigned share_ppn)
{
	sys_tlbwr(SHARE_VA, share_ppn, S_WCAP, TLBWR_WRITE);
	volatile unsigned *s = (volatile unsigned *)SHARE_VA;
	unsigned p = (unsigned)sys_alloc(RCAP, WCAP);
	unsigned res = (unsigned)sys_alloc(R_RCAP, R_WCAP);
	sys_tlbwr(PAGE_VA, p, WCAP, TLBWR_WRITE);
	*(volatile unsigned *)PAGE_VA = MARK + 1;
	sys_tlbvadelete(PAGE_VA, TLBVA_STLB);
	unsigned n = base_image(KID_HOLDER, (unsigned)sys_getenvid());
	pages[n++] = (struct aegis_env_page){ KID_PV >> 12, p, RCAP, AEGIS_PG_MAP | AEGIS_PG_SHARE };
	pages[n++] = (struct aegis_env_page){ KID_RV >> 12, res, R_WCAP, AEGIS_PG_MAP | AEGIS_PG_WRITE };
	img.npages = n;
	int kid = sys_env_create(&img, AEGIS_ENV_CHILD);
	s[0] = (unsigned)kid;
	s[1] = res;
	sys_exit(kid > 0 ? 0 : 1);
}

static void orphan(void)
{
	struct aegis_envinfo b = info(sys_getenvid());
	int s = sys_alloc(S_RCAP, S_WCAP);
	sys_tlbwr(SHARE_VA, (unsigned)s, S_WCAP, TLBWR_WRITE);
	volatile unsigned *sh = (volatile unsigned *)SHARE_VA;
	int mid = sys_spawn("imgtest", 7, ROLE_MIDDLE, (unsigned)s);
	struct aegis_exit x;
	int r;
	while ((r = sys_wait(mid, &x)) == -AEGIS_EAGAIN)
		sys_yield(0);
	/* Bound again: with no TLB-miss handler, a binding the others'
	   displaced from the STLB meanwhile would end this program. */
	sys_tlbwr(SHARE_VA, (unsigned)s, S_WCAP, TLBWR_WRITE);
	int kid = (int)sh[0];
	unsigned res_ppn = sh[1];	/* at once: the grandchild runs on */
	sys_check(r == 0 && x.status == 0 && kid > 0 && info(kid).state == ENV_STATE_RUNNABLE,
		  "holds: the grandchild lives on after its parent's end");
	sys_tlbwr(RES_VA, res_ppn, R_WCAP, TLBWR_WRITE);
	volatile unsigned *res = (volatile unsigned *)RES_VA;
	for (int i = 0; i < 1000 && !res[1]; i++) {
		sys_yield(0);
		sys_tlbwr(RES_VA, res_ppn, R_WCAP, TLBWR_WRITE);	/* as SHARE_VA's above */
	}
	sys_check(res[1] == 1 && res[0] == MARK + 1, "holds: it read the page its ended parent shared");
	struct aegis_envinfo k = info(kid);
	sys_check(k.held == 0 && k.pages > 3,
		  "holds: what its parent shared is its own now, none held");
	sys_tlbwr(RES_VA, res_ppn, R_WCAP, TLBWR_WRITE);
	res[2] = 1;	/* it may end */
	for (int i = 0; i < 1000 && info(kid).state; i++)
		sys_yield(0);
	sys_tlbvadelete(RES_VA, TLBVA_STLB);
	sys_dealloc((unsigned)s);
	sys_check(info(sys_getenvid()).free_pages == b.free_pages,
		  "holds: every page freed after both ended");
}

int main(unsigned role, unsigned a1)
{
	if (role == ROLE_MIDDLE)
		middle(a1);
	sys_check(stlb_apart(), "holds: the pages bound with tlbwr keep their own STLB slots");
	int ppn = sys_alloc(RCAP, WCAP);
	sys_tlbwr(PAGE_VA, (unsigned)ppn, WCAP, TLBWR_WRITE);
	*(volatile unsigned *)PAGE_VA = MARK;
	hostile((unsigned)ppn);
	holds((unsigned)ppn);
	orphan();
	return 0;
}

/* A child: uses only its stack, its arguments and the pages it maps. */
void kid_main(unsigned role, unsigned a1, unsigned a2, unsigned a3)
{
	(void)a2, (void)a3;
	volatile unsigned *pv = (volatile unsigned *)KID_PV;
	if (role == KID_SPIN)
		for (;;) {
			(void)*pv;
			sys_yield(0);
		}
	if (role == KID_HOLDER) {
		volatile unsigned *rv = (volatile unsigned *)KID_RV;
		struct aegis_envinfo i;
		while (sys_envinfo((int)a1, &i) == 0 && i.state == ENV_STATE_RUNNABLE)
			sys_yield(0);	/* until the parent has ended */
		rv[0] = *pv;
		rv[1] = 1;
		while (!rv[2])
			sys_yield(0);
		sys_exit(0);
	}
	/* Until the parent says it has looked (a second time slice of its:
	   the parent cannot write to us), the page ours by then. */
	struct aegis_envinfo i;
	while (sys_envinfo((int)a1, &i) == 0 && i.slices < 2)
		sys_yield(0);
	sys_exit((int)*pv);
}
