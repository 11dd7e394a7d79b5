/*
 * scsi.h - pmaxsim's SCSI: the disks on a machine's bus (dev_scsidisk.c,
 * SCSI-2 direct-access targets backed by host image files) and the NCR
 * 53C94 host adapter that drives them (dev_asc.c), wired by each board to
 * its DMA engine (the IOASIC's SCSI DMA on KN03/KN02-BA, the PMAZ-AA's
 * SRAM on KN02). The adapter is SCSI ID 7; disks take IDs 0..6.
 */
#ifndef SIM_SCSI_H
#define SIM_SCSI_H

#include <stddef.h>
#include <stdint.h>
#include "devices.h"
#include "machine.h"

#define SCSI_MAX_DISKS	7	/* IDs 0..6; the host adapter is 7 */
#define SCSI_HOST_ID	7

/* ---- disks (dev_scsidisk.c) ------------------------------------------ */

struct scsi_disk;

/* Open a disk from a -d argument: "FILE" (read-write, writes reach the
   file), "ro:FILE" (read-only: writes get CHECK CONDITION, DATA PROTECT)
   or "tmp:FILE" (writable, but writes stay in memory and are discarded at
   exit: the file is never changed). NULL with a one-line reason in err
   when the file is missing, unreadable, empty or not a multiple of 512
   bytes. */
struct scsi_disk *scsi_disk_open(const char *spec, char *err, size_t errlen);
void scsi_disk_close(struct scsi_disk *d);
uint32_t scsi_disk_blocks(const struct scsi_disk *d);
/* The PROM's own access to the image (its boot loader and the boot
   callbacks, prom_disk.c), outside the bus and taking no simulated time:
   len bytes at byte offset off. -1 (nothing moved) if any byte lies past
   the end, or, writing, the disk is ro:. */
int scsi_disk_pread(const struct scsi_disk *d, uint64_t off, void *buf, uint32_t len);
int scsi_disk_pwrite(struct scsi_disk *d, uint64_t off, const void *buf, uint32_t len);

/* One command as the target sees it. scsi_disk_command() decodes the CDB
   at time now_ns (simulated nanoseconds) and fills in: the data phase
   (dir, len, data: the bytes the target sends, or where the bytes it
   receives go), the time the target needs before its data phase
   (ns_before_data: command overhead, seek, rotation, media transfer of a
   read), and the status byte (GOOD 0 or CHECK CONDITION 2; the sense data are kept for
   REQUEST SENSE). A write's data land in the image as they arrive. */
enum scsi_dir { SCSI_DIR_NONE, SCSI_DIR_IN, SCSI_DIR_OUT };
struct scsi_cmd {
	enum scsi_dir dir;
	uint32_t len;			/* bytes of the data phase */
	uint8_t *data;			/* len bytes */
	uint8_t status;
	uint64_t ns_before_data;
	uint32_t lba, nblocks;		/* a write's blocks, for scsi_disk_media_ns */
	int is_write;
	uint8_t small[256];		/* data of INQUIRY, sense, capacity ... */
};
void scsi_disk_command(struct scsi_disk *d, const uint8_t *cdb, unsigned cdblen,
		       uint64_t now_ns, struct scsi_cmd *c);
/* The time the disk takes from at_ns to put blocks lba..lba+n-1 on (or
   take them off) the medium: seek from where the heads are, wait for the
   first sector to come round, pass the n sectors; moves the heads. The
   target calls it for reads; the adapter for a write once its data are in. */
uint64_t scsi_disk_media_ns(struct scsi_disk *d, uint32_t lba, uint32_t n, uint64_t at_ns);
/* The bus was reset (RSTSCSI): nothing is kept but the head position. */
void scsi_disk_bus_reset(struct scsi_disk *d);
/* Length of the CDB whose first byte is op (SCSI-2 7.2: groups 0, 1-2, 5). */
unsigned scsi_cdb_len(uint8_t op);

/* ---- the NCR 53C94 (dev_asc.c) --------------------------------------- */

/* A board's DMA path for the chip: move len bytes to memory (to_mem) or
   from it, the next bytes of the transfer under way. Returns the bytes
   moved (less than len: the engine stopped, e.g. not enabled or out of
   pointers), which the chip leaves counted in TCL/TCM. */
struct asc_dma {
	uint32_t (*move)(void *ctx, int to_mem, uint8_t *buf, uint32_t len);
	void *ctx;
};

struct asc;
/* clock_mhz: the chip's clock (25 on DEC's boards), for the selection
   timeout. Disks are found in m->scsi[id] at selection time. */
struct asc *asc_new(struct machine *m, struct irq_out irq, struct asc_dma dma, unsigned clock_mhz);
extern const struct device_ops asc_ops;	/* 16 byte registers, 4-byte stride */
int asc_stable(void *dev, uint32_t off, unsigned size);	/* bus_set_stable */
/* The IOASIC's SCSI DMA engine as an asc_dma (dev_ioasic.c). */
struct asc_dma ioasic_scsi_dma(struct ioasic *io);
/* Tell the IOASIC which chip its SSR bit 9 (~ASC reset) resets. */
void ioasic_set_asc(struct ioasic *io, struct asc *a);
void asc_chip_reset(struct asc *a);

#endif
