/*
 * prom.c - the DEC TURBOchannel ("REX") boot PROM as a program sees it: the
 * ROM at physical 0x1fc00000, the callback vector at 0xbfc04000 (entries in
 * NetBSD sys/arch/pmax/include/dec_prom.h order), the old jump table at
 * 0xbfc00000 + 8n, the environment, the memory bitmap and the boot hand-off
 * (a0 argc, a1 argv, a2 "TCF0", a3 callback vector), after an ELF load or
 * a disk's boot block (prom_disk.c, which also does the disk calls). Layout of the ROM image
 * follows GXemul's src/promemul/dec_prom.c and machine_pmax.c (our own code).
 * Invariant: every callback entry is a distinct ROM word; a fetch from any
 * other ROM word ends the run with a reason, never runs garbage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "devices.h"
#include "machine.h"
#include "prom.h"
#include "prom_disk.h"

/* ROM image layout (offsets from PROM_PHYS_BASE). */
#define ROM_JUMPTABLE	0x00000u	/* old entries, 8 bytes each */
#define ROM_JT_ENTRIES	0x30u		/* 0x000..0x17f: reset .. (GXemul range) */
#define ROM_CALLBACKS	0x04000u	/* = PROM_CALLBACKS & 0xfffff */
#define ROM_CB_ENTRIES	54		/* 0x00..0xd4 (dec_prom.h: b0-d4 reserved) */
#define ROM_STUBS	0x08000u	/* callback n*4 enters at ROM_STUBS + n*8 */
#define ROM_ENV		0x20000u	/* "name=value\0" ... "\0" */
#define ROM_ENV_SIZE	0x01000u
#define ROM_TCINFO	0x2c000u	/* struct tcinfo (dec_prom.h) */

#define KSEG1(pa)	((pa) | 0xa0000000u)

/* The PROM's own memory: DEC PROMs keep their work area below the load
   address 0x80030000 (where our kernel and NetBSD's are linked). The boot
   arguments go in the top 4 KB of it and the stack grows down below them;
   both are in kseg1 (uncached), as the PROM hands them over (HARDWARE.md:
   "sp points into uncached memory"; GXemul uses 0xa0007f00). */
#define PROM_ARGS_PA	0x0002f000u
#define PROM_ARGS_SIZE	0x00001000u
#define PROM_SP		(KSEG1(PROM_ARGS_PA) - 32)	/* o32 home area above */
#define PROM_WORK_END	(PROM_ARGS_PA + PROM_ARGS_SIZE)	/* a boot block loads above */

/* Old-style jump table entries (dec_prom.h DEC_PROM_FUNC_ADDR(n) = 8n). */
enum {
	JT_RESET = 0x00, JT_EXEC = 0x08, JT_RESTART = 0x10, JT_REINIT = 0x18,
	JT_REBOOT = 0x20, JT_AUTOBOOT = 0x28, JT_OPEN = 0x30, JT_READ = 0x38,
	JT_WRITE = 0x40, JT_CLOSE = 0x50, JT_LSEEK = 0x58, JT_GETCHAR = 0x60,
	JT_PUTCHAR = 0x68, JT_GETS = 0x78, JT_PUTS = 0x80, JT_PRINTF = 0x88,
	JT_HALT = 0x1b0,
	/* R3000 bootstrap exception vectors (Status.BEV) share this ROM. */
	VEC_BEV_UTLB = 0x100, VEC_BEV_GENERAL = 0x180,
};

/* Callback byte offsets (dec_prom.h struct callback). */
enum {
	CB_MEMCPY = 0x00, CB_MEMSET = 0x04, CB_STRLEN = 0x14, CB_GETCHAR = 0x24,
	CB_GETS = 0x28, CB_PUTS = 0x2c, CB_PRINTF = 0x30, CB_BOOTINIT = 0x54,
	CB_BOOTREAD = 0x58, CB_BOOTWRITE = 0x5c, CB_GETENV = 0x64,
	CB_SLOT_ADDRESS = 0x6c, CB_WBFLUSH = 0x70, CB_CLEAR_CACHE = 0x7c,
	CB_GETSYSID = 0x80, CB_GETBITMAP = 0x84, CB_HALT = 0x9c,
	CB_GETTCINFO = 0xa4, CB_REX = 0xac,
};

static const char *const cb_names[ROM_CB_ENTRIES] = {
	"memcpy", "memset", "strcat", "strcmp", "strcpy", "strlen", "strncat",
	"strncpy", "strncmp", "getchar", "gets", "puts", "printf", "sprintf",
	"io_poll", "strtol", "signal", "raise", "time", "setjmp", "longjmp",
	"bootinit", "bootread", "bootwrite", "setenv", "getenv", "unsetenv",
	"slot_address", "wbflush", "msdelay", "leds", "clear_cache",
	"getsysid", "getbitmap", "disableintr", "enableintr", "testintr",
	"reserved_data", "console_init", "halt", "showfault", "gettcinfo",
	"execute_cmd", "rex",
};

struct prom {
	struct machine *m;
	uint8_t rom[PROM_SIZE];
	char osconsole[16];
	struct prom_board board;
	struct prom_disk disk;		/* the boot device and open disks */
	char why[160];			/* machine_fatal() keeps the pointer */
};

/* ---- guest memory ----------------------------------------------------- */

static void rom_put32(struct prom *p, uint32_t off, uint32_t v)
{
	p->rom[off] = (uint8_t)v;
	p->rom[off + 1] = (uint8_t)(v >> 8);
	p->rom[off + 2] = (uint8_t)(v >> 16);
	p->rom[off + 3] = (uint8_t)(v >> 24);
}

/* One byte of guest memory at a kseg0/kseg1 address (RAM or this ROM). */
static int guest_byte(struct prom *p, uint32_t va, uint8_t *b)
{
	uint32_t pa;
	if (virt_to_phys_unmapped(va, &pa) != 0)
		return -1;
	if (pa - PROM_PHYS_BASE < PROM_SIZE) {
		*b = p->rom[pa - PROM_PHYS_BASE];
		return 0;
	}
	return phys_read(p->m, pa, b, 1);
}

/* Copy a NUL-terminated guest string (truncated to max-1 bytes). */
static int guest_string(struct prom *p, uint32_t va, char *buf, size_t max)
{
	size_t i;
	for (i = 0; i + 1 < max; i++) {
		uint8_t b;
		if (guest_byte(p, va + (uint32_t)i, &b) != 0) {
			buf[i] = 0;
			return -1;
		}
		buf[i] = (char)b;
		if (!b)
			return 0;
	}
	buf[i] = 0;
	return 0;
}

/* Drop cached copies of [pa, pa+len): the PROM's stores go through the
   write-through D-cache on real hardware, so the guest never sees stale
   lines; the simplest equivalent here is to invalidate them. */
static void cache_forget(struct cache *c, uint32_t pa, uint32_t len)
{
	if (!c->tag || !c->nlines)
		return;
	for (uint32_t a = pa & ~3u; a < pa + len; a += 4) {
		uint32_t idx = (a >> 2) & (c->nlines - 1);
		if (c->tag[idx] == (a | 1))
			c->tag[idx] = 0;
	}
}

int prom_guest_write(struct machine *m, uint32_t va, const void *buf, uint32_t len)
{
	uint32_t pa;
	if (virt_to_phys_unmapped(va, &pa) != 0 || phys_write(m, pa, buf, len) != 0)
		return -1;
	cache_forget(&m->cpu.dcache, pa, len);
	cache_forget(&m->cpu.icache, pa, len);
	return 0;
}

static int guest_write(struct prom *p, uint32_t va, const void *buf, uint32_t len)
{
	return prom_guest_write(p->m, va, buf, len);
}

/* RAM only (the R3000's D-cache writes through: memory is current). */
int prom_guest_read(struct machine *m, uint32_t va, void *buf, uint32_t len)
{
	uint32_t pa;
	if (virt_to_phys_unmapped(va, &pa) != 0)
		return -1;
	return phys_read(m, pa, buf, len);
}

/* ---- console ---------------------------------------------------------- */

static void out_str(struct machine *m, const char *s)
{
	while (*s)
		host_console_putc(m, (unsigned char)*s++);
}

/* A real printf subset as DEC's PROM offers: %d %i %u %x %X %o %c %s %%
   with '-', '0', a width and an ignored 'l'; arguments from a1..a3 only
   (HARDWARE.md: the PROM takes at most three). A conversion past the third
   argument prints "(?)". Strings are read from guest memory. */
static void prom_printf(struct prom *p, uint32_t fmt_va, const uint32_t *args, int nargs)
{
	struct machine *m = p->m;
	char fmt[2048];
	int argi = 0;

	if (guest_string(p, fmt_va, fmt, sizeof fmt) != 0) {
		out_str(m, "(bad printf format address)");
		return;
	}
	for (const char *f = fmt; *f; f++) {
		if (*f != '%') {
			host_console_putc(m, (unsigned char)*f);
			continue;
		}
		f++;
		int left = 0, zero = 0, width = 0;
		for (; *f == '-' || *f == '0'; f++) {
			if (*f == '-')
				left = 1;
			else
				zero = 1;
		}
		for (; *f >= '0' && *f <= '9'; f++)
			width = width * 10 + (*f - '0');
		while (*f == 'l')
			f++;
		if (!*f)
			break;
		if (*f == '%') {
			host_console_putc(m, '%');
			continue;
		}
		if (!strchr("diuxXocs", *f)) {
			host_console_putc(m, '%');
			host_console_putc(m, (unsigned char)*f);
			continue;
		}
		if (argi >= nargs) {
			out_str(m, "(?)");
			continue;
		}
		uint32_t a = args[argi++];
		char buf[2048];
		switch (*f) {
		case 'd': case 'i': snprintf(buf, sizeof buf, "%d", (int32_t)a); break;
		case 'u': snprintf(buf, sizeof buf, "%u", a); break;
		case 'x': snprintf(buf, sizeof buf, "%x", a); break;
		case 'X': snprintf(buf, sizeof buf, "%X", a); break;
		case 'o': snprintf(buf, sizeof buf, "%o", a); break;
		case 'c': buf[0] = (char)a; buf[1] = 0; break;
		case 's':
			if (guest_string(p, a, buf, sizeof buf) != 0)
				snprintf(buf, sizeof buf, "(bad address 0x%x)", a);
			break;
		}
		int len = (int)strlen(buf);
		if (*f == 'c' && !buf[0])
			len = 1;
		int pad = width > len ? width - len : 0;
		char padc = (zero && !left && *f != 's' && *f != 'c') ? '0' : ' ';
		if (!left) {
			/* Zero padding goes after a minus sign. */
			int start = 0;
			if (padc == '0' && buf[0] == '-') {
				host_console_putc(m, '-');
				start = 1;
			}
			for (int i = 0; i < pad; i++)
				host_console_putc(m, padc);
			for (int i = start; i < len; i++)
				host_console_putc(m, (unsigned char)buf[i]);
		} else {
			for (int i = 0; i < len; i++)
				host_console_putc(m, (unsigned char)buf[i]);
			for (int i = 0; i < pad; i++)
				host_console_putc(m, ' ');
		}
	}
}

/* Read a line with echo into guest memory at va (up to 255 characters).
   Returns va, or 0 if input ended before any character came. */
static uint32_t prom_gets(struct prom *p, uint32_t va)
{
	struct machine *m = p->m;
	char line[256];
	size_t n = 0;
	for (;;) {
		int c = host_console_getc(m);
		if (c < 0) {
			if (m->console_in_fd < 0 || m->console_in_eof) {
				if (n == 0)
					return 0;
				break;
			}
			/* An interactive terminal with nothing typed yet: the
			   real PROM blocks; so do we, politely. */
			struct timespec ts = { 0, 10 * 1000 * 1000 };
			nanosleep(&ts, NULL);
			continue;
		}
		if (c == '\r' || c == '\n') {
			out_str(m, "\n");
			break;
		}
		if (c == '\b' || c == 0x7f) {
			if (n > 0) {
				n--;
				out_str(m, "\b \b");
			}
			continue;
		}
		if (n + 1 < sizeof line) {
			line[n++] = (char)c;
			host_console_putc(m, c);
		}
	}
	line[n] = 0;
	if (guest_write(p, va, line, (uint32_t)n + 1) != 0)
		return 0;
	return va;
}

/* ---- environment ------------------------------------------------------ */

static void env_build(struct prom *p, const char *boot)
{
	char vars[8][160];
	int n = 0;
	snprintf(vars[n++], sizeof vars[0], "boot=%s", boot ? boot : "");
	snprintf(vars[n++], sizeof vars[0], "osconsole=%s", p->osconsole);
	snprintf(vars[n++], sizeof vars[0], "haltaction=h");
	snprintf(vars[n++], sizeof vars[0], "testaction=q");
	snprintf(vars[n++], sizeof vars[0], "scsiid0=7");
	snprintf(vars[n++], sizeof vars[0], "more=24");
	memset(p->rom + ROM_ENV, 0, ROM_ENV_SIZE);
	uint32_t off = ROM_ENV;
	for (int i = 0; i < n; i++) {
		size_t len = strlen(vars[i]) + 1;
		if (off + len >= ROM_ENV + ROM_ENV_SIZE)
			break;
		memcpy(p->rom + off, vars[i], len);
		off += (uint32_t)len;
	}
}

/* getenv: the address (in ROM, readable by the guest) of name's value. */
static uint32_t env_lookup(struct prom *p, const char *name)
{
	size_t nl = strlen(name);
	uint32_t off = ROM_ENV;
	while (off < ROM_ENV + ROM_ENV_SIZE && p->rom[off]) {
		const char *s = (const char *)p->rom + off;
		if (nl && !strncmp(s, name, nl) && s[nl] == '=')
			return KSEG1(PROM_PHYS_BASE + off + (uint32_t)nl + 1);
		off += (uint32_t)strlen(s) + 1;
	}
	return 0;
}

/* ---- the ROM as a bus device --------------------------------------------- */

static int rom_read(void *dev, uint32_t off, unsigned size, uint32_t *val)
{
	struct prom *p = dev;
	uint32_t v = 0;
	for (unsigned i = 0; i < size; i++)
		v |= (uint32_t)p->rom[off + i] << (8 * i);
	*val = v;
	return 0;
}

/* A ROM ignores writes. (Whether the KN03's flash-ROM decoder answers with
   a bus error is not documented in the sources we have; ignoring is the
   harmless choice.) */
static int rom_write(void *dev, uint32_t off, unsigned size, uint32_t val)
{
	(void)dev; (void)off; (void)size; (void)val;
	return 0;
}

static const struct device_ops rom_ops = { rom_read, rom_write };

void prom_attach(struct machine *m, const char *osconsole)
{
	struct prom *p = machine_zalloc(m, sizeof *p);
	p->m = m;
	m->prom = p;
	snprintf(p->osconsole, sizeof p->osconsole, "%s", osconsole ? osconsole : "3");

	/* Each callback slot points at its own 8-byte stub; the stub words
	   read as "jr ra; nop" (they are never executed: prom_intercept
	   performs the call when the CPU fetches them). */
	for (uint32_t i = 0; i < ROM_CB_ENTRIES; i++) {
		rom_put32(p, ROM_CALLBACKS + i * 4, KSEG1(PROM_PHYS_BASE + ROM_STUBS + i * 8));
		rom_put32(p, ROM_STUBS + i * 8, 0x03e00008u);
	}
	for (uint32_t i = 0; i < ROM_JT_ENTRIES; i++)
		rom_put32(p, ROM_JUMPTABLE + i * 8, 0x03e00008u);
	env_build(p, NULL);
	prom_disk_init(&p->disk, 0);	/* an ELF boot's path says rz0 */
	bus_map(m, "prom", PROM_PHYS_BASE, PROM_SIZE, &rom_ops, p,
		m->model->timing->io_access);
}

void prom_set_board(struct machine *m, const struct prom_board *b)
{
	struct prom *p = m->prom;
	p->board = *b;
	/* struct tcinfo (dec_prom.h): revision, clk_period (ns), slot_size
	   (MB), io_timeout (cycles), dma_range (MB), max_dma_burst, parity.
	   Values past clk_period and slot_size are not documented in our
	   sources; GXemul's choices (10, 1, 100, 0) are used. */
	rom_put32(p, ROM_TCINFO + 0, 0);
	rom_put32(p, ROM_TCINFO + 4, b->tc_period_ns);
	rom_put32(p, ROM_TCINFO + 8, b->tc_slot_size >> 20);
	rom_put32(p, ROM_TCINFO + 12, 10);
	rom_put32(p, ROM_TCINFO + 16, 1);
	rom_put32(p, ROM_TCINFO + 20, 100);
	rom_put32(p, ROM_TCINFO + 24, 0);
}

/* Board-specific ROM contents (the KN02 system slot's TURBOchannel ROM
   header at 0x3e0, read by NetBSD's tc probe as "KN02SYS "). The range
   must not overlap the jump table, vectors or callbacks built above. */
void prom_rom_write(struct machine *m, uint32_t off, const void *buf, uint32_t len)
{
	struct prom *p = m->prom;
	if (!p || off > PROM_SIZE || len > PROM_SIZE - off)
		return;
	memcpy(p->rom + off, buf, len);
}

/* ---- boot hand-off ---------------------------------------------------- */

/* The hand-off with argv[1] = bootpath. */
static int boot_path(struct machine *m, uint32_t entry, const char *bootpath, const char *args)
{
	struct prom *p = m->prom;
	char argbuf[512];
	const char *argv[16];
	int argc = 0;
	uint8_t area[PROM_ARGS_SIZE];

	/* The PROM's work area must not hold part of the loaded image. */
	if (m->ram_size < PROM_ARGS_PA + PROM_ARGS_SIZE ||
	    phys_read(m, PROM_ARGS_PA, area, sizeof area) != 0)
		return -1;
	for (size_t i = 0; i < sizeof area; i++)
		if (area[i])
			return -1;

	snprintf(argbuf, sizeof argbuf, "%s", args ? args : "-a");
	argv[argc++] = "boot";
	argv[argc++] = bootpath;
	for (char *tok = strtok(argbuf, " "); tok && argc < 15; tok = strtok(NULL, " "))
		argv[argc++] = tok;
	env_build(p, bootpath);

	/* argv[] (argc + 1 pointers) then the strings, all in the area. */
	memset(area, 0, sizeof area);
	uint32_t str = 4 * 16;
	for (int i = 0; i < argc; i++) {
		size_t len = strlen(argv[i]) + 1;
		if (str + len > sizeof area)
			return -1;
		uint32_t va = KSEG1(PROM_ARGS_PA + str);
		memcpy(area + 4 * i, &va, 4);	/* host is little-endian like the guest */
		memcpy(area + str, argv[i], len);
		str += (uint32_t)len;
	}
	if (phys_write(m, PROM_ARGS_PA, area, sizeof area) != 0)
		return -1;

	struct cpu *c = &m->cpu;
	c->r[4] = (uint32_t)argc;
	c->r[5] = KSEG1(PROM_ARGS_PA);
	c->r[6] = PROM_MAGIC;
	c->r[7] = PROM_CALLBACKS;
	c->r[29] = PROM_SP;
	c->pc = entry;
	c->npc = entry + 4;
	c->in_delay_slot = 0;
	return 0;
}

int prom_boot(struct machine *m, uint32_t entry, const char *image_name, const char *args)
{
	struct prom *p = m->prom;
	const char *prefix = p->board.boot_dev ? p->board.boot_dev : "3/rz0/";
	char bootpath[128];
	snprintf(bootpath, sizeof bootpath, "%s%s", prefix, image_name ? image_name : "");
	return boot_path(m, entry, bootpath, args);
}

int prom_boot_disk(struct machine *m, unsigned id, const char *args, char *err, size_t errlen)
{
	struct prom *p = m->prom;
	const char *dev = p->board.boot_dev ? p->board.boot_dev : "3/rz0/";
	const char *slash = strchr(dev, '/');
	char bootpath[128];
	uint32_t entry;
	if (prom_disk_load(m, id, PROM_WORK_END, &entry, err, errlen) != 0)
		return -1;
	/* "3/rz0/": the slot, the disk, and an empty file name, as an ELF
	   boot's "3/rz0/NAME" (GXemul passes "5/rz0/" booting a disk too;
	   NetBSD's bootxx takes either, with or without the '/'). */
	snprintf(bootpath, sizeof bootpath, "%.*srz%u/", slash ? (int)(slash - dev + 1) : 0, dev, id);
	prom_disk_init(&p->disk, (int)id);
	if (boot_path(m, entry, bootpath, args) != 0) {
		snprintf(err, errlen, "cannot set up the boot arguments");
		return -1;
	}
	return 0;
}

/* ---- callbacks -------------------------------------------------------- */

static int fatal_fmt(struct prom *p, const char *what, uint32_t x)
{
	snprintf(p->why, sizeof p->why, what, x);
	machine_fatal(p->m, p->why);
	return 1;
}

/* Perform callback cb (a byte offset into the callback vector). Returns 0
   and sets *v0, or 1 if the run ends. */
static int callback(struct prom *p, uint32_t cb, uint32_t *v0)
{
	struct machine *m = p->m;
	uint32_t *r = m->cpu.r;
	char buf[256];

	*v0 = 0;
	switch (cb) {
	case CB_GETCHAR: {
		int c = host_console_getc(m);
		*v0 = (uint32_t)(c < 0 ? -1 : c);
		return 0;
	}
	case CB_GETS:
		*v0 = prom_gets(p, r[4]);
		return 0;
	case CB_PUTS:
		if (guest_string(p, r[4], buf, sizeof buf) == 0) {
			out_str(m, buf);
			out_str(m, "\n");	/* as C's puts and GXemul's */
		}
		return 0;
	case CB_PRINTF: {
		uint32_t args[3] = { r[5], r[6], r[7] };
		prom_printf(p, r[4], args, 3);
		return 0;
	}
	case CB_BOOTINIT:
		*v0 = prom_disk_bootinit(m, &p->disk);
		return 0;
	case CB_BOOTREAD: case CB_BOOTWRITE:
		*v0 = prom_disk_bootrw(m, &p->disk, cb == CB_BOOTWRITE, &r[4]);
		return 0;
	case CB_GETENV:
		if (guest_string(p, r[4], buf, sizeof buf) == 0)
			*v0 = env_lookup(p, buf);
		return 0;
	case CB_SLOT_ADDRESS:
		/* Returned in kseg1: device space is used uncached. (GXemul
		   returns the kseg0 address; the firmware spec is not at hand.) */
		*v0 = KSEG1(p->board.tc_slot0 + p->board.tc_slot_size * r[4]);
		return 0;
	case CB_WBFLUSH:
		return 0;
	case CB_CLEAR_CACHE: {
		uint32_t pa;
		if (virt_to_phys_unmapped(r[4], &pa) == 0 && r[5] < m->ram_size) {
			cache_forget(&m->cpu.icache, pa, r[5]);
			cache_forget(&m->cpu.dcache, pa, r[5]);
		}
		return 0;
	}
	case CB_GETSYSID:
		*v0 = m->model->systype;
		return 0;
	case CB_GETBITMAP: {
		/* struct memmap (dec_prom.h): int pagesize; u_char bitmap[15360],
		   a bit per 4 KB page, set = usable. Returns the bitmap's length
		   in bytes (NetBSD machdep.c memsize_bitmap). Every page of RAM
		   is marked, as GXemul does. */
		uint32_t pages = m->ram_size / 4096;
		uint32_t bytes = (pages + 7) / 8;
		if (bytes > 15360)
			bytes = 15360;
		uint8_t map[4 + 15360];
		memset(map, 0, sizeof map);
		map[1] = 0x10;			/* pagesize 4096, little-endian */
		for (uint32_t pg = 0; pg < pages && pg / 8 < bytes; pg++)
			map[4 + pg / 8] |= (uint8_t)(1u << (pg % 8));
		if (guest_write(p, r[4], map, 4 + bytes) != 0)
			return fatal_fmt(p, "PROM getbitmap: bad buffer address 0x%08x", r[4]);
		*v0 = bytes;
		return 0;
	}
	case CB_HALT:
		machine_halt(m, 0);
		return 1;
	case CB_GETTCINFO:
		*v0 = KSEG1(PROM_PHYS_BASE + ROM_TCINFO);
		return 0;
	case CB_REX:
		if ((r[4] & 0xff) == 'h' || (r[4] & 0xff) == 'b') {
			machine_halt(m, 0);
			return 1;
		}
		return fatal_fmt(p, "PROM rex(0x%02x) not implemented", r[4]);
	default: {
		const char *name = cb / 4 < ROM_CB_ENTRIES && cb_names[cb / 4] ? cb_names[cb / 4] : "reserved";
		snprintf(p->why, sizeof p->why, "PROM callback 0x%02x (%s) not implemented", cb, name);
		machine_fatal(m, p->why);
		return 1;
	}
	}
}

/* Old jump-table entry at ROM offset off. */
static int jumptable(struct prom *p, uint32_t off, uint32_t *v0)
{
	struct machine *m = p->m;
	struct cpu *c = &m->cpu;
	*v0 = 0;
	switch (off) {
	case JT_RESET: case JT_RESTART: case JT_REBOOT: case JT_AUTOBOOT: case JT_HALT:
		machine_halt(m, 0);
		return 1;
	case JT_REINIT:
		/* NetBSD prom_halt(RB_HALT) on an old PROM: back to the monitor. */
		machine_halt(m, 0);
		return 1;
	case JT_OPEN: {
		char name[64];
		*v0 = guest_string(p, c->r[4], name, sizeof name) == 0 ?
			prom_disk_open(m, &p->disk, name, c->r[5]) : (uint32_t)-1;
		return 0;
	}
	case JT_READ: case JT_WRITE:
		*v0 = prom_disk_rw(m, &p->disk, off == JT_WRITE, &c->r[4]);
		return 0;
	case JT_LSEEK:
		*v0 = prom_disk_lseek(m, &p->disk, &c->r[4]);
		return 0;
	case JT_CLOSE:
		*v0 = prom_disk_close(&p->disk, c->r[4]);
		return 0;
	case JT_GETCHAR: return callback(p, CB_GETCHAR, v0);
	case JT_PUTCHAR:
		host_console_putc(m, (int)(c->r[4] & 0xff));
		return 0;
	case JT_GETS: return callback(p, CB_GETS, v0);
	case JT_PUTS: return callback(p, CB_PUTS, v0);
	case JT_PRINTF: return callback(p, CB_PRINTF, v0);
	case VEC_BEV_UTLB: case VEC_BEV_GENERAL:
		snprintf(p->why, sizeof p->why,
			 "exception with Status.BEV set (PROM vector 0x%03x): Cause 0x%08x, "
			 "EPC 0x%08x, BadVAddr 0x%08x", off, c->cp0[CP0_CAUSE],
			 c->cp0[CP0_EPC], c->cp0[CP0_BADVADDR]);
		machine_fatal(m, p->why);
		return 1;
	default:
		return fatal_fmt(p, "PROM jump-table entry 0xbfc%05x not implemented", off);
	}
}

int prom_intercept(struct machine *m, uint32_t pc)
{
	struct prom *p = m->prom;
	uint32_t pa, v0;
	int ended;

	if (!p || virt_to_phys_unmapped(pc, &pa) != 0 || pa - PROM_PHYS_BASE >= PROM_SIZE)
		return 0;
	uint32_t off = pa - PROM_PHYS_BASE;
	if (off >= ROM_STUBS && off < ROM_STUBS + ROM_CB_ENTRIES * 8 && !(off & 7))
		ended = callback(p, (off - ROM_STUBS) / 2, &v0);
	else if (off < 0x400 && !(off & 7))
		ended = jumptable(p, off, &v0);
	else
		ended = fatal_fmt(p, "jump into the PROM at 0x%08x (not an emulated entry)", pc);
	if (ended)
		return 1;
	struct cpu *c = &m->cpu;
	c->r[2] = v0;
	c->pc = c->r[31];
	c->npc = c->r[31] + 4;
	c->in_delay_slot = 0;
	return 1;
}
