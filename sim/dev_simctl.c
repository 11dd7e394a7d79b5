/*
 * dev_simctl.c - pmaxsim's own counter page, NOT a DECstation device: the
 * simulated cycle and instruction counts, readable by benchmarks that must
 * time an operation exactly (the KN02 and KN02-BA have no free-running
 * counter; the KN03's IOASIC counter ticks at 25 MHz, coarser than the CPU
 * clock). It sits at COUNTER_PAGE_PA, an address no modelled board decodes
 * (past the 256 KB boot ROM), so a real machine bus-errors there; guests
 * check the magic word first. Layout (32-bit, read-only):
 *   +0x00 magic "PMXS"   +0x04 cycles, low word (reading it latches +0x08)
 *   +0x08 cycles, high   +0x0c CPU clock in MHz
 *   +0x10 instructions, low (latches +0x14)   +0x14 instructions, high
 */
#include "machine.h"
#include "simctl.h"

struct simctl {
	struct machine *m;
	uint32_t cyc_hi, ins_hi;
};

static int simctl_read(void *dev, uint32_t off, unsigned size, uint32_t *val)
{
	struct simctl *s = dev;
	if (size != 4)
		return -1;
	switch (off) {
	case 0: *val = COUNTER_MAGIC; break;
	case COUNTER_CYCLES_LO: {
		uint64_t c = machine_cycles(s->m);
		s->cyc_hi = (uint32_t)(c >> 32);
		*val = (uint32_t)c;
		break;
	}
	case COUNTER_CYCLES_HI: *val = s->cyc_hi; break;
	case COUNTER_MHZ: *val = s->m->model->timing->mhz; break;
	case COUNTER_INSNS_LO: {
		uint64_t n = s->m->stats.instructions;
		s->ins_hi = (uint32_t)(n >> 32);
		*val = (uint32_t)n;
		break;
	}
	case COUNTER_INSNS_HI: *val = s->ins_hi; break;
	default: *val = 0; break;
	}
	return 0;
}

static int simctl_write(void *dev, uint32_t off, unsigned size, uint32_t val)
{
	(void)dev; (void)off; (void)size; (void)val;
	return 0;	/* writes are ignored */
}

static const struct device_ops simctl_ops = { simctl_read, simctl_write };

void simctl_attach(struct machine *m)
{
	struct simctl *s = machine_zalloc(m, sizeof *s);
	s->m = m;
	/* Free of device access stalls, so reading it does not perturb what
	   it measures beyond the load itself. */
	bus_map(m, "simctl", COUNTER_PAGE_PA, COUNTER_PAGE_SIZE, &simctl_ops, s, 0);
}
