/*
 * exec.c - execv/execve in the library: the ELF file is read through
 * newlib's open/read (any mounted file system), checked field by field
 * as Aegis's loader checks a program of the boot archive (aegis/env.c;
 * ELF layout from the System V ABI, MIPS supplement), and built in new
 * pages at scratch addresses of our own page table: segments copied,
 * .bss zeroed, a stack with argc/argv. SYS_env_create(REPLACE) then
 * makes those pages the whole of this environment. A file that is not
 * such a program leaves the caller as it was: -1, errno ENOEXEC.
 * The environment is not passed on (newlib's environ stays empty).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "exos.h"
#include "vm.h"
#include "procimg.h"

#define EXEC_SCRATCH	0x60000000u	/* where the new image is built */
#define EXEC_MAXPH	16
#define EXEC_STACK_LO	(USER_TOP - USER_STACK_PAGES * VM_PAGE_SIZE)

static uint32_t le32(const uint8_t *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }
static uint16_t le16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }

struct seg {
	uint32_t off, va, filesz, memsz;
	int writable;
};

/* The image's pages, by virtual page, each with its scratch page. */
static uint32_t img_vpn[64];
static int nimg;

static int img_index(uint32_t vpn)
{
	for (int i = 0; i < nimg; i++)
		if (img_vpn[i] == vpn)
			return i;
	return -1;
}

static uint32_t scratch(int i) { return EXEC_SCRATCH + (uint32_t)i * VM_PAGE_SIZE; }

static void free_scratch(void)
{
	for (int i = 0; i < nimg; i++)
		vm_unmap(scratch(i));
	nimg = 0;
}

/* Read exactly len bytes at off; 0 or -1. */
static int pread_all(int fd, uint32_t off, void *buf, uint32_t len)
{
	if (lseek(fd, (off_t)off, SEEK_SET) != (off_t)off)
		return -1;
	char *p = buf;
	while (len) {
		int n = read(fd, p, len);
		if (n <= 0)
			return -1;
		p += n;
		len -= (uint32_t)n;
	}
	return 0;
}

/* The program headers of a valid MIPS executable, checked; the number
   of loadable segments, or -1 (not a program we can run). */
static int check_elf(int fd, uint32_t size, struct seg *segs, uint32_t *entry)
{
	uint8_t eh[52], ph[32];
	if (size < sizeof eh || pread_all(fd, 0, eh, sizeof eh) != 0)
		return -1;
	if (memcmp(eh, "\177ELF", 4) != 0 || eh[4] != 1 || eh[5] != 1)
		return -1;	/* not 32-bit little-endian ELF */
	if (le16(eh + 16) != 2 || le16(eh + 18) != 8)
		return -1;	/* not an executable for MIPS */
	uint32_t phoff = le32(eh + 28);
	uint16_t phentsize = le16(eh + 42), phnum = le16(eh + 44);
	*entry = le32(eh + 24);
	if (phentsize < 32 || phnum > EXEC_MAXPH || phoff > size ||
	    (uint32_t)phnum * phentsize > size - phoff)
		return -1;	/* program headers outside the file */
	int n = 0, entry_ok = 0;
	for (unsigned i = 0; i < phnum; i++) {
		if (pread_all(fd, phoff + i * phentsize, ph, sizeof ph) != 0)
			return -1;
		if (le32(ph) != 1 /* PT_LOAD */ || le32(ph + 20) == 0)
			continue;
		struct seg *s = &segs[n++];
		s->off = le32(ph + 4);
		s->va = le32(ph + 8);
		s->filesz = le32(ph + 16);
		s->memsz = le32(ph + 20);
		s->writable = (le32(ph + 24) & 2) != 0;	/* PF_W */
		if (s->filesz > s->memsz || s->off > size || s->filesz > size - s->off)
			return -1;	/* a segment outside the file */
		if (s->va < USER_TEXT_BASE || s->memsz > EXEC_STACK_LO - USER_TEXT_BASE ||
		    s->va > EXEC_STACK_LO - s->memsz)
			return -1;	/* outside the user space below the stack */
		if (*entry - s->va < s->memsz)
			entry_ok = 1;
	}
	if (!n || !entry_ok || (*entry & 3))
		return -1;
	return n;
}

/* A scratch page for vpn (new, zeroed, or the one it has). */
static int page_for(uint32_t vpn)
{
	int i = img_index(vpn);
	if (i >= 0)
		return i;
	if (nimg == (int)(sizeof img_vpn / sizeof img_vpn[0]))
		return -AEGIS_ENOMEM;
	int r = vm_alloc(scratch(nimg), VM_READ | VM_WRITE, 0, 0);
	if (r < 0)
		return r;
	img_vpn[nimg] = vpn;
	return nimg++;
}

/* argc, argv and their strings at the top of the new stack; its sp. */
static int build_stack(char *const argv[], uint32_t *sp_out, uint32_t *argv_out)
{
	int argc = 0;
	uint32_t strbytes = 0;
	while (argv && argv[argc]) {
		strbytes += (uint32_t)strlen(argv[argc]) + 1;
		argc++;
	}
	uint32_t need = strbytes + 4 * (uint32_t)(argc + 1) + 64;
	if (need > (USER_STACK_PAGES - 1) * VM_PAGE_SIZE)
		return -1;	/* leave the program a page of stack at least */
	int first = -1;
	for (int i = USER_STACK_PAGES; i >= 1; i--) {
		int k = page_for((USER_TOP >> 12) - (uint32_t)i);
		if (k < 0)
			return k;
		if (first < 0)
			first = k;
	}
	/* The stack pages are consecutive scratch pages: va -> scratch. */
	uint32_t delta = scratch(first) - EXEC_STACK_LO;
	uint32_t top = USER_TOP - 16;
	uint32_t strp = top - strbytes;
	uint32_t vec = (strp - 4 * (uint32_t)(argc + 1)) & ~7u;
	for (int i = 0; i < argc; i++) {
		size_t l = strlen(argv[i]) + 1;
		memcpy((void *)(strp + delta), argv[i], l);
		((uint32_t *)(vec + delta))[i] = strp;
		strp += (uint32_t)l;
	}
	((uint32_t *)(vec + delta))[argc] = 0;
	*argv_out = vec;
	*sp_out = (vec - 32) & ~7u;
	return argc;
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	(void)envp;
	struct seg segs[EXEC_MAXPH];
	struct stat st;
	uint32_t entry;
	int fd = open(path, O_RDONLY, 0);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		exos_set_errno(EACCES);
		return -1;
	}
	int nseg = check_elf(fd, (uint32_t)st.st_size, segs, &entry);
	if (nseg < 0) {
		close(fd);
		exos_set_errno(ENOEXEC);
		return -1;
	}
	/* The pages: stack first (its scratch pages consecutive), then
	   each segment's, filled from the file. */
	nimg = 0;
	uint32_t sp, argv_va;
	int argc = build_stack(argv, &sp, &argv_va), err = argc < 0 ? E2BIG : 0;
	for (int s = 0; s < nseg && !err; s++) {
		struct seg *g = &segs[s];
		for (uint32_t a = g->va & ~(VM_PAGE_SIZE - 1); a < g->va + g->memsz && !err;
		     a += VM_PAGE_SIZE) {
			int k = page_for(a >> 12);
			if (k < 0) {
				err = ENOMEM;
				break;
			}
			uint32_t lo = a > g->va ? a : g->va;
			uint32_t hi = a + VM_PAGE_SIZE < g->va + g->filesz ? a + VM_PAGE_SIZE
									   : g->va + g->filesz;
			if (lo < hi && pread_all(fd, g->off + (lo - g->va),
						 (void *)(scratch(k) + (lo - a)), hi - lo) != 0)
				err = EIO;
		}
	}
	close(fd);
	if (!err && nimg > 64 - 2)
		err = ENOMEM;	/* over an environment's mappings (and the counter's) */
	if (err) {
		free_scratch();
		exos_set_errno(err);
		return -1;
	}
	for (int i = 0; i < nimg; i++) {
		uint32_t ppn, cap, va = img_vpn[i] << 12;
		int w = va >= EXEC_STACK_LO;
		for (int s = 0; s < nseg; s++)
			if (segs[s].writable && va + VM_PAGE_SIZE > segs[s].va &&
			    va < segs[s].va + segs[s].memsz)
				w = 1;
		vm_lookup(scratch(i), &ppn, &cap, 0);
		proc_pages[i] = (struct aegis_env_page){ img_vpn[i], ppn, cap,
							 AEGIS_PG_MAP | (w ? AEGIS_PG_WRITE : 0) };
	}
	memset(&proc_img, 0, sizeof proc_img);
	proc_img.pages = proc_pages;
	proc_img.npages = (unsigned)nimg;
	proc_img.pc = entry;
	proc_img.sp = sp;
	proc_img.a[0] = (uint32_t)argc;
	proc_img.a[2] = EXOS_EXEC_MAGIC;
	proc_img.a[3] = argv_va;
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	strncpy(proc_img.name, base, sizeof proc_img.name - 1);
	proc_sync_files();
	int r = sys_env_create(&proc_img, AEGIS_ENV_REPLACE);
	/* Only on failure are we still here, unchanged. */
	free_scratch();
	exos_set_errno(r == -AEGIS_ENOMEM ? ENOMEM : ENOEXEC);
	return -1;
}

int execv(const char *path, char *const argv[])
{
	return execve(path, argv, 0);
}
