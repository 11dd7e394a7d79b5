/*
 * cheetah/docstore.c - Cheetah's document store (docstore.h): the site's
 * documents in a layout of Cheetah's own on an Aegis disk extent it owns
 * (beside ExOS's ext2), read by DMA straight into a block cache of pages
 * the server owns, served from there without a copy.
 *
 * The layout (tools/mkwebstore builds it; tools/webstore.py is the same
 * in python; docs/cheetah.md "The document store"): 32-bit little-endian
 * words, store blocks of 4096 bytes (8 disk blocks) from the extent's
 * first block:
 *   block 0, the superblock: magic "CHWS", version 1, store_blocks,
 *     ndocs, mss, meta_blocks, meta_bytes, data_start (= 1 +
 *     meta_blocks), doc_off, sums_off, nsums, str_off, str_len (byte
 *     offsets into the metadata), meta_sum (the metadata's words summed),
 *     date_len, checksum (the 16 words sum to 0 mod 2^32);
 *   blocks 1 .. data_start, the metadata (read whole at open, checked
 *     before anything in it is used): the document table, ndocs entries
 *     of 14 words sorted by path bytewise (the name table: binary
 *     search): name_off, name_len, start, nblocks, size, hdr_len,
 *     date_off, date_len, type_off, sums_idx, nsegs, group_start,
 *     group_blocks, mtime; the segment sums (nsums words); the strings
 *     (paths, content types; NUL-terminated);
 *   from data_start, the documents: each one's response stream (the
 *     HTTP/1.0 header with its Date value as spaces, then the body) in
 *     nblocks consecutive blocks of its own; an HTML file is followed by
 *     the local images, style sheets and scripts it references, and its
 *     entry's group [group_start, + group_blocks) covers them all.
 * A segment sum is the unfolded 32-bit sum of the segment's big-endian
 * 16-bit words (RFC 1071; an odd last byte padded with zero), the Date
 * bytes as spaces.
 *
 * The cache: cache_blocks pages allocated with vm_alloc in a window of
 * their own (DS_VA), each read by SYS_disk_readv of 8 disk blocks = one
 * store block straight into the page (a group's run of blocks: one call,
 * one SCSI command, into as many pages),
 * found by a hash of the block number (chains through the slots);
 * replaced least recently used, never a block of a held document nor
 * one the current ds_get needs. A group read (group_reads, a leader's
 * first block missed) reads the group's blocks in disk order, at most
 * half the cache.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <aegis/disk.h>
#include "exos.h"
#include "vm.h"
#include "docstore.h"

#define BLK		4096u
#define PER_BLK		(BLK / AEGIS_DISK_BLOCK)	/* 8 disk blocks */
#define MAGIC		0x53574843u	/* "CHWS" */
#define VERSION		1u
#define SB_WORDS	16
#define DOC_WORDS	14
#define MAX_DOCS	4096u
#define MAX_META	64u		/* metadata blocks (webstore.py MAX_META_BLOCKS) */
#define MAX_NAME	255u
#define DEF_CACHE	64u		/* 256 KB */
/* The capabilities tools/mkwebstore gives the store's extent unless told
   otherwise (tools/webstore.py DEFAULT_RCAP, DEFAULT_WCAP): used when
   ds_opts names none (both 0), as start 0 and cache_blocks 0 mean the
   defaults. */
#define DEF_RCAP	0xc4ee7a01u
#define DEF_WCAP	0xc4ee7a02u
#define MAX_CACHE	512u		/* 2 MB; a process maps 1024 pages in all */
/* The caches' pages: a window of 16 MB per open store, outside the heap
   (0x10000000-0x20000000) and the IPC windows (0x70000000). */
#define DS_VA		0x30000000u
#define DS_VA_STEP	0x01000000u

enum { SB_MAGIC, SB_VERSION, SB_STORE_BLOCKS, SB_NDOCS, SB_MSS, SB_META_BLOCKS, SB_META_BYTES,
       SB_DATA_START, SB_DOC_OFF, SB_SUMS_OFF, SB_NSUMS, SB_STR_OFF, SB_STR_LEN, SB_META_SUM,
       SB_DATE_LEN, SB_CHECKSUM };
enum { D_NAME_OFF, D_NAME_LEN, D_START, D_NBLOCKS, D_SIZE, D_HDR_LEN, D_DATE_OFF, D_DATE_LEN,
       D_TYPE_OFF, D_SUMS_IDX, D_NSEGS, D_GROUP_START, D_GROUP_BLOCKS, D_MTIME };

struct slot {
	uint32_t blk;		/* store block held, or NONE */
	uint32_t doc;		/* the document it belongs to */
	uint32_t used;		/* LRU stamp */
	uint16_t pin;		/* pinned by the ds_get in progress */
	uint16_t next;		/* the next slot in its hash chain, or NIL */
	uint8_t *p;
};
#define NONE 0xffffffffu
#define NIL 0xffffu

struct ds {
	struct ds_opts o;
	uint32_t first;		/* disk block of store block 0 */
	uint32_t sb[SB_WORDS];
	uint8_t *meta;
	const uint32_t *docs, *sums;
	const char *str;
	uint32_t *by_start;	/* document ids in block order */
	uint16_t *held;		/* ds_hold counts */
	struct slot *c;
	uint16_t *bucket;	/* hash of cached blocks: chains of slots */
	unsigned nc, mask, clock, va;
	struct ds_stats st;
};

static uint16_t windows;	/* the VA windows of open stores, a bit each */

static void why(const char *s, unsigned long v)
{
	fiprintf(stderr, "docstore: %s (%lu)\n", s, v);
}

static const uint32_t *doc(const struct ds *ds, uint32_t id)
{
	return ds->docs + (size_t)id * DOC_WORDS;
}

/* Slot s forgets its block (out of its hash chain). */
static void drop(struct ds *ds, struct slot *s)
{
	if (s->blk == NONE)
		return;
	uint16_t *at = &ds->bucket[s->blk & ds->mask], me = (uint16_t)(s - ds->c);
	while (*at != me)
		at = &ds->c[*at].next;
	*at = s->next;
	s->blk = NONE;
}

/* Store blocks b .. b+n-1 into the pages of slots v[0..n-1] (n at most
   AEGIS_DISK_IOV_PAGES): one SYS_disk_readv of 8n disk blocks, one SCSI
   command (a group read: one seek and one rotational wait for all). */
static int rdv(struct ds *ds, struct slot *const *v, uint32_t b, uint32_t n)
{
	static struct aegis_disk_iov io;
	io.disk = ds->o.disk;
	io.block = ds->first + b * PER_BLK;
	io.nblocks = n * PER_BLK;
	io.cap = ds->o.rcap;
	io.npages = n;
	for (uint32_t i = 0; i < n; i++) {
		drop(ds, v[i]);
		if (vm_private((uint32_t)v[i]->p, &io.page[i].ppn, &io.page[i].page_cap) < 0)
			return -EIO;
	}
	int r = sys_disk_readv(&io);
	if (r < 0)
		return r == -AEGIS_EPERM ? -EACCES : r == -AEGIS_EINVAL ? -EINVAL : -EIO;
	for (uint32_t i = 0; i < n; i++) {
		struct slot *s = v[i];
		ds->st.blocks_read++;
		s->blk = b + i;
		s->next = ds->bucket[(b + i) & ds->mask];
		ds->bucket[(b + i) & ds->mask] = (uint16_t)(s - ds->c);
	}
	return 0;
}

/* Store block b into slot s's page (the metadata's blocks). */
static int rd(struct ds *ds, struct slot *s, uint32_t b)
{
	return rdv(ds, &s, b, 1);
}

/* The document whose blocks hold store block b (NONE: metadata, none). */
static uint32_t owner(const struct ds *ds, uint32_t b)
{
	unsigned lo = 0, hi = ds->sb[SB_NDOCS];
	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;
		const uint32_t *d = doc(ds, ds->by_start[mid]);
		if (b < d[D_START])
			hi = mid;
		else if (b >= d[D_START] + d[D_NBLOCKS])
			lo = mid + 1;
		else
			return ds->by_start[mid];
	}
	return NONE;
}

static struct slot *find(struct ds *ds, uint32_t b)
{
	for (uint16_t i = ds->bucket[b & ds->mask]; i != NIL; i = ds->c[i].next)
		if (ds->c[i].blk == b)
			return &ds->c[i];
	return NULL;
}

/* The least recently used slot that may be replaced, or NULL. */
static struct slot *victim(struct ds *ds)
{
	struct slot *v = NULL;
	for (unsigned i = 0; i < ds->nc; i++) {
		struct slot *s = &ds->c[i];
		if (s->pin || (s->blk != NONE && s->doc != NONE && ds->held[s->doc]))
			continue;
		if (s->blk == NONE)
			return s;
		if (!v || s->used - v->used > 0x80000000u)	/* s older (wrapping stamps) */
			v = s;
	}
	return v;
}

/* Store block b of document id in the cache, pinned; its group's blocks
   too when it is a leader's first block and group reads are on. */
static int fetch(struct ds *ds, uint32_t id, uint32_t b, struct slot **out)
{
	struct slot *s = find(ds, b);
	if (s) {
		ds->st.hits++;
	} else {
		ds->st.misses++;
		const uint32_t *d = doc(ds, id);
		uint32_t g0 = b, gn = 1;
		if (ds->o.group_reads && b == d[D_START] && d[D_GROUP_BLOCKS] > d[D_NBLOCKS]) {
			gn = d[D_GROUP_BLOCKS];
			if (gn > ds->nc / 2)
				gn = ds->nc / 2 > 1 ? ds->nc / 2 : 1;
		}
		ds->st.disk_reads++;	/* one store request: the block, or its group */
		if (gn > AEGIS_DISK_IOV_PAGES)
			gn = AEGIS_DISK_IOV_PAGES;
		/* The group's blocks not cached yet, from b on (g0 is b: a
		   leader's first block), in runs of consecutive blocks, each
		   run one SYS_disk_readv; a slot taken for a run stays
		   pinned until the run is read (victim passes it over). */
		s = NULL;
		struct slot *run[AEGIS_DISK_IOV_PAGES];
		uint32_t r0 = g0, rn = 0;
		for (uint32_t k = g0; k <= g0 + gn; k++) {
			int inside = k < g0 + gn, cached = inside && k != b && find(ds, k);
			struct slot *v = inside && !cached ? victim(ds) : NULL;
			if (v) {
				if (!rn)
					r0 = k;
				v->pin = 1;
				run[rn++] = v;
				continue;
			}
			int r = rn ? rdv(ds, run, r0, rn) : 0;
			for (uint32_t i = 0; i < rn; i++) {
				run[i]->pin = 0;
				if (r < 0)
					continue;
				run[i]->doc = r0 + i == b ? id : owner(ds, r0 + i);
				run[i]->used = ++ds->clock;
				if (r0 + i == b)
					s = run[i];
			}
			if (r < 0 && r0 == b)
				return r;
			rn = 0;
			if (inside && !cached && k == b)
				return -EBUSY;	/* every block held */
			if (r < 0 || (inside && !cached))
				break;	/* the group is a bonus: the block itself is read */
		}
		if (!s)
			return -EIO;
	}
	s->used = ++ds->clock;
	s->pin = 1;
	*out = s;
	return 0;
}

static int check_doc(const struct ds *ds, uint32_t i)
{
	const uint32_t *d = doc(ds, i), *sb = ds->sb;
	uint64_t stream = (uint64_t)d[D_HDR_LEN] + d[D_SIZE];
	uint32_t mss = sb[SB_MSS];
	const char *name = ds->str + d[D_NAME_OFF];
	if (d[D_NAME_LEN] == 0 || d[D_NAME_LEN] > MAX_NAME ||
	    (uint64_t)d[D_NAME_OFF] + d[D_NAME_LEN] >= sb[SB_STR_LEN] || name[0] != '/' ||
	    memchr(name, 0, d[D_NAME_LEN]) || name[d[D_NAME_LEN]] != 0)
		return why("a document's name is not a path in the strings", i), 0;
	if (d[D_TYPE_OFF] >= sb[SB_STR_LEN] || !memchr(ds->str + d[D_TYPE_OFF], 0, sb[SB_STR_LEN] - d[D_TYPE_OFF]))
		return why("a document's type is outside the strings", i), 0;
	if (d[D_START] < sb[SB_DATA_START] || d[D_NBLOCKS] == 0 ||
	    (uint64_t)d[D_START] + d[D_NBLOCKS] > sb[SB_STORE_BLOCKS] ||
	    stream > (uint64_t)d[D_NBLOCKS] * BLK)
		return why("a document's blocks are outside the data or too few", i), 0;
	if (d[D_HDR_LEN] == 0 || (uint64_t)d[D_DATE_OFF] + d[D_DATE_LEN] > d[D_HDR_LEN])
		return why("a document's Date field is outside its header", i), 0;
	if (d[D_NSEGS] != (stream + mss - 1) / mss || (uint64_t)d[D_SUMS_IDX] + d[D_NSEGS] > sb[SB_NSUMS])
		return why("a document's segment sums do not cover its stream", i), 0;
	if (d[D_GROUP_START] != d[D_START] || d[D_GROUP_BLOCKS] < d[D_NBLOCKS] ||
	    (uint64_t)d[D_GROUP_START] + d[D_GROUP_BLOCKS] > sb[SB_STORE_BLOCKS])
		return why("a document's group is outside the data", i), 0;
	if (i > 0) {	/* the name table is sorted, names unique */
		const uint32_t *p = doc(ds, i - 1);
		uint32_t n = p[D_NAME_LEN] < d[D_NAME_LEN] ? p[D_NAME_LEN] : d[D_NAME_LEN];
		int c = memcmp(ds->str + p[D_NAME_OFF], name, n);
		if (c > 0 || (c == 0 && p[D_NAME_LEN] >= d[D_NAME_LEN]))
			return why("the name table is not sorted", i), 0;
	}
	return 1;
}

/* The superblock's and the metadata's consistency; 1 if to be trusted. */
static int check_meta(struct ds *ds)
{
	const uint32_t *sb = ds->sb;
	uint64_t mb = sb[SB_META_BYTES];
	if (sb[SB_DATE_LEN] == 0 || sb[SB_MSS] < 64 || sb[SB_MSS] > 65535)
		return why("the superblock's mss or date width is out of range", sb[SB_MSS]), 0;
	if ((uint64_t)sb[SB_DOC_OFF] + (uint64_t)sb[SB_NDOCS] * DOC_WORDS * 4 > mb ||
	    (uint64_t)sb[SB_SUMS_OFF] + (uint64_t)sb[SB_NSUMS] * 4 > mb ||
	    (uint64_t)sb[SB_STR_OFF] + sb[SB_STR_LEN] > mb || sb[SB_DOC_OFF] % 4 || sb[SB_SUMS_OFF] % 4 ||
	    sb[SB_STR_LEN] == 0 || ds->meta[sb[SB_STR_OFF] + sb[SB_STR_LEN] - 1] != 0)
		return why("the metadata's parts are outside it", mb), 0;
	uint32_t sum = 0;
	for (uint32_t k = 0; k < (sb[SB_META_BYTES] + 3) / 4; k++) {
		uint32_t w;
		memcpy(&w, ds->meta + 4 * k, 4);
		sum += w;
	}
	if (sum != sb[SB_META_SUM])
		return why("the metadata's checksum is wrong", sum), 0;
	ds->docs = (const uint32_t *)(const void *)(ds->meta + sb[SB_DOC_OFF]);
	ds->sums = (const uint32_t *)(const void *)(ds->meta + sb[SB_SUMS_OFF]);
	ds->str = (const char *)ds->meta + sb[SB_STR_OFF];
	for (uint32_t i = 0; i < sb[SB_NDOCS]; i++)
		if (!check_doc(ds, i))
			return 0;
	/* block order (insertion sort: stores are built in that order), and
	   no two documents share a block */
	for (uint32_t i = 0; i < sb[SB_NDOCS]; i++) {
		uint32_t j = i, s = doc(ds, i)[D_START];
		while (j > 0 && doc(ds, ds->by_start[j - 1])[D_START] > s) {
			ds->by_start[j] = ds->by_start[j - 1];
			j--;
		}
		ds->by_start[j] = i;
	}
	for (uint32_t i = 1; i < sb[SB_NDOCS]; i++) {
		const uint32_t *a = doc(ds, ds->by_start[i - 1]), *b = doc(ds, ds->by_start[i]);
		if (a[D_START] + a[D_NBLOCKS] > b[D_START])
			return why("two documents share blocks", ds->by_start[i]), 0;
	}
	return 1;
}

/* Read and check the superblock at disk block first (slot 0's page). */
static int load_sb(struct ds *ds, uint32_t first, uint32_t ext_blocks, int quiet)
{
	ds->first = first;
	int r = rd(ds, &ds->c[0], 0);
	if (r < 0)
		return r;
	memcpy(ds->sb, ds->c[0].p, sizeof ds->sb);
	drop(ds, &ds->c[0]);
	uint32_t sum = 0, *sb = ds->sb;
	for (int i = 0; i < SB_WORDS; i++)
		sum += sb[i];
	if (sb[SB_MAGIC] != MAGIC) {
		if (!quiet)
			why("no store at the given block: magic", sb[SB_MAGIC]);
		return -ENOENT;
	}
	if (sb[SB_VERSION] != VERSION || sum != 0)
		return why("the superblock's version or checksum is wrong", sb[SB_VERSION]), -EINVAL;
	if (sb[SB_NDOCS] == 0 || sb[SB_NDOCS] > MAX_DOCS)
		return why("the superblock's document count is out of range", sb[SB_NDOCS]), -EINVAL;
	if (sb[SB_META_BLOCKS] == 0 || sb[SB_META_BLOCKS] > MAX_META ||
	    sb[SB_DATA_START] != 1 + sb[SB_META_BLOCKS] ||
	    (uint64_t)sb[SB_META_BLOCKS] * BLK < sb[SB_META_BYTES] ||
	    sb[SB_STORE_BLOCKS] <= sb[SB_DATA_START] || (uint64_t)sb[SB_STORE_BLOCKS] * PER_BLK > ext_blocks)
		return why("the superblock's sizes do not fit its extent", sb[SB_STORE_BLOCKS]), -EINVAL;
	return 0;
}

/* The extent holding the store: the given start, or the first whose
   first block has the magic (extents our capability may not read are
   passed over). */
static int locate(struct ds *ds)
{
	struct aegis_disk_extent x;
	int found = 0;
	for (unsigned i = 0; sys_disk_extent(ds->o.disk, i, &x) == 0; i++) {
		if (ds->o.start ? x.start != ds->o.start : x.nblocks < 2 * PER_BLK)
			continue;
		int r = load_sb(ds, x.start, x.nblocks, !ds->o.start);
		if (r == 0 || (r != -ENOENT && r != -EACCES) || ds->o.start)
			return r;
		found |= r == -EACCES;
	}
	if (ds->o.start)
		return why("no extent starts at the given block", ds->o.start), -ENOENT;
	return found ? -EACCES : -ENOENT;
}

int ds_open(struct ds **out, const struct ds_opts *o)
{
	*out = NULL;
	unsigned nc = o->cache_blocks ? o->cache_blocks : DEF_CACHE;
	if (nc < 2 || nc > MAX_CACHE)
		return why("cache_blocks must be 2..512", nc), -EINVAL;
	unsigned w = 0;
	while (w < 16 && windows >> w & 1)
		w++;
	struct ds *ds = w < 16 ? calloc(1, sizeof *ds) : NULL;
	if (!ds)
		return -ENOMEM;
	windows |= 1u << w;
	ds->o = *o;
	if (!o->rcap && !o->wcap) {
		ds->o.rcap = DEF_RCAP;
		ds->o.wcap = DEF_WCAP;
	}
	ds->va = DS_VA + w * DS_VA_STEP;
	ds->c = calloc(nc, sizeof *ds->c);
	for (ds->mask = 1; ds->mask < 2 * nc; ds->mask <<= 1)
		;
	ds->bucket = malloc(ds->mask * sizeof *ds->bucket);
	int r = ds->c && ds->bucket ? 0 : -ENOMEM;
	for (unsigned i = 0; r == 0 && i < ds->mask; i++)
		ds->bucket[i] = NIL;
	ds->mask--;	/* buckets: a power of two, at least twice the slots */
	for (unsigned i = 0; r == 0 && i < nc; i++) {
		uint32_t ppn, cap;
		if (vm_alloc(ds->va + i * BLK, VM_READ | VM_WRITE | VM_PINNED, &ppn, &cap) < 0) {
			r = -ENOMEM;
			break;
		}
		ds->c[i].p = (uint8_t *)(ds->va + i * BLK);
		ds->c[i].blk = NONE;
		ds->nc = i + 1;
	}
	if (r == 0)
		r = locate(ds);
	if (r == 0) {
		uint32_t mbl = ds->sb[SB_META_BLOCKS], n = ds->sb[SB_NDOCS];
		ds->meta = malloc(mbl * BLK);
		ds->by_start = malloc(n * sizeof *ds->by_start);	/* n <= MAX_DOCS: load_sb */
		ds->held = calloc(n, sizeof *ds->held);
		if (!ds->meta || !ds->by_start || !ds->held)
			r = -ENOMEM;
		for (uint32_t b = 0; r == 0 && b < mbl; b++) {
			r = rd(ds, &ds->c[0], 1 + b);
			memcpy(ds->meta + b * BLK, ds->c[0].p, BLK);
			drop(ds, &ds->c[0]);
		}
		if (r == 0 && !check_meta(ds))
			r = -EINVAL;
	}
	if (r < 0) {
		ds_close(ds);
		return r;
	}
	memset(&ds->st, 0, sizeof ds->st);	/* the open's reads are not the server's */
	*out = ds;
	return 0;
}

void ds_close(struct ds *ds)
{
	if (!ds)
		return;
	for (unsigned i = 0; i < ds->nc; i++)
		vm_unmap((uint32_t)ds->c[i].p);
	free(ds->c);
	free(ds->bucket);
	free(ds->meta);
	free(ds->by_start);
	free(ds->held);
	windows &= ~(1u << (ds->va - DS_VA) / DS_VA_STEP);
	free(ds);
}

unsigned ds_mss(const struct ds *ds)
{
	return ds->sb[SB_MSS];
}

static int search(struct ds *ds, const char *p, uint32_t n)
{
	unsigned lo = 0, hi = ds->sb[SB_NDOCS];
	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;
		const uint32_t *d = doc(ds, mid);
		uint32_t m = d[D_NAME_LEN] < n ? d[D_NAME_LEN] : n;
		int c = memcmp(ds->str + d[D_NAME_OFF], p, m);
		if (c == 0)
			c = d[D_NAME_LEN] < n ? -1 : d[D_NAME_LEN] > n;
		if (c == 0)
			return (int)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

int ds_lookup(struct ds *ds, const char *path, struct ds_doc *out)
{
	static const char idx[] = "index.html";
	char buf[MAX_NAME + sizeof idx + 2];
	size_t len = path ? strnlen(path, MAX_NAME + 1) : 0;
	if (!path || path[0] != '/' || len > MAX_NAME)
		return -EINVAL;
	/* segments: empty ones and "." dropped, ".." refused, no control bytes */
	uint32_t n = 0;
	const char *s = path;
	while (*s) {
		while (*s == '/')
			s++;
		const char *e = s;
		while (*e && *e != '/') {
			if ((unsigned char)*e < 0x21 || *e == 0x7f)
				return -EINVAL;
			e++;
		}
		if (e - s == 2 && s[0] == '.' && s[1] == '.')
			return -EINVAL;
		if (e > s && !(e - s == 1 && s[0] == '.')) {
			buf[n++] = '/';
			memcpy(buf + n, s, (size_t)(e - s));
			n += (uint32_t)(e - s);
		}
		s = e;
	}
	int dir = n == 0 || path[len - 1] == '/';
	if (dir) {	/* "/", "/a/": the directory's index */
		buf[n++] = '/';
		memcpy(buf + n, idx, sizeof idx - 1);
		n += sizeof idx - 1;
	}
	int id = search(ds, buf, n);
	if (id < 0 && !dir) {	/* "/a" naming a directory */
		buf[n++] = '/';
		memcpy(buf + n, idx, sizeof idx - 1);
		id = search(ds, buf, n + sizeof idx - 1);
	}
	if (id < 0)
		return -ENOENT;
	const uint32_t *d = doc(ds, (uint32_t)id);
	out->id = (uint32_t)id;
	out->size = d[D_SIZE];
	out->hdr_len = d[D_HDR_LEN];
	out->date_off = d[D_DATE_OFF];
	out->date_len = d[D_DATE_LEN];
	out->type = ds->str + d[D_TYPE_OFF];
	return 0;
}

int ds_get(struct ds *ds, const struct ds_doc *dd, uint32_t off, uint32_t len,
	   struct ds_piece piece[2], int *npieces)
{
	*npieces = 0;
	if (dd->id >= ds->sb[SB_NDOCS])
		return -EINVAL;
	const uint32_t *d = doc(ds, dd->id);
	uint32_t end = d[D_HDR_LEN] + d[D_SIZE];
	if (off > end || len > end - off)
		return -EINVAL;
	if (len == 0)
		return 0;
	uint32_t b0 = off / BLK, b1 = (off + len - 1) / BLK;
	if (b1 - b0 > 1)
		return -EINVAL;	/* more than two pieces */
	struct slot *s0, *s1 = NULL;
	int r = fetch(ds, dd->id, d[D_START] + b0, &s0);
	if (r < 0)
		return r;
	if (b1 != b0)
		r = fetch(ds, dd->id, d[D_START] + b1, &s1);
	s0->pin = 0;
	if (s1)
		s1->pin = 0;
	if (r < 0)
		return r;
	uint32_t in = off % BLK, first = b1 == b0 ? len : BLK - in;
	piece[0].p = s0->p + in;
	piece[0].len = first;
	*npieces = 1;
	if (s1) {
		piece[1].p = s1->p;
		piece[1].len = len - first;
		*npieces = 2;
	}
	return 0;
}

void ds_hold(struct ds *ds, const struct ds_doc *d)
{
	if (d->id < ds->sb[SB_NDOCS] && ds->held[d->id] < 0xffff)
		ds->held[d->id]++;
}

void ds_release(struct ds *ds, const struct ds_doc *d)
{
	if (d->id < ds->sb[SB_NDOCS] && ds->held[d->id])
		ds->held[d->id]--;
}

int64_t ds_segment_sum(struct ds *ds, const struct ds_doc *dd, unsigned i)
{
	if (dd->id >= ds->sb[SB_NDOCS])
		return -1;
	const uint32_t *d = doc(ds, dd->id);
	if (i >= d[D_NSEGS])
		return -1;
	return ds->sums[d[D_SUMS_IDX] + i];
}

void ds_get_stats(const struct ds *ds, struct ds_stats *s)
{
	*s = ds->st;
}
