/*
 * labs/tlbmiss/tlbmiss.c - YOUR page table and TLB-miss handler (lab
 * "tlbmiss", docs/tour/labs.md). Read tlbmiss.h for what each function
 * must do, and exos/lib/vm.c (vm_alloc, bind, vm_fault) for how ExOS
 * does the same for its own pages; `make lab-tlbmiss` checks this file.
 */
#include <aegis/syscall.h>
#include "exos.h"
#include "tlbmiss/tlbmiss.h"

struct tlblab_pte tlblab_pt[TLBLAB_PAGES];
unsigned tlblab_faults;

int tlblab_alloc(uint32_t va, int writable)
{
	/* TODO: refuse a bad va; choose a capability; sys_alloc(cap, cap)
	   gives a page number (or a negative error); fill in the entry. */
	(void)va;
	(void)writable;
	return -AEGIS_ENOSYS;
}

void tlblab_miss(struct exc_frame *f)
{
	/* TODO: find the entry for f->badvaddr; bind it with
	   sys_tlbwr(page address, ppn, cap, flags) if the access is allowed
	   (exc_code(f) says which: XCODE_TLBL a load, XCODE_TLBS or
	   XCODE_MOD a store); otherwise count a fault and exc_skip(f). */
	(void)f;
}
