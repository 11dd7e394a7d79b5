/*
 * labs/tlbmiss/solution/tlbmiss.c - the reference solution of lab
 * "tlbmiss" (docs/tour/labs.md): a one-level table indexed by the page's
 * number within the region, pages allocated lazily bound, and a handler
 * that binds on the first touch (read-only pages never writable).
 */
#include <aegis/syscall.h>
#include "exos.h"
#include "tlbmiss/tlbmiss.h"

struct tlblab_pte tlblab_pt[TLBLAB_PAGES];
unsigned tlblab_faults;

/* The entry for va, or NULL outside the region. */
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
	/* Anyone who knows the capability may map the page: mix in the
	   address and the counter so it is not a constant (vm.c's new_cap
	   does the same, better). */
	uint32_t cap = (va * 2654435761u) ^ (uint32_t)exos_cycles() ^ 0x5a5a1235u;
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
	unsigned code = exc_code(f);
	int store = code == XCODE_TLBS || code == XCODE_MOD;
	if (p && p->valid && (!store || p->writable) &&
	    sys_tlbwr(f->badvaddr & ~(AEGIS_PAGE_SIZE - 1), p->ppn, p->cap,
		      p->writable ? TLBWR_WRITE : 0) == 0)
		return;		/* bound: the access is retried */
	tlblab_faults++;
	exc_skip(f);
}
