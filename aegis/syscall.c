/*
 * syscall.c - system calls from user mode, on the general trap path for
 * now (the paper's two fast paths, no-stack and with-stack, come with the
 * exception-dispatch work). Every argument is checked before use: a
 * pointer must name memory the caller itself may read.
 */
#include "env.h"
#include "kernel.h"
#include "mips.h"
#include "trapframe.h"
#include "exc.h"
#include "mem.h"
#include "tlb.h"
#include "trap.h"
#include "tests/tap.h"
#include "../sim/simctl.h"
#include <aegis/exception.h>
#include <aegis/syscall.h>

static int sys_cputs(struct env *e, uint32_t va, uint32_t len)
{
	char buf[128];
	uint32_t done = 0;
	if (va + len < va)
		return -AEGIS_EFAULT;
	/* Check the whole range first, so a bad tail prints nothing. */
	for (uint32_t a = va; a - va < len; a = (a | 4095) + 1)
		if (!env_translate(e, a, 0))
			return -AEGIS_EFAULT;
	if (len && !env_translate(e, va + len - 1, 0))
		return -AEGIS_EFAULT;
	while (done < len) {
		uint32_t n = len - done < sizeof buf ? len - done : sizeof buf;
		if (copyin(e, buf, va + done, n) != 0)
			return -AEGIS_EFAULT;
		for (uint32_t i = 0; i < n; i++)
			console_putc(buf[i]);
		done += n;
	}
	return (int)len;
}

/* A test check from user code, numbered with the kernel's own. */
static int sys_check(struct env *e, int ok, uint32_t name_va)
{
	char name[96];
	uint32_t i;
	for (i = 0; i < sizeof name - 1; i++) {
		if (copyin(e, &name[i], name_va + i, 1) != 0)
			return -AEGIS_EFAULT;
		if (!name[i])
			break;
	}
	name[i] = 0;
	tap_ok(ok, "%s", name);
	return 0;
}

static int sys_set_xsave(struct env *e, uint32_t va)
{
	uint32_t pa = env_translate(e, va, 1);
	if (!pa || (va & (XSAVE_SIZE - 1)))
		return -AEGIS_EFAULT;
	for (int i = 0; i < 32; i++)
		e->xc.save[i] = KSEG0(pa);
	return 0;
}

/* Only these causes may go to user handlers; interrupts, TLB misses and
   system calls stay Aegis's. */
static int user_handleable(uint32_t cause)
{
	switch (cause) {
	case XCODE_MOD: case XCODE_ADEL: case XCODE_ADES: case XCODE_BP:
	case XCODE_RI: case XCODE_CPU: case XCODE_OV:
		return 1;
	default:
		return 0;
	}
}

static int sys_set_handler(struct env *e, uint32_t cause, uint32_t pc)
{
	/* TLB misses Aegis looks at first (STLB, guaranteed mappings) and
	   then hands over from C, so their route stays the kernel's. */
	int tlb = cause == XCODE_TLBL || cause == XCODE_TLBS;
	if (cause >= 32 || (!user_handleable(cause) && !tlb))
		return -AEGIS_EINVAL;
	if (pc == 0) {
		e->xc.route[cause] = (uint32_t)trap_entry;
		e->xc.uhandler[cause] = 0;
		return 0;
	}
	/* The handler runs in user mode, so any user address is harmless to
	   others; a kernel address would only fault again in user mode, but
	   is refused outright. A save area must exist first. */
	if (pc >= KSEG0_BASE || (pc & 3))
		return -AEGIS_EFAULT;
	if (!e->xc.save[cause])
		return -AEGIS_EINVAL;
	e->xc.uhandler[cause] = pc;
	if (!tlb)
		e->xc.route[cause] = (uint32_t)exc_to_user;
	return 0;
}

/* pmaxsim's counter page, if this is pmaxsim. */
static int sys_map_counter(struct env *e)
{
	if (!simctl_present())
		return -AEGIS_ENOSYS;
	return env_map_device(e, USER_COUNTER_VA, SIMCTL_BASE) == 0 ? 0 : -AEGIS_EINVAL;
}

/* A user virtual page Aegis does not service itself. */
static int user_va_ok(struct env *e, uint32_t va)
{
	if (va >= KSEG0_BASE)
		return -AEGIS_EFAULT;
	for (int i = 0; i < e->ngmap; i++)
		if (e->gmap[i].vpn == va >> PAGE_SHIFT)
			return -AEGIS_EINVAL;	/* a guaranteed mapping is Aegis's */
	return 0;
}

static int sys_alloc(struct env *e, uint32_t r, uint32_t w)
{
	uint32_t ppn = page_alloc_cap(e->id, r, w);
	return ppn ? (int)ppn : -AEGIS_ENOMEM;
}

static int sys_dealloc(struct env *e, uint32_t ppn)
{
	return page_dealloc(e->id, ppn) == 0 ? 0 : -AEGIS_EPERM;
}

static int sys_setcap(struct env *e, uint32_t ppn, uint32_t r, uint32_t w)
{
	if (page_setcap(e->id, ppn, r, w) != 0)
		return -AEGIS_EPERM;
	tlb_flush_ppn(ppn);
	return 0;
}

static int sys_tlbwr(struct env *e, uint32_t va, uint32_t ppn, uint32_t cap, uint32_t flags)
{
	int r = user_va_ok(e, va);
	if (r)
		return r;
	if (flags & ~(uint32_t)(TLBWR_WRITE | TLBWR_UNCACHED))
		return -AEGIS_EINVAL;
	if (!page_cap_allows(ppn, cap, flags & TLBWR_WRITE))
		return -AEGIS_EPERM;
	tlb_insert((va & ~(PAGE_SIZE - 1)) | (e->asid << 6),
		   (ppn << PAGE_SHIFT) | ELO_V | ((flags & TLBWR_WRITE) ? ELO_D : 0) |
		   ((flags & TLBWR_UNCACHED) ? ELO_N : 0));
	return 0;
}

static int sys_tlbvadelete(struct env *e, uint32_t va, uint32_t flags)
{
	if (va >= KSEG0_BASE || (flags & ~(uint32_t)TLBVA_STLB))
		return va >= KSEG0_BASE ? -AEGIS_EFAULT : -AEGIS_EINVAL;
	uint32_t hi = (va & ~(PAGE_SIZE - 1)) | (e->asid << 6);
	if (flags & TLBVA_STLB) {
		tlb_remove(hi);
	} else {
		/* The hardware TLB only: the STLB keeps the binding. */
		struct stlb_entry keep = stlb[(hi >> 12) & (STLB_ENTRIES - 1)];
		tlb_remove(hi);
		stlb[(hi >> 12) & (STLB_ENTRIES - 1)] = keep;
	}
	return 0;
}

static int sys_map_stlb(struct env *e, uint32_t va)
{
	uint32_t size = sizeof stlb;
	if (va >= KSEG0_BASE || (va & (size - 1)) || va + size > KSEG0_BASE)
		return -AEGIS_EFAULT;
	for (uint32_t off = 0; off < size; off += PAGE_SIZE)
		if (user_va_ok(e, va + off) != 0)
			return -AEGIS_EINVAL;
	for (uint32_t off = 0; off < size; off += PAGE_SIZE)
		if (env_map_device(e, va + off, ((uint32_t)stlb & KSEG_PHYS_MASK) + off) != 0)
			return -AEGIS_EINVAL;
	return 0;
}

/* The protected entry context: where transfers into e arrive. */
static int sys_set_entry(struct env *e, uint32_t sync_pc, uint32_t async_pc)
{
	if (sync_pc >= KSEG0_BASE || async_pc >= KSEG0_BASE || ((sync_pc | async_pc) & 3))
		return -AEGIS_EFAULT;
	if (sync_pc)
		e->sync_pc = sync_pc;
	if (async_pc)
		e->async_pc = async_pc;
	return 0;
}

/*
 * The with-stack path's table (sysentry.S calls sys_table[v0](a0..a3) on
 * the trap stack): one small adapter per call.
 */
typedef uint32_t u32;
static int32_t call_null(u32 a, u32 b, u32 c, u32 d) { (void)a; (void)b; (void)c; (void)d; return 0; }
static int32_t call_getenvid(u32 a, u32 b, u32 c, u32 d) { (void)a; (void)b; (void)c; (void)d; return (int32_t)curenv->id; }
static int32_t call_cputs(u32 a, u32 b, u32 c, u32 d) { (void)c; (void)d; return sys_cputs(curenv, a, b); }
static int32_t call_exit(u32 a, u32 b, u32 c, u32 d) { (void)b; (void)c; (void)d; env_exit_syscall((int)a); }
static int32_t call_check(u32 a, u32 b, u32 c, u32 d) { (void)c; (void)d; return sys_check(curenv, (int)a, b); }
static int32_t call_set_xsave(u32 a, u32 b, u32 c, u32 d) { (void)b; (void)c; (void)d; return sys_set_xsave(curenv, a); }
static int32_t call_set_handler(u32 a, u32 b, u32 c, u32 d) { (void)c; (void)d; return sys_set_handler(curenv, a, b); }
static int32_t call_map_counter(u32 a, u32 b, u32 c, u32 d) { (void)a; (void)b; (void)c; (void)d; return sys_map_counter(curenv); }
static int32_t call_alloc(u32 a, u32 b, u32 c, u32 d) { (void)c; (void)d; return sys_alloc(curenv, a, b); }
static int32_t call_dealloc(u32 a, u32 b, u32 c, u32 d) { (void)b; (void)c; (void)d; return sys_dealloc(curenv, a); }
static int32_t call_setcap(u32 a, u32 b, u32 c, u32 d) { (void)d; return sys_setcap(curenv, a, b, c); }
static int32_t call_tlbwr(u32 a, u32 b, u32 c, u32 d) { return sys_tlbwr(curenv, a, b, c, d); }
static int32_t call_tlbvadelete(u32 a, u32 b, u32 c, u32 d) { (void)c; (void)d; return sys_tlbvadelete(curenv, a, b); }
static int32_t call_map_stlb(u32 a, u32 b, u32 c, u32 d) { (void)b; (void)c; (void)d; return sys_map_stlb(curenv, a); }
static int32_t call_set_entry(u32 a, u32 b, u32 c, u32 d) { (void)c; (void)d; return sys_set_entry(curenv, a, b); }
/* Protected control transfers are the no-stack path's; here only if v0
   named one with an impossible target. */
static int32_t call_pct(u32 a, u32 b, u32 c, u32 d) { (void)a; (void)b; (void)c; (void)d; return -AEGIS_EINVAL; }

int32_t (*const sys_table[SYS_MAX])(u32, u32, u32, u32) = {
	[SYS_getenvid] = call_getenvid,	/* normally the no-stack path's */
	[SYS_pct_sync] = call_pct,
	[SYS_pct_async] = call_pct,
	[SYS_set_entry] = call_set_entry,
	[SYS_null] = call_null,
	[SYS_cputs] = call_cputs,
	[SYS_exit] = call_exit,
	[SYS_check] = call_check,
	[SYS_set_xsave] = call_set_xsave,
	[SYS_set_handler] = call_set_handler,
	[SYS_map_counter] = call_map_counter,
	[SYS_alloc] = call_alloc,
	[SYS_dealloc] = call_dealloc,
	[SYS_setcap] = call_setcap,
	[SYS_tlbwr] = call_tlbwr,
	[SYS_tlbvadelete] = call_tlbvadelete,
	[SYS_map_stlb] = call_map_stlb,
};
_Static_assert(SYS_MAX == 17, "every call has an entry in sys_table");
