/*
 * prom.h - the emulated DEC TURBOchannel boot PROM: the REX callback vector
 * at 0xbfc04000 whose entries point into the ROM; when the CPU is about to
 * fetch an instruction at one of those entry addresses, the simulator
 * performs the call in C (arguments in a0..a3, result in v0, return to ra).
 * Callbacks as NetBSD/pmax's dec_prom.h numbers them.
 */
#ifndef SIM_PROM_H
#define SIM_PROM_H

#include <stddef.h>
#include <stdint.h>

struct machine;

#define PROM_PHYS_BASE	0x1fc00000u
#define PROM_SIZE	0x00040000u	/* 256 KB of ROM space */
#define PROM_CALLBACKS	0xbfc04000u	/* REX callback vector (a3 at entry) */
#define PROM_MAGIC	0x30464354u	/* "TCF0" */

/* Map the ROM region and build the callback vector; called by a model's
 * attach(). osconsole is the value of the "osconsole" environment
 * variable (e.g. "3" for a KN03 SCC console). */
void prom_attach(struct machine *m, const char *osconsole);

/* Set the registers the PROM hands a loaded program: a0 = argc, a1 = argv
 * (strings placed in RAM), a2 = PROM_MAGIC, a3 = PROM_CALLBACKS, sp, and
 * pc = entry. argv[0] is "boot"; args is the -o string (may be NULL). */
int prom_boot(struct machine *m, uint32_t entry, const char *image_name, const char *args);

/* Boot from the disk at SCSI id id as the PROM's "boot N/rzID" does:
   load what its boot block maps (prom_disk.c), then hand over as
   prom_boot does with argv[1] "N/rzID/" (N the board's SCSI slot). 0, or
   -1 with a one-line reason in err. */
int prom_boot_disk(struct machine *m, unsigned id, const char *args, char *err, size_t errlen);

/* If pc is a PROM entry point, perform the call and return 1 (pc/npc now
 * point at the caller's ra); otherwise 0. Called by the CPU only for
 * fetches from ROM space, so it costs nothing on the normal path. */
int prom_intercept(struct machine *m, uint32_t pc);

#endif
