/*
 * exos/fs/fs.h - ExOS's ext2 file system, a library: mount an ext2
 * image on a block device (bdev.h) and use it with POSIX-like calls.
 * Every call returns 0 (or a count) or -errno. Paths are from the
 * file system's root ("a/b" and "/a/b" are the same); no symlinks are
 * followed. Sizes are 32-bit (files up to 2 GB - 1).
 */
#ifndef EXOS_FS_FS_H
#define EXOS_FS_FS_H

#include <stdint.h>
#include "bdev.h"

struct fs;

/* The buffer cache's write policy. */
enum fs_policy {
	FS_WRITE_THROUGH,	/* every metadata and data block written when changed,
				   in the crash-safe order of docs/exos.md */
	FS_WRITE_BACK,		/* dirty blocks kept until evicted or fs_sync:
				   faster, crash safety only at fs_sync */
};

struct fs_opts {
	uint32_t cache_blocks;	/* buffer cache size in blocks (0: 64; at least 16) */
	enum fs_policy policy;
	int readonly;
	uint32_t (*now)(void);	/* seconds since 1970 (NULL: the superblock's write time) */
};

/* open flags (the library's own; sys.c maps newlib's) */
#define FS_O_RDONLY	0
#define FS_O_WRONLY	1
#define FS_O_RDWR	2
#define FS_O_ACCMODE	3
#define FS_O_CREAT	0x100
#define FS_O_TRUNC	0x200
#define FS_O_APPEND	0x400
#define FS_O_EXCL	0x800
#define FS_O_DIRECTORY	0x1000

#define FS_SEEK_SET	0
#define FS_SEEK_CUR	1
#define FS_SEEK_END	2

struct fs_file {
	struct fs *fs;
	uint32_t ino;
	uint32_t pos;
	int flags;
};

struct fs_stat {
	uint32_t ino, mode, nlink, uid, gid, size, blocks, atime, mtime, ctime;
};

/* ext2 file types in directory entries */
#define FS_FT_UNKNOWN	0
#define FS_FT_REG	1
#define FS_FT_DIR	2
#define FS_FT_SYMLINK	7

struct fs_dirent {
	uint32_t ino;
	uint8_t type;		/* FS_FT_* */
	char name[256];
};

struct fs_dir {
	struct fs *fs;
	uint32_t ino;
	uint32_t off;		/* byte offset of the next entry */
};

/* Mounting: 0, or -EINVAL for what is not ext2 rev 0/1 (or does not fit
   the device), -ENOTSUP for incompatible features or a journal needing
   recovery; fs_error(*out) says why (free it with fs_unmount). Unknown
   RO_COMPAT features mount read-only: fs_readonly, and writes get -EROFS. */
int fs_mount(struct fs **out, struct bdev *bd, const struct fs_opts *opts);
int fs_unmount(struct fs *fs);		/* syncs, frees */
int fs_sync(struct fs *fs);
/* Another process may have changed the disk (docs/exos.md, "One file
   system, many processes"): unless the superblock is still the one this
   mount last wrote (nobody mounted it since: every mount writes it),
   drop every cached block and read the superblock and group descriptors
   again. -EBUSY with unsynced changes (nothing dropped); a failure to
   read a good file system back stops all changes. fs_sync writes nothing
   when nothing changed since the last one. */
int fs_reload(struct fs *fs);
/* The write policy from now on (the disk's file system is mounted
   write-through; a program may trade crash safety for speed until its
   next fs_sync). To write-through: dirty blocks written first. 0, -EINVAL
   or the flush's -errno. */
int fs_set_policy(struct fs *fs, enum fs_policy policy);
int fs_readonly(const struct fs *fs);
const char *fs_error(const struct fs *fs);	/* why the last mount/IO failed */
/* counts for tests and docs */
struct fs_counts { uint32_t reads, writes, hits, misses, free_blocks, free_inodes, block_size; };
void fs_counts(const struct fs *fs, struct fs_counts *c);

int fs_open(struct fs *fs, struct fs_file *f, const char *path, int flags, uint32_t mode);
int fs_close(struct fs_file *f);
int fs_read(struct fs_file *f, void *buf, uint32_t len);
int fs_write(struct fs_file *f, const void *buf, uint32_t len);
int32_t fs_lseek(struct fs_file *f, int32_t off, int whence);
int fs_fstat(struct fs_file *f, struct fs_stat *st);
int fs_ftruncate(struct fs_file *f, uint32_t size);

int fs_stat(struct fs *fs, const char *path, struct fs_stat *st);
int fs_truncate(struct fs *fs, const char *path, uint32_t size);
int fs_unlink(struct fs *fs, const char *path);
int fs_mkdir(struct fs *fs, const char *path, uint32_t mode);
int fs_rmdir(struct fs *fs, const char *path);
int fs_rename(struct fs *fs, const char *from, const char *to);

/* path.c: path made absolute against cwd (an absolute path), "." and
   ".." resolved by the text; 0, or -ENAMETOOLONG if out (len bytes)
   cannot hold it. */
int fs_path_join(const char *cwd, const char *path, char *out, uint32_t len);

int fs_opendir(struct fs *fs, struct fs_dir *d, const char *path);
int fs_readdir(struct fs_dir *d, struct fs_dirent *e);	/* 1: an entry, 0: end */
int fs_closedir(struct fs_dir *d);

#endif
