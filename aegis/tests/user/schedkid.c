/*
 * schedkid.c - the children of schedtest; spawned with a0 = what to do
 * (KID_*), a1 = an argument:
 *   SPIN     loops forever: only the clock can take the processor back;
 *   EXIT7    exits 7 at once (yield gave it the processor);
 *   PONG     ping-pongs a counter in the page a1 (mapped with the shared
 *            capability) by yielding to its parent, fast path;
 *   POLITE   slice-start and slice-end upcalls: saves, yields, resumes;
 *   RUDE     a slice-end upcall it ignores: its excess time ends it;
 *   VICTIM   takes every free page and ignores revocation requests.
 */
#include <aegis/sys.h>
#include "schedtest.h"

extern volatile unsigned upcall_save[8], starts, ends, revoke_kinds, revoke_last;
void polite_start(void), polite_end(void), rude_end(void), revoke_note(void);

static unsigned parent(void)
{
	struct aegis_envinfo me;
	sys_envinfo(sys_getenvid(), &me);
	return me.parent;
}

static int pong(unsigned ppn)
{
	volatile unsigned *w = (volatile unsigned *)SHARED_VA;
	if (sys_tlbwr(SHARED_VA, ppn, SHARED_WCAP, TLBWR_WRITE) != 0)
		return 1;
	unsigned p = parent();
	for (;;) {
		while (!(w[0] & 1)) {	/* even: the parent's turn */
			if (w[1])
				return 0;
			sys_yield((int)p);
		}
		w[0]++;
		sys_yield((int)p);
	}
}

/* Work whose result shows whether any register was lost on the way. */
static volatile unsigned churn_seed = 1;

static unsigned __attribute__((noinline)) churn(unsigned n)
{
	unsigned a = churn_seed, b = 2, c = 3, d = 4, e = 5;
	for (unsigned i = 0; i < n; i++) {
		a += b ^ i;
		b += c >> 1;
		c += d * 3;
		d += e ^ a;
		e += a + i;
	}
	return a ^ b ^ c ^ d ^ e;
}

static int polite(void)
{
	unsigned want = churn(200000);
	if (sys_set_upcalls(polite_start, polite_end, (void *)upcall_save) != 0)
		return 2;
	/* Long enough to see several slices end and start. */
	unsigned rounds = 0;
	while (ends < 3 || starts < 3) {
		if (churn(200000) != want)
			return 3;
		if (++rounds > 400)
			return 4;
	}
	sys_set_upcalls(0, 0, 0);
	return 0;
}

static unsigned pages[16384];

static int victim(void)
{
	static unsigned vec[64];
	if (sys_set_upcalls(0, 0, (void *)upcall_save) != 0 || sys_set_revoke(revoke_note, vec, 64) != 0)
		return 2;
	unsigned n = 0;
	int r;
	struct aegis_envinfo before, after;
	sys_envinfo(sys_getenvid(), &before);
	/* Its own last, failed, alloc asks the biggest holder, itself: the
	   page may be taken before it yields (a tick's upcall and deadline
	   can come first), so the count is taken before the allocations. */
	while (n < 16384 && (r = sys_alloc(VICTIM_RCAP, VICTIM_WCAP)) > 0)
		pages[n++] = (unsigned)r;
	sys_yield((int)parent());	/* it asks for a page now */
	/* Ignore the request; the deadline passes while it works on. */
	for (unsigned i = 0; i < 20000 && !(revoke_kinds & (1u << REVOKE_REPOSSESSED)); i++)
		churn(1000);
	sys_envinfo(sys_getenvid(), &after);
	int ok = 1;
	sys_check(revoke_kinds & (1u << REVOKE_REQUEST), "revocation: the request reached the library OS");
	sys_check(revoke_last == 1 && vec[0] == 1, "revocation: exactly one page repossessed, recorded in the vector");
	sys_check(after.pages + 1 == before.pages + n, "revocation: it lost exactly the revoked page");
	int guaranteed = 0, found = 0;
	for (unsigned i = 0; i < n; i++)
		if (pages[i] == vec[1]) {
			found = 1;
			guaranteed = i < 8;
		}
	sys_check(found && !guaranteed, "revocation: the page taken was not in its guaranteed set");
	sys_check(sys_tlbwr(SHARED_VA, vec[1], VICTIM_WCAP, TLBWR_WRITE) == -AEGIS_EPERM,
		  "revocation: the repossessed page's old capability is void");
	sys_check(sys_tlbwr(SHARED_VA, pages[n - 1] == vec[1] ? pages[n - 2] : pages[n - 1],
			    VICTIM_WCAP, TLBWR_WRITE) == 0,
		  "revocation: its other pages are still its own");
	for (unsigned i = 0; i < n; i++)
		if (pages[i] != vec[1])
			ok &= sys_dealloc(pages[i]) == 0;
	sys_check(ok, "revocation: it keeps running and frees the rest");
	return 0;
}

int main(unsigned what, unsigned arg)
{
	switch (what) {
	case KID_SPIN:
		for (;;)
			;
	case KID_EXIT7:
		return 7;
	case KID_PONG:
		return pong(arg);
	case KID_POLITE:
		return polite();
	case KID_RUDE:
		sys_set_upcalls(0, rude_end, (void *)upcall_save);
		for (;;)
			;
	case KID_VICTIM:
		return victim();
	}
	return 99;
}
