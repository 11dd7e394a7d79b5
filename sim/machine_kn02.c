/*
 * machine_kn02.c - the DECstation 5000/200 (KN02, "3MAX"): a 25 MHz R3000
 * on a TURBOchannel of eight 4 MB slots, the last of which ("system slot"
 * 7) holds the boot ROM and the baseboard devices. No IOASIC: the DC7085
 * (DZ) serial lines, the DS1287 clock and a system control/status register
 * sit at fixed places in slot 7; the SCSI and Ethernet controllers are
 * built-in TURBOchannel cards in slots 5 and 6 (PMAZ-AA, PMAD-AA).
 *
 * Sources: NetBSD sys/arch/pmax/pmax/kn02.h (as GXemul 0.7.0 carries it,
 * src/include/thirdparty/dec_kn02.h, from DEC's "DECstation 5000/200 KN02
 * System Module Functional Specification") and dec_3max.c; Linux
 * arch/mips/include/asm/dec/kn02.h, arch/mips/dec/setup.c (dec_init_kn02),
 * kn02-irq.c and ecc-berr.c; GXemul src/machines/machine_pmax.c.
 */
#include <stdlib.h>
#include <string.h>
#include "devices.h"
#include "machine.h"
#include "prom.h"

/* Physical map (kn02.h). */
#define KN02_PHYS_TC_0		0x1e000000u	/* option slot 0 */
#define KN02_PHYS_TC_1		0x1e400000u	/* option slot 1 */
#define KN02_PHYS_TC_2		0x1e800000u	/* option slot 2 */
#define KN02_PHYS_TC_3		0x1ec00000u	/* reserved */
#define KN02_PHYS_TC_4		0x1f000000u	/* reserved */
#define KN02_PHYS_TC_5		0x1f400000u	/* SCSI (PMAZ-AA) */
#define KN02_PHYS_TC_6		0x1f800000u	/* Ethernet (PMAD-AA) */
#define KN02_PHYS_TC_7		0x1fc00000u	/* system devices */
#define KN02_TC_SLOT_SIZE	0x00400000u	/* 4 MB per slot */
#define KN02_RAM_MAX_MB		480		/* KN02_PHYS_MEMORY_END 0x1dffffff */
/* DEC sold the DECstation 5000 models with 8 MB at least (PROVISIONAL:
   from DEC's product summaries as recalled, not a document at hand);
   Aegis's self-test assumes 2048 pages. */
#define KN02_RAM_MIN_MB		8

/* System slot: 512 KB per device (Linux kn02.h KN02_SLOT_SIZE 0x80000). */
#define KN02_SYS_DEV_SIZE	0x00080000u
#define KN02_SYS_CHKSYN		(KN02_PHYS_TC_7 + 0x100000u)	/* ECC syndrome */
#define KN02_SYS_ERRADR		(KN02_PHYS_TC_7 + 0x180000u)	/* bus error address */
#define KN02_SYS_DZ		(KN02_PHYS_TC_7 + 0x200000u)	/* DC7085 */
#define KN02_SYS_CLOCK		(KN02_PHYS_TC_7 + 0x280000u)	/* DS1287 */
#define KN02_SYS_CSR		(KN02_PHYS_TC_7 + 0x300000u)	/* control & status */
/* 0x1fc00000 is the boot ROM (prom.c); 0x1fc80000 "reserved" and the
   ROM alias at 0x1ff80000 are left unmapped (bus errors). */

/* CPU interrupt lines (kn02.h KN02_INT_*, Linux KN02_CPU_INR_*). */
#define KN02_INT_IO		2	/* the CSR cascade: TC slots, SCSI, LANCE, DZ */
#define KN02_INT_CLOCK		3	/* DS1287 */
#define KN02_INT_MEM		5	/* memory/bus errors */
/* (IP4 and IP6 reserved, unused; IP7 FPU: the CPU core.) */

/* System CSR (kn02.h KN02_CSR_*; Linux kn02.h). Bits 7..0 read the
   interrupt requests (KN02_CSR_IOINT) and are written as the diagnostic
   LEDs (KN02_CSR_LEDS, write-only, inverted); 23..16 enable the requests
   (KN02_CSR_IOINTEN); 15..8 are read/write controls (BAUD38, DIAGDN,
   BNK32M, TXDIS, LEDIAG, CORRECT, DIAGGEN, DIAGCHK); 27..24 read-only
   status (NRMMOD, REFEVEN, NVRAM/PRSVNVR, PSU warning). */
#define KN02_CSR_IOINT		0x000000ffu
#define KN02_CSR_CTRL		0x0000ff00u
#define KN02_CSR_IOINTEN	0x00ff0000u
#define KN02_CSR_IOINTEN_SHIFT	16
#define KN02_CSR_NRMMOD		0x01000000u	/* diagnostic jumper: normal mode */

/* Interrupt request bits (kn02.h KN02_IP_*, Linux KN02_CSR_INR_*). */
#define KN02_IP_SLOT0		0x01u
#define KN02_IP_SLOT1		0x02u
#define KN02_IP_SLOT2		0x04u
#define KN02_IP_SCSI		0x20u
#define KN02_IP_LANCE		0x40u
#define KN02_IP_DZ		0x80u

/* Error address register (Linux asm/dec/ecc.h KN0X_EAR_*, shared by the
   KN02 and KN03; NetBSD dec_3max.c dec_3max_errintr). */
#define KN0X_EAR_ADDRESS	0x07ffffffu	/* word address */
#define KN0X_EAR_WRITE		0x20000000u
#define KN0X_EAR_CPU		0x40000000u
#define KN0X_EAR_VALID		0x80000000u

/* The serial console is DZ line 3 (NetBSD dz_ibus.c dz_ibus_cnattach: any
   osconsole number but 0 and 4 selects DZ_LINE_AUX = 3; Linux runs it as
   ttyS3). osconsole "2" is what GXemul's 3max PROM returns (machine_pmax.c
   serial_console_name "osconsole=2"). */
#define KN02_CONSOLE_LINE	3
#define KN02_OSCONSOLE		"2"

/* The 5000/200's TURBOchannel runs at the CPU's 25 MHz (40 ns)
   (UNCONFIRMED: from the 3MAX's synchronous CPU/TC design, not read in a
   source here). */
#define KN02_TC_HZ		25000000u

struct kn02_csr {
	struct machine *m;
	uint32_t ctrl;			/* bits 23..8 as last written */
	uint8_t leds;			/* bits 7..0 as last written */
	uint8_t pending;		/* device requests, bits 7..0 */
	uint32_t erradr, chksyn;
};

static void csr_update(struct kn02_csr *c)
{
	uint32_t en = (c->ctrl & KN02_CSR_IOINTEN) >> KN02_CSR_IOINTEN_SHIFT;
	machine_set_irq(c->m, KN02_INT_IO, (c->pending & en) != 0);
}

/* irq_out target: a device's request line into the CSR. */
static void csr_set_line(void *ctx, uint32_t bit, int level)
{
	struct kn02_csr *c = ctx;
	if (level)
		c->pending |= (uint8_t)bit;
	else
		c->pending &= (uint8_t)~bit;
	csr_update(c);
}

static struct irq_out csr_irq(struct kn02_csr *c, uint32_t bit)
{
	return (struct irq_out){ csr_set_line, c, bit };
}

static int csr_read(void *dev, uint32_t off, unsigned size, uint32_t *val)
{
	struct kn02_csr *c = dev;
	uint32_t v = c->pending | (c->ctrl & (KN02_CSR_CTRL | KN02_CSR_IOINTEN)) |
		     KN02_CSR_NRMMOD;
	*val = size == 4 ? v : (v >> (8 * (off & 3))) & (size == 1 ? 0xffu : 0xffffu);
	return 0;
}

static int csr_write(void *dev, uint32_t off, unsigned size, uint32_t val)
{
	struct kn02_csr *c = dev;
	uint32_t old = c->leds | c->ctrl;
	uint32_t mask = size == 4 ? 0xffffffffu : (size == 1 ? 0xffu : 0xffffu) << (8 * (off & 3));
	uint32_t v = size == 4 ? val : val << (8 * (off & 3));
	uint32_t now = (old & ~mask) | (v & mask);
	c->leds = (uint8_t)now;
	c->ctrl = now & (KN02_CSR_CTRL | KN02_CSR_IOINTEN);
	csr_update(c);
	return 0;
}

static const struct device_ops kn02_csr_ops = { csr_read, csr_write };

static int erradr_read(void *dev, uint32_t off, unsigned size, uint32_t *val)
{
	struct kn02_csr *c = dev;
	(void)off; (void)size;
	*val = c->erradr;
	return 0;
}

/* Any write clears the error and its interrupt (Linux ecc-berr.c
   dec_ecc_be_ack: "any write clears the IRQ"; NetBSD writes 0). */
static int erradr_write(void *dev, uint32_t off, unsigned size, uint32_t val)
{
	struct kn02_csr *c = dev;
	(void)off; (void)size; (void)val;
	c->erradr = 0;
	machine_set_irq(c->m, KN02_INT_MEM, 0);
	return 0;
}

static int chksyn_read(void *dev, uint32_t off, unsigned size, uint32_t *val)
{
	struct kn02_csr *c = dev;
	(void)off; (void)size;
	*val = c->chksyn;		/* no ECC errors are modelled */
	return 0;
}

static int chksyn_write(void *dev, uint32_t off, unsigned size, uint32_t val)
{
	struct kn02_csr *c = dev;
	(void)off; (void)size; (void)val;
	c->chksyn = 0;
	return 0;
}

static const struct device_ops erradr_ops = { erradr_read, erradr_write };
static const struct device_ops chksyn_ops = { chksyn_read, chksyn_write };

void kn02_memory_error(struct machine *m, uint32_t pa, int is_write)
{
	struct kn02_csr *c = m->devices[DEV_KN02CSR];
	if (!c)
		return;
	c->erradr = KN0X_EAR_VALID | KN0X_EAR_CPU | (is_write ? KN0X_EAR_WRITE : 0) |
		    ((pa >> 2) & KN0X_EAR_ADDRESS);
	machine_set_irq(m, KN02_INT_MEM, 1);
}

static void kn02_attach(struct machine *m)
{
	unsigned io = m->model->timing->io_access;
	struct kn02_csr *c = machine_zalloc(m, sizeof *c);
	c->m = m;
	c->leds = 0xff;			/* all LEDs off (active low) */
	/* DEC's OUI 08:00:2b; the rest is our choice. */
	static const uint8_t enaddr[6] = { 0x08, 0x00, 0x2b, 0x1a, 0x95, 0x02 };

	m->press_halt = NULL;		/* the KN02 has no halt-button interrupt (IP6 unused) */
	m->devices[DEV_KN02CSR] = c;
	m->devices[DEV_DZ] = dz_new(m, csr_irq(c, KN02_IP_DZ), KN02_CONSOLE_LINE);
	m->devices[DEV_RTC] = rtc_new(m, irq_cpu_line(m, KN02_INT_CLOCK));
	m->devices[DEV_ASC] = pmaz_new(m, csr_irq(c, KN02_IP_SCSI));
	m->devices[DEV_LANCE] = pmad_new(m, csr_irq(c, KN02_IP_LANCE), enaddr);
	m->devices[DEV_MEMC] = c;
	(void)KN02_IP_SLOT0; (void)KN02_IP_SLOT1; (void)KN02_IP_SLOT2;	/* empty slots */

	bus_map(m, "tc0 (empty)", KN02_PHYS_TC_0, KN02_TC_SLOT_SIZE, &tc_empty_ops, NULL, io);
	bus_map(m, "tc1 (empty)", KN02_PHYS_TC_1, KN02_TC_SLOT_SIZE, &tc_empty_ops, NULL, io);
	bus_map(m, "tc2 (empty)", KN02_PHYS_TC_2, KN02_TC_SLOT_SIZE, &tc_empty_ops, NULL, io);
	bus_map(m, "tc3 (reserved)", KN02_PHYS_TC_3, KN02_TC_SLOT_SIZE, &tc_empty_ops, NULL, io);
	bus_map(m, "tc4 (reserved)", KN02_PHYS_TC_4, KN02_TC_SLOT_SIZE, &tc_empty_ops, NULL, io);
	bus_map(m, "PMAZ-AA (tc5)", KN02_PHYS_TC_5, KN02_TC_SLOT_SIZE, &pmaz_ops, m->devices[DEV_ASC], io);
	bus_set_stable(m, "PMAZ-AA (tc5)", pmaz_stable);
	bus_map(m, "PMAD-AA (tc6)", KN02_PHYS_TC_6, KN02_TC_SLOT_SIZE, &pmad_ops, m->devices[DEV_LANCE], io);
	bus_map(m, "chksyn", KN02_SYS_CHKSYN, KN02_SYS_DEV_SIZE, &chksyn_ops, c, io);
	bus_map(m, "erradr", KN02_SYS_ERRADR, KN02_SYS_DEV_SIZE, &erradr_ops, c, io);
	bus_map(m, "dz", KN02_SYS_DZ, KN02_SYS_DEV_SIZE, &dz_ops, m->devices[DEV_DZ], io);
	bus_set_stable(m, "dz", dz_stable);	/* the idle skip may rely on CSR */
	bus_map(m, "rtc", KN02_SYS_CLOCK, KN02_SYS_DEV_SIZE, &rtc_ops, m->devices[DEV_RTC], io);
	bus_map(m, "kn02csr", KN02_SYS_CSR, KN02_SYS_DEV_SIZE, &kn02_csr_ops, c, io);

	prom_attach(m, KN02_OSCONSOLE);
	static const struct prom_board board = {
		.tc_slot0 = KN02_PHYS_TC_0,
		.tc_slot_size = KN02_TC_SLOT_SIZE,
		.tc_period_ns = 1000000000u / KN02_TC_HZ,
		.boot_dev = "5/rz0/",	/* SCSI is slot 5 (GXemul boot_scsi_boardnumber) */
	};
	prom_set_board(m, &board);
	/* The system slot's own option ROM header: NetBSD ibus_3max.c
	   kn02sys_match attaches the baseboard bus on module "KN02SYS ".
	   ROM size 512 KB (KN02_SYS_ROM 0x1fc00000-0x1fc7ffff) = 64 x 8 KB. */
	uint8_t hdr[TCROM_HDR_END];
	memset(hdr, 0, sizeof hdr);
	tcrom_header(hdr, "KN02SYS", 64, 1);
	prom_rom_write(m, TCROM_HDR_OFF, hdr + TCROM_HDR_OFF, TCROM_HDR_END - TCROM_HDR_OFF);
}

const struct model model_kn02 = {
	.name = "5000/200",
	.board = "KN02",
	/* getsysid(): system type DS_3MAX = 2 (NetBSD pmaxtype.h) in bits
	   23..16, processor 0x82 and firmware 3: 0x82020300, as GXemul's
	   3max PROM returns it. */
	.systype = 0x82020300u,
	/* R3000 implementation 2, revision 2.0, as GXemul models the 3max's
	   CPU ("R3000"); R3010 FCR0 implementation 3, revision 4.0. */
	.prid = 0x00000220u,
	.fpu_rev = 0x00000340u,
	.bus_timeout = kn02_memory_error,
	.timing = &timing_r3000_25,
	/* UNCONFIRMED: the 5000/200 took 8 to 480 MB (GXemul warns outside
	   that range); 32 MB is taken as a common configuration, as for the
	   other models. */
	.default_ram_mb = 32,
	.max_ram_mb = KN02_RAM_MAX_MB,
	.min_ram_mb = KN02_RAM_MIN_MB,
	.attach = kn02_attach,
};
