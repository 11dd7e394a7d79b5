/*
 * sim/tests/diskboot/promdisk.c - a bare-metal program the PROM boots
 * from a disk (pmaxsim --boot rzN; tools/mkbootdisk put it there) that
 * checks its hand-off and reads and writes the disk through the PROM's
 * calls, as NetBSD/pmax's bootxx does (sys/arch/pmax/stand/common/rz.c):
 * REX bootinit/bootread/bootwrite (callbacks 0x54, 0x58, 0x5c of
 * dec_prom.h) and the old jump table's open/read/write/close/lseek
 * (0xbfc00000 + 8 * 6..11) on "rz(0,N,0)". The host
 * (sim/tests/diskboot/diskboot-run) filled the image first: word o/4 of
 * block b is b * 0x10000 + o / 4, except blocks 0-1 (boot block and
 * Aegis's table) and the program's own extent. Boot words: path=P (the
 * argv[1] expected, "3/rz0/"), blocks=N (the disk's size), id=N (the
 * disk booted from, for open's name). Prints TAP.
 */
#include "../../../rt/rt.h"
#include "../../../rt/prom.h"
#include "../../../rt/tap.h"

#define DEC_BOOT_MAGIC	0x0002757au
#define CB_BOOTINIT	0x54
#define CB_BOOTREAD	0x58
#define CB_BOOTWRITE	0x5c
#define JT(n)		(0xbfc00000u + 8u * (n))	/* dec_prom.h DEC_PROM_FUNC_ADDR */
#define JT_OPEN		JT(6)
#define JT_READ		JT(7)
#define JT_WRITE	JT(8)
#define JT_CLOSE	JT(10)
#define JT_LSEEK	JT(11)

static uint32_t buf[1024] __attribute__((aligned(16)));	/* 4 KB */
static uint32_t buf2[256];
extern char _ftext[];	/* rt.ld: where the program was loaded */

typedef int (*initfn)(const char *);
typedef int (*rwfn)(int, void *, int);
typedef int (*openfn)(const char *, int);
typedef int (*lseekfn)(int, int, int);
typedef int (*closefn)(int);

static void *cb(unsigned off) { return *(void **)(boot_args.rex + off); }
static int bootinit(const char *d) { return ((initfn)cb(CB_BOOTINIT))(d); }
static int bootread(int b, void *p, int n) { return ((rwfn)cb(CB_BOOTREAD))(b, p, n); }
static int bootwrite(int b, void *p, int n) { return ((rwfn)cb(CB_BOOTWRITE))(b, p, n); }
static int p_open(const char *s, int f) { return ((openfn)JT_OPEN)(s, f); }
static int p_read(int fd, void *p, int n) { return ((rwfn)JT_READ)(fd, p, n); }
static int p_write(int fd, void *p, int n) { return ((rwfn)JT_WRITE)(fd, p, n); }
static int p_lseek(int fd, int off, int wh) { return ((lseekfn)JT_LSEEK)(fd, off, wh); }
static int p_close(int fd) { return ((closefn)JT_CLOSE)(fd); }

static unsigned number(const char *s)
{
	unsigned v = 0;
	while (s && *s >= '0' && *s <= '9')
		v = v * 10 + (unsigned)(*s++ - '0');
	return v;
}

/* Do the nwords words at w hold block b's pattern from word first on? */
static int pattern(const uint32_t *w, unsigned b, unsigned first, unsigned nwords)
{
	for (unsigned i = 0; i < nwords; i++)
		if (w[i] != b * 0x10000u + first + i)
			return 0;
	return 1;
}

static int same(const void *a, const void *b, unsigned n)
{
	const uint8_t *x = a, *y = b;
	for (unsigned i = 0; i < n; i++)
		if (x[i] != y[i])
			return 0;
	return 1;
}

static void fill(uint32_t *w, uint32_t seed, unsigned nwords)
{
	for (unsigned i = 0; i < nwords; i++)
		w[i] = seed ^ (i * 0x01010101u);
}

void kmain(void)
{
	/* boot_arg_value's answer lives until its next call: keep a copy. */
	static char pathbuf[32];
	const char *v = boot_arg_value("path=");
	const char *path = v ? pathbuf : NULL;
	for (unsigned i = 0; v && v[i] && i < sizeof pathbuf - 1; i++)
		pathbuf[i] = v[i];
	unsigned blocks = number(boot_arg_value("blocks="));
	unsigned id = number(boot_arg_value("id="));

	/* The hand-off: as for an ELF image, with the disk's boot path. */
	tap_ok(boot_args.magic == PROM_MAGIC && boot_args.rex != 0,
	       "hand-off: a2 is the REX magic, a3 the callback vector");
	tap_ok(boot_args.argc >= 3 && !kstrcmp(boot_args.argv[0], "boot"), "hand-off: argv[0] \"boot\"");
	tap_is_str(boot_args.argc >= 2 ? boot_args.argv[1] : "", path ? path : "?",
		   "hand-off: argv[1] is the disk's boot path");
	const char *env = prom_getenv("boot");
	tap_is_str(env ? env : "", path ? path : "?", "hand-off: getenv(\"boot\") is the boot path");

	/* REX calls. */
	tap_ok(bootread(0, buf, 512) == -1, "bootread before bootinit: -1");
	tap_ok(bootinit("ignored(9,9,9)") == 0, "bootinit: 0 (the device string is not looked at)");
	tap_ok(bootread(0, buf, 512) == 512 && buf[2] == DEC_BOOT_MAGIC && buf[16] == 0x4b534441u,
	       "bootread block 0: the boot block's magic at byte 8, Aegis's table at 64");
	uint32_t load = buf[4], n = buf[6], start = buf[7];
	tap_ok(load == (uint32_t)_ftext && n > 0 && start + n <= blocks,
	       "the boot block maps %u blocks at %u, loaded at 0x%08x (this program)",
	       (unsigned)n, (unsigned)start, (unsigned)load);
	tap_ok(bootread((int)start, buf, 4096) == 4096 && same(buf, _ftext, 4096),
	       "bootread of the boot extent: the program's first 4 KB as loaded");
	tap_ok(bootread(100, buf, 1024) == 1024 && pattern(buf, 100, 0, 128) &&
	       pattern(buf + 128, 101, 0, 128), "bootread(100, 1024 bytes): blocks 100 and 101");
	buf[25] = 0xdeadbeef;
	tap_ok(bootread(102, buf, 100) == 100 && pattern(buf, 102, 0, 25) && buf[25] == 0xdeadbeef,
	       "bootread of 100 bytes: those bytes, nothing after");
	tap_ok(bootread((int)blocks - 1, buf, 1024) == -1, "bootread across the disk's end: -1");
	tap_ok(bootread((int)blocks, buf, 512) == -1 && bootread(-1, buf, 512) == -1,
	       "bootread of block N or -1: -1");
	tap_ok(bootread(100, (void *)0x00001000, 512) == -1, "bootread into a mapped (kuseg) address: -1");
	fill(buf, 0x5eed0200u, 128);
	tap_ok(bootwrite(200, buf, 512) == 512, "bootwrite block 200: 512");
	tap_ok(bootread(200, buf2, 512) == 512 && same(buf, buf2, 512) &&
	       bootread(199, buf2, 512) == 512 && pattern(buf2, 199, 0, 128) &&
	       bootread(201, buf2, 512) == 512 && pattern(buf2, 201, 0, 128),
	       "... read back; blocks 199 and 201 untouched");
	tap_ok(bootwrite((int)blocks, buf, 512) == -1, "bootwrite past the end: -1");

	/* The old jump table's files. */
	char name[] = "rz(0,0,0)";
	name[5] = (char)('0' + id);
	int fd = p_open(name, 2);
	tap_ok(fd >= 0, "open(\"%s\", 2): descriptor %d", name, fd);
	tap_ok(p_open("rz(0,5,0)", 0) == -1 && p_open("rz(0,0,0)netbsd", 0) == -1 &&
	       p_open("sd(0,0,0)", 0) == -1 && p_open("rz(1,0,0)", 0) == -1,
	       "open of an absent disk, a file name, another device, controller 1: -1");
	tap_ok(p_lseek(fd, 100 * 512, 0) == 100 * 512, "lseek(fd, 51200, 0): 51200");
	tap_ok(p_read(fd, buf, 512) == 512 && pattern(buf, 100, 0, 128) &&
	       p_read(fd, buf, 512) == 512 && pattern(buf, 101, 0, 128),
	       "read twice: blocks 100 then 101 (the position moves)");
	tap_ok(p_lseek(fd, 8, 1) == 102 * 512 + 8 && p_read(fd, buf, 8) == 8 && pattern(buf, 102, 2, 2),
	       "lseek 8 from here, read 8 bytes: words 2-3 of block 102");
	tap_ok(p_lseek(fd, 0, 2) == (int)(blocks * 512) && p_read(fd, buf, 512) == 0,
	       "lseek to the end: the size; read there: 0");
	tap_ok(p_lseek(fd, -256, 2) == (int)(blocks * 512 - 256) && p_read(fd, buf, 512) == 256,
	       "read across the end: the 256 bytes left");
	tap_ok(p_lseek(fd, -1, 0) == -1 && p_lseek(fd, 0, 3) == -1, "lseek before the start, whence 3: -1");
	fill(buf, 0x5eed0201u, 128);
	tap_ok(p_lseek(fd, 201 * 512, 0) == 201 * 512 && p_write(fd, buf, 512) == 512 &&
	       bootread(201, buf2, 512) == 512 && same(buf, buf2, 512),
	       "write block 201 through the descriptor; bootread sees it");
	int ro = p_open(name, 0);
	tap_ok(ro >= 0 && ro != fd && p_write(ro, buf, 512) == -1,
	       "a second descriptor, read-only (%d): write -1", ro);
	tap_ok(p_close(ro) == 0 && p_close(fd) == 0, "close both: 0");
	tap_ok(p_read(fd, buf, 512) == -1 && p_close(fd) == -1, "a closed descriptor: read and close -1");
	tap_done();
}
