/*
 * symbols.h - guest symbol tables for pmaxsim's tools (--trace, --profile,
 * --gdb): the function and text-label symbols of ELF32 MIPS images, kept in
 * one array sorted by address so that addr -> (name, offset) is a binary
 * search. Invariant after symtab_load_elf/symtab_add: entries sorted by address,
 * one entry per address, every entry's range [addr, end) non-empty.
 */
#ifndef SIM_SYMBOLS_H
#define SIM_SYMBOLS_H

#include <stdint.h>

struct symbol {
	uint32_t addr;		/* first byte */
	uint32_t end;		/* one past the last byte it covers */
	const char *name;
};

struct symtab {
	struct symbol *syms;	/* sorted by addr, no duplicates */
	int n, cap;
	char **names;		/* owned strings */
	int nnames, capnames;
	struct symtab_pending *pend;	/* added, not yet sorted in */
	int npend, cappend;
};

/* An empty table (a zeroed struct symtab is one too). */
void symtab_init(struct symtab *st);
void symtab_free(struct symtab *st);

/* Add the STT_FUNC symbols and the STT_NOTYPE symbols of executable
 * sections from an ELF32 little-endian file's .symtab. Returns the number
 * added (0 for a stripped file), or -1 with a one-line reason in err for
 * an unreadable, truncated or corrupt file. Never reads out of bounds. */
int symtab_load_elf(struct symtab *st, const char *path, char *err, unsigned errlen);

/* Add one symbol covering [addr, end) (end 0: up to the next symbol). */
void symtab_add(struct symtab *st, const char *name, uint32_t addr, uint32_t end);

/* The symbol covering addr, or NULL. */
const struct symbol *symtab_find(struct symtab *st, uint32_t addr);
/* Its name, with addr - symbol address in *off; NULL if none. */
const char *symtab_lookup(struct symtab *st, uint32_t addr, uint32_t *off);

/* Load every file into st; on failure print "pmaxsim: <reason>" on stderr
 * and return -1 (used by trace.c, profile.c and gdbstub.c). */
int symtab_load_files(struct symtab *st, const char *const *files, int nfiles);

#endif
