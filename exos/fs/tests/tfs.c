/*
 * tfs.c - ExOS's ext2 library in the guest: an image made at build time
 * (mke2fs -d exos/fs/tests/tree, exos/fs/fs.mk), linked into this
 * program as its non-zero sectors (mksparse) and expanded into the heap,
 * is the RAM disk; the test reads the files mke2fs put
 * there and uses the file system through newlib (open, read, write,
 * lseek, fstat, stat, mkdir, opendir/readdir, rename, unlink, rmdir,
 * stdio), then unmounts and mounts it again from the same memory.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "exos.h"
#include "fs/bdev.h"
#include "fs/fs.h"
#include "fs/posix.h"

/* the image's non-zero sectors (TFS_IMG, from the makefile; format in mksparse) */
__asm__(".section .rodata\n.balign 4\n.globl tfs_img\ntfs_img:\n.incbin \"" TFS_IMG "\"\n"
	".globl tfs_img_end\ntfs_img_end:\n.previous\n");
extern const char tfs_img[], tfs_img_end[];

static uint8_t pat(uint32_t i) { return (uint8_t)(i * 7 + (i >> 9)); }

static int has(const char *dir, const char *name)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int found = 0;
	if (!d)
		return -1;
	while ((e = readdir(d)))
		found |= !strcmp(e->d_name, name);
	closedir(d);
	return found;
}

int main(void)
{
	static struct bdev bd;
	struct fs *fs;
	struct fs_opts o = { .cache_blocks = 32, .policy = FS_WRITE_BACK };
	size_t len = 0;
	char *disk = bdev_ram_sparse(tfs_img, tfs_img_end, &len);
	exos_check(disk && bdev_ram_init(&bd, disk, len, 512) == 0, "fs: a %u-byte RAM disk from the image", (unsigned)len);
	if (!disk)
		return exos_test_result();
	int r = fs_mount(&fs, &bd, &o);
	exos_check(r == 0, "fs: mount (%d %s)", r, r ? fs_error(fs) : "");
	if (r)
		return exos_test_result();
	exos_fs_root(fs);

	char buf[200];
	FILE *fp = fopen("/hello.txt", "r");
	exos_check(fp && fgets(buf, sizeof buf, fp) && !strcmp(buf, "hello from ext2\n"),
		   "fs: a file mke2fs -d wrote, through stdio");
	if (fp)
		fclose(fp);
	int fd = open("docs/paper.txt", O_RDONLY);
	r = fd >= 3 ? read(fd, buf, sizeof buf) : -1;
	exos_check(fd >= 3 && r == 91 && !memcmp(buf, "The exokernel: ", 15), "fs: open/read a file in a directory (%d)", r);
	close(fd);

	/* write, seek, read back: 300 KB reaches the double-indirect blocks */
	uint8_t *big = malloc(300000), *back = malloc(300000);
	for (uint32_t i = 0; i < 300000; i++)
		big[i] = pat(i);
	uint64_t t0 = exos_cycles();
	fd = open("/big", O_CREAT | O_RDWR | O_EXCL, 0644);
	r = write(fd, big, 300000);
	uint64_t t1 = exos_cycles();
	exos_check(fd >= 3 && r == (int)300000, "fs: write 300000 bytes (%d)", r);
	exos_check(lseek(fd, 0, SEEK_SET) == 0 && read(fd, back, 300000) == (int)300000 &&
		   !memcmp(big, back, 300000), "fs: read them back");
	struct stat st;
	exos_check(fstat(fd, &st) == 0 && st.st_size == 300000 && S_ISREG(st.st_mode), "fs: fstat");
	exos_check(lseek(fd, 100000, SEEK_SET) == 100000 && write(fd, "XYZ", 3) == 3 && lseek(fd, -3, SEEK_CUR) == 100000 &&
		   read(fd, buf, 3) == 3 && !memcmp(buf, "XYZ", 3), "fs: lseek and overwrite");
	close(fd);
	if (exos_mhz())
		printf("# fs: 300000 bytes written in %lu us (RAM disk, write-back cache)\n",
		       (unsigned long)((t1 - t0) / exos_mhz()));
	exos_check(open("/big", O_CREAT | O_EXCL | O_WRONLY, 0644) == -1 && errno == EEXIST, "fs: O_EXCL: EEXIST");
	exos_check(open("/none", O_RDONLY) == -1 && errno == ENOENT, "fs: ENOENT");

	/* directories */
	exos_check(mkdir("/d", 0755) == 0 && mkdir("/d/e", 0755) == 0, "fs: mkdir");
	exos_check(mkdir("/d", 0755) == -1 && errno == EEXIST, "fs: mkdir: EEXIST");
	fp = fopen("/d/e/note", "w");
	exos_check(fp && fprintf(fp, "line %d\n", 42) == 8 && fclose(fp) == 0, "fs: fprintf to a new file");
	exos_check(has("/d/e", "note") == 1 && has("/", "d") == 1 && has("/", "hello.txt") == 1, "fs: readdir lists the names");
	exos_check(rename("/d/e/note", "/d/note2") == 0 && has("/d/e", "note") == 0 && has("/d", "note2") == 1,
		   "fs: rename across directories");
	exos_check(rename("/d/note2", "/hello.txt") == 0 && stat("/hello.txt", &st) == 0 && st.st_size == 8,
		   "fs: rename replacing a file");
	exos_check(rmdir("/d") == -1 && errno == ENOTEMPTY, "fs: rmdir of a non-empty directory: ENOTEMPTY");
	exos_check(rmdir("/d/e") == 0 && rmdir("/d") == 0 && stat("/d", &st) == -1 && errno == ENOENT, "fs: rmdir");
	exos_check(unlink("/docs/paper.txt") == 0 && has("/docs", "paper.txt") == 0, "fs: unlink");
	fd = open("/app", O_CREAT | O_WRONLY | O_APPEND, 0644);
	r = write(fd, "ab", 2);
	close(fd);
	fd = open("/app", O_WRONLY | O_APPEND);
	r += write(fd, "cd", 2);
	close(fd);
	exos_check(r == 4 && stat("/app", &st) == 0 && st.st_size == 4, "fs: O_APPEND");
	fd = open("/app", O_WRONLY | O_TRUNC);
	close(fd);
	exos_check(stat("/app", &st) == 0 && st.st_size == 0, "fs: O_TRUNC");
	fd = open("/app", O_RDWR);
	exos_check(fd >= 3 && write(fd, "0123456789", 10) == 10 && ftruncate(fd, 4) == 0 && fsync(fd) == 0 &&
		   fstat(fd, &st) == 0 && st.st_size == 4 && truncate("/app", 9000) == 0 &&
		   stat("/app", &st) == 0 && st.st_size == 9000 && lseek(fd, 4, SEEK_SET) == 4 &&
		   read(fd, buf, 10) == 10 && buf[0] == 0 && buf[9] == 0, "fs: ftruncate, fsync, truncate (a hole reads zeros)");
	close(fd);
	exos_check(unlink("/app") == 0 && close(fd) == -1 && errno == EBADF, "fs: unlink; a closed fd is EBADF");
	printf("# fs: the console still works beside the files\n");

	/* again from the disk alone */
	exos_check(fs_unmount(fs) == 0, "fs: unmount (write-back cache flushed)");
	exos_fs_root(NULL);
	r = fs_mount(&fs, &bd, &o);
	exos_check(r == 0, "fs: mount again");
	exos_fs_root(fs);
	fd = open("/big", O_RDONLY);
	memset(back, 0, 300000);
	big[100000] = 'X';
	big[100001] = 'Y';
	big[100002] = 'Z';
	exos_check(fd >= 3 && read(fd, back, 300000) == (int)300000 && !memcmp(big, back, 300000),
		   "fs: the 300000 bytes are on the disk");
	close(fd);
	fp = fopen("/hello.txt", "r");
	exos_check(fp && fgets(buf, sizeof buf, fp) && !strcmp(buf, "line 42\n"), "fs: the renamed file is on the disk");
	if (fp)
		fclose(fp);
	exos_check(fs_unmount(fs) == 0, "fs: unmount");

	/* the write-through cache: every change written when made, in order */
	struct fs_opts wt = { .cache_blocks = 32, .policy = FS_WRITE_THROUGH };
	r = fs_mount(&fs, &bd, &wt);
	exos_check(r == 0, "fs: mount write-through");
	if (r)
		return exos_test_result();
	exos_fs_root(fs);
	struct fs_counts c0, c1;
	fs_counts(fs, &c0);
	t0 = exos_cycles();
	fd = open("/wt", O_CREAT | O_WRONLY, 0644);
	r = write(fd, big, 100000);
	close(fd);
	t1 = exos_cycles();
	fs_counts(fs, &c1);
	exos_check(r == 100000, "fs: write-through: 100000 bytes written");
	if (exos_mhz())
		printf("# fs: write-through: 100000 bytes in %lu us, %u block writes\n",
		       (unsigned long)((t1 - t0) / exos_mhz()), (unsigned)(c1.writes - c0.writes));
	t0 = exos_cycles();
	int ok = 1;
	for (int i = 0; i < 20; i++) {
		snprintf(buf, sizeof buf, "/small%d", i);
		fd = open(buf, O_CREAT | O_WRONLY, 0644);
		ok &= fd >= 3 && write(fd, buf, 8) == 8;
		close(fd);
	}
	t1 = exos_cycles();
	fs_counts(fs, &c0);
	exos_check(ok && has("/", "small19") == 1, "fs: write-through: 20 small files");
	if (exos_mhz())
		printf("# fs: write-through: a small file created and written in %lu us, %u block writes\n",
		       (unsigned long)((t1 - t0) / exos_mhz() / 20), (unsigned)(c0.writes - c1.writes) / 20);
	exos_check(fs_unmount(fs) == 0, "fs: unmount");
	return exos_test_result();
}
