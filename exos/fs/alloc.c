/*
 * exos/fs/alloc.c - ExOS's block and inode allocators over ext2's
 * bitmaps: a file's blocks near the goal (its last block, else its
 * inode's group), a new inode in its parent's group (the next group
 * with a free inode otherwise). The bitmap is written before the
 * pointer that uses the block (docs/exos.md, "File system"); the counts
 * in the group descriptors and the superblock are written at fs_sync
 * only (e2fsck -p repairs counts on its own; writing them at every
 * allocation doubled the writes).
 */
#include <string.h>
#include "fsint.h"

int gd_write(struct fs *fs, uint32_t g)
{
	int err = 0;
	uint32_t per = fs->bsize / sizeof(struct ext2_group_desc);
	uint32_t blk = fs->sb.s_first_data_block + 1 + g / per;
	struct buf *b = bget(fs, blk, &err);
	if (!b)
		return err;
	memcpy(b->data, &fs->gd[g - g % per],
	       (fs->ngroups - (g - g % per) < per ? fs->ngroups - (g - g % per) : per) * sizeof *fs->gd);
	err = bdirty(fs, b);
	brelse(b);
	return err;
}

int sb_write(struct fs *fs)
{
	int err = 0;
	uint32_t blk = EXT2_SB_OFFSET / fs->bsize, off = EXT2_SB_OFFSET % fs->bsize;
	fs->sb.s_wtime = fs_now(fs);
	struct buf *b = bget(fs, blk, &err);
	if (!b)
		return err;
	memcpy(b->data + off, &fs->sb, sizeof fs->sb);
	err = bdirty(fs, b);
	brelse(b);
	return err;
}

/* bits in group g's block bitmap that are real blocks */
static uint32_t group_blocks(struct fs *fs, uint32_t g)
{
	uint32_t first = fs->sb.s_first_data_block + g * fs->sb.s_blocks_per_group;
	uint32_t left = fs->sb.s_blocks_count - first;
	return left < fs->sb.s_blocks_per_group ? left : fs->sb.s_blocks_per_group;
}

/* the first clear bit of [lo, nbits) at or after start (lo <= start <
   nbits), wrapping to lo, or -1. A byte of eight set bits is skipped
   whole only when all eight are in range. */
static int32_t find_clear(const uint8_t *map, uint32_t lo, uint32_t nbits, uint32_t start)
{
	uint32_t n = nbits - lo;
	for (uint32_t k = 0; k < n; k++) {
		uint32_t i = lo + (start - lo + k) % n;
		if ((i & 7) == 0 && map[i >> 3] == 0xff && k + 8 <= n && i + 8 <= nbits) {
			k += 7;
			continue;
		}
		if (!(map[i >> 3] & (1u << (i & 7))))
			return (int32_t)i;
	}
	return -1;
}

int balloc(struct fs *fs, uint32_t goal, uint32_t *blk)
{
	if (fs->ro)
		return -EROFS;
	uint32_t fd = fs->sb.s_first_data_block, bpg = fs->sb.s_blocks_per_group;
	if (goal < fd || goal >= fs->sb.s_blocks_count)
		goal = fd;
	uint32_t g0 = (goal - fd) / bpg;
	for (uint32_t k = 0; k < fs->ngroups; k++) {
		uint32_t g = (g0 + k) % fs->ngroups;
		if (!fs->gd[g].bg_free_blocks_count)
			continue;
		int err = 0;
		struct buf *b = bget(fs, fs->gd[g].bg_block_bitmap, &err);
		if (!b)
			return err;
		int32_t i = find_clear(b->data, 0, group_blocks(fs, g), k == 0 ? (goal - fd) % bpg : 0);
		if (i < 0) {
			brelse(b);
			continue;
		}
		b->data[i >> 3] |= (uint8_t)(1u << (i & 7));
		err = bdirty(fs, b);
		brelse(b);
		if (err)
			return err;
		fs->gd[g].bg_free_blocks_count--;
		fs->sb.s_free_blocks_count--;
		*blk = fd + g * bpg + (uint32_t)i;
		fs->gd_dirty = 1;
		return 0;
	}
	return -ENOSPC;
}

int bfree(struct fs *fs, uint32_t blk)
{
	uint32_t fd = fs->sb.s_first_data_block, bpg = fs->sb.s_blocks_per_group;
	if (blk < fd || blk >= fs->sb.s_blocks_count)
		return -EIO;
	uint32_t g = (blk - fd) / bpg, i = (blk - fd) % bpg;
	int err = 0;
	binval(fs, blk);
	struct buf *b = bget(fs, fs->gd[g].bg_block_bitmap, &err);
	if (!b)
		return err;
	if (b->data[i >> 3] & (1u << (i & 7))) {
		b->data[i >> 3] &= (uint8_t)~(1u << (i & 7));
		err = bdirty(fs, b);
		fs->gd[g].bg_free_blocks_count++;
		fs->sb.s_free_blocks_count++;
	}
	brelse(b);
	fs->gd_dirty = 1;
	return err;
}

int ialloc(struct fs *fs, uint32_t parent, int dir, uint32_t *ino)
{
	if (fs->ro)
		return -EROFS;
	uint32_t ipg = fs->sb.s_inodes_per_group;
	uint32_t g0 = (parent - 1) / ipg;
	for (uint32_t k = 0; k < fs->ngroups; k++) {
		uint32_t g = (g0 + k) % fs->ngroups;
		if (!fs->gd[g].bg_free_inodes_count)
			continue;
		int err = 0;
		struct buf *b = bget(fs, fs->gd[g].bg_inode_bitmap, &err);
		if (!b)
			return err;
		/* inodes below first_ino are reserved, whatever their bits say */
		uint32_t lo = g * ipg + 1 >= fs->first_ino ? 0 : fs->first_ino - 1 - g * ipg;
		int32_t i = lo < ipg ? find_clear(b->data, lo, ipg, lo) : -1;
		if (i < 0) {
			brelse(b);
			continue;
		}
		b->data[i >> 3] |= (uint8_t)(1u << (i & 7));
		err = bdirty(fs, b);
		brelse(b);
		if (err)
			return err;
		fs->gd[g].bg_free_inodes_count--;
		if (dir)
			fs->gd[g].bg_used_dirs_count++;
		fs->sb.s_free_inodes_count--;
		*ino = g * ipg + (uint32_t)i + 1;
		fs->gd_dirty = 1;
		return 0;
	}
	return -ENOSPC;
}

int ifree(struct fs *fs, uint32_t ino, int dir)
{
	uint32_t ipg = fs->sb.s_inodes_per_group;
	uint32_t g = (ino - 1) / ipg, i = (ino - 1) % ipg;
	int err = 0;
	struct buf *b = bget(fs, fs->gd[g].bg_inode_bitmap, &err);
	if (!b)
		return err;
	if (b->data[i >> 3] & (1u << (i & 7))) {
		b->data[i >> 3] &= (uint8_t)~(1u << (i & 7));
		err = bdirty(fs, b);
		fs->gd[g].bg_free_inodes_count++;
		if (dir && fs->gd[g].bg_used_dirs_count)
			fs->gd[g].bg_used_dirs_count--;
		fs->sb.s_free_inodes_count++;
	}
	brelse(b);
	fs->gd_dirty = 1;
	return err;
}
