/*
 * diskraw.c - the disk's raw speed as an ExOS program sees it through
 * Aegis alone (no file system): sequential SYS_disk_write, then
 * SYS_disk_read, of runs of `run` 512-byte blocks (one SCSI command
 * each, one page of DMA) over an extent of `blocks` blocks, so that
 * bench/report can put the file system's figures (fsbench.c) beside what
 * the disk gives without it. Needs a disk whose ownership table is empty
 * or holds no extent in the way: bench/reportlib/diskbench.py boots it
 * with diskinit=0 on a blank throw-away image (-d tmp:FILE).
 *
 * Boot words: blocks=N (default 8192, 4 MB), run=N (1..8 blocks a
 * request, default 8), start=N (first block, default 64), spoil=N (a
 * test of the check, bench/tests/disk-smoke: block start+N is
 * overwritten behind the benchmark's back after the timed reads, so the
 * check must fail and no figure be printed).
 * Prints, the times being simulated cycles of pmaxsim's counter page
 * around the timed loop alone:
 *   bench disk raw-write run=R bytes=B us=U cycles=C
 *   bench disk raw-read run=R bytes=B us=U cycles=C
 * then reads the extent again, untimed, and checks that every block
 * holds what was written to it (a benchmark that reads garbage fails).
 * The extent is freed at the end (Aegis scrubs it: that is not timed).
 */
#include <stdio.h>
#include <string.h>
#include <aegis/disk.h>
#include "exos.h"
#include "vm.h"

#define BUF_VA	0x38000000u	/* the DMA page, outside ExOS's heap */
#define RCAP	0xd15c0001u	/* the extent's capabilities */
#define WCAP	0xd15c0002u

static uint32_t ppn, pcap;
static uint8_t *const buf = (uint8_t *)BUF_VA;

/* What block b holds: its number in the first word, then a pattern. */
static void fill(uint32_t b, uint8_t *p)
{
	for (unsigned i = 0; i < AEGIS_DISK_BLOCK; i++)
		p[i] = (uint8_t)(b * 13u + i * 7u + (i >> 8));
	memcpy(p, &b, 4);
}

static int holds(uint32_t b, const uint8_t *p)
{
	uint8_t want[AEGIS_DISK_BLOCK];
	fill(b, want);
	return !memcmp(want, p, AEGIS_DISK_BLOCK);
}

static int io(int write, uint32_t block, uint32_t n, uint32_t cap)
{
	struct aegis_disk_io r = { 0, block, n, cap, ppn, pcap, 0 };
	return write ? sys_disk_write(&r) : sys_disk_read(&r);
}

/* "bench disk NAME run=R bytes=B us=U cycles=C" */
static void line(const char *name, uint32_t run, uint32_t bytes, uint64_t cyc)
{
	printf("bench disk %s run=%lu bytes=%lu us=%lu cycles=%lu\n", name, (unsigned long)run,
	       (unsigned long)bytes, (unsigned long)(cyc / exos_mhz()), (unsigned long)cyc);
}

int main(void)
{
	uint32_t n = exos_boot_arg_num("blocks", 8192);
	uint32_t run = exos_boot_arg_num("run", 8);
	uint32_t start = exos_boot_arg_num("start", 64);
	uint32_t spoil = exos_boot_arg_num("spoil", ~0u);
	struct aegis_diskinfo info;
	if (!exos_check(exos_mhz() != 0, "diskraw: pmaxsim's counter page is there") ||
	    !exos_check(run >= 1 && run <= 8 && n >= run && n % run == 0,
			"diskraw: blocks=%lu is a multiple of run=%lu (1..8)", (unsigned long)n,
			(unsigned long)run) ||
	    !exos_check(sys_disk_info(0, &info) == 0 && info.formatted,
			"diskraw: disk 0 has an ownership table (boot a blank disk with diskinit=0)") ||
	    !exos_check(start >= AEGIS_DISK_TABLE_BLOCKS && start + n <= info.nblocks,
			"diskraw: blocks %lu..%lu lie on the disk (%lu blocks)", (unsigned long)start,
			(unsigned long)(start + n), (unsigned long)info.nblocks))
		return exos_test_result();
	struct aegis_disk_extent x = { 0, start, n, RCAP, WCAP };
	int r = sys_disk_alloc(&x);
	if (!exos_check(r == 0, "diskraw: allocate the extent (%d)", r) ||
	    !exos_check(vm_alloc(BUF_VA, VM_READ | VM_WRITE | VM_PINNED, &ppn, &pcap) == 0,
			"diskraw: a page for the DMA"))
		return exos_test_result();

	/* Writes: the page is filled between requests; that is the program's
	   own time, a few microseconds beside a request's milliseconds, and
	   counted (nothing else would give the disk its data). */
	int bad = 0;
	uint64_t t0 = exos_cycles();
	for (uint32_t b = start; b < start + n && !bad; b += run) {
		for (uint32_t k = 0; k < run; k++)
			fill(b + k, buf + k * AEGIS_DISK_BLOCK);
		bad = io(1, b, run, WCAP) != 0;
	}
	uint64_t tw = exos_cycles() - t0;
	exos_check(!bad, "diskraw: %lu blocks written in runs of %lu", (unsigned long)n, (unsigned long)run);

	/* Reads: nothing between requests but the loop. */
	t0 = exos_cycles();
	for (uint32_t b = start; b < start + n && !bad; b += run)
		bad = io(0, b, run, RCAP) != 0;
	uint64_t tr = exos_cycles() - t0;
	exos_check(!bad, "diskraw: %lu blocks read in runs of %lu", (unsigned long)n, (unsigned long)run);

	if (spoil < n && !bad) {
		memset(buf, 0xee, VM_PAGE_SIZE);
		bad = io(1, start + spoil, 1, WCAP) != 0;
	}

	/* Untimed: every block holds what was written (read with the write
	   capability, which reads too, run by run into a cleared page). */
	uint32_t wrong = 0;
	for (uint32_t b = start; b < start + n && !bad; b += run) {
		memset(buf, 0xee, VM_PAGE_SIZE);
		bad = io(0, b, run, WCAP) != 0;
		for (uint32_t k = 0; k < run && !bad; k++)
			wrong += !holds(b + k, buf + k * AEGIS_DISK_BLOCK);
	}
	if (exos_check(!bad && wrong == 0, "diskraw: every block read back holds what was written (%lu wrong)",
		       (unsigned long)wrong)) {
		line("raw-write", run, n * AEGIS_DISK_BLOCK, tw);
		line("raw-read", run, n * AEGIS_DISK_BLOCK, tr);
	}
	exos_check(sys_disk_free(0, start, WCAP) == 0, "diskraw: free the extent");
	return exos_test_result();
}
