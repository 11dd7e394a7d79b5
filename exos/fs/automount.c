/*
 * exos/fs/automount.c - finding ExOS's file system on Aegis's disk (the
 * convention of adisk.h): disk 0, the extent starting at block 2, ExOS's
 * capabilities. A disk made on the host by mke2fs (tools/mkdisk writes
 * the table too) is found by its extent; a bare mke2fs image on a disk
 * just given an empty table (diskinit=0) is adopted: the free blocks
 * from 2 are allocated to ExOS's capabilities first, since Aegis lets
 * nobody read blocks no extent holds (aegis/include/aegis/disk.h).
 */
#ifdef __mips__
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <aegis/disk.h>
#include "exos.h"
#include "adisk.h"

#if EXOS_FS_START != AEGIS_DISK_TABLE_BLOCKS
#error "ExOS's file system starts right after Aegis's table"
#endif

static void warn(const char *what)
{
	fiprintf(stderr, "exos: disk %u: %s\n", EXOS_FS_DISK, what);
}

static int hexword(const char *s, const char *end, uint32_t *v)
{
	uint32_t x = 0;
	if (end - s < 1 || end - s > 8)
		return -EINVAL;
	for (; s < end; s++) {
		int d = *s >= '0' && *s <= '9' ? *s - '0' : *s >= 'a' && *s <= 'f' ? *s - 'a' + 10 :
			*s >= 'A' && *s <= 'F' ? *s - 'A' + 10 : -1;
		if (d < 0)
			return -EINVAL;
		x = x << 4 | (uint32_t)d;
	}
	*v = x;
	return 0;
}

int exos_fs_caps(uint32_t *rcap, uint32_t *wcap)
{
	char w[24], *colon = NULL;
	int r = exos_boot_arg("fscap", w, sizeof w);
	if (r == -ENOENT) {
		*rcap = EXOS_FS_RCAP;
		*wcap = EXOS_FS_WCAP;
		return 0;
	}
	for (char *p = w; r == 0 && *p; p++)
		if (*p == ':')
			colon = p;
	if (r < 0 || !colon || hexword(w, colon, rcap) < 0 || hexword(colon + 1, colon + strlen(colon), wcap) < 0)
		return -EINVAL;
	return 0;
}

/* The first block past 2 that an extent holds (the disk's end if none);
   *at2: an extent starts at block 2 (its length in *n). */
static unsigned free_run(const struct aegis_diskinfo *info, int *at2, unsigned *n)
{
	unsigned end = info->nblocks;
	struct aegis_disk_extent x;
	*at2 = 0;
	for (unsigned i = 0; sys_disk_extent(EXOS_FS_DISK, i, &x) == 0; i++) {
		if (x.start == EXOS_FS_START) {
			*at2 = 1;
			*n = x.nblocks;
		} else if (x.start > EXOS_FS_START && x.start < end)
			end = x.start;
	}
	return end;
}

struct fs *exos_fs_automount(void)
{
	struct aegis_diskinfo info;	/* on the stack: Aegis writes it */
	uint32_t rcap, wcap;
	if (sys_disk_info(EXOS_FS_DISK, &info) < 0)
		return NULL;	/* no disk: no file system, and nothing to say */
	if (!info.formatted) {
		warn("no ownership table: boot with diskinit=0 to give it one (ExOS then adopts an ext2 image from block 2)");
		return NULL;
	}
	if (exos_fs_caps(&rcap, &wcap) < 0) {
		warn("the boot word fscap= is not RCAP:WCAP in hex: no file system");
		return NULL;
	}
	int at2;
	unsigned n = 0, end = free_run(&info, &at2, &n);
	if (!at2) {
		if (end <= EXOS_FS_START + 2) {
			warn("block 2 is another extent's neighbour with no room: no file system");
			return NULL;
		}
		/* adopt: the whole free run (freeing a part taken only to look
		   would zero it: SYS_disk_free scrubs) */
		struct aegis_disk_extent x = { EXOS_FS_DISK, EXOS_FS_START, end - EXOS_FS_START, rcap, wcap };
		int r = sys_disk_alloc(&x);
		if (r < 0) {
			fiprintf(stderr, "exos: disk %u: cannot allocate blocks 2..%u (Aegis error %d): no file system\n",
				EXOS_FS_DISK, end - 1, -r);
			return NULL;
		}
		n = end - EXOS_FS_START;
	}
	static struct bdev bd;	/* the mounted file system's, for the process's life */
	static char probe[1024];
	if (bdev_adisk_init(&bd, EXOS_FS_DISK, EXOS_FS_START, n, rcap, wcap) < 0) {
		warn("no memory for the disk's page: no file system");
		return NULL;
	}
	int r = bd.read(&bd, EXOS_FS_START, 2, probe);
	if (r == -EACCES) {
		warn("the file system's extent (block 2) refuses ExOS's capabilities (see fscap=): no file system");
		bdev_adisk_close(&bd);
		return NULL;
	}
	struct fs_opts o = { 0, FS_WRITE_THROUGH, 0, NULL };
	struct fs *fs;
	r = fs_mount(&fs, &bd, &o);
	if (r == -EIO && !strncmp(fs_error(fs), "I/O error", 9)) {
		/* the superblock could be read but not written: a write-protected
		   disk (pmaxsim's ro:) is still a file system to read */
		fs_unmount(fs);
		o.readonly = 1;
		r = fs_mount(&fs, &bd, &o);
		if (r == 0)
			warn("the disk refuses writes: its file system is mounted read-only");
	}
	if (r < 0) {
		fiprintf(stderr, "exos: disk %u: no ext2 file system at block 2 (%s)%s\n", EXOS_FS_DISK,
			fs_error(fs), at2 ? "" : "; the blocks stay allocated to ExOS's capabilities");
		fs_unmount(fs);
		bdev_adisk_close(&bd);
		return NULL;
	}
	return fs;
}
#endif
