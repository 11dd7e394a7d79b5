/*
 * idle.c - the idle skip: when the guest waits in a loop for the next
 * event, jump simulated time to that event instead of executing the loop,
 * counting the time skipped exactly as executing it would have (cycles,
 * instructions, every --stats counter), so that the guest, its output and
 * its cycle counts cannot tell the difference.
 *
 * How an idle loop is recognised. Not by its instructions but by what it
 * does: a stretch of execution that brings the whole machine back to the
 * state it started from, except for time. After the due events have run
 * and the next event is at least MIN_GAP cycles away, a check starts:
 * every instruction takes the interpreter's slow paths, and at chosen
 * moments (Brent's cycle finding: after 1, 2, 4, 8 ... instructions) the
 * state is photographed - the PC and everything the next instructions
 * could depend on: the registers, the pending load, HI/LO, every CP0
 * register and TLB entry, the FPU, the interrupt lines, and the times
 * still to wait (write buffer, HI/LO, FPU results) relative to now. From
 * then on every store to memory and every cache line that changes is
 * logged with its old contents. When the PC comes back to the photograph's
 * PC and all of that is equal again - registers, relative times, and every
 * logged word and cache line back to what it was - one period of a loop
 * has been proven: from this state the machine will run the same
 * instructions with the same timing and come back to the same state again,
 * period after period, until something from outside changes it. The only
 * things from outside are events (device time), and they are at known
 * cycles. So the loop is skipped by whole periods, as many as fit before
 * the next event (N = (next event - now) / period cycles), and the last,
 * partial period is executed, so the event lands on the very instruction
 * it would have.
 *
 * What no period may contain (the search starts again after it): a device
 * read whose device does not vouch that it is stable (bus_set_stable:
 * same value, no side effect, until its next event - the SCC's RR0 and
 * the DZ's CSR are, while no transmitter is busy; a counter, a clock, a
 * data register are not), any device write, a PROM call, the Random register or tlbwr (they follow the cycle
 * count), isolated or swapped caches, DMA. An observer (trace, profile,
 * gdb) ends the check: they see every instruction. A loop that reads a
 * counter or the RTC therefore runs as before; Aegis's idle (the ExOS
 * shell polling SYS_cgetc and yielding, a period of about a thousand
 * instructions through both system calls), a kernel's `wait for an
 * interrupt' loop on a RAM word, and Linux 6.1's idle loop (do_idle()
 * around arch_cpu_idle(), which on an R3000, with no wait instruction,
 * only enables interrupts) are skipped. A check that finds nothing within BUDGET instructions, or is cut short
 * by an event, makes the next ones wait (backoff), so a busy guest pays
 * little.
 *
 * On a terminal (m->idle_pace) the skip also waits in host time as long
 * as the time skipped, or until a key is typed (then it skips only the
 * whole periods that fit in the time waited): an idle interactive machine
 * rests. Never for a file or a pipe: such runs stay deterministic.
 */
#include <string.h>
#include "cpu.h"
#include "idle.h"
#include "machine.h"

#define MIN_GAP		20000u		/* cycles to the next event worth a check */
#define BUDGET		(1u << 15)	/* instructions a check may take */
#define BACKOFF_MAX	64u		/* events skipped after failed checks, at most */
#define LOG_MAX		4096u		/* words and cache lines changed in a period */
#define HASH_SIZE	8192u		/* power of two, over 2 * LOG_MAX */

/* Keys of the change log: a RAM word by its address; cache lines above. */
#define KEY_ICACHE	(1ull << 32)
#define KEY_DCACHE	(2ull << 32)

struct snap {
	uint64_t cycles;
	uint32_t r[32], hi, lo, pc, npc, ld_val, irq_lines;
	int in_delay_slot, ld_reg;
	uint32_t cp0[32];
	struct tlb_entry tlb[TLB_ENTRIES];
	uint64_t exc_streak;
	uint32_t fgr[32], fcr0, fcr31;
	/* Times still to wait, relative to cycles. */
	uint64_t fready[32], fcond, hilo;
	uint64_t wbuf[8];
	unsigned nwbuf;
	struct stats stats;
};

struct idle_state {
	struct snap a;			/* the photograph */
	int have_anchor;
	uint64_t since, power, steps;
	unsigned backoff, cooldown;
	unsigned nlog;
	int overflow;
	struct { uint64_t key, old; } log[LOG_MAX];
	uint32_t gen;
	struct { uint32_t gen, idx; } hash[HASH_SIZE];
};

static uint64_t rel(uint64_t t, uint64_t now) { return t > now ? t - now : 0; }

static void photograph(const struct machine *m, struct snap *s)
{
	const struct cpu *c = &m->cpu;
	uint64_t now = c->cycles;
	s->cycles = now;
	memcpy(s->r, c->r, sizeof s->r);
	s->hi = c->hi;
	s->lo = c->lo;
	s->pc = c->pc;
	s->npc = c->npc;
	s->in_delay_slot = c->in_delay_slot;
	s->ld_reg = c->ld_reg;
	s->ld_val = c->ld_reg ? c->ld_val : 0;
	s->irq_lines = m->irq_lines;
	memcpy(s->cp0, c->cp0, sizeof s->cp0);
	memcpy(s->tlb, c->tlb, sizeof s->tlb);
	s->exc_streak = c->exc_streak;
	memcpy(s->fgr, c->fpu.fgr, sizeof s->fgr);
	s->fcr0 = c->fpu.fcr0;
	s->fcr31 = c->fpu.fcr31;
	for (int i = 0; i < 32; i++)
		s->fready[i] = rel(c->fpu.ready[i], now);
	s->fcond = rel(c->fpu.cond_ready, now);
	s->hilo = rel(c->hilo_ready, now);
	/* The write buffer: the writes not yet retired (a retired one acts
	   as no write at all, cpu.c wbuf_push and wbuf_wait_empty). */
	s->nwbuf = 0;
	memset(s->wbuf, 0, sizeof s->wbuf);
	for (unsigned i = 0; i < c->wbuf_count; i++) {
		uint64_t t = c->wbuf[(c->wbuf_head + i) & 7];
		if (t > now)
			s->wbuf[s->nwbuf++] = t - now;
	}
	s->stats = m->stats;
}

/* The photograph's state again, time apart (stats and cycles aside). */
static int same(const struct snap *a, const struct snap *b)
{
	return a->pc == b->pc && a->npc == b->npc && a->in_delay_slot == b->in_delay_slot &&
	       a->ld_reg == b->ld_reg && a->ld_val == b->ld_val &&
	       !memcmp(a->r, b->r, sizeof a->r) && a->hi == b->hi && a->lo == b->lo &&
	       a->irq_lines == b->irq_lines && !memcmp(a->cp0, b->cp0, sizeof a->cp0) &&
	       !memcmp(a->tlb, b->tlb, sizeof a->tlb) && a->exc_streak == b->exc_streak &&
	       !memcmp(a->fgr, b->fgr, sizeof a->fgr) && a->fcr0 == b->fcr0 &&
	       a->fcr31 == b->fcr31 && !memcmp(a->fready, b->fready, sizeof a->fready) &&
	       a->fcond == b->fcond && a->hilo == b->hilo && a->nwbuf == b->nwbuf &&
	       !memcmp(a->wbuf, b->wbuf, sizeof a->wbuf);
}

/* ---- the change log ---------------------------------------------------- */

static uint64_t current(const struct machine *m, uint64_t key)
{
	const struct cache *ch;
	if (key >= KEY_ICACHE) {
		ch = key >= KEY_DCACHE ? &m->cpu.dcache : &m->cpu.icache;
		uint32_t idx = (uint32_t)key;
		return (uint64_t)ch->tag[idx] << 32 | ch->data[idx];
	}
	uint32_t w;
	memcpy(&w, m->ram + key, 4);
	return w;
}

static void note(struct machine *m, uint64_t key)
{
	struct idle_state *s = m->idle;
	if (!s->have_anchor || s->overflow)
		return;
	uint32_t h = (uint32_t)((key * 0x9e3779b97f4a7c15ull) >> 40) & (HASH_SIZE - 1);
	for (;; h = (h + 1) & (HASH_SIZE - 1)) {
		if (s->hash[h].gen != s->gen)
			break;
		if (s->log[s->hash[h].idx].key == key)
			return;		/* the first old value is the photograph's */
	}
	if (s->nlog == LOG_MAX) {
		s->overflow = 1;
		return;
	}
	s->hash[h].gen = s->gen;
	s->hash[h].idx = s->nlog;
	s->log[s->nlog].key = key;
	s->log[s->nlog].old = current(m, key);
	s->nlog++;
}

void idle_note_ram(struct machine *m, uint32_t pa)
{
	note(m, pa & ~3u);
}

void idle_note_line(struct machine *m, int icache, uint32_t idx)
{
	note(m, (icache ? KEY_ICACHE : KEY_DCACHE) | idx);
}

static int log_restored(const struct machine *m)
{
	const struct idle_state *s = m->idle;
	if (s->overflow)
		return 0;
	for (unsigned i = 0; i < s->nlog; i++)
		if (current(m, s->log[i].key) != s->log[i].old)
			return 0;
	return 1;
}

/* ---- checks ------------------------------------------------------------- */

static void stop(struct machine *m, int failed)
{
	struct idle_state *s = m->idle;
	m->idle_active = 0;
	cpu_irq_update(m);	/* the fast paths again */
	if (failed) {
		s->backoff = s->backoff ? s->backoff * 2 : 1;
		if (s->backoff > BACKOFF_MAX)
			s->backoff = BACKOFF_MAX;
		s->cooldown = s->backoff;
	} else {
		s->backoff = 0;
	}
}

void idle_abort(struct machine *m)
{
	/* No period may contain what just happened: start again from the
	   next instruction (the check still ends after BUDGET of them). */
	if (m->idle_active) {
		m->idle->have_anchor = 0;
		m->idle->power = 1;
	}
}

void idle_event(struct machine *m)
{
	if (m->idle_active)
		stop(m, 1);
	if (!m->idle_skip || m->nobservers || m->halted || m->paused)
		return;
	if (!m->idle) {
		m->idle = machine_zalloc(m, sizeof *m->idle);
		m->idle->gen = 1;
	}
	struct idle_state *s = m->idle;
	if (s->cooldown) {
		s->cooldown--;
		return;
	}
	uint64_t now = m->cpu.cycles;
	if (m->next_event <= now || m->next_event - now < MIN_GAP)
		return;
	s->have_anchor = 0;
	s->power = 1;
	s->steps = 0;
	m->idle_active = 1;
	cpu_irq_update(m);	/* every access through the slow paths */
}

static void set_anchor(struct machine *m)
{
	struct idle_state *s = m->idle;
	photograph(m, &s->a);
	s->have_anchor = 1;
	s->since = 0;
	s->nlog = 0;
	s->overflow = 0;
	if (++s->gen == 0) {	/* stamps wrapped: forget every old one */
		memset(s->hash, 0, sizeof s->hash);
		s->gen = 1;
	}
}

/* Add k times the period's counts to the statistics. */
static void add_stats(struct stats *st, const struct stats *now, const struct stats *then,
		      uint64_t k)
{
	enum { N = sizeof(struct stats) / sizeof(uint64_t) };
	_Static_assert(sizeof(struct stats) == N * sizeof(uint64_t), "stats: uint64_t only");
	uint64_t a[N], b[N], d[N];
	memcpy(a, now, sizeof a);
	memcpy(b, then, sizeof b);
	for (unsigned i = 0; i < N; i++)
		d[i] = a[i] + (a[i] - b[i]) * k;
	memcpy(st, d, sizeof d);
}

/* A period is proven: skip as many whole ones as fit before the next
   event. Returns 1 if time moved. */
static int skip(struct machine *m)
{
	struct idle_state *s = m->idle;
	struct cpu *c = &m->cpu;
	uint64_t now = c->cycles, period = now - s->a.cycles;
	uint64_t until = m->next_event;
	/* No event at all ahead (no timer, no cycle limit): the loop would
	   run for ever; on a terminal wait for a key a second at a time. */
	if (until == ~0ull)
		until = m->idle_pace ? now + (uint64_t)m->model->timing->mhz * 1000000u : now;
	if (period == 0 || until <= now) {
		stop(m, 0);
		return 0;
	}
	uint64_t n = (until - now) / period;
	if (n && m->idle_pace) {
		uint64_t mhz = m->model->timing->mhz;
		uint64_t want = n * period / mhz;		/* microseconds */
		uint64_t waited = host_console_wait(m, want);
		if (waited < want)
			n = waited * mhz / period;		/* a key came */
	}
	stop(m, 0);
	if (n == 0)
		return 0;
	uint64_t dt = n * period;
	m->idle_skipped_insns += n * (m->stats.instructions - s->a.stats.instructions);
	add_stats(&m->stats, &m->stats, &s->a.stats, n);
	c->cycles += dt;
	c->hilo_ready += dt;
	for (unsigned i = 0; i < c->wbuf_count; i++)
		c->wbuf[(c->wbuf_head + i) & 7] += dt;
	for (int i = 0; i < 32; i++)
		c->fpu.ready[i] += dt;
	c->fpu.cond_ready += dt;
	m->idle_skipped_cycles += dt;
	m->idle_jumps++;
	return 1;
}

int idle_step(struct machine *m)
{
	struct idle_state *s = m->idle;
	struct cpu *c = &m->cpu;
	if (m->nobservers) {
		stop(m, 1);
		return 0;
	}
	if ((c->cp0[CP0_STATUS] & (SR_ISC | SR_SWC)) || c->fetched_valid) {
		idle_abort(m);	/* a cache flush, or a fetch kept over a pause */
	} else {
		if (s->have_anchor && s->since && c->pc == s->a.pc) {
			struct snap b;
			photograph(m, &b);
			if (same(&s->a, &b) && log_restored(m))
				return skip(m);
		}
		if (!s->have_anchor || s->since >= s->power) {
			if (s->have_anchor)
				s->power *= 2;
			set_anchor(m);
		}
	}
	s->since++;
	if (++s->steps > BUDGET)
		stop(m, 1);
	return 0;
}

void idle_note_device_read(struct machine *m, struct region *r, uint32_t off, unsigned size)
{
	if (!r->stable || !r->stable(r->dev, off, size))
		idle_abort(m);
}
