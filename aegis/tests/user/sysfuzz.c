/*
 * sysfuzz.c - the system-call fuzzer (issue 22), run as init on the
 * invariant-checking kernel (build/aegis/sysfuzz.elf; tools/sysfuzz
 * drives it). One program, four roles (a0 at its start):
 *   coordinator (started by Aegis): spawns the victims, then hostile
 *     children one batch of calls at a time (two at once), a watchdog
 *     over each, and reports in TAP;
 *   victim: owns pages with capabilities only it knows and a buffer of
 *     its own program, fills them from the seed, and verifies their
 *     checksums between yields for the whole run;
 *   hostile: issues the calls of its batch: call i of the run is drawn
 *     from hash(seed, i) alone (a number from every call, invalid ones
 *     included; arguments from edge values, kernel, unaligned, unmapped
 *     and its own addresses, page numbers, capabilities and ids, its own
 *     and the others'), so any subset of the calls can be replayed;
 *   anything else (a hostile's own spawns of this program): exits.
 * Boot words: seed=S, calls=N (calls to issue), upto=K (only calls below
 * K), only=A-B,C-D (only these calls: the shrinker's), batch=B.
 * What a hostile never does, so that the harness survives it (each is a
 * legitimate act, not a refusal to test): a protected control transfer
 * to the coordinator or a victim (their registers would be the
 * hostile's: that is the PCT's meaning, SOSP'95 §5.3) goes to itself;
 * SYS_check and SYS_cputs get no readable text (their output would be
 * TAP); SYS_exit and SYS_destroy of itself are issued, but end its batch.
 */
#include <aegis/sys.h>
#include <aegis/exception.h>
#include <aegis/net.h>
#include <aegis/disk.h>
#include "../../user/report.h"

#define ROLE_MAGIC	0x5f2a0000u
#define ROLE_VICTIM	0x100u
#define ROLE_HOSTILE	0x200u
#define NV		2		/* victims */
#define VP		4		/* pages each victim owns */
#define NH		2		/* hostiles at once */
#define MAXR		48		/* only= ranges */
#define CTL_VA		0x60000000u
#define VICTIM_VA	0x61000000u
#define CTL_RCAP	0x0c7e0001u
#define CTL_WCAP	0x0c7e0002u
#define WATCHDOG_TICKS	48		/* a batch that makes no call for longer is ended */
#define VBLOCK		64		/* victim v's extent: blocks VBLOCK + 32v, 8 of them */

struct ctl {
	unsigned seed, ncalls, upto, nranges, ranges[2 * MAXR];
	unsigned coord, vid[NV], vppn[NV][VP], vrounds[NV], vbad[NV], vready[NV], stop;
	unsigned hid[NH], hstart[NH], hcount[NH], hdone[NH], hlast[NH];
	unsigned hnum[NH];		/* its current call's number */
	unsigned trace;			/* trace=1: print each call (the shrinker's replay) */
	unsigned vdisk[NV], vblock[NV], vdbad[NV];	/* a victim's extent on disk 0 */
};
#define C ((volatile struct ctl *)CTL_VA)

void tlbmiss_handler(void);		/* tlbmiss.S */
extern unsigned tlb_xsave[];
int fuzz_raw(unsigned a0, unsigned a1, unsigned a2, unsigned a3, unsigned num, unsigned v1);
void pct_land(void);			/* sysfuzz_asm.S */

/* Pages this environment binds itself (the miss handler rebinds them). */
static struct { unsigned va, ppn, cap; } binds[1 + VP];
static unsigned nbinds;

int handle_miss(unsigned va)
{
	for (unsigned i = 0; i < nbinds; i++)
		if (binds[i].va == (va & ~4095u)) {
			if (sys_tlbwr(binds[i].va, binds[i].ppn, binds[i].cap, TLBWR_WRITE) != 0)
				sys_exit(91);
			return 0;
		}
	sys_exit(90);		/* a miss on nothing it bound: a libOS's segfault */
}

static void bind(unsigned va, unsigned ppn, unsigned cap)
{
	binds[nbinds].va = va;
	binds[nbinds].ppn = ppn;
	binds[nbinds].cap = cap;
	nbinds++;
	sys_tlbwr(va, ppn, cap, TLBWR_WRITE);
}

static void setup_misses(void)
{
	sys_set_xsave(tlb_xsave);
	sys_set_handler(XCODE_TLBL, tlbmiss_handler);
	sys_set_handler(XCODE_TLBS, tlbmiss_handler);
}

static void say(const char *s)
{
	sys_cputs(s, ustrlen(s));
}

/* Murmur3's finaliser: every output bit depends on every input bit. */
static unsigned mix(unsigned h)
{
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	h ^= h >> 16;
	return h;
}

static unsigned rs;	/* the current call's random stream */
static unsigned rnd(void)
{
	rs ^= rs << 13;
	rs ^= rs >> 17;
	rs ^= rs << 5;
	return rs;
}

static unsigned parse(const char *s, const char **end)
{
	unsigned v = 0;
	while (*s >= '0' && *s <= '9')
		v = v * 10 + (unsigned)(*s++ - '0');
	if (end)
		*end = s;
	return v;
}

static void put_hex(char **p, unsigned v)
{
	*(*p)++ = '0';
	*(*p)++ = 'x';
	for (int k = 28; k >= 0; k -= 4)
		*(*p)++ = "0123456789abcdef"[v >> k & 15];
}

/* ---- the victims ---- */

static unsigned vbuf[2048];	/* of its program's own pages */

static unsigned vword(unsigned v, unsigned k, unsigned j)
{
	return mix(C->seed * 0x9e3779b9u ^ v << 24 ^ k << 16 ^ j);
}

static unsigned vsum(unsigned v, unsigned *bad)
{
	unsigned s = 0;
	for (unsigned k = 0; k < VP; k++) {
		volatile unsigned *w = (volatile unsigned *)(VICTIM_VA + k * 4096u);
		for (unsigned j = 0; j < 1024; j++) {
			s += w[j];
			if (w[j] != vword(v, k, j))
				(*bad)++;
		}
	}
	for (unsigned j = 0; j < 2048; j++)
		if (vbuf[j] != vword(v, VP, j))
			(*bad)++;
	return s;
}

static int victim(unsigned v)
{
	for (unsigned k = 0; k < VP; k++) {
		/* Capabilities only this victim knows (from the seed). */
		unsigned cap = mix(C->seed ^ 0x7a11u ^ v << 8 ^ k) | 1u;
		int ppn = sys_alloc(cap, cap);
		if (ppn <= 0)
			return 80;
		bind(VICTIM_VA + k * 4096u, (unsigned)ppn, cap);
		volatile unsigned *w = (volatile unsigned *)(VICTIM_VA + k * 4096u);
		for (unsigned j = 0; j < 1024; j++)
			w[j] = vword(v, k, j);
		C->vppn[v][k] = (unsigned)ppn;
	}
	for (unsigned j = 0; j < 2048; j++)
		vbuf[j] = vword(v, VP, j);
	/* Blocks of its own too, when there is a disk with a table: page 0
	   written to an extent whose capabilities only it knows. */
	struct aegis_diskinfo di;
	unsigned dcap = mix(C->seed ^ 0xd15cu ^ v) | 1u;
	struct aegis_disk_extent dx = { 0, VBLOCK + 32 * v, 8, dcap, dcap };
	struct aegis_disk_io io = { 0, VBLOCK + 32 * v, 8, dcap, C->vppn[v][0], binds[1].cap, 0 };
	if (sys_disk_info(0, &di) == 0 && di.formatted && sys_disk_alloc(&dx) == 0 &&
	    sys_disk_write(&io) == 0) {
		C->vblock[v] = dx.start;
		C->vdisk[v] = 1;
	}
	unsigned bad = 0, sum0 = vsum(v, &bad), rounds = 0;
	C->vready[v] = 1;
	while (!C->stop) {
		unsigned b = 0;
		if (vsum(v, &b) != sum0 || b) {
			bad += b ? b : 1;
			say("# sysfuzz: a victim's memory changed\n");
		}
		C->vrounds[v] = ++rounds;
		sys_yield(0);
	}
	unsigned b = 0;
	if (vsum(v, &b) != sum0 || b)
		bad += b ? b : 1;
	C->vbad[v] = bad;
	if (C->vdisk[v]) {
		/* Its blocks, read back over page 1 (checked above already). */
		io.ppn = C->vppn[v][1];
		io.page_cap = binds[2].cap;
		volatile unsigned *w = (volatile unsigned *)(VICTIM_VA + 4096u);
		if (sys_disk_read(&io) != 0)
			C->vdbad[v] = 1;
		for (unsigned j = 0; j < 1024; j++)
			C->vdbad[v] += w[j] != vword(v, 0, j);
		if (C->vdbad[v])
			bad++;
	}
	return bad ? 1 : 0;
}

/* ---- the hostiles ---- */

static unsigned char scratch[12288] __attribute__((aligned(16)));	/* its own memory to pass */
static unsigned my_id, other_id, own_ppn[8], own_cap[8], nown, kid_id[4], nkid;
static struct aegis_disk_extent own_ext[4];
static unsigned next_;
static const char prog_name[] = "sysfuzz";

static const unsigned edges[] = {
	0, 1, 2, 3, 4, 7, 8, 15, 16, 31, 32, 33, 63, 64, 255, 256, 4095, 4096, 4097,
	0x7fffffffu, 0x80000000u, 0x80000001u, 0xffffffffu, 0xfffffffeu, 0xfffff000u,
	0x10000u, 0xffffu, 0x7ffffu, 0x100000u,
};
static const unsigned kernel_va[] = {
	0x80000000u, 0x80000080u, 0x80001000u, 0x80030000u, 0x80100000u, 0x807ff000u,
	0xa0000000u, 0xbfc00000u, 0xbfff0000u, 0xc0000000u, 0xfffffff0u, 0x7ffffffcu,
};

/* An own address: the scratch buffer (aligned and not), its text, the
   unused top of its stack, and addresses of its space it has not mapped. */
static unsigned own_va(void)
{
	switch (rnd() % 12) {
	case 0: return (unsigned)scratch;
	case 1: return (unsigned)scratch + (rnd() % 8192 & ~3u);
	case 2: return (unsigned)scratch + 1 + rnd() % 3;
	case 3: return (unsigned)scratch + 4096;
	case 4: return (unsigned)scratch + 8188;
	case 5: return (unsigned)prog_name;
	case 6: return (unsigned)fuzz_raw;
	case 7: return USER_TOP - 16;
	case 8: return USER_TOP;
	case 9: return 0x10000000u + (rnd() & 0x3ffff000u);
	case 10: return VICTIM_VA + (rnd() % VP) * 4096u;	/* a victim's address (not ours) */
	default: return USER_TEXT_BASE;
	}
}

static unsigned a_ppn(void)
{
	switch (rnd() % 8) {
	case 0: return nown ? own_ppn[rnd() % nown] : 0;
	case 1: case 2: return C->vppn[rnd() % NV][rnd() % VP];	/* the victims' */
	case 3: return binds[0].ppn;	/* the control page: the coordinator's */
	case 4: return rnd() % 2048;
	case 5: return 2047 + rnd() % 3;
	case 6: return edges[rnd() % (sizeof edges / sizeof edges[0])];
	default: return rnd() % 64;	/* the kernel's own pages */
	}
}

static unsigned a_cap(void)
{
	switch (rnd() % 5) {
	case 0: case 1: return nown ? own_cap[rnd() % nown] ^ (rnd() % 2) : 0;
	case 2: return edges[rnd() % (sizeof edges / sizeof edges[0])];
	default: return rnd();	/* a guess: the victims' are 32-bit randoms */
	}
}

static unsigned a_id(void)
{
	switch (rnd() % 9) {
	case 0: return my_id;
	case 1: return C->coord;
	case 2: return C->vid[rnd() % NV];
	case 3: return other_id;
	case 4: return nkid ? kid_id[rnd() % nkid] : 0;
	case 5: return 1 + rnd() % 31;	/* a bare slot */
	case 6: return my_id + 32 * (1 + rnd() % 3);	/* a later generation */
	case 7: return C->vid[rnd() % NV] - 32;		/* an earlier one */
	default: return edges[rnd() % (sizeof edges / sizeof edges[0])];
	}
}

static unsigned arg(void)
{
	switch (rnd() % 10) {
	case 0: case 1: return edges[rnd() % (sizeof edges / sizeof edges[0])];
	case 2: return kernel_va[rnd() % (sizeof kernel_va / sizeof kernel_va[0])];
	case 3: case 4: return own_va();
	case 5: return a_ppn();
	case 6: return a_cap();
	case 7: return a_id();
	case 8: return rnd() % 16;
	default: return rnd();
	}
}

static unsigned a_block(void)
{
	switch (rnd() % 6) {
	case 0: case 1: return C->vblock[rnd() % NV] + rnd() % 10;	/* the victims' */
	case 2: return next_ ? own_ext[rnd() % next_].start + rnd() % 4 : 2;
	case 3: return rnd() % 8;	/* the table's blocks, and just past */
	case 4: return 8192 - rnd() % 4;	/* the disk's end (tools/sysfuzz: 8192) */
	default: return rnd() % 8192;
	}
}

/* A disk transfer or extent in the scratch buffer. */
static void disk_struct(unsigned num)
{
	unsigned *w = (unsigned *)scratch;
	w[0] = rnd() % 4 ? 0 : rnd() % 8;
	if (num == SYS_disk_read || num == SYS_disk_write) {
		unsigned e = next_ && rnd() % 2 ? rnd() % next_ : 99;
		w[1] = e < 99 ? own_ext[e].start + rnd() % 8 : a_block();
		w[2] = rnd() % 10;
		w[3] = e < 99 && rnd() % 2 ? own_ext[e].wcap : a_cap();
		w[4] = a_ppn();
		w[5] = a_cap();
		w[6] = (rnd() % 9) * 512 + (rnd() % 8 ? 0 : rnd() % 512);
	} else {
		w[1] = a_block();
		w[2] = rnd() % 12;
		w[3] = a_cap();
		w[4] = a_cap();
	}
}

/* Structures some calls read (an image, an extent, a disk transfer,
   filter atoms, a ring): the scratch buffer's first words, from the
   same kinds of values, with pointers into the buffer itself. */
static void fill_scratch(void)
{
	unsigned *w = (unsigned *)scratch;
	unsigned n = 4 + rnd() % 60;
	for (unsigned j = 0; j < n; j++) {
		unsigned r = rnd() % 8;
		w[j] = r == 0 ? (unsigned)scratch + 64 + (rnd() % 64) * 16 :
		       r == 1 ? (own_va() >> 12) : r == 2 ? rnd() % 16 : arg();
	}
}

static int is_protected(unsigned id)
{
	if (id == C->coord)
		return 1;
	for (unsigned v = 0; v < NV; v++)
		if (id == C->vid[v])
			return 1;
	return 0;
}

/* Call i of the run. Returns 1 if this environment should stop (the
   call ended it, had it succeeded: exit, destroy of itself). */
static int fuzz_one(unsigned i)
{
	rs = mix(C->seed ^ mix(i * 0x9e3779b9u + 0x7f4a7c15u)) | 1u;
	unsigned num;
	unsigned r = rnd() % 64;
	num = r < 52 ? r % (SYS_MAX + 2) : r < 58 ? SYS_MAX + rnd() % 8 : edges[rnd() % 29];
	unsigned a[4] = { arg(), arg(), arg(), arg() }, v1 = a_id();
	if (rnd() % 4 == 0)
		fill_scratch();
	/* Typed arguments half the time, for the calls that take them. */
	if (rnd() % 2) {
		switch (num) {
		case SYS_alloc: a[0] = a_cap(); a[1] = a_cap(); break;
		case SYS_dealloc: case SYS_page_drop: a[0] = a_ppn(); break;
		case SYS_setcap: a[0] = a_ppn(); a[1] = a_cap(); a[2] = a_cap(); break;
		case SYS_tlbwr: a[0] = own_va() & ~4095u; a[1] = a_ppn(); a[2] = a_cap();
			a[3] = rnd() % 4; break;
		case SYS_tlbvadelete: a[0] = own_va(); a[1] = rnd() % 2; break;
		case SYS_tlbwrprot: a[0] = own_va() & ~4095u; a[1] = a_ppn(); a[2] = a_cap();
			a[3] = (own_va() & ~4095u) | rnd() % 8; break;
		case SYS_wait: case SYS_envinfo: a[0] = a_id(); a[1] = own_va(); break;
		case SYS_destroy: case SYS_yield: case SYS_dpf_remove: a[0] = a_id(); break;
		case SYS_slice_alloc: case SYS_slice_free: a[0] = rnd() % 70 - 2; break;
		case SYS_disk_alloc: case SYS_disk_read: case SYS_disk_write: case SYS_disk_setcap:
			disk_struct(num); a[0] = (unsigned)scratch; a[1] = a_cap(); break;
		case SYS_env_create: case SYS_dpf_insert: case SYS_net_ring:
			a[0] = (unsigned)scratch; a[1] = rnd() % 8; break;
		case SYS_disk_free: a[0] = rnd() % 3; a[1] = a_block(); a[2] = a_cap(); break;
		case SYS_spawn: a[0] = (unsigned)prog_name; a[1] = 7; a[2] = arg(); break;
		default: break;
		}
	}
	/* What the harness must survive (the header). */
	if (num == SYS_check)
		a[1] = kernel_va[rnd() % 12];
	if (num == SYS_cputs)
		a[1] = (unsigned[]){ 0, 0x7fffffffu, 0x80000000u, 0xffffffffu, 0x10000000u }[rnd() % 5];
	if ((num == SYS_pct_sync || num == SYS_pct_async) && (is_protected(v1) || v1 == other_id))
		v1 = my_id;
	/* Leaving is legitimate but ends the batch: at an eighth of its share. */
	if (num == SYS_exit && rnd() % 8)
		num = SYS_getenvid;
	struct aegis_disk_extent x = *(struct aegis_disk_extent *)scratch;
	C->hnum[C->hid[1] == my_id] = num;
	if (C->trace) {
		char m[200], *p = m;
		put_str(&p, "# call ");
		put_uint(&p, i);
		put_str(&p, ": number ");
		put_uint(&p, num);
		for (unsigned k = 0; k < 4; k++) {
			put_str(&p, k ? ", " : " (");
			put_hex(&p, a[k]);
		}
		put_str(&p, ") v1 ");
		put_hex(&p, v1);
		put_str(&p, "\n");
		sys_cputs(m, (unsigned)(p - m));
	}
	int got = fuzz_raw(a[0], a[1], a[2], a[3], num, v1);
	if (num == SYS_disk_alloc && got == 0 && a[0] == (unsigned)scratch && next_ < 4)
		own_ext[next_++] = x;
	if (num == SYS_alloc && got > 0 && nown < 8) {
		own_ppn[nown] = (unsigned)got;
		own_cap[nown++] = a[1];
	}
	if ((num == SYS_spawn || num == SYS_env_create) && got > 0 && nkid < 4)
		kid_id[nkid++] = (unsigned)got;
	return 0;
}

static int selected(unsigned i)
{
	if (C->upto && i >= C->upto)
		return 0;
	if (!C->nranges)
		return 1;
	for (unsigned r = 0; r < C->nranges; r++)
		if (i >= C->ranges[2 * r] && i <= C->ranges[2 * r + 1])
			return 1;
	return 0;
}

static int hostile(unsigned h)
{
	my_id = (unsigned)sys_getenvid();
	other_id = C->hid[1 - h];
	sys_set_entry(pct_land, pct_land);
	/* More of the vector than its one slice: with few environments most
	   positions are free, and a hostile would wait for its own. */
	for (unsigned k = 0; k < 3; k++)
		sys_slice_alloc(-1);
	unsigned start = C->hstart[h], count = C->hcount[h];
	for (unsigned i = start; i < start + count; i++) {
		if (!selected(i))
			continue;
		C->hlast[h] = i;
		C->hdone[h]++;
		fuzz_one(i);
	}
	return 0;
}

/* ---- the coordinator ---- */

static unsigned ticks(void)
{
	struct aegis_clock c;
	return sys_clock(&c) == 0 ? c.ticks : 0;
}

static void line(const char *a, unsigned x, const char *b, unsigned y, const char *c2)
{
	char m[160], *p = m;
	put_str(&p, a);
	put_uint(&p, x);
	put_str(&p, b);
	put_uint(&p, y);
	put_str(&p, c2);
	*p = 0;
	say(m);
}

static unsigned live_envs(void)
{
	unsigned n = 0;
	struct aegis_envinfo info;
	for (unsigned s = 1; s < AEGIS_MAX_ENVS; s++)
		n += sys_envinfo((int)s, &info) == 0;
	return n;
}

static unsigned free_pages(void)
{
	struct aegis_envinfo info;
	return sys_envinfo(sys_getenvid(), &info) == 0 ? info.free_pages : 0;
}

static unsigned pages_of(unsigned id)
{
	struct aegis_envinfo info;
	return sys_envinfo((int)id, &info) == 0 ? info.pages : 0xffffffffu;
}

static int coordinator(void)
{
	char w[256];
	unsigned seed = 1, ncalls = 10000, upto = 0, batch = 256, nr = 0, trace = 0, ranges[2 * MAXR];
	for (unsigned n = 0; sys_boot_arg(n, w, sizeof w) >= 0; n++) {
		const char *p;
		if (w[0] == 's' && w[1] == 'e' && w[2] == 'e' && w[3] == 'd' && w[4] == '=')
			seed = parse(w + 5, 0);
		else if (w[0] == 'c' && w[1] == 'a' && w[2] == 'l' && w[3] == 'l' && w[4] == 's' && w[5] == '=')
			ncalls = parse(w + 6, 0);
		else if (w[0] == 'u' && w[1] == 'p' && w[2] == 't' && w[3] == 'o' && w[4] == '=')
			upto = parse(w + 5, 0);
		else if (w[0] == 't' && w[1] == 'r' && w[2] == 'a' && w[3] == 'c' && w[4] == 'e' && w[5] == '=')
			trace = parse(w + 6, 0);
		else if (w[0] == 'b' && w[1] == 'a' && w[2] == 't' && w[3] == 'c' && w[4] == 'h' && w[5] == '=')
			batch = parse(w + 6, 0);
		else if (w[0] == 'o' && w[1] == 'n' && w[2] == 'l' && w[3] == 'y' && w[4] == '=') {
			p = w + 5;
			while (*p && nr < MAXR) {
				ranges[2 * nr] = parse(p, &p);
				ranges[2 * nr + 1] = *p == '-' ? parse(p + 1, &p) : ranges[2 * nr];
				nr++;
				if (*p == ',')
					p++;
				else
					break;
			}
		}
	}
	if (!batch)
		batch = 256;
	setup_misses();
	int ctl = sys_alloc(CTL_RCAP, CTL_WCAP);
	if (ctl <= 0)
		return 70;
	bind(CTL_VA, (unsigned)ctl, CTL_WCAP);
	C->seed = seed;
	C->ncalls = ncalls;
	C->upto = upto;
	C->nranges = nr;
	C->trace = trace;
	unsigned last = 0;
	for (unsigned r = 0; r < nr; r++) {
		C->ranges[2 * r] = ranges[2 * r];
		C->ranges[2 * r + 1] = ranges[2 * r + 1];
		if (ranges[2 * r + 1] + 1 > last)
			last = ranges[2 * r + 1] + 1;
	}
	/* Where the calls' indices stop: the replay's end, else enough
	   batches for ncalls even if every one ended early. */
	unsigned limit = upto ? upto : nr ? last : ncalls * 16 + batch;
	if (upto && nr && last < limit)
		limit = last;
	C->coord = (unsigned)sys_getenvid();
	line("# sysfuzz: seed ", seed, ", calls ", ncalls, "\n");

	unsigned free0 = free_pages(), envs0 = live_envs();
	for (unsigned v = 0; v < NV; v++) {
		int id = sys_spawn(prog_name, 7, ROLE_MAGIC | ROLE_VICTIM | v, (unsigned)ctl);
		C->vid[v] = id > 0 ? (unsigned)id : 0;
	}
	for (unsigned t = 0; t < 10000 && !(C->vready[0] && C->vready[1]); t++)
		sys_yield(0);
	unsigned vpages[NV];
	for (unsigned v = 0; v < NV; v++)
		vpages[v] = pages_of(C->vid[v]);

	unsigned next = 0, issued = 0, batches = 0, killed = 0, dogged = 0, ended = 0;
	unsigned running[NH] = { 0 }, since[NH] = { 0 }, seen[NH] = { 0 }, victims_ok = C->vready[0] && C->vready[1];
	int first_bad = -1;
	for (;;) {
		int any = 0;
		for (unsigned h = 0; h < NH; h++) {
			struct aegis_exit x;
			if (running[h]) {
				any = 1;
				int wr = sys_wait((int)running[h], &x);
				unsigned now = ticks();
				if (C->hdone[h] != seen[h]) {
					seen[h] = C->hdone[h];
					since[h] = now;
				}
				if (wr == -AEGIS_EAGAIN && now - since[h] > WATCHDOG_TICKS) {
					sys_destroy((int)running[h]);
					wr = sys_wait((int)running[h], &x);
					if (dogged++ < 8)
						line("# sysfuzz: watchdog ended the batch at call ", C->hlast[h],
						     ", number ", C->hnum[h], "\n");
				} else if (wr == 0 && x.killed == AEGIS_KILLED_DESTROYED) {
					ended++;	/* it destroyed itself */
				} else if (wr == 0 && x.killed) {
					killed++;
				}
				if (wr == -AEGIS_EAGAIN)
					continue;
				issued += C->hdone[h];
				if (wr == 0 && !x.killed && C->hlast[h] + 1 < C->hstart[h] + C->hcount[h])
					ended++;	/* it exited before its last call */
				running[h] = 0;
				for (unsigned v = 0; v < NV; v++)
					if (pages_of(C->vid[v]) != vpages[v] && victims_ok) {
						victims_ok = 0;
						first_bad = (int)C->hlast[h];
						line("# sysfuzz: victim ", v, " gone or its pages changed after call ",
						     C->hlast[h], "\n");
					}
			}
			if (!running[h] && next < limit && issued < ncalls) {
				C->hstart[h] = next;
				C->hcount[h] = batch;
				C->hdone[h] = 0;
				C->hlast[h] = next;
				next += batch;
				C->hid[h] = 0;
				int id = sys_spawn(prog_name, 7, ROLE_MAGIC | ROLE_HOSTILE | h, (unsigned)ctl);
				if (id > 0) {
					C->hid[h] = (unsigned)id;
					running[h] = (unsigned)id;
					since[h] = ticks();
					seen[h] = 0;
					batches++;
					any = 1;
				}
			}
		}
		if (!any)
			break;
		sys_yield(0);
	}
	C->stop = 1;
	unsigned vstatus_ok = 1, rounds = 0, bad = 0, dbad = 0, disks = 0;
	for (unsigned v = 0; v < NV; v++) {
		struct aegis_exit x;
		unsigned t0 = ticks();
		int wr;
		while ((wr = sys_wait((int)C->vid[v], &x)) == -AEGIS_EAGAIN && ticks() - t0 < 200)
			sys_yield((int)C->vid[v]);
		if (wr != 0 || x.killed || x.status != 0)
			vstatus_ok = 0;
		rounds += C->vrounds[v];
		bad += C->vbad[v];
		dbad += C->vdbad[v];
		disks += C->vdisk[v];
	}
	/* Orphans (a hostile's children) end on their own, or not. */
	unsigned t0 = ticks();
	while (live_envs() > envs0 && ticks() - t0 < 200)
		sys_yield(0);
	unsigned orphans = live_envs() - envs0, free1 = free_pages();

	line("# sysfuzz: ", issued, " calls issued in ", batches, " batches");
	line(" (", killed, " killed by an exception, ", dogged, " by the watchdog,");
	line(" ", ended, " ended by their own exit or destroy); last index ", next, "\n");
	line("# sysfuzz: victims verified their memory ", rounds, " times, ", bad, " words wrong\n");
	line("# sysfuzz: victims' extents on disk ", disks, ", words wrong there ", dbad, "\n");
	sys_check(issued >= ncalls || (limit < ncalls * 16 + batch && next >= limit),
		  "sysfuzz: every call issued, the kernel stayed up");
	sys_check(victims_ok, "sysfuzz: the victims lived, owning the same pages, throughout");
	sys_check(vstatus_ok && bad == 0 && rounds >= NV,
		  "sysfuzz: the victims' memory checksums held (pages and program)");
	if (orphans) {
		line("# sysfuzz: ", orphans, " orphans still live (a hostile's children), ", 0, "\n");
		sys_check(1, "sysfuzz: no page leaked # SKIP a hostile's orphans still live");
	} else {
		sys_check(free1 == free0, "sysfuzz: no page leaked (free pages as before)");
		if (free1 != free0)
			line("# sysfuzz: free pages ", free0, " before, ", free1, " after\n");
	}
	if (first_bad >= 0)
		line("# sysfuzz: first failure near call ", (unsigned)first_bad, ", seed ", seed, "\n");
	say("1..4\n");
	return 0;
}

int main(unsigned role, unsigned ctlppn)
{
	/* The coordinator is the first environment Aegis makes (slot 1,
	   generation 1): a hostile's orphan started with a0 = 0 has no
	   parent either. */
	if (role == 0 && sys_getenvid() == (int)AEGIS_ENV_ID(1, 1))
		return coordinator();
	if ((role & 0xffff0000u) != ROLE_MAGIC)
		return 0;	/* a hostile's own spawn of this program */
	setup_misses();
	bind(CTL_VA, ctlppn, CTL_WCAP);
	if (role & ROLE_VICTIM)
		return victim(role & 0xf);
	if (role & ROLE_HOSTILE)
		return hostile(role & 0xf);
	return 0;
}
