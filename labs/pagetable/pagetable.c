/*
 * labs/pagetable/pagetable.c - YOUR two-level page table for ExOS (lab
 * "pagetable", docs/tour/labs.md). Read pagetable.h for the layout and
 * exos/lib/pt.h for what each operation must do; exos/lib/pt_linear.c
 * and pt_inverted.c are the two tables ExOS has. `make lab-pagetable`
 * checks this file, then runs ExOS's own VM test (tvm) on it.
 */
#include <string.h>
#include "pagetable/pagetable.h"

/* TODO: the directory, the pool of second-level tables, the pool of
   PT_MAXPTE entries and its free list, all static. */

static void lab_reset(void)
{
	/* TODO: empty everything. */
}

static struct pte *lab_find(uint32_t vpn)
{
	/* TODO: directory, then second level, then the entry (count each
	   array read in pt_probes: vmbench reports it). */
	(void)vpn;
	return 0;
}

static struct pte *lab_insert(uint32_t vpn)
{
	/* TODO: a second-level table for vpn's directory slot if it has
	   none, then an entry from the free list: zeroed, vpn set, flags
	   PTE_USED. NULL if there is no room. */
	(void)vpn;
	return 0;
}

static void lab_remove(uint32_t vpn)
{
	/* TODO: unlink the entry, put it back on the free list, and give
	   the second-level table back when its last entry goes. */
	(void)vpn;
}

static int lab_each_in(uint32_t vpn, uint32_t evpn, void (*fn)(struct pte *, int), int arg)
{
	/* TODO: fn(entry, arg) for each entry in [vpn, evpn); how many. */
	(void)vpn;
	(void)evpn;
	(void)fn;
	(void)arg;
	return 0;
}

static struct pte *lab_slot(int i)
{
	/* TODO: the i-th entry of the pool if it is in use, else NULL. */
	(void)i;
	return 0;
}

static int lab_slots(void)
{
	return PT_MAXPTE;
}

static int lab_count(void)
{
	/* TODO: how many entries the table holds. */
	return 0;
}

const struct pt_ops pt_lab = {
	.reset = lab_reset, .find = lab_find, .insert = lab_insert, .remove = lab_remove,
	.each_in = lab_each_in, .slot = lab_slot, .slots = lab_slots, .count = lab_count,
};
