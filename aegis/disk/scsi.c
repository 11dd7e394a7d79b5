/*
 * disk/scsi.c - SCSI-2 commands for direct-access devices (disks), built
 * as the SCSI-2 standard lays out their CDBs and data (net-disk.md 5.1;
 * NetBSD scsipi_disk.h for READ(10) and READ CAPACITY): INQUIRY, READ
 * CAPACITY, READ(10), WRITE(10); a CHECK CONDITION is followed by
 * REQUEST SENSE, whose sense key (byte 2, bits 3:0) is handed back.
 */
#include "scsi.h"
#include "asc.h"
#include "../kernel.h"
#include "mips.h"

/* Small data-in replies land here (aligned for the IOASIC's DMA, and
   within one page). */
static uint8_t reply[64] __attribute__((aligned(64)));

static uint32_t pa_of(const void *kseg0) { return (uint32_t)kseg0 - KSEG0_BASE; }

static int request_sense(int id, uint8_t *key)
{
	uint8_t cdb[6] = { 0x03, 0, 0, 0, 18, 0 };
	uint32_t got;
	kmemset(reply, 0, sizeof reply);
	int st = asc_command(id, cdb, 6, pa_of(reply), 18, 1, &got);
	if (st != 0 || got < 3)
		return SCSI_EIO;
	*key = reply[2] & 0x0f;
	return SCSI_ESENSE;
}

/* A command's status byte or transport failure as a SCSI_* result. */
static int finish(int id, int st, uint8_t *key)
{
	uint8_t dummy;
	if (st == ASC_ENODEV)
		return SCSI_ENODEV;
	if (st < 0)
		return SCSI_EIO;
	if (st == 0x02)
		return request_sense(id, key ? key : &dummy);
	return st == 0 ? SCSI_OK : SCSI_EIO;
}

int scsi_inquiry(int id, struct scsi_ident *out)
{
	uint8_t cdb[6] = { 0x12, 0, 0, 0, 36, 0 };
	uint32_t got;
	kmemset(reply, 0, sizeof reply);
	int r = finish(id, asc_command(id, cdb, 6, pa_of(reply), 36, 1, &got), NULL);
	if (r != SCSI_OK)
		return r;
	if (got < 5)
		return SCSI_EIO;
	out->type = reply[0] & 0x1f;
	kmemcpy(out->vendor, reply + 8, 8);
	out->vendor[8] = 0;
	kmemcpy(out->product, reply + 16, 16);
	out->product[16] = 0;
	return SCSI_OK;
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

int scsi_read_capacity(int id, uint32_t *nblocks, uint32_t *block_len)
{
	uint8_t cdb[10] = { 0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
	uint32_t got;
	kmemset(reply, 0, sizeof reply);
	int r = finish(id, asc_command(id, cdb, 10, pa_of(reply), 8, 1, &got), NULL);
	if (r != SCSI_OK)
		return r;
	if (got < 8)
		return SCSI_EIO;
	*nblocks = be32(reply) + 1;
	*block_len = be32(reply + 4);
	return SCSI_OK;
}

static void rw_cdb(uint8_t cdb[10], int write, uint32_t lba, uint32_t nblocks)
{
	cdb[0] = write ? 0x2a : 0x28;
	cdb[1] = 0;
	cdb[2] = (uint8_t)(lba >> 24);
	cdb[3] = (uint8_t)(lba >> 16);
	cdb[4] = (uint8_t)(lba >> 8);
	cdb[5] = (uint8_t)lba;
	cdb[6] = 0;
	cdb[7] = (uint8_t)(nblocks >> 8);
	cdb[8] = (uint8_t)nblocks;
	cdb[9] = 0;
}

int scsi_rwv(int id, int write, uint32_t lba, uint32_t nblocks, const uint32_t *ppn,
	     unsigned npages, uint8_t *sense_key)
{
	struct asc_seg seg[ASC_MAX_SEGS];
	if (nblocks == 0 || npages == 0 || npages > ASC_MAX_SEGS || (nblocks + 7) / 8 != npages)
		return SCSI_EIO;
	for (unsigned i = 0; i < npages; i++) {
		seg[i].pa = ppn[i] << 12;	/* 4 KB pages */
		seg[i].len = (nblocks - i * 8 < 8 ? nblocks - i * 8 : 8) * 512;
	}
	uint8_t cdb[10];
	uint32_t got;
	rw_cdb(cdb, write, lba, nblocks);
	int r = finish(id, asc_command_sg(id, cdb, 10, seg, npages, !write, &got), sense_key);
	if (r == SCSI_OK && got != nblocks * 512)
		return SCSI_EIO;
	return r;
}

int scsi_rw(int id, int write, uint32_t lba, uint32_t nblocks, uint32_t pa,
	    uint8_t *sense_key)
{
	uint8_t cdb[10] = { write ? 0x2a : 0x28, 0,
			    (uint8_t)(lba >> 24), (uint8_t)(lba >> 16),
			    (uint8_t)(lba >> 8), (uint8_t)lba, 0,
			    (uint8_t)(nblocks >> 8), (uint8_t)nblocks, 0 };
	uint32_t got;
	uint32_t len = nblocks * 512;
	if (nblocks == 0 || len > ASC_MAX_XFER)
		return SCSI_EIO;
	int r = finish(id, asc_command(id, cdb, 10, pa, len, !write, &got), sense_key);
	if (r == SCSI_OK && got != len)
		return SCSI_EIO;
	return r;
}
