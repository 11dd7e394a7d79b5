/*
 * pt_inverted.c - an inverted (hashed) page table for ExOS (SOSP'95
 * Table 13): entries in a fixed array, chained from NBUCKET buckets by
 * a hash of the vpn, free entries on a list; a range is a lookup per
 * page.
 */
#include <string.h>
#include "pt.h"

#define NBUCKET		256

static struct pte inv[PT_MAXPTE];
static uint16_t bucket[NBUCKET];	/* index + 1, 0 = empty */
static uint16_t inv_free;		/* free list: index + 1 */
static int ninv;

static unsigned hash(uint32_t vpn)
{
	return (vpn ^ (vpn >> 8) ^ (vpn >> 16)) & (NBUCKET - 1);
}

static void inv_reset(void)
{
	memset(bucket, 0, sizeof bucket);
	memset(inv, 0, sizeof inv);
	for (int i = 0; i < PT_MAXPTE; i++)
		inv[i].next = i + 2 <= PT_MAXPTE ? i + 2 : 0;
	inv_free = 1;
	ninv = 0;
}

static struct pte *inv_find(uint32_t vpn)
{
	for (unsigned i = bucket[hash(vpn)]; i; i = inv[i - 1].next) {
		pt_probes++;
		if (inv[i - 1].vpn == vpn)
			return &inv[i - 1];
	}
	return 0;
}

static struct pte *inv_insert(uint32_t vpn)
{
	if (!inv_free)
		return 0;
	unsigned i = inv_free;
	struct pte *p = &inv[i - 1];
	inv_free = p->next;
	unsigned h = hash(vpn);
	memset(p, 0, sizeof *p);
	p->vpn = vpn;
	p->flags = PTE_USED;
	p->next = bucket[h];
	bucket[h] = i;
	ninv++;
	return p;
}

static void inv_remove(uint32_t vpn)
{
	unsigned h = hash(vpn);
	for (uint16_t *link = &bucket[h]; *link; link = &inv[*link - 1].next) {
		unsigned i = *link;
		if (inv[i - 1].vpn == vpn) {
			*link = inv[i - 1].next;
			inv[i - 1].flags = 0;
			inv[i - 1].next = inv_free;
			inv_free = i;
			ninv--;
			return;
		}
	}
}

static int inv_each_in(uint32_t vpn, uint32_t evpn, void (*fn)(struct pte *, int), int arg)
{
	int n = 0;
	for (; vpn < evpn; vpn++) {
		struct pte *p = inv_find(vpn);
		if (p) {
			fn(p, arg);
			n++;
		}
	}
	return n;
}

static struct pte *inv_slot(int i)
{
	return i < PT_MAXPTE && (inv[i].flags & PTE_USED) ? &inv[i] : 0;
}

static int inv_slots(void)
{
	return PT_MAXPTE;
}

static int inv_count(void)
{
	return ninv;
}

const struct pt_ops pt_inverted = {
	.reset = inv_reset, .find = inv_find, .insert = inv_insert, .remove = inv_remove,
	.each_in = inv_each_in, .slot = inv_slot, .slots = inv_slots, .count = inv_count,
};
