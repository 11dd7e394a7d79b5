/*
 * archive.c - read the boot archive (cpio newc: a 110-byte ASCII header
 * "070701" + 13 eight-digit hex fields, the name, padding to 4 bytes, the
 * data, padding to 4). Every field is checked against the archive's
 * bounds before use: a corrupt archive stops the walk, never the kernel.
 */
#include "archive.h"
#include "kernel.h"

#define HDR_LEN		110
#define FIELD(i)	(6 + 8 * (i))	/* offset of the i-th hex field */
#define F_MODE		1
#define F_FILESIZE	6
#define F_NAMESIZE	11
#define S_IFMT		0170000
#define S_IFREG		0100000

/* Parse eight hex digits; -1 if any is not one. */
static long hex8(const char *p)
{
	unsigned long v = 0;
	for (int i = 0; i < 8; i++) {
		char c = p[i];
		unsigned d;
		if (c >= '0' && c <= '9')
			d = (unsigned)(c - '0');
		else if (c >= 'A' && c <= 'F')
			d = (unsigned)(c - 'A' + 10);
		else if (c >= 'a' && c <= 'f')
			d = (unsigned)(c - 'a' + 10);
		else
			return -1;
		v = v << 4 | d;
	}
	return (long)(v & 0x7fffffffu) == (long)v ? (long)v : -1;
}

static size_t align4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

int archive_walk(const void *base, size_t len,
		 int (*fn)(const struct archive_file *f, void *arg), void *arg)
{
	const char *p = base;
	size_t off = 0;

	for (;;) {
		if (len - off < HDR_LEN || kstrncmp(p + off, "070701", 6) != 0)
			return -1;
		const char *h = p + off;
		long mode = hex8(h + FIELD(F_MODE));
		long size = hex8(h + FIELD(F_FILESIZE));
		long namesize = hex8(h + FIELD(F_NAMESIZE));
		if (mode < 0 || size < 0 || namesize < 1 ||
		    (size_t)namesize > len - off - HDR_LEN)
			return -1;
		const char *name = h + HDR_LEN;
		if (name[namesize - 1] != '\0')	/* names are NUL-terminated */
			return -1;
		size_t data_off = align4(off + HDR_LEN + (size_t)namesize);
		if (data_off > len || (size_t)size > len - data_off)
			return -1;
		if (namesize == 11 && kstrncmp(name, "TRAILER!!!", 11) == 0)
			return 0;
		if (((unsigned long)mode & S_IFMT) == S_IFREG) {
			struct archive_file f = { name, (size_t)namesize - 1,
						  p + data_off, (size_t)size };
			if (fn(&f, arg))
				return 0;
		}
		off = align4(data_off + (size_t)size);
		if (off > len)
			return -1;
	}
}

struct find_arg {
	const char *name;
	struct archive_file *out;
	int found;
};

static int find_one(const struct archive_file *f, void *arg)
{
	struct find_arg *a = arg;
	if (f->namelen == kstrlen(a->name) && kstrncmp(f->name, a->name, f->namelen) == 0) {
		*a->out = *f;
		a->found = 1;
		return 1;
	}
	return 0;
}

extern const char boot_archive_start[], boot_archive_end[];

int archive_find(const char *name, struct archive_file *out)
{
	struct find_arg a = { name, out, 0 };
	if (archive_walk(boot_archive_start, (size_t)(boot_archive_end - boot_archive_start),
			 find_one, &a) != 0 && !a.found)
		return -1;
	return a.found ? 0 : -1;
}

struct nth_arg {
	unsigned n;
	struct archive_file *out;
	int found;
};

static int nth_one(const struct archive_file *f, void *arg)
{
	struct nth_arg *a = arg;
	if (a->n-- == 0) {
		*a->out = *f;
		a->found = 1;
		return 1;
	}
	return 0;
}

int archive_nth(unsigned n, struct archive_file *out)
{
	struct nth_arg a = { n, out, 0 };
	archive_walk(boot_archive_start, (size_t)(boot_archive_end - boot_archive_start),
		     nth_one, &a);
	return a.found ? 0 : -1;
}
