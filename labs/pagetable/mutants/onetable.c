/*
 * labs/pagetable/mutants/onetable.c - a wrong answer to lab "pagetable"
 * that labs/lab-test feeds the checker, which must reject it: the
 * reference solution with a plausible bug put in front, an each_in that
 * walks only the second-level table of the range's first page (ExOS's
 * own tvm never notices: its ranges are small).
 */
#define pt_lab pt_lab_reference
#include "pagetable/solution/pagetable.c"
#undef pt_lab

static int one_table_each_in(uint32_t vpn, uint32_t evpn, void (*fn)(struct pte *, int), int arg)
{
	uint32_t end = (vpn / PTLAB_L2SLOTS + 1) * PTLAB_L2SLOTS;
	return pt_lab_reference.each_in(vpn, evpn < end ? evpn : end, fn, arg);
}

const struct pt_ops pt_lab = {
	.reset = lab_reset, .find = lab_find, .insert = lab_insert, .remove = lab_remove,
	.each_in = one_table_each_in, .slot = lab_slot, .slots = lab_slots, .count = lab_count,
};
