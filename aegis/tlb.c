/*
 * tlb.c - TLB and STLB bookkeeping in C (the hit path is stlb.S). The
 * STLB index mixes the ASID into the virtual page number, as the
 * 18-instruction refill computes it (<aegis/stlb.h>).
 */
#include "exc.h"
#include "kernel.h"
#include "mem.h"
#include "mips.h"
#include "tlb.h"

/* Page-aligned so that SYS_map_stlb can map it whole. */
struct stlb_entry stlb[STLB_ENTRIES] __attribute__((aligned(4096)));
void (*volatile stlb_miss_route)(void) = trap_entry;

static struct stlb_entry *stlb_slot(uint32_t hi)
{
	return &stlb[stlb_index(hi)];
}

void tlb_init(void)
{
	for (unsigned i = 0; i < STLB_ENTRIES; i++)
		stlb[i].hi = STLB_INVALID;
	/* Every TLB entry invalid, each at its own kseg0 VPN (never looked
	   up: kseg0 is unmapped), so no two entries can ever match. */
	uint32_t saved = mfc0(C0_ENTRYHI);
	for (unsigned i = 0; i < 64; i++) {
		mtc0(C0_INDEX, i << 8);
		mtc0(C0_ENTRYHI, KSEG0_BASE + (i << 12));
		mtc0(C0_ENTRYLO, 0);
		__asm__ __volatile__("tlbwi");
	}
	mtc0(C0_ENTRYHI, saved);
}

/* The TLB index holding hi, or -1 (tlbp). */
static int tlb_probe(uint32_t hi)
{
	mtc0(C0_ENTRYHI, hi);
	__asm__ __volatile__("tlbp\n\tnop");
	uint32_t index = mfc0(C0_INDEX);
	return (index & TLB_INDEX_P) ? -1 : (int)((index >> TLB_INDEX_SHIFT) & 63);
}

static void tlb_invalidate_index(unsigned i)
{
	mtc0(C0_INDEX, i << 8);
	mtc0(C0_ENTRYHI, KSEG0_BASE + (i << 12));
	mtc0(C0_ENTRYLO, 0);
	__asm__ __volatile__("tlbwi");
}

void tlb_insert(uint32_t hi, uint32_t lo)
{
	uint32_t saved = mfc0(C0_ENTRYHI);
	/* Replace an existing entry for hi rather than add a twin (two
	   matching entries are undefined on an R3000). */
	int i = tlb_probe(hi);
	mtc0(C0_ENTRYHI, hi);
	mtc0(C0_ENTRYLO, lo);
	if (i >= 0) {
		mtc0(C0_INDEX, (uint32_t)i << 8);
		__asm__ __volatile__("tlbwi");
	} else {
		__asm__ __volatile__("tlbwr");
	}
	mtc0(C0_ENTRYHI, saved);
	struct stlb_entry *s = stlb_slot(hi);
	s->hi = STLB_INVALID;	/* never a half-written entry */
	s->lo = lo;
	s->hi = hi;
}

void tlb_remove(uint32_t hi)
{
	uint32_t saved = mfc0(C0_ENTRYHI);
	int i = tlb_probe(hi);
	if (i >= 0)
		tlb_invalidate_index((unsigned)i);
	mtc0(C0_ENTRYHI, saved);
	struct stlb_entry *s = stlb_slot(hi);
	if (s->hi == hi)
		s->hi = STLB_INVALID;
}

/* Above this many pages one pass over the 64 TLB entries (tlbr each,
   about 12 cycles) is cheaper than a tlbp per page (about 6). */
#define TLB_PROBE_MAX	128

/* The TLB entry at the index C0_INDEX holds: read-only, or invalid. */
static void tlb_lower_indexed(unsigned i, int remove)
{
	if (remove) {
		tlb_invalidate_index(i);
		return;
	}
	__asm__ __volatile__("tlbr\n\tnop");
	mtc0(C0_ENTRYLO, mfc0(C0_ENTRYLO) & ~(uint32_t)ELO_D);
	__asm__ __volatile__("tlbwi");
}

void tlb_lower_range(uint32_t hi, uint32_t npages, int remove)
{
	uint32_t saved = mfc0(C0_ENTRYHI);
	int scan = npages > TLB_PROBE_MAX;
	if (scan) {
		uint32_t asid = hi & ENTRYHI_ASID_MASK, vpn0 = hi >> PAGE_SHIFT;
		for (unsigned i = 0; i < 64; i++) {
			mtc0(C0_INDEX, i << 8);
			__asm__ __volatile__("tlbr\n\tnop");
			uint32_t h = mfc0(C0_ENTRYHI), lo = mfc0(C0_ENTRYLO);
			if ((lo & ELO_V) && (h & ENTRYHI_ASID_MASK) == asid && (h >> PAGE_SHIFT) - vpn0 < npages &&
			    (remove || (lo & ELO_D)))
				tlb_lower_indexed(i, remove);
		}
	}
	/* Per page: its TLB entry (a tlbp, unless scanned) and its STLB
	   slot (direct-mapped: one to look at). A single word store changes
	   an STLB entry, so the refill never sees half of it. The range
	   ends below KSEG0_BASE (SYS_tlbprot checked), so h never wraps. */
	for (uint32_t h = hi, end = hi + (npages << PAGE_SHIFT); h != end; h += PAGE_SIZE) {
		if (!scan) {
			int i = tlb_probe(h);
			if (i >= 0)
				tlb_lower_indexed((unsigned)i, remove);	/* tlbp left C0_INDEX at i */
		}
		struct stlb_entry *s = stlb_slot(h);
		if (s->hi == h) {
			if (remove)
				s->hi = STLB_INVALID;
			else
				s->lo &= ~(uint32_t)ELO_D;
		}
	}
	mtc0(C0_ENTRYHI, saved);
}

/* Remove every TLB and STLB entry for which match() holds. */
static void tlb_flush_if(int (*match)(uint32_t hi, uint32_t lo, uint32_t key), uint32_t key)
{
	uint32_t saved = mfc0(C0_ENTRYHI);
	for (unsigned i = 0; i < 64; i++) {
		mtc0(C0_INDEX, i << 8);
		__asm__ __volatile__("tlbr\n\tnop");
		uint32_t hi = mfc0(C0_ENTRYHI), lo = mfc0(C0_ENTRYLO);
		if ((lo & ELO_V) && match(hi, lo, key))
			tlb_invalidate_index(i);
	}
	mtc0(C0_ENTRYHI, saved);
	for (unsigned i = 0; i < STLB_ENTRIES; i++)
		if (stlb[i].hi != STLB_INVALID && match(stlb[i].hi, stlb[i].lo, key))
			stlb[i].hi = STLB_INVALID;
}

static int same_asid(uint32_t hi, uint32_t lo, uint32_t asid)
{
	(void)lo;
	return ASID_OF(hi) == asid;
}

static int same_ppn(uint32_t hi, uint32_t lo, uint32_t ppn)
{
	(void)hi;
	return (lo >> 12) == ppn;
}

static int (*ppn_pred)(uint32_t ppn);

static int pred_ppn(uint32_t hi, uint32_t lo, uint32_t key)
{
	(void)hi, (void)key;
	return ppn_pred(lo >> 12);
}

void tlb_flush_ppns(int (*pred)(uint32_t ppn))
{
	ppn_pred = pred;
	tlb_flush_if(pred_ppn, 0);
}

void tlb_flush_asid(unsigned asid)
{
	tlb_flush_if(same_asid, asid);
}

void tlb_flush_ppn(uint32_t ppn)
{
	tlb_flush_if(same_ppn, ppn);
}
