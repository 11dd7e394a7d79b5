/*
 * exos/fs/posix.h - the file system through newlib: exos_fs_root makes
 * a mounted file system the one open/read/write/lseek/close/fstat (fds
 * 3 and up, beside the console's 0-2), stat, unlink, mkdir, rmdir,
 * rename and truncate use. newlib (mips-elf) has no <dirent.h>, so the
 * directory calls are declared here. Guest only. Without exos_fs_root,
 * the first of these calls mounts the disk's file system (adisk.h).
 * Relative paths start at the current directory (chdir, getcwd: the
 * library keeps it as text; "/" at start).
 */
#ifndef EXOS_FS_POSIX_H
#define EXOS_FS_POSIX_H

#include "fs.h"

#define EXOS_MAX_FILES 32	/* fds 3 .. EXOS_MAX_FILES-1 */
#define EXOS_PATH_MAX 256	/* a path made absolute, with its NUL */

void exos_fs_root(struct fs *fs);	/* NULL: none (open fails with ENOENT) */
struct fs *exos_fs_get(void);	/* mounts the disk at the first call */
struct fs *exos_fs_mounted(void);	/* what is mounted now; never mounts */

struct dirent {
	uint32_t d_ino;
	uint8_t d_type;		/* FS_FT_* (ext2's file types) */
	char d_name[256];
};
typedef struct exos_dir DIR;
DIR *opendir(const char *path);
struct dirent *readdir(DIR *d);
int closedir(DIR *d);

int rmdir(const char *path);
int rename(const char *from, const char *to);	/* atomic in the file system, not newlib's link+unlink */
int fsync(int fd);		/* syncs the whole file system */

#endif
