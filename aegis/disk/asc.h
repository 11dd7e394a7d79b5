/*
 * disk/asc.h - the NCR 53C94 SCSI controller's driver (asc.c): one SCSI
 * command at a time, run to its end by polling before the call returns.
 * Aegis has no kernel threads, so the environment asking waits; nothing
 * else runs meanwhile (the chip's interrupt pin is left masked).
 */
#ifndef AEGIS_DISK_ASC_H
#define AEGIS_DISK_ASC_H

#include <stdint.h>

#define ASC_HOST_ID	7	/* the initiator's own bus id (DEC's) */
#define ASC_MAX_XFER	4096u	/* bytes one command moves: one page */

/* asc_command's results besides a SCSI status byte (0 GOOD, 2 CHECK
   CONDITION, 8 BUSY...). */
#define ASC_ENODEV	(-1)	/* selection timed out: no target */
#define ASC_EIO		(-2)	/* the bus or chip did something unexpected */
#define ASC_ETIMEDOUT	(-3)	/* no interrupt came */

/* Reset the board's chip; 0 if the board has one. */
int asc_init(void);
int asc_present(void);
/* Run one command on target id (LUN 0): cdb (6..12 bytes), and a data
   phase of len bytes to or from physical memory pa (in: the device
   writes it), len <= ASC_MAX_XFER, [pa, pa + len) within one page and
   pa a multiple of 8. Returns the status byte or an ASC_E* value; *moved
   (if not NULL) gets the bytes the data phase moved. */
int asc_command(int id, const uint8_t *cdb, unsigned cdblen, uint32_t pa,
		uint32_t len, int in, uint32_t *moved);
/* The same with the data phase gathered from (or scattered to) nseg
   pieces (1..ASC_MAX_SEGS), each as asc_command's one: the phase is
   moved a piece at a time, one DMA each, while the target stays in it
   (one command: one seek and one rotational wait for all of them). */
#define ASC_MAX_SEGS	16u
struct asc_seg {
	uint32_t pa, len;
};
int asc_command_sg(int id, const uint8_t *cdb, unsigned cdblen, const struct asc_seg *seg,
		   unsigned nseg, int in, uint32_t *moved);

/* The platform_time() spent waiting for the chip's interrupts since boot
   (the device's time, not the driver's work). */
uint64_t asc_waited(void);

#endif
