/*
 * exos/fs/posix.c - the file-descriptor table that puts files beside
 * the console: sys.c sends fds 3 and up here (exos_fileops) once
 * exos_fs_root has named the file system; newlib's open flags and
 * struct stat are mapped to the library's (fs.h). Guest only.
 */
#ifdef __mips__
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "exos.h"
#include "posix.h"

static struct fs *root;
static struct fs_file files[EXOS_MAX_FILES];

static int ret(int r)
{
	if (r < 0) {
		exos_set_errno(-r);
		return -1;
	}
	return r;
}

static struct fs_file *file(int fd)
{
	if (fd < 3 || fd >= EXOS_MAX_FILES || !files[fd].fs)
		return NULL;
	return &files[fd];
}

static int f_open(const char *path, int flags, int mode)
{
	int fd, ff = 0;
	if (!root)
		return -ENOENT;
	for (fd = 3; fd < EXOS_MAX_FILES && files[fd].fs; fd++)
		;
	if (fd == EXOS_MAX_FILES)
		return -EMFILE;
	switch (flags & O_ACCMODE) {
	case O_RDONLY: ff = FS_O_RDONLY; break;
	case O_WRONLY: ff = FS_O_WRONLY; break;
	case O_RDWR: ff = FS_O_RDWR; break;
	default: return -EINVAL;
	}
	if (flags & O_CREAT)
		ff |= FS_O_CREAT;
	if (flags & O_TRUNC)
		ff |= FS_O_TRUNC;
	if (flags & O_APPEND)
		ff |= FS_O_APPEND;
	if (flags & O_EXCL)
		ff |= FS_O_EXCL;
	int r = fs_open(root, &files[fd], path, ff, (uint32_t)mode);
	return r < 0 ? r : fd;
}

static int f_read(int fd, void *buf, unsigned len)
{
	struct fs_file *f = file(fd);
	return f ? fs_read(f, buf, len) : -EBADF;
}

static int f_write(int fd, const void *buf, unsigned len)
{
	struct fs_file *f = file(fd);
	return f ? fs_write(f, buf, len) : -EBADF;
}

static long f_lseek(int fd, long off, int whence)
{
	struct fs_file *f = file(fd);
	if (!f)
		return -EBADF;
	int w = whence == SEEK_SET ? FS_SEEK_SET : whence == SEEK_CUR ? FS_SEEK_CUR :
		whence == SEEK_END ? FS_SEEK_END : -1;
	return w < 0 ? -EINVAL : fs_lseek(f, (int32_t)off, w);
}

static int f_close(int fd)
{
	struct fs_file *f = file(fd);
	return f ? fs_close(f) : -EBADF;
}

static void to_stat(const struct fs_stat *s, struct stat *st)
{
	memset(st, 0, sizeof *st);
	st->st_ino = s->ino;
	st->st_mode = s->mode;	/* ext2's mode bits are the traditional ones */
	st->st_nlink = s->nlink;
	st->st_uid = s->uid;
	st->st_gid = s->gid;
	st->st_size = s->size;
	st->st_blocks = s->blocks;
	st->st_atime = s->atime;
	st->st_mtime = s->mtime;
	st->st_ctime = s->ctime;
}

static int f_fstat(int fd, void *st)
{
	struct fs_file *f = file(fd);
	struct fs_stat s;
	if (!f)
		return -EBADF;
	int r = fs_fstat(f, &s);
	if (!r)
		to_stat(&s, st);
	return r;
}

static const struct exos_fileops ops = { f_open, f_read, f_write, f_lseek, f_close, f_fstat };

void exos_fs_root(struct fs *fs)
{
	root = fs;
	memset(files, 0, sizeof files);
	exos_fileops = fs ? &ops : NULL;
}

struct fs *exos_fs_get(void) { return root; }

int stat(const char *path, struct stat *st)
{
	struct fs_stat s;
	int r = root ? fs_stat(root, path, &s) : -ENOENT;
	if (!r)
		to_stat(&s, st);
	return ret(r);
}

int unlink(const char *path) { return ret(root ? fs_unlink(root, path) : -ENOENT); }
int mkdir(const char *path, mode_t mode) { return ret(root ? fs_mkdir(root, path, mode) : -ENOENT); }
int rmdir(const char *path) { return ret(root ? fs_rmdir(root, path) : -ENOENT); }
int rename(const char *from, const char *to) { return ret(root ? fs_rename(root, from, to) : -ENOENT); }
int truncate(const char *path, off_t len)
{
	return ret(root ? len < 0 ? -EINVAL : fs_truncate(root, path, (uint32_t)len) : -ENOENT);
}
int ftruncate(int fd, off_t len)
{
	struct fs_file *f = file(fd);
	return ret(!f ? -EBADF : len < 0 ? -EINVAL : fs_ftruncate(f, (uint32_t)len));
}
int fsync(int fd) { return ret(file(fd) ? fs_sync(root) : -EBADF); }

struct exos_dir {
	struct fs_dir d;
	struct dirent e;
};

DIR *opendir(const char *path)
{
	DIR *d = malloc(sizeof *d);
	if (!d) {
		exos_set_errno(ENOMEM);
		return NULL;
	}
	int r = root ? fs_opendir(root, &d->d, path) : -ENOENT;
	if (r < 0) {
		free(d);
		exos_set_errno(-r);
		return NULL;
	}
	return d;
}

struct dirent *readdir(DIR *d)
{
	struct fs_dirent e;
	int r = fs_readdir(&d->d, &e);
	if (r <= 0) {
		if (r < 0)
			exos_set_errno(-r);
		return NULL;
	}
	d->e.d_ino = e.ino;
	d->e.d_type = e.type;
	memcpy(d->e.d_name, e.name, sizeof e.name);
	return &d->e;
}

int closedir(DIR *d)
{
	fs_closedir(&d->d);
	free(d);
	return 0;
}
#endif
