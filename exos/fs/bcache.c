/*
 * exos/fs/bcache.c - the buffer cache the application controls: its
 * size (fs_opts.cache_blocks) and its write policy (write-through keeps
 * the call order as the disk's write order, which the crash-safety
 * rules of docs/exos.md rely on; write-back delays until eviction or
 * fs_sync). Least-recently-used replacement among unheld buffers.
 */
#include <stdlib.h>
#include <string.h>
#include "fsint.h"

int fs_fail(struct fs *fs, int err)
{
	if (!fs->failed) {
		fs->failed = err;
		strcpy(fs->err, "I/O error: the file system refuses further changes");
	}
	return err;
}

static int dev_io(struct fs *fs, uint32_t blk, void *data, int wr)
{
	uint32_t per = fs->bsize / fs->bd->secsize;
	int r;
	if (wr) {
		if (fs->failed)
			return fs->failed;
		fs->cnt.writes++;
		r = fs->bd->write(fs->bd, blk * per, per, data);
		return r < 0 ? fs_fail(fs, r) : 0;
	}
	fs->cnt.reads++;
	r = fs->bd->read(fs->bd, blk * per, per, data);
	return r < 0 ? -EIO : 0;
}

int bcache_init(struct fs *fs, uint32_t n)
{
	fs->ncache = n;
	fs->cache = calloc(n, sizeof *fs->cache);
	if (!fs->cache)
		return -ENOMEM;
	for (uint32_t i = 0; i < n; i++) {
		fs->cache[i].data = malloc(fs->bsize);
		if (!fs->cache[i].data)
			return -ENOMEM;
	}
	return 0;
}

void bcache_free(struct fs *fs)
{
	if (!fs->cache)
		return;
	for (uint32_t i = 0; i < fs->ncache; i++)
		free(fs->cache[i].data);
	free(fs->cache);
	fs->cache = NULL;
}

/* the buffer of blk, or a victim (written first if dirty) */
static struct buf *lookup(struct fs *fs, uint32_t blk, int *err)
{
	struct buf *victim = NULL;
	for (uint32_t i = 0; i < fs->ncache; i++) {
		struct buf *b = &fs->cache[i];
		if (b->valid && b->blk == blk) {
			fs->cnt.hits++;
			b->refs++;
			b->lru = ++fs->clock;
			return b;
		}
		if (!b->refs && (!victim || !b->valid || (victim->valid && b->lru < victim->lru)))
			victim = b;
	}
	if (!victim) {
		*err = -ENOMEM;	/* every buffer held: the cache is too small */
		return NULL;
	}
	if (victim->valid && victim->dirty) {
		int r = dev_io(fs, victim->blk, victim->data, 1);
		if (r < 0) {
			*err = r;
			return NULL;
		}
		victim->dirty = 0;
	}
	fs->cnt.misses++;
	victim->valid = 0;
	victim->blk = blk;
	victim->refs = 1;
	victim->lru = ++fs->clock;
	return victim;
}

struct buf *bget(struct fs *fs, uint32_t blk, int *err)
{
	if (blk >= fs->sb.s_blocks_count) {
		*err = -EIO;	/* a corrupt pointer: never read outside the file system */
		strcpy(fs->err, "block number out of range");
		return NULL;
	}
	struct buf *b = lookup(fs, blk, err);
	if (!b || b->valid)
		return b;
	int r = dev_io(fs, blk, b->data, 0);
	if (r < 0) {
		b->refs = 0;
		*err = r;
		return NULL;
	}
	b->valid = 1;
	return b;
}

struct buf *bzero_get(struct fs *fs, uint32_t blk, int *err)
{
	struct buf *b = lookup(fs, blk, err);
	if (!b)
		return NULL;
	memset(b->data, 0, fs->bsize);
	b->valid = 1;
	return b;
}

int bdirty(struct fs *fs, struct buf *b)
{
	if (fs->failed)
		return fs->failed;
	fs->changed = 1;
	if (fs->opts.policy == FS_WRITE_BACK) {
		b->dirty = 1;
		return 0;
	}
	return dev_io(fs, b->blk, b->data, 1);
}

void brelse(struct buf *b)
{
	if (b && b->refs)
		b->refs--;
}

int bflush(struct fs *fs)
{
	for (uint32_t i = 0; i < fs->ncache; i++) {
		struct buf *b = &fs->cache[i];
		if (b->valid && b->dirty) {
			int r = dev_io(fs, b->blk, b->data, 1);
			if (r < 0)
				return r;
			b->dirty = 0;
		}
	}
	return 0;
}

void binval(struct fs *fs, uint32_t blk)
{
	for (uint32_t i = 0; i < fs->ncache; i++)
		if (fs->cache[i].valid && fs->cache[i].blk == blk && !fs->cache[i].refs) {
			fs->cache[i].valid = 0;
			fs->cache[i].dirty = 0;
		}
}
