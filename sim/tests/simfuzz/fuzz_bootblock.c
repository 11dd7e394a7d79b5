/*
 * fuzz_bootblock.c - libFuzzer harness for the PROM's disk boot
 * (sim/prom_disk.c, prom_disk_load: what `pmaxsim --boot rzN` does): the
 * fuzzer's bytes are the disk, sector 0 first (padded with zeros to whole
 * 512-byte sectors). The boot block must be loaded or rejected with a
 * one-line reason, never crash, never touch memory outside RAM or the disk
 * (AddressSanitizer), never write below the PROM's work area; a rejected
 * disk leaves RAM as it was. The disk is opened read-only through a memfd,
 * as pmaxsim's -d ro:FILE opens a file (dev_scsidisk.c, unchanged).
 * Build and run: make simfuzz (sim/tests/simfuzz/simfuzz.mk).
 */
#define _GNU_SOURCE
#include "fuzz_ram.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "../../machine.h"
#include "../../prom_disk.h"
#include "../../scsi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The PROM's work area ends here (prom.c PROM_WORK_END): a boot block
   may load only above it. */
#define WORK_END	0x00030000u
#define SECTOR		512u
#define MAX_DISK	(64u * SECTOR)	/* enough for a few runs; keeps runs fast */

static struct machine *mach;
static int memfd = -1;
static char path[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!mach) {
		static struct machine m;
		if (machine_init(&m, &model_kn03, 8, NULL) != 0)
			abort();
		fuzz_ram_setup(&m);
		mach = &m;
		memfd = memfd_create("fuzzdisk", 0);
		if (memfd < 0)
			abort();
		snprintf(path, sizeof path, "ro:/proc/self/fd/%d", memfd);
	}
	if (size > MAX_DISK)
		size = MAX_DISK;
	static uint8_t disk[MAX_DISK];
	size_t len = size < SECTOR ? SECTOR : (size + SECTOR - 1) / SECTOR * SECTOR;
	memset(disk, 0, len);
	memcpy(disk, data, size);
	if (ftruncate(memfd, 0) != 0 || pwrite(memfd, disk, len, 0) != (ssize_t)len)
		abort();

	char err[256] = "";
	struct scsi_disk *d = scsi_disk_open(path, err, sizeof err);
	if (!d) {
		fprintf(stderr, "fuzz_bootblock: %s\n", err);
		abort();
	}
	mach->scsi[0] = d;
	uint32_t entry = 0;
	int rc = prom_disk_load(mach, 0, WORK_END, &entry, err, sizeof err);
	mach->scsi[0] = NULL;
	scsi_disk_close(d);

	if (rc != 0 && (!err[0] || strchr(err, '\n'))) {
		fprintf(stderr, "fuzz_bootblock: rejected without a one-line reason\n");
		abort();
	}
	if (rc == 0 && (entry < 0x80000000u + WORK_END || entry >= 0x80000000u + mach->ram_size)) {
		fprintf(stderr, "fuzz_bootblock: loaded with entry 0x%08x\n", entry);
		abort();
	}
	/* Rejected: RAM as it was; loaded: nothing below the work area. */
	fuzz_ram_reset(mach, rc != 0, WORK_END, "fuzz_bootblock");
	return 0;
}
