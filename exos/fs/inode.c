/*
 * exos/fs/inode.c - inodes in the inode tables and their block maps:
 * 12 direct pointers, then single, double and triple indirect blocks
 * (ext2.rst, "Inode"). Growing writes the new block before the pointer
 * to it; shrinking clears pointers (and writes the inode) before it
 * frees the blocks in the bitmap, so that no block is ever free on disk
 * while still pointed to by a live inode.
 */
#include <stdlib.h>
#include <string.h>
#include "fsint.h"

uint32_t fs_now(struct fs *fs)
{
	uint32_t t = fs->opts.now ? fs->opts.now() : 0;
	/* e2fsck reads small dtimes as orphan-list links: keep times real */
	return t > 1000000000u ? t : (fs->sb.s_wtime > fs->sb.s_mtime ? fs->sb.s_wtime : fs->sb.s_mtime);
}

static int iloc(struct fs *fs, uint32_t ino, uint32_t *blk, uint32_t *off)
{
	if (ino < 1 || ino > fs->sb.s_inodes_count)
		return -EIO;
	uint32_t g = (ino - 1) / fs->sb.s_inodes_per_group, i = (ino - 1) % fs->sb.s_inodes_per_group;
	*blk = fs->gd[g].bg_inode_table + i * fs->inode_size / fs->bsize;
	*off = i * fs->inode_size % fs->bsize;
	return 0;
}

int iread(struct fs *fs, uint32_t ino, struct ext2_inode *in)
{
	uint32_t blk, off;
	int err = iloc(fs, ino, &blk, &off);
	if (err)
		return err;
	struct buf *b = bget(fs, blk, &err);
	if (!b)
		return err;
	memcpy(in, b->data + off, sizeof *in);
	brelse(b);
	return 0;
}

/* in into inode ino's place; fresh: the on-disk bytes past struct
   ext2_inode (a large inode's tail) zeroed too, for a new inode */
static int istore(struct fs *fs, uint32_t ino, const struct ext2_inode *in, int fresh)
{
	uint32_t blk, off;
	int err = iloc(fs, ino, &blk, &off);
	if (err)
		return err;
	struct buf *b = bget(fs, blk, &err);
	if (!b)
		return err;
	if (fresh)
		memset(b->data + off, 0, fs->inode_size);
	memcpy(b->data + off, in, sizeof *in);
	err = bdirty(fs, b);
	brelse(b);
	return err;
}

int iwrite(struct fs *fs, uint32_t ino, const struct ext2_inode *in)
{
	return istore(fs, ino, in, 0);
}

/* the path to lblk: the slot in i_block and the index at each level */
static int bpath(struct fs *fs, uint32_t lblk, uint32_t *slot, uint32_t idx[3])
{
	uint32_t p = fs->ptrs;
	if (lblk < EXT2_NDIR_BLOCKS) {
		*slot = lblk;
		return 0;
	}
	lblk -= EXT2_NDIR_BLOCKS;
	if (lblk < p) {
		*slot = EXT2_IND_BLOCK;
		idx[0] = lblk;
		return 1;
	}
	lblk -= p;
	if (lblk < p * p) {
		*slot = EXT2_DIND_BLOCK;
		idx[0] = lblk / p;
		idx[1] = lblk % p;
		return 2;
	}
	lblk -= p * p;
	if ((uint64_t)lblk < (uint64_t)p * p * p) {
		*slot = EXT2_TIND_BLOCK;
		idx[0] = lblk / (p * p);
		idx[1] = lblk / p % p;
		idx[2] = lblk % p;
		return 3;
	}
	return -EFBIG;
}

/* a pointer read from disk must not name the superblock, the group
   descriptors or a group's bitmaps and inode table: a corrupt inode is
   refused (EIO) rather than let a write land on the metadata */
int blk_ok(struct fs *fs, uint32_t blk)
{
	uint32_t fd = fs->sb.s_first_data_block, bpg = fs->sb.s_blocks_per_group;
	if (blk < fd + 1 + fs->gd_blocks || blk >= fs->sb.s_blocks_count)
		return 0;
	const struct ext2_group_desc *g = &fs->gd[(blk - fd) / bpg];
	uint32_t itb = (fs->sb.s_inodes_per_group * fs->inode_size + fs->bsize - 1) / fs->bsize;
	return blk != g->bg_block_bitmap && blk != g->bg_inode_bitmap &&
	       !(blk >= g->bg_inode_table && blk < g->bg_inode_table + itb);
}

static int bad_ptr(struct fs *fs)
{
	strcpy(fs->err, "corrupt block pointer");
	return -EIO;
}

int bmap(struct fs *fs, struct ext2_inode *in, uint32_t lblk, uint32_t *pblk)
{
	uint32_t slot, idx[3];
	int depth = bpath(fs, lblk, &slot, idx), err = 0;
	if (depth < 0)
		return depth;
	uint32_t ptr = in->i_block[slot];
	for (int k = 0; k < depth && ptr; k++) {
		if (!blk_ok(fs, ptr))
			return bad_ptr(fs);
		struct buf *b = bget(fs, ptr, &err);
		if (!b)
			return err;
		ptr = ((uint32_t *)b->data)[idx[k]];
		brelse(b);
	}
	if (ptr && !blk_ok(fs, ptr))
		return bad_ptr(fs);
	*pblk = ptr;
	return 0;
}

int bmap_set(struct fs *fs, uint32_t ino, struct ext2_inode *in, uint32_t lblk, uint32_t pblk)
{
	(void)ino;
	uint32_t slot, idx[3];
	int depth = bpath(fs, lblk, &slot, idx), err = 0;
	if (depth < 0)
		return depth;
	uint32_t sectors = fs->bsize / 512;
	if (depth == 0) {
		in->i_block[slot] = pblk;
		in->i_blocks += sectors;
		return 0;
	}
	uint32_t ptr = in->i_block[slot];
	if (!ptr) {	/* a new indirect block: written (zero) before the pointer */
		if ((err = balloc(fs, pblk, &ptr)) < 0)
			return err;
		struct buf *nb = bzero_get(fs, ptr, &err);
		if (!nb)
			return err;
		err = bdirty(fs, nb);
		brelse(nb);
		if (err)
			return err;
		in->i_block[slot] = ptr;
		in->i_blocks += sectors;
	}
	for (int k = 0; k < depth; k++) {
		if (!blk_ok(fs, ptr))
			return bad_ptr(fs);
		struct buf *b = bget(fs, ptr, &err);
		if (!b)
			return err;
		uint32_t *e = (uint32_t *)b->data + idx[k];
		if (k == depth - 1) {
			*e = pblk;
			in->i_blocks += sectors;
			err = bdirty(fs, b);
			brelse(b);
			return err;
		}
		if (!*e) {
			uint32_t nbk;
			if ((err = balloc(fs, pblk, &nbk)) < 0) {
				brelse(b);
				return err;
			}
			struct buf *nb = bzero_get(fs, nbk, &err);
			if (!nb) {
				brelse(b);
				return err;
			}
			err = bdirty(fs, nb);
			brelse(nb);
			if (!err) {
				*e = nbk;
				in->i_blocks += sectors;
				err = bdirty(fs, b);
			}
			if (err) {
				brelse(b);
				return err;
			}
		}
		ptr = *e;
		brelse(b);
	}
	return 0;
}

struct freelist {
	uint32_t *v, n, cap;
};

static int fl_add(struct freelist *fl, uint32_t blk)
{
	if (fl->n == fl->cap) {
		uint32_t cap = fl->cap ? fl->cap * 2 : 64;
		uint32_t *v = realloc(fl->v, cap * sizeof *v);
		if (!v)
			return -ENOMEM;
		fl->v = v;
		fl->cap = cap;
	}
	fl->v[fl->n++] = blk;
	return 0;
}

static uint64_t span(struct fs *fs, int depth)	/* logical blocks under one pointer */
{
	uint64_t s = 1;
	while (depth-- > 0)
		s *= fs->ptrs;
	return s;
}

/* the blocks of the subtree at ptr (depth levels of indirection) past
   logical block keep; 1 when ptr itself goes (the parent clears it) */
static int trunc_tree(struct fs *fs, uint32_t ptr, int depth, uint64_t base, uint64_t keep,
		      struct freelist *fl)
{
	int err = 0;
	if (keep >= base + span(fs, depth))
		return 0;
	if (!blk_ok(fs, ptr))
		return bad_ptr(fs);
	if (depth > 0) {
		struct buf *b = bget(fs, ptr, &err);
		if (!b)
			return err;
		uint32_t *e = (uint32_t *)b->data;
		int changed = 0;
		for (uint32_t i = 0; i < fs->ptrs && !err; i++) {
			if (!e[i])
				continue;
			int r = trunc_tree(fs, e[i], depth - 1, base + i * span(fs, depth - 1), keep, fl);
			if (r < 0)
				err = r;
			else if (r && keep > base) {
				e[i] = 0;
				changed = 1;
			}
		}
		if (!err && changed)
			err = bdirty(fs, b);	/* pointers cleared before the frees */
		brelse(b);
		if (err)
			return err;
	}
	if (keep > base)
		return 0;
	err = fl_add(fl, ptr);
	return err ? err : 1;
}

int itrunc(struct fs *fs, uint32_t ino, struct ext2_inode *in, uint32_t size)
{
	int err = 0;
	if (fs->ro)
		return -EROFS;
	uint32_t mode = in->i_mode & EXT2_S_IFMT;
	if (mode == EXT2_S_IFLNK && in->i_blocks == 0) {	/* a fast symlink: no blocks */
		in->i_size = size;
		return iwrite(fs, ino, in);
	}
	uint64_t keep = ((uint64_t)size + fs->bsize - 1) / fs->bsize;
	/* a partial last block: its tail zeroed, so that growing again reads zeros */
	if (size < in->i_size && size % fs->bsize) {
		uint32_t pb;
		if ((err = bmap(fs, in, size / fs->bsize, &pb)) < 0)
			return err;
		if (pb) {
			struct buf *b = bget(fs, pb, &err);
			if (!b)
				return err;
			memset(b->data + size % fs->bsize, 0, fs->bsize - size % fs->bsize);
			err = bdirty(fs, b);
			brelse(b);
			if (err)
				return err;
		}
	}
	struct freelist fl = { 0, 0, 0 };
	for (uint32_t i = 0; i < EXT2_N_BLOCKS && !err; i++) {
		if (!in->i_block[i])
			continue;
		int depth = i < EXT2_NDIR_BLOCKS ? 0 : (int)(i - EXT2_NDIR_BLOCKS + 1);
		uint64_t base = i < EXT2_NDIR_BLOCKS ? i : EXT2_NDIR_BLOCKS;
		for (int d = 1; d < depth; d++)
			base += span(fs, d);
		int r = trunc_tree(fs, in->i_block[i], depth, base, keep, &fl);
		if (r < 0)
			err = r;
		else if (r)
			in->i_block[i] = 0;
	}
	if (!err) {
		uint32_t sectors = fl.n * (fs->bsize / 512);
		in->i_blocks = in->i_blocks > sectors ? in->i_blocks - sectors : 0;
		in->i_size = size;
		in->i_mtime = in->i_ctime = fs_now(fs);
		err = iwrite(fs, ino, in);
	}
	for (uint32_t i = 0; i < fl.n && !err; i++)
		err = bfree(fs, fl.v[i]);
	free(fl.v);
	return err;
}

int inew(struct fs *fs, uint32_t ino, const struct ext2_inode *in)
{
	return istore(fs, ino, in, 1);
}
