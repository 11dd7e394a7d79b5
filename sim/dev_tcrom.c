/*
 * dev_tcrom.c - TURBOchannel option ROM headers, and the two option cards
 * the DECstation 5000/200 (KN02) has built in: the PMAZ-AA SCSI controller
 * in slot 5 and the PMAD-AA Ethernet controller in slot 6 (NetBSD
 * sys/arch/pmax/pmax/kn02.h "KN02_PHYS_TC_5 ... SCSI", "TC_6 ... ether";
 * GXemul machine_pmax.c puts "PMAZ-AA" and "PMAD-AA" there).
 *
 * ROM header (Linux include/linux/tc.h TC_ROM_WIDTH 0x3e0 ... TC_MODULE
 * 0x440, TC_FIRM_TYPE 0x460, TC_FLAGS 0x470; NetBSD sys/dev/tc/tcreg.h
 * struct tc_rommap): one byte per 32-bit word. NetBSD tc_checkslot
 * compares all four bytes of each test-pattern word with 55 00 aa ff, and
 * Linux tc.c reads byte lane 0, so every byte is replicated in all four
 * lanes (GXemul dev_turbochannel.c returns 0x55555555 etc. likewise).
 * Where it is found: Linux tc_bus_add_devices reads the pattern at slot
 * offset 0x3c0000 (TC_OLDCARD), then at 0 (TC_NEWCARD); NetBSD the other
 * way round. A read that faults ends the probe, so neither may fault.
 *
 * Both cards decode fewer address bits than the 4 MB KN02 slot has, so
 * their windows repeat through the slot, which is how a probe at
 * 0x3c0000 finds the ROM (UNCONFIRMED as hardware fact: inferred from the
 * ROM offsets below and from GXemul's note for the PMAD-AA, "One ROM at
 * 0x1c03e0, and one at 0x3c0000").
 *
 * PMAZ-AA, 1 MB window (NetBSD sys/dev/tc/asc_tc.c): NCR53C94 at 0x0
 * (byte registers on a 4-byte stride), DMA address register at 0x40000,
 * 128 KB SRAM buffer at 0x80000, diagnostic ROM at 0xc0000.
 * PMAD-AA, 2 MB window (Linux drivers/net/ethernet/amd/declance.c,
 * PMAD_LANCE case): 128 KB SRAM buffer at 0x0, LANCE RDP/RAP at 0x100000
 * (+0/+4), station address ROM at 0x1c0000 read from byte lane 2
 * ("esar_base = dev->mem_start + 0x1c0002"), whose ROM also holds the
 * option header at 0x1c03e0.
 *
 * The SCSI chip is the idle stand-in of dev_ioasic.c: it accepts harmless
 * commands and ends the run on anything that would start a SCSI phase.
 * The LANCE is dev_lance.c, on the card's SRAM.
 */
#include <stdlib.h>
#include <string.h>
#include "devices.h"
#include "scsi.h"
#include "lance.h"
#include "machine.h"

#define SRAM_SIZE	0x20000u	/* 128 KB on both cards */
#define CARD_ROM_SIZE	0x2000u		/* 8 KB: the smallest size the header can state */

static void rom_byte(uint8_t *rom, uint32_t off, uint8_t b)
{
	memset(rom + off, b, 4);
}

static void rom_string(uint8_t *rom, uint32_t off, const char *s, unsigned n)
{
	size_t len = strlen(s);
	for (unsigned i = 0; i < n; i++)
		rom_byte(rom, off + 4 * i, (uint8_t)(i < len ? s[i] : ' '));
}

void tcrom_header(uint8_t *rom, const char *module, unsigned rom_8k, unsigned slot_4m)
{
	rom_byte(rom, 0x3e0, 1);		/* ROM width: 1 byte per word */
	rom_byte(rom, 0x3e4, 4);		/* stride: 4 bytes */
	rom_byte(rom, 0x3e8, (uint8_t)rom_8k);	/* ROM size, 8 KB units */
	rom_byte(rom, 0x3ec, (uint8_t)slot_4m);	/* slot size, 4 MB units */
	rom_byte(rom, 0x3f0, 0x55);		/* test pattern */
	rom_byte(rom, 0x3f4, 0x00);
	rom_byte(rom, 0x3f8, 0xaa);
	rom_byte(rom, 0x3fc, 0xff);
	rom_string(rom, 0x400, "V5.3a", 8);	/* firmware version (GXemul's) */
	rom_string(rom, 0x420, "DEC", 8);	/* vendor */
	rom_string(rom, 0x440, module, 8);	/* module name */
	rom_string(rom, 0x460, "TCF0", 4);	/* firmware type */
	rom_byte(rom, 0x470, 0);		/* flags: no parity */
}

static uint32_t get_le(const uint8_t *p, unsigned size)
{
	uint32_t v = 0;
	for (unsigned i = 0; i < size; i++)
		v |= (uint32_t)p[i] << (8 * i);
	return v;
}

static void put_le(uint8_t *p, unsigned size, uint32_t v)
{
	for (unsigned i = 0; i < size; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* ---- PMAZ-AA ------------------------------------------------------------ */

#define PMAZ_WINDOW	0x100000u
#define PMAZ_DMAR	0x40000u
#define PMAZ_RAM	0x80000u
#define PMAZ_ROM	0xc0000u

struct pmaz {
	struct machine *m;
	struct irq_out irq;		/* the chip's pin: KN02 CSR bit 5 */
	struct asc *asc;
	uint32_t dmar;
	uint8_t ram[SRAM_SIZE];
	uint8_t rom[CARD_ROM_SIZE];
};

static int pmaz_read(void *dev, uint32_t off, unsigned size, uint32_t *val)
{
	struct pmaz *p = dev;
	off &= PMAZ_WINDOW - 1;
	if (off < PMAZ_DMAR)
		return asc_ops.read(p->asc, off & 0x3f, size, val);
	if (off < PMAZ_RAM) {
		*val = p->dmar;
		return 0;
	}
	if (off < PMAZ_ROM) {
		*val = get_le(p->ram + ((off - PMAZ_RAM) & (SRAM_SIZE - 1)), size);
		return 0;
	}
	*val = get_le(p->rom + ((off - PMAZ_ROM) & (CARD_ROM_SIZE - 1)), size);
	return 0;
}

static int pmaz_write(void *dev, uint32_t off, unsigned size, uint32_t val)
{
	struct pmaz *p = dev;
	off &= PMAZ_WINDOW - 1;
	if (off < PMAZ_DMAR)
		return asc_ops.write(p->asc, off & 0x3f, size, val);
	if (off < PMAZ_RAM)
		p->dmar = val;		/* NetBSD asc_tc.c: direction bit | address */
	else if (off < PMAZ_ROM)
		put_le(p->ram + ((off - PMAZ_RAM) & (SRAM_SIZE - 1)), size, val);
	return 0;			/* the ROM ignores writes */
}

const struct device_ops pmaz_ops = { pmaz_read, pmaz_write };

/* Idle skip: the chip's own answer for its registers; the DMA register,
   SRAM and ROM change only by CPU writes or the chip's events. */
int pmaz_stable(void *dev, uint32_t off, unsigned size)
{
	struct pmaz *p = dev;
	off &= PMAZ_WINDOW - 1;
	return off < PMAZ_DMAR ? asc_stable(p->asc, off & 0x3f, size) : 1;
}

/* The chip's DMA goes to the card's 128 KB SRAM only, at the byte offset
   in the DMA address register's low 17 bits, bit 31 set for memory to
   SCSI (NetBSD asc_tc.c PMAZ_DMAR_WRITE, PMAZ_DMAR_MASK); the register
   advances as bytes move (UNCONFIRMED: NetBSD never reads it back). The
   wrong direction moves nothing (the chip waits). */
#define PMAZ_DMAR_WRITE	0x80000000u
#define PMAZ_DMAR_MASK	0x1ffffu

static uint32_t pmaz_dma_move(void *ctx, int to_mem, uint8_t *buf, uint32_t len)
{
	struct pmaz *p = ctx;
	if (!(p->dmar & PMAZ_DMAR_WRITE) != !!to_mem)
		return 0;
	uint32_t off = p->dmar & PMAZ_DMAR_MASK;
	for (uint32_t i = 0; i < len; i++) {
		uint8_t *sram = p->ram + ((off + i) & (SRAM_SIZE - 1));
		if (to_mem)
			*sram = buf[i];
		else
			buf[i] = *sram;
	}
	p->dmar = (p->dmar & ~PMAZ_DMAR_MASK) | ((off + len) & PMAZ_DMAR_MASK);
	return len;
}

void *pmaz_new(struct machine *m, struct irq_out irq)
{
	struct pmaz *p = machine_zalloc(m, sizeof *p);
	p->m = m;
	p->irq = irq;
	p->asc = asc_new(m, irq, (struct asc_dma){ pmaz_dma_move, p }, 25);
	tcrom_header(p->rom, "PMAZ-AA", 1, 1);
	return p;
}

/* ---- PMAD-AA ------------------------------------------------------------ */

#define PMAD_WINDOW	0x200000u
#define PMAD_LANCE	0x100000u
#define PMAD_ROM	0x1c0000u

struct pmad {
	struct machine *m;
	struct irq_out irq;		/* the chip's pin: KN02 CSR bit 6 */
	struct lance *lance;
	uint8_t ram[SRAM_SIZE];
	uint8_t rom[CARD_ROM_SIZE];	/* station address words, then the header */
};

/* The station-address ROM (esar_contents), one byte per word, replicated
   in every lane (declance reads lane 2 on the PMAD-AA). */
static void pmad_esar(struct pmad *p, const uint8_t a[6])
{
	uint8_t bytes[32];
	esar_contents(a, bytes);
	for (unsigned i = 0; i < 32; i++)
		rom_byte(p->rom, 4u * i, bytes[i]);
}

static int pmad_read(void *dev, uint32_t off, unsigned size, uint32_t *val)
{
	struct pmad *p = dev;
	off &= PMAD_WINDOW - 1;
	if (off < PMAD_LANCE) {
		*val = get_le(p->ram + (off & (SRAM_SIZE - 1)), size);
		return 0;
	}
	if (off < PMAD_ROM)
		return lance_ops.read(p->lance, off & 7, size, val);
	*val = get_le(p->rom + ((off - PMAD_ROM) & (CARD_ROM_SIZE - 1)), size);
	return 0;
}

static int pmad_write(void *dev, uint32_t off, unsigned size, uint32_t val)
{
	struct pmad *p = dev;
	off &= PMAD_WINDOW - 1;
	if (off < PMAD_LANCE) {
		put_le(p->ram + (off & (SRAM_SIZE - 1)), size, val);
		return 0;
	}
	if (off < PMAD_ROM)
		return lance_ops.write(p->lance, off & 7, size, val);
	return 0;
}

const struct device_ops pmad_ops = { pmad_read, pmad_write };

/* The card's LANCE sees the SRAM contiguously: chip address A is SRAM
   byte A, 16-bit words little-endian (declance.c's PMAD_LANCE case
   shifts no offsets; NetBSD if_le_tc.c uses the "contig" copies). Only
   17 address bits decode; the upper ones alias (GXemul dev_le.c masks
   them the same way; UNCONFIRMED on the card). */
static int pmad_word_read(void *ctx, uint32_t a, uint16_t *v)
{
	struct pmad *p = ctx;
	*v = (uint16_t)get_le(p->ram + (a & (SRAM_SIZE - 2)), 2);
	return 0;
}

static int pmad_word_write(void *ctx, uint32_t a, uint16_t v)
{
	struct pmad *p = ctx;
	put_le(p->ram + (a & (SRAM_SIZE - 2)), 2, v);
	return 0;
}

static int pmad_buf_read(void *ctx, uint32_t a, uint8_t *buf, unsigned len)
{
	struct pmad *p = ctx;
	for (unsigned i = 0; i < len; i++)
		buf[i] = p->ram[(a + i) & (SRAM_SIZE - 1)];
	return 0;
}

static int pmad_buf_write(void *ctx, uint32_t a, const uint8_t *buf, unsigned len)
{
	struct pmad *p = ctx;
	for (unsigned i = 0; i < len; i++)
		p->ram[(a + i) & (SRAM_SIZE - 1)] = buf[i];
	return 0;
}

static void pmad_set_enaddr(struct machine *m, const uint8_t enaddr[6])
{
	struct pmad *p = m->devices[DEV_LANCE];
	pmad_esar(p, enaddr);
}

void *pmad_new(struct machine *m, struct irq_out irq, const uint8_t enaddr[6])
{
	struct pmad *p = machine_zalloc(m, sizeof *p);
	p->m = m;
	p->irq = irq;
	const struct lance_bus bus = { pmad_word_read, pmad_word_write,
				       pmad_buf_read, pmad_buf_write, p };
	p->lance = lance_new(m, &bus, irq);
	pmad_esar(p, enaddr);
	m->set_enaddr = pmad_set_enaddr;
	tcrom_header(p->rom, "PMAD-AA", 1, 1);
	return p;
}
