/*
 * fsbench.c - ExOS's ext2 library (exos/fs) on Aegis's disk, timed: a
 * large file written sequentially and synced, read cold (after an
 * unmount and a mount: the buffer cache empty) and warm (read again,
 * the cache holding what it kept), then many small files created
 * (synced), read cold and warm, and deleted (synced). bench/report's
 * "Disk" section (bench/reportlib/diskbench.py) runs it on a fresh ext2
 * image made by mke2fs, on a throw-away overlay (-d tmp:FILE), booted
 * with diskinit=0 so that Aegis writes an empty ownership table.
 *
 * The file system's extent is ExOS's own (exos/fs/adisk.h): [2, the
 * disk's end) with ExOS's capabilities, allocated here if no extent
 * holds it yet (a disk made by mke2fs and just given a table), used as
 * it is otherwise. The program mounts the file system itself, so that the
 * buffer cache's size and write policy are the benchmark's to choose.
 *
 * Boot words: bytes=N (the large file, default 4 MB), chunk=N (bytes a
 * read or write call, default 64 KB), warm=N (bytes of the large file
 * read warm, default 1 MB), files=N (default 500), fsize=N (bytes each,
 * default 1024), cachekb=N (the buffer cache, default 3072 KB) or
 * cache=N (the same in file system blocks), policy=wb|wt (write-back,
 * the default: dirty blocks wait for fs_sync; write-through: every
 * change written in the crash-safe order). The cache cannot hold the
 * 4 MB file: an ExOS process maps at most PT_MAXPTE = 1024 pages (4 MB,
 * exos/lib/pt.h) in all, so "warm" is the first `warm` bytes read a
 * second time (the first read, untimed, brings them in), and the
 * defaults keep the small files and their metadata within the cache.
 * spoil=K (a test of the check, bench/tests/disk-smoke): the K-th block
 * read from the disk after the first remount comes back with one byte
 * changed, as from a faulty disk; the check must fail and the phase's
 * figure not be printed.
 *
 * Only the file system's calls are timed (pmaxsim's counter page,
 * simulated cycles): filling buffers and checking what was read are not.
 * Every byte read is compared with what was written; a phase's line is
 * printed only when its data were right:
 *   bench disk fs-config block=B cache=N policy=wb
 *   bench disk fs-write bytes=B us=U cycles=C reads=R writes=W
 *   bench disk fs-read-cold bytes=B us=U cycles=C reads=R writes=W
 *   bench disk fs-read-warm bytes=W us=U cycles=C reads=R writes=W
 *   bench disk fs-create files=N size=S us=U cycles=C reads=R writes=W
 *   bench disk fs-read-files-cold files=N size=S ...
 *   bench disk fs-read-files-warm files=N size=S ...
 *   bench disk fs-delete files=N size=S ...
 * reads and writes: the file system blocks it moved to and from the disk.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <aegis/disk.h>
#include "exos.h"
#include "fs/adisk.h"
#include "fs/bdev.h"
#include "fs/fs.h"

static struct bdev bd;
static int (*dev_read)(struct bdev *, uint32_t, uint32_t, void *);
static uint32_t spoil, nread;
static int spoil_armed;
static struct fs *fs;
static struct fs_opts opts;
static uint8_t *buf, *want;		/* on the heap: a chunk; the pattern, then scratch */
static uint32_t chunk, bsize;

/* Time and block counts of one phase, accumulated around fs calls. */
struct phase {
	uint64_t cycles;
	uint32_t reads, writes;
};
static uint64_t t_start;
static struct fs_counts c_start;

static void begin(void)
{
	fs_counts(fs, &c_start);
	t_start = exos_cycles();
}

static void end(struct phase *p)
{
	uint64_t t = exos_cycles();
	struct fs_counts c;
	fs_counts(fs, &c);
	p->cycles += t - t_start;
	p->reads += c.reads - c_start.reads;
	p->writes += c.writes - c_start.writes;
}

/* "bench disk NAME WHAT us=U cycles=C reads=R writes=W" */
static void line(const char *name, const char *what, const struct phase *p)
{
	printf("bench disk %s %s us=%lu cycles=%lu reads=%lu writes=%lu\n", name, what,
	       (unsigned long)(p->cycles / exos_mhz()), (unsigned long)p->cycles,
	       (unsigned long)p->reads, (unsigned long)p->writes);
}

/* What bytes off..off+len of a file hold (len a multiple of 4): a fixed
   pattern with (offset ^ salt) stamped every 512 bytes; the large file's
   salt is a constant, a small file's its number. */
static void expect(uint8_t *p, uint32_t off, uint32_t len, uint32_t salt)
{
	memcpy(p, want, len);
	for (uint32_t i = 0; i + 4 <= len; i += 512) {
		uint32_t v = (off + i) ^ salt;
		memcpy(p + i, &v, 4);
	}
}

/* The block device's read, counting reads once armed and spoiling the
   spoil-th (spoil=K). */
static int spoiling_read(struct bdev *b, uint32_t sec, uint32_t n, void *p)
{
	int r = dev_read(b, sec, n, p);
	if (r == 0 && spoil_armed && ++nread == spoil)
		((uint8_t *)p)[n * b->secsize / 2] ^= 0x40;
	return r;
}

static int mount(void)
{
	int r = fs_mount(&fs, &bd, &opts);
	if (r)
		printf("# fsbench: mount: %d %s\n", r, fs ? fs_error(fs) : "");
	return r;
}

static int remount(void)
{
	int r = fs_unmount(fs);
	fs = NULL;
	return r ? r : mount();
}

/* Read [0, len) of /big in chunks, comparing; time the fs calls into p
   (NULL: untimed). 1 if every byte was right. */
static int read_big(uint32_t len, struct phase *p)
{
	static struct phase scratch;
	struct fs_file f;
	uint32_t wrong = 0;
	int ok, r;
	if (!p)
		p = &scratch;
	begin();
	r = fs_open(fs, &f, "/big", FS_O_RDONLY, 0);
	end(p);
	ok = r == 0;
	for (uint32_t off = 0; off < len && ok; off += chunk) {
		uint32_t n = len - off < chunk ? len - off : chunk;
		memset(buf, 0xee, n);
		begin();
		ok = fs_read(&f, buf, n) == (int)n;
		end(p);
		uint8_t *e = want + chunk;	/* the second half of want */
		expect(e, off, n, 0x5eed0000u);
		wrong += ok && memcmp(buf, e, n) != 0;
	}
	if (r == 0) {
		begin();
		fs_close(&f);
		end(p);
	}
	return ok && wrong == 0;
}

/* The large file: write, sync; read cold; read its first `warm` bytes
   twice, timing the second. */
static int big(uint32_t bytes, uint32_t warm)
{
	struct phase w = { 0 }, rc = { 0 }, rw = { 0 };
	struct fs_file f;
	int ok = 1, r;
	begin();
	r = fs_open(fs, &f, "/big", FS_O_CREAT | FS_O_TRUNC | FS_O_WRONLY, 0644);
	end(&w);
	if (!exos_check(r == 0, "fsbench: create /big (%d)", r))
		return 0;
	for (uint32_t off = 0; off < bytes && ok; off += chunk) {
		uint32_t n = bytes - off < chunk ? bytes - off : chunk;
		expect(buf, off, n, 0x5eed0000u);
		begin();
		ok = fs_write(&f, buf, n) == (int)n;
		end(&w);
	}
	begin();
	ok = fs_close(&f) == 0 && ok;
	ok = fs_sync(fs) == 0 && ok;
	end(&w);
	if (!exos_check(ok, "fsbench: %lu bytes written and synced", (unsigned long)bytes) ||
	    !exos_check(remount() == 0, "fsbench: unmount and mount again (the cache is empty)"))
		return 0;
	spoil_armed = 1;
	if (!exos_check(read_big(bytes, &rc), "fsbench: /big read after the mount (cold): every byte as written") ||
	    !exos_check(read_big(warm, NULL) && read_big(warm, &rw),
			"fsbench: its first %lu bytes read twice (the second warm): as written", (unsigned long)warm))
		return 0;
	char what[48];
	snprintf(what, sizeof what, "bytes=%lu", (unsigned long)bytes);
	line("fs-write", what, &w);
	line("fs-read-cold", what, &rc);
	snprintf(what, sizeof what, "bytes=%lu", (unsigned long)warm);
	line("fs-read-warm", what, &rw);
	return 1;
}

static void name_of(char *s, uint32_t i) { snprintf(s, 32, "/small/f%05lu", (unsigned long)i); }

/* Read every small file and compare; 1 if all were right. */
static int read_files(uint32_t files, uint32_t fsize, struct phase *p)
{
	uint32_t wrong = 0;
	char name[32];
	for (uint32_t i = 0; i < files; i++) {
		struct fs_file f;
		int r, n = -1;
		name_of(name, i);
		memset(buf, 0xee, fsize);
		begin();
		r = fs_open(fs, &f, name, FS_O_RDONLY, 0);
		if (r == 0) {
			n = fs_read(&f, buf, fsize + 1);	/* one more: the size is right too */
			fs_close(&f);
		}
		end(p);
		expect(want + chunk, 0, fsize, i);
		wrong += n != (int)fsize || memcmp(buf, want + chunk, fsize) != 0;
	}
	return wrong == 0;
}

/* Small files: create (synced), read cold and warm, delete (synced). */
static int small(uint32_t files, uint32_t fsize)
{
	struct phase cr = { 0 }, rc = { 0 }, rw = { 0 }, del = { 0 };
	char name[32];
	int ok, r;
	begin();
	r = fs_mkdir(fs, "/small", 0755);
	end(&cr);
	ok = exos_check(r == 0, "fsbench: mkdir /small (%d)", r);
	for (uint32_t i = 0; i < files && ok; i++) {
		struct fs_file f;
		name_of(name, i);
		expect(buf, 0, fsize, i);
		begin();
		ok = fs_open(fs, &f, name, FS_O_CREAT | FS_O_EXCL | FS_O_WRONLY, 0644) == 0 &&
		     fs_write(&f, buf, fsize) == (int)fsize;
		ok = fs_close(&f) == 0 && ok;
		end(&cr);
	}
	begin();
	ok = ok && fs_sync(fs) == 0;
	end(&cr);
	if (!exos_check(ok, "fsbench: %lu files of %lu bytes created and synced", (unsigned long)files,
			(unsigned long)fsize) ||
	    !exos_check(remount() == 0, "fsbench: unmount and mount again") ||
	    !exos_check((spoil_armed = 1) && read_files(files, fsize, &rc), "fsbench: every small file read after the mount (cold) as written") ||
	    !exos_check(read_files(files, fsize, &rw), "fsbench: and again (warm)"))
		return 0;
	for (uint32_t i = 0; i < files && ok; i++) {
		name_of(name, i);
		begin();
		ok = fs_unlink(fs, name) == 0;
		end(&del);
	}
	begin();
	ok = ok && fs_rmdir(fs, "/small") == 0 && fs_sync(fs) == 0;
	end(&del);
	struct fs_stat st;
	if (!exos_check(ok && fs_stat(fs, "/small", &st) == -ENOENT, "fsbench: all deleted and synced"))
		return 0;
	char what[48];
	snprintf(what, sizeof what, "files=%lu size=%lu", (unsigned long)files, (unsigned long)fsize);
	line("fs-create", what, &cr);
	line("fs-read-files-cold", what, &rc);
	line("fs-read-files-warm", what, &rw);
	line("fs-delete", what, &del);
	return 1;
}

/* The file system's extent: ExOS's, [2, the disk's end). */
static int attach(void)
{
	struct aegis_diskinfo info;
	uint32_t rcap, wcap;
	if (!exos_check(sys_disk_info(EXOS_FS_DISK, &info) == 0 && info.formatted,
			"fsbench: disk 0 has an ownership table (tools/mkdisk's, or diskinit=0)") ||
	    !exos_check(exos_fs_caps(&rcap, &wcap) == 0, "fsbench: ExOS's file system capabilities"))
		return 0;
	uint32_t n = info.nblocks - EXOS_FS_START;
	struct aegis_disk_extent x = { EXOS_FS_DISK, EXOS_FS_START, n, rcap, wcap };
	int r = sys_disk_alloc(&x);
	if (r == -AEGIS_EBUSY)	/* already ExOS's (an image with its table): the mount will tell */
		r = 0;
	if (!exos_check(r == 0, "fsbench: the extent [2, %lu) is ExOS's (%d)", (unsigned long)info.nblocks, r) ||
	    !exos_check(bdev_adisk_init(&bd, EXOS_FS_DISK, EXOS_FS_START, n, rcap, wcap) == 0,
			"fsbench: a block device on it"))
		return 0;
	dev_read = bd.read;
	bd.read = spoiling_read;
	return 1;
}

int main(void)
{
	uint32_t bytes = exos_boot_arg_num("bytes", 4u << 20);
	uint32_t warm = exos_boot_arg_num("warm", 1u << 20);
	uint32_t files = exos_boot_arg_num("files", 500);
	uint32_t fsize = exos_boot_arg_num("fsize", 1024);
	char pol[8] = "wb";
	chunk = exos_boot_arg_num("chunk", 65536);
	spoil = exos_boot_arg_num("spoil", 0);
	exos_boot_arg("policy", pol, sizeof pol);
	if (!exos_check(exos_mhz() != 0, "fsbench: pmaxsim's counter page is there") ||
	    !exos_check(chunk >= 4 && chunk % 4 == 0 && fsize <= chunk && fsize % 4 == 0 &&
			(!strcmp(pol, "wb") || !strcmp(pol, "wt")),
			"fsbench: chunk=%lu (a multiple of 4), fsize=%lu (a multiple of 4, <= chunk), policy=%s (wb|wt)",
			(unsigned long)chunk, (unsigned long)fsize, pol) ||
	    !attach())
		return exos_test_result();
	buf = malloc(chunk);
	want = malloc(2 * chunk);	/* the pattern, then a scratch copy */
	if (!exos_check(buf && want, "fsbench: %lu-byte buffers on the heap", (unsigned long)chunk))
		return exos_test_result();
	for (uint32_t i = 0; i < chunk; i++)
		want[i] = (uint8_t)(i * 7u + (i >> 9) + 1);

	/* Mount once with the default cache to learn the block size, then
	   with the cache asked for. */
	opts.policy = !strcmp(pol, "wt") ? FS_WRITE_THROUGH : FS_WRITE_BACK;
	if (!exos_check(mount() == 0, "fsbench: mount ext2 on disk 0"))
		return exos_test_result();
	struct fs_counts c;
	fs_counts(fs, &c);
	bsize = c.block_size;
	opts.cache_blocks = exos_boot_arg_num("cache", exos_boot_arg_num("cachekb", 3072) * 1024 / bsize);
	if (!exos_check(remount() == 0, "fsbench: mount with a %lu-block cache", (unsigned long)opts.cache_blocks))
		return exos_test_result();
	printf("bench disk fs-config block=%lu cache=%lu policy=%s\n", (unsigned long)bsize,
	       (unsigned long)opts.cache_blocks, pol);
	if (bytes)
		big(bytes, warm < bytes ? warm : bytes);
	if (files)
		small(files, fsize);
	struct fs_file f;
	if (bytes && fs_open(fs, &f, "/big", FS_O_RDONLY, 0) == 0) {
		fs_close(&f);
		exos_check(fs_unlink(fs, "/big") == 0, "fsbench: /big deleted");
	}
	exos_check(fs_unmount(fs) == 0, "fsbench: unmount");
	bdev_adisk_close(&bd);
	return exos_test_result();
}
