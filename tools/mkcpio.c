/*
 * mkcpio.c - write a cpio "newc" archive (the format Linux initramfs and
 * our kernel's boot archive use) of the given files, reproducibly: every
 * header field but the name, size, mode and a sequence number is zero,
 * so the same inputs give the same bytes. Each file is stored under its
 * base name. Format: the "new ASCII" cpio header, 070701, as described in
 * cpio(5) (the Linux kernel's Documentation/driver-api/early-userspace).
 *   usage: mkcpio OUT.cpio FILE...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void pad4(FILE *out, unsigned long n)
{
	while (n++ % 4)
		fputc(0, out);
}

static void header(FILE *out, unsigned ino, unsigned mode, unsigned long size, const char *name)
{
	unsigned long namesize = strlen(name) + 1;
	fprintf(out, "070701%08X%08X%08X%08X%08X%08X%08lX%08X%08X%08X%08X%08lX%08X",
		ino, mode, 0u, 0u, 1u, 0u, size, 0u, 0u, 0u, 0u, namesize, 0u);
	fwrite(name, 1, namesize, out);
	pad4(out, 110 + namesize);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: mkcpio OUT.cpio FILE...\n");
		return 2;
	}
	FILE *out = fopen(argv[1], "wb");
	if (!out) {
		perror(argv[1]);
		return 1;
	}
	for (int i = 2; i < argc; i++) {
		FILE *in = fopen(argv[i], "rb");
		if (!in) {
			perror(argv[i]);
			return 1;
		}
		fseek(in, 0, SEEK_END);
		long size = ftell(in);
		rewind(in);
		char *buf = malloc(size ? (size_t)size : 1);
		if (!buf || fread(buf, 1, (size_t)size, in) != (size_t)size) {
			fprintf(stderr, "mkcpio: cannot read %s\n", argv[i]);
			return 1;
		}
		fclose(in);
		const char *base = strrchr(argv[i], '/');
		header(out, (unsigned)i - 1, 0100755, (unsigned long)size, base ? base + 1 : argv[i]);
		fwrite(buf, 1, (size_t)size, out);
		pad4(out, (unsigned long)size);
		free(buf);
	}
	header(out, 0, 0, 0, "TRAILER!!!");
	if (fclose(out) != 0) {
		perror(argv[1]);
		return 1;
	}
	return 0;
}
