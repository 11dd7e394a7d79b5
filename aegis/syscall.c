/*
 * syscall.c - the with-stack system calls (sysentry.S calls
 * sys_table[v0 - SYS_NOSTACK_MAX](a0..a3) on the trap stack). Every argument is checked
 * before use: a pointer must name memory the caller itself may use.
 */
#include "archive.h"
#include "env.h"
#include "kernel.h"
#include "mips.h"
#include "trapframe.h"
#include "exc.h"
#include "mem.h"
#include "platform.h"
#include "revoke.h"
#include "sched.h"
#include "tlb.h"
#include "trap.h"
#include "tap.h"
#include "net/net.h"
#include "disk/disk.h"
#include "platform/ds1287.h"
#include <aegis/counter.h>
#include <aegis/exception.h>
#include <aegis/syscall.h>

/* Every call has the table's type, syscall_fn: the four argument
   registers, named as the call uses them (the rest unused), and the
   caller is curenv. */
#pragma GCC diagnostic ignored "-Wunused-parameter"
typedef int32_t syscall_fn(uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3);

static int32_t sys_cputs(uint32_t va, uint32_t len, uint32_t a2, uint32_t a3)
{
	struct env *e = curenv;
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
static int32_t sys_check(uint32_t ok_reg, uint32_t name_va, uint32_t a2, uint32_t a3)
{
	struct env *e = curenv;
	int ok = (int)ok_reg;
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
	e->checks++;
	if (!ok)
		e->checks_failed++;
	return 0;
}

static int32_t sys_set_xsave(uint32_t va, uint32_t a1, uint32_t a2, uint32_t a3)
{
	struct env *e = curenv;
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

static int32_t sys_set_handler(uint32_t cause, uint32_t pc, uint32_t a2, uint32_t a3)
{
	struct env *e = curenv;
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
static int32_t sys_map_counter(uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
	struct env *e = curenv;
	if (!platform_has_counter_page())
		return -AEGIS_ENOSYS;
	return env_map_device(e, USER_COUNTER_VA, COUNTER_PAGE_PA) == 0 ? 0 : -AEGIS_EINVAL;
}

/* A user virtual page Aegis does not service itself. */
static int user_va_ok(struct env *e, uint32_t va)
{
	if (va >= KSEG0_BASE)
		return -AEGIS_EFAULT;
	if (gmap_covers(e, va >> PAGE_SHIFT))
		return -AEGIS_EINVAL;	/* a guaranteed mapping is Aegis's */
	return 0;
}

static int32_t sys_alloc(uint32_t r, uint32_t w, uint32_t a2, uint32_t a3)
{
	struct env *e = curenv;
	uint32_t ppn = page_alloc_cap(e->slot, r, w);
	if (ppn)
		return (int)ppn;
	/* Out of memory: ask the environment holding the most revocable
	   pages for one (visible revocation); the caller tries again. */
	struct env *victim = NULL;
	uint32_t most = 0;
	for (unsigned i = 1; i < MAX_ENVS; i++) {
		uint32_t n;
		if (&envs[i] == e || envs[i].state != ENV_STATE_RUNNABLE)
			continue;
		page_revocable(envs[i].slot, &n);
		if (n > most) {
			most = n;
			victim = &envs[i];
		}
	}
	if (victim && (victim->revoke_asked || revoke_request(victim, 1) == 0))
		return -AEGIS_EAGAIN;	/* one request at a time */
	return -AEGIS_ENOMEM;
}

static int32_t sys_dealloc(uint32_t ppn, uint32_t a1, uint32_t a2, uint32_t a3)
{
	struct env *e = curenv;
	if (page_owner(ppn) != (int)e->slot || !page_capable(ppn))
		return -AEGIS_EPERM;
	if (env_maps_ppn(e, ppn))
		return -AEGIS_EBUSY;	/* Aegis writes through it: it stays till the end */
	if (page_dealloc(e->slot, ppn) != 0)
		return -AEGIS_EPERM;
	revoke_returned(e);
	return 0;
}

static int32_t sys_setcap(uint32_t ppn, uint32_t r, uint32_t w, uint32_t a3)
{
	struct env *e = curenv;
	if (page_setcap(e->slot, ppn, r, w) != 0)
		return -AEGIS_EPERM;
	tlb_flush_ppn(ppn);
	return 0;
}

/* The address-space id the environment runs with now (SYS_cidswitch). */
static uint32_t cur_asid(const struct env *e)
{
	return ASID_OF(e->entryhi);
}

static int32_t sys_tlbwr(uint32_t va, uint32_t ppn, uint32_t cap, uint32_t flags)
{
	struct env *e = curenv;
	int r = user_va_ok(e, va);
	if (r)
		return r;
	if (flags & ~(uint32_t)(TLBWR_WRITE | TLBWR_UNCACHED))
		return -AEGIS_EINVAL;
	if (!page_cap_allows(ppn, cap, flags & TLBWR_WRITE))
		return -AEGIS_EPERM;
	tlb_insert((va & ~(PAGE_SIZE - 1)) | (cur_asid(e) << ENTRYHI_ASID_SHIFT),
		   (ppn << PAGE_SHIFT) | ELO_V | ((flags & TLBWR_WRITE) ? ELO_D : 0) |
		   ((flags & TLBWR_UNCACHED) ? ELO_N : 0));
	return 0;
}

static int32_t sys_tlbvadelete(uint32_t va, uint32_t flags, uint32_t a2, uint32_t a3)
{
	struct env *e = curenv;
	if (va >= KSEG0_BASE || (flags & ~(uint32_t)TLBVA_STLB))
		return va >= KSEG0_BASE ? -AEGIS_EFAULT : -AEGIS_EINVAL;
	uint32_t hi = (va & ~(PAGE_SIZE - 1)) | (cur_asid(e) << ENTRYHI_ASID_SHIFT);
	if (flags & TLBVA_STLB) {
		tlb_remove(hi);
	} else {
		/* The hardware TLB only: the STLB keeps the binding. */
		struct stlb_entry keep = stlb[stlb_index(hi)];
		tlb_remove(hi);
		stlb[stlb_index(hi)] = keep;
	}
	return 0;
}

/* Lower rights over a range in one call (<aegis/syscall.h>): only the
   caller's own bindings (its current ASID), never a right added, so no
   capability is needed; every argument checked before anything changes. */
static int32_t sys_tlbprot(uint32_t va, uint32_t npages, uint32_t flags, uint32_t a3)
{
	struct env *e = curenv;
	if ((va & (PAGE_SIZE - 1)) || npages == 0 || npages > TLBPROT_MAXPAGES || (flags & ~(uint32_t)TLBPROT_NONE))
		return -AEGIS_EINVAL;
	/* npages <= 4096 pages (16 MB): va + the range cannot wrap around. */
	if (va >= KSEG0_BASE || npages > (KSEG0_BASE - va) >> PAGE_SHIFT)
		return -AEGIS_EFAULT;
	if (gmap_overlaps(e, va >> PAGE_SHIFT, npages))
		return -AEGIS_EINVAL;	/* a guaranteed mapping is Aegis's */
	tlb_lower_range(va | (cur_asid(e) << ENTRYHI_ASID_SHIFT), npages, flags & TLBPROT_NONE);
	return 0;
}

static int32_t sys_map_stlb(uint32_t va, uint32_t a1, uint32_t a2, uint32_t a3)
{
	struct env *e = curenv;
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
static int32_t sys_set_entry(uint32_t sync_pc, uint32_t async_pc, uint32_t a2, uint32_t a3)
{
	struct env *e = curenv;
	if (sync_pc >= KSEG0_BASE || async_pc >= KSEG0_BASE || ((sync_pc | async_pc) & 3))
		return -AEGIS_EFAULT;
	if (sync_pc)
		e->sync_pc = sync_pc;
	if (async_pc)
		e->async_pc = async_pc;
	return 0;
}

static int32_t sys_spawn(uint32_t name_va, uint32_t len, uint32_t a0, uint32_t a1)
{
	struct env *e = curenv;
	char name[64];
	if (len == 0 || len >= sizeof name)
		return -AEGIS_EINVAL;
	if (copyin(e, name, name_va, len) != 0)
		return -AEGIS_EFAULT;
	name[len] = 0;
	struct env_fail fail;
	struct env *c = env_spawn(name, e->id, &fail);
	if (!c)
		return -fail.err;
	c->tf.a0 = a0;
	c->tf.a1 = a1;
	return (int)c->id;
}

/* The environment with this id, live or ended (an id of its slot's
   earlier generation names nothing), or NULL. */
static struct env *by_id(uint32_t id)
{
	struct env *t = &envs[AEGIS_ENV_SLOT(id)];
	return id && t->state && t->id == id ? t : NULL;
}

/* A child of e, live or ended, by id. */
static struct env *child(struct env *e, uint32_t id)
{
	struct env *c = by_id(id);
	return c && c->parent == e->id ? c : NULL;
}

static int32_t sys_wait(uint32_t id, uint32_t out_va, uint32_t a2, uint32_t a3)
{
	struct env *e = curenv;
	struct env *c = child(e, id);
	if (!c)
		return -AEGIS_ESRCH;
	if (c->state != ENV_STATE_ENDED)
		return -AEGIS_EAGAIN;
	struct aegis_exit x = {
		.status = c->exit.status, .killed = c->exit.killed,
		.exc_code = c->exit.exc_code, .epc = c->exit.epc,
		.badvaddr = c->exit.badvaddr,
		.checks = c->checks, .checks_failed = c->checks_failed,
	};
	if (out_va && copyout(e, out_va, &x, sizeof x) != 0)
		return -AEGIS_EFAULT;
	env_destroy(c);
	return 0;
}

static int32_t sys_destroy(uint32_t id, uint32_t a1, uint32_t a2, uint32_t a3)
{
	struct env *e = curenv;
	struct env *c = id == e->id ? e : child(e, id);
	if (!c)
		return -AEGIS_ESRCH;
	if (c->state != ENV_STATE_RUNNABLE)
		return 0;
	struct env_exit x = { .status = -1, .killed = AEGIS_KILLED_DESTROYED, .exc_code = EXC_SYS };
	env_end(c, &x);
	if (c == e)
		sched_next();
	return 0;
}

static int32_t sys_slice_alloc(uint32_t pos, uint32_t a1, uint32_t a2, uint32_t a3)
{
	struct env *e = curenv;
	return slice_alloc(e, (int)pos);
}

static int32_t sys_set_upcalls(uint32_t start_pc, uint32_t end_pc, uint32_t save_va, uint32_t a3)
{
	struct env *e = curenv;
	if (start_pc >= KSEG0_BASE || end_pc >= KSEG0_BASE || ((start_pc | end_pc) & 3))
		return -AEGIS_EFAULT;
	uint32_t pa = 0;
	if (save_va || start_pc || end_pc) {
		/* Aegis writes the area through kseg0, so it must stay the
		   environment's for its whole life: a page of its program. */
		pa = env_translate(e, save_va, 1);
		if (!pa || (save_va & (UPCALL_SAVE_SIZE - 1)))
			return -AEGIS_EFAULT;
	}
	e->slice_start_pc = start_pc;
	e->slice_end_pc = end_pc;
	e->isave = pa ? KSEG0(pa) : 0;
	if (!end_pc)
		e->in_end_upcall = 0;
	env_update_fast(e);
	return 0;
}

static int32_t sys_cgetc(uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
	int c = platform->getc ? platform->getc() : -1;
	return c < 0 ? -AEGIS_EAGAIN : c;
}

/* Table 3 "FPUmod": the FPU is the environment's while CU1 is in its
   status; every switch installs that status (the PCT path too), so no
   one else reaches the registers while it is on. */
static int32_t sys_fpumod(uint32_t on, uint32_t a1, uint32_t a2, uint32_t a3)
{
	struct env *e = curenv;
	if (on > 1)
		return -AEGIS_EINVAL;
	e->status = on ? e->status | SR_CU1 : e->status & ~(uint32_t)SR_CU1;
	/* The with-stack path returns with rfe, which leaves CU1 as is:
	   change the live Status too. */
	uint32_t sr = mfc0(C0_STATUS);
	mtc0(C0_STATUS, on ? sr | SR_CU1 : sr & ~(uint32_t)SR_CU1);
	return 0;
}

static int32_t sys_envinfo(uint32_t id, uint32_t out_va, uint32_t a2, uint32_t a3)
{
	struct env *e = curenv;
	/* A bare slot number asks for the slot's holder, to list them. */
	const struct env *t = id < MAX_ENVS ? by_id(envs[id].id) : by_id(id);
	if (!t)
		return -AEGIS_ESRCH;
	struct aegis_envinfo info = {
		.id = t->id, .parent = t->parent, .state = t->state,
		.pages = page_count(t->slot), .slices = t->nslices,
		.excess = t->excess, .ticks = t->ticks,
		.held = page_held_count(t->slot), .free_pages = mem_nfree(),
	};
	kmemcpy(info.name, t->name, sizeof info.name);
	return copyout(e, out_va, &info, sizeof info) == 0 ? 0 : -AEGIS_EFAULT;
}

static int32_t sys_set_revoke(uint32_t pc, uint32_t vec_va, uint32_t n, uint32_t a3)
{
	struct env *e = curenv;
	if (pc >= KSEG0_BASE || (pc & 3))
		return -AEGIS_EFAULT;
	if (pc && !e->isave)
		return -AEGIS_EINVAL;	/* the upcall needs its save area */
	if (vec_va) {
		/* The whole vector must stay writable by Aegis: in pages of
		   its program (guaranteed mappings). */
		if ((vec_va & 3) || n == 0 || n > 1024 || !env_translate(e, vec_va, 1) ||
		    !env_translate(e, vec_va + 4 * n - 1, 1))
			return -AEGIS_EFAULT;
	}
	e->revoke_pc = pc;
	e->repo_va = vec_va;
	e->repo_n = vec_va ? n : 0;
	return 0;
}

/* Table 3 "CIDswitch": run with the environment's own address-space id
   (0) or its second one (1), whose bindings are separate. */
static int32_t sys_cidswitch(uint32_t slot, uint32_t a1, uint32_t a2, uint32_t a3)
{
	struct env *e = curenv;
	if (slot > 1)
		return -AEGIS_EINVAL;
	uint32_t asid = slot ? e->asid + MAX_ENVS : e->asid;	/* 32..63: second ids */
	e->entryhi = asid << ENTRYHI_ASID_SHIFT;
	mtc0(C0_ENTRYHI, e->entryhi);
	return 0;
}

static int32_t sys_archive_name(uint32_t n, uint32_t buf_va, uint32_t len, uint32_t a3)
{
	struct env *e = curenv;
	struct archive_file f;
	if (archive_nth(n, &f) != 0)
		return -AEGIS_ENOENT;
	if (len < f.namelen + 1)
		return -AEGIS_EINVAL;
	char name[64];
	uint32_t k = f.namelen < sizeof name - 1 ? (uint32_t)f.namelen : sizeof name - 1;
	kmemcpy(name, f.name, k);
	name[k] = 0;
	if (copyout(e, buf_va, name, k + 1) != 0)
		return -AEGIS_EFAULT;
	return (int)f.size;
}

static int32_t sys_boot_arg(uint32_t n, uint32_t buf_va, uint32_t len, uint32_t a3)
{
	size_t k;
	const char *w = n < 0x10000 ? boot_word((int)n, &k) : NULL;
	if (!w)
		return -AEGIS_ENOENT;
	char word[128];
	if (k >= sizeof word || len < k + 1)
		return -AEGIS_EINVAL;
	kmemcpy(word, w, k);
	word[k] = 0;
	if (copyout(curenv, buf_va, word, (uint32_t)k + 1) != 0)
		return -AEGIS_EFAULT;
	return (int32_t)k;
}

static int32_t sys_clock(uint32_t out_va, uint32_t a1, uint32_t a2, uint32_t a3)
{
	uint64_t fine = platform_time();
	struct aegis_clock c = {
		.ticks = clock_ticks, .hz = CLOCK_HZ,
		.fine_lo = (uint32_t)fine, .fine_hi = (uint32_t)(fine >> 32),
		.fine_mhz = platform_time_mhz(),
	};
	if (copyout(curenv, out_va, &c, sizeof c) != 0)
		return -AEGIS_EFAULT;
	return 0;
}

static int32_t sys_null(uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
	return 0;
}

static int32_t sys_exit(uint32_t status, uint32_t a1, uint32_t a2, uint32_t a3)
{
	struct env_exit x = { .status = (int)status, .exc_code = EXC_SYS };
	env_end(curenv, &x);
	sched_next();
}

static int32_t sys_slice_free(uint32_t pos, uint32_t a1, uint32_t a2, uint32_t a3)
{
	return slice_free(curenv, (int)pos);
}

/*
 * The with-stack path's table: sysentry.S calls sys_table[v0 -
 * SYS_NOSTACK_MAX](a0..a3) on the trap stack for SYS_NOSTACK_MAX <= v0 <
 * SYS_MAX (the calls below are the no-stack path's, and their slow
 * paths are trap()'s).
 */
syscall_fn *const sys_table[SYS_MAX - SYS_NOSTACK_MAX] = {
#define AT(call) [(call) - SYS_NOSTACK_MAX]
	AT(SYS_null) = sys_null,
	AT(SYS_cputs) = sys_cputs,
	AT(SYS_exit) = sys_exit,
	AT(SYS_check) = sys_check,
	AT(SYS_set_xsave) = sys_set_xsave,
	AT(SYS_set_handler) = sys_set_handler,
	AT(SYS_map_counter) = sys_map_counter,
	AT(SYS_alloc) = sys_alloc,
	AT(SYS_dealloc) = sys_dealloc,
	AT(SYS_setcap) = sys_setcap,
	AT(SYS_tlbwr) = sys_tlbwr,
	AT(SYS_tlbvadelete) = sys_tlbvadelete,
	AT(SYS_map_stlb) = sys_map_stlb,
	AT(SYS_set_entry) = sys_set_entry,
	AT(SYS_spawn) = sys_spawn,
	AT(SYS_wait) = sys_wait,
	AT(SYS_destroy) = sys_destroy,
	AT(SYS_slice_alloc) = sys_slice_alloc,
	AT(SYS_slice_free) = sys_slice_free,
	AT(SYS_set_upcalls) = sys_set_upcalls,
	AT(SYS_cgetc) = sys_cgetc,
	AT(SYS_fpumod) = sys_fpumod,
	AT(SYS_envinfo) = sys_envinfo,
	AT(SYS_set_revoke) = sys_set_revoke,
	AT(SYS_cidswitch) = sys_cidswitch,
	AT(SYS_archive_name) = sys_archive_name,
	AT(SYS_dpf_insert) = sys_dpf_insert,
	AT(SYS_dpf_remove) = sys_dpf_remove,
	AT(SYS_net_ring) = sys_net_ring,
	AT(SYS_net_send) = sys_net_send,
	AT(SYS_net_info) = sys_net_info,
	AT(SYS_ash_download) = sys_ash_download,
	AT(SYS_boot_arg) = sys_boot_arg,
	AT(SYS_clock) = sys_clock,
	AT(SYS_disk_info) = sys_disk_info,
	AT(SYS_disk_alloc) = sys_disk_alloc,
	AT(SYS_disk_free) = sys_disk_free,
	AT(SYS_disk_read) = sys_disk_read,
	AT(SYS_disk_write) = sys_disk_write,
	AT(SYS_disk_extent) = sys_disk_extent,
	AT(SYS_disk_setcap) = sys_disk_setcap,
	AT(SYS_env_create) = sys_env_create,
	AT(SYS_page_drop) = sys_page_drop,
	AT(SYS_tlbprot) = sys_tlbprot,
	AT(SYS_disk_readv) = sys_disk_readv,
	AT(SYS_disk_writev) = sys_disk_writev,
	AT(SYS_tlbwrprot) = sys_tlbwrprot,	/* tlbwrprot.c */
#undef AT
};
_Static_assert(SYS_MAX == 51, "every call has an entry in sys_table");
