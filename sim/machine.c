/*
 * machine.c - the machine as a whole: RAM, the bus's region table, timed
 * events, interrupt lines, running in slices and the end of a run, and the
 * memory a machine owns. Devices and the PROM reach the rest of the
 * simulator only through these functions (machine.h).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "elf.h"
#include "idle.h"
#include "machine.h"
#include "scsi.h"
#include "prom.h"
#include "simctl.h"

/* One machine_zalloc block, on the machine's list. */
struct machine_block {
	struct machine_block *next;
	max_align_t data[];
};

const struct model *model_find(const char *name)
{
	static const struct model *const models[] = { &model_kn03, &model_kn02ba, &model_kn02 };
	for (size_t k = 0; k < sizeof models / sizeof *models; k++)
		if (!strcmp(name, models[k]->name) || !strcasecmp(name, models[k]->board))
			return models[k];
	return NULL;
}

int machine_init(struct machine *m, const struct model *model, uint32_t ram_mb,
		 const struct timing *timing)
{
	memset(m, 0, sizeof *m);
	/* A private copy, so --timing can adjust this run's parameters. */
	m->own_model = *model;
	m->own_timing = timing ? *timing : *model->timing;
	m->own_model.timing = &m->own_timing;
	m->model = &m->own_model;
	model = m->model;
	if (ram_mb == 0)
		ram_mb = model->default_ram_mb;
	if (ram_mb > model->max_ram_mb || ram_mb < model->min_ram_mb)
		return -1;
	m->ram_size = ram_mb << 20;
	m->ram = calloc(1, m->ram_size);
	if (!m->ram)
		return -1;
	m->next_event = ~0ull;
	m->run_until = ~0ull;
	m->idle_skip = 1;
	machine_set_console(m, stdout, -1);
	bus_map(m, "ram", 0, m->ram_size, NULL, NULL, 0);
	m->regions[0].ram = m->ram;
	cpu_reset(m);
	model->attach(m);
	simctl_attach(m);
	return 0;
}

void machine_free(struct machine *m)
{
	for (int i = 0; i < m->nobservers; i++)
		if (m->observers[i].detach)
			m->observers[i].detach(m, m->observers[i].ctx);
	m->nobservers = 0;
	for (int i = 0; i < 8; i++) {
		scsi_disk_close(m->scsi[i]);
		m->scsi[i] = NULL;
	}
	while (m->blocks) {
		struct machine_block *b = m->blocks;
		m->blocks = b->next;
		free(b);
	}
	m->prom = NULL;
	memset(m->devices, 0, sizeof m->devices);
	m->nregions = 0;
	m->bus_last = 0;
	free(m->ram);
	free(m->cpu.icache.tag);
	free(m->cpu.icache.data);
	free(m->cpu.dcache.tag);
	free(m->cpu.dcache.data);
	free(m->cpu.idec);
	m->cpu.idec = NULL;
	m->ram = NULL;
	m->cpu.icache.tag = m->cpu.icache.data = NULL;
	m->cpu.dcache.tag = m->cpu.dcache.data = NULL;
}

void *machine_zalloc(struct machine *m, size_t size)
{
	struct machine_block *b = calloc(1, sizeof *b + size);
	if (!b) {
		fprintf(stderr, "pmaxsim: out of memory for a %s's devices\n", m->model->name);
		exit(1);
	}
	b->next = m->blocks;
	m->blocks = b;
	return b->data;
}

void machine_set_console(struct machine *m, FILE *out, int in_fd)
{
	m->console_out = out;
	m->console_in_fd = in_fd;
	m->console_in_eof = 0;
	m->console_peeked = -1;
	m->console_in_tty = -1;
	m->console_prefix = NULL;
	m->console_len = 0;
	m->console_qhead = m->console_qlen = 0;
	m->console_esc_seen = 0;
}

int machine_boot(struct machine *m, const char *image, const char *args,
		 char *err, unsigned errlen)
{
	uint32_t entry;
	if (elf_load(m, image, &entry, err, errlen) != 0)
		return -1;
	const char *slash = strrchr(image, '/');
	if (prom_boot(m, entry, slash ? slash + 1 : image, args) != 0) {
		snprintf(err, errlen, "cannot set up the boot arguments");
		return -1;
	}
	return 0;
}

enum machine_state machine_run_state(const struct machine *m)
{
	if (m->halted || m->fatal)
		return MACHINE_STOPPED;
	return m->paused ? MACHINE_PAUSED : MACHINE_RUNNING;
}

enum machine_state machine_run_until(struct machine *m, uint64_t until)
{
	cpu_run_until(m, until);
	return machine_run_state(m);
}

enum machine_state machine_run_for(struct machine *m, uint64_t ncycles)
{
	uint64_t now = m->cpu.cycles;
	return machine_run_until(m, ncycles > ~0ull - now ? ~0ull : now + ncycles);
}

void bus_map(struct machine *m, const char *name, uint32_t base, uint32_t size,
	     const struct device_ops *ops, void *dev, unsigned access_cycles)
{
	if (m->nregions == MAX_REGIONS) {
		fprintf(stderr, "pmaxsim: too many bus regions (mapping %s)\n", name);
		exit(1);
	}
	m->bus_last = 0;	/* bus_find's answer may change */
	struct region *r = &m->regions[m->nregions++];
	r->name = name;
	r->base = base;
	r->size = size;
	r->ops = ops;
	r->dev = dev;
	r->ram = NULL;
	r->access_cycles = access_cycles;
	r->stable = NULL;
}

int bus_set_stable(struct machine *m, const char *name, stable_fn stable)
{
	for (int i = 0; i < m->nregions; i++)
		if (!strcmp(m->regions[i].name, name)) {
			m->regions[i].stable = stable;
			return 0;
		}
	return -1;
}

int bus_unmap(struct machine *m, const char *name)
{
	for (int i = 0; i < m->nregions; i++)
		if (!strcmp(m->regions[i].name, name)) {
			memmove(&m->regions[i], &m->regions[i + 1],
				(size_t)(m->nregions - i - 1) * sizeof m->regions[0]);
			m->nregions--;
			m->bus_last = 0;
			return 0;
		}
	return -1;
}

struct region *bus_find(struct machine *m, uint32_t pa)
{
	/* A device polled in a loop asks for the same address again and
	   again: the scan's answer for it is kept until the map changes. */
	if (m->bus_last && pa == m->bus_last_pa)
		return &m->regions[m->bus_last - 1];
	for (int i = 0; i < m->nregions; i++) {
		struct region *r = &m->regions[i];
		if (pa - r->base < r->size) {
			m->bus_last = i + 1;
			m->bus_last_pa = pa;
			return r;
		}
	}
	return NULL;
}

int phys_read(struct machine *m, uint32_t pa, void *buf, uint32_t len)
{
	if (pa >= m->ram_size || len > m->ram_size - pa)
		return -1;
	memcpy(buf, m->ram + pa, len);
	return 0;
}

int phys_write(struct machine *m, uint32_t pa, const void *buf, uint32_t len)
{
	if (m->idle_active)
		idle_abort(m);	/* DMA: memory changes behind the CPU */
	if (pa >= m->ram_size || len > m->ram_size - pa)
		return -1;
	memcpy(m->ram + pa, buf, len);
	return 0;
}

int virt_to_phys_unmapped(uint32_t va, uint32_t *pa)
{
	if (va < 0x80000000u || va >= 0xc0000000u)
		return -1;
	*pa = va & 0x1fffffffu;
	return 0;
}

/* next_event is the one cycle count the CPU loop compares against: the
   earliest event, the cycle limit, the end of the slice, or 0 once the run
   is to end. */
static void events_recompute(struct machine *m)
{
	m->next_event = m->max_cycles ? m->max_cycles : ~0ull;
	if (m->run_until < m->next_event)
		m->next_event = m->run_until;
	if (m->halted || m->paused || m->halt_button || m->console_poll_due)
		m->next_event = 0;
	for (int i = 0; i < m->nevents; i++)
		if (m->events[i].when < m->next_event)
			m->next_event = m->events[i].when;
}

void machine_set_max_cycles(struct machine *m, uint64_t max)
{
	m->max_cycles = max;
	events_recompute(m);
}

void event_at(struct machine *m, uint64_t when, event_fn fn, void *arg)
{
	if (m->nevents == MAX_EVENTS) {
		machine_fatal(m, "event queue full (simulator bug)");
		return;
	}
	m->events[m->nevents++] = (struct event){ when, fn, arg };
	if (when < m->next_event)
		m->next_event = when;
}

void event_cancel(struct machine *m, event_fn fn, void *arg)
{
	for (int i = 0; i < m->nevents;) {
		if (m->events[i].fn == fn && m->events[i].arg == arg) {
			memmove(&m->events[i], &m->events[i + 1],
				(size_t)(m->nevents - i - 1) * sizeof m->events[0]);
			m->nevents--;
		} else
			i++;
	}
	events_recompute(m);
}

/* Run every due event, earliest first; an event may schedule more. Ties
   run in the order they were scheduled, so runs are deterministic. */
void events_run(struct machine *m)
{
	if (m->halted)
		return;
	if (m->halt_button) {	/* a person pressed the halt button */
		m->halt_button = 0;
		if (m->press_halt)
			m->press_halt(m);
	}
	if (m->console_poll_due) {	/* main's timer: anything typed? */
		m->console_poll_due = 0;
		host_console_service(m);
		if (m->halted)
			return;		/* Ctrl-A X */
	}
	for (;;) {
		int best = -1;
		for (int i = 0; i < m->nevents; i++)
			if (m->events[i].when <= m->cpu.cycles &&
			    (best < 0 || m->events[i].when < m->events[best].when))
				best = i;
		if (best < 0)
			break;
		struct event e = m->events[best];
		/* Keep scheduling order for the remaining events. */
		memmove(&m->events[best], &m->events[best + 1],
			(size_t)(m->nevents - best - 1) * sizeof e);
		m->nevents--;
		e.fn(m, e.arg);
		if (m->halted)
			return;
	}
	events_recompute(m);
	idle_event(m);
}

void machine_set_irq(struct machine *m, int ip, int level)
{
	uint32_t bit = 1u << ip;
	uint32_t old = m->irq_lines;
	if (level)
		m->irq_lines |= bit;
	else
		m->irq_lines &= ~bit;
	if (m->irq_lines != old)
		cpu_irq_update(m);
}

int machine_observe(struct machine *m, const struct observer *o)
{
	if (m->nobservers == MAX_OBSERVERS)
		return -1;
	m->observers[m->nobservers++] = *o;
	return 0;
}

void machine_device_note(struct machine *m, const char *fmt, ...)
{
	int any = 0;
	for (int i = 0; i < m->nobservers; i++)
		any |= m->observers[i].device != NULL;
	if (!any)
		return;
	char buf[160];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	for (int i = 0; i < m->nobservers; i++)
		if (m->observers[i].device)
			m->observers[i].device(m, m->observers[i].ctx, buf);
}

void machine_pause(struct machine *m)
{
	m->paused = 1;
	m->next_event = 0;
}

void machine_resume(struct machine *m)
{
	m->paused = 0;
	events_recompute(m);
}

void machine_halt(struct machine *m, int status)
{
	m->halted = 1;
	m->exit_status = status;
	m->next_event = 0;
}

void machine_fatal(struct machine *m, const char *why)
{
	if (!m->fatal)
		m->fatal = why;
	m->halted = 1;
	m->exit_status = 3;
	m->next_event = 0;
}
