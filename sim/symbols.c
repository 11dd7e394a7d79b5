/*
 * symbols.c - guest symbol tables (see symbols.h). The ELF reader checks
 * every offset, size and index against the file before using it (System V
 * ABI, ELF32: section headers, SHT_SYMTAB, its SHT_STRTAB via sh_link), so
 * a truncated or corrupt file gives a one-line error, never a bad read.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "elfdefs.h"
#include "hostfile.h"
#include "symbols.h"


static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q) {
		fprintf(stderr, "pmaxsim: out of memory (symbol table)\n");
		exit(1);
	}
	return q;
}

void symtab_init(struct symtab *st)
{
	memset(st, 0, sizeof *st);
}

void symtab_free(struct symtab *st)
{
	for (int i = 0; i < st->nnames; i++)
		free(st->names[i]);
	free(st->names);
	free(st->syms);
	free(st->pend);
	symtab_init(st);
}

/* A symbol added but not yet sorted in; see symtab_sort(). */
struct symtab_pending {
	uint32_t addr, end;
	int sized, rank;	/* rank: higher wins among symbols at one address */
	const char *name;
};


static const char *keep_name(struct symtab *st, const char *name)
{
	if (st->nnames == st->capnames) {
		st->capnames = st->capnames ? 2 * st->capnames : 64;
		st->names = xrealloc(st->names, (size_t)st->capnames * sizeof *st->names);
	}
	size_t n = strlen(name) + 1;
	char *s = xrealloc(NULL, n);
	memcpy(s, name, n);
	st->names[st->nnames++] = s;
	return s;
}

static void add(struct symtab *st, const char *name, uint32_t addr, uint32_t end,
		int sized, int rank)
{
	/* Fold what is already sorted back into the pending list. */
	if (st->n && !st->npend) {
		for (int i = 0; i < st->n; i++) {
			if (st->npend == st->cappend) {
				st->cappend = st->cappend ? 2 * st->cappend : 256;
				st->pend = xrealloc(st->pend, (size_t)st->cappend * sizeof *st->pend);
			}
			st->pend[st->npend++] = (struct symtab_pending){ st->syms[i].addr, st->syms[i].end,
							  1, 1 << 20, st->syms[i].name };
		}
		st->n = 0;
	}
	if (st->npend == st->cappend) {
		st->cappend = st->cappend ? 2 * st->cappend : 256;
		st->pend = xrealloc(st->pend, (size_t)st->cappend * sizeof *st->pend);
	}
	st->pend[st->npend++] = (struct symtab_pending){ addr, end, sized, rank, keep_name(st, name) };
}

void symtab_add(struct symtab *st, const char *name, uint32_t addr, uint32_t end)
{
	add(st, name, addr, end ? end : 0xffffffffu, end != 0, 1 << 19);
}

static int cmp_pending(const void *a, const void *b)
{
	const struct symtab_pending *x = a, *y = b;
	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank > y->rank ? -1 : 1;	/* best first */
	return strcmp(x->name, y->name);
}

/* Sort, keep the best symbol at each address, and bound each unsized
   symbol's range by the next symbol. */
static void symtab_sort(struct symtab *st)
{
	if (!st->npend)
		return;
	qsort(st->pend, (size_t)st->npend, sizeof *st->pend, cmp_pending);
	st->syms = xrealloc(st->syms, (size_t)(st->npend ? st->npend : 1) * sizeof *st->syms);
	st->cap = st->npend;
	int n = 0;
	for (int i = 0; i < st->npend; i++) {
		if (n && st->syms[n - 1].addr == st->pend[i].addr)
			continue;
		st->syms[n++] = (struct symbol){ st->pend[i].addr, st->pend[i].end, st->pend[i].name };
		/* remember sized beside it, for the loop below */
		st->pend[n - 1].sized = st->pend[i].sized;
	}
	for (int i = 0; i < n; i++) {
		if (!st->pend[i].sized && i + 1 < n && st->syms[i + 1].addr < st->syms[i].end)
			st->syms[i].end = st->syms[i + 1].addr;
		if (st->syms[i].end <= st->syms[i].addr)	/* zero-sized */
			st->syms[i].end = st->syms[i].addr + 1;
	}
	st->n = n;
	st->npend = 0;
}

const struct symbol *symtab_find(struct symtab *st, uint32_t addr)
{
	symtab_sort(st);
	int lo = 0, hi = st->n - 1, best = -1;
	while (lo <= hi) {		/* the last symbol at or below addr */
		int mid = lo + (hi - lo) / 2;
		if (st->syms[mid].addr <= addr) {
			best = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	if (best < 0 || addr >= st->syms[best].end)
		return NULL;
	return &st->syms[best];
}

const char *symtab_lookup(struct symtab *st, uint32_t addr, uint32_t *off)
{
	const struct symbol *s = symtab_find(st, addr);
	if (!s)
		return NULL;
	if (off)
		*off = addr - s->addr;
	return s->name;
}

static int fail(char *err, unsigned errlen, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}


int symtab_load_elf(struct symtab *st, const char *path, char *err, unsigned errlen)
{
	size_t len;
	uint8_t *f = hostfile_read(path, &len, err, errlen);
	if (!f)
		return -1;
	int added = -1;

	if (len < 52 || memcmp(f, "\177ELF", 4) != 0) {
		fail(err, errlen, "%s: not an ELF file", path);
		goto out;
	}
	if (f[4] != 1 || f[5] != 1 || le16(f + 18) != EM_MIPS) {
		fail(err, errlen, "%s: not a 32-bit little-endian MIPS ELF file", path);
		goto out;
	}
	uint32_t shoff = le32(f + 32);
	uint32_t shentsize = le16(f + 46), shnum = le16(f + 48);
	if (shnum == 0) {		/* no section headers: nothing to read */
		added = 0;
		goto out;
	}
	if (shentsize < 40 || shoff > len || (uint64_t)shnum * shentsize > len - shoff) {
		fail(err, errlen, "%s: truncated or corrupt section headers", path);
		goto out;
	}
#define SH(i)	(f + shoff + (size_t)(i) * shentsize)
	added = 0;
	for (uint32_t i = 0; i < shnum; i++) {
		const uint8_t *sh = SH(i);
		if (le32(sh + 4) != SHT_SYMTAB)
			continue;
		uint32_t off = le32(sh + 16), size = le32(sh + 20);
		uint32_t link = le32(sh + 24), entsize = le32(sh + 36);
		if (off > len || size > len - off || entsize < 16 || link >= shnum ||
		    le32(SH(link) + 4) != SHT_STRTAB) {
			fail(err, errlen, "%s: corrupt symbol table (section %u)", path, i);
			added = -1;
			goto out;
		}
		uint32_t stroff = le32(SH(link) + 16), strsize = le32(SH(link) + 20);
		if (stroff > len || strsize > len - stroff || strsize == 0 ||
		    f[stroff + strsize - 1] != 0) {
			fail(err, errlen, "%s: corrupt string table (section %u)", path, link);
			added = -1;
			goto out;
		}
		const char *strtab = (const char *)f + stroff;
		for (uint32_t k = 1; k < size / entsize; k++) {
			const uint8_t *s = f + off + (size_t)k * entsize;
			uint32_t name = le32(s), value = le32(s + 4), ssize = le32(s + 8);
			unsigned type = s[12] & 15, bind = s[12] >> 4;
			uint16_t shndx = le16(s + 14);
			if ((type != STT_FUNC && type != STT_NOTYPE) || shndx == 0 ||
			    shndx >= shnum)
				continue;	/* undefined, absolute, common, data */
			if (name >= strsize) {
				fail(err, errlen, "%s: symbol %u has a bad name offset", path, k);
				added = -1;
				goto out;
			}
			const uint8_t *sec = SH(shndx);
			uint32_t flags = le32(sec + 8), saddr = le32(sec + 12), ssz = le32(sec + 20);
			if ((flags & (SHF_ALLOC | SHF_EXECINSTR)) != (SHF_ALLOC | SHF_EXECINSTR))
				continue;	/* not code */
			const char *nm = strtab + name;
			if (!*nm || *nm == '$' || !strncmp(nm, ".L", 2))
				continue;	/* anonymous, mapping or assembler-local */
			uint32_t secend = saddr + ssz < saddr ? 0xffffffffu : saddr + ssz;
			if (value < saddr || value >= secend)
				continue;	/* a label at the section's end */
			int sized = ssize != 0 && value + ssize > value;
			uint32_t end = sized ? value + ssize : secend;
			int rank = (type == STT_FUNC) * 4 + (bind == STB_GLOBAL) * 2 + sized;
			add(st, nm, value, end, sized, rank);
			added++;
		}
	}
#undef SH
out:
	free(f);
	return added;
}

int symtab_load_files(struct symtab *st, const char *const *files, int nfiles)
{
	char err[512];
	for (int i = 0; i < nfiles; i++)
		if (files[i] && symtab_load_elf(st, files[i], err, sizeof err) < 0) {
			fprintf(stderr, "pmaxsim: %s\n", err);
			return -1;
		}
	symtab_find(st, 0);	/* sort now, not during the run */
	return 0;
}
