/*
 * disk/disk.c - the disks as Aegis multiplexes them (docs/aegis.md,
 * "Disks"): which SCSI ids hold disks, each disk's ownership table (a
 * copy in memory, written through to the disk on every change), and the
 * system calls that allocate and free extents and move blocks by DMA
 * between a disk and a page after checking the extent's capability and
 * the page's. Nothing of files: the library OS lays out its blocks.
 */
#include "disk.h"
#include "asc.h"
#include "scsi.h"
#include "table.h"
#include "../env.h"
#include "../kernel.h"
#include "../mem.h"
#include "../platform.h"
#include "mips.h"
#include <aegis/disk.h>
#include <aegis/syscall.h>

struct disk {
	int id;
	uint32_t nblocks;
	int formatted;
	struct scsi_ident ident;
	struct disk_table table;	/* the copy of the disk's table */
};

static struct disk disks[AEGIS_DISK_MAX];
static unsigned ndisks;
static struct disk_stats stats;

/* The table's blocks travel through this buffer (aligned for DMA, one
   page). */
static struct disk_table tbuf __attribute__((aligned(1024)));

static uint32_t pa_of(const void *kseg0) { return (uint32_t)kseg0 - KSEG0_BASE; }

/* Freed blocks are overwritten with zeros from this page before the
   table lets them go, so that the next owner of the blocks never reads
   the last one's data (as pages are zeroed). Zeros first, then the
   table: a crash between the two leaves the extent owned and zeroed,
   never free with its data. */
static uint8_t zeros[4096] __attribute__((aligned(4096)));

static int scrub(struct disk *d, uint32_t start, uint32_t nblocks)
{
	for (uint32_t b = start; b < start + nblocks;) {
		uint32_t k = start + nblocks - b < 8 ? start + nblocks - b : 8;
		uint8_t key = 0;
		int r = scsi_rw(d->id, 1, b, k, pa_of(zeros), &key);
		if (r != SCSI_OK) {
			kprintf("disk: id %d: scrubbing %u at %u failed (%d, sense key %u)\n",
				d->id, (unsigned)k, (unsigned)b, r, key);
			return r;
		}
		b += k;
	}
	return SCSI_OK;
}

static int table_io(struct disk *d, int write)
{
	uint8_t key = 0;
	int r = scsi_rw(d->id, write, 0, AEGIS_DISK_TABLE_BLOCKS, pa_of(&tbuf), &key);
	if (r != SCSI_OK)
		kprintf("disk: id %d: table %s failed (%d, sense key %u)\n", d->id,
			write ? "write" : "read", r, key);
	return r;
}

/* Write t to the disk; the copy in memory changes only if that worked. */
static int table_commit(struct disk *d, const struct disk_table *t)
{
	kmemcpy(&tbuf, t, sizeof tbuf);
	tbuf.generation++;
	disk_table_seal(&tbuf);
	if (table_io(d, 1) != SCSI_OK)
		return -1;
	kmemcpy(&d->table, &tbuf, sizeof tbuf);
	return 0;
}

/* An empty table; block 0's boot block is read again and kept as it is
   (diskinit must not take a bootable disk's boot block away). */
static void format(struct disk *d)
{
	struct disk_table t;
	kmemset(&t, 0, sizeof t);
	if (table_io(d, 0) != SCSI_OK) {
		kprintf("disk: id %d: diskinit: block 0 unreadable, not formatted\n", d->id);
		return;
	}
	kmemcpy(t.dec_boot, tbuf.dec_boot, sizeof t.dec_boot);
	t.magic = DISK_TABLE_MAGIC;
	t.version = DISK_TABLE_VERSION;
	t.nblocks = d->nblocks;
	if (table_commit(d, &t) == 0) {
		d->formatted = 1;
		kprintf("disk: id %d: diskinit wrote an empty ownership table\n", d->id);
	}
}

void disk_init(void)
{
	ndisks = 0;
	if (asc_init() != 0)
		return;
	const char *init = boot_arg_value("diskinit=");
	int init_done = 0;
	for (int id = 0; id < (int)AEGIS_DISK_MAX; id++) {
		struct disk *d = &disks[ndisks];
		uint32_t bl;
		kmemset(d, 0, sizeof *d);
		d->id = id;
		int r = scsi_inquiry(id, &d->ident);
		if (r == SCSI_ENODEV)
			continue;		/* selection timeout: no target */
		if (r != SCSI_OK || d->ident.type != 0) {
			kprintf("disk: id %d: not a disk (%d, type %u)\n", id, r, d->ident.type);
			continue;
		}
		if (scsi_read_capacity(id, &d->nblocks, &bl) != SCSI_OK || bl != AEGIS_DISK_BLOCK ||
		    d->nblocks <= AEGIS_DISK_TABLE_BLOCKS) {
			kprintf("disk: id %d: capacity unusable\n", id);
			continue;
		}
		if (table_io(d, 0) == SCSI_OK && disk_table_valid(&tbuf, d->nblocks)) {
			kmemcpy(&d->table, &tbuf, sizeof tbuf);
			d->formatted = 1;
		}
		unsigned n = ndisks++;
		if (init && init[0] == (char)('0' + n) && init[1] == 0) {
			format(d);
			init_done = 1;
		}
		kprintf("disk %u: SCSI id %d, %s %s, %u blocks, %s\n", n, id, d->ident.vendor,
			d->ident.product, (unsigned)d->nblocks,
			d->formatted ? "ownership table read" : "no ownership table (boot with diskinit=N)");
	}
	if (init && !init_done)
		kprintf("disk: diskinit=%s names no disk (0..%u): nothing formatted\n", init,
			ndisks ? ndisks - 1 : 0);
}

unsigned disk_count(void) { return ndisks; }

void disk_get_stats(struct disk_stats *out) { *out = stats; }

static struct disk *disk_of(uint32_t n)
{
	return n < ndisks ? &disks[n] : NULL;
}

int32_t sys_disk_info(uint32_t n, uint32_t out_va, uint32_t a2, uint32_t a3)
{
	(void)a2, (void)a3;
	struct disk *d = disk_of(n);
	if (!d)
		return -AEGIS_ENOENT;
	struct aegis_diskinfo info;
	kmemset(&info, 0, sizeof info);
	info.scsi_id = (unsigned)d->id;
	info.block_size = AEGIS_DISK_BLOCK;
	info.nblocks = d->nblocks;
	info.formatted = (unsigned)d->formatted;
	if (d->formatted) {
		uint32_t used = 0;
		info.nextents = d->table.nextents;
		for (uint32_t i = 0; i < d->table.nextents; i++)
			used += d->table.ext[i].nblocks;
		info.free_blocks = d->nblocks - AEGIS_DISK_TABLE_BLOCKS - used;
	}
	kmemcpy(info.vendor, d->ident.vendor, sizeof info.vendor);
	kmemcpy(info.product, d->ident.product, sizeof info.product);
	return copyout(curenv, out_va, &info, sizeof info) == 0 ? 0 : -AEGIS_EFAULT;
}

int32_t sys_disk_extent(uint32_t n, uint32_t i, uint32_t out_va, uint32_t a3)
{
	(void)a3;
	struct disk *d = disk_of(n);
	if (!d || !d->formatted || i >= d->table.nextents)
		return -AEGIS_ENOENT;
	struct aegis_disk_extent x = { n, d->table.ext[i].start, d->table.ext[i].nblocks, 0, 0 };
	return copyout(curenv, out_va, &x, sizeof x) == 0 ? 0 : -AEGIS_EFAULT;
}

int32_t sys_disk_alloc(uint32_t x_va, uint32_t a1, uint32_t a2, uint32_t a3)
{
	(void)a1, (void)a2, (void)a3;
	struct aegis_disk_extent x;
	if (copyin(curenv, &x, x_va, sizeof x) != 0)
		return -AEGIS_EFAULT;
	struct disk *d = disk_of(x.disk);
	if (!d)
		return -AEGIS_EINVAL;
	if (!d->formatted)
		return -AEGIS_ENOENT;
	if (x.nblocks == 0 || x.start < AEGIS_DISK_TABLE_BLOCKS || x.start > d->nblocks ||
	    x.nblocks > d->nblocks - x.start)
		return -AEGIS_EINVAL;
	struct disk_table *t = &d->table;
	uint32_t at = 0;	/* where it goes, keeping the extents sorted */
	for (uint32_t i = 0; i < t->nextents; i++) {
		const struct disk_extent *e = &t->ext[i];
		if (x.start < e->start + e->nblocks && e->start < x.start + x.nblocks)
			return -AEGIS_EBUSY;
		if (e->start < x.start)
			at = i + 1;
	}
	if (t->nextents == AEGIS_DISK_MAX_EXTENTS)
		return -AEGIS_ELIMIT;
	static struct disk_table nt;
	kmemcpy(&nt, t, sizeof nt);
	for (uint32_t i = nt.nextents; i > at; i--)
		nt.ext[i] = nt.ext[i - 1];
	nt.ext[at] = (struct disk_extent){ x.start, x.nblocks, x.rcap, x.wcap };
	nt.nextents++;
	return table_commit(d, &nt) == 0 ? 0 : -AEGIS_EIO;
}

int32_t sys_disk_free(uint32_t n, uint32_t start, uint32_t wcap, uint32_t a3)
{
	(void)a3;
	struct disk *d = disk_of(n);
	if (!d || !d->formatted)
		return -AEGIS_EINVAL;
	struct disk_table *t = &d->table;
	for (uint32_t i = 0; i < t->nextents; i++) {
		if (t->ext[i].start != start)
			continue;
		if (t->ext[i].wcap != wcap)
			return -AEGIS_EPERM;
		if (scrub(d, t->ext[i].start, t->ext[i].nblocks) != SCSI_OK)
			return -AEGIS_EIO;	/* still the caller's */
		static struct disk_table nt;
		kmemcpy(&nt, t, sizeof nt);
		for (uint32_t k = i; k + 1 < nt.nextents; k++)
			nt.ext[k] = nt.ext[k + 1];
		nt.nextents--;
		kmemset(&nt.ext[nt.nextents], 0, sizeof nt.ext[0]);
		return table_commit(d, &nt) == 0 ? 0 : -AEGIS_EIO;
	}
	return -AEGIS_EINVAL;
}

int32_t sys_disk_setcap(uint32_t x_va, uint32_t old_wcap, uint32_t a2, uint32_t a3)
{
	(void)a2, (void)a3;
	struct aegis_disk_extent x;
	if (copyin(curenv, &x, x_va, sizeof x) != 0)
		return -AEGIS_EFAULT;
	struct disk *d = disk_of(x.disk);
	if (!d || !d->formatted)
		return -AEGIS_EINVAL;
	for (uint32_t i = 0; i < d->table.nextents; i++) {
		if (d->table.ext[i].start != x.start)
			continue;
		if (d->table.ext[i].nblocks != x.nblocks)
			return -AEGIS_EINVAL;	/* no splitting: the whole extent */
		if (d->table.ext[i].wcap != old_wcap)
			return -AEGIS_EPERM;
		static struct disk_table nt;
		kmemcpy(&nt, &d->table, sizeof nt);
		nt.ext[i].rcap = x.rcap;
		nt.ext[i].wcap = x.wcap;
		return table_commit(d, &nt) == 0 ? 0 : -AEGIS_EIO;
	}
	return -AEGIS_EINVAL;
}

/* Blocks [block, block + nblocks) of d all in one extent that cap lets
   the caller read (or write): 0, -AEGIS_EINVAL or -AEGIS_EPERM. */
static int32_t extent_allows(const struct disk *d, uint32_t block, uint32_t nblocks, uint32_t cap, int write)
{
	const struct disk_extent *e = NULL;
	for (uint32_t i = 0; i < d->table.nextents; i++) {
		const struct disk_extent *x = &d->table.ext[i];
		if (block >= x->start && block - x->start < x->nblocks) {
			e = x;
			break;
		}
	}
	if (!e || nblocks > e->nblocks - (block - e->start))
		return -AEGIS_EINVAL;	/* not within one extent */
	if (write ? cap != e->wcap : (cap != e->rcap && cap != e->wcap))
		return -AEGIS_EPERM;
	return 0;
}

/* The SCSI command, timed and counted; its failure said on the console. */
_Static_assert(ASC_MAX_SEGS == AEGIS_DISK_IOV_PAGES, "a list of pages is one command's pieces");

static int32_t run_rw(struct disk *d, int write, uint32_t block, uint32_t nblocks, const uint32_t *ppn,
		      unsigned npages, uint32_t offset)
{
	uint8_t key = 0;
	uint64_t t0 = platform_time(), w0 = asc_waited();
	int r = npages ? scsi_rwv(d->id, write, block, nblocks, ppn, npages, &key)
		       : scsi_rw(d->id, write, block, nblocks, (ppn[0] << PAGE_SHIFT) + offset, &key);
	stats.time += platform_time() - t0;
	stats.waited += asc_waited() - w0;
	stats.requests++;
	if (r != SCSI_OK) {
		kprintf("disk: id %d: %s of %u at %u failed (%d, sense key %u)\n", d->id,
			write ? "write" : "read", nblocks, block, r, key);
		return -AEGIS_EIO;
	}
	return 0;
}

/* A read (from the disk into a page) or a write, after every check. */
static int32_t transfer(uint32_t io_va, int write)
{
	struct aegis_disk_io io;
	if (copyin(curenv, &io, io_va, sizeof io) != 0)
		return -AEGIS_EFAULT;
	struct disk *d = disk_of(io.disk);
	if (!d || !d->formatted || io.nblocks == 0 || io.nblocks > PAGE_SIZE / AEGIS_DISK_BLOCK ||
	    io.offset % AEGIS_DISK_BLOCK || io.offset > PAGE_SIZE - io.nblocks * AEGIS_DISK_BLOCK)
		return -AEGIS_EINVAL;
	int32_t r = extent_allows(d, io.block, io.nblocks, io.cap, write);
	if (r < 0)
		return r;
	/* The page: a disk read writes it. */
	if (!page_cap_allows(io.ppn, io.page_cap, !write))
		return -AEGIS_EFAULT;
	uint32_t ppn = io.ppn;
	return run_rw(d, write, io.block, io.nblocks, &ppn, 0, io.offset);
}

/* The same over a list of pages, one SCSI command: every page checked
   before the disk is touched. */
static int32_t transfer_v(uint32_t io_va, int write)
{
	static struct aegis_disk_iov io;	/* (one call at a time: no kernel threads) */
	if (copyin(curenv, &io, io_va, sizeof io) != 0)
		return -AEGIS_EFAULT;
	struct disk *d = disk_of(io.disk);
	if (!d || !d->formatted || io.nblocks == 0 ||
	    io.nblocks > AEGIS_DISK_IOV_PAGES * (PAGE_SIZE / AEGIS_DISK_BLOCK) ||
	    io.npages != (io.nblocks + 7) / 8)
		return -AEGIS_EINVAL;
	int32_t r = extent_allows(d, io.block, io.nblocks, io.cap, write);
	if (r < 0)
		return r;
	uint32_t ppn[AEGIS_DISK_IOV_PAGES];
	for (uint32_t i = 0; i < io.npages; i++) {
		if (!page_cap_allows(io.page[i].ppn, io.page[i].page_cap, !write))
			return -AEGIS_EFAULT;
		ppn[i] = io.page[i].ppn;
	}
	return run_rw(d, write, io.block, io.nblocks, ppn, io.npages, 0);
}

int32_t sys_disk_read(uint32_t io_va, uint32_t a1, uint32_t a2, uint32_t a3)
{
	(void)a1, (void)a2, (void)a3;
	return transfer(io_va, 0);
}

int32_t sys_disk_write(uint32_t io_va, uint32_t a1, uint32_t a2, uint32_t a3)
{
	(void)a1, (void)a2, (void)a3;
	return transfer(io_va, 1);
}

int32_t sys_disk_readv(uint32_t io_va, uint32_t a1, uint32_t a2, uint32_t a3)
{
	(void)a1, (void)a2, (void)a3;
	return transfer_v(io_va, 0);
}

int32_t sys_disk_writev(uint32_t io_va, uint32_t a1, uint32_t a2, uint32_t a3)
{
	(void)a1, (void)a2, (void)a3;
	return transfer_v(io_va, 1);
}

#ifdef AEGIS_DEBUG_INVARIANTS
/* Disk n's table for the invariant checker (aegis/invariants.c): NULL
   past the last disk or for one without a table. */
struct disk_table *disk_inv_table(unsigned n, uint32_t *nblocks)
{
	if (n >= ndisks || !disks[n].formatted)
		return NULL;
	*nblocks = disks[n].nblocks;
	return &disks[n].table;
}
#endif
