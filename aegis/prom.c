/*
 * prom.c - calls into the DEC PROM through the REX callback vector. Used at
 * boot (system type, environment) and to halt; the console proper is ours
 * because the PROM's printf knows only %d %x %c %s and three arguments.
 */
#include "kernel.h"
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
