/*
 * exos/fs/bdev_file.c - a host file as a block device, for the host
 * tests (not built for the guest).
 */
#ifndef __mips__
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "bdev.h"

static int file_read(struct bdev *bd, uint32_t sec, uint32_t n, void *buf)
{
	size_t len = (size_t)n * bd->secsize;
	if (sec > bd->nsec || n > bd->nsec - sec)
		return -EIO;
	ssize_t r = pread(bd->fd, buf, len, (off_t)sec * bd->secsize);
	return r == (ssize_t)len ? 0 : -EIO;
}

static int file_write(struct bdev *bd, uint32_t sec, uint32_t n, const void *buf)
{
	size_t len = (size_t)n * bd->secsize;
	if (sec > bd->nsec || n > bd->nsec - sec)
		return -EIO;
	ssize_t r = pwrite(bd->fd, buf, len, (off_t)sec * bd->secsize);
	return r == (ssize_t)len ? 0 : -EIO;
}

int bdev_file_open(struct bdev *bd, const char *path, uint32_t secsize)
{
	struct stat st;
	if (secsize != 512 && secsize != 1024)
		return -EINVAL;
	int fd = open(path, O_RDWR);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0 || st.st_size % secsize) {
		close(fd);
		return -EINVAL;
	}
	bd->secsize = secsize;
	bd->nsec = (uint32_t)(st.st_size / secsize);
	bd->read = file_read;
	bd->write = file_write;
	bd->priv = 0;
	bd->fd = fd;
	return 0;
}

void bdev_file_close(struct bdev *bd)
{
	close(bd->fd);
	bd->fd = -1;
}
#endif
