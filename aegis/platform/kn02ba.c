/*
 * platform/kn02ba.c - DECstation 5000/125 (KN02-BA, "3MIN"), the paper's
 * DEC5000: console on channel B of SCC #1 at 0x1c180000 (NetBSD
 * sys/arch/pmax/pmax/kmin.h KMIN_SYS_SCC_1; dec_3min.c cons_init uses
 * IOASIC offset 0x180000, channel 1 = B).
 */
#include "mips.h"
#include "../platform.h"
#include "ds1287.h"
#include "ioasic.h"
#include "prom.h"
#include "scc.h"

#define KMIN_SYS_SCC_1	0x1c180000u
#define KMIN_CONSOLE	(KMIN_SYS_SCC_1 + 0x0)	/* channel B */

static void kn02ba_init(void) { scc_cons_init(KMIN_CONSOLE); }
static void kn02ba_putc(int c) { scc_cons_putc(KMIN_CONSOLE, c); }
static int kn02ba_getc(void) { return scc_cons_getc(KMIN_CONSOLE); }

/* The DS1287: NetBSD kmin.h KMIN_SYS_CLOCK; through the IOASIC (SIR bit 0x20) on IP5 (dec_3min.c). */
#define KN02BA_CLOCK	0x1c200000u
#define KMIN_IOASIC_IMSK	0x1c040120u	/* NetBSD ioasicreg.h IOASIC_IMSK */
#define KMIN_INTR_CLOCK		0x00000020u

static void kn02ba_clock_start(void)
{
	ds1287_start(KN02BA_CLOCK);
	volatile uint32_t *imsk = (volatile uint32_t *)KSEG1(KMIN_IOASIC_IMSK);
	*imsk |= KMIN_INTR_CLOCK;
}
static void kn02ba_clock_stop(void)
{
	volatile uint32_t *imsk = (volatile uint32_t *)KSEG1(KMIN_IOASIC_IMSK);
	*imsk &= ~KMIN_INTR_CLOCK;
	ds1287_stop(KN02BA_CLOCK);
}

/* The IOASIC's SIR as the LANCE's DMA-error check read it last, and
   whether the clock's check that follows it has yet to look. Every
   source on IP5 shares the line, so both trap paths (env.c env_trap,
   trap.c) call lance_intr, which reads SIR, before the clock's check:
   with the clock's bit clear there, register C (an uncached read of
   every network interrupt) need not be read. NetBSD's KN02-BA handler
   (pmax dec_3min.c, dec_3min_intr) likewise reads the DS1287's register
   C only when SIR's KMIN_INTR_CLOCK is set. A tick that comes after SIR
   was read keeps its line up (register C unread) and is taken at the
   next interrupt, on return to user mode. */
static uint32_t sir_seen;
static int sir_fresh;

static int kn02ba_clock_ack(void)
{
	if (sir_fresh) {
		sir_fresh = 0;
		if (!(sir_seen & KMIN_INTR_CLOCK))
			return 0;
	}
	return ds1287_ack(KN02BA_CLOCK);
}

/* The LANCE: RDP/RAP in IOASIC slot 3, the station-address ROM in slot 2
   (NetBSD kmin.h KMIN_SYS_LANCE, KMIN_SYS_ETHER_ADDRESS), its memory a
   window in RAM through the IOASIC, its pin in SIR bit 8; every IOASIC
   source shares CPU line IP5 with the clock (Linux kn02ba.h
   KN02BA_CPU_INR_CASCADE). */
#define KMIN_IOASIC_SLOT1	0x1c040000u
static void kn02ba_lance_attach(uint32_t window) { ioasic_lance_attach(KMIN_IOASIC_SLOT1, window); }
static int kn02ba_lance_dma_error(void)
{
	sir_seen = *ioasic_reg(KMIN_IOASIC_SLOT1, IOASIC_SIR);
	sir_fresh = 1;
	return ioasic_lance_dma_error_in(KMIN_IOASIC_SLOT1, sir_seen);
}
static const struct lance_board kn02ba_lance = {
	.regs = 0x1c0c0000u,
	.esar = 0x1c080000u,
	.gapped = 1,
	.ip = 5,
	.attach = kn02ba_lance_attach,
	.dma_error = kn02ba_lance_dma_error,
};

/* The 53C94 in IOASIC slot 12, its DMA through the IOASIC (net-disk.md 1.1,
   4.1; NetBSD asc_ioasic.c). */
static const struct asc_board kn02ba_asc = {
	.regs = 0x1c300000u,
	.ioasic = KMIN_IOASIC_SLOT1,
};

const struct platform platform_kn02ba = {
	.name = "KN02-BA (DECstation 5000/125)",
	.systype = SYSTYPE_KN02BA,
	.init = kn02ba_init,
	.putc = kn02ba_putc,
	.getc = kn02ba_getc,
	.clock_ip = 5,
	.clock_start = kn02ba_clock_start,
	.clock_stop = kn02ba_clock_stop,
	.clock_ack = kn02ba_clock_ack,
	.lance = &kn02ba_lance,
	.asc = &kn02ba_asc,
};
