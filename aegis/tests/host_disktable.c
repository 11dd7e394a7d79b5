/*
 * host_disktable.c - the disk ownership table's checks (aegis/disk/table.c)
 * on the host, under ASan and UBSan: a table Aegis reads from a disk is
 * untrusted input, and every malformed one must be refused (the disk is
 * then not used). Prints TAP.
 */
#include "../disk/table.h"
#include <stddef.h>
#include <stdio.h>
#include <string.h>

static int n, failed;

static void ok(int cond, const char *what)
{
	n++;
	if (!cond)
		failed++;
	printf("%sok %d - %s\n", cond ? "" : "not ", n, what);
}

static struct disk_table base(void)
{
	struct disk_table t;
	memset(&t, 0, sizeof t);
	t.magic = DISK_TABLE_MAGIC;
	t.version = DISK_TABLE_VERSION;
	t.nblocks = 1000;
	t.nextents = 2;
	t.ext[0] = (struct disk_extent){ 2, 100, 1, 2 };
	t.ext[1] = (struct disk_extent){ 500, 500, 3, 4 };
	disk_table_seal(&t);
	return t;
}

/* t changed by f, sealed again, must be refused. */
#define REFUSED(what, stmt) do { struct disk_table t = base(); stmt; disk_table_seal(&t); \
	ok(!disk_table_valid(&t, 1000), what); } while (0)

int main(void)
{
	struct disk_table t = base();
	ok(disk_table_valid(&t, 1000), "a valid table with two extents");
	ok(disk_table_valid(&t, 2000), "valid on a disk that grew");
	ok(!disk_table_valid(&t, 999), "refused on a disk too small for its last extent");
	REFUSED("bad magic", t.magic ^= 1);
	REFUSED("bad version (1: the layout before the boot block)", t.version = 1);
	REFUSED("bad version (3)", t.version = 3);
	REFUSED("too many extents", t.nextents = AEGIS_DISK_MAX_EXTENTS + 1);
	REFUSED("an extent in the table's blocks", t.ext[0].start = 1);
	REFUSED("an empty extent", t.ext[0].nblocks = 0);
	REFUSED("overlapping extents", t.ext[0].nblocks = 499);
	REFUSED("unsorted extents", { struct disk_extent x = t.ext[0]; t.ext[0] = t.ext[1]; t.ext[1] = x; });
	REFUSED("an extent past the end", t.ext[1].nblocks = 501);
	REFUSED("an extent whose end wraps", { t.ext[1].start = 0xffffff00u; t.ext[1].nblocks = 0x200; });
	REFUSED("a count past the extents given", t.nextents = 3);
	t = base();
	t.nextents = 0;
	disk_table_seal(&t);
	ok(disk_table_valid(&t, 1000), "an empty table");
	/* Every single-bit change of a valid table past the boot block fails
	   its checksum; the boot block's 512 bits are not the table's. */
	const unsigned first = AEGIS_DISK_BOOT_BYTES * 8, bits = sizeof t * 8;
	int caught = 0, kept = 0;
	for (unsigned bit = 0; bit < bits; bit++) {
		struct disk_table u = base();
		((unsigned char *)&u)[bit / 8] ^= (unsigned char)(1u << (bit % 8));
		if (bit < first)
			kept += disk_table_valid(&u, 1000);
		else
			caught += !disk_table_valid(&u, 1000);
	}
	ok(caught == (int)(bits - first), "every one of the 7680 single-bit flips of the table refused");
	ok(kept == (int)first, "every one of the 512 flips in the boot block's bytes leaves it valid");
	ok(offsetof(struct disk_table, magic) == 64 && AEGIS_DISK_MAX_EXTENTS == 58,
	   "the header at byte 64, 58 extents (tools/aegisdisk.py's layout)");
	printf("1..%d\n", n);
	return failed != 0;
}
