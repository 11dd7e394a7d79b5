/*
 * prom.c - calls into the DEC PROM through the REX callback vector. Used at
 * boot (system type, environment), to halt, and as the console until an
 * image has its own (one character at a time: the PROM's printf knows
 * only %d %x %c %s and three arguments).
 */
#include "rt.h"
#include "prom.h"

static void *prom_entry(unsigned offset)
{
	return *(void **)(boot_args.rex + offset);
}

int prom_present(void)
{
	return boot_args.magic == PROM_MAGIC && boot_args.rex != 0;
}

uint32_t prom_getsysid(void)
{
	if (!prom_present())
		return 0;
	return ((uint32_t (*)(void))prom_entry(PROM_GETSYSID))();
}

const char *prom_getenv(const char *name)
{
	if (!prom_present())
		return NULL;
	return ((char *(*)(const char *))prom_entry(PROM_GETENV))(name);
}

/* One character through PROM printf("%c"): the PROM's puts appends a
   newline, and GXemul's printf loses a %s string at a 256-byte boundary. */
void prom_putchar(int c)
{
	if (prom_present())
		((int (*)(const char *, ...))prom_entry(PROM_PRINTF))("%c", c);
}

int prom_getchar(void)
{
	if (!prom_present())
		return -1;
	return ((int (*)(void))prom_entry(PROM_GETCHAR))();
}

void prom_halt(void)
{
	if (prom_present()) {
		((void (*)(int))prom_entry(PROM_REX))('h');
		((void (*)(void))prom_entry(PROM_HALT))();
	}
	/* Old-style PROM: restart entry of the jump table at 0xbfc00000 + 8*2. */
	((void (*)(void))0xbfc00010)();
	for (;;)
		;
}

/* Pages of RAM, from the PROM's memory bitmap: getbitmap fills a struct
   { int pagesize; unsigned char bitmap[]; } (one bit per page, set when
   usable) and returns the bitmap's length in bytes (NetBSD dec_prom.h,
   machdep.c). The highest usable page bounds RAM. 0 if unknown. */
uint32_t prom_memory_pages(void)
{
	static struct {
		int pagesize;
		unsigned char bits[16384];	/* enough for 512 MB of 4 KB pages */
	} bm;
	if (!prom_present())
		return 0;
	int len = ((int (*)(void *))prom_entry(PROM_GETBITMAP))(&bm);
	if (len <= 0 || len > (int)sizeof bm.bits || bm.pagesize != 4096)
		return 0;
	uint32_t top = 0;
	for (int i = 0; i < len * 8; i++)
		if (bm.bits[i / 8] & (1u << (i % 8)))
			top = (uint32_t)i + 1;
	return top;
}
