/*
 * elf.h - loading a guest program: an ELF32 little-endian MIPS executable
 * whose loadable segments lie in kseg0 or kseg1 (as a DEC PROM loads them).
 */
#ifndef SIM_ELF_H
#define SIM_ELF_H

#include <stddef.h>
#include <stdint.h>

struct machine;

/* Load path into RAM. On success returns 0 and the entry point; on error
 * returns -1 with a one-line reason in err. */
int elf_load(struct machine *m, const char *path, uint32_t *entry,
	     char *err, unsigned errlen);
/* The same from an image already in memory (len bytes at f; path only
 * names it in messages): what elf_load does after reading the file, and
 * what the loader's fuzzer (sim/tests/simfuzz) feeds. */
int elf_load_image(struct machine *m, const char *path, const uint8_t *f, size_t len,
		   uint32_t *entry, char *err, unsigned errlen);

#endif
