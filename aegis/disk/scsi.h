/*
 * disk/scsi.h - the SCSI-2 direct-access commands Aegis's disk code uses
 * (scsi.c), over the 53C94 driver: INQUIRY, READ CAPACITY, READ(10) and
 * WRITE(10), with REQUEST SENSE after a CHECK CONDITION.
 */
#ifndef AEGIS_DISK_SCSI_H
#define AEGIS_DISK_SCSI_H

#include <stdint.h>

#define SCSI_OK		0
#define SCSI_ENODEV	(-1)	/* no target at that id */
#define SCSI_EIO	(-2)	/* transport failure, or a status we cannot use */
#define SCSI_ESENSE	(-3)	/* CHECK CONDITION: *sense_key says why */

struct scsi_ident {
	uint8_t type;		/* peripheral device type: 0 direct access */
	char vendor[9], product[17];
};

int scsi_inquiry(int id, struct scsi_ident *out);
/* Blocks and the block length (READ CAPACITY's last LBA + 1). */
int scsi_read_capacity(int id, uint32_t *nblocks, uint32_t *block_len);
/* nblocks 512-byte blocks at lba to or from physical memory pa (within
   one page, 8-byte aligned). */
int scsi_rw(int id, int write, uint32_t lba, uint32_t nblocks, uint32_t pa,
	    uint8_t *sense_key);
/* nblocks at lba in one READ(10)/WRITE(10), to or from npages pages
   (physical page numbers): eight blocks a page, in order. */
int scsi_rwv(int id, int write, uint32_t lba, uint32_t nblocks, const uint32_t *ppn,
	     unsigned npages, uint8_t *sense_key);

#endif
