/*
 * dev_scsidisk.c - a SCSI-2 direct-access disk (a DEC RZ26 as far as its
 * identity and timing go) backed by a host image file of 512-byte blocks.
 * Commands (SCSI-2, X3.131-1994; opcodes and READ(10)/READ CAPACITY
 * layouts as NetBSD's scsipi headers give them, net-disk.md 5.1): TEST UNIT
 * READY, REQUEST SENSE, INQUIRY, READ CAPACITY, READ(6)/(10),
 * WRITE(6)/(10), MODE SENSE(6) (header and block descriptor only), START
 * STOP UNIT and SYNCHRONIZE CACHE (accepted, nothing to do). Errors are
 * CHECK CONDITION with fixed-format sense data: ILLEGAL REQUEST with ASC
 * 0x20 (invalid opcode), 0x21 (LBA out of range), 0x24 (invalid field),
 * 0x25 (LUN not supported); DATA PROTECT 0x27 (write to a ro: disk).
 * No UNIT ATTENTION is reported after a reset (SCSI-2 allows a target to
 * report one; drivers here need not clear it). The disk never disconnects.
 * The image is mapped into memory: shared for a plain FILE (writes reach
 * it), private copy-on-write for tmp: (writes are lost at exit) and
 * read-only for ro:.
 * Timing (timing.c timing_disk): command overhead, seek a + b*sqrt(d)
 * fitted to the track-to-track and average seeks (the method of NetBSD
 * raidframe rf_geometry.c), rotational position from simulated time (so a
 * run is deterministic), media transfer at one track per revolution.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "scsi.h"
#include "timing.h"

#define BLOCK		512u

/* Status bytes and sense keys (SCSI-2 7.3, 8.2.14). */
#define ST_GOOD		0x00
#define ST_CHECK	0x02
#define KEY_NONE	0x0
#define KEY_ILLEGAL	0x5
#define KEY_PROTECT	0x7
#define ASC_BAD_OPCODE	0x20
#define ASC_LBA_RANGE	0x21
#define ASC_BAD_FIELD	0x24
#define ASC_BAD_LUN	0x25
#define ASC_WRITE_PROT	0x27

struct scsi_disk {
	uint8_t *data;
	size_t size;
	int readonly;
	uint32_t cyl;			/* where the heads are */
	uint8_t sense_key, sense_asc;
};

uint32_t scsi_disk_blocks(const struct scsi_disk *d) { return (uint32_t)(d->size / BLOCK); }

int scsi_disk_pread(const struct scsi_disk *d, uint64_t off, void *buf, uint32_t len)
{
	if (off > d->size || len > d->size - off)
		return -1;
	memcpy(buf, d->data + off, len);
	return 0;
}

int scsi_disk_pwrite(struct scsi_disk *d, uint64_t off, const void *buf, uint32_t len)
{
	if (d->readonly || off > d->size || len > d->size - off)
		return -1;
	memcpy(d->data + off, buf, len);
	return 0;
}

struct scsi_disk *scsi_disk_open(const char *spec, char *err, size_t errlen)
{
	int ro = 0, tmp = 0;
	const char *file = spec;
	if (!strncmp(spec, "ro:", 3)) {
		ro = 1;
		file = spec + 3;
	} else if (!strncmp(spec, "tmp:", 4)) {
		tmp = 1;
		file = spec + 4;
	}
	if (!*file) {
		snprintf(err, errlen, "-d %s: no file named", spec);
		return NULL;
	}
	struct stat st;
	if (stat(file, &st) == 0 && !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "-d: disk image %s is not a regular file", file);
		return NULL;
	}
	int fd = open(file, ro || tmp ? O_RDONLY : O_RDWR);
	if (fd < 0) {
		snprintf(err, errlen, "-d: cannot open disk image %s%s: %s", file,
			 ro || tmp || errno == ENOENT ? "" : " for writing (ro: or tmp: opens it read-only)",
			 strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "-d: disk image %s is not a regular file", file);
		close(fd);
		return NULL;
	}
	if (st.st_size == 0 || st.st_size % BLOCK || (uint64_t)st.st_size / BLOCK > 0xffffffffu) {
		snprintf(err, errlen, "-d: disk image %s is %lld bytes: not a non-zero multiple "
			 "of 512 (at most 2^32 blocks)", file, (long long)st.st_size);
		close(fd);
		return NULL;
	}
	int prot = PROT_READ | (ro ? 0 : PROT_WRITE);
	void *p = mmap(NULL, (size_t)st.st_size, prot, tmp || ro ? MAP_PRIVATE : MAP_SHARED, fd, 0);
	int e = errno;
	close(fd);
	if (p == MAP_FAILED) {
		snprintf(err, errlen, "-d: cannot map disk image %s: %s", file, strerror(e));
		return NULL;
	}
	struct scsi_disk *d = calloc(1, sizeof *d);
	if (!d) {
		munmap(p, (size_t)st.st_size);
		snprintf(err, errlen, "-d: out of memory");
		return NULL;
	}
	d->data = p;
	d->size = (size_t)st.st_size;
	d->readonly = ro;
	return d;
}

void scsi_disk_close(struct scsi_disk *d)
{
	if (!d)
		return;
	if (!d->readonly)
		msync(d->data, d->size, MS_SYNC);	/* a tmp: mapping is private: nothing goes out */
	munmap(d->data, d->size);
	free(d);
}

void scsi_disk_bus_reset(struct scsi_disk *d)
{
	d->sense_key = KEY_NONE;
	d->sense_asc = 0;
}

unsigned scsi_cdb_len(uint8_t op)
{
	switch (op >> 5) {
	case 0: return 6;
	case 1: case 2: return 10;
	case 5: return 12;
	default: return 6;	/* groups 3, 4, 6, 7: reserved or vendor; rejected as opcodes */
	}
}

/* ---- timing ------------------------------------------------------------- */

static uint64_t seek_ns(uint32_t dist)
{
	const struct timing_disk *t = &timing_disk;
	if (dist == 0)
		return 0;
	/* seek(d) = a + b*sqrt(d) through (1, track) and (cyls/3, average). */
	double third = t->cylinders / 3.0;
	double b = (t->seek_avg_us - (double)t->seek_track_us) / (sqrt(third) - 1.0);
	double a = t->seek_track_us - b;
	return (uint64_t)((a + b * sqrt((double)dist)) * 1000.0 + 0.5);
}

uint64_t scsi_disk_media_ns(struct scsi_disk *d, uint32_t lba, uint32_t n, uint64_t at_ns)
{
	const struct timing_disk *t = &timing_disk;
	uint64_t rev_ns = 60000000000ull / t->rpm;
	uint64_t sector_ns = rev_ns / t->sectors_per_track;
	uint32_t per_cyl = t->sectors_per_track * t->heads;
	uint32_t cyl = (lba / per_cyl) % t->cylinders;
	uint64_t when = at_ns + seek_ns(cyl > d->cyl ? cyl - d->cyl : d->cyl - cyl);
	/* Sector s of every track passes under the heads at s * sector_ns
	   into each revolution, revolutions counted from time 0. */
	uint64_t target = (lba % t->sectors_per_track) * sector_ns;
	uint64_t angle = when % rev_ns;
	when += (target + rev_ns - angle) % rev_ns;
	when += (uint64_t)n * sector_ns;	/* head and track switches not modelled */
	d->cyl = ((lba + (n ? n - 1 : 0)) / per_cyl) % t->cylinders;
	return when - at_ns;
}

/* ---- commands ------------------------------------------------------------ */

static void check(struct scsi_disk *d, struct scsi_cmd *c, uint8_t key, uint8_t asc)
{
	d->sense_key = key;
	d->sense_asc = asc;
	c->status = ST_CHECK;
	c->dir = SCSI_DIR_NONE;
	c->len = 0;
}

static void data_in(struct scsi_cmd *c, uint32_t avail, uint32_t alloc)
{
	c->dir = SCSI_DIR_IN;
	c->data = c->small;
	c->len = avail < alloc ? avail : alloc;
}

static void be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v;
}

static void rw(struct scsi_disk *d, struct scsi_cmd *c, int write, uint32_t lba, uint32_t n,
	       uint64_t now_ns)
{
	uint64_t blocks = scsi_disk_blocks(d);
	if ((uint64_t)lba + n > blocks) {
		check(d, c, KEY_ILLEGAL, ASC_LBA_RANGE);
		return;
	}
	if (write && d->readonly) {
		check(d, c, KEY_PROTECT, ASC_WRITE_PROT);
		return;
	}
	if (n == 0)
		return;		/* READ(10)/WRITE(10) of 0 blocks: nothing moves */
	c->dir = write ? SCSI_DIR_OUT : SCSI_DIR_IN;
	c->data = d->data + (size_t)lba * BLOCK;
	c->len = n * BLOCK;
	c->lba = lba;
	c->nblocks = n;
	c->is_write = write;
	if (!write)
		c->ns_before_data += scsi_disk_media_ns(d, lba, n, now_ns + c->ns_before_data);
}

void scsi_disk_command(struct scsi_disk *d, const uint8_t *cdb, unsigned cdblen,
		       uint64_t now_ns, struct scsi_cmd *c)
{
	memset(c, 0, offsetof(struct scsi_cmd, small));
	c->status = ST_GOOD;
	c->ns_before_data = (uint64_t)timing_disk.overhead_us * 1000u;
	uint8_t op = cdb[0];
	if (cdblen < scsi_cdb_len(op)) {
		check(d, c, KEY_ILLEGAL, ASC_BAD_FIELD);
		return;
	}
	unsigned lun = cdb[1] >> 5;
	if (op != 0x03 && op != 0x12) {
		if (lun) {
			check(d, c, KEY_ILLEGAL, ASC_BAD_LUN);
			return;
		}
		/* Any other command clears the sense of the last one. */
		d->sense_key = KEY_NONE;
		d->sense_asc = 0;
	}
	memset(c->small, 0, sizeof c->small);
	switch (op) {
	case 0x00:		/* TEST UNIT READY */
	case 0x1b:		/* START STOP UNIT: always spinning */
	case 0x35:		/* SYNCHRONIZE CACHE: no write cache */
		return;
	case 0x03:		/* REQUEST SENSE: fixed format, 18 bytes (SCSI-2 8.2.14) */
		c->small[0] = 0x70;
		c->small[2] = d->sense_key;
		c->small[7] = 10;
		c->small[12] = d->sense_asc;
		data_in(c, 18, cdb[4]);
		d->sense_key = KEY_NONE;
		d->sense_asc = 0;
		return;
	case 0x12: {		/* INQUIRY (SCSI-2 8.2.5) */
		if (cdb[1] & 3) {	/* EVPD, CmdDt: no vital product pages */
			check(d, c, KEY_ILLEGAL, ASC_BAD_FIELD);
			return;
		}
		/* The identity SIMH gives an RZ26 (vax_rzdev.h; net-disk.md 5.2). */
		c->small[0] = lun ? 0x7f : 0x00;	/* direct access; 0x7f: no such LUN */
		c->small[2] = 2;			/* SCSI-2 */
		c->small[3] = 2;			/* response data format 2 */
		c->small[4] = 31;			/* additional length: 36 bytes in all */
		memcpy(c->small + 8, "DEC     ", 8);
		memcpy(c->small + 16, "RZ26     (C) DEC", 16);
		memcpy(c->small + 32, "0700", 4);
		data_in(c, 36, cdb[4]);
		return;
	}
	case 0x25:		/* READ CAPACITY(10) */
		be32(c->small, scsi_disk_blocks(d) - 1);
		be32(c->small + 4, BLOCK);
		data_in(c, 8, 8);
		return;
	case 0x1a: {		/* MODE SENSE(6): header + one block descriptor */
		c->small[0] = 11;			/* mode data length after this byte */
		c->small[2] = d->readonly ? 0x80 : 0;	/* WP */
		c->small[3] = 8;			/* block descriptor length */
		be32(c->small + 4, scsi_disk_blocks(d) & 0x00ffffffu);
		be32(c->small + 8, BLOCK);
		data_in(c, 12, cdb[4]);
		return;
	}
	case 0x08: case 0x0a: {	/* READ(6), WRITE(6): 21-bit LBA, 0 = 256 blocks */
		uint32_t lba = (uint32_t)(cdb[1] & 0x1f) << 16 | (uint32_t)cdb[2] << 8 | cdb[3];
		rw(d, c, op == 0x0a, lba, cdb[4] ? cdb[4] : 256, now_ns);
		return;
	}
	case 0x28: case 0x2a: {	/* READ(10), WRITE(10) */
		uint32_t lba = (uint32_t)cdb[2] << 24 | (uint32_t)cdb[3] << 16 |
			       (uint32_t)cdb[4] << 8 | cdb[5];
		rw(d, c, op == 0x2a, lba, (uint32_t)cdb[7] << 8 | cdb[8], now_ns);
		return;
	}
	default:
		check(d, c, KEY_ILLEGAL, ASC_BAD_OPCODE);
		return;
	}
}
