/*
 * host_archive.c - host unit test of the boot-archive reader (aegis/
 * archive.c) under ASan: archives written by our mkcpio and by GNU cpio
 * are read whole; every truncation of a good archive and a set of
 * corrupted headers are refused without reading out of bounds.
 *   usage: host_archive MKCPIO_ARCHIVE GNU_CPIO_ARCHIVE
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../archive.h"

void console_putc(int c) { putchar(c); }
const char boot_archive_start[1], boot_archive_end[1];

static int checks, failures;

static void check(int ok, const char *what)
{
	checks++;
	failures += !ok;
	printf("%sok %d - archive: %s\n", ok ? "" : "not ", checks, what);
}

static int count_file(const struct archive_file *f, void *arg)
{
	(void)f;
	++*(int *)arg;
	return 0;
}

static char *load(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	*len = (size_t)ftell(f);
	rewind(f);
	char *b = malloc(*len);
	if (fread(b, 1, *len, f) != *len) {
		free(b);
		b = NULL;
	}
	fclose(f);
	return b;
}

/* Run the walker on an exact-size heap copy, so ASan sees any overrun. */
static int walk_copy(const char *src, size_t len, int *files)
{
	char *c = malloc(len ? len : 1);
	memcpy(c, src, len);
	*files = 0;
	int rc = archive_walk(c, len, count_file, files);
	free(c);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: host_archive MKCPIO_ARCHIVE GNU_CPIO_ARCHIVE\n");
		return 2;
	}
	size_t len, glen;
	char *a = load(argv[1], &len), *g = load(argv[2], &glen);
	if (!a || !g) {
		printf("not ok 1 - archive: cannot read the test archives\n");
		return 1;
	}
	int files;
	check(walk_copy(a, len, &files) == 0 && files == 2, "mkcpio archive: 2 files, trailer found");
	check(walk_copy(g, glen, &files) == 0 && files == 2, "GNU cpio newc archive: 2 files");

	int bad = 0;
	for (size_t cut = 0; cut < len; cut++)
		if (walk_copy(a, cut, &files) == 0)
			bad++;
	check(bad == 0, "every truncation of the archive is refused");

	static const struct { size_t off; char byte; const char *what; } corrupt[] = {
		{ 0, 'X', "bad magic" },
		{ 6 + 8 * 6, 'G', "non-hex file size" },
		{ 6 + 8 * 6, '7', "file size past the end" },
		{ 6 + 8 * 11, 'F', "name size past the end" },
	};
	for (size_t i = 0; i < sizeof corrupt / sizeof *corrupt; i++) {
		char *c = malloc(len);
		memcpy(c, a, len);
		c[corrupt[i].off] = corrupt[i].byte;
		check(walk_copy(c, len, &files) == -1, corrupt[i].what);
		free(c);
	}
	/* A name whose last byte is not NUL. */
	char *c = malloc(len);
	memcpy(c, a, len);
	long namesize = strtol((char[9]){ c[94], c[95], c[96], c[97], c[98], c[99], c[100], c[101], 0 }, NULL, 16);
	c[110 + namesize - 1] = 'x';
	check(walk_copy(c, len, &files) == -1, "unterminated name");
	free(c);

	free(a);
	free(g);
	printf("1..%d\n", checks);
	return failures != 0;
}
