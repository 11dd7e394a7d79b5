/*
 * disasm_dump.c - print pmaxsim's disassembly of every word of an image's
 * code sections, one line "ADDR WORD MNEMONIC OPERANDS", for the
 * differential test against GNU objdump (disasm-diff). With --sweep OUT,
 * write a binary of encodings that covers every opcode, function, format
 * and register field class (plus pseudo-random words) to OUT, based at
 * 0x80000000, and print their lines instead.
 *   usage: disasm_dump IMAGE.elf | disasm_dump --sweep OUT.bin
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "disasm.h"

static uint32_t le32(const uint8_t *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }
static uint16_t le16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }

static void line(uint32_t pc, uint32_t w)
{
	char buf[128];
	disasm(pc, w, NULL, buf, sizeof buf);
	printf("%08x %08x %s\n", pc, w, buf);
}

static int dump_elf(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return 1;
	}
	static uint8_t buf[16 << 20];
	size_t len = fread(buf, 1, sizeof buf, f);
	fclose(f);
	if (len < 52 || memcmp(buf, "\177ELF", 4) || buf[4] != 1 || buf[5] != 1) {
		fprintf(stderr, "%s: not an ELF32 little-endian file\n", path);
		return 1;
	}
	uint32_t shoff = le32(buf + 32), shentsize = le16(buf + 46), shnum = le16(buf + 48);
	if (shentsize < 40 || shoff > len || (uint64_t)shnum * shentsize > len - shoff) {
		fprintf(stderr, "%s: corrupt section headers\n", path);
		return 1;
	}
	for (uint32_t i = 0; i < shnum; i++) {
		const uint8_t *sh = buf + shoff + (size_t)i * shentsize;
		uint32_t type = le32(sh + 4), flags = le32(sh + 8), addr = le32(sh + 12);
		uint32_t off = le32(sh + 16), size = le32(sh + 20);
		if (type != 1 || (flags & 6) != 6)	/* PROGBITS, ALLOC|EXECINSTR */
			continue;
		if (off > len || size > len - off) {
			fprintf(stderr, "%s: section %u is truncated\n", path, i);
			return 1;
		}
		for (uint32_t k = 0; k + 4 <= size; k += 4)
			line(addr + k, le32(buf + off + k));
	}
	return 0;
}

static uint32_t rng = 12345;
static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static int sweep(const char *out)
{
	static uint32_t w[1 << 16];
	int n = 0;
	for (uint32_t op = 0; op < 64; op++) {		/* every opcode */
		w[n++] = op << 26;
		for (int k = 0; k < 8; k++)
			w[n++] = op << 26 | (rnd() & 0x03ffffffu);
		w[n++] = op << 26 | (rnd() & 0x03ff0000u);
	}
	for (uint32_t f = 0; f < 64; f++) {		/* SPECIAL functions */
		w[n++] = f;
		w[n++] = (rnd() & 0x03fff800u) | f;	/* sa zero */
		w[n++] = (rnd() & 0x03e0f800u) | f;	/* rt, sa zero */
		w[n++] = (rnd() & 0x001fffc0u) | f;	/* rs zero */
		w[n++] = (rnd() & 0x03e00000u) | f;	/* rs only */
		w[n++] = (rnd() & 0x0000f800u) | f;	/* rd only */
		w[n++] = (rnd() & 0x03ffffc0u) | f;
	}
	for (uint32_t rt = 0; rt < 32; rt++)		/* REGIMM */
		for (int k = 0; k < 3; k++)
			w[n++] = 1u << 26 | rt << 16 | (rnd() & (k ? 0x03e0ffffu : 0xffffu));
	for (uint32_t z = 0; z < 4; z++)		/* COPz: every rs value */
		for (uint32_t rs = 0; rs < 32; rs++) {
			uint32_t base = (0x10 + z) << 26 | rs << 21;
			w[n++] = base | (rnd() & 0x001ff800u);
			w[n++] = base | (rnd() & 0x001fffffu);
			w[n++] = base | 1u << 16 | (rnd() & 0xffffu);
			w[n++] = base | (rnd() & 0x3fu);
		}
	for (uint32_t reg = 0; reg < 32; reg++) {	/* register names */
		w[n++] = 0x40000000u | (rnd() & 31) << 16 | reg << 11;	/* mfc0 */
		w[n++] = 0x40800000u | (rnd() & 31) << 16 | reg << 11;	/* mtc0 */
		w[n++] = 0x44400000u | (rnd() & 31) << 16 | reg << 11;	/* cfc1 */
		w[n++] = 0x44c00000u | (rnd() & 31) << 16 | reg << 11;	/* ctc1 */
		w[n++] = 0xc4000000u | (rnd() & 31) << 21 | reg << 16 | (rnd() & 0xffff);
		w[n++] = 0xc0000000u | (rnd() & 31) << 21 | reg << 16 | (rnd() & 0xffff);
		w[n++] = reg << 21 | reg << 16 | reg << 11 | 0x21;	/* addu */
		w[n++] = 0x24000000u | reg << 21 | reg << 16 | (rnd() & 0xffff);
	}
	for (uint32_t cop = 0; cop < 32; cop++)		/* COP0 operations */
		w[n++] = 0x42000000u | cop;
	for (uint32_t fmt = 16; fmt < 32; fmt++)	/* FPU: every fmt, function */
		for (uint32_t f = 0; f < 64; f++) {
			uint32_t base = 0x44000000u | fmt << 21 | f;
			w[n++] = base | (rnd() & 0x0000ffc0u);		/* ft zero */
			w[n++] = base | (rnd() & 0x001ff800u);		/* fd zero */
			w[n++] = base | (rnd() & 0x001fffc0u);
		}
	for (uint32_t code = 0; code < 4; code++) {	/* break/syscall codes */
		w[n++] = 0x0d | (code & 1 ? rnd() & 0x03ff0000u : 0) | (code & 2 ? rnd() & 0xffc0u : 0);
		w[n++] = 0x0c | (code ? rnd() & 0x03ffffc0u : 0);
	}
	while (n < 20000)				/* and noise */
		w[n++] = rnd();

	FILE *f = fopen(out, "wb");
	if (!f) {
		perror(out);
		return 1;
	}
	for (int i = 0; i < n; i++) {
		uint8_t b[4] = { (uint8_t)w[i], (uint8_t)(w[i] >> 8), (uint8_t)(w[i] >> 16),
				 (uint8_t)(w[i] >> 24) };
		fwrite(b, 1, 4, f);
		line(0x80000000u + 4 * (uint32_t)i, w[i]);
	}
	return fclose(f) ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--sweep"))
		return sweep(argv[2]);
	if (argc == 2)
		return dump_elf(argv[1]);
	fprintf(stderr, "usage: disasm_dump IMAGE.elf | disasm_dump --sweep OUT.bin\n");
	return 2;
}
