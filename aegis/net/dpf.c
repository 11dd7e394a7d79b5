/*
 * net/dpf.c - DPF (Engler & Kaashoek, SIGCOMM '96): every filter merged
 * into one trie (common atom prefixes shared) and the trie compiled to
 * MIPS I code whenever a filter comes or goes. The code has the
 * constants in its instructions, byte-swapped at compile time (the
 * machine is little-endian, fields are big-endian), loads fields as
 * wide as their alignment allows (the frame is word-aligned + 2; a
 * shift of value v keeps alignment only mod 2^v), coalesces an atom
 * with the adjacent field its children all test (14:2 and 16:2 -> one
 * word), checks bounds once per base and subtree rather than per atom,
 * dispatches among siblings that test one field for different values by
 * a hash into a jump table, a compare chain or a binary search, fills
 * branch delay slots and
 * keeps load delay slots (the R3000 does not interlock loads).
 *
 * Semantics (<aegis/net.h>, dpf_ref.c is the plain version): the filter
 * with the most atoms among those that match wins, ties to the lower id.
 * The code walks the trie depth first; at a node that ends filter id it
 * records the key depth << 8 | (id ^ 0xff) in v1 if larger than v1's
 * (compile-time knowledge of what v1 may hold often makes that a plain
 * move, or a return when nothing later can beat it), and at the end
 * answers 255 - (v1 & 0xff), or -1 if v1 is 0.
 *
 * Registers of the compiled function (o32, a leaf, no stack): a0 the
 * frame, a1 its length, v1 the best key, t0 the field, t1 constants and
 * bounds; the bases after shifts in v0, a2, a3, t2-t9 (11 levels), and
 * deeper ones in the static spill[] through at.
 */
#include "dpf.h"
#include "dpf_mips.h"
#include <aegis/syscall.h>
#include "rt.h"

/* ---- The filters (the truth; the trie and code are made from it) ---- */
static struct {
	unsigned n;			/* 0: the id is free */
	struct dpf_atom a[DPF_MAX_ATOMS];
} filt[DPF_MAX_FILTERS];

/* ---- The live code ---- */
static uint32_t code[DPF_CODE_WORDS] __attribute__((aligned(16), section(".bss.hot.dpf_code")));	/* rt/rt.ld */
static unsigned code_n;			/* 0: no code yet, classify answers -1 */
static int use_ref;			/* a removal could not recompile: interpret */
static uint32_t spill[DPF_MAX_ATOMS + 1];	/* bases of shift depth > NBREG */

/* ---- The trie (scratch: rebuilt from filt[] by every compile) ---- */
#define MAX_NODES	(1 + DPF_MAX_FILTERS * DPF_MAX_ATOMS)
struct node {
	struct dpf_atom a;		/* after coalescing: maybe 2 atoms in one */
	int16_t child, sib;		/* first child, next sibling; -1 none */
	int16_t parent, tail;		/* build(): the trie's index, the last child */
	int16_t term;			/* the (lowest) filter ending here, or -1 */
	uint16_t key;			/* term's key: depth << 8 | (id ^ 0xff) */
	uint16_t maxkey;		/* the largest key in the subtree, 0 none */
	uint16_t req;			/* extent from the base every filter here needs */
	uint16_t creq;			/* a shift's: extent from its new base */
	uint8_t newrun;			/* starts a group of siblings (regroup) */
	uint8_t tabok;			/* heads a group a value table may hold */
	uint8_t nends;			/* filters ending here */
	uint16_t kbound;		/* a table member's leaf: the keys it may get */
};
static struct node nd[MAX_NODES];
static int nnodes;
static int16_t fleaf[DPF_MAX_FILTERS];	/* build(): the node a filter ends at */
static int16_t scratch[MAX_NODES];	/* regroup's and dispatch's lists */
static int nscratch;

static int same_atom(const struct dpf_atom *x, const struct dpf_atom *y)
{
	return x->op == y->op && x->size == y->size && x->offset == y->offset &&
	       x->mask == y->mask && x->value == y->value;
}

/* Same field, so exclusive siblings when their values differ. */
static int same_field(const struct dpf_atom *x, const struct dpf_atom *y)
{
	return x->op == DPF_OP_EQ && y->op == DPF_OP_EQ && x->size == y->size &&
	       x->offset == y->offset && x->mask == y->mask;
}

static int new_node(const struct dpf_atom *a)
{
	struct node *n = &nd[nnodes];
	if (a)
		n->a = *a;
	n->child = n->sib = n->term = -1;
	n->key = n->maxkey = n->req = n->creq = 0;
	n->newrun = n->tabok = n->nends = 0;
	n->kbound = 0;
	n->parent = n->tail = -1;
	return nnodes++;
}

/* build()'s index of (parent, atom) -> child, and regroup()'s of the
   values in a run: open addressing, emptied by a new generation. */
#define HBITS	12
static uint16_t hnode[1 << HBITS], hgen[1 << HBITS], gen;

static void next_gen(void)
{
	if (++gen == 0) {
		kmemset(hgen, 0, sizeof hgen);
		gen = 1;
	}
}

static unsigned hash_atom(int parent, const struct dpf_atom *a)
{
	/* shifts and xors: the R3000 multiplies in 12 cycles */
	uint32_t h = (uint32_t)parent << 5 ^ a->offset << 2 ^ a->mask ^ a->value ^ a->size;
	return (h ^ h >> 11 ^ h >> 22) & ((1u << HBITS) - 1);
}

/* Merge every filter into the trie, in id order (so the first to end at
   a node is the lowest id). */
static void build(void)
{
	nnodes = 0;
	new_node(0);
	nd[0].parent = -1;
	next_gen();
	for (int id = 0; id < DPF_MAX_FILTERS; id++) {
		int cur = 0;
		for (unsigned i = 0; i < filt[id].n; i++) {
			const struct dpf_atom *a = &filt[id].a[i];
			unsigned h = hash_atom(cur, a);
			int c = -1;
			for (; hgen[h] == gen; h = (h + 1) & ((1u << HBITS) - 1))
				if (nd[hnode[h]].parent == cur && same_atom(&nd[hnode[h]].a, a)) {
					c = hnode[h];
					break;
				}
			if (c < 0) {
				c = new_node(a);
				nd[c].parent = (int16_t)cur;
				hgen[h] = gen;
				hnode[h] = (uint16_t)c;
				if (nd[cur].child < 0)	/* children in the order they came */
					nd[cur].child = (int16_t)c;
				else
					nd[nd[cur].tail].sib = (int16_t)c;
				nd[cur].tail = (int16_t)c;
			}
			cur = c;
		}
		if (!filt[id].n)
			continue;
		fleaf[id] = (int16_t)cur;
		nd[cur].nends++;
		if (nd[cur].term < 0) {
			nd[cur].term = (int16_t)id;
			nd[cur].key = (uint16_t)(filt[id].n << 8 | (id ^ 0xff));
		}
	}
}

/* regroup()'s set of the values in one run of siblings. */
static uint32_t rval[256];
static uint16_t rgen[256], rg;

static void run_new(void)
{
	if (++rg == 0) {
		kmemset(rgen, 0, sizeof rgen);
		rg = 1;
	}
}

/* Is value in the run already? If not, it is now. (A run holds at most
   DPF_MAX_FILTERS values: the table never fills.) */
static int run_has(uint32_t value)
{
	unsigned h = (value ^ value >> 8 ^ value >> 16 ^ value >> 24) & 255;
	for (; rgen[h] == rg; h = (h + 1) & 255)
		if (rval[h] == value)
			return 1;
	rgen[h] = rg;
	rval[h] = value;
	return 0;
}

/* Can node c (a child of p) be fused with the field its children all
   test right after its own (a 2-byte port and the next -> one word)? */
static int can_coalesce(int p, int c)
{
	const struct dpf_atom *a = &nd[c].a;
	if (a->op != DPF_OP_EQ || nd[c].term >= 0 || nd[c].child < 0)
		return 0;
	for (int s = nd[p].child; s >= 0; s = nd[s].sib)
		if (s != c && same_field(&nd[s].a, a))
			return 0;	/* c is one of a dispatch: leave it there */
	const struct dpf_atom *g0 = &nd[nd[c].child].a;
	if (g0->op != DPF_OP_EQ || g0->offset != a->offset + a->size ||
	    (a->size + g0->size != 2 && a->size + g0->size != 4))
		return 0;
	for (int g = nd[c].child; g >= 0; g = nd[g].sib)
		if (!same_field(&nd[g].a, g0))
			return 0;
	return 1;
}

static void coalesce(int p)
{
	int prev = -1;
	for (int c = nd[p].child; c >= 0;) {
		if (!can_coalesce(p, c)) {
			prev = c;
			c = nd[c].sib;
			continue;
		}
		/* Replace c by its children, each now testing both fields. */
		const struct dpf_atom a = nd[c].a;
		int first = nd[c].child, last = first;
		for (int g = first; g >= 0; last = g, g = nd[g].sib) {
			unsigned sh = 8 * nd[g].a.size;
			nd[g].a.mask |= a.mask << sh;
			nd[g].a.value |= a.value << sh;
			nd[g].a.size = (unsigned short)(nd[g].a.size + a.size);
			nd[g].a.offset = a.offset;
		}
		nd[last].sib = nd[c].sib;
		if (prev < 0)
			nd[p].child = (int16_t)first;
		else
			nd[prev].sib = (int16_t)first;
		c = first;	/* and try again: 1 + 1 -> 2 + 2 -> 4 */
	}
	for (int c = nd[p].child; c >= 0; c = nd[c].sib)
		coalesce(c);
}

/* Put siblings that test the same field next to each other: one
   dispatch among them (they are exclusive: at most one value matches).
   Two with the same value (coalescing can make a node equal to a
   sibling: 14:2 and 16:2 fused beside a 14:4) both may match, so the
   second goes to a group of its own. */
static void regroup(void)
{
	for (int p = 0; p < nnodes; p++) {
		int k = 0, out = -1, last = -1;
		for (int c = nd[p].child; c >= 0; c = nd[c].sib)
			scratch[k++] = (int16_t)c;
		while (k > 0) {
			/* One run: the first left, and the others of its field. */
			int head = scratch[0], left = 0;
			if (last < 0)
				out = head;
			else
				nd[last].sib = (int16_t)head;
			nd[head].newrun = 1;
			last = head;
			run_new();
			run_has(nd[head].a.value);
			for (int j = 1; j < k; j++) {
				int c = scratch[j];
				if (!same_field(&nd[c].a, &nd[head].a) || run_has(nd[c].a.value)) {
					scratch[left++] = (int16_t)c;
					continue;
				}
				nd[last].sib = (int16_t)c;
				nd[c].newrun = 0;
				last = c;
			}
			k = left;
		}
		if (last >= 0)
			nd[last].sib = -1;
		nd[p].child = (int16_t)out;
	}
}

static unsigned ext(int c)
{
	return nd[c].a.offset + nd[c].a.size;
}

/* What the node's children need in the base they see (the node's own,
   or a shift's new one): the least any of them needs. */
static unsigned children_req(int n)
{
	unsigned r = ~0u;
	if (nd[n].term >= 0 || nd[n].child < 0)
		return 0;	/* a filter ends here: its children may all fail */
	for (int c = nd[n].child; c >= 0; c = nd[c].sib) {
		unsigned rc = nd[c].a.op == DPF_OP_EQ ? nd[c].req : ext(c);
		if (rc < r)
			r = rc;
	}
	return r;
}

static void compute(int n)
{
	unsigned mk = nd[n].term >= 0 ? nd[n].key : 0;
	if (nd[n].kbound > mk)
		mk = nd[n].kbound;	/* a table's: what fast inserts may add */
	for (int c = nd[n].child; c >= 0; c = nd[c].sib) {
		compute(c);
		if (nd[c].maxkey > mk)
			mk = nd[c].maxkey;
	}
	nd[n].maxkey = (uint16_t)mk;
	if (n == 0)
		return;
	unsigned e = ext(n), cr = children_req(n);
	if (nd[n].a.op == DPF_OP_EQ) {
		nd[n].req = (uint16_t)(cr > e ? cr : e);
	} else {
		nd[n].req = (uint16_t)e;
		nd[n].creq = (uint16_t)cr;
	}
}

/* ---- Value tables: inserts and removals without a recompile ----
 * DPF hashes the many values one position takes (SIGCOMM '96, section
 * 3.2) and inserts a filter by changing only the trie node where it
 * branches. Here a group of siblings that are all chains of the same
 * EQ fields, each ending one filter (TCP connections: our port, then
 * the server's), compiles to a lookup in a table of data: the entry at
 * thash(first field) holds the chain's values and the key to record. A
 * filter whose atoms are the table's representative's but for the
 * chain's values then goes in by writing one entry, and out by clearing
 * it: no code changes, no I-cache flush. Anything else recompiles. The
 * code assumes of a table's keys only that they lie between
 * nmin << 8 and its leaves' kbound (nmax << 8 | 0xff), which such
 * inserts keep (they have the representative's nmax atoms). The hash
 * is the field's bits from the lowest that differs among the members
 * (a port counting up: its low byte), so that values to come likely
 * find free entries; an insert that meets a taken one recompiles. An
 * empty entry s holds (s ^ 1) << sh as its first value: that value
 * hashes elsewhere, so no frame's field ever equals it at s. */
#define TAB_CHAIN	3	/* fields one chain may test */
#define TAB_MIN		2	/* members that make a table */
#define TAB_MIN_SIZE	32	/* entries; at least 4 per member at compile time */
#define TAB_MAX_SIZE	256	/* its index, shifted, fits andi */
#define TAB_MAX		32	/* tables */
#define POOL_WORDS	4096
struct tab {
	uint32_t *w;		/* size entries of stride(L) words: v0..v(L-1), key */
	unsigned size, lg;	/* entries (a power of 2); log2 of an entry's bytes */
	unsigned sh;		/* thash: the entry is (v0 >> sh) & (size - 1) */
	unsigned L, R;		/* chain fields; the representative's atoms they fuse */
	unsigned n;		/* the representative's atoms */
	uint8_t rcnt[TAB_CHAIN], fsize[TAB_CHAIN];	/* per field: atoms, bytes */
	struct dpf_atom rep[DPF_MAX_ATOMS];
};
/* Two sets: compile() fills the one not live, which goes live with the
   code only if the compile succeeds (a failure leaves all as it was). */
static struct tabset {
	struct tab t[TAB_MAX];
	int nt;
	unsigned used;			/* pool words */
	int8_t ftab[DPF_MAX_FILTERS];	/* the table a filter alone has an entry in, or -1 */
	uint8_t fslot[DPF_MAX_FILTERS];	/* and the entry */
} tset[2];
static uint32_t pool[2][POOL_WORDS] __attribute__((aligned(16)));
static int tlive;			/* tset[tlive], pool[tlive] go with code[] */
static unsigned ncompiles;

static unsigned stride(unsigned L)
{
	return L == 1 ? 2 : 4;
}

/* The generated code computes the same (srl, andi). */
static unsigned thash(uint32_t v, unsigned sh, unsigned size)
{
	return v >> sh & (size - 1);
}

/* Member m's chain into nodes[]: EQ nodes, each but the last with no
   filter ending and one child, the last a leaf ending one. Its length,
   or 0 if m is no chain. */
static unsigned chain(int m, int *nodes)
{
	unsigned L = 0;
	for (int c = m;; c = nd[c].child) {
		if (L == TAB_CHAIN || nd[c].a.op != DPF_OP_EQ)
			return 0;
		nodes[L++] = c;
		if (nd[c].child < 0)
			return nd[c].term >= 0 ? L : 0;
		if (nd[c].term >= 0 || nd[nd[c].child].sib >= 0)
			return 0;
	}
}

/* After regroup: mark each group whose members are chains of the same
   fields (TAB_MIN or more) and bound its leaves' keys for compute(). */
static void mark_tables(int p)
{
	for (int c = nd[p].child; c >= 0;) {
		int end = nd[c].sib;
		while (end >= 0 && !nd[end].newrun)
			end = nd[end].sib;
		int first[TAB_CHAIN], ch[TAB_CHAIN], k = 0, ok = 1;
		unsigned L0 = 0, nmax = 0;
		for (int m = c; m != end && ok; m = nd[m].sib, k++) {
			unsigned L = chain(m, ch);
			if (!L || (k && L != L0)) {
				ok = 0;
				break;
			}
			if (!k) {
				L0 = L;
				for (unsigned j = 0; j < L; j++)
					first[j] = ch[j];
			}
			for (unsigned j = 1; j < L; j++)
				if (!same_field(&nd[ch[j]].a, &nd[first[j]].a))
					ok = 0;
			if ((unsigned)nd[ch[L - 1]].key >> 8 > nmax)
				nmax = nd[ch[L - 1]].key >> 8;
		}
		if (ok && k >= TAB_MIN) {
			nd[c].tabok = 1;
			for (int m = c; m != end; m = nd[m].sib)
				nd[ch[chain(m, ch) - 1]].kbound = (uint16_t)(nmax << 8 | 0xff);
		}
		c = end;
	}
	for (int c = nd[p].child; c >= 0; c = nd[c].sib)
		mark_tables(c);
}

static uint32_t swapn(uint32_t v, unsigned size);

/* A filter's chain values as the table holds them (swapped, fused as
   the representative's atoms are). */
static void chain_values(const struct tab *t, const struct dpf_atom *a, unsigned n, uint32_t *v)
{
	unsigned i = n - t->R;
	for (unsigned j = 0; j < t->L; j++) {
		uint32_t x = 0;
		for (unsigned c = 0; c < t->rcnt[j]; c++, i++)
			x = a[i].size == 4 ? a[i].value : x << 8 * a[i].size | a[i].value;
		v[j] = swapn(x, t->fsize[j]);
	}
}

/* Build the table of group first..end in the set not live: its index,
   or -1 (then the group compiles to code as before). *nmin: the fewest
   atoms a member's filter has. */
static int make_table(int first, int end, unsigned *nmin)
{
	struct tabset *S = &tset[tlive ^ 1];
	if (S->nt >= TAB_MAX)
		return -1;
	struct tab *t = &S->t[S->nt];
	int ch[TAB_CHAIN], k = 0, rep = -1, mrep = first;
	unsigned L = chain(first, ch);
	static uint32_t v0[DPF_MAX_FILTERS];
	*nmin = DPF_MAX_ATOMS;
	for (int m = first; m != end; m = nd[m].sib, k++) {
		int leaf = ch[chain(m, ch) - 1], id = nd[leaf].term;
		if (rep < 0 || filt[id].n > filt[rep].n)
			rep = id, mrep = m;
		if (filt[id].n < *nmin)
			*nmin = filt[id].n;
		v0[k] = swapn(nd[m].a.value, nd[m].a.size);
	}
	/* Which of the representative's atoms each field fuses, from its end. */
	chain(mrep, ch);
	const struct dpf_atom *ra = filt[rep].a;
	unsigned i = filt[rep].n;
	for (int j = (int)L - 1; j >= 0; j--) {
		unsigned sum = 0, cnt = 0, size = nd[ch[j]].a.size;
		while (sum < size && i > 0) {
			i--;
			sum += ra[i].size;
			cnt++;
			if (ra[i].op != DPF_OP_EQ)
				return -1;
		}
		if (sum != size || ra[i].offset != nd[ch[j]].a.offset)
			return -1;
		t->rcnt[j] = (uint8_t)cnt;
		t->fsize[j] = (uint8_t)size;
	}
	t->L = L;
	t->R = filt[rep].n - i;
	t->n = filt[rep].n;
	/* and they make its values (else no table: it is not understood) */
	uint32_t v[TAB_CHAIN];
	chain_values(t, ra, t->n, v);
	for (unsigned j = 0; j < L; j++)
		if (v[j] != swapn(nd[ch[j]].a.value, nd[ch[j]].a.size))
			return -1;
	/* The smallest size, and a shift (the lowest differing bit first),
	   with no two members in one entry. */
	uint32_t diff = 0;
	unsigned low = 0, size = TAB_MIN_SIZE, sh = 0, bits = 5, found = 0;
	for (int c = 1; c < k; c++)
		diff |= v0[c] ^ v0[0];
	while (low < 31 && !(diff >> low & 1))
		low++;
	while (size < 4 * (unsigned)k)
		size <<= 1, bits++;
	for (; !found && size <= TAB_MAX_SIZE; size <<= 1, bits++) {
		for (unsigned i = 0; !found && i <= 33 - bits; i++) {
			sh = i == 0 ? (low + bits <= 32 ? low : 32 - bits) : i - 1;
			uint32_t seen[TAB_MAX_SIZE / 32] = { 0 };
			int c;
			for (c = 0; c < k; c++) {
				unsigned h = thash(v0[c], sh, size);
				if (seen[h >> 5] >> (h & 31) & 1)
					break;
				seen[h >> 5] |= 1u << (h & 31);
			}
			found = c == k;
		}
		if (found)
			break;
	}
	if (!found)
		return -1;
	unsigned sw = stride(L), words = size * sw;
	if (S->used + words > POOL_WORDS)
		return -1;
	t->w = &pool[tlive ^ 1][S->used];
	S->used += words;
	t->size = size;
	t->sh = sh;
	t->lg = sw == 2 ? 3 : 4;
	for (unsigned s = 0; s < size; s++) {
		for (unsigned j = 0; j < sw; j++)
			t->w[s * sw + j] = 0;
		t->w[s * sw] = (s ^ 1) << sh;
	}
	for (int m = first; m != end; m = nd[m].sib) {
		chain(m, ch);
		int leaf = ch[L - 1];
		unsigned s = thash(swapn(nd[m].a.value, nd[m].a.size), sh, size);
		uint32_t *e = &t->w[s * sw];
		for (unsigned j = 0; j < L; j++)
			e[j] = swapn(nd[ch[j]].a.value, nd[ch[j]].a.size);
		e[L] = nd[leaf].key;
		if (nd[leaf].nends == 1) {	/* else a removal must recompile */
			S->ftab[nd[leaf].term] = (int8_t)S->nt;
			S->fslot[nd[leaf].term] = (uint8_t)s;
		}
	}
	kmemcpy(t->rep, ra, t->n * sizeof *ra);
	return S->nt++;
}

/* A filter into a live table, if it fits one (its entry free): 1. */
static int fast_insert(int id, const struct dpf_atom *a, unsigned n)
{
	struct tabset *S = &tset[tlive];
	if (use_ref || !code_n)
		return 0;
	for (int ti = 0; ti < S->nt; ti++) {
		const struct tab *t = &S->t[ti];
		if (t->n != n)
			continue;
		unsigned i, split = n - t->R;
		for (i = 0; i < split && same_atom(&a[i], &t->rep[i]); i++)
			;
		if (i < split)
			continue;	/* another prefix */
		for (; i < n; i++) {
			const struct dpf_atom *r = &t->rep[i];
			if (a[i].op != r->op || a[i].size != r->size || a[i].offset != r->offset ||
			    a[i].mask != r->mask)
				break;
		}
		if (i < n)
			continue;
		uint32_t v[TAB_CHAIN];
		chain_values(t, a, n, v);
		unsigned s = thash(v[0], t->sh, t->size);
		uint32_t *e = &t->w[s * stride(t->L)];
		if (e[t->L])
			return 0;	/* a collision or the same values: recompile */
		for (unsigned j = 1; j < t->L; j++)
			e[j] = v[j];
		e[t->L] = n << 8 | ((unsigned)id ^ 0xff);
		e[0] = v[0];
		S->ftab[id] = (int8_t)ti;
		S->fslot[id] = (uint8_t)s;
		return 1;
	}
	return 0;
}

/* Clear filter id's entry if it alone has one: 1. */
static int fast_remove(int id)
{
	struct tabset *S = &tset[tlive];
	int ti = S->ftab[id];
	if (use_ref || ti < 0 || ti >= S->nt)
		return 0;
	const struct tab *t = &S->t[ti];
	unsigned s = S->fslot[id];
	uint32_t *e = &t->w[s * stride(t->L)];
	e[0] = (s ^ 1) << t->sh;
	e[t->L] = 0;
	S->ftab[id] = -1;
	return 1;
}

/* ---- The instruction list the generator emits, before layout ---- */
enum { K_OP, K_BR, K_JR, K_LABEL, K_DEAD, K_RHI, K_RLO };	/* RHI, RLO: a label's %hi, %lo */
#define F_LOAD		0x01	/* a load: the next instruction must not use it */
#define F_MERGE		0x02	/* lwl/lwr: merges into rt (back to back is fine) */
#define F_NOHOIST	0x04	/* never move into a delay slot */
#define F_DSEMPTY	0x08	/* an empty delay slot (a nop) to fill */
#define F_DSFIXED	0x10	/* a branch whose delay slot the generator set */
#define F_UNCOND	0x20	/* b: nothing falls through */
#define F_NOPAFTER	0x40	/* layout: a nop after this load */
struct ins {
	uint32_t w;		/* the instruction (a branch's offset 0) */
	uint32_t def, use;	/* registers written and read, as bits */
	uint16_t label;		/* a branch's target, a label's number */
	uint8_t kind, flags;
};
#define IR_MAX		(DPF_CODE_WORDS + DPF_CODE_WORDS / 2)	/* with labels; past it: -ELIMIT */
#define LAB_MAX		DPF_CODE_WORDS
static struct ins ir[IR_MAX];
static int nir, nlab, overflow, just_checked, used_v1;
static uint32_t lab_live[LAB_MAX];	/* registers live at the label */
static uint16_t lab_pos[LAB_MAX];

static uint32_t bit(unsigned r)
{
	return r ? 1u << r : 0;
}

static void put(uint32_t w, uint32_t def, uint32_t use, unsigned kind, unsigned flags, unsigned label)
{
	if (nir >= IR_MAX) {
		overflow = 1;
		return;
	}
	struct ins *p = &ir[nir++];
	p->w = w;
	p->def = def & ~1u;
	p->use = use & ~1u;
	p->kind = (uint8_t)kind;
	p->flags = (uint8_t)flags;
	p->label = (uint16_t)label;
}

/* An ALU instruction writing d and reading s and t. */
static void op(uint32_t w, unsigned d, unsigned s, unsigned t)
{
	put(w, bit(d), bit(s) | bit(t), K_OP, 0, 0);
}

/* A load. Right after a bounds check it may not move above that
   check's branch: it is what the check guards. */
static void ld(uint32_t w, unsigned rt, unsigned base, int merge)
{
	put(w, bit(rt), bit(base) | (merge ? bit(rt) : 0), K_OP,
	    F_LOAD | (merge ? F_MERGE : 0) | (just_checked ? F_NOHOIST : 0), 0);
}

static unsigned new_label(uint32_t live)
{
	if (nlab >= LAB_MAX) {
		overflow = 1;
		return 0;
	}
	lab_live[nlab] = live;
	return (unsigned)nlab++;
}

static void place(unsigned label)
{
	put(0, 0, 0, K_LABEL, 0, label);
}

/* A conditional branch with an empty delay slot for the filler. */
static void br(uint32_t w, unsigned rs, unsigned rt, unsigned label)
{
	put(w, 0, bit(rs) | bit(rt), K_BR, 0, label);
	put(mips_nop(), 0, 0, K_OP, F_DSEMPTY | F_NOHOIST, 0);
	just_checked = 0;
}

static void br_uncond(unsigned label)
{
	put(mips_beq(R_ZERO, R_ZERO, 0), 0, 0, K_BR, F_UNCOND, label);
	put(mips_nop(), 0, 0, K_OP, F_NOHOIST, 0);
}

/* A branch whose delay-slot instruction (ds, writing d, reading s, t)
   belongs to both paths by design. */
static void br_ds(uint32_t w, unsigned rs, unsigned rt, unsigned label,
		  uint32_t ds, unsigned d, unsigned s, unsigned t)
{
	put(w, 0, bit(rs) | bit(rt), K_BR, F_DSFIXED, label);
	put(ds, bit(d), bit(s) | bit(t), K_OP, F_NOHOIST, 0);
	just_checked = 0;
}

static void ret_ds(uint32_t ds, unsigned d, unsigned s)
{
	put(mips_jr(R_RA), 0, bit(R_RA), K_JR, 0, 0);
	put(ds, bit(d), bit(s), K_OP, F_NOHOIST, 0);
}

/* ---- Layout: fill delay slots, keep load delays, resolve branches ---- */

/* A conditional branch's empty slot takes the instruction after it when
   that is harmless on the taken path too: it writes nothing live at the
   target, and is not a load the branch's own bounds check guards. */
static void fill_delay_slots(void)
{
	for (int i = 0; i + 2 < nir; i++) {
		struct ins *b = &ir[i], *j = &ir[i + 2];
		if (b->kind != K_BR || (b->flags & (F_DSFIXED | F_UNCOND)))
			continue;
		if (j->kind != K_OP || (j->flags & F_NOHOIST) || (j->def & lab_live[b->label]))
			continue;
		ir[i + 1] = *j;
		j->kind = K_DEAD;
	}
}

/* The R3000 does not interlock: the instruction after a load sees the
   register's old value (lwl/lwr excepted, they merge the pending load). */
static void keep_load_delays(void)
{
	for (int i = 0; i < nir; i++) {
		if (ir[i].kind != K_OP || !(ir[i].flags & F_LOAD))
			continue;
		int j = i + 1;
		while (j < nir && (ir[j].kind == K_LABEL || ir[j].kind == K_DEAD))
			j++;
		if (j >= nir || !(ir[j].use & ir[i].def))
			continue;
		if ((ir[i].flags & F_MERGE) && (ir[j].flags & F_MERGE) && ir[j].def == ir[i].def)
			continue;
		ir[i].flags |= F_NOPAFTER;
	}
}

/* Words the layout takes (labels placed), or more than the limit. */
static unsigned layout(void)
{
	unsigned pos = 0;
	for (int i = 0; i < nir; i++) {
		if (ir[i].kind == K_LABEL)
			lab_pos[ir[i].label] = (uint16_t)pos;
		else if (ir[i].kind != K_DEAD)
			pos += (ir[i].flags & F_NOPAFTER) ? 2 : 1;
		if (pos > DPF_CODE_WORDS)
			return pos;
	}
	return pos;
}

static void assemble(uint32_t *out)
{
	uint32_t at = (uint32_t)(uintptr_t)out;
	unsigned pos = 0;
	for (int i = 0; i < nir; i++) {
		const struct ins *p = &ir[i];
		if (p->kind == K_LABEL || p->kind == K_DEAD)
			continue;
		uint32_t w = p->w;
		uint32_t to = at + 4u * lab_pos[p->label];
		if (p->kind == K_BR)
			w |= (uint32_t)(lab_pos[p->label] - (pos + 1)) & 0xffff;
		else if (p->kind == K_RHI)
			w |= ((to + 0x8000) >> 16) & 0xffff;
		else if (p->kind == K_RLO)
			w |= to & 0xffff;
		out[pos++] = w;
		if (p->flags & F_NOPAFTER)
			out[pos++] = mips_nop();
	}
}

/* ---- The generator ---- */
#define R_F	R_T0		/* the field */
#define R_K	R_T1		/* constants, bounds */
#define R_BEST	R_V1
static const uint8_t breg[] = { R_V0, R_A2, R_A3, R_T2, R_T3, R_T4, R_T5, R_T6, R_T7, R_T8, R_T9 };
#define NBREG	((int)sizeof(breg))

struct ctx {
	int depth;		/* shifts so far: which base */
	unsigned proven;	/* extent from the base known to be in the frame */
	unsigned amod, ares;	/* the base's address is ares mod amod */
	unsigned maxk_in;	/* the largest key v1 may hold here */
	unsigned maxk_after;	/* the largest key code after this part may record */
};

static uint32_t live(int depth, int field)
{
	uint32_t m = bit(R_A0) | bit(R_A1) | bit(R_BEST) | bit(R_RA);
	for (int d = 1; d <= depth && d <= NBREG; d++)
		m |= bit(breg[d - 1]);
	if (depth > NBREG)
		m |= bit(R_AT);
	return m | (field ? bit(R_F) : 0);
}

static uint32_t spill_addr(int depth)
{
	return (uint32_t)(uintptr_t)&spill[depth];
}

/* The register holding base depth (reloading a spilled one into at). */
static unsigned base_reg(int depth)
{
	if (depth == 0)
		return R_A0;
	if (depth <= NBREG)
		return breg[depth - 1];
	uint32_t a = spill_addr(depth);
	op(mips_lui(R_AT, (a + 0x8000) >> 16), R_AT, 0, 0);
	put(mips_lw(R_AT, (int16_t)(a & 0xffff), R_AT), bit(R_AT), bit(R_AT), K_OP, F_LOAD, 0);
	return R_AT;
}

/* r = c: the register to compare with (zero needs none). */
static unsigned konst(unsigned r, uint32_t c)
{
	if (c == 0)
		return R_ZERO;
	if (c <= 0xffff) {
		op(mips_ori(r, R_ZERO, c), r, 0, 0);
	} else {
		op(mips_lui(r, c >> 16), r, 0, 0);
		if (c & 0xffff)
			op(mips_ori(r, r, c & 0xffff), r, r, 0);
	}
	return r;
}

/* Go to fail unless the frame holds extent bytes from base B. */
static void check(const struct ctx *x, unsigned B, unsigned extent, unsigned fail)
{
	if (x->depth == 0) {
		op(mips_sltiu(R_K, R_A1, (int)extent), R_K, R_A1, 0);
	} else {
		op(mips_subu(R_K, B, R_A0), R_K, B, R_A0);
		op(mips_addiu(R_K, R_K, (int)extent), R_K, R_K, 0);
		op(mips_sltu(R_K, R_A1, R_K), R_K, R_A1, R_K);
	}
	br(mips_bne(R_K, R_ZERO, 0), R_K, R_ZERO, fail);
	just_checked = 1;
}

static uint32_t swapn(uint32_t v, unsigned size)
{
	if (size == 1)
		return v;
	if (size == 2)
		return (v & 0xff) << 8 | (v >> 8 & 0xff);
	return v << 24 | (v & 0xff00) << 8 | (v >> 8 & 0xff00) | v >> 24;
}

static int aligned(const struct ctx *x, unsigned off, unsigned size)
{
	return x->amod >= size && (x->ares + off) % size == 0;
}

/* R_F = the field as a little-endian load sees it: swapn(big-endian). */
static void load_native(const struct ctx *x, unsigned B, unsigned off, unsigned size)
{
	int o = (int)off;
	if (size == 1) {
		ld(mips_lbu(R_F, o, B), R_F, B, 0);
	} else if (size == 2 && aligned(x, off, 2)) {
		ld(mips_lhu(R_F, o, B), R_F, B, 0);
	} else if (size == 2) {
		ld(mips_lbu(R_K, o + 1, B), R_K, B, 0);
		ld(mips_lbu(R_F, o, B), R_F, B, 0);
		op(mips_sll(R_K, R_K, 8), R_K, R_K, 0);
		op(mips_or(R_F, R_F, R_K), R_F, R_F, R_K);
	} else if (aligned(x, off, 4)) {
		ld(mips_lw(R_F, o, B), R_F, B, 0);
	} else {
		ld(mips_lwr(R_F, o, B), R_F, B, 1);	/* little-endian: lwr at the */
		ld(mips_lwl(R_F, o + 3, B), R_F, B, 1);	/* low byte, lwl at the high */
	}
}

/* R_F = the field's big-endian value (a shift's: a length, not a key). */
static void load_be(unsigned B, unsigned off, unsigned size)
{
	int o = (int)off;
	ld(mips_lbu(R_F, o, B), R_F, B, 0);
	for (unsigned i = 1; i < size; i++) {
		ld(mips_lbu(R_K, o + (int)i, B), R_K, B, 0);
		op(mips_sll(R_F, R_F, 8), R_F, R_F, 0);
		op(mips_or(R_F, R_F, R_K), R_F, R_F, R_K);
	}
}

static uint32_t full(unsigned size)
{
	return size == 4 ? 0xffffffffu : (1u << 8 * size) - 1;
}

/* R_F &= m (using R_K for a wide mask). */
static void and_mask(uint32_t m, unsigned size)
{
	if (m == full(size))
		return;
	if (m <= 0xffff) {
		op(mips_andi(R_F, R_F, m), R_F, R_F, 0);
	} else {
		konst(R_K, m);
		op(mips_and(R_F, R_F, R_K), R_F, R_F, R_K);
	}
}

static unsigned umax(unsigned a, unsigned b)
{
	return a > b ? a : b;
}

static void gen_list(int p, struct ctx x);

/* A node's filter ends: record it (or return it when nothing can beat
   it). Returns 0 if control does not go on. */
static int record(int n, struct ctx *x)
{
	if (nd[n].term < 0)
		return 1;
	unsigned k = nd[n].key;
	if (nd[n].child < 0 && k > x->maxk_in && k > x->maxk_after) {
		ret_ds(mips_addiu(R_V0, R_ZERO, nd[n].term), R_V0, 0);
		return 0;
	}
	used_v1 = 1;
	if (k > x->maxk_in) {
		op(mips_ori(R_BEST, R_ZERO, k), R_BEST, 0, 0);
	} else {
		unsigned skip = new_label(live(x->depth, 0));
		op(mips_sltiu(R_K, R_BEST, (int)k), R_K, R_BEST, 0);
		br(mips_beq(R_K, R_ZERO, 0), R_K, R_ZERO, skip);
		op(mips_ori(R_BEST, R_ZERO, k), R_BEST, 0, 0);
		place(skip);
	}
	x->maxk_in = umax(x->maxk_in, k);
	return 1;
}

/* Node n's field matched: check what its subtree needs, record it, go
   on to its children. Returns 0 if control does not go on. */
static int gen_body(int n, struct ctx x, unsigned B, unsigned fail)
{
	if (nd[n].req > x.proven) {
		check(&x, B, nd[n].req, fail);
		x.proven = nd[n].req;
	}
	if (!record(n, &x))
		return 0;
	if (nd[n].child >= 0)
		gen_list(n, x);
	return 1;
}

/* A shift atom: the new base, the check of what its children need
   there, then the children. */
static void gen_shift(int n, struct ctx x, unsigned B, unsigned fail)
{
	const struct dpf_atom *a = &nd[n].a;
	load_be(B, a->offset, a->size);
	and_mask(a->mask, a->size);
	if (a->value)
		op(mips_sll(R_F, R_F, a->value), R_F, R_F, 0);
	int d = x.depth + 1;
	unsigned Bn = d <= NBREG ? breg[d - 1] : R_AT;
	unsigned need = nd[n].creq;
	if (need) {
		/* the new base's offset + need <= len (no wrap: see dpf_check) */
		if (x.depth == 0) {
			op(mips_addiu(R_K, R_F, (int)need), R_K, R_F, 0);
		} else {
			op(mips_subu(R_K, B, R_A0), R_K, B, R_A0);
			op(mips_addu(R_K, R_K, R_F), R_K, R_K, R_F);
			op(mips_addiu(R_K, R_K, (int)need), R_K, R_K, 0);
		}
		op(mips_sltu(R_K, R_A1, R_K), R_K, R_A1, R_K);
		br(mips_bne(R_K, R_ZERO, 0), R_K, R_ZERO, fail);
		just_checked = 1;
	}
	op(mips_addu(Bn, B, R_F), Bn, B, R_F);	/* fills the check's slot */
	if (d > NBREG) {
		uint32_t s = spill_addr(d);
		op(mips_lui(R_K, (s + 0x8000) >> 16), R_K, 0, 0);
		put(mips_sw(R_AT, (int16_t)(s & 0xffff), R_K), 0, bit(R_AT) | bit(R_K), K_OP, F_NOHOIST, 0);
	}
	if (!record(n, &x))
		return;
	if (nd[n].child < 0)
		return;
	struct ctx y = x;
	y.depth = d;
	y.proven = need;
	if (a->value < 2)
		y.amod = umax(1, x.amod < (1u << a->value) ? x.amod : 1u << a->value);
	y.ares = x.ares % y.amod;
	gen_list(n, y);
}

/* Binary search (or, for 3 or fewer, a chain) among the sorted values
   v[lo..hi] on R_F: a match goes to its member's label; no match to
   fail. The last chain in the layout ends `bne ... fail` and returns
   the member whose body must follow it inline, else -1. */
static int dispatch(const uint32_t *v, const unsigned *lab,
		    int lo, int hi, int last, unsigned fail, int depth)
{
	if (hi - lo < 3) {
		for (int i = lo; i < hi; i++)
			br(mips_beq(R_F, konst(R_K, v[i]), 0), R_F, R_K, lab[i]);
		unsigned r = konst(R_K, v[hi]);
		if (last) {
			br(mips_bne(R_F, r, 0), R_F, r, fail);
			return hi;
		}
		br(mips_beq(R_F, r, 0), R_F, r, lab[hi]);
		br_uncond(fail);
		return -1;
	}
	int mid = (lo + hi) / 2;
	unsigned left = new_label(live(depth, 1));
	unsigned r = konst(R_K, v[mid]);
	/* the slot's sltu serves the taken path not at all, the other fully */
	br_ds(mips_beq(R_F, r, 0), R_F, r, lab[mid], mips_sltu(R_K, R_F, r), R_K, R_F, r);
	br(mips_bne(R_K, R_ZERO, 0), R_K, R_ZERO, left);
	dispatch(v, lab, mid + 1, hi, 0, fail, depth);
	place(left);
	return dispatch(v, lab, lo, mid - 1, last, fail, depth);
}

/* A hash for a large dispatch: (v >> sh) & (2^bits - 1) distinct for
   every value (the paper hashes more than 3 disjuncts; an injective
   shift-and-mask needs no collision chains). 0 if none is found. */
#define HASH_MIN	8
static int find_hash(const uint32_t *v, int k, unsigned *sh, unsigned *bits)
{
	unsigned b0 = 0;
	while ((1 << b0) < k)
		b0++;
	for (unsigned b = b0; b <= b0 + 2 && b <= 8; b++)
		for (unsigned s = 0; s + b <= 32; s++) {
			uint32_t seen[8] = { 0 };
			int i;
			for (i = 0; i < k; i++) {
				unsigned h = v[i] >> s & ((1u << b) - 1);
				if (seen[h >> 5] >> (h & 31) & 1)
					break;
				seen[h >> 5] |= 1u << (h & 31);
			}
			if (i == k) {
				*sh = s;
				*bits = b;
				return 1;
			}
		}
	return 0;
}

/* Jump through a table of 2^bits entries of two words, "b check; lui
   t1, hi(value)"; each member's check (at its label) ends the compare,
   an empty entry goes to fail. Uses at (free at depth <= NBREG). */
static void hash_dispatch(const uint32_t *v, const unsigned *lab, int k, unsigned sh,
			  unsigned bits, unsigned fail)
{
	unsigned m = (1u << bits) - 1;
	if (sh >= 3) {
		op(mips_srl(R_K, R_F, sh - 3), R_K, R_F, 0);
		op(mips_andi(R_K, R_K, m << 3), R_K, R_K, 0);
	} else {
		op(mips_srl(R_K, R_F, sh), R_K, R_F, 0);
		op(mips_andi(R_K, R_K, m), R_K, R_K, 0);
		op(mips_sll(R_K, R_K, 3), R_K, R_K, 0);
	}
	unsigned tab = new_label(0);
	put(mips_lui(R_AT, 0), bit(R_AT), 0, K_RHI, 0, tab);
	op(mips_addu(R_K, R_K, R_AT), R_K, R_K, R_AT);
	put(mips_addiu(R_K, R_K, 0), bit(R_K), bit(R_K), K_RLO, 0, tab);
	put(mips_jr(R_K), 0, bit(R_K), K_JR, 0, 0);
	put(mips_nop(), 0, 0, K_OP, F_NOHOIST, 0);
	place(tab);
	static int16_t slot[256];
	for (unsigned h = 0; h <= m; h++)
		slot[h] = -1;
	for (int i = 0; i < k; i++)
		slot[v[i] >> sh & m] = (int16_t)i;
	for (unsigned h = 0; h <= m; h++) {
		int i = slot[h];
		if (i >= 0)
			br_ds(mips_beq(R_ZERO, R_ZERO, 0), R_ZERO, R_ZERO, lab[i],
			      mips_lui(R_K, v[i] >> 16), R_K, 0, 0);
		else
			br_ds(mips_beq(R_ZERO, R_ZERO, 0), R_ZERO, R_ZERO, fail, mips_nop(), 0, 0, 0);
	}
}

/* Group first..end as a lookup in table t (make_table), R_F its first
   field (masked). Through at: the entry; R_K: hash, then each value and
   the key. A match of every field records the key: returns it when no
   key of the table can lose (nmin), else as record() does. */
static void gen_table(const struct tab *t, int first, struct ctx *x, unsigned B, unsigned fail,
		      unsigned nmin)
{
	uint32_t w = (uint32_t)(uintptr_t)t->w;
	int lo = (int16_t)(w & 0xffff);	/* the pool is 16-aligned: lo + 12 fits */
	int ch[TAB_CHAIN];
	chain(first, ch);
	if (t->sh >= t->lg) {	/* the entry's byte offset */
		op(mips_srl(R_K, R_F, t->sh - t->lg), R_K, R_F, 0);
		op(mips_andi(R_K, R_K, (t->size - 1) << t->lg), R_K, R_K, 0);
	} else {
		op(mips_srl(R_K, R_F, t->sh), R_K, R_F, 0);
		op(mips_andi(R_K, R_K, t->size - 1), R_K, R_K, 0);
		op(mips_sll(R_K, R_K, t->lg), R_K, R_K, 0);
	}
	op(mips_lui(R_AT, (w + 0x8000) >> 16), R_AT, 0, 0);
	op(mips_addu(R_AT, R_AT, R_K), R_AT, R_AT, R_K);
	ld(mips_lw(R_K, lo, R_AT), R_K, R_AT, 0);
	br(mips_bne(R_F, R_K, 0), R_F, R_K, fail);
	for (unsigned j = 1; j < t->L; j++) {
		const struct dpf_atom *a = &nd[ch[j]].a;
		load_native(x, B, a->offset, a->size);	/* checked: the group's need */
		and_mask(swapn(a->mask, a->size), a->size);
		ld(mips_lw(R_K, lo + 4 * (int)j, R_AT), R_K, R_AT, 0);
		br(mips_bne(R_F, R_K, 0), R_F, R_K, fail);
	}
	ld(mips_lw(R_K, lo + 4 * (int)t->L, R_AT), R_K, R_AT, 0);
	unsigned kmin = nmin << 8;
	if (kmin > x->maxk_in && kmin > x->maxk_after) {
		/* v0 = 255 - (key & 0xff), the entry's id */
		op(mips_andi(R_K, R_K, 0xff), R_K, R_K, 0);
		ret_ds(mips_xori(R_V0, R_K, 0xff), R_V0, R_K);
		return;
	}
	used_v1 = 1;
	if (kmin <= x->maxk_in) {
		op(mips_sltu(R_AT, R_BEST, R_K), R_AT, R_BEST, R_K);
		br(mips_beq(R_AT, R_ZERO, 0), R_AT, R_ZERO, fail);
	}
	op(mips_or(R_BEST, R_K, R_ZERO), R_BEST, R_K, R_ZERO);
}

/* One group: siblings first.. (a run up to end) testing one field. */
static void gen_group(int first, int end, struct ctx x, unsigned fail)
{
	const struct dpf_atom *a = &nd[first].a;
	unsigned B = base_reg(x.depth);
	unsigned need = ~0u;
	int k = 0;
	for (int c = first; c != end; c = nd[c].sib, k++)
		if (nd[c].req < need)
			need = nd[c].req;
	if (need > x.proven) {
		check(&x, B, need, fail);
		x.proven = need;
	}
	if (a->op == DPF_OP_SHIFT) {
		gen_shift(first, x, B, fail);
		return;
	}
	load_native(&x, B, a->offset, a->size);
	uint32_t m = swapn(a->mask, a->size);
	if (k == 1) {
		unsigned r;
		if (m != full(a->size) && m > 0xffff) {
			and_mask(m, a->size);
			r = konst(R_K, swapn(a->value, a->size));
		} else {
			/* the constant first: it fills the load's delay */
			r = konst(R_K, swapn(a->value, a->size));
			and_mask(m, a->size);
		}
		br(mips_bne(R_F, r, 0), R_F, r, fail);
		gen_body(first, x, B, fail);
		return;
	}
	and_mask(m, a->size);
	if (nd[first].tabok && x.depth <= NBREG) {	/* at is free there */
		unsigned nmin;
		int t = make_table(first, end, &nmin);
		if (t >= 0) {
			gen_table(&tset[tlive ^ 1].t[t], first, &x, B, fail, nmin);
			return;
		}
	}
	/* The members sorted by their (swapped) value, on the scratch stack. */
	if (nscratch + k > MAX_NODES) {
		overflow = 1;
		return;
	}
	int16_t *mem = &scratch[nscratch];
	nscratch += k;
	static uint32_t val[MAX_NODES];
	static unsigned lab[MAX_NODES];
	uint32_t *v = &val[nscratch - k];
	unsigned *l = &lab[nscratch - k];
	int i = 0;
	for (int c = first; c != end; c = nd[c].sib, i++) {
		uint32_t cv = swapn(nd[c].a.value, a->size);
		int j = i;
		for (; j > 0 && v[j - 1] > cv; j--) {
			v[j] = v[j - 1];
			mem[j] = mem[j - 1];
		}
		v[j] = cv;
		mem[j] = (int16_t)c;
	}
	unsigned sh = 0, bits = 0;
	int hashed = k >= HASH_MIN && x.depth <= NBREG && find_hash(v, k, &sh, &bits), inl = -1;
	for (i = 0; i < k; i++)	/* a hashed member's label ends the compare */
		l[i] = new_label(live(x.depth, hashed) | (hashed ? bit(R_K) : 0));
	if (hashed)
		hash_dispatch(v, l, k, sh, bits, fail);
	else
		inl = dispatch(v, l, 0, k - 1, 1, fail, x.depth);
	/* The bodies: the inline one first, then the others; each goes on
	   to the next group (exclusive: no other member can match). */
	int emitted = 0, falls = 0;
	for (i = -1; i < k; i++) {
		int idx = i < 0 ? inl : i;
		if (idx < 0 || (i >= 0 && idx == inl))
			continue;
		if (emitted && falls)
			br_uncond(fail);
		if (i >= 0)
			place(l[idx]);
		if (hashed) {	/* t1 holds the value's high half */
			if (v[idx] & 0xffff)
				op(mips_ori(R_K, R_K, v[idx] & 0xffff), R_K, R_K, 0);
			br(mips_bne(R_F, R_K, 0), R_F, R_K, fail);
		}
		falls = gen_body(mem[idx], x, B, fail);
		emitted = 1;
	}
	nscratch -= k;
}

/* Every group among p's children, in order; each falls to the next. */
static void gen_list(int p, struct ctx x)
{
	for (int c = nd[p].child; c >= 0;) {
		int end = nd[c].sib;
		unsigned run = nd[c].maxkey;
		while (end >= 0 && !nd[end].newrun) {
			run = umax(run, nd[end].maxkey);
			end = nd[end].sib;
		}
		struct ctx y = x;
		for (int s = end; s >= 0; s = nd[s].sib)
			y.maxk_after = umax(y.maxk_after, nd[s].maxkey);
		unsigned next = new_label(live(x.depth, 0));
		gen_group(c, end, y, next);
		place(next);
		x.maxk_in = umax(x.maxk_in, run);
		c = end;
	}
}

/* Rebuild the trie from filt[] and compile it into code[]: 0, or
   -AEGIS_ELIMIT (too big) with code[] untouched. */
static int compile(void)
{
	struct tabset *S = &tset[tlive ^ 1];
	S->nt = 0;
	S->used = 0;
	for (int id = 0; id < DPF_MAX_FILTERS; id++)
		S->ftab[id] = -1;
	build();
	coalesce(0);
	regroup();
	mark_tables(0);
	compute(0);
	nir = nlab = overflow = just_checked = used_v1 = nscratch = 0;
	put(mips_or(R_BEST, R_ZERO, R_ZERO), bit(R_BEST), 0, K_OP, F_NOHOIST, 0);
	struct ctx x = { 0, 0, 4, 2, 0, 0 };
	gen_list(0, x);
	if (used_v1) {
		/* v0 = 255 - (v1 & 0xff) = (v1 & 0xff) ^ 0xff, or -1 */
		unsigned none = new_label(0);
		br_ds(mips_beq(R_BEST, R_ZERO, 0), R_BEST, R_ZERO, none,
		      mips_andi(R_F, R_BEST, 0xff), R_F, R_BEST, 0);
		ret_ds(mips_xori(R_V0, R_F, 0xff), R_V0, R_F);
		place(none);
	} else {
		ir[0].kind = K_DEAD;	/* v1 is never read */
	}
	ret_ds(mips_addiu(R_V0, R_ZERO, -1), R_V0, 0);
	if (overflow)
		return -AEGIS_ELIMIT;
	fill_delay_slots();
	keep_load_delays();
	unsigned n = layout();
	if (n > DPF_CODE_WORDS)
		return -AEGIS_ELIMIT;
	assemble(code);
	code_n = n;
	use_ref = 0;
	tlive ^= 1;		/* the tables this code reads */
	ncompiles++;
	icache_inval((uint32_t)(uintptr_t)code, n * 4);
	return 0;
}

/* ---- The interface ---- */

int dpf_check(const struct dpf_atom *a, unsigned n)
{
	if (n == 0)
		return -AEGIS_EINVAL;
	if (n > DPF_MAX_ATOMS)
		return -AEGIS_ELIMIT;
	for (unsigned i = 0; i < n; i++) {
		unsigned s = a[i].size;
		if (s != 1 && s != 2 && s != 4)
			return -AEGIS_EINVAL;
		if (a[i].offset >= AEGIS_NET_MTU_FRAME || a[i].mask == 0 || (a[i].mask & ~full(s)))
			return -AEGIS_EINVAL;
		if (a[i].op == DPF_OP_EQ) {
			if (a[i].value & ~a[i].mask)
				return -AEGIS_EINVAL;
		} else if (a[i].op == DPF_OP_SHIFT) {
			/* below 2^31: base + shift never wraps (dpf_ref.c, the code) */
			if (a[i].value > DPF_MAX_SHIFT || ((uint64_t)a[i].mask << a[i].value) >> 31)
				return -AEGIS_EINVAL;
		} else {
			return -AEGIS_EINVAL;
		}
	}
	return 0;
}

/* One byte an EQ atom pins: level = the shifts before it (its base). */
struct pin {
	uint8_t level, mask, val;
	uint16_t pos;
};

static unsigned pins(const struct dpf_atom *a, unsigned n, struct pin *out)
{
	unsigned k = 0, level = 0;
	for (unsigned i = 0; i < n; i++) {
		if (a[i].op != DPF_OP_EQ) {
			level++;
			continue;
		}
		for (unsigned j = 0; j < a[i].size; j++) {
			unsigned sh = 8 * (a[i].size - 1 - j);
			uint8_t m = (uint8_t)(a[i].mask >> sh);
			if (m)
				out[k++] = (struct pin){ (uint8_t)level, m,
					(uint8_t)(a[i].value >> sh), (uint16_t)(a[i].offset + j) };
		}
	}
	return k;
}

/* Do pins x and y (on bases equal up to level `common`) contradict? */
static int contradict(const struct pin *x, unsigned nx, const struct pin *y, unsigned ny, unsigned common)
{
	for (unsigned i = 0; i < nx; i++)
		for (unsigned j = 0; j < ny; j++)
			if (x[i].level == y[j].level && x[i].level <= common && x[i].pos == y[j].pos &&
			    (x[i].mask & y[j].mask & (x[i].val ^ y[j].val)))
				return 1;
	return 0;
}

int dpf_overlap(const struct dpf_atom *a, unsigned na, const struct dpf_atom *b, unsigned nb)
{
	static struct pin pa[DPF_MAX_ATOMS * 4], pb[DPF_MAX_ATOMS * 4];
	if (dpf_check(a, na) || dpf_check(b, nb))
		return 1;	/* nothing proven of atoms we cannot read */
	/* The shifts both make alike, in order: the bases they share. */
	unsigned common = 0, i = 0, j = 0;
	for (;;) {
		while (i < na && a[i].op != DPF_OP_SHIFT)
			i++;
		while (j < nb && b[j].op != DPF_OP_SHIFT)
			j++;
		if (i >= na || j >= nb || !same_atom(&a[i], &b[j]))
			break;
		common++, i++, j++;
	}
	unsigned ka = pins(a, na, pa), kb = pins(b, nb, pb);
	if (contradict(pa, ka, pa, ka, DPF_MAX_ATOMS) || contradict(pb, kb, pb, kb, DPF_MAX_ATOMS))
		return 0;	/* one of them matches nothing */
	return !contradict(pa, ka, pb, kb, common);
}

int dpf_insert(const struct dpf_atom *a, unsigned n)
{
	int r = dpf_check(a, n);
	if (r)
		return r;
	int id = 0;
	while (id < DPF_MAX_FILTERS && filt[id].n)
		id++;
	if (id == DPF_MAX_FILTERS)
		return -AEGIS_ELIMIT;
	kmemcpy(filt[id].a, a, n * sizeof *a);
	filt[id].n = n;
	if (fast_insert(id, a, n))
		return id;
	if (compile() < 0) {
		filt[id].n = 0;		/* the old code still stands */
		return -AEGIS_ELIMIT;
	}
	return id;
}

void dpf_remove(int id)
{
	if (id < 0 || id >= DPF_MAX_FILTERS || !filt[id].n)
		return;
	filt[id].n = 0;
	if (fast_remove(id))
		return;
	/* Fewer filters make no more code; were it ever so, the old code
	   would still name id, so classify by the interpreter instead. */
	if (compile() < 0)
		use_ref = 1;
}

const struct dpf_atom *dpf_atoms(int id, unsigned *n)
{
	if (id < 0 || id >= DPF_MAX_FILTERS || !filt[id].n)
		return 0;
	if (n)
		*n = filt[id].n;
	return filt[id].a;
}

typedef int (*dpf_fn)(const uint8_t *frame, unsigned len);

int dpf_classify(const uint8_t *frame, unsigned len)
{
	if (use_ref || ((uintptr_t)frame & 3) != 2)
		return dpf_ref_classify(frame, len);
	if (!code_n)
		return -1;
	return ((dpf_fn)(uintptr_t)code)(frame, len);
}

unsigned dpf_compiles(void)
{
	return ncompiles;
}

unsigned dpf_code_words(void)
{
	return code_n;
}

const uint32_t *dpf_code(void)
{
	return code;
}
