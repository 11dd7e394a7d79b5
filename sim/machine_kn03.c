/*
 * machine_kn03.c - the DECstation 5000/240 (KN03, "3MAX+"): which device
 * sits at which physical address and drives which interrupt line. Every
 * address and line below is from NetBSD sys/arch/pmax/pmax/kn03.h (checked
 * against Linux arch/mips/include/asm/dec/kn03.h and ioasic_addrs.h).
 * Memory-error registers: NetBSD dec_3maxplus.c (ERRADR write clears).
 */
#include <stdlib.h>
#include "devices.h"
#include "lance.h"
#include "machine.h"
#include "prom.h"
#include "scsi.h"

/* Physical map (kn03.h). */
#define KN03_PHYS_TC_0		0x1e000000u	/* TURBOchannel option slot 0 */
#define KN03_PHYS_TC_1		0x1e800000u	/* slot 1 */
#define KN03_PHYS_TC_2		0x1f000000u	/* slot 2 */
#define KN03_TC_SLOT_SIZE	0x00800000u	/* 8 MB per slot */
#define KN03_SYS_ASIC		0x1f800000u	/* slot 3: the IOASIC system slot */
#define KN03_SYS_ASIC_REGS	(KN03_SYS_ASIC + 0x040000u)	/* IOASIC slot 1 */
#define KN03_SYS_ETHER_ADDRESS	(KN03_SYS_ASIC + 0x080000u)	/* slot 2 */
#define KN03_SYS_LANCE		(KN03_SYS_ASIC + 0x0c0000u)	/* slot 3 */
#define KN03_SYS_SCC_0		(KN03_SYS_ASIC + 0x100000u)	/* slot 4 */
#define KN03_SYS_SCC_1		(KN03_SYS_ASIC + 0x180000u)	/* slot 6 */
#define KN03_SYS_CLOCK		(KN03_SYS_ASIC + 0x200000u)	/* slot 8: DS1287 */
#define KN03_SYS_ERRADR		(KN03_SYS_ASIC + 0x240000u)	/* slot 9 */
#define KN03_SYS_ERRSYN		(KN03_SYS_ASIC + 0x280000u)	/* slot 10 */
#define KN03_SYS_CSR		(KN03_SYS_ASIC + 0x2c0000u)	/* slot 11: memory control */
#define KN03_SYS_SCSI		(KN03_SYS_ASIC + 0x300000u)	/* slot 12: NCR53C94 */
#define KN03_RAM_MAX_MB		480			/* KN03_PHYS_MEMORY_END 0x1dffffff */
/* DEC sold the DECstation 5000 models with 8 MB at least (PROVISIONAL:
   from DEC's product summaries as recalled, not a document at hand);
   Aegis's self-test assumes 2048 pages. */
#define KN03_RAM_MIN_MB		8

/* CPU interrupt lines (kn03.h KN03_INT_*). */
#define KN03_INT_ASIC		2	/* IOASIC cascade: SCCs, LANCE, SCSI, TC slots */
#define KN03_INT_RTC		3	/* DS1287 */
#define KN03_INT_MEM		5	/* memory errors */
/* (IP6 halt button: dev_ioasic.c; IP7 FPU: the CPU core.) */

/* IOASIC System Interrupt Register bits (kn03.h KN03_INTR_*). */
#define KN03_INTR_CLOCK		0x00000020u
#define KN03_INTR_SCC_0		0x00000040u
#define KN03_INTR_SCC_1		0x00000080u
#define KN03_INTR_LANCE		0x00000100u

/* Error address register (kn03.h KN03_ERR_*). */
#define KN03_ERR_ADDRESS	0x07ffffffu
#define KN03_ERR_WRITE		0x20000000u
#define KN03_ERR_CPU		0x40000000u
#define KN03_ERR_VALID		0x80000000u

/* The serial console: channel B of SCC #1 (NetBSD dec_3maxplus.c
   cons_init: zs_ioasic_cnattach(ioasic_base, 0x180000, 1), "Console is
   channel B of the second SCC"); osconsole "3" (one slot number, no comma:
   a serial console, NetBSD promcall.c prom_findcons; GXemul's value). */
#define KN03_CONSOLE_CHANNEL	1
#define KN03_OSCONSOLE		"3"

/* The TURBOchannel of the KN03 runs at 25 MHz (40 ns; NetBSD clock.c
   "Scale from 40ns" for the IOASIC counter), which also clocks the
   IOASIC free-running counter. */
#define KN03_TC_HZ		25000000u

struct kn03_memc {
	struct machine *m;
	uint32_t erradr, errsyn, mcr;
};

static int memc_read(void *dev, uint32_t off, unsigned size, uint32_t *val)
{
	struct kn03_memc *mc = dev;
	(void)off; (void)size;
	*val = mc->erradr;
	return 0;
}

/* Any write to ERRADR clears the error and its interrupt. */
static int memc_write(void *dev, uint32_t off, unsigned size, uint32_t val)
{
	struct kn03_memc *mc = dev;
	(void)off; (void)size; (void)val;
	mc->erradr = 0;
	machine_set_irq(mc->m, KN03_INT_MEM, 0);
	return 0;
}

static int errsyn_read(void *dev, uint32_t off, unsigned size, uint32_t *val)
{
	struct kn03_memc *mc = dev;
	(void)off; (void)size;
	*val = mc->errsyn;
	return 0;
}

static int errsyn_write(void *dev, uint32_t off, unsigned size, uint32_t val)
{
	(void)dev; (void)off; (void)size; (void)val;
	return 0;
}

static int mcr_read(void *dev, uint32_t off, unsigned size, uint32_t *val)
{
	struct kn03_memc *mc = dev;
	(void)off; (void)size;
	*val = mc->mcr;
	return 0;
}

static int mcr_write(void *dev, uint32_t off, unsigned size, uint32_t val)
{
	struct kn03_memc *mc = dev;
	(void)off; (void)size;
	mc->mcr = val & 0xffffu;	/* KN03_MCR_RES_16: upper half unused */
	return 0;
}

static const struct device_ops erradr_ops = { memc_read, memc_write };
static const struct device_ops errsyn_ops = { errsyn_read, errsyn_write };
static const struct device_ops mcr_ops = { mcr_read, mcr_write };

void kn03_memory_error(struct machine *m, uint32_t pa, int is_write)
{
	struct kn03_memc *mc = m->devices[DEV_MEMC];
	if (!mc)
		return;
	/* The address field holds a word address (27 bits cover 512 MB);
	   UNCONFIRMED: kn03.h only says "phys address". */
	mc->erradr = KN03_ERR_VALID | KN03_ERR_CPU | (is_write ? KN03_ERR_WRITE : 0) |
		     ((pa >> 2) & KN03_ERR_ADDRESS);
	machine_set_irq(m, KN03_INT_MEM, 1);
}

/* On the KN03 the DS1287 has its own CPU line and also shows in the SIR. */
struct rtc_fanout {
	struct irq_out cpu, sir;
};

static void rtc_fanout_set(void *ctx, uint32_t bit, int level)
{
	struct rtc_fanout *f = ctx;
	(void)bit;
	irq_out_set(&f->cpu, level);
	irq_out_set(&f->sir, level);
}

static void kn03_attach(struct machine *m)
{
	m->press_halt = ioasic_press_halt;
	unsigned io = m->model->timing->io_access;
	static const struct ioasic_config iocfg = {
		.cascade_ip = KN03_INT_ASIC,
		.sir_static = 0,
		.counter_hz = KN03_TC_HZ,
		/* DEC's OUI 08:00:2b; the rest is our choice. */
		.enaddr = { 0x08, 0x00, 0x2b, 0x1a, 0x95, 0x03 },
	};
	struct ioasic *ioasic = ioasic_new(m, &iocfg);
	struct kn03_memc *mc = machine_zalloc(m, sizeof *mc);
	struct rtc_fanout *fan = machine_zalloc(m, sizeof *fan);
	mc->m = m;
	fan->cpu = irq_cpu_line(m, KN03_INT_RTC);
	fan->sir = ioasic_irq(ioasic, KN03_INTR_CLOCK);

	m->devices[DEV_IOASIC] = ioasic;
	m->devices[DEV_SCC0] = scc_new(m, "scc0", ioasic_irq(ioasic, KN03_INTR_SCC_0), -1);
	m->devices[DEV_SCC1] = scc_new(m, "scc1", ioasic_irq(ioasic, KN03_INTR_SCC_1),
				       KN03_CONSOLE_CHANNEL);
	m->devices[DEV_RTC] = rtc_new(m, (struct irq_out){ rtc_fanout_set, fan, 0 });
	m->devices[DEV_LANCE] = ioasic_lance_new(m, ioasic, ioasic_irq(ioasic, KN03_INTR_LANCE));
	/* The 53C94 on SIR bit 9 (KN03_INTR_SCSI), clocked at 25 MHz (NetBSD
	   asc_ioasic.c sc_freq), its DMA through the IOASIC. */
	m->devices[DEV_ASC] = asc_new(m, ioasic_irq(ioasic, 0x00000200u), ioasic_scsi_dma(ioasic), 25);
	ioasic_set_asc(ioasic, m->devices[DEV_ASC]);
	m->devices[DEV_MEMC] = mc;

	bus_map(m, "tc0 (empty)", KN03_PHYS_TC_0, KN03_TC_SLOT_SIZE, &tc_empty_ops, NULL, io);
	bus_map(m, "tc1 (empty)", KN03_PHYS_TC_1, KN03_TC_SLOT_SIZE, &tc_empty_ops, NULL, io);
	bus_map(m, "tc2 (empty)", KN03_PHYS_TC_2, KN03_TC_SLOT_SIZE, &tc_empty_ops, NULL, io);
	bus_map(m, "ioasic", KN03_SYS_ASIC_REGS, IOASIC_SLOT_SIZE, &ioasic_reg_ops, ioasic, io);
	bus_map(m, "esar", KN03_SYS_ETHER_ADDRESS, IOASIC_SLOT_SIZE, &ioasic_esar_ops, ioasic, io);
	bus_map(m, "lance", KN03_SYS_LANCE, IOASIC_SLOT_SIZE, &lance_ops, m->devices[DEV_LANCE], io);
	bus_map(m, "scc0", KN03_SYS_SCC_0, IOASIC_SLOT_SIZE, &scc_ops, m->devices[DEV_SCC0], io);
	bus_map(m, "scc1", KN03_SYS_SCC_1, IOASIC_SLOT_SIZE, &scc_ops, m->devices[DEV_SCC1], io);
	bus_set_stable(m, "scc0", scc_stable);	/* the idle skip may rely on RR0 */
	bus_set_stable(m, "scc1", scc_stable);
	bus_map(m, "rtc", KN03_SYS_CLOCK, IOASIC_SLOT_SIZE, &rtc_ops, m->devices[DEV_RTC], io);
	bus_map(m, "erradr", KN03_SYS_ERRADR, IOASIC_SLOT_SIZE, &erradr_ops, mc, io);
	bus_map(m, "errsyn", KN03_SYS_ERRSYN, IOASIC_SLOT_SIZE, &errsyn_ops, mc, io);
	bus_map(m, "mcr", KN03_SYS_CSR, IOASIC_SLOT_SIZE, &mcr_ops, mc, io);
	bus_map(m, "asc", KN03_SYS_SCSI, IOASIC_SLOT_SIZE, &asc_ops, m->devices[DEV_ASC], io);
	bus_set_stable(m, "asc", asc_stable);

	prom_attach(m, KN03_OSCONSOLE);
	static const struct prom_board board = {
		.tc_slot0 = KN03_PHYS_TC_0,
		.tc_slot_size = KN03_TC_SLOT_SIZE,
		.tc_period_ns = 1000000000u / KN03_TC_HZ,
		.boot_dev = "3/rz0/",	/* onboard SCSI is in slot 3 (GXemul machine_pmax.c) */
	};
	prom_set_board(m, &board);
}

const struct model model_kn03 = {
	.name = "5000/240",
	.board = "KN03",
	/* getsysid(): bits 23..16 the system type DS_3MAXPLUS = 4 (NetBSD
	   pmaxtype.h); 31..24 processor 0x82 and 15..8 firmware 3, as
	   GXemul's dec_prom.c returns them. */
	.systype = 0x82040300u,
	/* R3000A implementation 2, revision 3.0: NetBSD/GXemul report the
	   5000/240's CPU (an R3400: R3000A core with R3010 on one chip) so. */
	.prid = 0x00000230u,
	/* R3010 FCR0: implementation 3, revision 4.0 (Linux on GXemul:
	   "FPU revision is: 00000340"). */
	.fpu_rev = 0x00000340u,
	.bus_timeout = kn03_memory_error,
	.timing = &timing_kn03,
	.default_ram_mb = 32,	/* a common configuration; UNCONFIRMED as "the" default */
	.max_ram_mb = KN03_RAM_MAX_MB,
	.min_ram_mb = KN03_RAM_MIN_MB,
	.attach = kn03_attach,
};
