/*
 * elf.c - ELF32 loader for guest images. Every header field that drives a
 * read or a copy is checked against the file and RAM sizes first, so a
 * truncated, corrupt or foreign file gets a clear one-line error and never
 * an out-of-bounds access. Format: System V ABI, ELF32 and its MIPS
 * supplement (EM_MIPS = 8, little-endian = ELFDATA2LSB).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "elf.h"
#include "elfdefs.h"
#include "hostfile.h"
#include "machine.h"


static int fail(char *err, unsigned errlen, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

int elf_load(struct machine *m, const char *path, uint32_t *entry,
	     char *err, unsigned errlen)
{
	size_t len;
	uint8_t *f = hostfile_read(path, &len, err, errlen);
	if (!f)
		return -1;
	int rc = elf_load_image(m, path, f, len, entry, err, errlen);
	free(f);
	return rc;
}

int elf_load_image(struct machine *m, const char *path, const uint8_t *f, size_t len,
		   uint32_t *entry, char *err, unsigned errlen)
{
	int rc = -1;

	if (len < 52 || memcmp(f, "\177ELF", 4) != 0) {
		fail(err, errlen, "%s: not an ELF file%s", path, len < 52 ? " (too short)" : "");
		goto out;
	}
	if (f[4] != ELFCLASS32 || f[5] != ELFDATA2LSB) {
		fail(err, errlen, "%s: not a 32-bit little-endian ELF (class %u, data %u)",
		     path, f[4], f[5]);
		goto out;
	}
	if (le16(f + 18) != EM_MIPS) {
		fail(err, errlen, "%s: not a MIPS executable (e_machine %u)", path, le16(f + 18));
		goto out;
	}
	if (le16(f + 16) != ET_EXEC) {
		fail(err, errlen, "%s: not an executable (e_type %u; link it first)", path, le16(f + 16));
		goto out;
	}
	uint32_t phoff = le32(f + 28);
	uint16_t phentsize = le16(f + 42), phnum = le16(f + 44);
	*entry = le32(f + 24);
	if (phnum == 0 || phentsize < 32 || phoff > len ||
	    (uint64_t)phnum * phentsize > len - phoff) {
		fail(err, errlen, "%s: truncated or corrupt program headers", path);
		goto out;
	}
	/* Two passes: every segment is checked before any is copied, so a
	   rejected image leaves RAM as it was (a bad segment after a good
	   one once left the good one loaded: found by sim/tests/simfuzz). */
	int loaded = 0, entry_ok = 0;
	for (int copy = 0; copy < 2; copy++) {
		for (unsigned i = 0; i < phnum; i++) {
			const uint8_t *ph = f + phoff + (size_t)i * phentsize;
			if (le32(ph) != PT_LOAD)
				continue;
			uint32_t off = le32(ph + 4), vaddr = le32(ph + 8);
			uint32_t filesz = le32(ph + 16), memsz = le32(ph + 20);
			if (memsz == 0)
				continue;
			uint32_t pa = vaddr & 0x1fffffffu;
			if (copy) {
				memcpy(m->ram + pa, f + off, filesz);
				memset(m->ram + pa + filesz, 0, memsz - filesz);
				continue;
			}
			if (filesz > memsz || off > len || filesz > len - off) {
				fail(err, errlen, "%s: segment %u is truncated or corrupt", path, i);
				goto out;
			}
			if (virt_to_phys_unmapped(vaddr, &pa) != 0 ||
			    virt_to_phys_unmapped(vaddr + memsz - 1, &pa) != 0 ||
			    (vaddr ^ (vaddr + memsz - 1)) & 0xe0000000u) {
				fail(err, errlen, "%s: segment %u at 0x%08x is not in kseg0/kseg1",
				     path, i, vaddr);
				goto out;
			}
			pa = vaddr & 0x1fffffffu;
			if (pa >= m->ram_size || memsz > m->ram_size - pa) {
				fail(err, errlen, "%s: segment %u (0x%08x, %u bytes) does not fit in %u MB of RAM",
				     path, i, vaddr, memsz, m->ram_size >> 20);
				goto out;
			}
			if (*entry - vaddr < memsz)
				entry_ok = 1;
			loaded++;
		}
		if (copy)
			break;
		if (!loaded) {
			fail(err, errlen, "%s: no loadable segment", path);
			goto out;
		}
		if (!entry_ok || (*entry & 3)) {
			fail(err, errlen, "%s: entry point 0x%08x is not in a loaded segment", path, *entry);
			goto out;
		}
	}
	rc = 0;
out:
	return rc;
}
