/*
 * archive.h - the boot archive: a cpio "newc" archive of the programs and
 * files the kernel starts with, linked into the kernel image (so one ELF
 * boots on pmaxsim and GXemul alike; DESIGN.md).
 */
#ifndef AEGIS_ARCHIVE_H
#define AEGIS_ARCHIVE_H

#include <stddef.h>

struct archive_file {
	const char *name;	/* not NUL-terminated: namelen bytes */
	size_t namelen;
	const void *data;
	size_t size;
};

/* Walk archive [base, base+len): call fn for each regular file until it
   returns nonzero. Returns 0 if the archive is well formed up to its
   trailer, or -1 at the first malformed header (nothing past it is used). */
int archive_walk(const void *base, size_t len,
		 int (*fn)(const struct archive_file *f, void *arg), void *arg);

/* Find a file by name in the boot archive linked into the kernel. */
int archive_find(const char *name, struct archive_file *out);
/* The n-th regular file of the boot archive (from 0); -1 past the end. */
int archive_nth(unsigned n, struct archive_file *out);

#endif
