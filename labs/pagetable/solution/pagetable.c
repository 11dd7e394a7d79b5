/*
 * labs/pagetable/solution/pagetable.c - the reference solution of lab
 * "pagetable" (docs/tour/labs.md): a two-level page table behind
 * exos/lib/pt.h. A directory slot holds the number (+1) of the
 * second-level table covering its 1024 pages; a second-level slot holds
 * the number (+1) of the entry in the pool; free entries are chained
 * through pte.next. A lookup is two array reads (two probes).
 */
#include <string.h>
#include "pagetable/pagetable.h"

#define VPN_LIMIT	(PTLAB_DIR * PTLAB_L2SLOTS)

static struct pte pool[PT_MAXPTE];
static uint16_t free_head;			/* pool index + 1, 0: none */
static uint8_t dir[PTLAB_DIR];			/* second-level table + 1, 0: none */
static uint16_t l2[PTLAB_L2][PTLAB_L2SLOTS];	/* pool index + 1, 0: none */
static uint16_t l2_entries[PTLAB_L2];		/* entries each table names */
static uint16_t l2_dir[PTLAB_L2];		/* the directory slot + 1 using it */
static int nent;

static void lab_reset(void)
{
	memset(pool, 0, sizeof pool);
	for (int i = 0; i < PT_MAXPTE; i++)
		pool[i].next = i + 2 <= PT_MAXPTE ? i + 2 : 0;
	free_head = 1;
	memset(dir, 0, sizeof dir);
	memset(l2, 0, sizeof l2);
	memset(l2_entries, 0, sizeof l2_entries);
	memset(l2_dir, 0, sizeof l2_dir);
	nent = 0;
}

/* The second-level slot for vpn, or NULL when its table is absent. */
static uint16_t *slot_of(uint32_t vpn)
{
	if (vpn >= VPN_LIMIT)
		return 0;
	pt_probes++;
	unsigned t = dir[vpn / PTLAB_L2SLOTS];
	return t ? &l2[t - 1][vpn % PTLAB_L2SLOTS] : 0;
}

static struct pte *lab_find(uint32_t vpn)
{
	uint16_t *s = slot_of(vpn);
	if (!s || !*s)
		return 0;
	pt_probes++;
	return &pool[*s - 1];
}

static struct pte *lab_insert(uint32_t vpn)
{
	if (vpn >= VPN_LIMIT || !free_head)
		return 0;
	unsigned d = vpn / PTLAB_L2SLOTS;
	if (!dir[d]) {
		int t = 0;
		while (t < PTLAB_L2 && l2_dir[t])
			t++;
		if (t == PTLAB_L2)
			return 0;	/* no second-level table left */
		memset(l2[t], 0, sizeof l2[t]);
		l2_dir[t] = (uint16_t)(d + 1);
		dir[d] = (uint8_t)(t + 1);
	}
	unsigned t = dir[d] - 1, i = free_head - 1;
	free_head = pool[i].next;
	memset(&pool[i], 0, sizeof pool[i]);
	pool[i].vpn = vpn;
	pool[i].flags = PTE_USED;
	l2[t][vpn % PTLAB_L2SLOTS] = (uint16_t)(i + 1);
	l2_entries[t]++;
	nent++;
	return &pool[i];
}

static void lab_remove(uint32_t vpn)
{
	uint16_t *s = slot_of(vpn);
	if (!s || !*s)
		return;
	unsigned i = *s - 1, d = vpn / PTLAB_L2SLOTS, t = dir[d] - 1;
	*s = 0;
	memset(&pool[i], 0, sizeof pool[i]);
	pool[i].next = free_head;
	free_head = (uint16_t)(i + 1);
	nent--;
	if (--l2_entries[t] == 0) {	/* its last entry: give the table back */
		l2_dir[t] = 0;
		dir[d] = 0;
	}
}

static int lab_each_in(uint32_t vpn, uint32_t evpn, void (*fn)(struct pte *, int), int arg)
{
	int n = 0;
	if (evpn > VPN_LIMIT)
		evpn = VPN_LIMIT;
	/* Directory slot by directory slot, skipping absent tables: a range
	   of a million pages costs a thousand reads, not a million. */
	while (vpn < evpn) {
		unsigned d = vpn / PTLAB_L2SLOTS;
		uint32_t end = (d + 1) * PTLAB_L2SLOTS < evpn ? (d + 1) * PTLAB_L2SLOTS : evpn;
		if (dir[d]) {
			uint16_t *t = l2[dir[d] - 1];
			for (uint32_t v = vpn; v < end; v++)
				if (t[v % PTLAB_L2SLOTS]) {
					fn(&pool[t[v % PTLAB_L2SLOTS] - 1], arg);
					n++;
				}
		}
		vpn = end;
	}
	return n;
}

static struct pte *lab_slot(int i)
{
	return i >= 0 && i < PT_MAXPTE && (pool[i].flags & PTE_USED) ? &pool[i] : 0;
}

static int lab_slots(void)
{
	return PT_MAXPTE;
}

static int lab_count(void)
{
	return nent;
}

const struct pt_ops pt_lab = {
	.reset = lab_reset, .find = lab_find, .insert = lab_insert, .remove = lab_remove,
	.each_in = lab_each_in, .slot = lab_slot, .slots = lab_slots, .count = lab_count,
};
