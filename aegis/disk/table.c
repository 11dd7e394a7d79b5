/*
 * disk/table.c - checking the ownership table read from a disk before
 * Aegis trusts it (a table that fails is as if there were none: the
 * disk is not used until diskinit formats it), and sealing one to write.
 */
#include "table.h"

/* The words from magic to the end: the boot block is not Aegis's and
   may change under it (a new boot block written on the host). */
static uint32_t sum(const struct disk_table *t)
{
	const uint32_t *w = (const uint32_t *)((const uint8_t *)t + AEGIS_DISK_BOOT_BYTES);
	uint32_t s = 0;
	for (unsigned i = 0; i < (sizeof *t - AEGIS_DISK_BOOT_BYTES) / 4; i++)
		s += w[i];
	return s;
}

void disk_table_seal(struct disk_table *t)
{
	t->checksum = 0;
	t->checksum = -sum(t);
}

int disk_table_valid(const struct disk_table *t, uint32_t nblocks)
{
	/* t->nblocks may differ from today's capacity (GXemul rounds an
	   image up to its geometry, pmaxsim does not): every extent must fit. */
	if (t->magic != DISK_TABLE_MAGIC || t->version != DISK_TABLE_VERSION ||
	    t->nextents > AEGIS_DISK_MAX_EXTENTS || sum(t) != 0)
		return 0;
	uint32_t next = AEGIS_DISK_TABLE_BLOCKS;	/* extents sorted, disjoint */
	for (uint32_t i = 0; i < t->nextents; i++) {
		const struct disk_extent *x = &t->ext[i];
		if (x->nblocks == 0 || x->start < next || x->start + x->nblocks < x->start ||
		    x->start + x->nblocks > nblocks)
			return 0;
		next = x->start + x->nblocks;
	}
	return 1;
}
