/*
 * platform/kn02.c - DECstation 5000/200 (KN02, "3max"): console on line 3 of
 * the DC7085 (DZ) serial controller at 0x1fe00000.
 * Register layout: NetBSD/pmax dc.c and dcreg.h, GXemul dev_dc7085.c -
 * 16-bit registers on an 8-byte stride: CSR +0x00, RBUF/LPR +0x08,
 * TCR +0x10, MSR/TDR +0x18.
 */
#include "../kernel.h"
#include "mips.h"
#include "../platform.h"
#include "ds1287.h"
#include "prom.h"

#define KN02_DZ_BASE	0x1fe00000u
#define DZ_CSR		0x00
#define DZ_RBUF		0x08	/* read: received character */
#define DZ_LPR		0x08	/* write: line parameters */
#define DZ_TCR		0x10	/* transmitter enable, a bit per line */
#define DZ_TDR		0x18	/* write: character to send */

#define DZ_CSR_TRDY	0x8000	/* a transmitter wants a character */
#define DZ_CSR_TLINE(c)	(((c) >> 8) & 3)	/* ...on this line */
#define DZ_CSR_RDONE	0x0080	/* a received character is waiting */
#define DZ_CSR_MSE	0x0020	/* master scan enable */
#define DZ_RBUF_VALID	0x8000
#define DZ_LPR_RXON	0x1000
#define DZ_LPR_8BITS	0x0018
#define DZ_LPR_9600	0x0e00

#define CONSOLE_LINE	3	/* the PROM's console line on a KN02 */

static volatile uint16_t *dz_reg(unsigned off)
{
	return (volatile uint16_t *)KSEG1(KN02_DZ_BASE + off);
}

static void kn02_init(void)
{
	*dz_reg(DZ_CSR) = DZ_CSR_MSE;
	*dz_reg(DZ_LPR) = DZ_LPR_RXON | DZ_LPR_9600 | DZ_LPR_8BITS | CONSOLE_LINE;
	*dz_reg(DZ_TCR) = 1u << CONSOLE_LINE;
}

static void kn02_putc(int c)
{
	/* Only the console line is enabled, so TRDY means that line is ready.
	   The bound keeps a dead chip from hanging the kernel forever. */
	for (int spin = 0; spin < 1000000; spin++) {
		uint16_t csr = *dz_reg(DZ_CSR);
		if ((csr & DZ_CSR_TRDY) && DZ_CSR_TLINE(csr) == CONSOLE_LINE)
			break;
	}
	*dz_reg(DZ_TDR) = (uint16_t)(c & 0xff);
}

static int kn02_getc(void)
{
	if (!(*dz_reg(DZ_CSR) & DZ_CSR_RDONE))
		return -1;
	uint16_t rbuf = *dz_reg(DZ_RBUF);
	if (!(rbuf & DZ_RBUF_VALID) || ((rbuf >> 8) & 3) != CONSOLE_LINE)
		return -1;
	return rbuf & 0xff;
}

/* The DS1287: NetBSD kn02.h KN02_SYS_CLOCK; on IP3 (dec_3max.c). */
#define KN02_CLOCK	0x1fe80000u
static void kn02_clock_start(void) { ds1287_start(KN02_CLOCK); }
static void kn02_clock_stop(void) { ds1287_stop(KN02_CLOCK); }
static int kn02_clock_ack(void) { return ds1287_ack(KN02_CLOCK); }

/* The LANCE is the PMAD-AA's in TURBOchannel slot 6 (NetBSD kn02.h
   KN02_PHYS_TC_6; Linux declance.c PMAD_LANCE): its own 128 KB SRAM at
   the slot's base, which the chip sees contiguously; RDP/RAP at +0x100000;
   the station-address ROM at +0x1c0000, read in byte lane 2 (+2). Its pin
   is bit 6 of the system CSR's requests, enabled by bit 22, cascaded to
   CPU line IP2 (Linux kn02.h KN02_CSR_INR_LANCE, KN02_CPU_INR_CASCADE;
   GXemul's 3max wires it the same: machine_pmax.c "kn02.6" on IP2). */
#define KN02_TC6		0x1f800000u
#define KN02_SYS_CSR		0x1ff00000u
#define KN02_CSR_LEDS		0x000000ffu	/* write: diagnostic LEDs (on read: requests) */
#define KN02_CSR_KEEP		0x00ffff00u	/* controls and request enables */
#define KN02_CSR_EN_LANCE	0x00400000u

static void kn02_lance_attach(uint32_t window)
{
	(void)window;
	/* A whole-word read-modify-write: GXemul's CSR takes only full
	   words (dev_kn02.c); the LED byte, write-only, is written ones. */
	volatile uint32_t *csr = (volatile uint32_t *)KSEG1(KN02_SYS_CSR);
	*csr = (*csr & KN02_CSR_KEEP) | KN02_CSR_EN_LANCE | KN02_CSR_LEDS;
}

static const struct lance_board kn02_lance = {
	.regs = KN02_TC6 + 0x100000u,
	.esar = KN02_TC6 + 0x1c0002u,
	.sram = KN02_TC6,
	.gapped = 0,
	.ip = 2,
	.attach = kn02_lance_attach,
};

/* The PMAZ-AA in TURBOchannel slot 5 (NetBSD kn02.h KN02_PHYS_TC_5_START,
   GXemul machine_pmax.c's 3max): chip at +0, DMA address register at
   +0x40000, 128 KB SRAM at +0x80000 (NetBSD asc_tc.c, GXemul dev_asc.c). */
#define KN02_TC5		0x1f400000u
static const struct asc_board kn02_asc = {
	.regs = KN02_TC5,
	.ioasic = 0,
	.dmareg = KN02_TC5 + 0x40000u,
	.sram = KN02_TC5 + 0x80000u,
};

const struct platform platform_kn02 = {
	.name = "KN02 (DECstation 5000/200)",
	.systype = SYSTYPE_KN02,
	.init = kn02_init,
	.putc = kn02_putc,
	.getc = kn02_getc,
	.clock_ip = 3,
	.clock_start = kn02_clock_start,
	.clock_stop = kn02_clock_stop,
	.clock_ack = kn02_clock_ack,
	.lance = &kn02_lance,
	.asc = &kn02_asc,
};
