/*
 * exos/fs/bdev_ram.c - a RAM disk: the block device over a byte array
 * (in the guest, an ext2 image read from the boot archive).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "bdev.h"

static int ram_read(struct bdev *bd, uint32_t sec, uint32_t n, void *buf)
{
	if (sec > bd->nsec || n > bd->nsec - sec)
		return -EIO;
	memcpy(buf, (char *)bd->priv + (size_t)sec * bd->secsize, (size_t)n * bd->secsize);
	return 0;
}

static int ram_write(struct bdev *bd, uint32_t sec, uint32_t n, const void *buf)
{
	if (sec > bd->nsec || n > bd->nsec - sec)
		return -EIO;
	memcpy((char *)bd->priv + (size_t)sec * bd->secsize, buf, (size_t)n * bd->secsize);
	return 0;
}

int bdev_ram_init(struct bdev *bd, void *mem, size_t len, uint32_t secsize)
{
	if ((secsize != 512 && secsize != 1024) || !mem || len % secsize)
		return -EINVAL;
	memset(bd, 0, sizeof *bd);
	bd->secsize = secsize;
	bd->nsec = (uint32_t)(len / secsize);
	bd->read = ram_read;
	bd->write = ram_write;
	bd->priv = mem;
	return 0;
}

/* mksparse's format (exos/fs/tests/mksparse): u32 magic, u32 sectors,
   (u32 sector, 512 bytes)..., u32 0xffffffff. */
void *bdev_ram_sparse(const char *img, const char *end, size_t *len)
{
	uint32_t w[2], sec;
	const char *p = img;
	if (end - img < 8)
		return NULL;
	memcpy(w, p, 8);
	p += 8;
	if (w[0] != 0x53505253)
		return NULL;
	*len = (size_t)w[1] * 512;
	char *disk = calloc(1, *len);
	if (!disk)
		return NULL;
	while (p + 4 <= end) {
		memcpy(&sec, p, 4);
		p += 4;
		if (sec == 0xffffffffu)
			return disk;
		if (sec >= w[1] || p + 512 > end)
			break;
		memcpy(disk + (size_t)sec * 512, p, 512);
		p += 512;
	}
	free(disk);
	return NULL;
}
