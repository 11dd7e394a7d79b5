/*
 * machine_kn02ba.c - the DECstation 5000/125 (KN02-BA, "3MIN"), the
 * paper's DEC5000: addresses and interrupt wiring from NetBSD
 * sys/arch/pmax/pmax/kmin.h and dec_3min.c, checked against Linux
 * arch/mips/include/asm/dec/kn02ba.h and kn02xa.h. Unlike the KN03, every
 * baseboard device (the RTC too) interrupts through the IOASIC on IP5, and
 * TURBOchannel option slots 0-2 have CPU lines IP2-IP4 of their own.
 */
#include <stdlib.h>
#include "devices.h"
#include "lance.h"
#include "machine.h"
#include "prom.h"
#include "scsi.h"

/* Physical map (kmin.h). */
#define KMIN_RAM_MAX_MB		128			/* KMIN_PHYS_MEMORY_END 0x07ffffff */
/* DEC sold the DECstation 5000 models with 8 MB at least (PROVISIONAL:
   from DEC's product summaries as recalled, not a document at hand);
   Aegis's self-test assumes 2048 pages. */
#define KMIN_RAM_MIN_MB		8
#define KMIN_PHYS_MREGS		0x0c000000u	/* memory control registers, 32 MB */
#define KMIN_PHYS_MREGS_SIZE	0x02000000u
#define KMIN_REG_MER		0x0c400000u	/* memory error register */
#define KMIN_REG_MSR		0x0c800000u	/* memory size register */
#define KMIN_PHYS_CREGS		0x0e000000u	/* CPU ASIC control registers, 32 MB */
#define KMIN_PHYS_CREGS_SIZE	0x02000000u
#define KMIN_REG_CNFG		0x0e000000u	/* memory timeout configuration */
#define KMIN_REG_AER		0x0e000004u	/* address error register */
#define KMIN_REG_BOOT		0x0e000008u	/* boot 0 register */
#define KMIN_REG_TIMEOUT	0x0e00000cu	/* memory access timeout interrupt */
#define KMIN_PHYS_TC_0		0x10000000u	/* TURBOchannel option slot 0 */
#define KMIN_PHYS_TC_1		0x14000000u
#define KMIN_PHYS_TC_2		0x18000000u
#define KMIN_TC_SLOT_SIZE	0x04000000u	/* 64 MB per slot */
#define KMIN_SYS_ASIC		0x1c000000u	/* slot 3: IOASIC system slot */
#define KMIN_SYS_ASIC_REGS	(KMIN_SYS_ASIC + 0x040000u)
#define KMIN_SYS_ETHER_ADDRESS	(KMIN_SYS_ASIC + 0x080000u)
#define KMIN_SYS_LANCE		(KMIN_SYS_ASIC + 0x0c0000u)
#define KMIN_SYS_SCC_0		(KMIN_SYS_ASIC + 0x100000u)
#define KMIN_SYS_SCC_1		(KMIN_SYS_ASIC + 0x180000u)
#define KMIN_SYS_CLOCK		(KMIN_SYS_ASIC + 0x200000u)
#define KMIN_SYS_SCSI		(KMIN_SYS_ASIC + 0x300000u)
/* Boot ROM: KMIN_PHYS_TC_3_START + 0x3c00000 = 0x1fc00000 = PROM_PHYS_BASE. */

/* CPU interrupt lines (kmin.h KMIN_INT_*). */
#define KMIN_INT_TC0		2
#define KMIN_INT_TC1		3
#define KMIN_INT_TC2		4
#define KMIN_INT_TC3		5	/* the IOASIC: all baseboard devices */
/* (IP6 halt button: dev_ioasic.c; IP7 FPU: the CPU core.) */

/* IOASIC System Interrupt Register bits (kmin.h KMIN_INTR_*). */
#define KMIN_INTR_CLOCK		0x00000020u
#define KMIN_INTR_SCC_0		0x00000040u
#define KMIN_INTR_SCC_1		0x00000080u
#define KMIN_INTR_LANCE		0x00000100u
#define KMIN_INTR_TIMEOUT	0x00001000u	/* memory/bus error (Linux IO_INR_BUS) */

#define KMIN_MSR_SIZE_16Mb	0x00002000u	/* 16 Mb DRAMs: up to 128 MB */
#define KMIN_AER_ADDR_MASK	0x1ffffffcu
#define KMIN_TIMEO_INTR		0x00000001u

/* Console: channel B of SCC #1 at IOASIC offset 0x180000 (NetBSD
   dec_3min.c cons_init: zs_ioasic_cnattach(ioasic_base, 0x180000, 1)). */
#define KMIN_CONSOLE_CHANNEL	1
#define KMIN_OSCONSOLE		"3"

/* The 3MIN TURBOchannel runs at 12.5 MHz ("tc0 at mainbus0: 12.5 MHz
   clock", NetBSD boot message quoted in GXemul machine_pmax.c). */
#define KMIN_TC_HZ		12500000u

struct kmin_regs {
	struct machine *m;
	struct ioasic *ioasic;
	uint32_t mer, msr, cnfg, aer, boot, timeout;
};

static uint32_t *mreg(struct kmin_regs *k, uint32_t pa)
{
	switch (pa & ~3u) {
	case KMIN_REG_MER: return &k->mer;
	case KMIN_REG_MSR: return &k->msr;
	case KMIN_REG_CNFG: return &k->cnfg;
	case KMIN_REG_AER: return &k->aer;
	case KMIN_REG_BOOT: return &k->boot;
	case KMIN_REG_TIMEOUT: return &k->timeout;
	}
	return NULL;
}

/* Registers not listed in kmin.h read as 0 and ignore writes
   (UNCONFIRMED: the real decoders may alias). */
static int kmin_read(struct kmin_regs *k, uint32_t pa, uint32_t *val)
{
	uint32_t *r = mreg(k, pa);
	*val = r ? *r : 0;
	return 0;
}

static int kmin_write(struct kmin_regs *k, uint32_t pa, uint32_t val)
{
	uint32_t *r = mreg(k, pa);
	if (!r || r == &k->aer)
		return 0;			/* AER is read-only */
	if (r == &k->timeout) {
		/* Writing clears the timeout interrupt (NetBSD dec_3min.c
		   writes 0 to KMIN_REG_TIMEOUT to clear memory errors). */
		k->timeout = 0;
		ioasic_set_line(k->ioasic, KMIN_INTR_TIMEOUT, 0);
		return 0;
	}
	if (r == &k->msr) {
		k->msr = (k->msr & ~KMIN_MSR_SIZE_16Mb) | (val & KMIN_MSR_SIZE_16Mb);
		return 0;
	}
	*r = val;
	return 0;
}

static int mregs_read(void *dev, uint32_t off, unsigned size, uint32_t *val)
{
	(void)size;
	return kmin_read(dev, KMIN_PHYS_MREGS + off, val);
}

static int mregs_write(void *dev, uint32_t off, unsigned size, uint32_t val)
{
	(void)size;
	return kmin_write(dev, KMIN_PHYS_MREGS + off, val);
}

static int cregs_read(void *dev, uint32_t off, unsigned size, uint32_t *val)
{
	(void)size;
	return kmin_read(dev, KMIN_PHYS_CREGS + off, val);
}

static int cregs_write(void *dev, uint32_t off, unsigned size, uint32_t val)
{
	(void)size;
	return kmin_write(dev, KMIN_PHYS_CREGS + off, val);
}

static const struct device_ops mregs_ops = { mregs_read, mregs_write };
static const struct device_ops cregs_ops = { cregs_read, cregs_write };

void kn02ba_memory_error(struct machine *m, uint32_t pa, int is_write)
{
	struct kmin_regs *k = m->devices[DEV_MEMC];
	(void)is_write;
	if (!k)
		return;
	k->aer = pa & KMIN_AER_ADDR_MASK;
	k->timeout = KMIN_TIMEO_INTR;
	ioasic_set_line(k->ioasic, KMIN_INTR_TIMEOUT, 1);
}

static void kn02ba_attach(struct machine *m)
{
	m->press_halt = ioasic_press_halt;
	unsigned io = m->model->timing->io_access;
	static const struct ioasic_config iocfg = {
		.cascade_ip = KMIN_INT_TC3,
		.sir_static = 0,
		/* NetBSD ioasicreg.h marks the counter "3max+/3000"; Linux
		   time.c says "some I/O ASIC systems" have it and treats a
		   counter that does not move as absent. We model it absent. */
		.counter_hz = 0,
		.enaddr = { 0x08, 0x00, 0x2b, 0x1a, 0x95, 0x01 },
	};
	struct ioasic *ioasic = ioasic_new(m, &iocfg);
	struct kmin_regs *k = machine_zalloc(m, sizeof *k);
	k->m = m;
	k->ioasic = ioasic;
	if (m->ram_size > (32u << 20))
		k->msr = KMIN_MSR_SIZE_16Mb;	/* else NetBSD caps memory at 32 MB */

	m->devices[DEV_IOASIC] = ioasic;
	m->devices[DEV_SCC0] = scc_new(m, "scc0", ioasic_irq(ioasic, KMIN_INTR_SCC_0), -1);
	m->devices[DEV_SCC1] = scc_new(m, "scc1", ioasic_irq(ioasic, KMIN_INTR_SCC_1),
				       KMIN_CONSOLE_CHANNEL);
	m->devices[DEV_RTC] = rtc_new(m, ioasic_irq(ioasic, KMIN_INTR_CLOCK));
	m->devices[DEV_LANCE] = ioasic_lance_new(m, ioasic, ioasic_irq(ioasic, KMIN_INTR_LANCE));
	/* The 53C94 on SIR bit 9 (KMIN_INTR_SCSI), clocked at 25 MHz (NetBSD
	   asc_ioasic.c sc_freq), its DMA through the IOASIC. */
	m->devices[DEV_ASC] = asc_new(m, ioasic_irq(ioasic, 0x00000200u), ioasic_scsi_dma(ioasic), 25);
	ioasic_set_asc(ioasic, m->devices[DEV_ASC]);
	m->devices[DEV_MEMC] = k;

	bus_map(m, "mregs", KMIN_PHYS_MREGS, KMIN_PHYS_MREGS_SIZE, &mregs_ops, k, io);
	bus_map(m, "cregs", KMIN_PHYS_CREGS, KMIN_PHYS_CREGS_SIZE, &cregs_ops, k, io);
	bus_map(m, "tc0 (empty)", KMIN_PHYS_TC_0, KMIN_TC_SLOT_SIZE, &tc_empty_ops, NULL, io);
	bus_map(m, "tc1 (empty)", KMIN_PHYS_TC_1, KMIN_TC_SLOT_SIZE, &tc_empty_ops, NULL, io);
	bus_map(m, "tc2 (empty)", KMIN_PHYS_TC_2, KMIN_TC_SLOT_SIZE, &tc_empty_ops, NULL, io);
	bus_map(m, "ioasic", KMIN_SYS_ASIC_REGS, IOASIC_SLOT_SIZE, &ioasic_reg_ops, ioasic, io);
	bus_map(m, "esar", KMIN_SYS_ETHER_ADDRESS, IOASIC_SLOT_SIZE, &ioasic_esar_ops, ioasic, io);
	bus_map(m, "lance", KMIN_SYS_LANCE, IOASIC_SLOT_SIZE, &lance_ops, m->devices[DEV_LANCE], io);
	bus_map(m, "scc0", KMIN_SYS_SCC_0, IOASIC_SLOT_SIZE, &scc_ops, m->devices[DEV_SCC0], io);
	bus_map(m, "scc1", KMIN_SYS_SCC_1, IOASIC_SLOT_SIZE, &scc_ops, m->devices[DEV_SCC1], io);
	bus_set_stable(m, "scc0", scc_stable);	/* the idle skip may rely on RR0 */
	bus_set_stable(m, "scc1", scc_stable);
	bus_map(m, "rtc", KMIN_SYS_CLOCK, IOASIC_SLOT_SIZE, &rtc_ops, m->devices[DEV_RTC], io);
	bus_map(m, "asc", KMIN_SYS_SCSI, IOASIC_SLOT_SIZE, &asc_ops, m->devices[DEV_ASC], io);
	bus_set_stable(m, "asc", asc_stable);
	/* The option slots' own lines (IP2-IP4) stay low: the slots are empty. */
	(void)KMIN_INT_TC0; (void)KMIN_INT_TC1; (void)KMIN_INT_TC2;

	prom_attach(m, KMIN_OSCONSOLE);
	static const struct prom_board board = {
		.tc_slot0 = KMIN_PHYS_TC_0,
		.tc_slot_size = KMIN_TC_SLOT_SIZE,
		.tc_period_ns = 1000000000u / KMIN_TC_HZ,
		.boot_dev = "3/rz0/",
	};
	prom_set_board(m, &board);
}

const struct model model_kn02ba = {
	.name = "5000/125",
	.board = "KN02-BA",
	/* getsysid(): system type DS_3MIN = 3 (NetBSD pmaxtype.h) in bits
	   23..16; processor 0x82 and firmware 3 as GXemul returns them. */
	.systype = 0x82030300u,
	/* R3000A (GXemul models the 3MIN with an R3000A); FPU R3010 rev 4.0. */
	.prid = 0x00000230u,
	.fpu_rev = 0x00000340u,
	.bus_timeout = kn02ba_memory_error,
	.timing = &timing_r3000_25,
	.default_ram_mb = 32,	/* UNCONFIRMED as the paper machine's size */
	.max_ram_mb = KMIN_RAM_MAX_MB,
	.min_ram_mb = KMIN_RAM_MIN_MB,
	.attach = kn02ba_attach,
};
