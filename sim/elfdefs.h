/*
 * elfdefs.h - the few ELF32 constants and little-endian field readers that
 * the loader (elf.c) and the symbol reader (symbols.c) share (System V
 * ABI; the MIPS supplement gives EM_MIPS).
 */
#ifndef SIM_ELFDEFS_H
#define SIM_ELFDEFS_H

#include <stdint.h>

#define ELFCLASS32	1
#define ELFDATA2LSB	1
#define ET_EXEC		2
#define EM_MIPS		8
#define PT_LOAD		1
#define SHT_SYMTAB	2
#define SHT_STRTAB	3
#define SHF_ALLOC	0x2
#define SHF_EXECINSTR	0x4
#define STT_NOTYPE	0
#define STT_FUNC	2
#define STB_GLOBAL	1

static inline uint32_t le32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint16_t le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

#endif
