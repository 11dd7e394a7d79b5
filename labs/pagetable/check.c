/*
 * labs/pagetable/check.c - the checker of lab "pagetable" (boot with
 * init=check; `make lab-pagetable`): pt_lab's operations against
 * exos/lib/pt.h's contract on their own (entries found, filled, walked,
 * removed, the pool reused), then ExOS's own virtual-memory test, tvm
 * (exos/tests/tvm.c, linked in this image with pt_lab as the inverted
 * table), run as a child with VM_INVERTED: its checks are this run's too.
 */
#include <stdio.h>
#include "exos.h"
#include "vm.h"
#include "pagetable/pagetable.h"

/* 1024 pages in 4 clusters of 256 (a real address space is clustered:
   text, heap, stacks, mappings), in a scrambled order. */
static uint32_t vpn_of(int i)
{
	static const uint32_t base[4] = { 0x00400, 0x10000, 0x30000, 0x7f000 };
	int k = (i * 389) % PT_MAXPTE;
	return base[k / 256] + (uint32_t)(k % 256) * 3;
}

static int visits;
static uint32_t lo, hi;
static void visit(struct pte *p, int arg)
{
	if (p->vpn >= lo && p->vpn < hi && (int)p->ppn == (int)(p->vpn ^ (uint32_t)arg))
		visits++;
	else
		visits = -100000;
}

static void unit(void)
{
	const struct pt_ops *t = &pt_lab;
	t->reset();
	exos_check(t->count() == 0 && t->find(0x400) == 0, "pagetable: empty after reset");
	struct pte *p = t->insert(0x12345);
	exos_check(p && p->vpn == 0x12345 && p->flags == PTE_USED && p->ppn == 0 && p->cap == 0 &&
		   p->prot == 0 && t->find(0x12345) == p && t->count() == 1,
		   "pagetable: an entry inserted: vpn set, PTE_USED, the rest 0");
	exos_check(t->find(0x12344) == 0 && t->find(0x12345 + 1024) == 0 && t->find(0x345) == 0,
		   "pagetable: its neighbours are not there");
	t->remove(0x12345);
	exos_check(t->find(0x12345) == 0 && t->count() == 0, "pagetable: removed");

	int ok = 1;
	for (int i = 0; i < PT_MAXPTE; i++) {
		struct pte *e = t->insert(vpn_of(i));
		ok &= e != 0;
		if (e) {
			e->ppn = e->vpn ^ 0x5555;
			e->cap = ~e->vpn;
		}
	}
	exos_check(ok && t->count() == PT_MAXPTE, "pagetable: %d entries in 4 clusters (%d)", PT_MAXPTE,
		   t->count());
	exos_check(t->insert(0x10000 + 1000) == 0 && t->count() == PT_MAXPTE,
		   "pagetable: entry %d refused (the pool is full)", PT_MAXPTE + 1);
	ok = 1;
	for (int i = 0; i < PT_MAXPTE; i++) {
		struct pte *e = t->find(vpn_of(i));
		ok &= e && e->vpn == vpn_of(i) && e->ppn == (e->vpn ^ 0x5555) && e->cap == ~e->vpn;
	}
	exos_check(ok, "pagetable: every entry found with what was stored in it");
	int seen = 0;
	for (int i = 0; i < t->slots(); i++) {
		struct pte *e = t->slot(i);
		if (e)
			seen += e == t->find(e->vpn) ? 1 : 1000000;
	}
	exos_check(seen == PT_MAXPTE, "pagetable: a walk of the slots meets every entry once (%d)", seen);

	/* each_in: a range inside the second cluster, and a huge one. */
	visits = 0, lo = 0x10000 + 30, hi = 0x10000 + 300;
	int n = t->each_in(lo, hi, visit, 0x5555);
	int want = 0;
	for (int i = 0; i < PT_MAXPTE; i++)
		want += vpn_of(i) >= lo && vpn_of(i) < hi;
	exos_check(n == want && visits == want, "pagetable: each_in visits the %d entries of a range (%d)",
		   want, visits);
	visits = 0, lo = 0, hi = 0x80000;
	n = t->each_in(lo, hi, visit, 0x5555);
	exos_check(n == PT_MAXPTE && visits == PT_MAXPTE, "pagetable: each_in over all kuseg (%d)", visits);

	for (int i = 0; i < PT_MAXPTE; i += 2)
		t->remove(vpn_of(i));
	ok = t->count() == PT_MAXPTE / 2;
	for (int i = 0; i < PT_MAXPTE; i++) {
		struct pte *e = t->find(vpn_of(i));
		ok &= i % 2 ? e && e->ppn == (e->vpn ^ 0x5555) : e == 0;
	}
	exos_check(ok, "pagetable: half removed, the other half intact");
	ok = 1;
	for (int i = 0; i < PT_MAXPTE / 2; i++)
		ok &= t->insert(0x50000 + (uint32_t)i) != 0;
	exos_check(ok && t->count() == PT_MAXPTE && t->find(0x50000 + 100) != 0,
		   "pagetable: removed entries are reused (%d)", t->count());
	for (int i = 1; i < PT_MAXPTE; i += 2)
		t->remove(vpn_of(i));
	for (int i = 0; i < PT_MAXPTE / 2; i++)
		t->remove(0x50000 + (uint32_t)i);
	ok = t->count() == 0;
	for (int i = 0; i < PTLAB_L2; i++)	/* a fresh cluster each: tables given back */
		ok &= t->insert((uint32_t)(0x60000 + i * PTLAB_L2SLOTS)) != 0;
	exos_check(ok, "pagetable: emptied, then %d new clusters fit (tables given back)", PTLAB_L2);
	t->reset();
	exos_check(t->count() == 0 && t->find(0x60000) == 0, "pagetable: reset empties it");
}

int main(void)
{
	unit();
	struct aegis_exit x;
	int id = proc_spawn("tvm", VM_INVERTED, 0);
	int r = id > 0 ? proc_wait_full(id, &x) : id;
	int n = r == 0 ? (int)x.checks : 0;	/* killed too: what it printed */
	if (r == 0 && x.killed)
		iprintf("# tvm: killed, cause %u at pc %08x, badvaddr %08x\n", x.exc_code, x.epc, x.badvaddr);
	exos_check(r == 0 && !x.killed && x.status == 0 && x.checks_failed == 0 && n > 0,
		   "pagetable: ExOS's tvm on your table ran %d checks, all passed", n);
	int failed = exos_checks_failed() + (r == 0 ? (int)x.checks_failed : 0);
	int done = exos_checks_done() + n;
	fflush(stdout);
	iprintf("1..%d\n", done);	/* the run is ours: tvm's checks and ours */
	iprintf("lab pagetable: %d of %d checks pass\n", done - failed, done);
	return failed;
}
