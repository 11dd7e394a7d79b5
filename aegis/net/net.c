/*
 * net/net.c - the network's system calls and its receive path: packet
 * filters as secure bindings (SOSP'95 §3.1: "downloading code" — DPF
 * decides which environment owns a frame, dpf.c), each environment's
 * receive ring in its own pages, transmit from its own pages, and the
 * handlers (ASHs, ash.c) Aegis runs when a frame arrives. Aegis knows
 * no protocol: a filter is atoms over bytes, a frame is bytes.
 *
 * Ownership is by environment slot: an environment's filters, handlers
 * and ring are removed when it ends (net_env_end), before its slot can be
 * reused. Everything here runs with interrupts off.
 */
#include "net.h"
#include "dpf.h"
#include "ash.h"
#include "lance.h"
#include "../env.h"
#include "../kernel.h"
#include "../mem.h"
#include "mips.h"
#include <aegis/net.h>
#include <aegis/syscall.h>

#pragma GCC diagnostic ignored "-Wunused-parameter"

/* Who owns each filter (indexed by DPF's filter id). Invariant [filter]
   (aegis/invariants.c): a filter in use belongs to a live environment
   (net_env_end removes an ending one's). */
static struct {
	uint8_t used;
	uint8_t shared;		/* DPF_SHARED: others may overlap it */
	uint8_t slot;		/* its owner's environment slot */
} filters[DPF_MAX_FILTERS];

/* Each environment's receive ring and notification. */
#define RING_KPAGES	16	/* 64 KB: ExOS's ring is 32 slots of 1524 bytes */
static struct netenv {
	uint32_t ring;		/* user address of its aegis_rx_ring; 0: none */
	uint32_t nslots, slot_size;
	uint32_t next;		/* the slot Aegis fills next */
	uint32_t next_off;	/* its offset in the ring: next * slot_size (no multiply a frame) */
	uint32_t upcall_pc;	/* 0: it polls */
	volatile uint32_t *count[AEGIS_RX_HDR / 4];	/* the header's words, in kseg0 */
	/* The kseg0 addresses of the ring's first RING_KPAGES pages (from
	   the page holding ring): found once, as count[] is, so that a
	   frame's delivery translates nothing (three env_translate calls,
	   390 cycles, of every frame: issue 21). Past them, ring_put
	   translates as before. */
	uint32_t kpage[RING_KPAGES];
	uint32_t kpages;
	uint8_t armed;		/* an upcall may be made (cleared by one) */
	uint8_t pending;	/* frames arrived since the last upcall */
	unsigned nfilters;
	unsigned delivered, dropped, ash_aborts;	/* Aegis's own counts */
} netenvs[MAX_ENVS];

static unsigned rx_unclaimed;

static volatile uint32_t *kptr(const struct env *e, uint32_t va);	/* below */

static int owner_of(int id, unsigned slot)
{
	return id >= 0 && id < DPF_MAX_FILTERS && filters[id].used && filters[id].slot == slot;
}

int32_t sys_dpf_insert(uint32_t atoms_va, uint32_t n, uint32_t flags, uint32_t a3)
{
	struct env *e = curenv;
	struct dpf_atom atoms[DPF_MAX_ATOMS];
	if (n == 0 || (flags & ~DPF_SHARED))
		return -AEGIS_EINVAL;
	if (n > DPF_MAX_ATOMS)
		return -AEGIS_ELIMIT;
	if (copyin(e, atoms, atoms_va, n * sizeof atoms[0]) != 0)
		return -AEGIS_EFAULT;
	int r = dpf_check(atoms, n);
	if (r < 0)
		return r;
	if (netenvs[e->slot].nfilters >= DPF_MAX_PER_ENV)
		return -AEGIS_ELIMIT;
	/* The secure binding: no frame another environment's filter takes
	   may be taken from it, unless that filter was shared. */
	for (int i = 0; i < DPF_MAX_FILTERS; i++) {
		if (!filters[i].used || filters[i].slot == e->slot || filters[i].shared)
			continue;
		unsigned m;
		const struct dpf_atom *b = dpf_atoms(i, &m);
		if (b && dpf_overlap(atoms, n, b, m))
			return -AEGIS_EBUSY;
	}
	int id = dpf_insert(atoms, n);
	if (id < 0)
		return id;
	lance_up();	/* frames may come for it now */
	filters[id].used = 1;
	filters[id].shared = (flags & DPF_SHARED) != 0;
	filters[id].slot = (uint8_t)e->slot;
	netenvs[e->slot].nfilters++;
	return id;
}

static void filter_remove(int id)
{
	ash_unload(id);
	dpf_remove(id);
	netenvs[filters[id].slot].nfilters--;
	filters[id].used = 0;
}

int32_t sys_dpf_remove(uint32_t id, uint32_t a1, uint32_t a2, uint32_t a3)
{
	if (!owner_of((int)id, curenv->slot))
		return -AEGIS_EINVAL;
	filter_remove((int)id);
	return 0;
}

/* The ring must stay writable by Aegis for as long as it is registered:
   in pages of the program (guaranteed mappings, never freed while it
   lives). */
int32_t sys_net_ring(uint32_t va, uint32_t nslots, uint32_t slot_size, uint32_t upcall_pc)
{
	struct env *e = curenv;
	struct netenv *ne = &netenvs[e->slot];
	if (va == 0) {
		ne->ring = 0;
		ne->upcall_pc = 0;
		ne->pending = 0;
		return 0;
	}
	if (nslots == 0 && slot_size == 0 && upcall_pc == 0) {
		/* Re-arm the upcall (its handler has emptied the ring). */
		if (va != ne->ring || !ne->upcall_pc)
			return -AEGIS_EINVAL;
		ne->armed = 1;
		env_update_fast(e);
		return 0;
	}
	if (nslots == 0 || nslots > AEGIS_RX_MAX_SLOTS || (slot_size & 3) ||
	    slot_size < AEGIS_RX_FRAME + 60 || slot_size > PAGE_SIZE)
		return -AEGIS_EINVAL;
	if (upcall_pc >= KSEG0_BASE || (upcall_pc & 3))
		return -AEGIS_EFAULT;
	if (upcall_pc && !e->isave)
		return -AEGIS_EINVAL;	/* the upcall needs its save area */
	uint32_t size = AEGIS_RX_HDR + nslots * slot_size;	/* < 4 MB + 16 */
	if ((va & 3) || va + size < va)
		return -AEGIS_EFAULT;
	for (uint32_t a = va; a - va < size; a = (a | (PAGE_SIZE - 1)) + 1)
		if (!env_translate(e, a, 1))
			return -AEGIS_EFAULT;
	if (!env_translate(e, va + size - 1, 1))
		return -AEGIS_EFAULT;
	/* A fresh ring: counts from 0, every slot Aegis's. */
	uint32_t zero[AEGIS_RX_HDR / 4] = { 0 };
	copyout(e, va, zero, sizeof zero);
	for (uint32_t k = 0; k < nslots; k++)
		copyout(e, va + AEGIS_RX_HDR + k * slot_size, zero, 4);
	/* Its program's pages stay where they are while it lives: the
	   header's words are found once. */
	for (unsigned w = 0; w < AEGIS_RX_HDR / 4; w++)
		ne->count[w] = kptr(e, va + 4 * w);
	ne->kpages = 0;
	for (uint32_t a = va & ~(PAGE_SIZE - 1); a < va + size && ne->kpages < RING_KPAGES; a += PAGE_SIZE)
		ne->kpage[ne->kpages++] = KSEG0(env_translate(e, a < va ? va : a, 1) & ~(PAGE_SIZE - 1));
	lance_up();
	ne->ring = va;
	ne->nslots = nslots;
	ne->slot_size = slot_size;
	ne->next = 0;
	ne->next_off = 0;
	ne->upcall_pc = upcall_pc;
	ne->armed = 1;
	ne->pending = 0;
	ne->delivered = ne->dropped = ne->ash_aborts = 0;
	return 0;
}

int32_t sys_net_send(uint32_t va, uint32_t len, uint32_t a2, uint32_t a3)
{
	if (!lance_present())
		return -AEGIS_ENOSYS;
	if (len < AEGIS_NET_MIN_FRAME || len > AEGIS_NET_MTU_FRAME)
		return -AEGIS_EINVAL;
	/* From the caller's own pages only; the boards' LANCEs fetch only
	   from their own buffer memory, so the frame is copied there,
	   straight from the caller's one or two pages (one copy, not two
	   through a kernel buffer: 800 cycles of a small frame's send,
	   issue 21). */
	uint32_t pa = env_translate(curenv, va, 0);
	uint32_t head = PAGE_SIZE - (va & (PAGE_SIZE - 1));	/* bytes in va's page */
	if (!pa)
		return -AEGIS_EFAULT;
	if (head >= len)
		return lance_send((const void *)KSEG0(pa), len);
	uint32_t pa2 = env_translate(curenv, va + head, 0);	/* (len <= 1514: two pages) */
	if (!pa2)
		return -AEGIS_EFAULT;
	return lance_send2((const void *)KSEG0(pa), head, (const void *)KSEG0(pa2), len - head);
}

int net_send_kernel(const void *frame, unsigned len)
{
	if (!lance_present())
		return -AEGIS_ENOSYS;
	if (len < AEGIS_NET_MIN_FRAME || len > AEGIS_NET_MTU_FRAME)
		return -AEGIS_EINVAL;
	return lance_send(frame, len);
}

int32_t sys_net_info(uint32_t out_va, uint32_t a1, uint32_t a2, uint32_t a3)
{
	struct aegis_netinfo info;
	kmemset(&info, 0, sizeof info);
	if (lance_present())
		lance_stats(&info);
	info.rx_unclaimed = rx_unclaimed;
	if (copyout(curenv, out_va, &info, sizeof info) != 0)
		return -AEGIS_EFAULT;
	return 0;
}

int32_t sys_ash_download(uint32_t id, uint32_t desc_va, uint32_t a2, uint32_t a3)
{
	static uint32_t code[AEGIS_ASH_MAX_WORDS];
	struct env *e = curenv;
	struct aegis_ash d;
	char why[AEGIS_ASH_WHY_LEN];
	if (copyin(e, &d, desc_va, sizeof d) != 0)
		return -AEGIS_EFAULT;
	if (d.why && (!env_translate(e, (uint32_t)d.why, 1) ||
		      !env_translate(e, (uint32_t)d.why + AEGIS_ASH_WHY_LEN - 1, 1)))
		return -AEGIS_EFAULT;
	if (!owner_of((int)id, e->slot))
		return -AEGIS_EINVAL;
	if (d.nwords == 0) {
		ash_unload((int)id);
		return 0;
	}
	if (d.nwords > AEGIS_ASH_MAX_WORDS)
		return -AEGIS_ELIMIT;
	if (copyin(e, code, (uint32_t)d.code, d.nwords * 4) != 0)
		return -AEGIS_EFAULT;
	kmemset(why, 0, sizeof why);
	int r = ash_load((int)id, code, d.nwords, d.arg, why);
	if (r < 0 && d.why) {
		why[AEGIS_ASH_WHY_LEN - 1] = 0;
		copyout(e, (uint32_t)d.why, why, AEGIS_ASH_WHY_LEN);
	}
	return r;
}

/* The kernel address of a word of e's own writable pages (its
   program's), or NULL. */
static volatile uint32_t *kptr(const struct env *e, uint32_t va)
{
	uint32_t pa = env_translate(e, va, 1);
	return pa ? (volatile uint32_t *)KSEG0(pa) : NULL;
}

/* Count into the owner's ring header (a word of its own memory: if it
   scribbled there, it only confuses itself). */
static void ring_count(struct netenv *ne, unsigned word, unsigned value)
{
	if (ne->ring)
		*ne->count[word] = value;
}

/* Copy a frame between kernel addresses alike modulo 4 (a frame 2 past
   a word into a slot's frame, 2 past a word): by words between a
   2-byte head and a tail. */
static void copy_frame(uint8_t *d, const uint8_t *s, unsigned n)
{
	if ((((uintptr_t)d ^ (uintptr_t)s) & 3) || n < 4) {
		kmemcpy(d, s, n);
		return;
	}
	if ((uintptr_t)d & 1) {
		*d++ = *s++;
		n--;
	}
	if ((uintptr_t)d & 2) {		/* (the usual: a frame 2 past a word) */
		*(uint16_t *)d = *(const uint16_t *)s;
		d += 2, s += 2, n -= 2;
	}
	uint32_t *dw = (uint32_t *)d;
	const uint32_t *sw = (const uint32_t *)s;
	for (; n >= 16; n -= 16, dw += 4, sw += 4) {	/* (a quarter of the loop's count) */
		uint32_t a = sw[0], b = sw[1], c = sw[2], e = sw[3];
		dw[0] = a, dw[1] = b, dw[2] = c, dw[3] = e;
	}
	for (; n >= 4; n -= 4)
		*dw++ = *sw++;
	d = (uint8_t *)dw;
	s = (const uint8_t *)sw;
	if (n & 2) {
		*(uint16_t *)d = *(const uint16_t *)s;
		d += 2, s += 2;
	}
	if (n & 1)
		*d = *s;
}

/* The kseg0 address of ring address va (in the ring), or 0 past the
   pages net_ring found. */
static uint32_t ring_k(const struct netenv *ne, uint32_t va)
{
	uint32_t i = (va >> PAGE_SHIFT) - (ne->ring >> PAGE_SHIFT);
	return i < ne->kpages ? ne->kpage[i] | (va & (PAGE_SIZE - 1)) : 0;
}

/* Put a frame in e's ring: 0, or -1 if it was dropped. */
static int ring_put(struct env *e, struct netenv *ne, int id, const uint8_t *frame, unsigned len)
{
	if (!ne->ring || len > ne->slot_size - AEGIS_RX_FRAME)
		return -1;
	uint32_t slot = ne->ring + AEGIS_RX_HDR + ne->next_off;
	uint32_t ks = ring_k(ne, slot), kf = ring_k(ne, slot + 4);
	volatile uint32_t *lenw = ks ? (volatile uint32_t *)ks : kptr(e, slot);
	volatile uint32_t *filt = kf ? (volatile uint32_t *)kf : kptr(e, slot + 4);
	if (!lenw || !filt || *lenw)
		return -1;
	uint32_t data = slot + AEGIS_RX_FRAME;
	uint32_t head = PAGE_SIZE - (data & (PAGE_SIZE - 1));	/* bytes to its page's end */
	uint32_t k0 = ring_k(ne, data), k1 = head < len ? ring_k(ne, data + head) : 0;
	if (head >= len && k0) {
		copy_frame((uint8_t *)k0, frame, len);
	} else if (k0 && k1) {
		copy_frame((uint8_t *)k0, frame, head);
		copy_frame((uint8_t *)k1, frame + head, len - head);
	} else if (head >= len) {
		uint32_t pa = env_translate(e, data, 1);
		if (!pa)
			return -1;
		copy_frame((uint8_t *)KSEG0(pa), frame, len);
	} else if (copyout(e, data, frame, len) != 0) {
		return -1;
	}
	*filt = (uint32_t)id;
	*lenw = len;	/* last: the slot is now the owner's */
	if (ne->next + 1 == ne->nslots) {
		ne->next = 0;
		ne->next_off = 0;
	} else {
		ne->next++;
		ne->next_off += ne->slot_size;
	}
	return 0;
}

/* A handler sees the frame's whole page (ash.h): bytes past this
   frame's end may be another's frame (or the FCS: the driver's copy runs
   up to LANCE_RX_OVERRUN bytes past each). They are cleared before a
   handler runs, as far as any frame may have written: rx_dirty, from the
   page's start. The bytes before the frame no copy writes: they are
   cleared once. */
static unsigned rx_dirty = PAGE_SIZE;	/* at first: unknown, the whole page */
static int rx_head_clear;

static void hide_rest(const uint8_t *frame, unsigned len)
{
	uint8_t *page = (uint8_t *)((uintptr_t)frame & ~(uintptr_t)(PAGE_SIZE - 1));
	unsigned end = (unsigned)(frame - page) + len;
	if (rx_dirty > end) {
		if (rx_dirty - end <= LANCE_RX_OVERRUN)	/* the usual: a frame no shorter */
			for (unsigned k = end; k < rx_dirty; k++)
				page[k] = 0;
		else
			kmemset(page + end, 0, rx_dirty - end);
	}
	if (!rx_head_clear) {
		kmemset(page, 0, (unsigned)(frame - page));
		rx_head_clear = 1;
	}
	rx_dirty = end;
}

void net_input(const uint8_t *frame, unsigned len)
{
	/* What the driver may have written for this frame. */
	uintptr_t off = ((uintptr_t)frame & (PAGE_SIZE - 1)) + len + LANCE_RX_OVERRUN;
	if (off > rx_dirty)
		rx_dirty = off > PAGE_SIZE ? PAGE_SIZE : (unsigned)off;
	int id = dpf_classify(frame, len);
	if (id < 0 || !filters[id].used) {
		rx_unclaimed++;
		return;
	}
	struct env *e = env_at(filters[id].slot);
	if (!e) {
		rx_unclaimed++;
		return;
	}
	struct netenv *ne = &netenvs[e->slot];
	if (ash_bound(id)) {
		hide_rest(frame, len);
		unsigned why = 0;
		int r = ash_run(id, e, frame, len, &why);
		if (r == 0)
			return;		/* the handler consumed it */
		if (r < 0) {
			/* Stopped: the frame still reaches the ring, so nothing
			   is lost without a word; the owner sees the count. */
			ne->ash_aborts++;
			ring_count(ne, 2, ne->ash_aborts);
			ring_count(ne, 3, why);
		}
	}
	if (ring_put(e, ne, id, frame, len) != 0) {
		ne->dropped++;
		ring_count(ne, 1, ne->dropped);
		return;
	}
	ne->delivered++;
	ring_count(ne, 0, ne->delivered);
	if (ne->upcall_pc && !ne->pending) {
		ne->pending = 1;
		env_update_fast(e);
	}
}

int net_upcall_due(const struct env *e)
{
	const struct netenv *ne = &netenvs[e->slot];
	return ne->pending && ne->armed && ne->upcall_pc;
}

void net_deliver(struct env *e, struct trapframe *tf)
{
	struct netenv *ne = &netenvs[e->slot];
	if (!net_upcall_due(e) || !e->isave)
		return;
	ne->pending = 0;
	ne->armed = 0;
	env_update_fast(e);
	env_upcall(tf, e->isave + UPCALL_SAVE_NET, ne->upcall_pc, ne->delivered, 0);
}

void net_env_end(struct env *e)
{
	for (int i = 0; i < DPF_MAX_FILTERS; i++)
		if (filters[i].used && filters[i].slot == e->slot)
			filter_remove(i);
	kmemset(&netenvs[e->slot], 0, sizeof netenvs[0]);
}

#ifdef AEGIS_DEBUG_INVARIANTS
/* Filter id's owner slot for the invariant checker (aegis/invariants.c):
   1 and *slot if the filter is in use, else 0. poison != 0: mark it used
   by slot poison (its deliberate corruption, invbreak=). */
int net_inv_filter(int id, unsigned *slot, unsigned poison)
{
	if (id < 0 || id >= DPF_MAX_FILTERS)
		return 0;
	if (poison) {
		filters[id].used = 1;
		filters[id].slot = (uint8_t)poison;
	}
	*slot = filters[id].slot;
	return filters[id].used;
}
#endif
