/*
 * exos/fs/ops.c - the calls applications make (fs.h): paths, open,
 * read, write, seek, stat, truncate, unlink, mkdir, rmdir, rename,
 * directories. The order of the writes in each call is the crash-safety
 * order of docs/exos.md ("File system"): a new inode is written before
 * the entry naming it (a new directory's as deleted until named); a
 * dying inode is marked deleted (links 0, dtime) before its entry goes,
 * its pointers cleared before its blocks are freed.
 */
#include <string.h>
#include "fsint.h"

#define MAX_SIZE 0x7fffffffu

static int live(struct fs *fs, int write)
{
	if (fs->failed)
		return fs->failed;
	return write && fs->ro ? -EROFS : 0;
}

/* the inode a path names */
static int namei(struct fs *fs, const char *path, uint32_t *ino)
{
	uint32_t cur = EXT2_ROOT_INO;
	while (*path) {
		while (*path == '/')
			path++;
		if (!*path)
			break;
		const char *e = path;
		while (*e && *e != '/')
			e++;
		if (e - path > 255)
			return -ENAMETOOLONG;
		int err = dir_lookup(fs, cur, path, (uint32_t)(e - path), &cur, NULL);
		if (err)
			return err;
		path = e;
	}
	*ino = cur;
	return 0;
}

/* the directory holding a path's last name, and that name ("" for the root) */
static int namei_parent(struct fs *fs, const char *path, uint32_t *dir, const char **name, uint32_t *nlen)
{
	char buf[1024];
	size_t len = strlen(path);
	while (len > 1 && path[len - 1] == '/')
		len--;
	if (len >= sizeof buf)
		return -ENAMETOOLONG;
	size_t s = len;
	while (s > 0 && path[s - 1] != '/')
		s--;
	*name = path + s;
	*nlen = (uint32_t)(len - s);
	if (*nlen > 255)
		return -ENAMETOOLONG;
	memcpy(buf, path, s);
	buf[s] = 0;
	int err = namei(fs, buf, dir);
	if (err)
		return err;
	struct ext2_inode in;
	if ((err = iread(fs, *dir, &in)) < 0)
		return err;
	return (in.i_mode & EXT2_S_IFMT) == EXT2_S_IFDIR ? 0 : -ENOTDIR;
}

static int dots(const char *n, uint32_t len)
{
	return (len == 1 && n[0] == '.') || (len == 2 && n[0] == '.' && n[1] == '.');
}

static int isdir(const struct ext2_inode *in)
{
	return (in->i_mode & EXT2_S_IFMT) == EXT2_S_IFDIR;
}

/* a new inode, written; named by the caller afterwards */
static int create(struct fs *fs, uint32_t dir, uint32_t mode, int deleted, uint32_t *ino, struct ext2_inode *in)
{
	int err = ialloc(fs, dir, isdir(&(struct ext2_inode){ .i_mode = (uint16_t)mode }), ino);
	if (err)
		return err;
	memset(in, 0, sizeof *in);
	in->i_mode = (uint16_t)mode;
	in->i_atime = in->i_ctime = in->i_mtime = fs_now(fs);
	in->i_generation = in->i_ctime ^ (*ino * 2654435761u);
	if (deleted)
		in->i_dtime = in->i_ctime;
	else
		in->i_links_count = 1;
	return 0;
}

/* an inode whose last name is gone: blocks, then the inode, freed */
static int destroy(struct fs *fs, uint32_t ino, struct ext2_inode *in)
{
	int err = itrunc(fs, ino, in, 0);
	return err ? err : ifree(fs, ino, isdir(in));
}

/* the open-file slot of ino, or NULL */
static int open_slot(struct fs *fs, uint32_t ino)
{
	for (int i = 0; i < FS_MAX_OPEN; i++)
		if (fs->open[i].count && fs->open[i].ino == ino)
			return i;
	return -1;
}

/* an inode whose last name went: destroyed now, or at its last close */
static int release(struct fs *fs, uint32_t ino, struct ext2_inode *in)
{
	int i = open_slot(fs, ino);
	if (i >= 0) {
		fs->open[i].unlinked = 1;	/* on disk already deleted: e2fsck frees it after a crash */
		return 0;
	}
	return destroy(fs, ino, in);
}

/* links 0 and dtime: e2fsck sees a deleted inode from now on */
static int mark_deleted(struct fs *fs, uint32_t ino, struct ext2_inode *in)
{
	in->i_links_count = 0;
	in->i_dtime = fs_now(fs);
	return iwrite(fs, ino, in);
}

static int add_links(struct fs *fs, uint32_t ino, int delta)
{
	struct ext2_inode in;
	int err = iread(fs, ino, &in);
	if (err)
		return err;
	in.i_links_count = (uint16_t)(in.i_links_count + delta);
	in.i_ctime = in.i_mtime = fs_now(fs);
	return iwrite(fs, ino, &in);
}

int fs_open(struct fs *fs, struct fs_file *f, const char *path, int flags, uint32_t mode)
{
	int acc = flags & FS_O_ACCMODE, wr = acc == FS_O_WRONLY || acc == FS_O_RDWR;
	int err = live(fs, wr || (flags & (FS_O_CREAT | FS_O_TRUNC)));
	if (err)
		return err;
	if (acc == FS_O_ACCMODE)
		return -EINVAL;
	uint32_t dir, nlen, ino;
	const char *name;
	struct ext2_inode in;
	if ((err = namei_parent(fs, path, &dir, &name, &nlen)) < 0)
		return err;
	if (nlen == 0)
		ino = dir;	/* the root */
	else
		err = dir_lookup(fs, dir, name, nlen, &ino, NULL);
	if (err == -ENOENT && (flags & FS_O_CREAT)) {
		if ((err = create(fs, dir, EXT2_S_IFREG | (mode & 07777), 0, &ino, &in)) < 0)
			return err;
		if ((err = inew(fs, ino, &in)) < 0 ||
		    (err = dir_add(fs, dir, name, nlen, ino, FS_FT_REG)) < 0) {
			mark_deleted(fs, ino, &in);
			ifree(fs, ino, 0);
			return err;
		}
	} else if (err) {
		return err;
	} else {
		if ((flags & FS_O_CREAT) && (flags & FS_O_EXCL))
			return -EEXIST;
		if ((err = iread(fs, ino, &in)) < 0)
			return err;
		if (isdir(&in) && (wr || (flags & FS_O_TRUNC)))
			return -EISDIR;
		if (in.i_size_high && !isdir(&in))
			return -EFBIG;	/* 32-bit sizes only */
		if ((flags & FS_O_TRUNC) && wr && (in.i_mode & EXT2_S_IFMT) == EXT2_S_IFREG && in.i_size &&
		    (err = itrunc(fs, ino, &in, 0)) < 0)
			return err;
	}
	if ((flags & FS_O_DIRECTORY) && !isdir(&in))
		return -ENOTDIR;
	int slot = open_slot(fs, ino);
	for (int i = 0; slot < 0 && i < FS_MAX_OPEN; i++)
		if (!fs->open[i].count) {
			slot = i;
			fs->open[i].ino = ino;
			fs->open[i].unlinked = 0;
		}
	if (slot < 0)
		return -ENFILE;
	fs->open[slot].count++;
	f->fs = fs;
	f->ino = ino;
	f->pos = 0;
	f->flags = flags;
	return 0;
}

int fs_close(struct fs_file *f)
{
	struct fs *fs = f->fs;
	int err = 0, i = fs ? open_slot(fs, f->ino) : -1;
	if (!fs)
		return -EBADF;
	f->fs = NULL;
	if (i >= 0 && --fs->open[i].count == 0 && fs->open[i].unlinked && !fs->ro) {
		struct ext2_inode in;
		err = iread(fs, f->ino, &in);
		if (!err)
			err = destroy(fs, f->ino, &in);
	}
	return err;
}

int fs_read(struct fs_file *f, void *buf, uint32_t len)
{
	struct fs *fs = f->fs;
	struct ext2_inode in;
	int err = live(fs, 0);
	if (err)
		return err;
	if ((f->flags & FS_O_ACCMODE) == FS_O_WRONLY)
		return -EBADF;
	if ((err = iread(fs, f->ino, &in)) < 0)
		return err;
	if (isdir(&in))
		return -EISDIR;
	if (f->pos >= in.i_size)
		return 0;
	if (len > in.i_size - f->pos)
		len = in.i_size - f->pos;
	if (len > MAX_SIZE)
		len = MAX_SIZE;
	uint32_t done = 0;
	while (done < len) {
		uint32_t off = f->pos % fs->bsize, n = fs->bsize - off, pb;
		if (n > len - done)
			n = len - done;
		if ((err = bmap(fs, &in, f->pos / fs->bsize, &pb)) < 0)
			break;
		if (!pb) {
			memset((uint8_t *)buf + done, 0, n);	/* a hole */
		} else {
			struct buf *b = bget(fs, pb, &err);
			if (!b)
				break;
			memcpy((uint8_t *)buf + done, b->data + off, n);
			brelse(b);
		}
		done += n;
		f->pos += n;
	}
	return done ? (int)done : err;
}

int fs_write(struct fs_file *f, const void *buf, uint32_t len)
{
	struct fs *fs = f->fs;
	struct ext2_inode in;
	int err = live(fs, 1);
	if (err)
		return err;
	if ((f->flags & FS_O_ACCMODE) == FS_O_RDONLY)
		return -EBADF;
	if ((err = iread(fs, f->ino, &in)) < 0)
		return err;
	if (f->flags & FS_O_APPEND)
		f->pos = in.i_size;
	if (len > MAX_SIZE - f->pos)
		return -EFBIG;
	uint32_t done = 0, goal = 0, blocks0 = in.i_blocks;
	while (done < len) {
		uint32_t lblk = f->pos / fs->bsize, off = f->pos % fs->bsize, n = fs->bsize - off, pb;
		if (n > len - done)
			n = len - done;
		if ((err = bmap(fs, &in, lblk, &pb)) < 0)
			break;
		struct buf *b;
		if (pb) {
			b = n == fs->bsize ? bzero_get(fs, pb, &err) : bget(fs, pb, &err);
			if (!b)
				break;
			memcpy(b->data + off, (const uint8_t *)buf + done, n);
			err = bdirty(fs, b);
			brelse(b);
			if (err)
				break;
		} else {
			/* a new block: bitmap, then data, then the pointer */
			if (!goal && lblk)
				bmap(fs, &in, lblk - 1, &goal);
			if (!goal)
				goal = fs->gd[(f->ino - 1) / fs->sb.s_inodes_per_group].bg_inode_table;
			if ((err = balloc(fs, goal + 1, &pb)) < 0)
				break;
			b = bzero_get(fs, pb, &err);
			if (!b) {
				bfree(fs, pb);
				break;
			}
			memcpy(b->data + off, (const uint8_t *)buf + done, n);
			err = bdirty(fs, b);
			brelse(b);
			if (!err)
				err = bmap_set(fs, f->ino, &in, lblk, pb);
			if (err) {
				if (err != -EIO)
					bfree(fs, pb);
				break;
			}
		}
		goal = pb;
		done += n;
		f->pos += n;
	}
	if (!done && in.i_blocks != blocks0 && !fs->failed)
		iwrite(fs, f->ino, &in);	/* an indirect block linked before ENOSPC: keep it owned */
	if (done) {
		if (f->pos > in.i_size)
			in.i_size = f->pos;
		in.i_mtime = in.i_ctime = fs_now(fs);
		int e2 = iwrite(fs, f->ino, &in);
		if (e2)
			return e2;
		return (int)done;
	}
	return err;
}

int32_t fs_lseek(struct fs_file *f, int32_t off, int whence)
{
	struct ext2_inode in;
	int64_t base;
	int err = live(f->fs, 0);
	if (err)
		return err;
	if (whence == FS_SEEK_SET)
		base = 0;
	else if (whence == FS_SEEK_CUR)
		base = f->pos;
	else if (whence == FS_SEEK_END) {
		if ((err = iread(f->fs, f->ino, &in)) < 0)
			return err;
		base = in.i_size;
	} else
		return -EINVAL;
	int64_t np = base + off;
	if (np < 0 || np > MAX_SIZE)
		return -EINVAL;
	f->pos = (uint32_t)np;
	return (int32_t)np;
}

static void fill_stat(uint32_t ino, const struct ext2_inode *in, struct fs_stat *st)
{
	st->ino = ino;
	st->mode = in->i_mode;
	st->nlink = in->i_links_count;
	st->uid = in->i_uid;
	st->gid = in->i_gid;
	st->size = in->i_size;
	st->blocks = in->i_blocks;
	st->atime = in->i_atime;
	st->mtime = in->i_mtime;
	st->ctime = in->i_ctime;
}

int fs_fstat(struct fs_file *f, struct fs_stat *st)
{
	struct ext2_inode in;
	int err = live(f->fs, 0);
	if (!err)
		err = iread(f->fs, f->ino, &in);
	if (!err)
		fill_stat(f->ino, &in, st);
	return err;
}

int fs_stat(struct fs *fs, const char *path, struct fs_stat *st)
{
	uint32_t ino;
	struct ext2_inode in;
	int err = live(fs, 0);
	if (!err)
		err = namei(fs, path, &ino);
	if (!err)
		err = iread(fs, ino, &in);
	if (!err)
		fill_stat(ino, &in, st);
	return err;
}

static int truncate_ino(struct fs *fs, uint32_t ino, uint32_t size)
{
	struct ext2_inode in;
	int err = iread(fs, ino, &in);
	if (err)
		return err;
	if (isdir(&in))
		return -EISDIR;
	if ((in.i_mode & EXT2_S_IFMT) != EXT2_S_IFREG)
		return -EINVAL;
	if (size > MAX_SIZE)
		return -EFBIG;
	if (size < in.i_size)
		return itrunc(fs, ino, &in, size);
	in.i_size = size;	/* growing: a hole */
	in.i_mtime = in.i_ctime = fs_now(fs);
	return iwrite(fs, ino, &in);
}

int fs_ftruncate(struct fs_file *f, uint32_t size)
{
	int err = live(f->fs, 1);
	if (err)
		return err;
	if ((f->flags & FS_O_ACCMODE) == FS_O_RDONLY)
		return -EBADF;
	return truncate_ino(f->fs, f->ino, size);
}

int fs_truncate(struct fs *fs, const char *path, uint32_t size)
{
	uint32_t ino;
	int err = live(fs, 1);
	if (!err)
		err = namei(fs, path, &ino);
	return err ? err : truncate_ino(fs, ino, size);
}

int fs_unlink(struct fs *fs, const char *path)
{
	uint32_t dir, nlen, ino;
	const char *name;
	struct ext2_inode in;
	int err = live(fs, 1);
	if (!err)
		err = namei_parent(fs, path, &dir, &name, &nlen);
	if (!err && (nlen == 0 || dots(name, nlen)))
		err = nlen ? -EINVAL : -EISDIR;
	if (!err)
		err = dir_lookup(fs, dir, name, nlen, &ino, NULL);
	if (!err)
		err = iread(fs, ino, &in);
	if (err)
		return err;
	if (isdir(&in))
		return -EISDIR;
	if (in.i_links_count > 1) {	/* other names remain: entry first, count after */
		if ((err = dir_remove(fs, dir, name, nlen)) < 0)
			return err;
		return add_links(fs, ino, -1);
	}
	if ((err = mark_deleted(fs, ino, &in)) < 0 || (err = dir_remove(fs, dir, name, nlen)) < 0)
		return err;
	return release(fs, ino, &in);
}

int fs_mkdir(struct fs *fs, const char *path, uint32_t mode)
{
	uint32_t dir, nlen, ino;
	const char *name;
	struct ext2_inode in;
	int err = live(fs, 1);
	if (!err)
		err = namei_parent(fs, path, &dir, &name, &nlen);
	if (err)
		return err;
	if (nlen == 0 || dots(name, nlen))
		return -EEXIST;
	err = dir_lookup(fs, dir, name, nlen, &ino, NULL);
	if (err != -ENOENT)
		return err ? err : -EEXIST;
	/* written as deleted with its block, named, then made live */
	if ((err = create(fs, dir, EXT2_S_IFDIR | (mode & 07777), 1, &ino, &in)) < 0)
		return err;
	if ((err = dir_init(fs, ino, &in, dir)) < 0 || (err = inew(fs, ino, &in)) < 0 ||
	    (err = dir_add(fs, dir, name, nlen, ino, FS_FT_DIR)) < 0) {
		if (err != -EIO && !fs->failed)
			destroy(fs, ino, &in);
		return err;
	}
	in.i_links_count = 2;
	in.i_dtime = 0;
	if ((err = iwrite(fs, ino, &in)) < 0)
		return err;
	return add_links(fs, dir, 1);
}

int fs_rmdir(struct fs *fs, const char *path)
{
	uint32_t dir, nlen, ino;
	const char *name;
	struct ext2_inode in;
	int err = live(fs, 1);
	if (!err)
		err = namei_parent(fs, path, &dir, &name, &nlen);
	if (err)
		return err;
	if (nlen == 0)
		return -EBUSY;
	if (dots(name, nlen))
		return -EINVAL;
	if ((err = dir_lookup(fs, dir, name, nlen, &ino, NULL)) < 0 || (err = iread(fs, ino, &in)) < 0)
		return err;
	if (!isdir(&in))
		return -ENOTDIR;
	if ((err = dir_empty(fs, ino)) <= 0)
		return err ? err : -ENOTEMPTY;
	if ((err = mark_deleted(fs, ino, &in)) < 0 || (err = dir_remove(fs, dir, name, nlen)) < 0 ||
	    (err = add_links(fs, dir, -1)) < 0)
		return err;
	return destroy(fs, ino, &in);
}

/* is anc an ancestor of (or) dir? walks ".." up to the root */
static int ancestor(struct fs *fs, uint32_t anc, uint32_t dir)
{
	for (int depth = 0; depth < 4096; depth++) {
		if (dir == anc)
			return 1;
		if (dir == EXT2_ROOT_INO)
			return 0;
		int err = dir_lookup(fs, dir, "..", 2, &dir, NULL);
		if (err)
			return err;
	}
	return -ELOOP;
}

int fs_rename(struct fs *fs, const char *from, const char *to)
{
	uint32_t sdir, snlen, ddir, dnlen, sino, dino = 0;
	const char *sname, *dname;
	struct ext2_inode sin, din;
	int err = live(fs, 1);
	if (!err)
		err = namei_parent(fs, from, &sdir, &sname, &snlen);
	if (!err)
		err = namei_parent(fs, to, &ddir, &dname, &dnlen);
	if (err)
		return err;
	if (!snlen || !dnlen || dots(sname, snlen) || dots(dname, dnlen))
		return -EINVAL;
	if ((err = dir_lookup(fs, sdir, sname, snlen, &sino, NULL)) < 0 || (err = iread(fs, sino, &sin)) < 0)
		return err;
	if (isdir(&sin) && (err = ancestor(fs, sino, ddir)) != 0)
		return err < 0 ? err : -EINVAL;	/* into itself */
	err = dir_lookup(fs, ddir, dname, dnlen, &dino, NULL);
	if (err && err != -ENOENT)
		return err;
	if (!err) {
		if (dino == sino)
			return 0;
		if ((err = iread(fs, dino, &din)) < 0)
			return err;
		if (isdir(&sin) && !isdir(&din))
			return -ENOTDIR;
		if (!isdir(&sin) && isdir(&din))
			return -EISDIR;
		if (isdir(&din) && (err = dir_empty(fs, dino)) <= 0)
			return err ? err : -ENOTEMPTY;
	} else {
		dino = 0;
	}
	uint8_t type = mode_ftype(sin.i_mode);
	/* within a directory, to a free name: one block write when it fits
	   (atomic, so crash safe for directories too) */
	if (!dino && sdir == ddir) {
		err = dir_rename_inplace(fs, sdir, sname, snlen, dname, dnlen);
		if (err)
			return err < 0 ? err : 0;
	}
	/* the new name counted first, so a crash leaves a count too high */
	sin.i_links_count++;
	sin.i_ctime = fs_now(fs);
	if ((err = iwrite(fs, sino, &sin)) < 0)
		return err;
	if (dino) {
		uint16_t left = (uint16_t)(isdir(&din) ? 0 : din.i_links_count - 1);
		if (left) {
			din.i_links_count = left;
			err = iwrite(fs, dino, &din);
		} else {
			err = mark_deleted(fs, dino, &din);
		}
		if (!err)
			err = dir_set(fs, ddir, dname, dnlen, sino, type);
	} else {
		err = dir_add(fs, ddir, dname, dnlen, sino, type);
	}
	if (err) {
		sin.i_links_count--;
		iwrite(fs, sino, &sin);
		return err;
	}
	if ((err = dir_remove(fs, sdir, sname, snlen)) < 0)
		return err;
	if (isdir(&sin) && sdir != ddir && (err = dir_set(fs, sino, "..", 2, ddir, FS_FT_DIR)) < 0)
		return err;
	sin.i_links_count--;
	if ((err = iwrite(fs, sino, &sin)) < 0)
		return err;
	int dd = 0;	/* ddir's change of links */
	if (isdir(&sin) && sdir != ddir) {
		if ((err = add_links(fs, sdir, -1)) < 0)
			return err;
		dd++;
	}
	if (dino && isdir(&din))
		dd--;
	if (dd && (err = add_links(fs, ddir, dd)) < 0)
		return err;
	if (dino && !din.i_links_count)
		return release(fs, dino, &din);
	return 0;
}

int fs_opendir(struct fs *fs, struct fs_dir *d, const char *path)
{
	uint32_t ino;
	struct ext2_inode in;
	int err = live(fs, 0);
	if (!err)
		err = namei(fs, path, &ino);
	if (!err)
		err = iread(fs, ino, &in);
	if (err)
		return err;
	if (!isdir(&in))
		return -ENOTDIR;
	d->fs = fs;
	d->ino = ino;
	d->off = 0;
	return 0;
}

int fs_readdir(struct fs_dir *d, struct fs_dirent *e)
{
	int err = live(d->fs, 0);
	return err ? err : dir_read(d->fs, d->ino, &d->off, e);
}

int fs_closedir(struct fs_dir *d)
{
	d->fs = NULL;
	return 0;
}
