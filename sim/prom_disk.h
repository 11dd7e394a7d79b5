/*
 * prom_disk.h - the PROM's disk: booting from a SCSI disk's DEC boot block
 * (pmaxsim --boot rzN) and the calls a secondary boot loader reads and
 * writes the disk with: REX bootinit/bootread/bootwrite and the old jump
 * table's open/read/write/lseek/close on "rz(0,N,0)" (prom_disk.c).
 */
#ifndef SIM_PROM_DISK_H
#define SIM_PROM_DISK_H

#include <stddef.h>
#include <stdint.h>

struct machine;

/* The boot block in sector 0 (NetBSD sys/sys/bootblock.h struct
   pmax_boot_block, dec_boot.h): 8 bytes the PROM ignores, then 32-bit
   little-endian words magic, mode, load_addr, exec_addr, and from byte 24
   a map of (num_blocks, start_block) runs; 61 fit the sector, 5 before
   byte 64 where a disklabel (NetBSD) or Aegis's ownership table begins. */
#define DEC_BOOT_MAGIC		0x0002757au
#define DEC_BOOT_MAGIC_OFF	8
#define DEC_BOOT_MAP_OFF	24
#define DEC_BOOT_MAP_MAX	61
#define DEC_BOOT_CONTIGUOUS	0
#define DEC_BOOT_SCATTERED	1

#define PROM_DISK_FDS	4	/* old-style open files at once */

struct prom_disk {
	int boot_id;		/* SCSI id bootinit opens (the boot device) */
	int inited;		/* bootinit succeeded */
	struct { int id, writable; uint64_t pos; } fd[PROM_DISK_FDS];	/* id -1: closed */
};

/* State for a machine whose boot device is disk boot_id. */
void prom_disk_init(struct prom_disk *pd, int boot_id);

/* Read disk id's boot block and load what it maps into RAM, as the REX
   PROM's "boot 3/rzN" does. 0 with *entry = exec_addr, or -1 and a
   one-line reason in err (no disk; no boot block; mode not 0 or 1; a run
   past the disk's end; load range outside RAM, below the PROM's work
   area's end work_end or not kseg0; exec_addr outside what was loaded);
   nothing is loaded then. */
int prom_disk_load(struct machine *m, unsigned id, uint32_t work_end, uint32_t *entry,
		   char *err, size_t errlen);

/* The calls. Arguments a[0..3] (a0..a3); the result goes in *v0. */
uint32_t prom_disk_bootinit(struct machine *m, struct prom_disk *pd);
uint32_t prom_disk_bootrw(struct machine *m, struct prom_disk *pd, int write, const uint32_t *a);
uint32_t prom_disk_open(struct machine *m, struct prom_disk *pd, const char *name, uint32_t flags);
uint32_t prom_disk_rw(struct machine *m, struct prom_disk *pd, int write, const uint32_t *a);
uint32_t prom_disk_lseek(struct machine *m, struct prom_disk *pd, const uint32_t *a);
uint32_t prom_disk_close(struct prom_disk *pd, uint32_t fd);

/* Guest memory at a kseg0/kseg1 address, as the PROM's own loads and
   stores (prom.c; writes drop the caches' stale copies). 0 or -1. */
int prom_guest_write(struct machine *m, uint32_t va, const void *buf, uint32_t len);
int prom_guest_read(struct machine *m, uint32_t va, void *buf, uint32_t len);

#endif
