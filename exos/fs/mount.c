/*
 * exos/fs/mount.c - mounting an ext2 image: the superblock's checks
 * (magic, revision 0 or 1, block size 1-4 KB, features: incompatible
 * ones we do not know refuse the mount, unknown read-only-compatible
 * ones mount read-only), the group descriptors, the buffer cache; sync
 * and unmount.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fsint.h"

/* The messages use newlib's integer-only sniprintf: snprintf links in the
   floating-point printf (25 KB), and a program with the network stack and
   the file system (cheetah/httpd_conv) would have passed its 64 pages
   (Aegis's limit then; AEGIS_MAX_GMAPS now). The host build (fstest, on
   glibc) has only snprintf. */
#ifndef __NEWLIB__
#define sniprintf snprintf
#endif

static int bad(struct fs *fs, int err, const char *why)
{
	sniprintf(fs->err, sizeof fs->err, "%s", why);
	return err;
}

static int check_super(struct fs *fs)
{
	struct ext2_super *s = &fs->sb;
	if (s->s_magic != EXT2_MAGIC)
		return bad(fs, -EINVAL, "not ext2: bad magic");
	if (s->s_rev_level > 1)
		return bad(fs, -EINVAL, "unknown ext2 revision");
	if (s->s_log_block_size > 2)
		return bad(fs, -EINVAL, "block size above 4 KB");
	fs->bsize = 1024u << s->s_log_block_size;
	if (fs->bsize < fs->bd->secsize)
		return bad(fs, -EINVAL, "block smaller than the device's sector");
	if (s->s_rev_level == 0) {
		fs->inode_size = EXT2_GOOD_OLD_INODE_SIZE;
		fs->first_ino = EXT2_GOOD_OLD_FIRST_INO;
		s->s_feature_compat = s->s_feature_incompat = s->s_feature_ro_compat = 0;
	} else {
		fs->inode_size = s->s_inode_size;
		fs->first_ino = s->s_first_ino;
		if (fs->inode_size < 128 || fs->inode_size > fs->bsize || (fs->inode_size & (fs->inode_size - 1)))
			return bad(fs, -EINVAL, "bad inode size");
	}
	if (s->s_feature_incompat & EXT3_FEATURE_INCOMPAT_RECOVER)
		return bad(fs, -ENOTSUP, "the journal needs recovery (run e2fsck)");
	uint32_t unk = s->s_feature_incompat & ~(uint32_t)EXT2_INCOMPAT_SUPP;
	if (unk) {
		sniprintf(fs->err, sizeof fs->err, "unsupported incompatible features 0x%x%s%s%s",
			 (unsigned)unk, unk & EXT3_FEATURE_INCOMPAT_EXTENTS ? " (extents)" : "",
			 unk & EXT4_FEATURE_INCOMPAT_64BIT ? " (64bit)" : "",
			 unk & EXT2_FEATURE_INCOMPAT_META_BG ? " (meta_bg)" : "");
		return -ENOTSUP;
	}
	if (s->s_feature_ro_compat & ~(uint32_t)EXT2_RO_COMPAT_SUPP) {
		fs->ro = 1;
		sniprintf(fs->err, sizeof fs->err, "read-only: unknown ro_compat features 0x%x",
			 (unsigned)(s->s_feature_ro_compat & ~(uint32_t)EXT2_RO_COMPAT_SUPP));
	}
	fs->filetype = !!(s->s_feature_incompat & EXT2_FEATURE_INCOMPAT_FILETYPE);
	fs->ptrs = fs->bsize / 4;
	if (!s->s_blocks_per_group || s->s_blocks_per_group > 8 * fs->bsize ||
	    !s->s_inodes_per_group || s->s_inodes_per_group > 8 * fs->bsize ||
	    s->s_first_data_block >= s->s_blocks_count || s->s_first_data_block != (fs->bsize == 1024))
		return bad(fs, -EINVAL, "bad group geometry");
	if ((uint64_t)s->s_blocks_count * fs->bsize > (uint64_t)fs->bd->nsec * fs->bd->secsize)
		return bad(fs, -EINVAL, "the file system is larger than the device");
	fs->ngroups = (s->s_blocks_count - s->s_first_data_block + s->s_blocks_per_group - 1) /
		      s->s_blocks_per_group;
	if ((uint64_t)fs->ngroups * s->s_inodes_per_group != s->s_inodes_count)
		return bad(fs, -EINVAL, "inode count does not match the groups");
	if (fs->first_ino <= EXT2_ROOT_INO || fs->first_ino > s->s_inodes_count)
		return bad(fs, -EINVAL, "bad first inode");
	return 0;
}

static int read_gd(struct fs *fs)
{
	uint32_t per = fs->bsize / sizeof(struct ext2_group_desc);
	fs->gd_blocks = (fs->ngroups + per - 1) / per;
	fs->gd = malloc((size_t)fs->gd_blocks * fs->bsize);
	if (!fs->gd)
		return -ENOMEM;
	for (uint32_t i = 0; i < fs->gd_blocks; i++) {
		int err = 0;
		struct buf *b = bget(fs, fs->sb.s_first_data_block + 1 + i, &err);
		if (!b)
			return err;
		memcpy((uint8_t *)fs->gd + (size_t)i * fs->bsize, b->data, fs->bsize);
		brelse(b);
	}
	uint32_t itb = (fs->sb.s_inodes_per_group * fs->inode_size + fs->bsize - 1) / fs->bsize;
	for (uint32_t g = 0; g < fs->ngroups; g++) {
		struct ext2_group_desc *d = &fs->gd[g];
		if (d->bg_block_bitmap >= fs->sb.s_blocks_count || d->bg_inode_bitmap >= fs->sb.s_blocks_count ||
		    d->bg_inode_table + itb > fs->sb.s_blocks_count || !d->bg_block_bitmap ||
		    !d->bg_inode_bitmap || !d->bg_inode_table)
			return bad(fs, -EINVAL, "group descriptor points outside the file system");
	}
	return 0;
}

int fs_mount(struct fs **out, struct bdev *bd, const struct fs_opts *opts)
{
	struct fs *fs = calloc(1, sizeof *fs);
	static struct fs_opts dflt;
	if (!fs)
		return -ENOMEM;
	fs->bd = bd;
	fs->opts = opts ? *opts : dflt;
	*out = fs;	/* for fs_error even when the mount fails */
	int err = -EINVAL;
	uint8_t *raw = malloc(1024);
	if (!raw)
		return -ENOMEM;
	if (bd->secsize != 512 && bd->secsize != 1024) {
		free(raw);
		return bad(fs, -EINVAL, "sector size not 512 or 1024");
	}
	if (bd->nsec * (uint64_t)bd->secsize < 2048 ||
	    bd->read(bd, EXT2_SB_OFFSET / bd->secsize, 1024 / bd->secsize, raw) < 0) {
		free(raw);
		return bad(fs, -EIO, "cannot read the superblock");
	}
	memcpy(&fs->sb, raw, sizeof fs->sb);
	free(raw);
	if ((err = check_super(fs)) < 0)
		return err;
	if (opts && opts->readonly)
		fs->ro = 1;
	uint32_t n = fs->opts.cache_blocks ? fs->opts.cache_blocks : 64;
	if (n < 16)
		n = 16;
	if ((err = bcache_init(fs, n)) < 0 || (err = read_gd(fs)) < 0)
		return err;
	if (!fs->ro) {
		/* not clean while mounted: a crash leaves a file system e2fsck checks */
		fs->sb.s_state &= (uint16_t)~EXT2_VALID_FS;
		fs->sb.s_mnt_count++;
		fs->sb.s_mtime = fs_now(fs);
		if ((err = sb_write(fs)) < 0)
			return err;
	}
	fs->err[0] = fs->ro ? fs->err[0] : 0;
	fs->mounted = 1;
	return 0;
}

int fs_sync(struct fs *fs)
{
	if (fs->ro || (!fs->changed && !fs->gd_dirty))
		return 0;	/* nothing since the last sync: no write (a spawn syncs) */
	int err = bflush(fs);
	/* the counts: descriptors (one write per descriptor block), superblock */
	uint32_t per = fs->bsize / sizeof(struct ext2_group_desc);
	for (uint32_t g = 0; g < fs->ngroups && fs->gd_dirty && !err; g += per)
		err = gd_write(fs, g);
	if (!err)
		fs->gd_dirty = 0;
	if (!err)
		err = sb_write(fs);
	if (!err)
		err = bflush(fs);
	if (!err)
		fs->changed = 0;
	return err;
}

/* Another process wrote the disk while this one waited (docs/exos.md,
   "One file system, many processes"): every cached block goes, the
   superblock and the group descriptors are read again. Open files keep
   their inode numbers and offsets. */
int fs_reload(struct fs *fs)
{
	if (fs->failed)
		return fs->failed;
	if (fs->gd_dirty)
		return bad(fs, -EBUSY, "unsynced changes: not reloaded");
	for (uint32_t i = 0; i < fs->ncache; i++)
		if (fs->cache[i].refs || (fs->cache[i].valid && fs->cache[i].dirty))
			return bad(fs, -EBUSY, "unsynced changes: not reloaded");
	uint8_t *raw = malloc(1024);
	if (!raw)
		return -ENOMEM;
	struct bdev *bd = fs->bd;
	int err = bd->read(bd, EXT2_SB_OFFSET / bd->secsize, 1024 / bd->secsize, raw) < 0 ? -EIO : 0;
	if (!err && !memcmp(raw, &fs->sb, sizeof fs->sb)) {
		/* the superblock as we last wrote it: nobody mounted the file
		   system since (a mount writes it), so the cache is good */
		free(raw);
		return 0;
	}
	for (uint32_t i = 0; i < fs->ncache; i++)
		fs->cache[i].valid = 0;
	if (!err) {
		memcpy(&fs->sb, raw, sizeof fs->sb);
		uint32_t bsize = fs->bsize;
		err = check_super(fs);
		if (!err && fs->bsize != bsize)
			err = bad(fs, -EINVAL, "the block size changed");
	}
	free(raw);
	if (!err) {
		free(fs->gd);
		fs->gd = NULL;
		err = read_gd(fs);
	}
	if (!err && !fs->ro) {
		fs->sb.s_state &= (uint16_t)~EXT2_VALID_FS;	/* mounted again: not clean */
		err = sb_write(fs);
	}
	if (err < 0 && !fs->failed) {
		/* what is in memory is no longer the disk's: no more changes */
		char why[64];
		memcpy(why, fs->err, sizeof why - 1);
		why[sizeof why - 1] = 0;
		fs_fail(fs, err);
		sniprintf(fs->err, sizeof fs->err, "reload failed: %.80s", why);
	}
	return err;
}

int fs_unmount(struct fs *fs)
{
	int err = 0;
	if (!fs)
		return 0;
	if (fs->mounted && !fs->ro && !fs->failed) {	/* a failed mount wrote nothing and writes nothing */
		/* files unlinked while open and never closed go now */
		for (int i = 0; i < FS_MAX_OPEN; i++)
			if (fs->open[i].count && fs->open[i].unlinked) {
				struct fs_file f = { fs, fs->open[i].ino, 0, 0 };
				fs->open[i].count = 1;
				fs_close(&f);
			}
		fs->sb.s_state |= EXT2_VALID_FS;
		fs->changed = 1;	/* the clean flag must be written */
		err = fs_sync(fs);
	}
	bcache_free(fs);
	free(fs->gd);
	free(fs);
	return err;
}

int fs_set_policy(struct fs *fs, enum fs_policy policy)
{
	if (policy != FS_WRITE_THROUGH && policy != FS_WRITE_BACK)
		return -EINVAL;
	if (policy == FS_WRITE_THROUGH) {
		int err = bflush(fs);	/* from now on the disk's order is the calls' */
		if (err)
			return err;
	}
	fs->opts.policy = policy;
	return 0;
}

int fs_readonly(const struct fs *fs) { return fs->ro; }
const char *fs_error(const struct fs *fs) { return fs->err; }

void fs_counts(const struct fs *fs, struct fs_counts *c)
{
	*c = fs->cnt;
	c->free_blocks = fs->sb.s_free_blocks_count;
	c->free_inodes = fs->sb.s_free_inodes_count;
	c->block_size = fs->bsize;
}
