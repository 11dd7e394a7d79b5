/*
 * disk/table.h - the ownership table's layout on the disk (table.c reads
 * and writes it): AEGIS_DISK_TABLE_BLOCKS blocks from block 0, 32-bit
 * little-endian words (the DECstation's order). Header, then extents.
 */
#ifndef AEGIS_DISK_TABLE_H
#define AEGIS_DISK_TABLE_H

#include <stdint.h>
#include <aegis/disk.h>

#define DISK_TABLE_MAGIC	0x4b534441u	/* "ADSK" read as bytes */
#define DISK_TABLE_VERSION	1u

struct disk_extent {
	uint32_t start, nblocks, rcap, wcap;
};

struct disk_table {
	uint32_t magic, version;
	uint32_t nblocks;	/* the disk's capacity when formatted */
	uint32_t nextents;
	uint32_t generation;	/* counts writes (a debugging aid) */
	uint32_t checksum;	/* makes the sum of all 256 words 0 */
	uint32_t reserved[2];
	struct disk_extent ext[AEGIS_DISK_MAX_EXTENTS];
};
_Static_assert(sizeof(struct disk_table) == AEGIS_DISK_TABLE_BLOCKS * AEGIS_DISK_BLOCK,
	       "the table fills its blocks");

/* Is t a table for a disk of nblocks blocks (magic, version, checksum,
   extents within nblocks, sorted and apart)? */
int disk_table_valid(const struct disk_table *t, uint32_t nblocks);
void disk_table_seal(struct disk_table *t);	/* sets the checksum */

#endif
