/*
 * prom_disk.c - the DEC PROM's disk (prom_disk.h): "boot 3/rzN" reads the
 * boot block in sector 0, checks its magic and loads the block runs its
 * map lists to load_addr, then prom.c hands over as for an ELF image; and
 * the calls a boot loader uses to read more (NetBSD/pmax's bootxx through
 * its rz.c: bootinit/bootread on a REX PROM, open/lseek/read of
 * "rz(0,N,0)" on the old jump table).
 * Sources: NetBSD sys/arch/pmax/include/dec_boot.h and sys/sys/bootblock.h
 * (the boot block: magic 0x0002757a, mode 0 contiguous with map[0] only,
 * mode 1 scattered runs ending at num_blocks 0), sys/arch/pmax/include/
 * dec_prom.h (callback 0x54 bootinit, 0x58 bootread(block, buf, bytes),
 * 0x5c bootwrite; jump-table entries 6..11 open, read, write, ioctl,
 * close, lseek), sys/arch/pmax/stand/common/rz.c (how bootxx calls them:
 * "bootinit on the TURBOchannel doesn't look at the device string", so
 * it opens the device booted from; reads are whole 512-byte blocks).
 * What DEC's firmware does with odd cases (a partial block, a read past
 * the end, a file name after "rz(0,0,0)") is not in those sources; the
 * choices here are written beside each call. The disk moves no simulated
 * time here: the PROM's own transfers are instantaneous (a real RZ26 takes
 * about 10 ms a request; docs/pmaxsim.md says so).
 */
#include <stdio.h>
#include <string.h>
#include "machine.h"
#include "prom_disk.h"
#include "scsi.h"

#define BLOCK	512u
#define CHUNK	8192u	/* bytes through the host buffer (on the stack: no writable static outside struct machine, sim/tests/multi/state-check) at a time */

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

void prom_disk_init(struct prom_disk *pd, int boot_id)
{
	memset(pd, 0, sizeof *pd);
	pd->boot_id = boot_id;
	for (int i = 0; i < PROM_DISK_FDS; i++)
		pd->fd[i].id = -1;
}

/* Copy len bytes between disk d at byte off and guest memory at va, in
   chunks. 0 or -1 (then part may have moved: a bad buffer address). */
static int transfer(struct machine *m, struct scsi_disk *d, int write, uint64_t off,
		    uint32_t va, uint32_t len)
{
	uint8_t buf[CHUNK];
	uint32_t pa;
	uint64_t size = (uint64_t)scsi_disk_blocks(d) * BLOCK;
	if (off > size || len > size - off || virt_to_phys_unmapped(va, &pa) != 0 ||
	    pa >= m->ram_size || len > m->ram_size - pa)
		return -1;	/* checked first: an error moves nothing */
	while (len) {
		uint32_t k = len < CHUNK ? len : CHUNK;
		if (write) {
			if (prom_guest_read(m, va, buf, k) != 0 || scsi_disk_pwrite(d, off, buf, k) != 0)
				return -1;
		} else if (scsi_disk_pread(d, off, buf, k) != 0 || prom_guest_write(m, va, buf, k) != 0) {
			return -1;
		}
		off += k;
		va += k;
		len -= k;
	}
	return 0;
}

int prom_disk_load(struct machine *m, unsigned id, uint32_t work_end, uint32_t *entry,
		   char *err, size_t errlen)
{
	struct scsi_disk *d = id < SCSI_MAX_DISKS ? m->scsi[id] : NULL;
	uint8_t bb[BLOCK];
	if (!d) {
		snprintf(err, errlen, "disk rz%u: no disk at SCSI id %u (give -d FILE for each id from 0)",
			 id, id);
		return -1;
	}
	if (scsi_disk_pread(d, 0, bb, BLOCK) != 0) {
		snprintf(err, errlen, "disk rz%u: cannot read sector 0", id);
		return -1;
	}
	uint32_t magic = le32(bb + DEC_BOOT_MAGIC_OFF), mode = le32(bb + 12);
	uint32_t load = le32(bb + 16), exec = le32(bb + 20);
	if (magic != DEC_BOOT_MAGIC) {
		snprintf(err, errlen, "disk rz%u: no DEC boot block (magic 0x%08x at byte 8 of "
			 "sector 0, want 0x%08x)", id, magic, DEC_BOOT_MAGIC);
		return -1;
	}
	if (mode != DEC_BOOT_CONTIGUOUS && mode != DEC_BOOT_SCATTERED) {
		snprintf(err, errlen, "disk rz%u: boot block mode %u (0 contiguous or 1 scattered)",
			 id, mode);
		return -1;
	}
	/* The runs: map[0] alone, or map[0..] up to num_blocks 0. Each is
	   checked against the disk, and the total against memory, before
	   anything is loaded. */
	uint32_t nruns = 0, total = 0, nblocks = scsi_disk_blocks(d);
	for (unsigned i = 0; i < (mode == DEC_BOOT_CONTIGUOUS ? 1u : DEC_BOOT_MAP_MAX); i++) {
		uint32_t n = le32(bb + DEC_BOOT_MAP_OFF + 8 * i);
		uint32_t start = le32(bb + DEC_BOOT_MAP_OFF + 8 * i + 4);
		if (n == 0)
			break;
		if (n > nblocks || start > nblocks - n) {
			snprintf(err, errlen, "disk rz%u: boot block run %u (%u blocks at %u) passes the "
				 "disk's end (%u blocks)", id, i, n, start, nblocks);
			return -1;
		}
		if (n > (0xffffffffu - total) / BLOCK) {
			snprintf(err, errlen, "disk rz%u: boot block maps more than 4 GB", id);
			return -1;
		}
		total += n * BLOCK;
		nruns++;
	}
	if (nruns == 0) {
		snprintf(err, errlen, "disk rz%u: boot block maps no blocks", id);
		return -1;
	}
	uint32_t pa = load - 0x80000000u;
	if (load < 0x80000000u || load >= 0xa0000000u || pa < work_end || pa >= m->ram_size ||
	    total > m->ram_size - pa) {
		snprintf(err, errlen, "disk rz%u: boot block loads %u bytes at 0x%08x: not in kseg0 "
			 "RAM between the PROM's work area (below 0x%08x) and the end of the %u MB",
			 id, total, load, 0x80000000u + work_end, m->ram_size >> 20);
		return -1;
	}
	if (exec < load || exec - load >= total) {
		snprintf(err, errlen, "disk rz%u: boot block's exec_addr 0x%08x is not in what it "
			 "loads (0x%08x..0x%08x)", id, exec, load, load + total - 1);
		return -1;
	}
	uint32_t va = load;
	for (uint32_t i = 0; i < nruns; i++) {
		uint32_t n = le32(bb + DEC_BOOT_MAP_OFF + 8 * i);
		uint32_t start = le32(bb + DEC_BOOT_MAP_OFF + 8 * i + 4);
		if (transfer(m, d, 0, (uint64_t)start * BLOCK, va, n * BLOCK) != 0) {
			snprintf(err, errlen, "disk rz%u: loading run %u failed", id, i);
			return -1;
		}
		va += n * BLOCK;
	}
	*entry = exec;
	return 0;
}

/* ---- REX calls ------------------------------------------------------- */

/* bootinit(char *dev): the device string is not looked at (NetBSD rz.c);
   the boot device must hold a disk. 0, or -1. */
uint32_t prom_disk_bootinit(struct machine *m, struct prom_disk *pd)
{
	pd->inited = pd->boot_id >= 0 && pd->boot_id < SCSI_MAX_DISKS && m->scsi[pd->boot_id];
	return pd->inited ? 0 : (uint32_t)-1;
}

/* bootread/bootwrite(int block, void *buf, int bytes): the bytes from
   block's first on; returns bytes, or -1 (before bootinit, a negative
   block or count, any byte past the disk's end, a bad buffer, a write to
   a ro: disk). A count that is not a whole number of blocks is taken as
   it is (NetBSD only asks for whole blocks). */
uint32_t prom_disk_bootrw(struct machine *m, struct prom_disk *pd, int write, const uint32_t *a)
{
	int32_t block = (int32_t)a[0], n = (int32_t)a[2];
	if (!pd->inited || block < 0 || n < 0)
		return (uint32_t)-1;
	struct scsi_disk *d = m->scsi[pd->boot_id];
	if (transfer(m, d, write, (uint64_t)block * BLOCK, a[1], (uint32_t)n) != 0)
		return (uint32_t)-1;
	return (uint32_t)n;
}

/* ---- the old jump table's files ---------------------------------------- */

/* open("rz(C,U,P)", flags): the raw disk at SCSI id U (C, controller, and
   P, partition, must be 0: no disklabel is read); a file name after the
   ')' (the DS3100 PROM's Ultrix file system) is not supported: -1. flags
   as open(2): 0 read-only, otherwise reads and writes. The lowest free
   descriptor, or -1. */
uint32_t prom_disk_open(struct machine *m, struct prom_disk *pd, const char *name, uint32_t flags)
{
	unsigned c, u, p;
	int len = 0;
	if (sscanf(name, "rz(%u,%u,%u)%n", &c, &u, &p, &len) != 3 || len == 0 || name[len] ||
	    c != 0 || p != 0 || u >= SCSI_MAX_DISKS || !m->scsi[u])
		return (uint32_t)-1;
	for (int i = 0; i < PROM_DISK_FDS; i++)
		if (pd->fd[i].id < 0) {
			pd->fd[i].id = (int)u;
			pd->fd[i].writable = (flags & 3) != 0;
			pd->fd[i].pos = 0;
			return (uint32_t)i;
		}
	return (uint32_t)-1;
}

static int fd_ok(const struct prom_disk *pd, uint32_t fd)
{
	return fd < PROM_DISK_FDS && pd->fd[fd].id >= 0;
}

/* read/write(fd, buf, n) at the file's position, which moves on. A read
   stops at the disk's end (0 there); a write past it, or on a descriptor
   opened read-only or a ro: disk, is -1. Returns the bytes moved. */
uint32_t prom_disk_rw(struct machine *m, struct prom_disk *pd, int write, const uint32_t *a)
{
	int32_t n = (int32_t)a[2];
	if (!fd_ok(pd, a[0]) || n < 0 || (write && !pd->fd[a[0]].writable))
		return (uint32_t)-1;
	struct scsi_disk *d = m->scsi[pd->fd[a[0]].id];
	uint64_t size = (uint64_t)scsi_disk_blocks(d) * BLOCK, pos = pd->fd[a[0]].pos;
	uint32_t k = (uint32_t)n;
	if (!write && (uint64_t)k > size - pos)
		k = (uint32_t)(size - pos);
	if (transfer(m, d, write, pos, a[1], k) != 0)
		return (uint32_t)-1;
	pd->fd[a[0]].pos = pos + k;
	return k;
}

/* lseek(fd, offset, whence): whence 0 from the start, 1 from here, 2 from
   the end; the new position, or -1 (before the start or past the end). */
uint32_t prom_disk_lseek(struct machine *m, struct prom_disk *pd, const uint32_t *a)
{
	if (!fd_ok(pd, a[0]) || a[2] > 2)
		return (uint32_t)-1;
	int64_t size = (int64_t)scsi_disk_blocks(m->scsi[pd->fd[a[0]].id]) * BLOCK;
	int64_t base = a[2] == 0 ? 0 : a[2] == 1 ? (int64_t)pd->fd[a[0]].pos : size;
	int64_t to = base + (int32_t)a[1];
	if (to < 0 || to > size || to > INT32_MAX)
		return (uint32_t)-1;
	pd->fd[a[0]].pos = (uint64_t)to;
	return (uint32_t)to;
}

uint32_t prom_disk_close(struct prom_disk *pd, uint32_t fd)
{
	if (!fd_ok(pd, fd))
		return (uint32_t)-1;
	pd->fd[fd].id = -1;
	return 0;
}
