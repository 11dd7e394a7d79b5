/*
 * platform/kn02ba.c - DECstation 5000/125 (KN02-BA, "3MIN"), the paper's
 * DEC5000: console on channel B of SCC #1 at 0x1c180000 (NetBSD
 * sys/arch/pmax/pmax/kmin.h KMIN_SYS_SCC_1; dec_3min.c cons_init uses
 * IOASIC offset 0x180000, channel 1 = B).
 */
#include "../platform.h"
#include "../prom.h"
#include "scc.h"

#define KMIN_SYS_SCC_1	0x1c180000u
#define KMIN_CONSOLE	(KMIN_SYS_SCC_1 + 0x0)	/* channel B */

static void kn02ba_init(void) { scc_cons_init(KMIN_CONSOLE); }
static void kn02ba_putc(int c) { scc_cons_putc(KMIN_CONSOLE, c); }
static int kn02ba_getc(void) { return scc_cons_getc(KMIN_CONSOLE); }

const struct platform platform_kn02ba = {
	.name = "KN02-BA (DECstation 5000/125)",
	.systype = SYSTYPE_KN02BA,
	.init = kn02ba_init,
	.putc = kn02ba_putc,
	.getc = kn02ba_getc,
};
