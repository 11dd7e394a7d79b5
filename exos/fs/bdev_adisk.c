/*
 * exos/fs/bdev_adisk.c - the file system's block device on Aegis's disk
 * (adisk.h): SYS_disk_read/write move 1..8 blocks of 512 bytes between
 * an extent and one physical page named by its number and capability
 * (aegis/include/aegis/disk.h). The page is a page-aligned piece of the
 * heap (ExOS's own pages: vm_lookup gives its ppn and capability), and
 * data is copied between it and the caller's buffer, a page at a time.
 */
#ifdef __mips__
#include <errno.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <aegis/disk.h>
#include "exos.h"
#include "vm.h"
#include "adisk.h"

struct adisk {
	unsigned disk, start;
	uint32_t rcap, wcap;
	uint8_t *page;		/* the DMA page */
	uint32_t ppn, pcap;
};

#define PER_PAGE (VM_PAGE_SIZE / AEGIS_DISK_BLOCK)	/* 8 blocks */

/* n (<= 8) blocks from block b, all at or past the extent's start */
static int xfer(struct adisk *a, int wr, uint32_t b, uint32_t n)
{
	/* The page as it is now: a fork made it copy-on-write (vm_private
	   gives us our own copy, and its capability, before the DMA). */
	if (vm_private((uint32_t)a->page, &a->ppn, &a->pcap) < 0)
		return -EIO;
	/* on the stack: Aegis reads its arguments through guaranteed mappings */
	struct aegis_disk_io io = { a->disk, b, n, wr ? a->wcap : a->rcap, a->ppn, a->pcap, 0 };
	int r = wr ? sys_disk_write(&io) : sys_disk_read(&io);
	/* a refused capability is told apart for the mount's message */
	return r == -AEGIS_EPERM ? -EACCES : r < 0 ? -EIO : 0;
}

static int adisk_io(struct bdev *bd, uint32_t sec, uint32_t n, uint8_t *buf, int wr)
{
	struct adisk *a = bd->priv;
	if (sec > bd->nsec || n > bd->nsec - sec)
		return -EIO;
	/* the table's blocks: zeros to ext2, never written */
	while (n && sec < a->start) {
		if (!wr)
			memset(buf, 0, AEGIS_DISK_BLOCK);
		sec++, n--, buf += AEGIS_DISK_BLOCK;
	}
	while (n) {
		uint32_t k = n < PER_PAGE ? n : PER_PAGE;
		size_t len = (size_t)k * AEGIS_DISK_BLOCK;
		if (wr)
			memcpy(a->page, buf, len);
		int r = xfer(a, wr, sec, k);
		if (r < 0)
			return r;
		if (!wr)
			memcpy(buf, a->page, len);
		sec += k, n -= k, buf += len;
	}
	return 0;
}

static int adisk_read(struct bdev *bd, uint32_t sec, uint32_t n, void *buf)
{
	return adisk_io(bd, sec, n, buf, 0);
}

static int adisk_write(struct bdev *bd, uint32_t sec, uint32_t n, const void *buf)
{
	return adisk_io(bd, sec, n, (uint8_t *)buf, 1);
}

int bdev_adisk_init(struct bdev *bd, unsigned disk, unsigned start, unsigned nblocks,
		    uint32_t rcap, uint32_t wcap)
{
	struct adisk *a = malloc(sizeof *a);
	uint8_t *page = memalign(VM_PAGE_SIZE, VM_PAGE_SIZE);
	int prot;
	if (!a || !page || vm_lookup((uint32_t)page, &a->ppn, &a->pcap, &prot) < 0) {
		free(a);
		free(page);
		return -ENOMEM;
	}
	a->disk = disk;
	a->start = start;
	a->rcap = rcap;
	a->wcap = wcap;
	a->page = page;
	memset(bd, 0, sizeof *bd);
	bd->secsize = AEGIS_DISK_BLOCK;
	bd->nsec = start + nblocks;
	bd->read = adisk_read;
	bd->write = adisk_write;
	bd->priv = a;
	return 0;
}

void bdev_adisk_close(struct bdev *bd)
{
	struct adisk *a = bd->priv;
	if (a) {
		free(a->page);
		free(a);
	}
	bd->priv = NULL;
}
#endif
