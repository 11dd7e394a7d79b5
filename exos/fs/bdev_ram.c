/*
 * exos/fs/bdev_ram.c - a RAM disk: the block device over a byte array
 * (in the guest, an ext2 image read from the boot archive).
 */
#include <errno.h>
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
