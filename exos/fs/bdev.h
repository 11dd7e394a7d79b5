/*
 * exos/fs/bdev.h - the block device the file system sits on: numbered
 * sectors of 512 B or 1 KB, read and written a run at a time. Host
 * tests use a file (bdev_file.c), the guest a RAM disk (bdev_ram.c)
 * or Aegis's disk (bdev_adisk.c, declared in adisk.h).
 */
#ifndef EXOS_FS_BDEV_H
#define EXOS_FS_BDEV_H

#include <stddef.h>
#include <stdint.h>

struct bdev {
	uint32_t secsize;	/* 512 or 1024 */
	uint32_t nsec;		/* size in sectors */
	/* 0 or -errno (-EIO); n sectors from sector sec */
	int (*read)(struct bdev *bd, uint32_t sec, uint32_t n, void *buf);
	int (*write)(struct bdev *bd, uint32_t sec, uint32_t n, const void *buf);
	void *priv;
	int fd;			/* bdev_file's */
};

/* A RAM disk over len bytes at mem (not copied; len a multiple of
   secsize). 0 or -EINVAL. */
int bdev_ram_init(struct bdev *bd, void *mem, size_t len, uint32_t secsize);
/* A RAM disk's memory (malloc'd, *len bytes) from an image's non-zero
   sectors as exos/fs/tests/mksparse writes them; NULL if malformed. */
void *bdev_ram_sparse(const char *img, const char *end, size_t *len);

#ifndef __mips__
/* A host file, opened read-write. 0 or -errno. */
int bdev_file_open(struct bdev *bd, const char *path, uint32_t secsize);
void bdev_file_close(struct bdev *bd);
#endif

#endif
