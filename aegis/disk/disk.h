/*
 * disk/disk.h - Aegis's disks (disk.c): found at boot, their blocks owned
 * in extents through capabilities recorded on each disk, and the system
 * calls of <aegis/disk.h>.
 */
#ifndef AEGIS_DISK_DISK_H
#define AEGIS_DISK_DISK_H

#include <stdint.h>

/* Reset the board's SCSI controller, find the disks (ids 0..6; a
   selection timeout is an empty id), read each one's ownership table;
   the boot word diskinit=N writes an empty table on disk N first. */
void disk_init(void);
unsigned disk_count(void);

/* The system calls (syscall.c's table calls them; caller curenv). */
int32_t sys_disk_info(uint32_t n, uint32_t out_va, uint32_t a2, uint32_t a3);
int32_t sys_disk_alloc(uint32_t x_va, uint32_t a1, uint32_t a2, uint32_t a3);
int32_t sys_disk_free(uint32_t disk, uint32_t start, uint32_t wcap, uint32_t a3);
int32_t sys_disk_read(uint32_t io_va, uint32_t a1, uint32_t a2, uint32_t a3);
int32_t sys_disk_write(uint32_t io_va, uint32_t a1, uint32_t a2, uint32_t a3);
int32_t sys_disk_extent(uint32_t disk, uint32_t i, uint32_t out_va, uint32_t a3);
int32_t sys_disk_setcap(uint32_t x_va, uint32_t old_wcap, uint32_t a2, uint32_t a3);
int32_t sys_disk_readv(uint32_t io_va, uint32_t a1, uint32_t a2, uint32_t a3);
int32_t sys_disk_writev(uint32_t io_va, uint32_t a1, uint32_t a2, uint32_t a3);

/* The driver's cost: requests served and the platform_time() they took
   (0 where the machine has no fine clock); time - waited is the CPU's
   own work in the driver. */
struct disk_stats {
	uint32_t requests;	/* SYS_disk_read, _write, _readv, _writev served */
	uint64_t time;		/* their SCSI commands from start to end */
	uint64_t waited;	/* of which polling the chip (asc_waited) */
};
void disk_get_stats(struct disk_stats *out);

#endif
