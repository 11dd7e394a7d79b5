/*
 * tdisk.c - ExOS's file system on Aegis's disk, mounted at / by the
 * library at the first file call (exos/fs/adisk.h), used through newlib.
 * Booted as init on a copy of the root disk (exos/fs/tests/disk-test
 * runs it and then judges the image with e2fsck and debugfs). The boot
 * word tdisk=MODE picks what it does:
 *   (none)   the whole test: files mke2fs wrote read back (their FNV-1a
 *            hashes in the boot word fnv=H1,H2,H3,H4, the host's), files
 *            of many sizes written in a pattern the host regenerates,
 *            directories, renames, unlinks, 200 small files, a full disk
 *            (ENOSPC, then room again), the current directory; a child
 *            that writes the same file system between two of the
 *            parent's writes (the rule of docs/exos.md: sync before the
 *            spawn, reload after the wait), and a hostile child without
 *            ExOS's capabilities, refused by Aegis with the disk unchanged.
 *   none     no file system may be found (no disk, no table, wrong caps,
 *            no ext2): open and stat fail with ENOENT (the host checks
 *            the one line the library printed).
 *   adopt    a bare mke2fs image on a disk just given an empty table: the
 *            files read back (the host then checks the table's extent).
 *   ro       a write-protected disk: the files read back, changes get EROFS.
 *   crash    the crash test's writer (exos/fs/tests/disk-crash-test):
 *            creates, appends, renames, unlinks; every 7th step writes
 *            /c/keepN (1500 + 100N bytes, seed N) and syncs;
 *            prints the cycles its write phase starts and ends at
 *            (high and low 32 bits).
 * The pattern: byte i of a file with seed s is (i * 2654435761 >> 24) ^ s
 * (32-bit arithmetic), s < 256.
 */
#include <errno.h>
#include <malloc.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <aegis/disk.h>
#include "exos.h"
#include "vm.h"
#include "fs/adisk.h"
#include "fs/posix.h"

static uint8_t pat(uint32_t i, uint32_t s) { return (uint8_t)((i * 2654435761u) >> 24 ^ s); }

static uint8_t *buf;	/* 4 KB on the heap */
#define BUF 4096u

/* write len bytes of pattern s to path, in pieces of step bytes; 0 or errno */
static int put(const char *path, uint32_t len, uint32_t s, uint32_t step, int flags)
{
	int fd = open(path, O_WRONLY | O_CREAT | flags, 0644);
	if (fd < 0)
		return errno;
	uint32_t done = 0;
	while (done < len) {
		uint32_t n = len - done < step ? len - done : step;
		for (uint32_t i = 0; i < n; i++)
			buf[i] = pat(done + i, s);
		int w = write(fd, buf, n);
		if (w != (int)n) {
			int e = w < 0 ? errno : ENOSPC;
			close(fd);
			return e;
		}
		done += n;
	}
	return close(fd) < 0 ? errno : 0;
}

/* path holds exactly len bytes of pattern s */
static int holds(const char *path, uint32_t len, uint32_t s)
{
	int fd = open(path, O_RDONLY), n;
	uint32_t off = 0, bad = 0;
	if (fd < 0)
		return 0;
	while ((n = read(fd, buf, 1000)) > 0) {
		for (int i = 0; i < n; i++)
			bad |= buf[i] != pat(off + (uint32_t)i, s);
		off += (uint32_t)n;
	}
	close(fd);
	return n == 0 && !bad && off == len;
}

static uint32_t fnv(const char *path, int *ok)
{
	uint32_t h = 2166136261u;
	int fd = open(path, O_RDONLY), n;
	*ok = fd >= 0;
	if (fd < 0)
		return 0;
	while ((n = read(fd, buf, 700)) > 0)
		for (int i = 0; i < n; i++)
			h = (h ^ buf[i]) * 16777619u;
	*ok = n == 0;
	close(fd);
	return h;
}

static const char *const known[] = { "/etc/motd", "/doc/README", "/home/guest/lines.txt", "/bin/matrix" };

static void read_known(void)
{
	char w[64], *p = w;
	if (exos_boot_arg("fnv", w, sizeof w) < 0) {
		exos_check(0, "disk: the boot word fnv= (the host's hashes) is there");
		return;
	}
	for (unsigned i = 0; i < 4; i++) {
		uint32_t want = (uint32_t)strtoul(p, &p, 16);
		int ok;
		uint32_t got = fnv(known[i], &ok);
		exos_check(ok && got == want, "disk: %s as mke2fs wrote it (fnv %08x, host %08x)", known[i],
			   (unsigned)got, (unsigned)want);
		if (*p == ',')
			p++;
	}
}

static const uint32_t sizes[] = { 0, 1, 511, 512, 1023, 4096, 12288, 71680, 307200 };

static void many_sizes(void)
{
	char path[32];
	exos_check(mkdir("/t", 0755) == 0, "disk: mkdir /t");
	for (unsigned i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		sniprintf(path, sizeof path, "/t/s%u", (unsigned)sizes[i]);
		uint32_t c0 = (uint32_t)exos_cycles();
		int e = put(path, sizes[i], sizes[i] % 251, 1000, O_TRUNC);
		uint32_t c1 = (uint32_t)exos_cycles();
		struct stat st;
		exos_check(e == 0 && stat(path, &st) == 0 && st.st_size == (off_t)sizes[i] && holds(path, sizes[i], sizes[i] % 251),
			   "disk: %s: %u bytes written and read back (error %d)", path, (unsigned)sizes[i], e);
		if (sizes[i] == 307200 && exos_mhz())
			iprintf("# 300 KB written through in %u ms of simulated time\n", (unsigned)((c1 - c0) / exos_mhz() / 1000));
	}
}

static void dirs_and_names(void)
{
	struct stat st;
	exos_check(mkdir("/t/d1", 0755) == 0 && mkdir("/t/d1/d2", 0755) == 0, "disk: nested mkdir");
	exos_check(put("/t/d1/d2/f", 3000, 77, 512, 0) == 0, "disk: a file in /t/d1/d2");
	exos_check(rmdir("/t/d1") < 0 && errno == ENOTEMPTY, "disk: rmdir of a non-empty directory: ENOTEMPTY");
	exos_check(mkdir("/t/d1", 0755) < 0 && errno == EEXIST, "disk: mkdir of an existing name: EEXIST");
	exos_check(put("/t/old", 3, 1, 3, 0) == 0, "disk: /t/old");
	exos_check(rename("/t/d1/d2/f", "/t/old") == 0, "disk: rename across directories over an existing file");
	exos_check(holds("/t/old", 3000, 77) && stat("/t/d1/d2/f", &st) < 0 && errno == ENOENT,
		   "disk: the file has its new name only, with its contents");
	exos_check(rename("/t/old", "/t/renamed") == 0 && holds("/t/renamed", 3000, 77),
		   "disk: rename within a directory");
	exos_check(rmdir("/t/d1/d2") == 0 && rmdir("/t/d1") == 0 && stat("/t/d1", &st) < 0,
		   "disk: rmdir of the emptied directories");
	exos_check(put("/t/gone", 5000, 3, 4096, 0) == 0 && unlink("/t/gone") == 0 && open("/t/gone", O_RDONLY) < 0 &&
		   errno == ENOENT, "disk: unlink, then open: ENOENT");
	exos_check(unlink("/t/nosuch") < 0 && errno == ENOENT, "disk: unlink of nothing: ENOENT");
	/* the current directory */
	char cwd[64];
	exos_check(chdir("/home/guest") == 0 && getcwd(cwd, sizeof cwd) && !strcmp(cwd, "/home/guest"),
		   "disk: chdir /home/guest, getcwd");
	int fd = open("lines.txt", O_RDONLY);
	exos_check(fd >= 0 && read(fd, cwd, 4) == 4 && !memcmp(cwd, "one\n", 4), "disk: a relative path from there");
	close(fd);
	exos_check(chdir("../../t/./") == 0 && getcwd(cwd, sizeof cwd) && !strcmp(cwd, "/t") && stat("s512", &st) == 0 &&
		   st.st_size == 512, "disk: chdir ../../t/./ is /t");
	exos_check(chdir("s512") < 0 && errno == ENOTDIR && chdir("/nosuch") < 0 && errno == ENOENT &&
		   getcwd(cwd, sizeof cwd) && !strcmp(cwd, "/t"), "disk: chdir to a file or nothing fails, changes nothing");
	chdir("/");
}

static void many_files(void)
{
	char path[32];
	int ok = mkdir("/t/many", 0755) == 0;
	for (unsigned i = 0; i < 200 && ok; i++) {
		sniprintf(path, sizeof path, "/t/many/f%03u", i);
		ok = put(path, i * 13 % 700, i, 256, 0) == 0;
	}
	exos_check(ok, "disk: 200 small files created");
	DIR *d = opendir("/t/many");
	unsigned n = 0;
	struct dirent *e;
	while (d && (e = readdir(d)))
		n += e->d_name[0] == 'f';
	if (d)
		closedir(d);
	exos_check(n == 200, "disk: readdir lists 200 (%u)", n);
	for (unsigned i = 0; i < 200 && ok; i += 2) {
		sniprintf(path, sizeof path, "/t/many/f%03u", i);
		ok = unlink(path) == 0;
	}
	for (unsigned i = 1; i < 200 && ok; i += 2) {
		sniprintf(path, sizeof path, "/t/many/f%03u", i);
		ok = holds(path, i * 13 % 700, i);
	}
	exos_check(ok, "disk: the even ones unlinked, the odd ones hold their bytes");
}

static void full_disk(void)
{
	struct fs_counts c0, c1, c2;
	fs_counts(exos_fs_get(), &c0);
	int fd = open("/t/fill", O_WRONLY | O_CREAT | O_TRUNC, 0644), w = 0, e = 0;
	uint32_t total = 0;
	for (uint32_t i = 0; i < BUF; i++)
		buf[i] = pat(i, 5);
	while (fd >= 0 && (w = write(fd, buf, BUF)) == (int)BUF)
		total += BUF;
	e = errno;
	if (w > 0) {
		total += (uint32_t)w;
		w = write(fd, buf, BUF);
		e = errno;
	}
	fs_counts(exos_fs_get(), &c1);
	exos_check(fd >= 0 && w < 0 && e == ENOSPC && c1.free_blocks == 0,
		   "disk: written until full (%u bytes): ENOSPC, no block free", (unsigned)total);
	close(fd);
	exos_check(put("/t/nospace", 10, 1, 10, 0) == ENOSPC || put("/t/nospace", 2048, 1, 2048, 0) == ENOSPC,
		   "disk: a new file's data gets ENOSPC too");
	unlink("/t/nospace");
	exos_check(unlink("/t/fill") == 0, "disk: unlink the full file");
	fs_counts(exos_fs_get(), &c2);
	exos_check(c2.free_blocks == c0.free_blocks, "disk: every block back (%u free, %u before)",
		   (unsigned)c2.free_blocks, (unsigned)c0.free_blocks);
	exos_check(put("/t/after", 100000, 9, 4096, 0) == 0 && holds("/t/after", 100000, 9),
		   "disk: after the delete, 100000 bytes written again");
	fd = open("/t/after", O_RDONLY);
	exos_check(fd >= 0 && fsync(fd) == 0, "disk: fsync");
	close(fd);
}

/* A child's checks join the parent's plan. */
static unsigned child_checks;
static int run_child(unsigned role)
{
	struct aegis_exit x;
	int id = proc_spawn("tdisk", role, 0);
	if (id < 0 || proc_wait_full(id, &x) < 0)
		return -1;
	child_checks += x.checks;
	return x.killed ? 128 + (int)x.exc_code : x.status;
}

static int finish(void)
{
	struct aegis_envinfo ei;
	fflush(stdout);
	if (sys_envinfo(exos_envid, &ei) == 0 && ei.parent == 0)
		iprintf("1..%u\n", (unsigned)exos_checks_done() + child_checks);
	fflush(stdout);
	return exos_checks_failed() ? 1 : 0;
}

/* The rule: the parent syncs before the spawn and reloads after the
   wait, so each sees the other's changes. */
static void sharing(void)
{
	exos_check(put("/t/shared", 700, 11, 700, 0) == 0, "disk: the parent writes /t/shared");
	exos_check(run_child(2) == 0, "disk: a child used the file system and exited 0");
	exos_check(holds("/t/shared", 1400, 11), "disk: the parent reads the child's append (1400 bytes)");
	exos_check(holds("/t/fromchild", 5000, 99), "disk: ... and the file the child made");
	exos_check(put("/t/afterchild", 2000, 12, 1000, 0) == 0 && holds("/t/afterchild", 2000, 12),
		   "disk: the parent writes on after the reload");
}

static int child_shares(void)
{
	int fd = open("/t/shared", O_WRONLY | O_APPEND);
	uint8_t b[700];
	for (uint32_t i = 0; i < 700; i++)
		b[i] = pat(700 + i, 11);
	int ok = fd >= 0 && write(fd, b, 700) == 700 && close(fd) == 0;
	ok &= holds("/t/shared", 1400, 11) && put("/t/fromchild", 5000, 99, 999, 0) == 0;
	exos_check(ok, "disk: the child appends to the parent's file and makes one");
	return exos_test_result();
}

/* Blocks a hostile environment aims at, hashed by one that may read them. */
static const unsigned aimed[] = { 2, 3, 4, 100, 1000, 16383 };
static uint32_t disk_hash(void)
{
	static struct bdev bd;
	if (!bd.read && bdev_adisk_init(&bd, EXOS_FS_DISK, EXOS_FS_START, 16382, EXOS_FS_RCAP, EXOS_FS_WCAP) < 0)
		return 0;
	uint32_t h = 2166136261u;
	for (unsigned i = 0; i < sizeof aimed / sizeof *aimed; i++) {
		if (bd.read(&bd, aimed[i], 1, buf) < 0)
			return 0;
		for (unsigned k = 0; k < 512; k++)
			h = (h ^ buf[k]) * 16777619u;
	}
	return h;
}

/* The hostile child: it knows where the file system is, not its
   capabilities (it guesses). Its own page for the transfers. */
static int child_hostile(void)
{
	uint32_t ppn, cap;
	uint8_t *page = memalign(4096, 4096);
	int prot;
	exos_check(page && vm_lookup((uint32_t)page, &ppn, &cap, &prot) == 0, "disk: the hostile child has a page");
	const uint32_t guesses[] = { 0, EXOS_FS_RCAP ^ 1, EXOS_FS_WCAP + 0x100, 0xffffffffu, EXOS_FS_RCAP << 1 };
	int refused = 1;
	memset(page, 0x5a, 4096);
	for (unsigned g = 0; g < sizeof guesses / sizeof *guesses; g++)
		for (unsigned i = 0; i < sizeof aimed / sizeof *aimed; i++) {
			struct aegis_disk_io io = { EXOS_FS_DISK, aimed[i], 1, guesses[g], ppn, cap, 0 };
			refused &= sys_disk_read(&io) == -AEGIS_EPERM;
			refused &= sys_disk_write(&io) == -AEGIS_EPERM;
		}
	exos_check(refused, "disk: reads and writes of the file system's blocks with 5 guessed caps: EPERM");
	exos_check(sys_disk_free(EXOS_FS_DISK, EXOS_FS_START, 0) == -AEGIS_EPERM &&
		   sys_disk_free(EXOS_FS_DISK, EXOS_FS_START, EXOS_FS_RCAP) == -AEGIS_EPERM,
		   "disk: freeing the extent with a guess or the read cap: EPERM");
	struct aegis_disk_extent x = { EXOS_FS_DISK, EXOS_FS_START, 16382, 1, 2 };
	exos_check(sys_disk_setcap(&x, 0x12345678u) == -AEGIS_EPERM, "disk: new caps for it with a guess: EPERM");
	struct aegis_disk_extent y = { EXOS_FS_DISK, 100, 8, 1, 2 };
	exos_check(sys_disk_alloc(&y) == -AEGIS_EBUSY, "disk: allocating blocks inside it: EBUSY");
	return exos_test_result();
}

static void protection(void)
{
	fs_sync(exos_fs_get());	/* what the spawn's sync would write, written before the hash */
	uint32_t before = disk_hash();
	exos_check(run_child(1) == 0, "disk: the hostile child ran, its checks passed");
	exos_check(before && disk_hash() == before, "disk: the blocks it aimed at are unchanged");
}

static void mode_none(void)
{
	struct stat st;
	exos_check(open("/etc/motd", O_RDONLY) < 0 && errno == ENOENT, "disk: no file system: open fails with ENOENT");
	exos_check(stat("/", &st) < 0 && errno == ENOENT && !exos_fs_get(), "disk: ... stat too, nothing mounted");
}

static void mode_crash(void)
{
	char a[32], b[32];
	mkdir("/c", 0755);
	uint64_t c = exos_cycles();
	iprintf("# crash: write phase from cycle %u %u\n", (unsigned)(c >> 32), (unsigned)c);
	for (unsigned i = 0; i < 60; i++) {
		sniprintf(a, sizeof a, "/c/f%u", i % 12);
		sniprintf(b, sizeof b, "/c/g%u", i % 12);
		switch (i % 5) {
		case 0: put(a, 1000 + i * 300, i, 700, O_TRUNC); break;
		case 1: put(a, 2000, i, 1024, O_APPEND); break;
		case 2: rename(a, b); break;
		case 3: unlink(b); break;
		case 4: mkdir(a, 0755); rmdir(a); put(b, 13000, i, 4096, O_TRUNC); break;
		}
		if (i % 7 == 6) {	/* a file no later step touches, then the sync */
			sniprintf(a, sizeof a, "/c/keep%u", i);
			put(a, 1500 + i * 100, i, 1024, O_TRUNC);
			fs_sync(exos_fs_get());
			iprintf("# crash: synced after step %u\n", i);
		}
	}
	c = exos_cycles();
	iprintf("# crash: write phase ends at cycle %u %u\n", (unsigned)(c >> 32), (unsigned)c);
}

int main(void)
{
	buf = malloc(BUF);
	if (exos_arg0 == 2)
		return child_shares();
	if (exos_arg0 == 1)
		return child_hostile();
	char mode[16] = "";
	exos_boot_arg("tdisk", mode, sizeof mode);
	if (!strcmp(mode, "none")) {
		mode_none();
	} else if (!strcmp(mode, "crash")) {
		mode_crash();
	} else {
		struct stat st;
		exos_check(stat("/etc/motd", &st) == 0 && exos_fs_get(), "disk: / mounted at the first file call");
		read_known();
		if (!strcmp(mode, "adopt"))
			return finish();
		if (!strcmp(mode, "ro")) {
			exos_check(mkdir("/x", 0755) < 0 && errno == EROFS && open("/etc/new", O_WRONLY | O_CREAT, 0644) < 0 &&
				   errno == EROFS && unlink("/etc/motd") < 0 && errno == EROFS,
				   "disk: read-only: mkdir, creat, unlink get EROFS");
			return finish();
		}
		many_sizes();
		dirs_and_names();
		many_files();
		sharing();
		protection();
		full_disk();
	}
	return finish();
}
