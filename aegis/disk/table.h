/*
 * disk/table.h - the ownership table's layout on the disk (table.c reads
 * and writes it): AEGIS_DISK_TABLE_BLOCKS blocks from block 0, 32-bit
 * little-endian words (the DECstation's order). The DEC boot block's 64
 * bytes, then the header, then extents. Version 2 moved the header to
 * byte 64 (version 1 began at byte 0 and held 62 extents) so that the
 * PROM's boot block and the table share block 0 (tools/aegisdisk.py is
 * the same layout in python).
 */
#ifndef AEGIS_DISK_TABLE_H
#define AEGIS_DISK_TABLE_H

#include <stdint.h>
#include <aegis/disk.h>

#define DISK_TABLE_MAGIC	0x4b534441u	/* "ADSK" read as bytes */
#define DISK_TABLE_VERSION	2u

struct disk_extent {
	uint32_t start, nblocks, rcap, wcap;
};

/* Invariant [disk] (aegis/invariants.c): a formatted disk's table in
   memory is always valid (disk_table_valid): the checksum holds, the
   extents are sorted, apart, past the table's blocks and within the
   disk, so every block has at most one extent, and every extent one
   pair of capabilities (its owner). */
struct disk_table {
	/* Not Aegis's: the PROM's boot block (or whatever a boot loader
	   keeps there), written back unchanged, outside the checksum. */
	uint8_t dec_boot[AEGIS_DISK_BOOT_BYTES];
	uint32_t magic, version;
	uint32_t nblocks;	/* the disk's capacity when formatted */
	uint32_t nextents;
	uint32_t generation;	/* counts writes (a debugging aid) */
	uint32_t checksum;	/* makes the sum of the 240 words from magic on 0 */
	uint32_t reserved[2];
	struct disk_extent ext[AEGIS_DISK_MAX_EXTENTS];
};
_Static_assert(sizeof(struct disk_table) == AEGIS_DISK_TABLE_BLOCKS * AEGIS_DISK_BLOCK,
	       "the table fills its blocks");

/* Is t a table for a disk of nblocks blocks (magic, version, checksum,
   extents within nblocks, sorted and apart)? dec_boot is not looked at. */
int disk_table_valid(const struct disk_table *t, uint32_t nblocks);
void disk_table_seal(struct disk_table *t);	/* sets the checksum */

#endif
