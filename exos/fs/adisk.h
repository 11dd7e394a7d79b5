/*
 * exos/fs/adisk.h - ExOS's file system on Aegis's disk: the block device
 * over SYS_disk_read/write (bdev_adisk.c), and the convention by which
 * every ExOS program finds the same file system (automount.c).
 *
 * The convention: ExOS's file system is an ext2 image on disk 0 whose
 * extent starts at block 2 (blocks 0-1 are Aegis's ownership table,
 * inside the 1024 bytes ext2 leaves to a boot loader), so fs sector n is
 * disk block n. The extent's capabilities are ExOS's: EXOS_FS_RCAP and
 * EXOS_FS_WCAP below, or the boot word fscap=RCAP:WCAP (hex). As with
 * pages, the capabilities are the protection: any environment that knows
 * them may read and write the file system; one that does not is refused
 * by Aegis, block by block.
 */
#ifndef EXOS_FS_ADISK_H
#define EXOS_FS_ADISK_H

#include <stdint.h>
#include "bdev.h"
#include "fs.h"

#define EXOS_FS_RCAP	0xe2f50001u	/* ExOS's default read capability */
#define EXOS_FS_WCAP	0xe2f50002u	/* and write capability */
#define EXOS_FS_DISK	0u		/* the disk it lives on */
#define EXOS_FS_START	2u		/* its extent's first block */

#ifdef __mips__
/* A block device of 512-byte sectors over blocks [0, start + nblocks) of
   Aegis's disk, of which [start, start + nblocks) is an extent with the
   capabilities rcap and wcap: sector n is disk block n. Sectors below
   start (the ownership table) read as zeros and are not written (ext2
   keeps nothing there; with 2 or 4 KB blocks its block 0 covers them).
   Transfers go through one page of the heap, 8 blocks per call.
   0, or -ENOMEM (no page). Reads and writes: 0, -EACCES (Aegis refused
   the capability) or -EIO. bdev_adisk_close frees the page. */
int bdev_adisk_init(struct bdev *bd, unsigned disk, unsigned start, unsigned nblocks,
		    uint32_t rcap, uint32_t wcap);
void bdev_adisk_close(struct bdev *bd);

/* The capabilities in force: fscap=RCAP:WCAP, else the defaults. A
   malformed word gives -EINVAL (and the defaults are not used). */
int exos_fs_caps(uint32_t *rcap, uint32_t *wcap);

/* Find and mount ExOS's file system (automount.c): disk 0's extent at
   block 2 if there is one, else blocks from 2 that no extent holds are
   allocated to ExOS's capabilities (adopting an image mke2fs made) and
   mounted. Write-through (the crash-safe order of docs/exos.md); on a
   disk that refuses writes (pmaxsim's ro:), read-only, said so. NULL
   when there is none: silently without a disk, with one line on stderr
   for a disk ExOS cannot use (no table, refused capabilities, no ext2). */
struct fs *exos_fs_automount(void);
#endif

#endif
