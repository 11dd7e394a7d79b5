/*
 * invariants.c - the debug kernel's invariant checker (issue 22): after
 * every with-stack system call, every exception handled in C and every
 * resumption of an environment, the whole kernel state is checked against
 * the invariants written at each object's definition; the first violation
 * halts the machine with its name, the object and why. Only in
 * build/aegis/aegis-debug.elf (and exos-debug.elf): -DAEGIS_DEBUG_INVARIANTS.
 *
 * The invariants, by the name a violation reports:
 *  page-owner    a page's owner is nobody, the kernel, or a live slot
 *  free-page     a free page is held by no one, has no capabilities, is
 *                pinned by no guaranteed mapping
 *  page-holders  holders are live slots other than the owner
 *  nheld         each slot's held count is its holder bits' count
 *  nfree         the free count is the number of free pages
 *  env-ids       a free slot is all zero; a live or ended one's id, slot
 *                and ASID name its own slot, call_id is its id or 0
 *  env-ended     an ended environment owns, holds, is bound to nothing,
 *                and is no target (entryhi 0, call_id 0, no slices)
 *  gmap          a live environment's guaranteed mappings are sorted,
 *                in kuseg, each a page it owns or holds (writable: owns;
 *                a held page is never writable) or a read-only device page
 *                (the counter page, the STLB)
 *  route         every route of its routing block is kernel code
 *                (trap_entry, exc_to_user, sys_entry, intr_entry); handlers are user
 *                addresses; save areas lie in pages it owns
 *  tlb-binding   every valid TLB and STLB entry belongs to a live
 *                environment's ASID, is not global, sits in its STLB slot,
 *                and maps a page that is not free: a page allocated with
 *                capabilities (SYS_tlbwr checked the capability), or one of
 *                that environment's guaranteed mappings at that address
 *                with no more rights (writable only if the mapping is)
 *  slice         each slice is free or a live environment's; nslices agrees
 *  donate        a donation names a live environment
 *  filter        each packet filter in use belongs to a live environment
 *  env-image     no page stays marked (page_mark) after SYS_env_create
 *  disk          every formatted disk's table is valid: magic, version,
 *                checksum, extents sorted, apart, within the disk and past
 *                the table's own blocks (disk_table_valid): one owner each
 *
 * invbreak=K (a boot word, debug kernels only) corrupts one of these on
 * purpose at the INV_BREAK_AT-th check, so that each check is shown able
 * to fail (tools/inv-test).
 */
#include "invariants.h"
#include "env.h"
#include "exc.h"
#include "kernel.h"
#include "mem.h"
#include "mips.h"
#include "sched.h"
#include "tlb.h"
#include "disk/table.h"
#include <aegis/counter.h>
#include <aegis/net.h>

#define INV_BREAK_AT	200

void sys_entry(void);		/* sysentry.S */
extern char _ftext[], _etext[];

static struct mem_view mv;
static unsigned nchecks;
static int brk = -1;		/* invbreak=K; -1 not read yet, 0 none */
static const char *where_now;

#define FAIL(name, ...) \
	panic("invariant " name " violated (after %s, check %u): " __VA_ARGS__)
#define F(name, fmt, ...) FAIL(name, fmt, where_now, nchecks, __VA_ARGS__)

static int live(unsigned slot)
{
	return slot > 0 && slot < MAX_ENVS && envs[slot].state == ENV_STATE_RUNNABLE;
}

static void check_pages(void)
{
	uint32_t nfree = 0, nheld[32] = { 0 };
	for (uint32_t p = 0; p < mv.npages; p++) {
		unsigned o = mv.owner[p];
		uint32_t h = mv.holders[p];
		if (mv.marked[p])
			F("env-image", "page %u still marked by SYS_env_create", (unsigned)p);
		if (o == OWNER_FREE) {
			nfree++;
			if (h || mv.capable[p] || mv.pinned[p])
				F("free-page", "page %u: holders %08x capable %u pinned %u",
				  (unsigned)p, (unsigned)h, mv.capable[p], mv.pinned[p]);
			continue;
		}
		if (o != OWNER_KERNEL && !live(o))
			F("page-owner", "page %u owned by slot %u, which is not live",
			  (unsigned)p, o);
		for (uint32_t b = h; b; b &= b - 1) {
			unsigned s = (unsigned)__builtin_ctz(b);
			if (!live(s) || s == o)
				F("page-holders", "page %u (owner %u) held by slot %u",
				  (unsigned)p, o, s);
			nheld[s]++;
		}
	}
	if (nfree != *mv.nfree)
		F("nfree", "%u pages free, count says %u", (unsigned)nfree, (unsigned)*mv.nfree);
	for (unsigned s = 0; s < 32; s++)
		if (nheld[s] != mv.nheld[s])
			F("nheld", "slot %u holds %u pages, count says %u", s,
			  (unsigned)nheld[s], (unsigned)mv.nheld[s]);
}

static int is_stlb_page(uint32_t ppn)
{
	uint32_t first = ((uint32_t)stlb & KSEG_PHYS_MASK) >> PAGE_SHIFT;
	return ppn >= first && ppn < first + sizeof stlb / PAGE_SIZE;
}

static int kernel_route(uint32_t r)
{
	return r == (uint32_t)trap_entry || r == (uint32_t)exc_to_user || r == (uint32_t)sys_entry ||
	       r == (uint32_t)intr_entry;
}

static void check_env(unsigned i, unsigned ns)
{
	const struct env *e = &envs[i];
	if (e->state == 0) {
		if (e->id || e->ngmap || ns)
			F("env-ids", "free slot %u: id %u, %d mappings, %u slices", i, e->id,
			  e->ngmap, ns);
		return;
	}
	if (e->state != ENV_STATE_RUNNABLE && e->state != ENV_STATE_ENDED)
		F("env-ids", "slot %u: state %u", i, e->state);
	uint32_t asid = ASID_OF(e->entryhi);
	if (e->slot != i || AEGIS_ENV_SLOT(e->id) != i || AEGIS_ENV_GEN(e->id) == 0 ||
	    e->asid != i || (e->call_id != e->id && e->call_id != 0))
		F("env-ids", "slot %u: id %u slot %u asid %u call_id %08x", i, e->id, e->slot,
		  e->asid, (unsigned)e->call_id);
	if (e->donate && !live(e->donate))
		F("donate", "slot %u donates to slot %u, which is not live", i, e->donate);
	if (ns != e->nslices)
		F("slice", "slot %u owns %u slices, nslices says %u", i, ns, e->nslices);
	if (e->state == ENV_STATE_ENDED) {
		if (e->entryhi || e->call_id != 0 || ns || mv.nheld[i])
			F("env-ended", "slot %u: entryhi %08x call_id %08x slices %u held %u", i,
			  (unsigned)e->entryhi, (unsigned)e->call_id, ns, (unsigned)mv.nheld[i]);
		return;		/* (its pages: page-owner) */
	}
	if (e->entryhi & ~ENTRYHI_ASID_MASK || (asid != i && asid != i + MAX_ENVS))
		F("env-ids", "slot %u: entryhi %08x", i, (unsigned)e->entryhi);
	if (e->ngmap < 0 || e->ngmap > MAX_GMAPS)
		F("gmap", "slot %u: %d mappings", i, e->ngmap);
	for (int k = 0; k < e->ngmap; k++) {
		const struct gmap *g = &e->gmap[k];
		if (g->vpn >= USER_LIMIT >> PAGE_SHIFT || (k && g->vpn <= e->gmap[k - 1].vpn))
			F("gmap", "slot %u: mapping %d at vpn %05x out of order or past kuseg", i, k,
			  (unsigned)g->vpn);
		if (g->device) {
			if (g->writable || (g->ppn != COUNTER_PAGE_PA >> PAGE_SHIFT && !is_stlb_page(g->ppn)))
				F("gmap", "slot %u: device mapping vpn %05x -> %05x (writable %u)", i,
				  (unsigned)g->vpn, (unsigned)g->ppn, g->writable);
			continue;
		}
		unsigned o = g->ppn < mv.npages ? mv.owner[g->ppn] : OWNER_FREE;
		int held = g->ppn < mv.npages && (mv.holders[g->ppn] >> i & 1);
		if (o != i && !(held && !g->writable))
			F("gmap", "slot %u: vpn %05x -> page %u, owned by %u, held %d, writable %u", i,
			  (unsigned)g->vpn, (unsigned)g->ppn, o, held, g->writable);
	}
	for (unsigned c = 0; c < 32; c++) {
		if (!kernel_route(e->xc.route[c]))
			F("route", "slot %u: cause %u routed to %08x", i, c, (unsigned)e->xc.route[c]);
		if (e->xc.uhandler[c] >= USER_LIMIT)
			F("route", "slot %u: cause %u handler %08x", i, c, (unsigned)e->xc.uhandler[c]);
		uint32_t s = e->xc.save[c];
		if (s && (s < KSEG0_BASE || s >= KSEG1_BASE ||
			  ((s - KSEG0_BASE) >> PAGE_SHIFT) >= mv.npages ||
			  mv.owner[(s - KSEG0_BASE) >> PAGE_SHIFT] != i))
			F("route", "slot %u: cause %u save area %08x not in a page it owns", i, c,
			  (unsigned)s);
	}
}

/* One binding, from the TLB (index i) or the STLB (i + 64). */
static void check_binding(unsigned i, uint32_t hi, uint32_t lo)
{
	const char *kind = i < 64 ? "TLB" : "STLB";
	unsigned n = i < 64 ? i : i - 64;
	unsigned slot = ASID_OF(hi) & (MAX_ENVS - 1);
	uint32_t vpn = hi >> PAGE_SHIFT, ppn = lo >> PAGE_SHIFT;
	if (lo & ELO_G)
		F("tlb-binding", "%s[%u] %08x %08x is global", kind, n, (unsigned)hi, (unsigned)lo);
	if (!live(slot))
		F("tlb-binding", "%s[%u] %08x %08x: ASID of slot %u, which is not live", kind, n,
		  (unsigned)hi, (unsigned)lo, slot);
	if (hi >= KSEG0_BASE)
		F("tlb-binding", "%s[%u] %08x %08x maps a kernel address", kind, n, (unsigned)hi,
		  (unsigned)lo);
	const struct env *e = &envs[slot];
	const struct gmap *g = gmap_find(e, vpn);
	if (g && g->ppn == ppn && (g->writable || !(lo & ELO_D)))
		return;		/* one of its guaranteed mappings */
	if (ppn < mv.npages && mv.owner[ppn] != OWNER_FREE && mv.owner[ppn] != OWNER_KERNEL &&
	    mv.capable[ppn])
		return;		/* bound with a capability (SYS_tlbwr checked it) */
	F("tlb-binding", "%s[%u] %08x %08x: page %u (owner %u, capable %u) is neither a "
	  "capability page nor slot %u's guaranteed mapping there", kind, n, (unsigned)hi,
	  (unsigned)lo, (unsigned)ppn, ppn < mv.npages ? mv.owner[ppn] : 0xffffffffu,
	  ppn < mv.npages ? mv.capable[ppn] : 0, slot);
}

static void check_tlb(void)
{
	uint32_t saved = mfc0(C0_ENTRYHI);
	for (unsigned i = 0; i < 64; i++) {
		mtc0(C0_INDEX, i << 8);
		__asm__ __volatile__("tlbr\n\tnop");
		uint32_t hi = mfc0(C0_ENTRYHI), lo = mfc0(C0_ENTRYLO);
		if (lo & ELO_V) {
			mtc0(C0_ENTRYHI, saved);
			check_binding(i, hi, lo);
		}
	}
	mtc0(C0_ENTRYHI, saved);
	for (unsigned i = 0; i < STLB_ENTRIES; i++) {
		uint32_t hi = stlb[i].hi;
		if (hi == STLB_INVALID)
			continue;
		if (stlb_index(hi) != i)
			F("tlb-binding", "STLB[%u] %08x is in slot %u's place", i, (unsigned)hi,
			  stlb_index(hi));
		if (stlb[i].lo & ELO_V)
			check_binding(64 + i, hi, stlb[i].lo);
	}
}

static void check_filters(void)
{
	for (int id = 0; id < DPF_MAX_FILTERS; id++) {
		unsigned slot;
		if (net_inv_filter(id, &slot, 0) && !live(slot))
			F("filter", "filter %d owned by slot %u, which is not live", id, slot);
	}
}

static void check_disks(void)
{
	for (unsigned n = 0; n < AEGIS_DISK_MAX; n++) {
		uint32_t nblocks;
		struct disk_table *t = disk_inv_table(n, &nblocks);
		if (t && !disk_table_valid(t, nblocks))
			F("disk", "disk %u: its ownership table fails its checks (%u extents)", n,
			  (unsigned)t->nextents);
	}
}

/* invbreak=K: one deliberate corruption (tools/inv-test names each). */
static void corrupt(int k)
{
	unsigned dead = 0, alive = 0;
	for (unsigned i = MAX_ENVS - 1; i > 0; i--) {
		if (!envs[i].state)
			dead = i;
		if (envs[i].state == ENV_STATE_RUNNABLE)
			alive = i;
	}
	uint32_t fp = 0;
	for (uint32_t p = mv.npages - 1; p > 0 && !fp; p--)
		if (mv.owner[p] == OWNER_FREE)
			fp = p;
	struct env *e = &envs[alive];
	kprintf("invbreak=%d: corrupting (live slot %u, free slot %u, free page %u)\n", k, alive,
		dead, (unsigned)fp);
	if (!alive || !dead || !fp)
		return;
	switch (k) {
	case 1: mv.owner[fp] = (uint16_t)dead; (*mv.nfree)--; break;		/* page-owner */
	case 2: mv.pinned[fp] = 1; break;					/* free-page */
	case 3: for (uint32_t p = 0; p < mv.npages; p++)			/* page-holders */
			if (mv.owner[p] == alive) { mv.holders[p] |= 1u << dead; mv.nheld[dead]++; break; }
		break;
	case 4: (*mv.nfree)++; break;						/* nfree */
	case 5: mv.nheld[alive]++; break;					/* nheld */
	case 6: e->asid ^= 1; break;						/* env-ids */
	case 7: for (int g = 0; g < e->ngmap; g++)				/* gmap */
			if (!e->gmap[g].device) { e->gmap[g].ppn = fp; break; }
		break;
	case 8: e->xc.route[EXC_OV] = USER_TEXT_BASE; break;			/* route */
	case 9: {								/* tlb-binding (STLB) */
		uint32_t hi = 0x12345000u | alive << ENTRYHI_ASID_SHIFT;
		stlb[stlb_index(hi)].hi = hi;
		stlb[stlb_index(hi)].lo = fp << PAGE_SHIFT | ELO_V | ELO_D;
		break;
	}
	case 10: sched_inv_slices()[NSLICES - 1] = (uint8_t)dead; break;	/* slice */
	case 11: { unsigned s; net_inv_filter(DPF_MAX_FILTERS - 1, &s, dead); break; } /* filter */
	case 12: {								/* disk */
		uint32_t nb;
		struct disk_table *t = disk_inv_table(0, &nb);
		if (t)
			t->checksum ^= 1;
		break;
	}
	case 13: e->donate = dead; break;					/* donate */
	case 14: tlb_insert(0x23456000u | alive << ENTRYHI_ASID_SHIFT,		/* tlb-binding (TLB) */
			    fp << PAGE_SHIFT | ELO_V); break;
	case 15: e->xc.save[EXC_OV] = KSEG0(fp << PAGE_SHIFT); break;		/* route (save) */
	case 16: {								/* env-ended */
		struct env *d = &envs[dead];
		d->state = ENV_STATE_ENDED;
		d->slot = d->asid = dead;
		d->id = AEGIS_ENV_ID(1, dead);
		d->call_id = 0;
		d->entryhi = dead << ENTRYHI_ASID_SHIFT;
		break;
	}
	case 17: envs[dead].id = AEGIS_ENV_ID(1, dead); break;			/* env-ids (free slot) */
	case 18: mv.marked[fp] = 1; break;					/* env-image */
	default: break;
	}
}

void inv_check(const char *where)
{
	if (brk < 0) {
		const char *v = boot_arg_value("invbreak=");
		brk = 0;
		while (v && *v >= '0' && *v <= '9')
			brk = brk * 10 + (*v++ - '0');
		mem_inv_view(&mv);
	}
	where_now = where;
	nchecks++;
	if (brk && nchecks == INV_BREAK_AT)
		corrupt(brk);
	check_pages();
	const uint8_t *slices = sched_inv_slices();
	unsigned ns[256] = { 0 };
	for (unsigned p = 0; p < NSLICES; p++) {
		if (slices[p] && !live(slices[p]))
			F("slice", "slice %u owned by slot %u, which is not live", p, slices[p]);
		ns[slices[p]]++;
	}
	unsigned nrun = 0;
	for (unsigned i = 1; i < MAX_ENVS; i++) {
		check_env(i, ns[i]);
		nrun += envs[i].state == ENV_STATE_RUNNABLE;
	}
	/* sysentry.S's yield returns at once when it is 1 (env.h). */
	if (nrun != env_nrunnable)
		F("env-ids", "%u environments runnable, env_nrunnable says %u", nrun, env_nrunnable);
	check_tlb();
	check_filters();
	check_disks();
}

uint32_t inv_sysnum;
static int plant = -1;

/* invplant=N plants a bug for the fuzzer's shrinker to find (tools/
   sysfuzz --plant): at the N-th successful SYS_setcap the kernel
   miscounts the caller's slices (a bookkeeping slip). Only one kind of
   call trips it, and only the hostiles make it, so the shortest call
   sequence that repeats the failure is that one call. */
void inv_after_syscall(int32_t result)
{
	if (plant < 0) {
		const char *v = boot_arg_value("invplant=");
		plant = 0;
		while (v && *v >= '0' && *v <= '9')
			plant = plant * 10 + (*v++ - '0');
	}
	if (plant && inv_sysnum == SYS_setcap && result >= 0 && curenv && --plant == 0) {
		kprintf("invplant: setcap miscounts slices (slot %u)\n", curenv->slot);
		curenv->nslices++;
	}
	inv_check("a system call");
}
