/*
 * aegis/disk.h - the disk's part of the ABI: SCSI disks whose 512-byte
 * blocks environments own in extents, as they own pages (the model of
 * Xok's PXN + sys_disk_request, net-disk.md 10). Aegis knows nothing of
 * files: it records who may read and write which blocks, on the disk
 * itself, and moves blocks between the disk and pages by DMA after
 * checking both. The calls are in <aegis/syscall.h> (SYS_disk_info ...).
 *
 * Capabilities: an extent gets a read and a write capability from the
 * environment allocating it (chosen by the library OS, self-
 * authenticating, as pages' SYS_alloc). Reading needs either; writing,
 * freeing and SYS_disk_setcap need the write capability. The capabilities, not an
 * environment, own the blocks: an extent outlives the environment that
 * allocated it and every reboot (persistent data must), and whoever holds
 * its write capability may free it.
 *
 * Memory: a transfer names a physical page by number with a capability
 * for it (pages from SYS_alloc): reading from the disk into a page needs
 * the page's write capability, writing a page to the disk its read (or
 * write) capability. The blocks of one call lie within one page
 * (offset + nblocks * 512 <= 4096) and within one extent.
 *
 * The ownership table: Aegis keeps it in the disk's first
 * AEGIS_DISK_TABLE_BLOCKS blocks (ext2 leaves its first 1024 bytes to a
 * boot loader, so an ext2 image made by mke2fs can sit on the whole disk
 * with its file system in the extent [2, end)). The first
 * AEGIS_DISK_BOOT_BYTES bytes of block 0 are the DEC PROM's boot block
 * (NetBSD/pmax dec_boot.h: magic, load and start address, a map of the
 * blocks to load), not Aegis's: the table starts after them, as NetBSD's
 * disklabel does at sector 0 offset 64, and Aegis writes those bytes back
 * as it read them (tools/mkbootdisk writes them). A disk without a valid
 * table is not used (SYS_disk_alloc -AEGIS_ENOENT) until the boot word
 * diskinit=N (disk N, from 0) writes an empty one; Aegis never formats
 * a disk unasked. Each alloc, free and setcap writes the table through
 * before the call returns.
 *
 * Adopting a disk made on the host (mke2fs -d): boot once with
 * diskinit=0, allocate blocks 2-3 to read ext2's superblock, free them,
 * allocate [2, the file system's end) with the library OS's own
 * capabilities (aegis/tests/user/disktest.c phase 5 does exactly this).
 * Aegis does not zero blocks on allocation: that is what lets an image's
 * data be adopted, and it means an extent holds what its last owner left.
 */
#ifndef AEGIS_DISK_H
#define AEGIS_DISK_H

#define AEGIS_DISK_BLOCK	512u
#define AEGIS_DISK_TABLE_BLOCKS	2u	/* blocks 0 and 1 are the table */
#define AEGIS_DISK_BOOT_BYTES	64u	/* block 0's DEC boot block */
#define AEGIS_DISK_MAX_EXTENTS	58u	/* extents one table holds */
#define AEGIS_DISK_MAX		7u	/* SCSI ids 0..6 (7 is the host) */

/* SYS_disk_info(n, out): disk n (from 0; -AEGIS_ENOENT past the last). */
struct aegis_diskinfo {
	unsigned scsi_id;
	unsigned block_size;	/* always AEGIS_DISK_BLOCK */
	unsigned nblocks;	/* capacity */
	unsigned formatted;	/* 1: it has an ownership table */
	unsigned nextents;	/* extents allocated */
	unsigned free_blocks;	/* blocks in no extent (beyond the table) */
	char vendor[9], product[17];
	char pad[2];
};

/* SYS_disk_alloc(const struct aegis_disk_extent *x): blocks
   [start, start + nblocks) of disk become an extent with capabilities
   rcap and wcap. -AEGIS_EINVAL: no such disk, nblocks 0, the range
   reaches the table or past the disk's end; -AEGIS_EBUSY: it overlaps an
   extent; -AEGIS_ELIMIT: the table is full; -AEGIS_ENOENT: the disk has
   no table; -AEGIS_EIO: the table could not be written (nothing
   changed). SYS_disk_extent(disk, i, out) lists extents (caps read 0). */
struct aegis_disk_extent {
	unsigned disk;
	unsigned start, nblocks;
	unsigned rcap, wcap;
};

/* SYS_disk_read / SYS_disk_write(const struct aegis_disk_io *io).
   -AEGIS_EINVAL: a bad disk, count or offset, or blocks not all in one
   extent; -AEGIS_EPERM: cap does not allow it on that extent;
   -AEGIS_EFAULT: page_cap does not allow it on the page ppn;
   -AEGIS_EIO: the disk failed (the page may hold part of the data). */
struct aegis_disk_io {
	unsigned disk;
	unsigned block, nblocks;	/* 1..8 */
	unsigned cap;			/* the extent's capability */
	unsigned ppn;			/* the page */
	unsigned page_cap;
	unsigned offset;		/* bytes into the page, a multiple of 512 */
};

/* (Added.) SYS_disk_readv / SYS_disk_writev(const struct aegis_disk_iov *io):
   nblocks contiguous blocks (1 .. 8 * AEGIS_DISK_IOV_PAGES, within one
   extent) in ONE SCSI command, to or from a list of pages: blocks fill
   page[0] from its start, then page[1], ..., eight to a page, the last
   page partly if nblocks is not a multiple of 8; npages must be exactly
   (nblocks + 7) / 8. A document group or a readahead is one command,
   one seek and one rotational wait, where one call per page misses a
   revolution between pages (docs/disk.md). Everything is checked before
   the disk is touched: the disk, the counts, the extent and cap as
   SYS_disk_read does, and every page's capability (-AEGIS_EFAULT if any
   one does not allow the transfer: nothing read or written). Errors as
   SYS_disk_read's; -AEGIS_EIO may leave the pages partly written. */
#define AEGIS_DISK_IOV_PAGES	16u
struct aegis_disk_iov_page {
	unsigned ppn;
	unsigned page_cap;
};
struct aegis_disk_iov {
	unsigned disk;
	unsigned block, nblocks;	/* 1 .. 8 * AEGIS_DISK_IOV_PAGES */
	unsigned cap;			/* the extent's capability */
	unsigned npages;		/* (nblocks + 7) / 8 */
	struct aegis_disk_iov_page page[AEGIS_DISK_IOV_PAGES];
};

#endif
