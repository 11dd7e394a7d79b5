/*
 * machine.c - the kernel's machine_init(), which rt's boot() calls before
 * kmain(): the board's platform from the PROM's system type (its console
 * replaces the PROM's), then the kernel's TLB, STLB and exception vectors.
 */
#include "kernel.h"
#include "platform.h"
#include "prom.h"
#include "trap.h"

void machine_init(void)
{
	platform_select(prom_getsysid());
	trap_init();
}
