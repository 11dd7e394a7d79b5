/*
 * exos/fs/posix.c - the file-descriptor table that puts files beside
 * the console: sys.c sends fds 3 and up here (exos_fileops) once
 * exos_fs_root has named the file system; newlib's open flags and
 * struct stat are mapped to the library's (fs.h). Guest only.
 * A program that names no file system gets the disk's at its first call
 * with a path (open, stat, opendir...): exos_fs_automount (adisk.h),
 * synced at exit and before a child starts, reloaded after one ended
 * (exos_filehooks; docs/exos.md, "One file system, many processes").
 */
#ifdef __mips__
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "exos.h"
#include "posix.h"
#include "adisk.h"

static struct fs *root, *disk_fs;	/* disk_fs: the one automount found */
static int chosen;			/* a root was set, or automount tried */
static struct fs_file files[EXOS_MAX_FILES];
static char cwd[EXOS_PATH_MAX] = "/";	/* chdir's; relative paths start here */

/* path against the current directory, into out (EXOS_PATH_MAX bytes) */
#define ABS(path, out) char out[EXOS_PATH_MAX]; \
	if (fs_path_join(cwd, path, out, sizeof out) < 0) \
		return ret(-ENAMETOOLONG)

static void disk_sync(void)
{
	if (disk_fs)
		fs_sync(disk_fs);
}

/* At exit: unmounted (synced, marked clean); no file is usable after. */
static void disk_exit(void)
{
	if (!disk_fs)
		return;
	fs_unmount(disk_fs);
	if (root == disk_fs) {
		root = NULL;
		exos_fileops = NULL;
	}
	disk_fs = NULL;
	exos_filehooks = NULL;
}

/* A child ended: what we cached of the disk may be stale. */
static void disk_waited(void)
{
	if (disk_fs && fs_reload(disk_fs) < 0)
		fiprintf(stderr, "exos: the file system could not be reloaded after a child ended: %s\n",
			 fs_error(disk_fs));
}

static const struct exos_filehooks hooks = { disk_sync, disk_exit, disk_waited };

/* The file system paths name: the disk's, mounted at the first use. */
static struct fs *fs_root(void)
{
	if (!chosen) {
		chosen = 1;
		if ((disk_fs = exos_fs_automount()) != NULL) {
			exos_fs_root(disk_fs);
			exos_filehooks = &hooks;
		}
	}
	return root;
}

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
	if (!fs_root())
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
	char abs[EXOS_PATH_MAX];
	if (fs_path_join(cwd, path, abs, sizeof abs) < 0)
		return -ENAMETOOLONG;
	int r = fs_open(root, &files[fd], abs, ff, (uint32_t)mode);
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
	chosen = 1;	/* the program's choice: no automount after it */
	root = fs;
	memset(files, 0, sizeof files);
	exos_fileops = fs ? &ops : NULL;
}

struct fs *exos_fs_get(void) { return fs_root(); }
struct fs *exos_fs_mounted(void) { return root; }

/* Moved here from sys.c: the first open mounts the disk. */
int open(const char *path, int flags, ...)
{
	va_list ap;
	va_start(ap, flags);
	int mode = (flags & O_CREAT) ? va_arg(ap, int) : 0;
	va_end(ap);
	if (!fs_root()) {
		exos_set_errno(ENOENT);
		return -1;
	}
	return ret(exos_fileops->open(path, flags, mode));
}

int stat(const char *path, struct stat *st)
{
	struct fs_stat s;
	ABS(path, p);
	int r = fs_root() ? fs_stat(root, p, &s) : -ENOENT;
	if (!r)
		to_stat(&s, st);
	return ret(r);
}

int unlink(const char *path)
{
	ABS(path, p);
	return ret(fs_root() ? fs_unlink(root, p) : -ENOENT);
}
int mkdir(const char *path, mode_t mode)
{
	ABS(path, p);
	return ret(fs_root() ? fs_mkdir(root, p, mode) : -ENOENT);
}
int rmdir(const char *path)
{
	ABS(path, p);
	return ret(fs_root() ? fs_rmdir(root, p) : -ENOENT);
}
int rename(const char *from, const char *to)
{
	ABS(from, f);
	ABS(to, t);
	return ret(fs_root() ? fs_rename(root, f, t) : -ENOENT);
}
int truncate(const char *path, off_t len)
{
	ABS(path, p);
	return ret(fs_root() ? len < 0 ? -EINVAL : fs_truncate(root, p, (uint32_t)len) : -ENOENT);
}

int chdir(const char *path)
{
	struct fs_stat s;
	ABS(path, p);
	int r = fs_root() ? fs_stat(root, p, &s) : -ENOENT;
	if (!r && (s.mode & 0170000) != 0040000)
		r = -ENOTDIR;
	if (!r)
		strcpy(cwd, p);
	return ret(r);
}

char *getcwd(char *buf, size_t size)
{
	if (!buf || size <= strlen(cwd)) {
		exos_set_errno(buf ? ERANGE : EINVAL);
		return NULL;
	}
	return strcpy(buf, cwd);
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
	char p[EXOS_PATH_MAX];
	if (fs_path_join(cwd, path, p, sizeof p) < 0) {
		exos_set_errno(ENAMETOOLONG);
		return NULL;
	}
	DIR *d = malloc(sizeof *d);
	if (!d) {
		exos_set_errno(ENOMEM);
		return NULL;
	}
	int r = fs_root() ? fs_opendir(root, &d->d, p) : -ENOENT;
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
