/*
 * platform/kn03.c - DECstation 5000/240 (KN03, "3MAX+"): console on
 * channel B of SCC #1 at 0x1f980000 (NetBSD sys/arch/pmax/pmax/kn03.h
 * KN03_SYS_SCC_1; dec_3maxplus.c: "Console is channel B of the second
 * SCC"), the line the PROM uses when osconsole is "3".
 */
#include "mips.h"
#include "../platform.h"
#include "ds1287.h"
#include "ioasic.h"
#include "prom.h"
#include "scc.h"

#define KN03_SYS_SCC_1	0x1f980000u
#define KN03_CONSOLE	(KN03_SYS_SCC_1 + 0x0)	/* channel B: the chip's first 8 bytes */

static void kn03_init(void) { scc_cons_init(KN03_CONSOLE); }
static void kn03_putc(int c) { scc_cons_putc(KN03_CONSOLE, c); }
static int kn03_getc(void) { return scc_cons_getc(KN03_CONSOLE); }

/* The DS1287: NetBSD kn03.h KN03_SYS_CLOCK; on IP3 (dec_3maxplus.c). */
#define KN03_CLOCK	0x1fa00000u
static void kn03_clock_start(void) { ds1287_start(KN03_CLOCK); }
static void kn03_clock_stop(void) { ds1287_stop(KN03_CLOCK); }
static int kn03_clock_ack(void) { return ds1287_ack(KN03_CLOCK); }

/* The IOASIC's free-running counter, clocked by the 25 MHz TURBOchannel
   (NetBSD ioasicreg.h IOASIC_CTR "3max+/3000"; Linux ioasic_addrs.h
   IO_REG_FCTR, at the system registers of slot 1). */
#define KN03_IOASIC_SLOT1	0x1f840000u
#define IOASIC_CTR		0x1e0
#define KN03_TC_MHZ		25
static uint32_t kn03_counter_read(void)
{
	return *(volatile uint32_t *)KSEG1(KN03_IOASIC_SLOT1 + IOASIC_CTR);
}

/* The LANCE: RDP/RAP in IOASIC slot 3, the station-address ROM in slot 2
   (NetBSD kn03.h KN03_SYS_LANCE, KN03_SYS_ETHER_ADDRESS), its memory a
   window in RAM through the IOASIC, its pin in SIR bit 8 on the IOASIC's
   CPU line IP2 (Linux kn03.h KN03_CPU_INR_CASCADE; dec_3maxplus.c). */
static void kn03_lance_attach(uint32_t window) { ioasic_lance_attach(KN03_IOASIC_SLOT1, window); }
static int kn03_lance_dma_error(void) { return ioasic_lance_dma_error(KN03_IOASIC_SLOT1); }
static const struct lance_board kn03_lance = {
	.regs = 0x1f8c0000u,
	.esar = 0x1f880000u,
	.gapped = 1,
	.ip = 2,
	.attach = kn03_lance_attach,
	.dma_error = kn03_lance_dma_error,
};

/* The 53C94 in IOASIC slot 12, its DMA through the IOASIC (net-disk.md 1.1,
   4.1; NetBSD asc_ioasic.c). */
static const struct asc_board kn03_asc = {
	.regs = 0x1fb00000u,
	.ioasic = KN03_IOASIC_SLOT1,
};

const struct platform platform_kn03 = {
	.name = "KN03 (DECstation 5000/240)",
	.systype = SYSTYPE_KN03,
	.init = kn03_init,
	.putc = kn03_putc,
	.getc = kn03_getc,
	.clock_ip = 3,
	.clock_start = kn03_clock_start,
	.clock_stop = kn03_clock_stop,
	.clock_ack = kn03_clock_ack,
	.counter_read = kn03_counter_read,
	.counter_mhz = KN03_TC_MHZ,
	.lance = &kn03_lance,
	.asc = &kn03_asc,
};
