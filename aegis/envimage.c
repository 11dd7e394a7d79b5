/*
 * envimage.c - SYS_env_create and SYS_page_drop: an environment made
 * from pages the caller already owns or holds, as a new child or in
 * place of the caller (exec). Aegis knows nothing of ELF files on disks
 * or of UNIX processes: the library OS builds the image in its own
 * memory and names the pages; Aegis checks every entry before changing
 * anything (the exokernel's secure binding: SOSP'95 §3, §5.3), then
 * moves or shares them and records the mapped ones as guaranteed
 * mappings. Shared pages are held: a page is freed when its last
 * holder lets go (mem.c).
 */
#include "env.h"
#include "kernel.h"
#include "mem.h"
#include "mips.h"
#include "revoke.h"
#include "sched.h"
#include "tlb.h"
#include "net/net.h"
#include <aegis/syscall.h>

int env_maps_ppn(const struct env *e, uint32_t ppn)
{
	for (int i = 0; i < e->ngmap; i++)
		if (e->gmap[i].ppn == ppn && !e->gmap[i].device)
			return 1;
	return 0;
}

/* Remove every guaranteed mapping of ppn from e (its owner freed it). */
static void gmap_remove_ppn(struct env *e, uint32_t ppn)
{
	int k = 0;
	for (int i = 0; i < e->ngmap; i++)
		if (e->gmap[i].device || e->gmap[i].ppn != ppn)
			e->gmap[k++] = e->gmap[i];
	if (k == e->ngmap)
		return;
	e->ngmap = k;
	/* The runs again (a removal can split one). */
	e->nrun = 0;
	for (int i = 0; i < e->ngmap; i++) {
		uint32_t v = e->gmap[i].vpn;
		if (e->nrun && e->nrun <= MAX_GRUNS && e->grun[e->nrun - 1].hi + 1 == v)
			e->grun[e->nrun - 1].hi = v;
		else if (++e->nrun <= MAX_GRUNS)
			e->grun[e->nrun - 1].lo = e->grun[e->nrun - 1].hi = v;
	}
	tlb_flush_asid(e->asid);
	tlb_flush_asid(e->asid + MAX_ENVS);
}

/* mem.c: a page others held was freed (its owner's SYS_dealloc). Their
   mappings of it are read-only (shared pages are never mapped writable),
   so no save area or ring of theirs is in it: dropping the mappings is
   all there is to do. */
void env_page_freed(uint32_t ppn, uint32_t holders)
{
	for (unsigned s = 1; s < MAX_ENVS; s++)
		if ((holders >> s & 1) && envs[s].state == ENV_STATE_RUNNABLE)
			gmap_remove_ppn(&envs[s], ppn);
}

int32_t sys_page_drop(uint32_t ppn, uint32_t a1, uint32_t a2, uint32_t a3)
{
	(void)a1, (void)a2, (void)a3;
	struct env *e = curenv;
	if (!page_holds(e->slot, ppn))
		return -AEGIS_EPERM;
	if (env_maps_ppn(e, ppn))
		return -AEGIS_EBUSY;
	page_let_go(ppn, e->slot);
	return 0;
}

/* An entry of the image, from the caller's memory. */
static int entry_at(const struct env *e, const struct aegis_env_image *img, unsigned i,
		    struct aegis_env_page *out)
{
	return copyin(e, out, (uint32_t)img->pages + i * sizeof *out, sizeof *out);
}

#define PG_KNOWN (AEGIS_PG_MAP | AEGIS_PG_WRITE | AEGIS_PG_SHARE | AEGIS_PG_SELF)

/* Check one entry, and find the page it names (*ppn). */
static int check_entry(const struct env *e, const struct aegis_env_page *pg, int child,
		       uint32_t *ppn)
{
	unsigned f = pg->flags;
	if ((f & ~PG_KNOWN) || ((f & AEGIS_PG_WRITE) && (!(f & AEGIS_PG_MAP) || (f & AEGIS_PG_SHARE))))
		return -AEGIS_EINVAL;
	if ((f & AEGIS_PG_MAP) && (pg->vpn >= USER_LIMIT >> PAGE_SHIFT ||
				   pg->vpn == USER_COUNTER_VA >> PAGE_SHIFT))
		return -AEGIS_EINVAL;
	if (f & AEGIS_PG_SELF) {
		const struct gmap *g = gmap_find(e, pg->ppn);
		if (!g || g->device || ((f & AEGIS_PG_WRITE) && !g->writable))
			return -AEGIS_EPERM;
		*ppn = g->ppn;
	} else {
		*ppn = pg->ppn;
		if (!page_cap_allows(*ppn, pg->cap, (f & AEGIS_PG_WRITE) != 0))
			return -AEGIS_EPERM;
	}
	if (f & AEGIS_PG_SHARE) {
		if (!page_holds(e->slot, *ppn))
			return -AEGIS_EPERM;
	} else {
		if (page_owner(*ppn) != (int)e->slot)
			return -AEGIS_EPERM;
		/* Aegis may write through the caller's own mappings (save
		   areas, rings): they stay its own until it ends or execs. */
		if (child && env_maps_ppn(e, *ppn))
			return -AEGIS_EBUSY;
	}
	if (page_marked(*ppn))
		return -AEGIS_EINVAL;	/* named twice */
	return 0;
}

/* Is va's page one of the n mapped vpns (writable, if asked)? */
static int va_mapped(const uint32_t *vpn, const uint8_t *w, int n, uint32_t va, int write)
{
	for (int i = 0; i < n; i++)
		if (vpn[i] == va >> PAGE_SHIFT)
			return !write || w[i];
	return 0;
}

/* The checked entries, kept by the kernel: for REPLACE the caller's
   memory that held them is gone before they are applied. Invariants:
   they live only within one SYS_env_create (no page stays marked after
   it: page_mark is cleared on every way out), each names a page the
   caller owns (a move) or holds (a share), no page twice, no vpn twice;
   what they leave is checked as any environment is (aegis/invariants.c:
   gmap, page-owner, page-holders: a shared page is held, never writable). */
static uint32_t img_ppn[AEGIS_IMG_MAX];	/* the page each entry names */
static uint32_t img_vpn[AEGIS_IMG_MAX];
static uint8_t img_flags[AEGIS_IMG_MAX];
static uint32_t map_vpn[MAX_GMAPS];
static uint8_t map_w[MAX_GMAPS];

/* Every check, before anything changes; the pages named are left marked
   (page_mark) on success, unmarked on failure. */
static int check_image(const struct env *e, const struct aegis_env_image *img, int child,
		       int *nmap)
{
	int r = 0, n = 0;
	unsigned i;
	if (img->npages == 0 || img->npages > AEGIS_IMG_MAX)
		return -AEGIS_EINVAL;
	for (i = 0; i < img->npages && !r; i++) {
		struct aegis_env_page pg;
		uint32_t ppn;
		if (entry_at(e, img, i, &pg) != 0) {
			r = -AEGIS_EFAULT;
			break;
		}
		if ((r = check_entry(e, &pg, child, &ppn)) != 0)
			break;
		page_mark(ppn, 1);
		img_ppn[i] = ppn;
		img_vpn[i] = pg.vpn;
		img_flags[i] = (uint8_t)pg.flags;
		if (!(pg.flags & AEGIS_PG_MAP))
			continue;
		if (n == MAX_GMAPS) {
			r = -AEGIS_EINVAL;	/* more than an environment maps */
			continue;	/* (i++: this entry is unmarked below) */
		}
		for (int k = 0; k < n; k++)
			if (map_vpn[k] == pg.vpn)
				r = -AEGIS_EINVAL;	/* one vpn twice */
		map_vpn[n] = pg.vpn;
		map_w[n++] = (pg.flags & AEGIS_PG_WRITE) != 0;
	}
	if (!r && ((img->pc & 3) || !va_mapped(map_vpn, map_w, n, img->pc, 0)))
		r = -AEGIS_EINVAL;
	if (!r && ((img->sp & 7) || img->sp < 4 || !va_mapped(map_vpn, map_w, n, img->sp - 4, 1)))
		r = -AEGIS_EINVAL;
	if (!r && child && (!env_free_slot() || !slice_any_free()))
		r = -AEGIS_ENOMEM;
	if (r) {
		for (unsigned k = 0; k < i; k++)
			page_mark(img_ppn[k], 0);	/* what this call marked */
		return r;
	}
	*nmap = n;
	return 0;
}

/* Apply the checked entries to t (the new environment, or the caller
   itself for REPLACE: its pages then stay where they are). */
static void apply_pages(struct env *e, struct env *t, unsigned n)
{
	page_flush_begin();
	for (unsigned i = 0; i < n; i++) {
		uint32_t ppn = img_ppn[i];
		if (t != e) {
			page_mark(ppn, 0);
			if (img_flags[i] & AEGIS_PG_SHARE) {
				page_hold(ppn, t->slot);
			} else {
				page_give(ppn, t->slot);
				page_flush_later(ppn);	/* the caller's bindings break */
			}
		}
		if (img_flags[i] & AEGIS_PG_MAP) {
			struct gmap *g = gmap_insert(t, img_vpn[i]);
			g->ppn = ppn;
			g->writable = (img_flags[i] & AEGIS_PG_WRITE) != 0;
			page_pin(ppn);
			/* A moved read-only page is a program's text the
			   library wrote through the D-cache: the I-cache may
			   hold the page's earlier contents. (A shared page's
			   code is the caller's own, unchanged; a writable page
			   the program must flush itself before running it.) */
			if (!(img_flags[i] & (AEGIS_PG_SHARE | AEGIS_PG_WRITE)))
				icache_inval(KSEG0(ppn << PAGE_SHIFT), PAGE_SIZE);
		}
	}
	page_flush_end();
}

/* The registers and name of a new image. */
static void start_regs(struct env *t, const struct aegis_env_image *img)
{
	kmemset(&t->tf, 0, sizeof t->tf);
	t->tf.epc = img->pc;
	t->tf.sp = img->sp;
	t->tf.a0 = img->a[0];
	t->tf.a1 = img->a[1];
	t->tf.a2 = img->a[2];
	t->tf.a3 = img->a[3];
	t->sync_pc = t->async_pc = img->pc;
	t->ctx = CTX_FRAME;
	t->status = env_user_status();
	t->tf.status = t->status;
	kmemcpy(t->name, img->name, sizeof t->name);
	t->name[sizeof t->name - 1] = 0;
}

int32_t sys_env_create(uint32_t img_va, uint32_t flags, uint32_t a2, uint32_t a3)
{
	(void)a2, (void)a3;
	struct env *e = curenv;
	struct aegis_env_image img;
	int nmap;
	if (flags != AEGIS_ENV_CHILD && flags != AEGIS_ENV_REPLACE)
		return -AEGIS_EINVAL;
	if (copyin(e, &img, img_va, sizeof img) != 0)
		return -AEGIS_EFAULT;
	int child = flags == AEGIS_ENV_CHILD;
	int r = check_image(e, &img, child, &nmap);
	if (r)
		return r;

	if (child) {
		struct env *c = env_free_slot();
		env_new_id(c);
		apply_pages(e, c, img.npages);
		start_regs(c, &img);
		c->parent = e->id;
		c->state = ENV_STATE_RUNNABLE;
		env_nrunnable++;
		slice_alloc(c, -1);	/* checked free above */
		env_update_fast(c);
		c->call_id = c->id;
		return (int32_t)c->id;
	}

	/* REPLACE: keep the marked pages, let go of the rest, and start
	   over as at creation (id, parent, children, slices, checks and
	   clock accounting stay). */
	page_release_unmarked(e->slot);
	tlb_flush_asid(e->asid);
	tlb_flush_asid(e->asid + MAX_ENVS);
	revoke_forget(e);
	net_env_end(e);
	env_reset_contexts(e);
	e->slice_start_pc = e->slice_end_pc = 0;
	e->isave = 0;
	e->in_end_upcall = 0;
	e->revoke_pc = e->repo_va = 0;
	e->repo_n = 0;
	e->donate = 0;
	e->ngmap = 0;
	e->nrun = 0;
	apply_pages(e, e, img.npages);
	start_regs(e, &img);
	env_update_fast(e);
	env_resume(e, 0);
}
