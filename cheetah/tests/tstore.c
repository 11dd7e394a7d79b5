/*
 * cheetah/tests/tstore.c - the document store (cheetah/docstore.c) on a
 * disk that cheetah/tests/store-test builds: ExOS's ext2 in [2, end) with
 * the builder's manifest at /manifest, and the store from
 * cheetah/tests/site as an extent of its own after it, with Cheetah's
 * capabilities. Booted as init with -d tmp:IMAGE. Boot words:
 *   tstore=corrupt  the store is damaged: ds_open must say -EINVAL
 *   tstore=fuzz     rounds= damaged stores written over it (seed=), each
 *                   refused or served without a fault (on tmp: only)
 *   rcap=, wcap=    the store's capabilities in hex (default mkwebstore's)
 * Checks: every document of the manifest found, its header and body bytes
 * (FNV-1a) and its segment sums recomputed here from the bytes ds_get
 * gives equal to the store's and the host's; paths normalised and bad
 * ones refused; a group read brings the group in one store request; a
 * small cache evicts and reads again correctly, never a held document's
 * blocks; ExOS's capabilities cannot read or write the store's extent.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <aegis/disk.h>
#include "exos.h"
#include "vm.h"
#include "fs/adisk.h"
#include "docstore.h"

#define RCAP	0xc4ee7a01u	/* tools/webstore.py DEFAULT_RCAP, WCAP */
#define WCAP	0xc4ee7a02u
#define MAXDOC	64
#define CAP_VA	0x3f000000u	/* t_caps' page, outside the store's windows */

struct want {
	char path[256];
	unsigned long size, hdr, nsegs, hfnv, bfnv, sums, gdocs;
};
static struct want *want;
static int nwant;

static uint32_t fnv(uint32_t h, const uint8_t *p, uint32_t n)
{
	while (n--)
		h = (h ^ *p++) * 0x01000193u;
	return h;
}

/* The unfolded sum of big-endian 16-bit words of a segment given in
   pieces; *odd carries a pending high byte between pieces. */
static uint32_t sum16(uint32_t s, const uint8_t *p, uint32_t n, int *odd)
{
	while (n--) {
		s += *odd ? *p : (uint32_t)*p << 8;
		*odd = !*odd;
		p++;
	}
	return s;
}

static int read_manifest(void)
{
	FILE *f = fopen("/manifest", "r");
	if (!f)
		return 0;
	want = calloc(MAXDOC, sizeof *want);
	char line[400];
	while (want && nwant < MAXDOC && fgets(line, sizeof line, f)) {
		struct want *w = &want[nwant];
		char *s = strchr(line, ' ');
		if (!s || s - line > 255)
			break;
		memcpy(w->path, line, (size_t)(s - line));
		w->size = strtoul(s, &s, 10);
		w->hdr = strtoul(s, &s, 10);
		w->nsegs = strtoul(s, &s, 10);
		w->hfnv = strtoul(s, &s, 16);
		w->bfnv = strtoul(s, &s, 16);
		w->sums = strtoul(s, &s, 16);
		w->gdocs = strtoul(s, &s, 10);
		nwant++;
	}
	fclose(f);
	return nwant;
}

/* The whole stream of d through ds_get in MSS pieces: its hashes and
   sums checked against w and the store's sums. 1 if all agree. */
static int check_doc(struct ds *ds, const struct ds_doc *d, const struct want *w)
{
	uint32_t mss = ds_mss(ds), end = d->hdr_len + d->size, h = 0x811c9dc5u, b = 0x811c9dc5u, tot = 0;
	unsigned seg = 0;
	for (uint32_t off = 0; off < end; off += mss, seg++) {
		uint32_t len = end - off < mss ? end - off : mss, s = 0;
		struct ds_piece pc[2];
		int np, odd = 0;
		if (ds_get(ds, d, off, len, pc, &np) != 0 || np < 1)
			return 0;
		uint32_t at = off;
		for (int k = 0; k < np; k++) {
			for (uint32_t i = 0; i < pc[k].len; i++, at++) {
				if (at < d->hdr_len)
					h = fnv(h, pc[k].p + i, 1);
				else
					b = fnv(b, pc[k].p + i, 1);
				if (at >= d->date_off && at < d->date_off + d->date_len && pc[k].p[i] != ' ')
					return 0;	/* the Date bytes are stored as spaces */
			}
			s = sum16(s, pc[k].p, pc[k].len, &odd);
		}
		if (at != off + len || ds_segment_sum(ds, d, seg) != (int64_t)s)
			return 0;
		tot += s;
	}
	return h == w->hfnv && b == w->bfnv && tot == w->sums && seg == w->nsegs &&
	       ds_segment_sum(ds, d, seg) == -1 && d->size == w->size && d->hdr_len == w->hdr;
}

static int open_store(struct ds **ds, unsigned cache, int group)
{
	struct ds_opts o = { 0, 0, (uint32_t)exos_boot_arg_num("rcap", RCAP), (uint32_t)exos_boot_arg_num("wcap", WCAP),
			     cache, group };
	return ds_open(ds, &o);
}

static int doc_of(struct ds *ds, const char *p, struct ds_doc *d)
{
	return ds_lookup(ds, p, d) == 0;
}

static void t_paths(struct ds *ds)
{
	struct ds_doc a, b;
	char longp[300];
	memset(longp, 'a', sizeof longp);
	longp[0] = '/';
	longp[sizeof longp - 1] = 0;
	exos_check(doc_of(ds, "/", &a) && doc_of(ds, "/index.html", &b) && a.id == b.id &&
		   !strcmp(a.type, "text/html"), "store: / is /index.html");
	exos_check(doc_of(ds, "/sub/", &a) && doc_of(ds, "/sub", &b) && a.id == b.id &&
		   doc_of(ds, "/sub/index.html", &b) && a.id == b.id, "store: /sub and /sub/ are /sub/index.html");
	exos_check(doc_of(ds, "//./img//logo.png", &a) && doc_of(ds, "/img/logo.png", &b) && a.id == b.id &&
		   !strcmp(a.type, "image/png"), "store: empty and . segments dropped");
	exos_check(ds_lookup(ds, "/../etc/passwd", &a) == -EINVAL && ds_lookup(ds, "/img/../index.html", &a) == -EINVAL &&
		   ds_lookup(ds, "/..", &a) == -EINVAL && ds_lookup(ds, "/sub/..", &a) == -EINVAL,
		   "store: .. segments refused (-EINVAL)");
	exos_check(ds_lookup(ds, longp, &a) == -EINVAL && ds_lookup(ds, "index.html", &a) == -EINVAL &&
		   ds_lookup(ds, "", &a) == -EINVAL && ds_lookup(ds, "/a b", &a) == -EINVAL &&
		   ds_lookup(ds, NULL, &a) == -EINVAL, "store: over 255 bytes, relative, empty, control bytes refused");
	exos_check(ds_lookup(ds, "/nope.html", &a) == -ENOENT && ds_lookup(ds, "/img/", &a) == -ENOENT &&
		   ds_lookup(ds, "/index.html.", &a) == -ENOENT, "store: missing documents -ENOENT");
	exos_check(doc_of(ds, "/index.html", &a) && ds_get(ds, &a, 0, a.hdr_len + a.size + 1, NULL, &(int){0}) == -EINVAL,
		   "store: ds_get past the stream's end refused");
}

/* A group read: the leader's first block brings its members in one store
   request, one SYS_disk_readv (one SCSI command: one seek and one
   rotational wait); without group reads each member costs its own. The
   simulated cycles of the cold reads: the group's 4 blocks at once
   against the same 4 blocks a miss each. */
static void t_group(void)
{
	unsigned reads[2], extra[2];
	uint64_t cyc[2] = { 0, 0 };
	for (int g = 0; g < 2; g++) {
		struct ds *ds;
		struct ds_doc l, m1, m2;
		struct ds_stats s0, s1, s2;
		struct ds_piece pc[2];
		int np;
		reads[g] = extra[g] = ~0u;
		if (open_store(&ds, 16, g) != 0)
			continue;
		if (doc_of(ds, "/index.html", &l) && doc_of(ds, "/img/logo.png", &m1) && doc_of(ds, "/style.css", &m2)) {
			ds_get_stats(ds, &s0);
			uint64_t c0 = exos_cycles();
			ds_get(ds, &l, 0, 100, pc, &np);
			ds_get_stats(ds, &s1);
			ds_get(ds, &m1, 0, 100, pc, &np);
			ds_get(ds, &m1, 4096, 100, pc, &np);
			ds_get(ds, &m2, 0, 100, pc, &np);
			cyc[g] = exos_cycles() - c0;
			ds_get_stats(ds, &s2);
			reads[g] = s1.disk_reads - s0.disk_reads;
			extra[g] = s2.disk_reads - s1.disk_reads;
			if (g)
				exos_check(s1.blocks_read - s0.blocks_read == 4 && s2.hits - s1.hits == 3,
					   "store: the group is 4 blocks read at once (%u), its members then hit (%u)",
					   s1.blocks_read - s0.blocks_read, s2.hits - s1.hits);
		}
		ds_close(ds);
	}
	exos_check(reads[1] == 1 && extra[1] == 0, "store: group read: one request for the page and its files (%u + %u)",
		   reads[1], extra[1]);
	exos_check(reads[0] == 1 && extra[0] == 3, "store: without group reads: one request per block (%u + %u)",
		   reads[0], extra[0]);
	iprintf("# cold reads of a 4-block group: %lu cycles grouped (one command), %lu a block at a time\n",
		(unsigned long)cyc[1], (unsigned long)cyc[0]);
	/* One command waits for the disk once; four wait four times (a
	   revolution each at least: docs/disk.md). */
	exos_check(cyc[1] && cyc[0] && cyc[1] * 2 < cyc[0],
		   "store: the group read is one disk access: %lu cycles against %lu", (unsigned long)cyc[1],
		   (unsigned long)cyc[0]);
}

/* A 4-block cache: a 10-block document read twice is read from the disk
   twice, right both times; a held document's block stays. */
static void t_evict(void)
{
	struct ds *ds;
	struct ds_doc big, small;
	struct ds_stats a, b;
	const struct want *wb = NULL;
	for (int i = 0; i < nwant; i++)
		if (!strcmp(want[i].path, "/big.bin"))
			wb = &want[i];
	if (!exos_check(wb && open_store(&ds, 4, 0) == 0, "store: a 4-block cache"))
		return;
	exos_check(doc_of(ds, "/big.bin", &big) && doc_of(ds, "/style.css", &small), "store: the documents are there");
	struct ds_piece pc[2];
	int np;
	ds_hold(ds, &small);
	exos_check(ds_get(ds, &small, 0, 10, pc, &np) == 0, "store: a held document read");
	const uint8_t *held = pc[0].p;
	ds_get_stats(ds, &a);
	int ok1 = check_doc(ds, &big, wb), ok2 = check_doc(ds, &big, wb);
	ds_get_stats(ds, &b);
	unsigned blocks = (big.hdr_len + big.size + 4095) / 4096;
	exos_check(ok1 && ok2 && b.blocks_read - a.blocks_read == 2 * blocks,
		   "store: %u blocks through a 4-block cache twice: read twice (%u), right both times", blocks,
		   b.blocks_read - a.blocks_read);
	exos_check(ds_get(ds, &small, 0, 10, pc, &np) == 0 && pc[0].p == held, "store: the held document's block stayed");
	ds_get_stats(ds, &b);
	ds_release(ds, &small);
	struct ds_stats c;
	check_doc(ds, &big, wb);
	ds_get(ds, &small, 0, 10, pc, &np);
	ds_get_stats(ds, &c);
	exos_check(c.disk_reads - b.disk_reads == blocks + 1, "store: released, it is evicted and read again (%u)",
		   c.disk_reads - b.disk_reads);
	ds_close(ds);
}

/* ExOS's capabilities against the store's extent: Aegis refuses them
   (and its own read capability cannot write). */
static unsigned t_caps(void)
{
	struct aegis_disk_extent x;
	unsigned start = 0;
	uint32_t ppn, pcap;
	for (unsigned i = 0; sys_disk_extent(0, i, &x) == 0; i++)
		if (x.start > EXOS_FS_START)
			start = x.start;
	if (!exos_check(start != 0, "store: an extent after ExOS's (block %u)", start) ||
	    !exos_check(vm_alloc(CAP_VA, VM_READ | VM_WRITE, &ppn, &pcap) == 0, "store: a page for the DMA"))
		return start;
	struct aegis_disk_io io = { 0, start, 8, EXOS_FS_RCAP, ppn, pcap, 0 };
	int r1 = sys_disk_read(&io);
	io.cap = EXOS_FS_WCAP;
	int r2 = sys_disk_write(&io);
	io.cap = (uint32_t)exos_boot_arg_num("rcap", RCAP);
	int r3 = sys_disk_write(&io);
	int r4 = sys_disk_read(&io);
	exos_check(r1 == -AEGIS_EPERM && r2 == -AEGIS_EPERM && r3 == -AEGIS_EPERM,
		   "store: ExOS's read and write capabilities and the store's read one cannot write it (%d %d %d)", r1, r2, r3);
	exos_check(r4 == 0 && !memcmp((void *)CAP_VA, "CHWS", 4), "store: its own read capability reads it (%d)", r4);
	vm_unmap(CAP_VA);
	return start;
}

/* How the store is found: by its magic, or at a given start; a
   capability that cannot read it, or a start with no store, refused. */
static void t_open(unsigned start)
{
	struct ds *ds;
	struct ds_opts o = { 0, 0, EXOS_FS_RCAP, EXOS_FS_WCAP, 4, 0 };
	int r1 = ds_open(&ds, &o);
	o.rcap = (uint32_t)exos_boot_arg_num("rcap", RCAP);
	o.start = start + 8;
	int r2 = ds_open(&ds, &o);
	o.start = EXOS_FS_START;
	int r3 = ds_open(&ds, &o);
	o.cache_blocks = 1;
	int r4 = ds_open(&ds, &o);
	exos_check(r1 == -EACCES && r2 == -ENOENT && r3 == -EACCES && r4 == -EINVAL,
		   "store: refused: ExOS's cap, no extent there, ext2's extent, 1 block (%d %d %d %d)", r1, r2, r3, r4);
	o.start = start;
	o.cache_blocks = 2;
	int r = ds_open(&ds, &o);
	exos_check(r == 0 && ds_lookup(ds, "/", &(struct ds_doc){0}) == 0, "store: opened at its given start with 2 blocks (%d)", r);
	if (r == 0)
		ds_close(ds);
	struct ds_opts dflt = { 0 };	/* every default: found by magic, mkwebstore's caps */
	r = ds_open(&ds, &dflt);
	exos_check(r == 0 && ds_lookup(ds, "/", &(struct ds_doc){0}) == 0, "store: opened with every option 0 (%d)", r);
	if (r == 0)
		ds_close(ds);
}

/* Damaged stores written over the store's first blocks (the disk is a
   throw-away overlay): random words of the metadata and superblock
   changed, the checksums made right again, so that only the entries'
   checks stand between the damage and the reader. Every ds_open must
   refuse (-EINVAL, or -ENOENT without the magic) or give a store whose
   every lookup and read returns without a fault. */
static void t_fuzz(unsigned start, unsigned rounds)
{
	uint32_t sppn, scap, mppn, mcap, rcap = (uint32_t)exos_boot_arg_num("rcap", RCAP);
	uint32_t wcap = (uint32_t)exos_boot_arg_num("wcap", WCAP), seed = (uint32_t)exos_boot_arg_num("seed", 1) | 1;
	uint32_t *sb = (uint32_t *)CAP_VA, *meta = (uint32_t *)(CAP_VA + 4096), *orig = malloc(2 * 4096);
	if (!exos_check(orig && vm_alloc(CAP_VA, VM_READ | VM_WRITE, &sppn, &scap) == 0 &&
			vm_alloc(CAP_VA + 4096, VM_READ | VM_WRITE, &mppn, &mcap) == 0, "fuzz: two pages"))
		return;
	struct aegis_disk_io io = { 0, start, 8, rcap, sppn, scap, 0 };
	int r = sys_disk_read(&io);
	io.block = start + 8, io.ppn = mppn, io.page_cap = mcap;
	r |= sys_disk_read(&io);
	if (!exos_check(r == 0 && sb[0] == 0x53574843u && sb[5] == 1, "fuzz: the store's superblock and metadata block"))
		return;
	memcpy(orig, sb, 4096);
	memcpy(orig + 1024, meta, 4096);
	unsigned nmeta = (sb[6] + 3) / 4, refused = 0, served = 0, odd = 0;
	for (unsigned round = 0; round < rounds; round++) {
		memcpy(sb, orig, 4096);
		memcpy(meta, orig + 1024, 4096);
		unsigned k = 1 + round % 4;
		for (unsigned j = 0; j < k; j++) {
			seed ^= seed << 13, seed ^= seed >> 17, seed ^= seed << 5;	/* xorshift32 */
			uint32_t *w = seed % 8 == 0 ? &sb[(seed >> 3) % 15] : &meta[(seed >> 3) % nmeta];
			uint32_t v = seed >> 7;
			*w = v % 3 == 0 ? *w ^ (1u << (v >> 2) % 32) : v % 3 == 1 ? *w + (v >> 2) % 16 - 8 : v;
		}
		uint32_t sum = 0;
		for (unsigned i = 0; i < nmeta; i++)
			sum += meta[i];
		sb[13] = sum;
		sb[15] = 0;
		sum = 0;
		for (unsigned i = 0; i < 16; i++)
			sum += sb[i];
		sb[15] = -sum;
		io.cap = wcap;
		io.block = start, io.ppn = sppn, io.page_cap = scap;
		r = sys_disk_write(&io);
		io.block = start + 8, io.ppn = mppn, io.page_cap = mcap;
		r |= sys_disk_write(&io);
		if (r != 0) {
			odd++;
			continue;
		}
		struct ds *ds;
		struct ds_opts o = { 0, 0, rcap, wcap, 4, 1 };
		r = ds_open(&ds, &o);
		/* no magic: not found (-EACCES: ExOS's extent, passed over, was
		   the only other one) */
		if (r == -EINVAL || r == -ENOENT || (r == -EACCES && sb[0] != 0x53574843u)) {
			refused++;
			continue;
		}
		if (r != 0) {
			iprintf("# fuzz round %u: ds_open %d\n", round, r);
			odd++;
			continue;
		}
		for (int i = 0; i < nwant; i++) {
			struct ds_doc d;
			struct ds_piece pc[2];
			int np;
			if (ds_lookup(ds, want[i].path, &d) != 0)
				continue;
			for (uint32_t off = 0; off < d.hdr_len + d.size && off < 65536; off += 1460) {
				uint32_t end = d.hdr_len + d.size;
				ds_get(ds, &d, off, end - off < 1460 ? end - off : 1460, pc, &np);
				ds_segment_sum(ds, &d, off / 1460);
			}
		}
		served++;
		ds_close(ds);
	}
	exos_check(odd == 0 && refused + served == rounds,
		   "fuzz: %u damaged stores: %u refused, %u opened and read without a fault", rounds, refused, served);
}

/* What the calls cost, in cycles of pmaxsim's counter (a "#" line). */
static void t_cost(struct ds *ds)
{
	struct ds_doc d;
	struct ds_piece pc[2];
	int np;
	if (!exos_mhz() || ds_lookup(ds, "/img/logo.png", &d) != 0 || ds_get(ds, &d, 0, 1460, pc, &np) != 0)
		return;
	uint64_t t0 = exos_cycles();
	for (int i = 0; i < 100; i++)
		ds_lookup(ds, "/img/logo.png", &d);
	uint64_t t1 = exos_cycles();
	for (int i = 0; i < 100; i++)
		ds_get(ds, &d, 2920, 1460, pc, &np);
	uint64_t t2 = exos_cycles();
	for (int i = 0; i < 100; i++)
		ds_segment_sum(ds, &d, 2);
	uint64_t t3 = exos_cycles();
	iprintf("# cost in cycles: ds_lookup %lu, ds_get (a cached segment over two blocks) %lu, ds_segment_sum %lu\n",
		(unsigned long)((t1 - t0) / 100), (unsigned long)((t2 - t1) / 100), (unsigned long)((t3 - t2) / 100));
}

int main(void)
{
	char mode[16] = "";
	exos_boot_arg("tstore", mode, sizeof mode);
	struct ds *ds;
	if (!strcmp(mode, "corrupt")) {
		int r = open_store(&ds, 0, 1);
		exos_check(r == -EINVAL, "store: a damaged store refused (%d)", r);
		return exos_test_result();
	}
	if (!exos_check(read_manifest() > 0, "store: the manifest read from ExOS's ext2 (%d documents)", nwant))
		return exos_test_result();
	if (!strcmp(mode, "fuzz")) {
		unsigned start = t_caps();
		if (start)
			t_fuzz(start, (unsigned)exos_boot_arg_num("rounds", 100));
		return exos_test_result();
	}
	int r = open_store(&ds, 0, 1);
	if (!exos_check(r == 0, "store: ds_open found the store by its magic (%d)", r))
		return exos_test_result();
	exos_check(ds_mss(ds) == 1460, "store: MSS 1460");
	int bad = 0;
	for (int i = 0; i < nwant; i++) {
		struct ds_doc d;
		if (!doc_of(ds, want[i].path, &d) || !check_doc(ds, &d, &want[i])) {
			bad++;
			iprintf("# %s differs\n", want[i].path);
		}
	}
	exos_check(bad == 0, "store: %d documents: header, body and segment sums as the builder's", nwant);
	t_paths(ds);
	t_cost(ds);
	ds_close(ds);
	t_group();
	t_evict();
	unsigned start = t_caps();
	if (start)
		t_open(start);
	return exos_test_result();
}
