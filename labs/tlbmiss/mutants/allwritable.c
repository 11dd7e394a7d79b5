/*
 * labs/tlbmiss/mutants/allwritable.c - a wrong answer to lab "tlbmiss"
 * that labs/lab-test feeds the checker, which must reject it: the
 * reference solution but for a handler that binds every page writable,
 * so a store to a read-only page goes through.
 */
#define tlblab_miss tlblab_miss_reference
#include "tlbmiss/solution/tlbmiss.c"
#undef tlblab_miss

void tlblab_miss(struct exc_frame *f);

void tlblab_miss(struct exc_frame *f)
{
	struct tlblab_pte *p = entry(f->badvaddr);
	if (p && p->valid &&
	    sys_tlbwr(f->badvaddr & ~(AEGIS_PAGE_SIZE - 1), p->ppn, p->cap, TLBWR_WRITE) == 0)
		return;
	tlblab_faults++;
	exc_skip(f);
}
