/*
 * labs/tlbmiss/check.c - the checker of lab "tlbmiss" (boot with
 * init=check; `make lab-tlbmiss`): tlblab_alloc against tlbmiss.h's
 * contract, then loads and stores in the region through tlblab_miss,
 * registered as ExOS's EXC_SEGV handler behind a wrapper that counts the
 * faults and skips an access faulting over and over (a handler that
 * neither binds nor skips would loop forever). TAP through exos_check.
 */
#include <stdio.h>
#include "exos.h"
#include "vm.h"
#include "tlbmiss/tlbmiss.h"

#define PAGE(i)		(TLBLAB_BASE + (uint32_t)(i) * AEGIS_PAGE_SIZE)
#define SENTINEL	0x5e	/* what a skipped load leaves */

/* One load or store, never in a branch delay slot, so that skipping it
   (epc + 4) is exact. */
static uint32_t peek(uint32_t va)
{
	uint32_t v;
	__asm__ volatile(".set push\n\t.set noreorder\n\tli %0, %2\n\tlw %0, 0(%1)\n\tnop\n\t.set pop"
			 : "=&r"(v) : "r"(va), "i"(SENTINEL) : "memory");
	return v;
}

static void poke(uint32_t va, uint32_t v)
{
	__asm__ volatile(".set push\n\t.set noreorder\n\tsw %1, 0(%0)\n\tnop\n\t.set pop"
			 : : "r"(va), "r"(v) : "memory");
}

static unsigned calls, stuck, repeat;
static uint32_t last_va = ~0u, last_epc;

static void on_miss(struct exc_frame *f)
{
	calls++;
	if (f->badvaddr == last_va && f->epc == last_epc) {
		if (++repeat >= 4) {	/* not bound, not skipped: give up on it */
			stuck++;
			repeat = 0;
			last_va = ~0u;
			exc_skip(f);
			return;
		}
	} else {
		repeat = 0;
		last_va = f->badvaddr;
		last_epc = f->epc;
	}
	tlblab_miss(f);
}

static uint32_t pattern(int page, int word) { return 0xa5000000u ^ (uint32_t)page << 16 ^ (uint32_t)word; }

int main(void)
{
	exc_handler(EXC_SEGV, on_miss);
	int vm0 = vm_count();

	int bad = tlblab_alloc(PAGE(0) + 4, 1) == -AEGIS_EINVAL &&
		  tlblab_alloc(TLBLAB_BASE - AEGIS_PAGE_SIZE, 1) == -AEGIS_EINVAL &&
		  tlblab_alloc(PAGE(TLBLAB_PAGES), 1) == -AEGIS_EINVAL;
	for (int i = 0; i < TLBLAB_PAGES; i++)
		bad &= !tlblab_pt[i].valid;
	exos_check(bad, "tlbmiss: unaligned and out-of-region pages refused, table unchanged");

	int ok = 1;
	for (int i = 0; i < 10; i++)
		ok &= tlblab_alloc(PAGE(i), i < 8) == 0;
	for (int i = 0; i < 10; i++) {
		ok &= tlblab_pt[i].valid && tlblab_pt[i].writable == (i < 8);
		for (int j = 0; j < i; j++)
			ok &= tlblab_pt[i].ppn != tlblab_pt[j].ppn;
	}
	exos_check(ok, "tlbmiss: 8 writable and 2 read-only pages allocated, each its own");
	uint32_t ppn0 = tlblab_pt[0].ppn;
	exos_check(tlblab_alloc(PAGE(0), 1) == -AEGIS_EBUSY && tlblab_pt[0].ppn == ppn0,
		   "tlbmiss: a page allocated twice refused, entry unchanged");
	exos_check(calls == 0, "tlbmiss: allocation binds nothing (%u misses so far)", calls);

	for (int i = 0; i < 8; i++)
		for (int w = 0; w < 1024; w += 255)
			poke(PAGE(i) + w * 4, pattern(i, w));
	unsigned c1 = calls;
	exos_check(c1 >= 8 && c1 <= 16 && tlblab_faults == 0 && stuck == 0,
		   "tlbmiss: stores to 8 pages: %u misses (8..16), %u refused, %u stuck", c1,
		   tlblab_faults, stuck);
	ok = 1;
	for (int i = 7; i >= 0; i--)
		for (int w = 0; w < 1024; w += 255)
			ok &= peek(PAGE(i) + w * 4) == pattern(i, w);
	exos_check(ok && calls == c1 && stuck == 0, "tlbmiss: every page reads back, no further miss (%u)",
		   calls - c1);

	unsigned f0 = tlblab_faults, c2 = calls;
	uint32_t v = peek(PAGE(8) + 40);
	exos_check(v == 0 && calls == c2 + 1 && tlblab_faults == f0 && stuck == 0,
		   "tlbmiss: a read-only page reads (a fresh page is zeros)");
	poke(PAGE(8) + 40, 0x1234);
	exos_check(tlblab_faults == f0 + 1 && peek(PAGE(8) + 40) == 0 && stuck == 0,
		   "tlbmiss: a store to a read-only page refused and skipped");

	f0 = tlblab_faults;
	v = peek(PAGE(10));
	exos_check(v == SENTINEL && tlblab_faults == f0 + 1 && stuck == 0,
		   "tlbmiss: a page of the region never allocated refused");
	f0 = tlblab_faults;
	v = peek(TLBLAB_BASE - 0x100000);
	exos_check(v == SENTINEL && tlblab_faults == f0 + 1 && stuck == 0,
		   "tlbmiss: an address outside the region refused");

	/* Aegis forgets the binding (TLB and STLB): the next access misses
	   again, and the handler binds the same page. */
	c2 = calls;
	sys_tlbvadelete(PAGE(3), TLBVA_STLB);
	exos_check(peek(PAGE(3) + 255 * 4) == pattern(3, 255) && calls == c2 + 1 && stuck == 0,
		   "tlbmiss: after tlbvadelete one more miss, the data still there");
	exos_check(vm_count() == vm0, "tlbmiss: ExOS's own page table was not used (%d entries)",
		   vm_count() - vm0);

	int failed = exos_checks_failed(), done = exos_checks_done();
	int r = exos_test_result();
	iprintf("lab tlbmiss: %d of %d checks pass\n", done - failed, done);
	return r;
}
