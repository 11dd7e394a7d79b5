/*
 * prom.h - the DEC TURBOchannel PROM's REX callback vector, which the PROM
 * passes in a3 at entry with the magic "TCF0" in a2. Offsets are byte
 * offsets into the vector, as in NetBSD/pmax's dec_prom.h.
 */
#ifndef RT_PROM_H
#define RT_PROM_H

#include <stdint.h>

#define PROM_MAGIC	0x30464354u	/* "TCF0" */

#define PROM_GETCHAR	0x24
#define PROM_PUTS	0x2c
#define PROM_PRINTF	0x30
#define PROM_GETENV	0x64
#define PROM_SLOT_ADDR	0x6c
#define PROM_GETSYSID	0x80
#define PROM_GETBITMAP	0x84
#define PROM_HALT	0x9c
#define PROM_GETTCINFO	0xa4
#define PROM_REX	0xac

/* getsysid(): bits 23..16 are the system type. */
#define SYSTYPE(sysid)	(((sysid) >> 16) & 0xff)
#define SYSTYPE_KN01	1	/* DECstation 3100 */
#define SYSTYPE_KN02	2	/* 5000/200, "3max" */
#define SYSTYPE_KN02BA	3	/* 5000/1xx, "3min" */
#define SYSTYPE_KN03	4	/* 5000/240, "3max+" */

int prom_present(void);
uint32_t prom_getsysid(void);
const char *prom_getenv(const char *name);	/* NULL if unset */
void prom_putchar(int c);
int prom_getchar(void);				/* -1 if none waiting */
void prom_halt(void) __attribute__((noreturn));
uint32_t prom_memory_pages(void);		/* 4 KB pages of RAM, 0 if unknown */

#endif
