/*
 * pt_linear.c - ExOS's original page table (SOSP'95 §6): a vector of
 * entries kept sorted by vpn, found by binary search; a range is one
 * search and then the entries in order.
 */
#include <string.h>
#include "pt.h"

static struct pte lin[PT_MAXPTE];	/* lin[0..nlin) sorted by vpn */
static int nlin;

static void lin_reset(void)
{
	nlin = 0;
}

/* The first index in [lo, hi) whose vpn >= vpn (hi: none). */
static int lin_search_in(int lo, int hi, uint32_t vpn)
{
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		pt_probes++;
		if (lin[mid].vpn < vpn)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The first index whose vpn >= vpn. */
static int lin_search(uint32_t vpn)
{
	return lin_search_in(0, nlin, vpn);
}

static struct pte *lin_find(uint32_t vpn)
{
	int i = lin_search(vpn);
	return i < nlin && lin[i].vpn == vpn ? &lin[i] : 0;
}

static struct pte *lin_insert(uint32_t vpn)
{
	if (nlin == PT_MAXPTE)
		return 0;
	int i = lin_search(vpn);
	memmove(&lin[i + 1], &lin[i], (nlin - i) * sizeof lin[0]);
	nlin++;
	memset(&lin[i], 0, sizeof lin[i]);
	lin[i].vpn = vpn;
	lin[i].flags = PTE_USED;
	return &lin[i];
}

static void lin_remove(uint32_t vpn)
{
	int i = lin_search(vpn);
	if (i < nlin && lin[i].vpn == vpn) {
		memmove(&lin[i], &lin[i + 1], (nlin - i - 1) * sizeof lin[0]);
		nlin--;
		/* The vacated slot held a copy of the last entry: cleared, so
		   that no pointer into it (vm.c's hints) finds a live vpn. */
		memset(&lin[nlin], 0, sizeof lin[nlin]);
	}
}

static int lin_each_in(uint32_t vpn, uint32_t evpn, void (*fn)(struct pte *, int), int arg)
{
	int n = 0;
	for (int i = lin_search(vpn); i < nlin && lin[i].vpn < evpn; i++, n++)
		fn(&lin[i], arg);
	return n;
}

static struct pte *lin_span(uint32_t vpn, uint32_t evpn, int *n)
{
	/* vpns are unique: at most evpn - vpn entries follow i, so the end
	   is searched for in that window only (one probe for one page). */
	int i = lin_search(vpn), hi = nlin;
	if (evpn - vpn < (uint32_t)(nlin - i))
		hi = i + (int)(evpn - vpn);
	*n = lin_search_in(i, hi, evpn) - i;
	return &lin[i];
}

static struct pte *lin_slot(int i)
{
	return i < nlin ? &lin[i] : 0;
}

static int lin_count(void)
{
	return nlin;
}

const struct pt_ops pt_linear = {
	.reset = lin_reset, .find = lin_find, .insert = lin_insert, .remove = lin_remove,
	.each_in = lin_each_in, .span = lin_span, .slot = lin_slot, .slots = lin_count, .count = lin_count,
};
