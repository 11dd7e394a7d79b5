/*
 * hostile_net.c - hostile's attacks on the network's calls (part of
 * hostile, which runs them after the others): bad filters, rings,
 * frames and handlers, each refused with the documented error and
 * changing nothing; and a child's filters, which the attacker may
 * neither overlap (unless shared), nor remove, nor give a handler to.
 * When the child ends its filters go with it.
 */
#include "hostile_net.h"
#include "../net/netlib.h"

#define KERNEL_VA	0x80030000u
#define UNMAPPED_VA	0x10000000u
#define TEXT_VA		USER_TEXT_BASE
#define KID_PORT	4242
#define SHARED_PORT	4243

/* The shared page's words this part uses (after hostile's own). */
enum { SH_NET_ID = 12, SH_NET_SHARED_ID, SH_NET_READY };

static char ring_mem[AEGIS_RX_HDR + 4 * SLOT] __attribute__((aligned(4)));

int hostile_net_kid(volatile unsigned *(*shared)(void), int (*wait_stop)(void))
{
	struct tfilter f;
	filter_port(&f, IP_UDP, KID_PORT);
	int id = tfilter_insert(&f, 0);
	filter_port(&f, IP_UDP, SHARED_PORT);
	int sid = tfilter_insert(&f, DPF_SHARED);
	struct ring rg;
	if (id < 0 || sid < 0 || ring_init(&rg, ring_mem, 4, 0) != 0)
		return 51;
	volatile unsigned *w = shared();
	w[SH_NET_ID] = (unsigned)id;
	w[SH_NET_SHARED_ID] = (unsigned)sid;
	w[SH_NET_READY] = 1;
	if (wait_stop())
		return 52;
	/* Its filters are still its own. */
	return sys_dpf_remove(id) == 0 && sys_dpf_remove(sid) == 0 ? 0 : 53;
}

/* How many more filters it may insert now (the per-environment limit
   counts what it holds): nothing refused may have taken a place. */
static unsigned room(void)
{
	static int ids[DPF_MAX_PER_ENV + 1];
	struct tfilter f;
	unsigned n = 0;
	int r;
	do {
		filter_port(&f, IP_UDP, 30000 + n);
		r = tfilter_insert(&f, 0);
		if (r >= 0)
			ids[n++] = r;
	} while (r >= 0 && n <= DPF_MAX_PER_ENV);
	for (unsigned i = 0; i < n; i++)
		sys_dpf_remove(ids[i]);
	return r == -AEGIS_ELIMIT ? n : ~0u;
}

static void bad_filters(void)
{
	struct tfilter f;
	unsigned before = room();
	check(before == DPF_MAX_PER_ENV,
	      "hostile: DPF_MAX_PER_ENV filters may be inserted, one more is refused (ELIMIT)");
	filter_port(&f, IP_UDP, 1);
	expect(sys_dpf_insert((const struct dpf_atom *)KERNEL_VA, 2, 0), -AEGIS_EFAULT,
	       "hostile: a filter in kernel memory is refused (EFAULT)");
	expect(sys_dpf_insert((const struct dpf_atom *)UNMAPPED_VA, 2, 0), -AEGIS_EFAULT,
	       "hostile: a filter in unmapped memory is refused (EFAULT)");
	expect(sys_dpf_insert(f.a, 0, 0), -AEGIS_EINVAL, "hostile: a filter of no atoms (EINVAL)");
	expect(sys_dpf_insert(f.a, DPF_MAX_ATOMS + 1, 0), -AEGIS_ELIMIT,
	       "hostile: a filter of DPF_MAX_ATOMS + 1 atoms (ELIMIT)");
	expect(sys_dpf_insert(f.a, f.n, 2), -AEGIS_EINVAL, "hostile: unknown insert flags (EINVAL)");
	static const struct { unsigned short op, size; unsigned offset, mask, value; const char *what; } bad[] = {
		{ 0, 2, 12, 0xffff, 0x800, "hostile: an atom of no known op (EINVAL)" },
		{ 9, 2, 12, 0xffff, 0x800, "hostile: an atom of op 9 (EINVAL)" },
		{ DPF_OP_EQ, 3, 12, 0xffff, 0x800, "hostile: a 3-byte field (EINVAL)" },
		{ DPF_OP_EQ, 0, 12, 0xffff, 0x800, "hostile: a 0-byte field (EINVAL)" },
		{ DPF_OP_EQ, 2, 12, 0, 0, "hostile: an empty mask (EINVAL)" },
		{ DPF_OP_EQ, 2, 12, 0x1ffff, 0x800, "hostile: a mask wider than its field (EINVAL)" },
		{ DPF_OP_EQ, 2, 12, 0x00ff, 0x800, "hostile: a value outside its mask (EINVAL)" },
		{ DPF_OP_EQ, 2, AEGIS_NET_MTU_FRAME, 0xffff, 1, "hostile: an offset past the largest frame (EINVAL)" },
		{ DPF_OP_EQ, 4, 0xfffffffeu, 0xffffffffu, 1, "hostile: an offset that wraps (EINVAL)" },
		{ DPF_OP_SHIFT, 1, 14, 0x0f, DPF_MAX_SHIFT + 1, "hostile: a shift past DPF_MAX_SHIFT (EINVAL)" },
	};
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		filter_port(&f, IP_UDP, 2);
		struct dpf_atom *a = &f.a[2];
		a->op = bad[i].op;
		a->size = bad[i].size;
		a->offset = bad[i].offset;
		a->mask = bad[i].mask;
		a->value = bad[i].value;
		expect(sys_dpf_insert(f.a, f.n, 0), -AEGIS_EINVAL, bad[i].what);
	}
	expect(sys_dpf_remove(-1), -AEGIS_EINVAL, "hostile: removing filter -1 (EINVAL)");
	expect(sys_dpf_remove(DPF_MAX_FILTERS), -AEGIS_EINVAL,
	       "hostile: removing filter DPF_MAX_FILTERS (EINVAL)");
	check(room() == before, "hostile: no refused filter took a place");
}

static void bad_rings(void)
{
	struct aegis_rx_ring *r = (struct aegis_rx_ring *)ring_mem;
	expect(sys_net_ring((struct aegis_rx_ring *)KERNEL_VA, 4, SLOT, 0), -AEGIS_EFAULT,
	       "hostile: a ring in kernel memory (EFAULT)");
	expect(sys_net_ring((struct aegis_rx_ring *)TEXT_VA, 4, SLOT, 0), -AEGIS_EFAULT,
	       "hostile: a ring in its own read-only text (EFAULT)");
	expect(sys_net_ring((struct aegis_rx_ring *)UNMAPPED_VA, 4, SLOT, 0), -AEGIS_EFAULT,
	       "hostile: a ring in unmapped memory (EFAULT)");
	expect(sys_net_ring((struct aegis_rx_ring *)(USER_TOP - 512), 1, SLOT, 0), -AEGIS_EFAULT,
	       "hostile: a ring that runs off the top of its stack (EFAULT)");
	expect(sys_net_ring((struct aegis_rx_ring *)(ring_mem + 2), 2, SLOT, 0), -AEGIS_EFAULT,
	       "hostile: an unaligned ring (EFAULT)");
	expect(sys_net_ring(r, 0, SLOT, 0), -AEGIS_EINVAL, "hostile: a ring of 0 slots (EINVAL)");
	expect(sys_net_ring(r, AEGIS_RX_MAX_SLOTS + 1, SLOT, 0), -AEGIS_EINVAL,
	       "hostile: a ring of AEGIS_RX_MAX_SLOTS + 1 slots (EINVAL)");
	expect(sys_net_ring(r, 2, SLOT + 2, 0), -AEGIS_EINVAL, "hostile: an unaligned slot size (EINVAL)");
	expect(sys_net_ring(r, 2, 64, 0), -AEGIS_EINVAL, "hostile: slots too small for a frame (EINVAL)");
	expect(sys_net_ring(r, 2, SLOT, (void (*)(void))KERNEL_VA), -AEGIS_EFAULT,
	       "hostile: an upcall into the kernel (EFAULT)");
	expect(sys_net_ring(r, 0, 0, 0), -AEGIS_EINVAL,
	       "hostile: re-arming a ring it never registered (EINVAL)");
	check(ring_init(&(struct ring){ 0 }, ring_mem, 4, 0) == 0 && sys_net_ring(0, 0, 0, 0) == 0,
	      "hostile: a good ring is taken, and given up");
}

static void bad_sends(void)
{
	struct aegis_netinfo a, b;
	sys_net_info(&a);
	expect(sys_net_send((void *)KERNEL_VA, 60), -AEGIS_EFAULT, "hostile: sending kernel memory (EFAULT)");
	expect(sys_net_send((void *)UNMAPPED_VA, 60), -AEGIS_EFAULT,
	       "hostile: sending memory it does not map (EFAULT)");
	expect(sys_net_send((void *)(USER_TOP - 30), 60), -AEGIS_EFAULT,
	       "hostile: sending a frame that runs off its stack (EFAULT)");
	expect(sys_net_send(ring_mem, 0xffffffffu), -AEGIS_EINVAL, "hostile: sending 4 GB (EINVAL)");
	expect(sys_net_info((struct aegis_netinfo *)TEXT_VA), -AEGIS_EFAULT,
	       "hostile: net_info into its read-only text (EFAULT)");
	sys_net_info(&b);
	check(a.tx_frames == b.tx_frames, "hostile: no refused send sent anything");
}

static void bad_handlers(int kid_filter)
{
	struct tfilter f;
	filter_port(&f, IP_UDP, 4444);
	int id = tfilter_insert(&f, 0);
	static unsigned code[AEGIS_ASH_MAX_WORDS + 1];
	static char why[AEGIS_ASH_WHY_LEN];
	code[0] = 0x03e00008u;	/* jr ra */
	code[1] = 0x24020001u;	/* li v0, 1 (its delay slot) */
	struct aegis_ash ash = { code, 2, 0, why };
	expect(sys_ash_download(kid_filter, &ash), -AEGIS_EINVAL,
	       "hostile: a handler for another environment's filter (EINVAL)");
	expect(sys_ash_download(id, (const struct aegis_ash *)KERNEL_VA), -AEGIS_EFAULT,
	       "hostile: a handler description in kernel memory (EFAULT)");
	struct aegis_ash bad = ash;
	bad.code = (const unsigned *)KERNEL_VA;
	expect(sys_ash_download(id, &bad), -AEGIS_EFAULT, "hostile: handler code in kernel memory (EFAULT)");
	bad = ash;
	bad.why = (char *)TEXT_VA;
	expect(sys_ash_download(id, &bad), -AEGIS_EFAULT,
	       "hostile: a refusal's reason into its read-only text (EFAULT)");
	bad = ash;
	bad.nwords = AEGIS_ASH_MAX_WORDS + 1;
	expect(sys_ash_download(id, &bad), -AEGIS_ELIMIT,
	       "hostile: a handler of AEGIS_ASH_MAX_WORDS + 1 instructions (ELIMIT)");
	/* Code Aegis must refuse, each with a reason. */
	static const struct { unsigned word; const char *what; } refuse[] = {
		{ 0x40806000u, "hostile: a handler with mtc0 is refused, with a reason" },
		{ 0x42000010u, "hostile: a handler with rfe is refused, with a reason" },
		{ 0x0000000cu, "hostile: a handler with syscall is refused, with a reason" },
		{ 0x0080f809u, "hostile: a handler with jalr is refused, with a reason" },
		{ 0x3c1c8000u, "hostile: a handler that writes $gp is refused, with a reason" },
		{ 0x1000ff00u, "hostile: a handler that branches outside itself is refused, with a reason" },
		/* j: its target is a word index in the handler (net.h) */
		{ 0x08002710u, "hostile: a handler that jumps outside itself is refused, with a reason" },
		{ 0xffffffffu, "hostile: a handler of garbage is refused, with a reason" },
	};
	for (unsigned i = 0; i < sizeof refuse / sizeof refuse[0]; i++) {
		code[0] = refuse[i].word;
		code[1] = 0;
		code[2] = 0x03e00008u;
		code[3] = 0;
		why[0] = 0;
		struct aegis_ash a = { code, 4, 0, why };
		int r = sys_ash_download(id, &a);
		if (!check(r == -AEGIS_EINVAL && why[0] != 0, refuse[i].what))
			say_num("got (negated)", (unsigned)-r);
		else {
			say("#   ");
			say(why);
			say("\n");
		}
	}
	code[0] = 0x03e00008u;
	code[1] = 0x24020001u;
	check(sys_ash_download(id, &ash) == 0, "hostile: a good handler is taken");
	ash.nwords = 0;
	check(sys_ash_download(id, &ash) == 0 && sys_dpf_remove(id) == 0,
	      "hostile: the handler and its filter are given up");
}

void hostile_net_attack(int kid, volatile unsigned *(*shared)(void))
{
	bad_filters();
	bad_rings();
	bad_sends();

	/* The child's filters. */
	unsigned spins = 0;
	while (!shared()[SH_NET_READY] && ++spins < 100000)
		sys_yield(kid);
	if (!check(shared()[SH_NET_READY] == 1, "hostile: a child holds a filter and a shared one"))
		return;
	int kid_id = (int)shared()[SH_NET_ID];
	struct tfilter f;
	filter_port(&f, IP_UDP, KID_PORT);
	expect(tfilter_insert(&f, 0), -AEGIS_EBUSY,
	       "hostile: the same filter as another environment's is refused (EBUSY)");
	expect(tfilter_insert(&f, DPF_SHARED), -AEGIS_EBUSY,
	       "hostile: ... also when offered as shared (EBUSY)");
	f.n = 5;	/* every UDP frame to its address: a superset */
	expect(tfilter_insert(&f, 0), -AEGIS_EBUSY,
	       "hostile: a filter that takes a superset of another's frames is refused (EBUSY)");
	filter_type(&f, 0x0800);
	expect(tfilter_insert(&f, 0), -AEGIS_EBUSY,
	       "hostile: a filter for every IP frame is refused (EBUSY)");
	filter_port(&f, IP_UDP, SHARED_PORT);
	int s = tfilter_insert(&f, 0);
	check(s >= 0, "hostile: a filter overlapping another's shared one is taken");
	filter_port(&f, IP_UDP, KID_PORT + 100);
	int d = tfilter_insert(&f, 0);
	check(d >= 0, "hostile: a disjoint filter is taken");
	expect(sys_dpf_remove(kid_id), -AEGIS_EINVAL,
	       "hostile: removing another environment's filter is refused (EINVAL)");
	filter_port(&f, IP_UDP, KID_PORT);
	expect(tfilter_insert(&f, 0), -AEGIS_EBUSY, "hostile: which is still there");
	bad_handlers(kid_id);
	sys_dpf_remove(s);
	sys_dpf_remove(d);
}

void hostile_net_after(void)
{
	struct aegis_netinfo ni;
	if (sys_net_info(&ni) != 0 || !ni.present)
		return;
	struct tfilter f;
	filter_port(&f, IP_UDP, KID_PORT);
	int id = tfilter_insert(&f, 0);
	check(id >= 0 && sys_dpf_remove(id) == 0,
	      "hostile: once the child has ended its filter is gone: the same one is taken");
}
