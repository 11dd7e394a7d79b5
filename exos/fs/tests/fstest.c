/*
 * exos/fs/tests/fstest.c - host tests of exos/fs (built with the host
 * compiler): the library against a host directory, call for call.
 *   fstest verify IMG DIR    every file and directory of DIR read back
 *                            through the library, byte for byte
 *   fstest work IMG DIR SEED a workload done both on the image and on
 *                            DIR (results and errors must agree); the
 *                            caller compares DIR with debugfs's rdump
 *   fstest fill IMG          write until ENOSPC; earlier files intact
 *   fstest crash IMG SEED N [small]  the workload (or a short one) with
 *                            the device refusing writes after N block
 *                            writes (N < 0: none; prints the count)
 *   fstest mount IMG [ro|refuse|rw] the mount's outcome
 *   fstest churn IMG DIR     every third name of DIR unlinked, 100 new
 *                            names added (DIR hashed by e2fsck -D: its
 *                            index flag must go, e2fsck stays clean)
 *   fstest fuzz IMG N        N copies of IMG in memory, each with bytes of
 *                            its metadata garbled (seeded), mounted,
 *                            walked, read, written: errors, never a crash
 * Exit 0 when every check passed; diagnostics on stderr.
 */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "../fs.h"

static int failures;
#define CHECK(c, ...) do { if (!(c)) { failures++; fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); \
	fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } } while (0)

static uint32_t now(void) { return (uint32_t)time(NULL); }

static struct bdev bd;
static struct fs *fs;
static long write_limit = -1, writes_done;
static int (*real_write)(struct bdev *, uint32_t, uint32_t, const void *);

/* the crash: after write_limit writes the device refuses (a power cut) */
static int limited_write(struct bdev *b, uint32_t sec, uint32_t n, const void *buf)
{
	if (write_limit >= 0 && writes_done >= write_limit)
		return -EIO;
	writes_done++;
	return real_write(b, sec, n, buf);
}

static void mount_img(const char *img, uint32_t cache, enum fs_policy pol)
{
	int r = bdev_file_open(&bd, img, 512);
	if (r) {
		fprintf(stderr, "open %s: %s\n", img, strerror(-r));
		exit(2);
	}
	real_write = bd.write;
	bd.write = limited_write;
	struct fs_opts o = { .cache_blocks = cache, .policy = pol, .now = now };
	r = fs_mount(&fs, &bd, &o);
	if (r) {
		fprintf(stderr, "mount %s: %s (%s)\n", img, strerror(-r), fs_error(fs));
		exit(2);
	}
}

static uint8_t pat(uint32_t seed, uint32_t i)
{
	uint32_t x = (i + seed * 7919u) * 2654435761u;
	return (uint8_t)(x >> 24 ^ i >> 10);
}

/* ---- verify: DIR's tree read back through the library ---- */
static void verify(const char *host, const char *path)
{
	DIR *d = opendir(host);
	if (!d) {
		CHECK(0, "opendir %s", host);
		return;
	}
	struct dirent *e;
	int nhost = 0;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char hp[4096], fp[4096];
		snprintf(hp, sizeof hp, "%s/%s", host, e->d_name);
		snprintf(fp, sizeof fp, "%s/%s", path, e->d_name);
		struct stat st;
		struct fs_stat fst;
		lstat(hp, &st);
		nhost++;
		int r = fs_stat(fs, fp, &fst);
		CHECK(r == 0, "stat %s: %d", fp, r);
		if (r)
			continue;
		if (S_ISDIR(st.st_mode)) {
			CHECK((fst.mode & 0xF000) == 0x4000, "%s not a directory", fp);
			verify(hp, fp);
		} else if (S_ISREG(st.st_mode)) {
			CHECK(fst.size == (uint32_t)st.st_size, "%s: size %u, host %ld", fp, fst.size, (long)st.st_size);
			struct fs_file f;
			r = fs_open(fs, &f, fp, FS_O_RDONLY, 0);
			CHECK(r == 0, "open %s: %d", fp, r);
			FILE *h = fopen(hp, "rb");
			static uint8_t a[65536], b[65536];
			size_t n, total = 0;
			while ((n = fread(a, 1, sizeof a, h)) > 0) {
				int got = fs_read(&f, b, (uint32_t)n);
				CHECK(got == (int)n && !memcmp(a, b, n), "%s: data differs near %zu", fp, total);
				if (got != (int)n || memcmp(a, b, n))
					break;
				total += n;
			}
			CHECK(fs_read(&f, b, 1) == 0, "%s: more data than the host's", fp);
			fclose(h);
			fs_close(&f);
		}
	}
	closedir(d);
	/* the same number of names (lost+found aside) */
	struct fs_dir fd;
	struct fs_dirent fe;
	int nfs = 0;
	CHECK(fs_opendir(fs, &fd, path[0] ? path : "/") == 0, "opendir %s", path);
	while (fs_readdir(&fd, &fe) == 1)
		if (strcmp(fe.name, ".") && strcmp(fe.name, "..") && !(!path[0] && !strcmp(fe.name, "lost+found")))
			nfs++;
	fs_closedir(&fd);
	CHECK(nfs == nhost, "%s: %d names, host %d", path, nfs, nhost);
}

/* ---- the workload, on the image and (when host != NULL) on a host directory ---- */
static const char *hostdir;
static int stop_on_error;	/* the crash run: the cut ends it */

static void hpath(char *out, const char *p) { snprintf(out, 4096, "%s/%s", hostdir, p); }

/* compare the library's result with the host's (-errno each) */
static int agree(const char *what, const char *p, int mine, int host)
{
	if (hostdir)
		CHECK(mine == host || (mine >= 0 && host >= 0 && mine == host), "%s %s: ours %d, host %d", what, p,
		      mine, host);
	return mine;
}
#define H(call) (hostdir ? ((call) < 0 ? -errno : 0) : 0)

static int w_file(const char *p, uint32_t off, uint32_t len, uint32_t seed, int flags)
{
	struct fs_file f;
	int r = fs_open(fs, &f, p, FS_O_WRONLY | flags, 0644), hr = 0, hfd = -1;
	char hp[4096];
	if (hostdir) {
		hpath(hp, p);
		int hf = O_WRONLY | (flags & FS_O_CREAT ? O_CREAT : 0) | (flags & FS_O_TRUNC ? O_TRUNC : 0) |
			 (flags & FS_O_APPEND ? O_APPEND : 0) | (flags & FS_O_EXCL ? O_EXCL : 0);
		hfd = open(hp, hf, 0644);
		hr = hfd < 0 ? -errno : 0;
	}
	if (agree("open", p, r, hr) < 0 || r < 0) {
		if (hfd >= 0)
			close(hfd);
		return r < 0 ? r : -1;
	}
	uint8_t *buf = malloc(len + 1);
	for (uint32_t i = 0; i < len; i++)
		buf[i] = pat(seed, off + i);
	if (!(flags & FS_O_APPEND))
		fs_lseek(&f, (int32_t)off, FS_SEEK_SET);
	int n = fs_write(&f, buf, len);
	if (hfd >= 0) {
		if (!(flags & FS_O_APPEND))
			lseek(hfd, off, SEEK_SET);
		CHECK(n < 0 || write(hfd, buf, (size_t)n) == n, "host write %s", p);
		close(hfd);
	}
	free(buf);
	fs_close(&f);
	if (n != (int)len) {	/* a short write (the disk filled) or -ENOSPC */
		CHECK(stop_on_error || n == -ENOSPC || (n >= 0 && n < (int)len && !hostdir), "write %s: %d of %u", p, n, len);
		return n < 0 ? n : -ENOSPC;
	}
	return 0;
}

static int w_mkdir(const char *p)
{
	char hp[4096];
	hpath(hp, p);
	return agree("mkdir", p, fs_mkdir(fs, p, 0755), H(mkdir(hp, 0755)));
}
static int w_rmdir(const char *p)
{
	char hp[4096];
	hpath(hp, p);
	return agree("rmdir", p, fs_rmdir(fs, p), H(rmdir(hp)));
}
static int w_unlink(const char *p)
{
	char hp[4096];
	hpath(hp, p);
	return agree("unlink", p, fs_unlink(fs, p), H(unlink(hp)));
}
static int w_rename(const char *a, const char *b)
{
	char ha[4096], hb[4096];
	hpath(ha, a);
	hpath(hb, b);
	return agree("rename", a, fs_rename(fs, a, b), H(rename(ha, hb)));
}
static int w_trunc(const char *p, uint32_t size)
{
	char hp[4096];
	hpath(hp, p);
	return agree("truncate", p, fs_truncate(fs, p, size), H(truncate(hp, size)));
}

/* the crash run ends at the cut (the device's EIO); other errors are the workload's */
#define T(x) do { if ((x) == -EIO && stop_on_error) return; } while (0)

/* is a a directory, and b in another one? */
static int moves_dir(const char *a, const char *b)
{
	struct fs_stat st;
	const char *sa = strrchr(a, '/'), *sb = strrchr(b, '/');
	if (fs_stat(fs, a, &st) < 0 || (st.mode & 0xF000) != 0x4000)
		return 0;
	return sa - a != sb - b || strncmp(a, b, (size_t)(sa - a));
}

/* big: the multi-megabyte and triple-indirect files; small: a short
   run (the crash test cuts it at every write) */
static void workload(uint32_t seed, int big, int dir_renames, int small)
{
	static const uint32_t sizes[] = { 0, 1, 1023, 1024, 1025, 4095, 4096, 4097, 12288, 12289,
					  268 * 1024, 268 * 1024 + 1, 300000 };
	unsigned nsizes = small ? 10 : sizeof sizes / sizeof *sizes;
	int nmany = small ? 24 : 300, nrand = small ? 40 : 400;
	uint32_t maxw = small ? 6000 : 30000;
	char p[256];
	T(w_mkdir("w"));
	for (unsigned i = 0; i < nsizes; i++) {
		snprintf(p, sizeof p, "w/s%u", sizes[i]);
		T(w_file(p, 0, sizes[i], seed + i, FS_O_CREAT | FS_O_TRUNC));
	}
	if (big) {
		T(w_file("w/big", 0, 3u << 20, seed, FS_O_CREAT));	/* double indirect at both block sizes */
		T(w_file("w/sparse", 70u << 20, 5000, seed, FS_O_CREAT));	/* triple indirect (1 KB blocks) */
		T(w_file("w/sparse", 100, 10, seed + 1, 0));
	}
	T(w_file("w/s1", 0, 7, seed, FS_O_CREAT | FS_O_EXCL));	/* EEXIST */
	T(w_file("w/app", 0, 1000, seed, FS_O_CREAT | FS_O_APPEND));
	T(w_file("w/app", 0, 3000, seed + 3, FS_O_APPEND));
	if (!small) {
		T(w_file("w/s300000", 5000, 70000, seed + 9, 0));	/* overwrite inside */
		T(w_trunc("w/s300000", 100000));
		T(w_trunc("w/s274433", 13000));
		T(w_trunc("w/s274433", 400000));	/* grows: a hole */
		T(w_file("w/s274433", 200000, 10, seed, 0));
	} else {
		T(w_file("w/s12289", 3000, 20000, seed + 9, 0));	/* into the indirect blocks */
		T(w_trunc("w/s12289", 5000));
	}
	T(w_trunc("w/s268k", 5));	/* ENOENT */
	T(w_mkdir("w/d1"));
	T(w_mkdir("w/d1/d2"));
	T(w_mkdir("w/d1"));	/* EEXIST */
	T(w_file("w/d1/d2/f", 0, 5000, seed, FS_O_CREAT));
	T(w_rmdir("w/d1"));	/* ENOTEMPTY */
	T(w_rename("w/s1", "w/one"));
	T(w_rename("w/one", "w/d1/one"));
	T(w_rename("w/s1023", "w/d1/one"));	/* replaces */
	T(w_rename("w/s0", "w/d1"));	/* EISDIR */
	T(w_unlink("w/s1024"));
	if (hostdir) {	/* unlinked while open: readable until the last close */
		struct fs_file f;
		static uint8_t b[5000];
		int r = fs_open(fs, &f, "w/s4097", FS_O_RDONLY, 0), ok = 1;
		T(w_unlink("w/s4097"));
		struct fs_stat st;
		CHECK(fs_stat(fs, "w/s4097", &st) == -ENOENT, "unlinked: no name");
		CHECK(r == 0 && fs_read(&f, b, sizeof b) == 4097, "an unlinked open file reads whole");
		for (uint32_t i = 0; i < 4097; i++)
			ok &= b[i] == pat(seed + 7, i);
		CHECK(ok, "an unlinked open file keeps its data");
		fs_close(&f);
	}
	T(w_unlink("w/d1"));	/* EISDIR */
	T(w_unlink("w/nothere"));
	/* a directory renamed within its parent, the new name fitting the old
	   entry: one block write, crash safe */
	T(w_mkdir("w/dira"));
	T(w_file("w/dira/f", 0, 2000, seed, FS_O_CREAT));
	T(w_rename("w/dira", "w/dirb"));
	if (dir_renames) {
		T(w_rename("w/d1/d2", "w/d2"));
		T(w_rename("w/d1", "w/d1/x"));	/* EINVAL: into itself */
		T(w_mkdir("w/e"));
		T(w_rename("w/d2", "w/e"));	/* replaces an empty directory */
	}
	/* many small files: the directory grows over several blocks, then shrinks */
	T(w_mkdir("m"));
	for (int i = 0; i < nmany; i++) {
		snprintf(p, sizeof p, "m/file-with-a-longish-name-%d", i);
		T(w_file(p, 0, (uint32_t)(i * 37 % 3000), seed + (uint32_t)i, FS_O_CREAT));
	}
	for (int i = 0; i < nmany; i += 2) {
		snprintf(p, sizeof p, "m/file-with-a-longish-name-%d", i);
		T(w_unlink(p));
	}
	for (int i = 0; i < 40; i++) {
		snprintf(p, sizeof p, "m/n%d", i);
		T(w_file(p, 0, 100, seed, FS_O_CREAT));
	}
	/* a seeded random phase over a few names */
	srand(seed);
	static const char *names[] = { "r/a", "r/b", "r/c", "r/x/a", "r/x/b", "r/y", "r/x/y" };
	T(w_mkdir("r"));
	T(w_mkdir("r/x"));
	for (int i = 0; i < nrand; i++) {
		const char *a = names[rand() % 7], *b = names[rand() % 7];
		switch (rand() % 8) {
		case 0: case 1: T(w_file(a, (uint32_t)rand() % (maxw + maxw / 3), (uint32_t)rand() % maxw, (uint32_t)i, FS_O_CREAT)); break;
		case 2: T(w_file(a, 0, (uint32_t)(rand() % 5000), (uint32_t)i, FS_O_CREAT | FS_O_TRUNC)); break;
		case 3: T(w_unlink(a)); break;
		case 4:
			if (!strcmp(a, "r/x") || !strcmp(b, "r/x"))
				break;
			/* moving a directory to another parent is not crash safe
			   (docs/exos.md): the crash run leaves it out */
			if (!dir_renames && moves_dir(a, b))
				break;
			T(w_rename(a, b));
			break;
		case 5: T(w_trunc(a, (uint32_t)rand() % maxw)); break;
		case 6: if (dir_renames || !strchr(a + 2, '/')) T(w_mkdir(a)); break;
		case 7: T(w_rmdir(a)); break;
		}
	}
}

static void fill(void)
{
	char p[64];
	int i, r = 0;
	struct fs_counts c;
	fs_mkdir(fs, "fill", 0755);
	for (i = 0; i < 100000 && r == 0; i++) {
		snprintf(p, sizeof p, "fill/%d", i);
		r = w_file(p, 0, 50000, (uint32_t)i, FS_O_CREAT);
	}
	CHECK(r == -ENOSPC, "filling ends with ENOSPC (%d after %d files)", r, i);
	fs_counts(fs, &c);
	CHECK(c.free_blocks < 50, "the disk is full (%u free)", c.free_blocks);
	/* every file before the last is whole */
	for (int j = 0; j < i - 1; j++) {
		struct fs_file f;
		static uint8_t b[50000];
		snprintf(p, sizeof p, "fill/%d", j);
		CHECK(fs_open(fs, &f, p, FS_O_RDONLY, 0) == 0 && fs_read(&f, b, 50000) == 50000, "read %s", p);
		fs_close(&f);
		int ok = 1;
		for (uint32_t k = 0; k < 50000; k++)
			ok &= b[k] == pat((uint32_t)j, k);
		CHECK(ok, "%s intact", p);
	}
	CHECK(fs_mkdir(fs, "fill/more", 0755) == -ENOSPC || fs_mkdir(fs, "fill/more", 0755) == -EEXIST,
	      "mkdir on a full disk fails cleanly");
	/* empty files until the directory cannot grow (or inodes run out) */
	int k;
	for (k = 0, r = 0; k < 100000 && r == 0; k++) {
		struct fs_file f;
		snprintf(p, sizeof p, "fill/empty-file-with-a-long-name-%d", k);
		r = fs_open(fs, &f, p, FS_O_CREAT | FS_O_WRONLY, 0644);
		if (!r)
			fs_close(&f);
	}
	CHECK(r == -ENOSPC, "empty files until ENOSPC (%d after %d)", r, k);
	snprintf(p, sizeof p, "fill/%d", i - 1);
	fs_unlink(fs, p);
	fs_unlink(fs, "fill/0");
	CHECK(w_file("fill/again", 0, 40000, 1, FS_O_CREAT) == 0, "space comes back after unlink");
}

/* ---- fuzz: a garbled image gives errors, never a crash (ASan watches) ---- */
static long walked;
static void walk(const char *path, int depth)
{
	struct fs_dir d;
	struct fs_dirent e;
	if (depth > 8 || fs_opendir(fs, &d, path) < 0)
		return;
	for (int n = 0; n < 2000 && fs_readdir(&d, &e) == 1; n++) {
		if (!strcmp(e.name, ".") || !strcmp(e.name, ".."))
			continue;
		char p[1024];
		snprintf(p, sizeof p, "%s/%s", path, e.name);
		struct fs_stat st;
		struct fs_file f;
		static uint8_t b[8192];
		walked++;
		if (fs_stat(fs, p, &st) < 0)
			continue;
		if ((st.mode & 0xF000) == 0x4000)
			walk(p, depth + 1);
		else if (fs_open(fs, &f, p, FS_O_RDWR, 0) == 0) {
			for (int k = 0; k < 64 && fs_read(&f, b, sizeof b) > 0; k++)
				;
			fs_write(&f, b, 3000);
			fs_ftruncate(&f, 100);
			fs_close(&f);
		}
		if (e.name[0] & 1)
			fs_unlink(fs, p);
	}
}

static void fuzz(const char *img, int n)
{
	FILE *h = fopen(img, "rb");
	static uint8_t orig[1 << 22], work[1 << 22];
	size_t len = h ? fread(orig, 1, sizeof orig, h) : 0;
	if (h)
		fclose(h);
	CHECK(len >= 65536 && len % 1024 == 0, "fuzz: read %s", img);
	int mounted = 0;
	for (int seed = 1; seed <= n; seed++) {
		memcpy(work, orig, len);
		srand((unsigned)seed);
		int flips = 1 + rand() % 20;
		for (int i = 0; i < flips; i++)	/* the first 64 KB: superblock, descriptors, bitmaps, inodes, root */
			work[1024 + rand() % (65536 - 1024)] = (uint8_t)rand();
		struct bdev rb;
		bdev_ram_init(&rb, work, len, 1024);
		struct fs_opts o = { .cache_blocks = 16, .now = now };
		if (fs_mount(&fs, &rb, &o) == 0) {
			mounted++;
			walk("", 0);
			struct fs_file f;
			if (fs_open(fs, &f, "new", FS_O_CREAT | FS_O_WRONLY, 0644) == 0) {
				static uint8_t b[20000];
				fs_write(&f, b, sizeof b);
				fs_close(&f);
			}
			fs_mkdir(fs, "newdir", 0755);
			fs_rename(fs, "new", "newdir/new");
		}
		fs_unmount(fs);
		fs = NULL;
	}
	printf("# fuzz: %d garbled images, %d mounted, %ld names walked\n", n, mounted, walked);
	CHECK(mounted > 0, "some garbled images mount");
}

/* fs_path_join: made absolute, "." and ".." by the text, too long refused */
static void paths(void)
{
	static const char *const t[][3] = {
		{ "/", "a/b", "/a/b" }, { "/x", "a", "/x/a" }, { "/x/y", "/a//b/", "/a/b" },
		{ "/x/y", "..", "/x" }, { "/x/y", "../../..", "/" }, { "/x", "./a/./b/..", "/x/a" },
		{ "/", "", "/" }, { "/x", ".", "/x" }, { "/x", "../y/../z", "/z" }, { "/", "..a/.b", "/..a/.b" },
	};
	char out[16];
	for (unsigned i = 0; i < sizeof t / sizeof *t; i++)
		CHECK(fs_path_join(t[i][0], t[i][1], out, sizeof out) == 0 && !strcmp(out, t[i][2]),
		      "join %s + %s = %s (got %s)", t[i][0], t[i][1], t[i][2], out);
	CHECK(fs_path_join("/", "abcdefghijklmno", out, sizeof out) == -ENAMETOOLONG, "16 bytes do not fit 16");
	CHECK(fs_path_join("/", "abcdefghijklmn", out, sizeof out) == 0, "15 do");
}

/* Two processes, one disk, in turn (docs/exos.md, "One file system, many
   processes"): a writes and syncs; b mounts, appends to a's file, makes
   one, unmounts; a reloads and sees both, then writes on. */
static void share(const char *img)
{
	static struct bdev bb;
	struct fs *b;
	struct fs_file f;
	struct fs_stat st;
	mount_img(img, 32, FS_WRITE_BACK);
	CHECK(fs_open(fs, &f, "shared", FS_O_CREAT | FS_O_WRONLY, 0644) == 0 && fs_write(&f, "parent\n", 7) == 7,
	      "a writes shared");
	fs_close(&f);
	CHECK(fs_reload(fs) == -EBUSY, "a reload with unsynced changes: EBUSY");
	CHECK(fs_stat(fs, "shared", &st) == 0 && st.size == 7, "... and nothing dropped");
	CHECK(fs_sync(fs) == 0, "a syncs (before the child)");
	struct fs_counts c0, c1;
	fs_counts(fs, &c0);
	CHECK(fs_sync(fs) == 0 && fs_reload(fs) == 0 && fs_stat(fs, "shared", &st) == 0, "a syncs, reloads, stats again");
	fs_counts(fs, &c1);
	CHECK(c1.writes == c0.writes && c1.reads == c0.reads,
	      "... nothing changed, nobody mounted: no block written, the cache kept (%u+%u writes, %u+%u reads)",
	      c0.writes, c1.writes - c0.writes, c0.reads, c1.reads - c0.reads);
	CHECK(bdev_file_open(&bb, img, 512) == 0 && fs_mount(&b, &bb, NULL) == 0, "b mounts");
	CHECK(fs_open(b, &f, "shared", FS_O_WRONLY | FS_O_APPEND, 0) == 0 && fs_write(&f, "child\n", 6) == 6,
	      "b appends");
	fs_close(&f);
	CHECK(fs_mkdir(b, "fromchild", 0755) == 0, "b makes a directory");
	CHECK(fs_unmount(b) == 0, "b unmounts (its exit)");
	bdev_file_close(&bb);
	fs_counts(fs, &c0);
	CHECK(fs_reload(fs) == 0 && fs_stat(fs, "shared", &st) == 0, "a reloads (after the wait)");
	fs_counts(fs, &c1);
	CHECK(c1.reads > c0.reads, "... b had mounted: the cache was dropped, blocks read again");
	char buf[32] = "";
	CHECK(fs_open(fs, &f, "shared", FS_O_RDONLY, 0) == 0 && fs_read(&f, buf, sizeof buf) == 13 &&
	      !memcmp(buf, "parent\nchild\n", 13), "a reads b's append");
	fs_close(&f);
	CHECK(fs_stat(fs, "fromchild", &st) == 0 && (st.mode & 0170000) == 0040000, "a sees b's directory");
	CHECK(fs_mkdir(fs, "afterchild", 0755) == 0 && fs_open(fs, &f, "afterchild/x", FS_O_CREAT | FS_O_WRONLY, 0644) == 0 &&
	      fs_write(&f, "x", 1) == 1, "a writes on");
	fs_close(&f);
	/* the policy changed on a mounted file system */
	CHECK(fs_set_policy(fs, FS_WRITE_THROUGH) == 0, "a goes write-through");
	fs_counts(fs, &c0);
	CHECK(fs_open(fs, &f, "afterchild/x", FS_O_WRONLY | FS_O_APPEND, 0) == 0 && fs_write(&f, "y", 1) == 1, "a appends");
	fs_close(&f);
	fs_counts(fs, &c1);
	CHECK(c1.writes > c0.writes, "... written at once (%u writes)", c1.writes - c0.writes);
	CHECK(fs_set_policy(fs, FS_WRITE_BACK) == 0 && fs_set_policy(fs, (enum fs_policy)7) == -EINVAL, "back to write-back; a bad policy: EINVAL");
	fs_counts(fs, &c0);
	CHECK(fs_open(fs, &f, "afterchild/x", FS_O_WRONLY | FS_O_APPEND, 0) == 0 && fs_write(&f, "z", 1) == 1, "a appends");
	fs_close(&f);
	fs_counts(fs, &c1);
	CHECK(c1.writes == c0.writes, "... kept in the cache (%u writes)", c1.writes - c0.writes);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: fstest verify|work|fill|crash|mount IMG ...\n");
		return 2;
	}
	const char *cmd = argv[1], *img = argv[2];
	if (!strcmp(cmd, "mount")) {
		int r = bdev_file_open(&bd, img, 1024);
		if (r)
			return 2;
		r = fs_mount(&fs, &bd, NULL);
		const char *want = argc > 3 ? argv[3] : "rw";
		printf("# mount: %d (%s)%s\n", r, fs_error(fs), r == 0 && fs_readonly(fs) ? " read-only" : "");
		if (!strcmp(want, "refuse"))
			return r == -ENOTSUP ? 0 : 1;
		if (r)
			return 1;
		if (!strcmp(want, "ro")) {
			CHECK(fs_readonly(fs), "mounted read-only");
			CHECK(fs_mkdir(fs, "nope", 0755) == -EROFS, "mkdir on a read-only mount: EROFS");
			struct fs_file f;
			CHECK(fs_open(fs, &f, "nope", FS_O_CREAT | FS_O_WRONLY, 0644) == -EROFS, "creat: EROFS");
		}
		fs_unmount(fs);
		return failures != 0;
	}
	if (!strcmp(cmd, "verify") && argc == 4) {
		mount_img(img, 64, FS_WRITE_THROUGH);
		verify(argv[3], "");
	} else if (!strcmp(cmd, "work") && argc == 5) {
		hostdir = argv[3];
		mount_img(img, 32, FS_WRITE_BACK);
		workload((uint32_t)atoi(argv[4]), 1, 1, 0);
		CHECK(fs_unmount(fs) == 0, "unmount");
		mount_img(img, 16, FS_WRITE_THROUGH);	/* again, from the disk */
		verify(hostdir, "");
	} else if (!strcmp(cmd, "churn") && argc == 4) {
		mount_img(img, 64, FS_WRITE_THROUGH);
		struct fs_dir d;
		struct fs_dirent e;
		char p[600];
		int n = 0, gone = 0;
		CHECK(fs_opendir(fs, &d, argv[3]) == 0, "opendir %s", argv[3]);
		while (fs_readdir(&d, &e) == 1)
			if (e.name[0] != '.' && n++ % 3 == 0) {
				snprintf(p, sizeof p, "%s/%s", argv[3], e.name);
				CHECK(fs_unlink(fs, p) == 0, "unlink %s", p);
				gone++;
			}
		for (int i = 0; i < 100; i++) {
			struct fs_file f;
			snprintf(p, sizeof p, "%s/new-%d", argv[3], i);
			CHECK(fs_open(fs, &f, p, FS_O_CREAT | FS_O_EXCL | FS_O_WRONLY, 0644) == 0, "create %s", p);
			fs_close(&f);
		}
		struct fs_stat st;
		CHECK(fs_stat(fs, p, &st) == 0, "the last new name is found");
		printf("# churn: %d names, %d unlinked, 100 added\n", n, gone);
	} else if (!strcmp(cmd, "fuzz") && argc == 4) {
		fuzz(img, atoi(argv[3]));
		return failures != 0;
	} else if (!strcmp(cmd, "share")) {
		paths();
		share(img);
	} else if (!strcmp(cmd, "fill")) {
		mount_img(img, 64, FS_WRITE_THROUGH);
		fill();
	} else if (!strcmp(cmd, "crash") && argc >= 5) {
		write_limit = atol(argv[4]);
		stop_on_error = 1;
		mount_img(img, 32, FS_WRITE_THROUGH);
		workload((uint32_t)atoi(argv[3]), 0, 0, argc > 5 && !strcmp(argv[5], "small"));
		if (write_limit < 0) {
			fs_unmount(fs);
			printf("%ld\n", writes_done);
		}
		return 0;	/* a crash: nothing unmounted */
	} else {
		fprintf(stderr, "fstest: bad arguments\n");
		return 2;
	}
	if (fs_unmount(fs))
		CHECK(0, "unmount");
	return failures != 0;
}
