/*
 * tlbwrprot.c - SYS_tlbwrprot (<aegis/syscall.h>): SYS_tlbwr and a
 * one-page SYS_tlbprot in one call, so that a fault handler which
 * protects one page and opens another (Appel and Li's appel1) traps
 * once. The new binding is checked against the capability as SYS_tlbwr
 * checks it, the lowered page as SYS_tlbprot checks its range; all of it
 * before anything changes. A file of its own, so that adding it left
 * syscall.c's code (and the kernel's hot paths) where they were.
 */
#include "env.h"
#include "kernel.h"
#include "mem.h"
#include "mips.h"
#include "tlb.h"
#include <aegis/syscall.h>

int32_t sys_tlbwrprot(uint32_t va, uint32_t ppn, uint32_t cap, uint32_t flags)
{
	struct env *e = curenv;
	uint32_t low = flags & ~(PAGE_SIZE - 1);
	flags &= PAGE_SIZE - 1;
	if (va >= KSEG0_BASE || low >= KSEG0_BASE)
		return -AEGIS_EFAULT;
	/* Neither page may be a guaranteed mapping (Aegis's), nor both the
	   same page (which right would it keep?). */
	if ((flags & ~(uint32_t)(TLBWR_WRITE | TLBWR_UNCACHED | TLBWRP_NONE)) || low == (va & ~(PAGE_SIZE - 1)) ||
	    gmap_covers(e, va >> PAGE_SHIFT) || gmap_covers(e, low >> PAGE_SHIFT))
		return -AEGIS_EINVAL;
	if (!page_cap_allows(ppn, cap, flags & TLBWR_WRITE))
		return -AEGIS_EPERM;
	/* The caller's current address space (SYS_cidswitch), as both. The
	   lowering goes first: at no moment does the caller hold more rights
	   than it had or asked for. */
	uint32_t asid = e->entryhi & ENTRYHI_ASID_MASK;
	tlb_lower_range(low | asid, 1, flags & TLBWRP_NONE);
	tlb_insert((va & ~(PAGE_SIZE - 1)) | asid, (ppn << PAGE_SHIFT) | ELO_V |
		   ((flags & TLBWR_WRITE) ? ELO_D : 0) | ((flags & TLBWR_UNCACHED) ? ELO_N : 0));
	return 0;
}
