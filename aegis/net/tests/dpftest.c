/*
 * aegis/net/tests/dpftest.c - a bare-metal image holding DPF's compiled
 * code (aegis/net/dpf.c) to the reference interpreter (dpf_ref.c) on
 * pmaxsim: seeded random filter sets (TCP/IP header fields, random atoms,
 * deep shifts; with overlaps) against random, built-to-match and
 * truncated frames; insert/remove sequences (ExOS's TCP connection filters
 * churning through value tables among them); the limits (atoms, filters,
 * code space) and their errors leaving the old code working; dpf_check's
 * refusals; dpf_overlap against frames that match both filters. Prints
 * TAP. Boot argument seed=N changes the seed.
 */
#include "../../../rt/rt.h"
#include "../../../rt/tap.h"
#include "../dpf.h"
#include <aegis/syscall.h>

static uint32_t rs = 0x2545f491;

static uint32_t rnd(void)
{
	rs ^= rs << 13;
	rs ^= rs >> 17;
	rs ^= rs << 5;
	return rs;
}

static unsigned rn(unsigned n)
{
	return rnd() % n;
}

/* A frame is word-aligned + 2, as the driver hands them over. */
static uint8_t fbuf[AEGIS_NET_MTU_FRAME + 8] __attribute__((aligned(4)));
static uint8_t *const frame = fbuf + 2;

static uint32_t get_be(const uint8_t *p, unsigned size)
{
	uint32_t v = 0;
	for (unsigned i = 0; i < size; i++)
		v = v << 8 | p[i];
	return v;
}

static void put_be(uint8_t *p, unsigned size, uint32_t v)
{
	for (unsigned i = size; i-- > 0; v >>= 8)
		p[i] = (uint8_t)v;
}

static uint32_t full(unsigned size)
{
	return size == 4 ? 0xffffffffu : (1u << 8 * size) - 1;
}

static struct dpf_atom eq(unsigned size, unsigned off, uint32_t mask, uint32_t v)
{
	return (struct dpf_atom){ DPF_OP_EQ, (unsigned short)size, off, mask, v & mask };
}

static struct dpf_atom shift(unsigned size, unsigned off, uint32_t mask, unsigned v)
{
	return (struct dpf_atom){ DPF_OP_SHIFT, (unsigned short)size, off, mask, v };
}

/* ---- Filters ---- */

/* A TCP/IP connection's filter, or a part of one (atoms dropped),
   values from small pools so that sets share prefixes and overlap. */
static unsigned gen_tcpip(struct dpf_atom *a)
{
	static const uint32_t src[] = { 0x12345678, 0x0a000001, 0xc0a80001 };
	static const uint32_t dst[] = { 0x0a000002, 0x12345679 };
	struct dpf_atom all[7] = {
		eq(2, 12, 0xffff, rn(8) ? 0x0800 : 0x0806),
		eq(1, 23, 0xff, rn(4) ? 6 : 17),
		eq(4, 26, full(4), src[rn(3)]),
		eq(4, 30, full(4), dst[rn(2)]),
		shift(1, 14, 0x0f, 2),
		eq(2, 14, 0xffff, 1000 + rn(3)),
		eq(2, 16, 0xffff, 2000 + rn(12)),
	};
	unsigned n = 0, upto = 1 + rn(7);
	int whole = rn(2);
	for (unsigned i = 0; i < upto; i++)
		if (whole || rn(4))
			a[n++] = all[i];
	if (!n)
		a[n++] = all[0];
	return n;
}

/* One value of a small pool per field, so that random filters collide. */
static uint32_t pool(unsigned off, unsigned size, unsigned k)
{
	uint32_t h = (off * 2654435761u) ^ (size * 40503u) ^ (k * 0x9e3779b9u);
	return k == 0 ? 0 : h ^ h >> 15;
}

static struct dpf_atom gen_atom(void)
{
	unsigned size = (unsigned[]){ 1, 2, 4 }[rn(3)];
	unsigned off = rn(8) ? rn(40) : rn(AEGIS_NET_MTU_FRAME);
	if (rn(6) == 0) {
		static const uint32_t m[] = { 0x0f, 0x03, 0x3f, 0xf0, 0x1f };
		uint32_t mask = m[rn(5)];
		if (size > 1 && rn(2))
			mask <<= 8 * rn(size);	/* a length in another byte */
		unsigned v = rn(DPF_MAX_SHIFT + 1);
		if ((uint64_t)mask << v >> 31) {	/* dpf_check: below 2^31 */
			v = 0;
			mask &= 0x7fffffffu;
		}
		return shift(size, off, mask, v);
	}
	uint32_t mask = rn(2) ? full(size) : (rnd() & full(size));
	if (!mask)
		mask = 1;
	return eq(size, off, mask, pool(off, size, rn(3)));
}

static unsigned gen_random(struct dpf_atom *a)
{
	unsigned n = rn(5) ? 1 + rn(5) : 1 + rn(DPF_MAX_ATOMS);
	for (unsigned i = 0; i < n; i++)
		a[i] = gen_atom();
	return n;
}

/* Many shifts in a row: bases past the 11 in registers (the spill). */
static unsigned gen_deep(struct dpf_atom *a)
{
	unsigned n = 8 + rn(DPF_MAX_ATOMS - 8), i;
	for (i = 0; i + 1 < n; i++)
		a[i] = shift(1, rn(3), rn(2) ? 0x03 : 0x01, rn(3));
	a[i] = eq(1, rn(4), 0xff, pool(0, 1, rn(3)));
	if (rn(2))	/* share a prefix with others, differ at the end */
		a[i] = eq(2, rn(4), 0xffff, pool(1, 2, rn(3)));
	return n;
}

/* Slices of one reference header (per set): adjacent fields of 1, 2
   and 4 bytes that agree with each other, so that some filters fuse
   (coalesce) into nodes equal to others' atoms. */
static uint8_t refhdr[48];

static unsigned gen_slices(struct dpf_atom *a)
{
	unsigned n = 1 + rn(4), off = 12 + rn(8);
	for (unsigned i = 0; i < n; i++) {
		unsigned size = (unsigned[]){ 1, 2, 2, 4 }[rn(4)];
		uint32_t v = get_be(refhdr + off, size);
		if (rn(6) == 0)
			v ^= 1u << rn(8 * size);
		a[i] = eq(size, off, full(size), v);
		off += rn(4) ? size : 1 + rn(3);
	}
	return n;
}

static unsigned gen_filter(struct dpf_atom *a, int style)
{
	switch (style) {
	case 0: return gen_tcpip(a);
	case 1: return gen_random(a);
	case 2: return gen_deep(a);
	default: return gen_slices(a);
	}
}

/* ---- Frames ---- */

static void random_bytes(unsigned len)
{
	for (unsigned i = 0; i < len; i++)
		frame[i] = (uint8_t)(rn(4) ? rnd() : rn(4));
}

/* Rewrite the frame so that filter a matches if it can (later atoms may
   undo earlier ones); the extent it reached, or 0 if a field fell out. */
static unsigned satisfy(const struct dpf_atom *a, unsigned n)
{
	unsigned base = 0, reach = 0;
	for (unsigned i = 0; i < n; i++) {
		unsigned at = base + a[i].offset;
		if (base >= AEGIS_NET_MTU_FRAME || at + a[i].size > AEGIS_NET_MTU_FRAME)
			return 0;
		uint32_t v = get_be(frame + at, a[i].size);
		if (a[i].op == DPF_OP_EQ) {
			v = (v & ~a[i].mask) | a[i].value;
		} else {
			v = (v & ~a[i].mask) | (rnd() & a[i].mask & 0x0f0f0f0f);
			base += (v & a[i].mask) << a[i].value;
		}
		put_be(frame + at, a[i].size, v);
		if (at + a[i].size > reach)
			reach = at + a[i].size;
	}
	return reach;
}

static unsigned frame_len(unsigned reach)
{
	unsigned len = reach + (rn(3) ? rn(24) : 0);
	return len > AEGIS_NET_MTU_FRAME ? AEGIS_NET_MTU_FRAME : len;
}

/* The ids in use, for gen_frame (refresh after inserts and removes). */
static int ids[DPF_MAX_FILTERS], nids;

static void refresh_ids(void)
{
	nids = 0;
	for (int id = 0; id < DPF_MAX_FILTERS; id++)
		if (dpf_atoms(id, 0))
			ids[nids++] = id;
}

/* A frame: random, IP-like, or built for one of the filters; some cut
   short. Its length. */
static unsigned gen_frame(void)
{
	unsigned len;
	random_bytes(160);	/* (the rest keeps earlier frames' bytes) */
	int k = nids;
	if (k && rn(4)) {
		unsigned n;
		const struct dpf_atom *a = dpf_atoms(ids[rn(k)], &n);
		unsigned reach = satisfy(a, n);
		if (rn(3) == 0) {	/* and a second filter over it */
			const struct dpf_atom *b = dpf_atoms(ids[rn(k)], &n);
			unsigned r2 = satisfy(b, n);
			reach = reach > r2 ? reach : r2;
		}
		len = frame_len(reach ? reach : 60);
	} else if (rn(3) == 0) {	/* the slices' header, a byte changed */
		kmemcpy(frame, refhdr, sizeof refhdr);
		if (rn(2))
			frame[12 + rn(20)] ^= (uint8_t)(1u << rn(8));
		len = 20 + rn(28);
	} else {
		if (rn(2)) {	/* Ethernet + IPv4 + TCP, IHL 5 or more */
			put_be(frame + 12, 2, 0x0800);
			frame[14] = (uint8_t)(0x45 + rn(3));
			frame[23] = 6;
		}
		len = rn(4) ? 14 + rn(100) : rn(AEGIS_NET_MTU_FRAME + 1);
		if (len > 160 && rn(2))
			random_bytes(len);
	}
	if (rn(5) == 0)
		len = rn(len + 1);	/* truncated */
	return len;
}

/* ---- Helpers ---- */

static void remove_all(void)
{
	for (int id = 0; id < DPF_MAX_FILTERS; id++)
		dpf_remove(id);
}

static void print_filters(void)
{
	for (int id = 0; id < DPF_MAX_FILTERS; id++) {
		unsigned n;
		const struct dpf_atom *a = dpf_atoms(id, &n);
		if (!a)
			continue;
		kprintf("#   filter %d:", id);
		for (unsigned i = 0; i < n; i++)
			kprintf(" %s%u@%u&%x=%x", a[i].op == DPF_OP_EQ ? "eq" : "sh", a[i].size,
				a[i].offset, a[i].mask, a[i].value);
		kprintf("\n");
	}
}

static int reported;

/* Classify nframes frames both ways; the number that disagree. */
static unsigned agree(unsigned nframes, unsigned *matched)
{
	unsigned bad = 0;
	refresh_ids();
	for (unsigned i = 0; i < nframes; i++) {
		unsigned len = gen_frame();
		int got = dpf_classify(frame, len), want = dpf_ref_classify(frame, len);
		if (want >= 0 && matched)
			(*matched)++;
		if (got == want)
			continue;
		if (!bad++ && reported++ < 3) {
			kprintf("# mismatch: len %u: compiled %d, reference %d; frame:", len, got, want);
			for (unsigned j = 0; j < len && j < 64; j++)
				kprintf(" %02x", frame[j]);
			kprintf("\n");
			print_filters();
		}
	}
	return bad;
}

/* ---- The tests ---- */

static void test_check(void)
{
	struct dpf_atom good = eq(2, 12, 0xffff, 0x0800);
	tap_ok(dpf_check(&good, 1) == 0, "check: a good atom passes");
	struct dpf_atom sh = shift(1, 14, 0x0f, 2);
	tap_ok(dpf_check(&sh, 1) == 0, "check: the IHL shift passes");
	struct { struct dpf_atom a; const char *why; } bad[] = {
		{ { 0, 2, 12, 0xffff, 0 }, "op 0" },
		{ { 3, 2, 12, 0xffff, 0 }, "op 3" },
		{ { DPF_OP_EQ, 0, 12, 0xff, 0 }, "size 0" },
		{ { DPF_OP_EQ, 3, 12, 0xff, 0 }, "size 3" },
		{ { DPF_OP_EQ, 8, 12, 0xff, 0 }, "size 8" },
		{ { DPF_OP_EQ, 1, AEGIS_NET_MTU_FRAME, 0xff, 0 }, "offset 1514" },
		{ { DPF_OP_EQ, 1, 0xffffffffu, 0xff, 0 }, "offset 2^32-1" },
		{ { DPF_OP_EQ, 2, 12, 0, 0 }, "mask 0" },
		{ { DPF_OP_EQ, 1, 12, 0x100, 0 }, "mask past a byte" },
		{ { DPF_OP_EQ, 2, 12, 0x1ffff, 0 }, "mask past 2 bytes" },
		{ { DPF_OP_EQ, 2, 12, 0xff00, 0x0001 }, "value outside mask" },
		{ { DPF_OP_SHIFT, 1, 14, 0x0f, DPF_MAX_SHIFT + 1 }, "shift 6" },
		{ { DPF_OP_SHIFT, 4, 14, 0xffffffff, 0 }, "shift of 2^32" },
		{ { DPF_OP_SHIFT, 4, 14, 0x04000000, 5 }, "shift reaching 2^31" },
	};
	for (unsigned i = 0; i < ARRAY_SIZE(bad); i++)
		tap_ok(dpf_check(&bad[i].a, 1) == -AEGIS_EINVAL, "check refuses %s", bad[i].why);
	struct dpf_atom many[DPF_MAX_ATOMS + 1];
	for (unsigned i = 0; i <= DPF_MAX_ATOMS; i++)
		many[i] = good;
	tap_ok(dpf_check(many, 0) == -AEGIS_EINVAL, "check refuses 0 atoms");
	tap_ok(dpf_check(many, DPF_MAX_ATOMS) == 0, "check takes %d atoms", DPF_MAX_ATOMS);
	tap_ok(dpf_check(many, DPF_MAX_ATOMS + 1) == -AEGIS_ELIMIT, "check: %d atoms are -ELIMIT",
	       DPF_MAX_ATOMS + 1);
	many[5] = bad[10].a;
	tap_ok(dpf_check(many, 8) == -AEGIS_EINVAL, "check refuses a bad atom among good ones");
}

/* Table 7's ten TCP/IP connections: each frame finds its own. */
static void test_tcpip10(void)
{
	remove_all();
	int ids[10], ok = 1;
	for (int i = 0; i < 10; i++) {
		struct dpf_atom a[7] = {
			eq(2, 12, 0xffff, 0x0800), eq(1, 23, 0xff, 6), eq(4, 26, full(4), 0x12345678),
			eq(4, 30, full(4), 0x0a000002), shift(1, 14, 0x0f, 2), eq(2, 14, 0xffff, 1234),
			eq(2, 16, 0xffff, 5000 + i),
		};
		ids[i] = dpf_insert(a, 7);
		ok &= ids[i] == i;
	}
	tap_ok(ok, "ten TCP/IP filters get ids 0..9");
	kprintf("# ten TCP/IP filters: %u words of code\n", dpf_code_words());
	ok = 1;
	for (int ihl = 5; ihl <= 7; ihl++)
		for (int i = 0; i < 10; i++) {
			kmemset(frame, 0, 80);
			put_be(frame + 12, 2, 0x0800);
			frame[14] = (uint8_t)(0x40 | ihl);
			frame[23] = 6;
			put_be(frame + 26, 4, 0x12345678);
			put_be(frame + 30, 4, 0x0a000002);
			put_be(frame + 14 + 4 * ihl, 2, 1234);
			put_be(frame + 16 + 4 * ihl, 2, 5000 + i);
			int got = dpf_classify(frame, 60 + 4 * ihl);
			if (got != i) {
				kprintf("# ihl %d port %d: got %d\n", ihl, 5000 + i, got);
				ok = 0;
			}
			/* one byte short of the port: no filter */
			ok &= dpf_classify(frame, 18 + 4 * ihl - 1) == -1;
			put_be(frame + 16 + 4 * ihl, 2, 4999);
			ok &= dpf_classify(frame, 60 + 4 * ihl) == -1;
		}
	tap_ok(ok, "each TCP/IP frame goes to its connection's filter, at IHL 5..7, none when short");
}

/* Chains of 9..15 shifts (bases past the 11 registers live in the spill
   array), each base the last plus the byte it points at; frames built
   so that exactly one chain reaches its value. */
static void test_deep(void)
{
	remove_all();
	int ids[16][2], ok = 1;
	for (unsigned k = 9; k <= 15; k++)
		for (unsigned v = 0; v < 2; v++) {
			struct dpf_atom a[DPF_MAX_ATOMS];
			for (unsigned i = 0; i < k; i++)
				a[i] = shift(1, 0, 0x0f, 0);
			a[k] = eq(1, 0, 0xff, 0x40 + 16 * v + k);
			ids[k][v] = dpf_insert(a, k + 1);
			ok &= ids[k][v] >= 0;
		}
	unsigned bad = 0, n = 0;
	for (unsigned k = 9; k <= 15; k++)
		for (unsigned step = 1; step <= 3; step++)
			for (unsigned v = 0; v < 3; v++) {
				kmemset(frame, 0xee, 64);
				for (unsigned i = 0; i < k; i++)
					frame[i * step] = (uint8_t)step;
				frame[k * step] = (uint8_t)(0x40 + 16 * v + k);
				for (unsigned len = k * step; len <= k * step + 1; len++) {
					int want = len > k * step && v < 2 ? ids[k][v] : -1;
					int got = dpf_classify(frame, len), ref = dpf_ref_classify(frame, len);
					n++;
					if (got != ref || ref != want) {
						if (bad++ < 3)
							kprintf("# deep k %u step %u v %u len %u: compiled %d, "
								"reference %d, expected %d\n", k, step, v, len, got, ref, want);
					}
				}
			}
	tap_ok(ok && bad == 0, "chains of 9..15 shifts (spilled bases): %u of %u frames wrong", bad, n);
	remove_all();
}

/* Coalescing 14:2 and 16:2 into one word makes a node equal to a
   sibling that tests that word itself: both must still be tried. */
static void test_fused_twin(void)
{
	remove_all();
	struct dpf_atom a[2] = { eq(2, 14, 0xffff, 0x1234), eq(2, 16, 0xffff, 0x5678) };
	struct dpf_atom b[2] = { eq(4, 14, full(4), 0x12345678), eq(1, 20, 0xff, 7) };
	struct dpf_atom c[3] = { eq(1, 14, 0xff, 0x12), eq(1, 15, 0xff, 0x34), eq(2, 16, 0xffff, 0x5678) };
	int ia = dpf_insert(a, 2), ib = dpf_insert(b, 2), ic = dpf_insert(c, 3);
	kmemset(frame, 0, 32);
	put_be(frame + 14, 4, 0x12345678);
	int r1 = dpf_classify(frame, 32);	/* a and c: c has more atoms */
	frame[20] = 7;
	int r2 = dpf_classify(frame, 32);	/* a, b, c: c */
	dpf_remove(ic);
	int r3 = dpf_classify(frame, 32);	/* a and b: a tie, the lower id */
	dpf_remove(ia);
	int r4 = dpf_classify(frame, 32);	/* b */
	tap_ok(ia == 0 && ib == 1 && ic == 2 && r1 == ic && r2 == ic && r3 == ia && r4 == ib,
	       "fused fields beside an equal sibling: %d %d %d %d", r1, r2, r3, r4);
	remove_all();
}

static void test_sets(unsigned nsets)
{
	unsigned total = 0, matched = 0, odd = 0;
	for (unsigned s = 0; s < nsets; s++) {
		remove_all();
		unsigned nf = rn(8) ? 1 + rn(24) : 1 + rn(DPF_MAX_FILTERS);
		int style = (int)rn(10), inserted = 0, refused = 0;
		for (unsigned i = 0; i < sizeof refhdr; i++)
			refhdr[i] = (uint8_t)rnd();
		for (unsigned i = 0; i < nf; i++) {
			struct dpf_atom a[DPF_MAX_ATOMS];
			/* mostly one style per set, a few of the others mixed in */
			int st = rn(5) ? (style < 4 ? 0 : style < 6 ? 1 : style < 8 ? 2 : 3) : (int)rn(4);
			unsigned n = gen_filter(a, st);
			int id = dpf_insert(a, n);
			if (id >= 0)
				inserted++;
			else if (id == -AEGIS_ELIMIT)
				refused++;	/* code space: fine, the set is what fits */
			else if (odd++ < 3)
				kprintf("# set %u: insert said %d\n", s, id);
		}
		unsigned m = 0, bad = agree(200, &m);
		total += 200;
		matched += m;
		tap_ok(bad == 0, "set %u: %d filters (%d refused), %u words: %u of 200 frames "
		       "disagree (%u matched)", s, inserted, refused, dpf_code_words(), bad, m);
	}
	tap_ok(odd == 0, "every generated filter was taken or refused for code space (%u not)", odd);
	tap_ok(matched > total / 4, "frames that some filter took: %u of %u (the sets test something)",
	       matched, total);
}

static void test_insert_remove(unsigned ops)
{
	remove_all();
	unsigned bad = 0, frames = 0, ins = 0, rem = 0, wrong_id = 0;
	for (unsigned i = 0; i < ops; i++) {
		if (rn(3)) {
			struct dpf_atom a[DPF_MAX_ATOMS];
			unsigned n = gen_filter(a, (int)rn(4));
			int lowest = 0;
			while (lowest < DPF_MAX_FILTERS && dpf_atoms(lowest, 0))
				lowest++;
			int id = dpf_insert(a, n);
			if (id >= 0) {
				ins++;
				wrong_id += id != lowest;
			}
		} else {
			int id = (int)rn(DPF_MAX_FILTERS);
			if (dpf_atoms(id, 0))
				rem++;
			dpf_remove(id);
			wrong_id += dpf_atoms(id, 0) != 0;
		}
		bad += agree(12, 0);
		frames += 12;
	}
	tap_ok(bad == 0 && wrong_id == 0, "insert/remove: %u inserts, %u removes, %u of %u frames "
	       "disagree, %u wrong ids", ins, rem, bad, frames, wrong_id);
}

/* ExOS's TCP filters (exos/net/netif.c, netif_filter_port) churning as
   connections open and close: a few servers and ports, many local
   ports (so some collide in a value table's hash), listeners, some
   with a field left out, some twice. Most inserts and removals should
   take dpf.c's value tables (no recompile); every answer must still be
   the reference's. */
static unsigned gen_conn(struct dpf_atom *a)
{
	static const uint32_t rip[] = { 0x12345678, 0x0a000009, 0xc0a80001 };
	static const uint32_t rport[] = { 80, 8080, 21 };
	unsigned n = 0, listener = rn(8) == 0;
	a[n++] = eq(2, 12, 0xffff, 0x0800);
	a[n++] = eq(1, 14, 0xf0, 0x40);
	a[n++] = eq(1, 23, 0xff, rn(10) ? 6 : 17);
	a[n++] = eq(4, 30, full(4), 0x0a000002);
	if (rn(10))
		a[n++] = eq(2, 20, 0x3fff, 0);
	if (!listener)
		a[n++] = eq(4, 26, full(4), rip[rn(3)]);
	a[n++] = shift(1, 14, 0x0f, 2);
	a[n++] = eq(2, 16, 0xffff, 40000 + rn(300));
	if (!listener)
		a[n++] = eq(2, 14, 0xffff, rport[rn(4) ? 0 : rn(3)]);
	return n;
}

static void test_conn_churn(unsigned ops)
{
	remove_all();
	unsigned bad = 0, frames = 0, ins = 0, rem = 0, slow = 0, wrong_id = 0;
	struct dpf_atom last[DPF_MAX_ATOMS];
	unsigned nlast = 0;
	for (unsigned i = 0; i < ops; i++) {
		unsigned c0 = dpf_compiles();
		if (nids < 48 && (rn(2) || nids < 8)) {
			struct dpf_atom a[DPF_MAX_ATOMS];
			unsigned n = gen_conn(a);
			if (nlast && rn(20) == 0) {	/* the same filter again */
				kmemcpy(a, last, sizeof last);
				n = nlast;
			}
			kmemcpy(last, a, sizeof last);
			nlast = n;
			int lowest = 0;
			while (lowest < DPF_MAX_FILTERS && dpf_atoms(lowest, 0))
				lowest++;
			int id = dpf_insert(a, n);
			wrong_id += id != lowest;
			ins++;
		} else {
			int id = ids[rn((unsigned)nids)];
			dpf_remove(id);
			wrong_id += dpf_atoms(id, 0) != 0;
			rem++;
		}
		slow += dpf_compiles() != c0;
		bad += agree(12, 0);	/* (refreshes ids) */
		frames += 12;
	}
	tap_ok(bad == 0 && wrong_id == 0, "connection churn: %u inserts, %u removes, %u of %u "
	       "frames disagree, %u wrong ids", ins, rem, bad, frames, wrong_id);
	/* (a new prefix, a table's first members, a collision: recompiles) */
	tap_ok(slow < (ins + rem) / 2, "connection churn: %u of %u inserts and removals recompiled "
	       "(the rest took a value table)", slow, ins + rem);
}

static void test_limits(void)
{
	remove_all();
	int ok = 1;
	for (int i = 0; i < DPF_MAX_FILTERS; i++) {
		struct dpf_atom a[2] = { eq(2, 12, 0xffff, 0x0800), eq(2, 36, 0xffff, (uint32_t)i) };
		ok &= dpf_insert(a, 1 + (i & 1)) == i;
	}
	tap_ok(ok, "%d filters get ids 0..%d", DPF_MAX_FILTERS, DPF_MAX_FILTERS - 1);
	unsigned words = dpf_code_words();
	struct dpf_atom one = eq(1, 0, 0xff, 7);
	tap_ok(dpf_insert(&one, 1) == -AEGIS_ELIMIT, "filter %d: -ELIMIT", DPF_MAX_FILTERS + 1);
	tap_ok(dpf_code_words() == words && agree(200, 0) == 0, "and the old code still works");
	dpf_remove(77);
	tap_ok(dpf_insert(&one, 1) == 77, "a removed id is given again");
	remove_all();

	/* Code space: distinct 16-atom filters until the code is full. */
	int n = 0, r = 0;
	for (;;) {
		struct dpf_atom a[DPF_MAX_ATOMS];
		for (unsigned i = 0; i < DPF_MAX_ATOMS; i++)
			a[i] = eq(4, 4 * i + 2 * rn(2), full(4), rnd());
		words = dpf_code_words();
		r = dpf_insert(a, DPF_MAX_ATOMS);
		if (r < 0)
			break;
		n++;
	}
	tap_ok(r == -AEGIS_ELIMIT && n > 0 && n < DPF_MAX_FILTERS,
	       "code space: filter %d of 16 distinct atoms is -ELIMIT (%u words before)", n + 1, words);
	tap_ok(dpf_code_words() == words && !dpf_atoms(n, 0), "and nothing changed");
	tap_ok(agree(200, 0) == 0, "and the old code still works");
	struct dpf_atom many[DPF_MAX_ATOMS + 1];
	for (unsigned i = 0; i <= DPF_MAX_ATOMS; i++)
		many[i] = eq(1, i, 0xff, i);
	tap_ok(dpf_insert(many, DPF_MAX_ATOMS + 1) == -AEGIS_ELIMIT && dpf_code_words() == words,
	       "insert of %d atoms: -ELIMIT, nothing changed", DPF_MAX_ATOMS + 1);
	struct dpf_atom badm = eq(2, 12, 0, 0);
	tap_ok(dpf_insert(&badm, 1) == -AEGIS_EINVAL && dpf_code_words() == words,
	       "insert of a bad atom: -EINVAL, nothing changed");
	dpf_remove(-1);
	dpf_remove(DPF_MAX_FILTERS);
	dpf_remove(n + 5);
	tap_ok(dpf_code_words() == words && !dpf_atoms(-1, 0) && !dpf_atoms(DPF_MAX_FILTERS, 0),
	       "removing a free or bad id changes nothing");
	remove_all();
	tap_ok(dpf_classify(frame, 60) == -1 && dpf_code_words() <= 2, "no filters: -1 (%u words)",
	       dpf_code_words());
	/* Another alignment than word + 2: the interpreter answers. */
	struct dpf_atom t = eq(2, 12, 0xffff, 0x0800);
	dpf_insert(&t, 1);
	kmemset(fbuf, 0, 64);
	put_be(fbuf + 12, 2, 0x0800);
	tap_ok(dpf_classify(fbuf, 60) == 0 && dpf_classify(fbuf + 1, 60) == -1,
	       "a frame at another alignment is classified too");
	remove_all();
}

static void test_overlap(unsigned pairs)
{
	unsigned both = 0, wrong = 0, disjoint = 0, leaked = 0;
	refresh_ids();
	for (unsigned p = 0; p < pairs; p++) {
		struct dpf_atom a[DPF_MAX_ATOMS], b[DPF_MAX_ATOMS];
		int st = (int)rn(4);
		unsigned na = gen_filter(a, st), nb = gen_filter(b, rn(4) ? st : (int)rn(4));
		if (rn(3) == 0) {	/* b = a with a changed or added atom */
			nb = na;
			kmemcpy(b, a, sizeof a);
			if (nb < DPF_MAX_ATOMS && rn(2))
				b[nb++] = gen_atom();
			else
				b[rn(nb)] = gen_atom();
		}
		int ov = dpf_overlap(a, na, b, nb);
		/* Try to build a frame matching both. */
		for (int t = 0; t < 4; t++) {
			random_bytes(AEGIS_NET_MTU_FRAME);
			unsigned r1 = t & 1 ? satisfy(b, nb) : satisfy(a, na);
			unsigned r2 = t & 1 ? satisfy(a, na) : satisfy(b, nb);
			unsigned len = frame_len(r1 > r2 ? r1 : r2);
			if (dpf_ref_match(a, na, frame, len) && dpf_ref_match(b, nb, frame, len)) {
				both++;
				if (!ov && wrong++ < 3)
					kprintf("# pair %u: a frame matches both, overlap said 0\n", p);
				break;
			}
		}
		if (ov)
			continue;
		disjoint++;
		for (int t = 0; t < 40; t++) {
			unsigned len = gen_frame();
			if (t & 1) {
				unsigned r = satisfy(t & 2 ? a : b, t & 2 ? na : nb);
				len = frame_len(r ? r : 60);
			}
			if (dpf_ref_match(a, na, frame, len) && dpf_ref_match(b, nb, frame, len))
				leaked++;
		}
	}
	tap_ok(wrong == 0, "overlap: every pair with a frame matching both says 1 (%u such of %u)",
	       both, pairs);
	tap_ok(leaked == 0, "overlap: no frame matches both of a pair it calls disjoint (%u such pairs)",
	       disjoint);
	tap_ok(both > pairs / 10 && disjoint > pairs / 10, "overlap: both kinds are common enough");

	/* By hand: two connections, one connection and its host's filter. */
	struct dpf_atom c1[7] = { eq(2, 12, 0xffff, 0x0800), eq(1, 23, 0xff, 6), eq(4, 26, full(4), 1),
		eq(4, 30, full(4), 2), shift(1, 14, 0x0f, 2), eq(2, 14, 0xffff, 80), eq(2, 16, 0xffff, 1000) };
	struct dpf_atom c2[7];
	kmemcpy(c2, c1, sizeof c1);
	c2[6] = eq(2, 16, 0xffff, 1001);
	tap_ok(dpf_overlap(c1, 7, c2, 7) == 0, "overlap: connections to two ports are disjoint");
	tap_ok(dpf_overlap(c1, 7, c1, 7) == 1, "overlap: a filter overlaps itself");
	tap_ok(dpf_overlap(c1, 7, c1, 4) == 1, "overlap: a connection overlaps its host's filter");
	c2[4] = shift(1, 14, 0x0f, 1);
	tap_ok(dpf_overlap(c1, 7, c2, 7) == 1, "overlap: ports after different shifts may meet");
	struct dpf_atom lo = eq(1, 16, 0xf0, 0x10), hi = eq(2, 16, 0x0fff, 0x0234);
	tap_ok(dpf_overlap(&lo, 1, &hi, 1) == 1, "overlap: disjoint mask bits of a byte agree");
	hi = eq(2, 16, 0xffff, 0x2034);
	tap_ok(dpf_overlap(&lo, 1, &hi, 1) == 0, "overlap: common mask bits that differ");
}

void kmain(void)
{
	const char *seed = boot_arg_value("seed=");
	if (seed) {
		rs = 0;
		while (*seed >= '0' && *seed <= '9')
			rs = rs * 10 + (uint32_t)(*seed++ - '0');
		if (!rs)
			rs = 1;
	}
	kprintf("# dpftest: seed %u\n", (unsigned)rs);
	test_check();
	test_tcpip10();
	test_limits();
	test_deep();
	test_fused_twin();
	test_sets(40);
	test_insert_remove(400);
	test_conn_churn(1500);
	test_overlap(800);
	tap_done();
}
