/*
 * devices.h - the board devices of the IOASIC DECstations (KN03, KN02-BA)
 * as the machine models wire them: the IOASIC system registers, the two
 * Z85C30 SCCs, the DS1287 clock (the LANCE: lance.h; the NCR53C94 and
 * disks: scsi.h). A device reaches its interrupt line through an
 * irq_out, so one device model serves a CPU line (KN03 RTC on IP3) and an
 * IOASIC interrupt bit (KN02-BA RTC on SIR bit 5) alike.
 */
#ifndef SIM_DEVICES_H
#define SIM_DEVICES_H

#include <stdint.h>
#include "machine.h"

/* An interrupt output: set(ctx, bit, level). For a CPU line ctx is the
   machine and bit the IP number; for the IOASIC ctx is the IOASIC and bit
   its SIR mask bit. */
struct irq_out {
	void (*set)(void *ctx, uint32_t bit, int level);
	void *ctx;
	uint32_t bit;
};

static inline void irq_out_set(const struct irq_out *o, int level)
{
	if (o->set)
		o->set(o->ctx, o->bit, level);
}

/* An irq_out driving CPU line IPn (2..7) of machine m. */
struct irq_out irq_cpu_line(struct machine *m, int ip);

/* Each IOASIC device decodes one 256 KB slot (NetBSD ioasicreg.h). */
#define IOASIC_SLOT_SIZE	0x00040000u

/* ---- IOASIC (dev_ioasic.c) ----------------------------------------- */
struct ioasic_config {
	int cascade_ip;			/* CPU line of SIR & SIMR */
	uint32_t sir_static;		/* jumper bits that always read set */
	uint32_t counter_hz;		/* free-running counter rate; 0 = absent */
	uint8_t enaddr[6];		/* station address (ESAR ROM) */
};
struct ioasic;
struct ioasic *ioasic_new(struct machine *m, const struct ioasic_config *cfg);
/* Set or clear a low (device) bit of the System Interrupt Register. */
void ioasic_set_line(void *ioasic, uint32_t bit, int level);
struct irq_out ioasic_irq(struct ioasic *io, uint32_t bit);
extern const struct device_ops ioasic_reg_ops;	/* slot 1: system registers */
extern const struct device_ops ioasic_esar_ops;	/* slot 2: station address ROM */
/* DEC's 32 station-address ROM bytes for an Ethernet address. */
void esar_contents(const uint8_t enaddr[6], uint8_t out[32]);
/* slot 3: the Am7990 LANCE, lance.h (ioasic_lance_new). */
/* slot 12: the NCR53C94 (scsi.h: asc_new, ioasic_scsi_dma). */
/* A TURBOchannel option slot with no card: every access is a bus error. */
extern const struct device_ops tc_empty_ops;
/* The halt button (IP6 and the SIR debouncer bits); m->devices[DEV_IOASIC]
   must be the IOASIC. For the main program, e.g. on SIGINT. */
void ioasic_halt_button(struct machine *m, int pressed);
void ioasic_press_halt(struct machine *m);	/* press, release 100 ms later */

/* ---- Z85C30 SCC (dev_scc.c) ---------------------------------------- */
struct scc;
/* console_channel: 0 = A, 1 = B, -1 = none (output discarded). */
struct scc *scc_new(struct machine *m, const char *name, struct irq_out irq,
		    int console_channel);
extern const struct device_ops scc_ops;
int scc_stable(void *dev, uint32_t off, unsigned size);	/* idle.c, bus_set_stable */

/* ---- DS1287 real-time clock (dev_rtc.c) ----------------------------- */
struct rtc;
struct rtc *rtc_new(struct machine *m, struct irq_out irq);
extern const struct device_ops rtc_ops;

/* ---- PROM board facts (prom.c), set by a model's attach() ----------- */
struct prom_board {
	uint32_t tc_slot0;		/* physical base of TURBOchannel slot 0 */
	uint32_t tc_slot_size;		/* bytes per slot */
	unsigned tc_period_ns;		/* TURBOchannel clock period */
	const char *boot_dev;		/* boot path prefix, "3/rz0/" */
};
void prom_set_board(struct machine *m, const struct prom_board *b);

/* ---- KN02 (5000/200) board devices ---------------------------------- */
/* DC7085 (DZ) four-line serial controller (dev_dz.c). console_line: the
   line whose output goes to the host console (3 on the KN02), -1 none. */
struct dz;
struct dz *dz_new(struct machine *m, struct irq_out irq, int console_line);
extern const struct device_ops dz_ops;
int dz_stable(void *dev, uint32_t off, unsigned size);	/* idle.c, bus_set_stable */

/* TURBOchannel option ROM header (dev_tcrom.c): the 32-bit-word layout
   Linux drivers/tc/tc.c and NetBSD sys/dev/tc/tc.c read at 0x3e0..0x47f
   of a ROM (one byte per word, replicated in every byte lane). */
#define TCROM_HDR_OFF	0x3e0u
#define TCROM_HDR_END	0x480u
/* Fill rom[0x3e0..0x47f] (the array covers at least 0x480 bytes) with a
   header naming module (up to 8 characters, blank padded). */
void tcrom_header(uint8_t *rom, const char *module, unsigned rom_8k, unsigned slot_4m);

/* The KN02's built-in TURBOchannel cards (dev_tcrom.c): PMAZ-AA SCSI
   (slot 5) and PMAD-AA Ethernet (slot 6), each decoding a whole slot.
   irq: the card's KN02 CSR interrupt bit. */
void *pmaz_new(struct machine *m, struct irq_out irq);
extern const struct device_ops pmaz_ops;
int pmaz_stable(void *dev, uint32_t off, unsigned size);
void *pmad_new(struct machine *m, struct irq_out irq, const uint8_t enaddr[6]);
extern const struct device_ops pmad_ops;

/* Copy bytes into the boot ROM image (prom.c), e.g. the KN02 system slot's
   own TURBOchannel ROM header. */
void prom_rom_write(struct machine *m, uint32_t off, const void *buf, uint32_t len);


/* Where models keep their devices in m->devices[]. */
enum { DEV_IOASIC, DEV_SCC0, DEV_SCC1, DEV_RTC, DEV_LANCE, DEV_ASC, DEV_MEMC };
/* (The KN02 keeps its DZ in DEV_SCC0's place and its system CSR in
   DEV_IOASIC's; it has neither SCCs nor an IOASIC.) */
#define DEV_DZ		DEV_SCC0
#define DEV_KN02CSR	DEV_IOASIC

/* Memory-error reporting of each board (machine_kn03.c, machine_kn02ba.c):
   latch the failing address and raise the board's memory-error interrupt. */
void kn03_memory_error(struct machine *m, uint32_t pa, int is_write);
void kn02ba_memory_error(struct machine *m, uint32_t pa, int is_write);
void kn02_memory_error(struct machine *m, uint32_t pa, int is_write);

#endif
