/*
 * labs/tlbmiss/mutants/allwritable.c - a wrong answer to lab "tlbmiss"
 * that labs/lab-test feeds the checker, which must reject it: every
 * page is bound writable, so a store to a read-only page goes through.
 */
#include <aegis/syscall.h>
#include "exos.h"
#include "tlbmiss/tlbmiss.h"

struct tlblab_pte tlblab_pt[TLBLAB_PAGES];
unsigned tlblab_faults;

static struct tlblab_pte *entry(uint32_t va)
{
	if (va < TLBLAB_BASE || va >= TLBLAB_BASE + TLBLAB_PAGES * AEGIS_PAGE_SIZE)
		return 0;
	return &tlblab_pt[(va - TLBLAB_BASE) / AEGIS_PAGE_SIZE];
}

int tlblab_alloc(uint32_t va, int writable)
{
	struct tlblab_pte *p = entry(va);
	if (!p || (va & (AEGIS_PAGE_SIZE - 1)))
		return -AEGIS_EINVAL;
	if (p->valid)
		return -AEGIS_EBUSY;
	uint32_t cap = va ^ 0x3c3c3c3du;
	int ppn = sys_alloc(cap, cap);
	if (ppn < 0)
		return ppn;
	p->ppn = (uint32_t)ppn;
	p->cap = cap;
	p->writable = writable != 0;
	p->valid = 1;
	return 0;
}

void tlblab_miss(struct exc_frame *f)
{
	struct tlblab_pte *p = entry(f->badvaddr);
	if (p && p->valid &&
	    sys_tlbwr(f->badvaddr & ~(AEGIS_PAGE_SIZE - 1), p->ppn, p->cap, TLBWR_WRITE) == 0)
		return;
	tlblab_faults++;
	exc_skip(f);
}
