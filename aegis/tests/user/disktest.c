/*
 * disktest.c - Aegis's disk calls from user mode, on the first disk. The
 * boot word disktest=N picks the phase (tools/disk-test runs the image
 * twice over one temporary copy of a disk image, as a reboot):
 *   (none)  no disk attached: every call refuses (the kernel's usual suites)
 *   1       a disk just formatted (diskinit=0): allocate two extents, write
 *           and read back, then a hostile child (this program again,
 *           spawned with a0 = 1) tries the other extent without its
 *           capabilities, DMA into pages it may not write and into the
 *           kernel, extents past the end, over the table, overlapping;
 *           every refusal is checked to change nothing on the disk.
 *           Both extents are left allocated.
 *   2       after the reboot: the extents and their data are still
 *           there, still refused without their capabilities; then freed.
 *   3       a disk without a valid table (never formatted, or corrupt):
 *           reported, and nothing may be allocated, read or written.
 *   5       a disk holding an ext2 file system made by mke2fs, just
 *           formatted (diskinit=0): adopt it as ExOS would (own the
 *           superblock's blocks to read its size, then [2, the file
 *           system's end)); tools/disk-test runs e2fsck on the image after.
 *   4       phase 1's disk, read-only (pmaxsim's ro:): reads work; a
 *           write, and an alloc (the table cannot be written), end in a
 *           CHECK CONDITION: -AEGIS_EIO, and the table in memory unchanged.
 *   6       a blank disk made bootable by tools/mkbootdisk (the kernel
 *           booted from it): the kernel's extent, at the disk's end, is
 *           the only one; allocating over it is EBUSY, reading or writing
 *           it without its capabilities EPERM; blocks before it can be
 *           allocated and freed (sim/tests/diskboot/diskboot-run table).
 */
#include <aegis/sys.h>
#include <aegis/disk.h>
#include <aegis/counter.h>
#include "../../user/report.h"

#define A_START	16u		/* the parent's extent */
#define A_N	64u
#define A_RCAP	0xa11ce001u
#define A_WCAP	0xa11ce002u
#define B_START	200u		/* the one the child attacks */
#define B_N	16u
#define B_RCAP	0xb0b00001u
#define B_WCAP	0xb0b00002u
#define P_RCAP	0x9a9e0001u	/* the parent's pages */
#define P_WCAP	0x9a9e0002u
#define BUF_VA	0x30111000u	/* where its pages are bound */
#define CHK_VA	0x30112000u
#define KERNEL_VA 0x80000000u

static unsigned char *const buf = (unsigned char *)BUF_VA;
static unsigned char *const chk = (unsigned char *)CHK_VA;
static unsigned buf_ppn, chk_ppn;

static void say(const char *s) { sys_cputs(s, ustrlen(s)); }

static void expect(int got, int want, const char *what)
{
	if (got != want) {
		char line[96], *p = line;
		put_str(&p, "# got ");
		put_uint(&p, (unsigned)-got);
		put_str(&p, " (negated), wanted ");
		put_uint(&p, (unsigned)-want);
		put_str(&p, "\n");
		*p = 0;
		say(line);
	}
	sys_check(got == want, what);
}

/* The pattern block b holds after phase 1 writes it (tools/disk-test
   checks the image for the same bytes). */
static unsigned char pat(unsigned b, unsigned i) { return (unsigned char)((b * 7u + i) ^ 0x5au); }

static void fill(unsigned char *p, unsigned first_block, unsigned n)
{
	for (unsigned b = 0; b < n; b++)
		for (unsigned i = 0; i < AEGIS_DISK_BLOCK; i++)
			p[b * AEGIS_DISK_BLOCK + i] = pat(first_block + b, i);
}

static int holds(const unsigned char *p, unsigned first_block, unsigned n)
{
	for (unsigned b = 0; b < n; b++)
		for (unsigned i = 0; i < AEGIS_DISK_BLOCK; i++)
			if (p[b * AEGIS_DISK_BLOCK + i] != pat(first_block + b, i))
				return 0;
	return 1;
}

static int io(int write, unsigned block, unsigned n, unsigned cap, unsigned ppn,
	      unsigned pcap, unsigned off)
{
	struct aegis_disk_io r = { 0, block, n, cap, ppn, pcap, off };
	return write ? sys_disk_write(&r) : sys_disk_read(&r);
}

/* SYS_disk_readv / _writev of n blocks at block into pages ppn[0..np)
   with capabilities pcap[0..np); the arrays hold at most 3 (a larger
   np is for the kernel to refuse: the rest of the list left zero). */
static int iov(int write, unsigned block, unsigned n, unsigned cap, unsigned np,
	       const unsigned *ppn, const unsigned *pcap)
{
	static struct aegis_disk_iov v;
	v.disk = 0;
	v.block = block;
	v.nblocks = n;
	v.cap = cap;
	v.npages = np;
	for (unsigned i = 0; i < np && i < 3; i++) {
		v.page[i].ppn = ppn[i];
		v.page[i].page_cap = pcap[i];
	}
	return write ? sys_disk_writev(&v) : sys_disk_readv(&v);
}

static int alloc(unsigned start, unsigned n, unsigned rcap, unsigned wcap)
{
	struct aegis_disk_extent x = { 0, start, n, rcap, wcap };
	return sys_disk_alloc(&x);
}

static void zero(unsigned char *p) { for (unsigned i = 0; i < 4096; i++) p[i] = 0; }

/* Two pages of its own, bound writable at BUF_VA and CHK_VA. */
static void get_pages(unsigned rcap, unsigned wcap)
{
	buf_ppn = (unsigned)sys_alloc(rcap, wcap);
	chk_ppn = (unsigned)sys_alloc(rcap, wcap);
	sys_tlbwr(BUF_VA, buf_ppn, wcap, TLBWR_WRITE);
	sys_tlbwr(CHK_VA, chk_ppn, wcap, TLBWR_WRITE);
}

/* What the disk holds now is what it held: the table's counts and both
   extents' data (read with their rightful capabilities into chk). */
static struct aegis_diskinfo before;
static int unchanged(void)
{
	struct aegis_diskinfo now;
	if (sys_disk_info(0, &now) != 0 || now.nextents != before.nextents ||
	    now.free_blocks != before.free_blocks)
		return 0;
	for (unsigned b = A_START; b < A_START + 16; b += 8) {
		zero(chk);
		if (io(0, b, 8, A_RCAP, chk_ppn, P_WCAP, 0) != 0 || !holds(chk, b, 8))
			return 0;
	}
	zero(chk);
	return io(0, B_START, 8, B_RCAP, chk_ppn, P_WCAP, 0) == 0 && holds(chk, B_START, 8);
}

/* The child: it knows where B is, not its capabilities. */
#define C_RCAP	0xc0de0001u
#define C_WCAP	0xc0de0002u
#define C_START	400u		/* the child's own extent */
static int child(unsigned parent_ppn)
{
	get_pages(C_RCAP, C_WCAP);
	/* Its own blocks, read into the parent's page: refused. */
	expect(alloc(C_START, 16, C_RCAP, C_WCAP), 0, "disk: child allocates its own extent");
	expect(io(0, C_START, 8, C_RCAP, parent_ppn, 0, 0), -AEGIS_EFAULT,
	       "disk: child reads its blocks into the parent's page (cap 0)");
	expect(io(0, C_START, 8, C_RCAP, parent_ppn, C_WCAP, 0), -AEGIS_EFAULT,
	       "disk: ... with its own page cap");
	expect(io(0, C_START, 8, C_RCAP, parent_ppn, P_RCAP, 0), -AEGIS_EFAULT,
	       "disk: ... with the parent page's read cap");
	unsigned pp[2] = { buf_ppn, parent_ppn }, pc[2] = { C_WCAP, C_WCAP };
	expect(iov(0, C_START, 12, C_RCAP, 2, pp, pc), -AEGIS_EFAULT,
	       "disk: child's readv into its page and the parent's");
	expect(sys_disk_free(0, C_START, C_WCAP), 0, "disk: child frees its extent");
	fill(buf, 900, 8);		/* what a refused write would put there */
	expect(io(0, B_START, 8, 0, buf_ppn, C_WCAP, 0), -AEGIS_EPERM, "disk: child reads B with cap 0");
	expect(io(0, B_START, 8, B_RCAP ^ 1, buf_ppn, C_WCAP, 0), -AEGIS_EPERM,
	       "disk: child reads B with a forged read cap");
	expect(io(1, B_START, 8, B_RCAP ^ 0x100, buf_ppn, C_WCAP, 0), -AEGIS_EPERM,
	       "disk: child writes B with a forged cap");
	expect(io(1, B_START + 4, 1, A_WCAP, buf_ppn, C_WCAP, 0), -AEGIS_EPERM,
	       "disk: child writes B with A's write cap");
	expect(sys_disk_free(0, B_START, B_RCAP), -AEGIS_EPERM, "disk: child frees B with a guessed cap");
	expect(alloc(B_START + 2, 4, C_RCAP, C_WCAP), -AEGIS_EBUSY, "disk: child allocates inside B");
	/* Into pages it may not write, and into the kernel. */
	expect(io(0, A_START, 1, A_RCAP, chk_ppn, C_RCAP, 0), -AEGIS_EFAULT,
	       "disk: read into a page with only its read cap");
	return 0;
}

static void mode_nodisk(void)
{
	struct aegis_diskinfo info;
	expect(sys_disk_info(0, &info), -AEGIS_ENOENT, "disk: no disk, info 0 is ENOENT");
	expect(alloc(16, 8, 1, 2), -AEGIS_EINVAL, "disk: no disk, alloc refused");
	expect(io(0, 16, 1, 1, 0, 0, 0), -AEGIS_EINVAL, "disk: no disk, read refused");
	expect(sys_disk_free(0, 16, 2), -AEGIS_EINVAL, "disk: no disk, free refused");
}

static unsigned counter(unsigned off)
{
	return *(volatile unsigned *)(USER_COUNTER_VA + off);
}

static void phase1(void)
{
	struct aegis_diskinfo info;
	int r = sys_disk_info(0, &info);
	expect(r, 0, "disk: info of disk 0");
	sys_check(info.formatted == 1 && info.nextents == 0 && info.block_size == 512 &&
		  info.free_blocks == info.nblocks - AEGIS_DISK_TABLE_BLOCKS,
		  "disk: a formatted disk, empty table");
	expect(alloc(A_START, A_N, A_RCAP, A_WCAP), 0, "disk: allocate extent A");
	expect(alloc(B_START, B_N, B_RCAP, B_WCAP), 0, "disk: allocate extent B");
	get_pages(P_RCAP, P_WCAP);
	/* Write A's first 16 blocks and B's first 8, then read back. */
	int ok = 1;
	for (unsigned b = A_START; b < A_START + 16; b += 8) {
		fill(buf, b, 8);
		ok &= io(1, b, 8, A_WCAP, buf_ppn, P_RCAP, 0) == 0;
	}
	fill(buf, B_START, 8);
	ok &= io(1, B_START, 8, B_WCAP, buf_ppn, P_WCAP, 0) == 0;
	sys_check(ok, "disk: write 24 blocks with the write caps");
	zero(chk);
	expect(io(0, A_START + 8, 8, A_RCAP, chk_ppn, P_WCAP, 0), 0, "disk: read 8 blocks of A back");
	sys_check(holds(chk, A_START + 8, 8), "disk: they hold what was written");
	zero(chk);
	expect(io(0, A_START + 3, 2, A_WCAP, chk_ppn, P_WCAP, 1024), 0,
	       "disk: read 2 blocks at offset 1024 (write cap reads)");
	sys_check(holds(chk + 1024, A_START + 3, 2) && chk[0] == 0 && chk[3072] == 0,
		  "disk: just those bytes of the page changed");
	/* A list of pages, one command: 12 blocks into two pages (8, then
	   4 at the second's start), and 12 written from two. */
	zero(chk);
	zero(buf);
	unsigned pp[2] = { chk_ppn, buf_ppn }, pw[2] = { P_WCAP, P_WCAP }, pr[2] = { P_RCAP, P_RCAP };
	expect(iov(0, A_START, 12, A_RCAP, 2, pp, pw), 0, "disk: readv of 12 blocks into two pages");
	sys_check(holds(chk, A_START, 8) && holds(buf, A_START + 8, 4) && buf[2048] == 0 && buf[4095] == 0,
		  "disk: readv: 8 blocks in the first page, 4 at the second's start, the rest untouched");
	fill(chk, A_START + 16, 8);
	fill(buf, A_START + 24, 4);
	expect(iov(1, A_START + 16, 12, A_WCAP, 2, pp, pr), 0, "disk: writev of 12 blocks from two pages (read caps)");
	zero(chk);
	ok = io(0, A_START + 16, 8, A_RCAP, chk_ppn, P_WCAP, 0) == 0 && holds(chk, A_START + 16, 8);
	zero(chk);
	ok &= io(0, A_START + 24, 4, A_RCAP, chk_ppn, P_WCAP, 0) == 0 && holds(chk, A_START + 24, 4);
	sys_check(ok, "disk: writev: the 12 blocks read back a page at a time");
	/* Cost per request: 8-block reads, where pmaxsim counts cycles. */
	if (sys_map_counter() == 0) {
		unsigned t0 = counter(COUNTER_CYCLES_LO), i0 = counter(COUNTER_INSNS_LO);
		for (int i = 0; i < 16; i++)
			io(0, A_START, 8, A_RCAP, chk_ppn, P_WCAP, 0);
		unsigned t = counter(COUNTER_CYCLES_LO) - t0, n = counter(COUNTER_INSNS_LO) - i0;
		bench_report("disk_read_8_blocks", t / 16, n / 16);
	} else {
		say("# disk: no cycle counter here (not pmaxsim): no cost measured\n");
	}

	/* Refusals, each checked to change nothing. */
	sys_disk_info(0, &before);
	sys_check(before.nextents == 2 && before.free_blocks == before.nblocks - 2 - A_N - B_N,
		  "disk: two extents in the table");
	unsigned n = before.nblocks;
	expect(alloc(n - 4, 8, 1, 2), -AEGIS_EINVAL, "disk: an extent past the end");
	expect(alloc(n, 1, 1, 2), -AEGIS_EINVAL, "disk: an extent at the end");
	expect(alloc(0xfffffff0u, 0x20, 1, 2), -AEGIS_EINVAL, "disk: an extent whose end wraps");
	expect(alloc(0, 4, 1, 2), -AEGIS_EINVAL, "disk: an extent over the table");
	expect(alloc(1, 1, 1, 2), -AEGIS_EINVAL, "disk: an extent in the table's second block");
	expect(alloc(300, 0, 1, 2), -AEGIS_EINVAL, "disk: an empty extent");
	expect(alloc(A_START + A_N - 1, 4, 1, 2), -AEGIS_EBUSY, "disk: overlapping A's end");
	expect(alloc(A_START - 2, 4, 1, 2), -AEGIS_EBUSY, "disk: overlapping A's start");
	expect(alloc(A_START - 2, A_N + 8, 1, 2), -AEGIS_EBUSY, "disk: covering A");
	expect(alloc(A_START, A_N, A_RCAP, A_WCAP), -AEGIS_EBUSY, "disk: A again");
	struct aegis_disk_extent x = { 7, 300, 4, 1, 2 };
	expect(sys_disk_alloc(&x), -AEGIS_EINVAL, "disk: alloc on a disk that does not exist");
	expect(sys_disk_alloc((const struct aegis_disk_extent *)KERNEL_VA), -AEGIS_EFAULT,
	       "disk: alloc from a kernel pointer");
	expect(sys_disk_read((const struct aegis_disk_io *)KERNEL_VA), -AEGIS_EFAULT,
	       "disk: read from a kernel pointer");
	fill(buf, 777, 8);
	expect(io(1, A_START + A_N - 4, 8, A_WCAP, buf_ppn, P_RCAP, 0), -AEGIS_EINVAL,
	       "disk: a write running off A's end");
	expect(io(1, A_START + A_N, 1, A_WCAP, buf_ppn, P_RCAP, 0), -AEGIS_EINVAL,
	       "disk: a write between the extents");
	expect(io(1, 0, 2, A_WCAP, buf_ppn, P_RCAP, 0), -AEGIS_EINVAL, "disk: a write over the table");
	expect(io(1, A_START, 9, A_WCAP, buf_ppn, P_RCAP, 0), -AEGIS_EINVAL, "disk: 9 blocks (over a page)");
	expect(io(1, A_START, 2, A_WCAP, buf_ppn, P_RCAP, 3584), -AEGIS_EINVAL, "disk: past the page's end");
	expect(io(1, A_START, 1, A_WCAP, buf_ppn, P_RCAP, 100), -AEGIS_EINVAL, "disk: an unaligned offset");
	expect(io(1, A_START, 0, A_WCAP, buf_ppn, P_RCAP, 0), -AEGIS_EINVAL, "disk: 0 blocks");
	expect(io(1, A_START, 1, A_RCAP, buf_ppn, P_RCAP, 0), -AEGIS_EPERM, "disk: a write with the read cap");
	expect(io(1, A_START, 1, A_WCAP, buf_ppn, 0x1234, 0), -AEGIS_EFAULT, "disk: a write from a page with a forged cap");
	expect(io(0, A_START, 1, A_RCAP, buf_ppn, P_RCAP, 0), -AEGIS_EFAULT,
	       "disk: a read into its own page with its read cap only");
	expect(io(0, A_START, 1, A_RCAP, 0, 0, 0), -AEGIS_EFAULT, "disk: a read into kernel page 0");
	expect(io(0, A_START, 1, A_RCAP, 1, P_WCAP, 0), -AEGIS_EFAULT, "disk: a read into kernel page 1");
	expect(io(0, A_START, 1, A_RCAP, 0x7ffff, P_WCAP, 0), -AEGIS_EFAULT, "disk: a read into no page");
	/* The list forms refused, nothing read into the good pages, nothing
	   written (unchanged(), below). */
	fill(chk, 555, 8);
	unsigned pk[3] = { chk_ppn, buf_ppn, buf_ppn }, gw[3] = { P_WCAP, P_WCAP, P_WCAP };
	unsigned bad2[2] = { P_WCAP, 0x1234 };
	expect(iov(0, A_START, 12, A_RCAP, 1, pk, gw), -AEGIS_EINVAL, "disk: readv: 12 blocks, 1 page named");
	expect(iov(0, A_START, 12, A_RCAP, 3, pk, gw), -AEGIS_EINVAL, "disk: readv: 12 blocks, 3 pages named");
	expect(iov(0, A_START, 0, A_RCAP, 0, pk, gw), -AEGIS_EINVAL, "disk: readv: 0 blocks");
	expect(iov(0, A_START, 8 * AEGIS_DISK_IOV_PAGES + 1, A_RCAP, AEGIS_DISK_IOV_PAGES + 1, pk, gw), -AEGIS_EINVAL,
	       "disk: readv: one block more than the list's pages hold");
	expect(iov(0, A_START + A_N - 4, 12, A_RCAP, 2, pk, gw), -AEGIS_EINVAL, "disk: readv running off A's end");
	expect(iov(0, B_START, 12, A_RCAP, 2, pk, gw), -AEGIS_EPERM, "disk: readv of B with A's cap");
	expect(iov(0, A_START, 12, A_RCAP, 2, pk, bad2), -AEGIS_EFAULT, "disk: readv, the second page's cap forged");
	unsigned pz[2] = { chk_ppn, 0 };
	expect(iov(0, A_START, 12, A_RCAP, 2, pz, gw), -AEGIS_EFAULT, "disk: readv, the second page the kernel's");
	unsigned rd2[2] = { P_WCAP, P_RCAP };
	expect(iov(0, A_START, 12, A_RCAP, 2, pk, rd2), -AEGIS_EFAULT, "disk: readv into a page with its read cap only");
	sys_check(holds(chk, 555, 8), "disk: readv refused: its first page untouched");
	fill(buf, 556, 8);
	unsigned wbad[2] = { P_RCAP, 0x4321 };
	expect(iov(1, A_START, 12, A_WCAP, 2, pk, wbad), -AEGIS_EFAULT, "disk: writev, the second page's cap forged");
	expect(iov(1, A_START, 12, A_RCAP, 2, pk, pr), -AEGIS_EPERM, "disk: writev with A's read cap");
	expect(sys_disk_readv((const struct aegis_disk_iov *)KERNEL_VA), -AEGIS_EFAULT, "disk: readv from a kernel pointer");
	expect(sys_disk_free(0, A_START, A_RCAP), -AEGIS_EPERM, "disk: free A with its read cap");
	expect(sys_disk_free(0, A_START + 1, A_WCAP), -AEGIS_EINVAL, "disk: free inside A");
	fill(buf, 600, 8);	/* the page the child aims at */
	int kid = sys_spawn("disktest", 8, 1, buf_ppn);
	struct aegis_exit ex;
	if (kid > 0)
		while (sys_wait(kid, &ex) == -AEGIS_EAGAIN)
			sys_yield(kid);
	sys_check(kid > 0 && ex.status == 0, "disk: the hostile child ran");
	sys_check(holds(buf, 600, 8), "disk: the page the child aimed at is unchanged");
	sys_check(unchanged(), "disk: after every refusal the table and both extents are unchanged");
	say("disktest: phase 1 done, extents A and B left allocated\n");
}

static void phase2(void)
{
	struct aegis_diskinfo info;
	struct aegis_disk_extent x;
	expect(sys_disk_info(0, &info), 0, "disk: after the reboot, info");
	sys_check(info.formatted && info.nextents == 2, "disk: the table came back with two extents");
	int r1 = sys_disk_extent(0, 0, &x);
	sys_check(r1 == 0 && x.start == A_START && x.nblocks == A_N && x.rcap == 0 && x.wcap == 0,
		  "disk: extent 0 is A (caps not shown)");
	int r2 = sys_disk_extent(0, 1, &x);
	sys_check(r2 == 0 && x.start == B_START && x.nblocks == B_N, "disk: extent 1 is B");
	expect(sys_disk_extent(0, 2, &x), -AEGIS_ENOENT, "disk: no extent 2");
	get_pages(P_RCAP, P_WCAP);
	expect(io(0, A_START, 8, A_RCAP ^ 4, chk_ppn, P_WCAP, 0), -AEGIS_EPERM,
	       "disk: A still refuses a wrong cap");
	expect(alloc(A_START + 8, 8, 1, 2), -AEGIS_EBUSY, "disk: A is still taken");
	zero(chk);
	expect(io(0, A_START, 8, A_RCAP, chk_ppn, P_WCAP, 0), 0, "disk: read A after the reboot");
	sys_check(holds(chk, A_START, 8), "disk: A's data survived");
	zero(chk);
	expect(io(0, B_START, 8, B_RCAP, chk_ppn, P_WCAP, 0), 0, "disk: read B after the reboot");
	sys_check(holds(chk, B_START, 8), "disk: B's data survived the child's attempts");
	/* New capabilities for A: only with its write capability; the old
	   ones then open nothing. */
	struct aegis_disk_extent nx = { 0, A_START, A_N, A_RCAP + 16, A_WCAP + 16 };
	expect(sys_disk_setcap(&nx, A_RCAP), -AEGIS_EPERM, "disk: setcap A with its read cap");
	expect(sys_disk_setcap(&nx, A_WCAP ^ 8), -AEGIS_EPERM, "disk: setcap A with a forged cap");
	struct aegis_disk_extent part = { 0, A_START, A_N - 1, 1, 2 };
	expect(sys_disk_setcap(&part, A_WCAP), -AEGIS_EINVAL, "disk: setcap on part of A");
	expect(io(0, A_START, 1, A_RCAP, chk_ppn, P_WCAP, 0), 0, "disk: A's read cap still reads");
	expect(sys_disk_setcap(&nx, A_WCAP), 0, "disk: setcap A with its write cap");
	expect(io(0, A_START, 1, A_RCAP, chk_ppn, P_WCAP, 0), -AEGIS_EPERM, "disk: A's old read cap refused");
	expect(sys_disk_free(0, A_START, A_WCAP), -AEGIS_EPERM, "disk: A's old write cap cannot free it");
	expect(io(0, A_START, 1, A_RCAP + 16, chk_ppn, P_WCAP, 0), 0, "disk: A's new read cap reads");
	expect(sys_disk_free(0, A_START, A_WCAP + 16), 0, "disk: free A");
	expect(sys_disk_free(0, A_START, A_WCAP + 16), -AEGIS_EINVAL, "disk: A again is nothing");
	expect(io(0, A_START, 8, A_RCAP, chk_ppn, P_WCAP, 0), -AEGIS_EINVAL, "disk: A's blocks are nobody's");
	expect(sys_disk_free(0, B_START, B_WCAP), 0, "disk: free B");
	sys_disk_info(0, &info);
	sys_check(info.nextents == 0 && info.free_blocks == info.nblocks - 2, "disk: the table is empty");
}

static void phase3(void)
{
	struct aegis_diskinfo info;
	expect(sys_disk_info(0, &info), 0, "disk: a disk without a table is listed");
	sys_check(info.formatted == 0 && info.nextents == 0, "disk: as not formatted");
	expect(alloc(16, 8, 1, 2), -AEGIS_ENOENT, "disk: no table, alloc refused");
	get_pages(P_RCAP, P_WCAP);
	fill(buf, 16, 1);
	expect(io(1, 16, 1, 2, buf_ppn, P_WCAP, 0), -AEGIS_EINVAL, "disk: no table, write refused");
	expect(io(0, 16, 1, 1, buf_ppn, P_WCAP, 0), -AEGIS_EINVAL, "disk: no table, read refused");
	expect(sys_disk_free(0, 16, 2), -AEGIS_EINVAL, "disk: no table, free refused");
}

static void phase4(void)
{
	struct aegis_diskinfo info, after;
	expect(sys_disk_info(0, &info), 0, "disk: read-only disk, info");
	get_pages(P_RCAP, P_WCAP);
	zero(chk);
	expect(io(0, A_START, 8, A_RCAP, chk_ppn, P_WCAP, 0), 0, "disk: read-only disk, read A");
	sys_check(holds(chk, A_START, 8), "disk: read-only disk, A's data");
	fill(buf, A_START, 8);
	expect(io(1, A_START, 8, A_WCAP, buf_ppn, P_WCAP, 0), -AEGIS_EIO,
	       "disk: read-only disk, a write fails with EIO (sense)");
	expect(alloc(300, 8, 1, 2), -AEGIS_EIO, "disk: read-only disk, alloc cannot write the table");
	expect(sys_disk_free(0, B_START, B_WCAP), -AEGIS_EIO, "disk: read-only disk, free neither");
	sys_disk_info(0, &after);
	sys_check(after.nextents == 2 && after.free_blocks == info.free_blocks,
		  "disk: read-only disk, the table in memory unchanged");
	expect(alloc(B_START, 4, 1, 2), -AEGIS_EBUSY, "disk: read-only disk, B still taken");
}

/* ext2's superblock at byte 1024 (disk blocks 2-3): s_blocks_count at
   4, s_log_block_size at 24, s_magic 0xef53 at 56 (kernel.org ext2 doc,
   e2fsprogs ext2_fs.h). */
static void phase5(void)
{
	struct aegis_diskinfo info;
	expect(sys_disk_info(0, &info), 0, "ext2: info");
	get_pages(P_RCAP, P_WCAP);
	/* The whole disk past the table at once: freeing a part taken to
	   look would zero it (SYS_disk_free scrubs). */
	expect(alloc(2, info.nblocks - 2, A_RCAP, A_WCAP), 0, "ext2: own the disk past the table");
	zero(chk);
	expect(io(0, 2, 2, A_RCAP, chk_ppn, P_WCAP, 0), 0, "ext2: read the superblock");
	unsigned magic = chk[56] | chk[57] << 8;
	unsigned count = chk[4] | chk[5] << 8 | chk[6] << 16 | (unsigned)chk[7] << 24;
	unsigned log = chk[24];
	sys_check(magic == 0xef53, "ext2: its magic is 0xef53");
	unsigned end = log < 8 ? count << (1 + log) : 0;
	sys_check(end > 2 && end <= info.nblocks, "ext2: its size fits the disk");
}

static void phase6(void)
{
	struct aegis_diskinfo info;
	struct aegis_disk_extent k;
	expect(sys_disk_info(0, &info), 0, "boot disk: info");
	expect(sys_disk_extent(0, 0, &k), 0, "boot disk: extent 0 listed");
	sys_check(info.formatted && info.nextents == 1 && k.start > 64 &&
		  k.start + k.nblocks <= info.nblocks && info.nblocks - (k.start + k.nblocks) < 8,
		  "boot disk: one extent, the kernel's, at the disk's end");
	get_pages(P_RCAP, P_WCAP);
	expect(alloc(k.start, 1, A_RCAP, A_WCAP), -AEGIS_EBUSY, "boot disk: an alloc of the kernel's first block");
	expect(alloc(16, k.start - 16 + 1, A_RCAP, A_WCAP), -AEGIS_EBUSY,
	       "boot disk: an alloc reaching into the kernel's extent");
	expect(io(0, k.start, 1, A_RCAP, chk_ppn, P_WCAP, 0), -AEGIS_EPERM,
	       "boot disk: reading the kernel without its capability");
	expect(io(1, k.start, 1, A_WCAP, buf_ppn, P_RCAP, 0), -AEGIS_EPERM,
	       "boot disk: writing the kernel without its capability");
	expect(sys_disk_free(0, k.start, A_WCAP), -AEGIS_EPERM, "boot disk: freeing it with a guessed cap");
	expect(alloc(16, 16, A_RCAP, A_WCAP), 0, "boot disk: blocks before it can be allocated");
	expect(sys_disk_free(0, 16, A_WCAP), 0, "boot disk: ... and freed");
	sys_check(sys_disk_info(0, &info) == 0 && info.nextents == 1, "boot disk: the kernel's extent remains");
}

int main(unsigned role, unsigned arg)
{
	if (role == 1)
		return child(arg);
	char w[32];
	int phase = 0;
	for (unsigned i = 0; sys_boot_arg(i, w, sizeof w) >= 0; i++)
		if (w[0] == 'd' && w[1] == 'i' && w[2] == 's' && w[3] == 'k' && w[4] == 't' &&
		    w[5] == 'e' && w[6] == 's' && w[7] == 't' && w[8] == '=')
			phase = w[9] - '0';
	struct aegis_diskinfo info;
	if (phase == 0 && sys_disk_info(0, &info) == -AEGIS_ENOENT)
		mode_nodisk();
	else if (phase == 1)
		phase1();
	else if (phase == 2)
		phase2();
	else if (phase == 3)
		phase3();
	else if (phase == 4)
		phase4();
	else if (phase == 5)
		phase5();
	else if (phase == 6)
		phase6();
	else
		sys_check(1, "disk: a disk, but no disktest= phase given");
	return 0;
}
