/*
 * exos/fs/fsint.h - the file system's insides, shared by its files:
 * the mounted file system, the buffer cache (bcache.c), the allocators
 * (alloc.c), inodes and their block maps (inode.c), directories (dir.c).
 */
#ifndef EXOS_FS_FSINT_H
#define EXOS_FS_FSINT_H

#include <errno.h>
#include <stdint.h>
#include "bdev.h"
#include "ext2.h"
#include "fs.h"

#ifndef ENOTSUP
#define ENOTSUP 134
#endif

#define FS_MAX_OPEN 64	/* distinct open inodes per file system */

struct buf {
	uint32_t blk;
	uint32_t lru;		/* last use */
	uint8_t valid, dirty;
	uint16_t refs;
	uint8_t *data;
};

struct fs {
	struct bdev *bd;
	struct fs_opts opts;
	struct ext2_super sb;
	struct ext2_group_desc *gd;
	uint32_t bsize, ngroups, gd_blocks, inode_size, ptrs;	/* ptrs: per indirect block */
	uint32_t first_ino;
	int ro, failed, filetype, gd_dirty, mounted;	/* mounted: fs_mount succeeded */
	int changed;		/* a block written (or marked dirty) since the last fs_sync */
	struct buf *cache;
	uint32_t ncache, clock;
	struct fs_counts cnt;
	char err[96];
	/* open files (fs_open to fs_close): an unlinked one is destroyed at
	   its last close, as POSIX wants */
	struct { uint32_t ino, count; uint8_t unlinked; } open[FS_MAX_OPEN];
};

/* bcache.c: a buffer is held (refs) from bget to brelse. bdirty writes it
   now (FS_WRITE_THROUGH: the call order is the disk's order) or marks it. */
struct buf *bget(struct fs *fs, uint32_t blk, int *err);	/* read */
struct buf *bzero_get(struct fs *fs, uint32_t blk, int *err);	/* zeroed, not read */
int bdirty(struct fs *fs, struct buf *b);
void brelse(struct buf *b);
int bflush(struct fs *fs);		/* every dirty buffer */
void binval(struct fs *fs, uint32_t blk);	/* a freed block's buffer */
int bcache_init(struct fs *fs, uint32_t n);
void bcache_free(struct fs *fs);
int fs_fail(struct fs *fs, int err);	/* I/O error: no more writes */

/* alloc.c */
int balloc(struct fs *fs, uint32_t goal, uint32_t *blk);
int bfree(struct fs *fs, uint32_t blk);
int ialloc(struct fs *fs, uint32_t parent, int dir, uint32_t *ino);
int ifree(struct fs *fs, uint32_t ino, int dir);
int gd_write(struct fs *fs, uint32_t group);	/* the descriptor block holding group's */
int sb_write(struct fs *fs);

/* inode.c */
int iread(struct fs *fs, uint32_t ino, struct ext2_inode *in);
int iwrite(struct fs *fs, uint32_t ino, const struct ext2_inode *in);
int inew(struct fs *fs, uint32_t ino, const struct ext2_inode *in);	/* the whole slot written */
/* the physical block of logical block lblk (0: a hole) */
int bmap(struct fs *fs, struct ext2_inode *in, uint32_t lblk, uint32_t *pblk);
/* install pblk (already written) as logical block lblk, allocating
   indirect blocks; the inode is the caller's to write */
int bmap_set(struct fs *fs, uint32_t ino, struct ext2_inode *in, uint32_t lblk, uint32_t pblk);
/* shrink to size: pointers cleared and the inode written, then the blocks freed */
int itrunc(struct fs *fs, uint32_t ino, struct ext2_inode *in, uint32_t size);
uint32_t fs_now(struct fs *fs);
int blk_ok(struct fs *fs, uint32_t blk);	/* not metadata, inside the file system */

/* dir.c */
int dir_lookup(struct fs *fs, uint32_t dir, const char *name, uint32_t nlen, uint32_t *ino, uint8_t *type);
int dir_add(struct fs *fs, uint32_t dir, const char *name, uint32_t nlen, uint32_t ino, uint8_t type);
int dir_remove(struct fs *fs, uint32_t dir, const char *name, uint32_t nlen);
int dir_set(struct fs *fs, uint32_t dir, const char *name, uint32_t nlen, uint32_t ino, uint8_t type);
int dir_rename_inplace(struct fs *fs, uint32_t dir, const char *from, uint32_t flen, const char *to,
		       uint32_t tlen);	/* 1 done, 0 no room */
int dir_empty(struct fs *fs, uint32_t dir);	/* 1, 0 or -errno */
int dir_init(struct fs *fs, uint32_t dir, struct ext2_inode *in, uint32_t parent);
uint8_t mode_ftype(uint32_t mode);
int dir_read(struct fs *fs, uint32_t dir, uint32_t *off, struct fs_dirent *e);	/* 1, 0 (end), -errno */

#endif
