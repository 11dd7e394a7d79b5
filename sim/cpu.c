/*
 * cpu.c - the R3000 as it executes MIPS I: the interpreter loop, load and
 * branch delay slots, exceptions and the KU/IE stack, CP0 and the TLB,
 * address translation, and the cycle model of the caches, the write buffer
 * and the HI/LO interlock. Sources: MIPS R3000 RISC Processor User's
 * Manual (ch. 3 caches, ch. 4 MMU, ch. 5 exceptions); Kane & Heinrich,
 * "MIPS RISC Architecture" (1992), appendix A (instruction semantics).
 *
 * Invariants: r[0] reads 0 after every instruction; cycles counts one per
 * instruction plus every stall; the caches' data arrays hold what the real
 * caches would (the I-cache can be stale after a store, as on hardware).
 */
#include <stdlib.h>
#include <string.h>
#include "cpu.h"
#include "idle.h"
#include "machine.h"
#include "prom.h"

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

/* Consecutive exceptions without an rfe after which the guest is wedged
   (e.g. a vector that itself faults, or code run off into zeroed memory). */
#define WEDGE_LIMIT	100000

static void cache_init(struct cache *c, unsigned bytes)
{
	c->nlines = bytes / 4;
	c->tag = calloc(c->nlines, sizeof *c->tag);
	c->data = calloc(c->nlines, sizeof *c->data);
	if (!c->tag || !c->data) {
		fprintf(stderr, "pmaxsim: out of memory for caches\n");
		exit(1);
	}
}

void cpu_reset(struct machine *m)
{
	struct cpu *c = &m->cpu;
	const struct timing *t = m->model->timing;

	memset(c->r, 0, sizeof c->r);
	c->cp0[CP0_STATUS] = SR_BEV;
	c->cp0[CP0_PRID] = m->model->prid;
	c->cp0[CP0_RANDOM] = 63 << 8;
	/* NEXT's fetch test (cpu_run_until) relies on RAM ending below
	   512 MB, where kseg0 ends (every model's most is 480 MB). */
	if (m->ram_size > 0x20000000u) {
		fprintf(stderr, "pmaxsim: %u MB of RAM: at most 512 MB fit kseg0\n",
			(unsigned)(m->ram_size >> 20));
		exit(1);
	}
	if (!c->icache.tag) {
		cache_init(&c->icache, t->icache_bytes);
		cache_init(&c->dcache, t->dcache_bytes);
	}
	fpu_reset(&c->fpu, m->model->fpu_rev);
	c->pc = 0xbfc00000u;
	c->npc = c->pc + 4;
	c->exc_streak = 0;
	memset(c->fxlat, 0, sizeof c->fxlat);
	memset(c->dxlat, 0, sizeof c->dxlat);
	c->xlat_gen = 1;	/* entries of generation 0 are empty */
	cpu_irq_update(m);
}

/* ---- interrupts ------------------------------------------------------ */

/* irq_pending, attention and the fast-path limits: see struct cpu. */
void cpu_irq_update(struct machine *m)
{
	struct cpu *c = &m->cpu;
	uint32_t sr = c->cp0[CP0_STATUS];
	uint32_t ip = (m->irq_lines & 0xfc) | ((c->cp0[CP0_CAUSE] >> 8) & 3);
	c->cp0[CP0_CAUSE] = (c->cp0[CP0_CAUSE] & ~0xfc00u) | ((ip & 0xfc) << 8);
	c->irq_pending = (sr & SR_IEC) && (ip & (sr >> 8) & 0xff);
	c->attention = c->irq_pending || m->nobservers || m->idle_active;
	uint32_t ram = m->ram_size < 0x20000000u ? m->ram_size : 0x20000000u;
	/* While the idle skip checks a loop, every access takes the slow
	   paths, which tell it what changes (idle.c). */
	c->fetch_limit = ((sr & SR_KUC) || m->idle_active) ? 0 : ram;
	c->data_limit = ((sr & (SR_KUC | SR_ISC)) || m->idle_active) ? 0 : ram;
	c->dxlat_gen = ((sr & SR_ISC) || m->idle_active) ? 0 : c->xlat_gen;
}

/* ---- exceptions ------------------------------------------------------ */

/* Raise an exception for the instruction at c->pc. utlb selects the
   UTLB-miss vector. */
static void raise_exc(struct machine *m, enum exc_code code, int utlb, unsigned ce)
{
	struct cpu *c = &m->cpu;
	uint32_t cause = c->cp0[CP0_CAUSE] & ~(CAUSE_BD | 0x3000007cu);

	cause |= (uint32_t)code << 2 | (uint32_t)ce << 28;
	if (c->in_delay_slot) {
		cause |= CAUSE_BD;
		c->cp0[CP0_EPC] = c->pc - 4;
	} else {
		c->cp0[CP0_EPC] = c->pc;
	}
	c->cp0[CP0_CAUSE] = cause;
	uint32_t sr = c->cp0[CP0_STATUS];
	c->cp0[CP0_STATUS] = (sr & ~0x3fu) | ((sr << 2) & 0x3cu);

	uint32_t vec;
	if (sr & SR_BEV)
		vec = utlb ? 0xbfc00100u : 0xbfc00180u;
	else
		vec = utlb ? 0x80000000u : 0x80000080u;
	c->pc = vec;
	c->npc = vec + 4;
	c->in_delay_slot = 0;
	m->stats.exceptions[code]++;
	for (int i = 0; i < m->nobservers; i++)
		if (m->observers[i].exception)
			m->observers[i].exception(m, m->observers[i].ctx, code,
						  c->cp0[CP0_EPC], vec);
	if (++c->exc_streak > WEDGE_LIMIT)
		machine_fatal(m, "guest wedged: exceptions keep coming with no rfe "
				 "(a fatal exception loop)");
	cpu_irq_update(m);
}

static void addr_error(struct machine *m, enum exc_code code, uint32_t va)
{
	m->cpu.cp0[CP0_BADVADDR] = va;
	raise_exc(m, code, 0, 0);
}

void cpu_exception(struct machine *m, enum exc_code code, uint32_t badvaddr)
{
	if (code == EXC_ADEL || code == EXC_ADES || code == EXC_TLBL ||
	    code == EXC_TLBS || code == EXC_MOD)
		m->cpu.cp0[CP0_BADVADDR] = badvaddr;
	raise_exc(m, code, 0, 0);
}

/* ---- TLB and translation --------------------------------------------- */

/* Translation results. */
enum { XL_OK = 0, XL_FAULT = 1 };

/*
 * Translations. The interpreter's user-mode fast paths (NEXT's xnext,
 * load_fast, store_fast) find a kuseg page's physical address in a small
 * direct-mapped table per side (c->fxlat for fetches, c->dxlat for data)
 * instead of searching the TLB. translate() fills an entry whenever it
 * maps a kuseg page through a valid TLB entry to cached RAM; the entry
 * says whether the page is writable (the TLB entry's D bit). Any write
 * to the TLB (tlbwi, tlbwr), tlbr (it loads EntryHi) and any EntryHi
 * write (the ASID) start a new generation, which empties both tables at
 * once, so an entry always gives what tlb_lookup would give now: the same
 * entry matching by VPN and ASID or the global bit, valid, dirty for a
 * store. Everything else (a miss, an invalid or clean page, uncached or
 * device space, kseg2, user access to kseg0/1) goes the slow way and
 * raises exactly what it raised before. Nothing here is visible to a
 * guest: the TLB, Random, the refill and general vectors and every
 * statistic are as they were.
 */
static void xlat_flush(struct cpu *c)
{
	if (unlikely(++c->xlat_gen == 0)) {	/* wrapped: forget the old */
		memset(c->fxlat, 0, sizeof c->fxlat);
		memset(c->dxlat, 0, sizeof c->dxlat);
		c->xlat_gen = 1;
	}
	if (c->dxlat_gen)
		c->dxlat_gen = c->xlat_gen;
}

static void xlat_note(struct machine *m, struct xlat *tab, uint32_t va, uint32_t pa,
		      uint32_t lo)
{
	if ((pa | 0xfffu) >= m->ram_size || (lo & ELO_N))
		return;
	struct xlat *x = &tab[(va >> 12) & (XLAT_ENTRIES - 1)];
	x->tag = (va >> 12) << 1 | !!(lo & ELO_D);
	x->delta = (pa & ~0xfffu) - (va & ~0xfffu);
	x->gen = m->cpu.xlat_gen;
}

static inline int tlb_match(const struct tlb_entry *e, uint32_t vpn, uint32_t asid)
{
	return (e->hi & EHI_VPN) == vpn && ((e->lo & ELO_G) || (e->hi & EHI_ASID) == asid);
}

/* The fully associative search, with the last two hits tried first (one
   for fetches, one for data, typically). The hints are re-checked on every
   use, so TLB writes need not invalidate them. Two entries matching one
   address is an OS error the R3000 does not define (its TS bit); here
   either entry may answer. */
static int tlb_lookup(struct cpu *c, uint32_t va)
{
	int *hint = c->tlb_hint;
	uint32_t vpn = va & EHI_VPN;
	uint32_t asid = c->cp0[CP0_ENTRYHI] & EHI_ASID;
	for (int h = 0; h < 2; h++)
		if (tlb_match(&c->tlb[hint[h]], vpn, asid))
			return hint[h];
	for (int i = 0; i < TLB_ENTRIES; i++)
		if (tlb_match(&c->tlb[i], vpn, asid)) {
			hint[1] = hint[0];
			hint[0] = i;
			return i;
		}
	return -1;
}

static void tlb_fault(struct machine *m, uint32_t va, enum exc_code code, int utlb)
{
	struct cpu *c = &m->cpu;
	c->cp0[CP0_BADVADDR] = va;
	c->cp0[CP0_CONTEXT] = (c->cp0[CP0_CONTEXT] & 0xffe00000u) | ((va >> 10) & 0x001ffffcu);
	c->cp0[CP0_ENTRYHI] = (c->cp0[CP0_ENTRYHI] & EHI_ASID) | (va & EHI_VPN);
	if (utlb)
		m->stats.tlb_misses_utlb++;
	else if (code != EXC_MOD)
		m->stats.tlb_misses_general++;
	raise_exc(m, code, utlb, 0);
}

/* Translate va; on success *pa and *cached are set. write: 1 for a store.
   A kuseg page mapped to cached RAM is noted in tab (see "Translations"). */
static int translate(struct machine *m, uint32_t va, int write, uint32_t *pa, int *cached,
		     struct xlat *tab)
{
	struct cpu *c = &m->cpu;
	if (va >= 0x80000000u) {
		if (c->cp0[CP0_STATUS] & SR_KUC) {
			addr_error(m, write ? EXC_ADES : EXC_ADEL, va);
			return XL_FAULT;
		}
		if (va < 0xc0000000u) {
			*pa = va & 0x1fffffffu;
			*cached = va < 0xa0000000u;
			return XL_OK;
		}
	}
	int i = tlb_lookup(c, va);
	enum exc_code code = write ? EXC_TLBS : EXC_TLBL;
	if (i < 0) {
		/* A kuseg miss with no matching entry goes to the UTLB vector;
		   a kseg2 miss to the general one. */
		tlb_fault(m, va, code, va < 0x80000000u);
		return XL_FAULT;
	}
	uint32_t lo = c->tlb[i].lo;
	if (!(lo & ELO_V)) {
		tlb_fault(m, va, code, 0);
		return XL_FAULT;
	}
	if (write && !(lo & ELO_D)) {
		tlb_fault(m, va, EXC_MOD, 0);
		return XL_FAULT;
	}
	*pa = (lo & ELO_PFN) | (va & 0xfffu);
	*cached = !(lo & ELO_N);
	if (va < 0x80000000u)
		xlat_note(m, tab, va, *pa, lo);
	return XL_OK;
}

/* ---- memory system timing -------------------------------------------- */

/* A read from memory must wait for the write buffer to empty (reads do
   not pass writes). Returns the stall. */
static unsigned wbuf_wait_empty(struct cpu *c)
{
	if (c->wbuf_count == 0)
		return 0;
	uint64_t last = c->wbuf[(c->wbuf_head + c->wbuf_count - 1) & 7];
	c->wbuf_count = 0;
	return last > c->cycles ? (unsigned)(last - c->cycles) : 0;
}

/* Queue one write at cycle now; returns the stall if the buffer is full.
   The cycle count is an argument because the interpreter keeps its own
   in a local (cpu_run_until, "State"). */
static inline __attribute__((always_inline)) unsigned wbuf_push_at(struct cpu *c, const struct timing *t, uint64_t now)
{
	unsigned stall = 0;

	/* Retire the writes that are done by now. */
	while (c->wbuf_count && c->wbuf[c->wbuf_head] <= now) {
		c->wbuf_head = (c->wbuf_head + 1) & 7;
		c->wbuf_count--;
	}
	if (c->wbuf_count == t->wbuf_entries) {
		uint64_t free_at = c->wbuf[c->wbuf_head];
		stall = (unsigned)(free_at - now);
		c->wbuf_head = (c->wbuf_head + 1) & 7;
		c->wbuf_count--;
	}
	uint64_t start = now + stall;
	if (c->wbuf_count) {
		uint64_t prev = c->wbuf[(c->wbuf_head + c->wbuf_count - 1) & 7];
		if (prev > start)
			start = prev;
	}
	c->wbuf[(c->wbuf_head + c->wbuf_count) & 7] = start + t->wbuf_drain;
	c->wbuf_count++;
	return stall;
}

static unsigned wbuf_push(struct machine *m)
{
	return wbuf_push_at(&m->cpu, m->model->timing, m->cpu.cycles);
}

static void stall(struct machine *m, unsigned cycles, uint64_t *counter)
{
	m->cpu.cycles += cycles;
	*counter += cycles;
}

/* The I-cache line idx changes: its decoded form is no longer valid
   (cpu_run_until, "Decoded instructions"), and the line before it, which
   may be linked to it ("Linked lines"), takes its checked handler. */
static inline void idec_forget(struct cpu *c, uint32_t idx)
{
	if (c->idec) {
		c->idec[idx].key = 0;
		if (idx > 0)
			c->idec[idx - 1].h = c->idec_handler[c->idec[idx - 1].hix];
	}
}

/* Refill `words` lines of cache c around pa from RAM (block-aligned). */
static void cache_refill(struct machine *m, struct cache *c, uint32_t pa, unsigned words)
{
	uint32_t base = pa & ~(words * 4 - 1);
	for (unsigned i = 0; i < words; i++) {
		uint32_t a = base + i * 4;
		uint32_t idx = (a >> 2) & (c->nlines - 1);
		if (a + 4 <= m->ram_size) {
			if (unlikely(m->idle_active))
				idle_note_line(m, c == &m->cpu.icache, idx);
			if (c == &m->cpu.icache)
				idec_forget(&m->cpu, idx);
			c->tag[idx] = a | 1;
			memcpy(&c->data[idx], m->ram + a, 4);
		}
	}
}

/* ---- bus access ------------------------------------------------------- */

/* Uncached (or device) read of size bytes at pa. Returns 0, or -1 on a
   bus error. */
static int bus_read(struct machine *m, uint32_t pa, unsigned size, uint32_t *val)
{
	if (pa < m->ram_size) {
		uint32_t w = 0;
		memcpy(&w, m->ram + pa, size);
		*val = w;
		return 0;
	}
	struct region *r = bus_find(m, pa);
	if (!r || !r->ops || !r->ops->read)
		return -1;
	if (unlikely(m->idle_active))
		idle_note_device_read(m, r, pa - r->base, size);
	stall(m, r->access_cycles, &m->stats.stall_uncached);
	return r->ops->read(r->dev, pa - r->base, size, val);
}

static int bus_write(struct machine *m, uint32_t pa, unsigned size, uint32_t val)
{
	if (pa < m->ram_size) {
		if (unlikely(m->idle_active))
			idle_note_ram(m, pa);
		memcpy(m->ram + pa, &val, size);
		return 0;
	}
	if (unlikely(m->idle_active))
		idle_abort(m);		/* a device may do anything */
	struct region *r = bus_find(m, pa);
	if (!r || !r->ops || !r->ops->write)
		return -1;
	stall(m, r->access_cycles, &m->stats.stall_uncached);
	return r->ops->write(r->dev, pa - r->base, size, val);
}

/* A write nobody answered: the write buffer has already taken it, so on a
   board with a memory-error latch it is an interrupt, not an exception. */
static int write_timeout(struct machine *m, uint32_t pa)
{
	if (m->model->bus_timeout) {
		m->model->bus_timeout(m, pa, 1);
		return 0;
	}
	raise_exc(m, EXC_DBE, 0, 0);
	return -1;
}

/* The cache that data accesses use: with Status.SwC the caches swap. */
static inline struct cache *dside(struct cpu *c)
{
	return (c->cp0[CP0_STATUS] & SR_SWC) ? &c->icache : &c->dcache;
}

/* Extract a size-byte value at byte offset pa & 3 from a cached word. */
static inline uint32_t word_part(uint32_t w, uint32_t pa, unsigned size)
{
	return size == 4 ? w : (w >> ((pa & 3) * 8)) & (size == 1 ? 0xff : 0xffff);
}

/* Load size bytes (1, 2, 4) from va, aligned. Returns 0 or -1 (exception
   raised). load() below tries the common case first. */
static __attribute__((noinline)) int load_slow(struct machine *m, uint32_t va,
					       unsigned size, uint32_t *val)
{
	struct cpu *c = &m->cpu;
	uint32_t pa;
	int cached;

	if (unlikely(va & (size - 1))) {
		addr_error(m, EXC_ADEL, va);
		return -1;
	}
	if (unlikely(translate(m, va, 0, &pa, &cached, c->dxlat) != XL_OK))
		return -1;

	if (unlikely(c->cp0[CP0_STATUS] & SR_ISC)) {
		/* Isolated: the cache alone answers; CM tells a miss. */
		struct cache *d = dside(c);
		uint32_t idx = (pa >> 2) & (d->nlines - 1);
		uint32_t w = d->data[idx];
		if (d->tag[idx] == ((pa & ~3u) | 1))
			c->cp0[CP0_STATUS] &= ~SR_CM;
		else
			c->cp0[CP0_STATUS] |= SR_CM;
		*val = word_part(w, pa, size);
		return 0;
	}
	if (likely(cached && pa < m->ram_size)) {
		struct cache *d = &c->dcache;
		uint32_t idx = (pa >> 2) & (d->nlines - 1);
		if (unlikely(d->tag[idx] != ((pa & ~3u) | 1))) {
			const struct timing *t = m->model->timing;
			m->stats.dcache_misses++;
			stall(m, wbuf_wait_empty(c), &m->stats.stall_wbuf);
			stall(m, t->mem_first_word + (t->drefill_words - 1) * t->mem_next_word,
			      &m->stats.stall_dcache);
			cache_refill(m, d, pa & ~3u, t->drefill_words);
		}
		uint32_t w = d->data[idx];
		*val = word_part(w, pa, size);
		return 0;
	}
	/* Uncached, or not RAM. */
	m->stats.uncached_reads++;
	stall(m, wbuf_wait_empty(c), &m->stats.stall_wbuf);
	if (pa < m->ram_size)
		stall(m, m->model->timing->uncached_read, &m->stats.stall_uncached);
	if (bus_read(m, pa, size, val) != 0) {
		if (m->model->bus_timeout)
			m->model->bus_timeout(m, pa, 0);
		raise_exc(m, EXC_DBE, 0, 0);
		return -1;
	}
	return 0;
}

/* The physical address of a kuseg va in a page c->dxlat holds (see
   "Translations"), for a load (write 0) or a store (write 1: the page must
   be writable), or ~0 when it holds none. Only while the data fast paths
   may run (dxlat_gen is 0 otherwise). */
static inline uint32_t dxlat(const struct cpu *c, uint32_t va, int write)
{
	const struct xlat *x = &c->dxlat[(va >> 12) & (XLAT_ENTRIES - 1)];
	uint32_t tag = write ? x->tag : x->tag | 1;	/* a load needs no D */
	if (likely(tag == ((va >> 12) << 1 | 1) && x->gen == c->dxlat_gen))
		return va + x->delta;
	return ~0u;
}

/* The common load, inlined into the interpreter: an aligned address that
   hits in the D-cache, in kseg0 RAM in kernel mode or in a kuseg page of
   cached RAM that dxlat holds, with the cache not isolated. It gives what
   load_slow() would, which handles the rest: returns 1 with *val, or 0
   (nothing done) for load_slow. */
static inline int load_fast(struct machine *m, uint32_t va, unsigned size, uint32_t *val)
{
	uint32_t off = va - 0x80000000u;	/* = pa, below data_limit */
	if (unlikely(off >= m->cpu.data_limit)) {
		if (va >= 0x80000000u || (off = dxlat(&m->cpu, va, 0)) == ~0u)
			return 0;
	}
	if (likely(!(va & (size - 1)))) {
		const struct cache *d = &m->cpu.dcache;
		uint32_t idx = (off >> 2) & (d->nlines - 1);
		if (likely(d->tag[idx] == ((off & ~3u) | 1))) {
			*val = word_part(d->data[idx], off, size);
			return 1;
		}
	}
	return 0;
}

static __attribute__((noinline)) int store_slow(struct machine *m, uint32_t va,
						unsigned size, uint32_t val)
{
	struct cpu *c = &m->cpu;
	uint32_t pa;
	int cached;

	if (unlikely(va & (size - 1))) {
		addr_error(m, EXC_ADES, va);
		return -1;
	}
	if (unlikely(translate(m, va, 1, &pa, &cached, c->dxlat) != XL_OK))
		return -1;

	if (unlikely(c->cp0[CP0_STATUS] & SR_ISC)) {
		/* Isolated: a word store writes the line; a partial-word
		   store invalidates it (the R3000 cache-flush idiom). */
		if (unlikely(m->idle_active))
			idle_abort(m);
		struct cache *d = dside(c);
		uint32_t idx = (pa >> 2) & (d->nlines - 1);
		if (d == &c->icache)
			idec_forget(c, idx);
		if (size == 4) {
			d->tag[idx] = (pa & ~3u) | 1;
			d->data[idx] = val;
		} else {
			d->tag[idx] = 0;
		}
		return 0;
	}
	if (likely(cached && pa < m->ram_size)) {
		/* Write-through: a word store fills the line; a partial store
		   updates a hit and invalidates a miss. */
		struct cache *d = &c->dcache;
		uint32_t idx = (pa >> 2) & (d->nlines - 1);
		if (unlikely(m->idle_active)) {
			idle_note_ram(m, pa);
			idle_note_line(m, 0, idx);
		}
		memcpy(m->ram + pa, &val, size);
		if (size == 4) {
			d->tag[idx] = pa | 1;
			d->data[idx] = val;
		} else if (d->tag[idx] == ((pa & ~3u) | 1)) {
			memcpy(&d->data[idx], m->ram + (pa & ~3u), 4);
		} else {
			d->tag[idx] = 0;
		}
		stall(m, wbuf_push(m), &m->stats.stall_wbuf);
		return 0;
	}
	m->stats.uncached_writes++;
	stall(m, wbuf_push(m), &m->stats.stall_wbuf);
	if (bus_write(m, pa, size, val) != 0)
		return write_timeout(m, pa);
	return 0;
}

/* The common store, inlined into the interpreter: an aligned kseg0
   address in RAM in kernel mode, or one in a writable kuseg page of
   cached RAM that dxlat holds, with the cache not isolated. It does what
   store_slow() would: write through, update the D-cache (a word store
   allocates, a partial one updates a hit and invalidates a miss), queue
   the write at cycle now (the interpreter's count), its stall in *st.
   Returns 1, or 0 (nothing done) for store_slow. */
static inline __attribute__((always_inline)) int store_fast(struct machine *m, uint32_t va, unsigned size, uint32_t val,
			     uint64_t now, unsigned *st)
{
	uint32_t off = va - 0x80000000u;	/* = pa, below data_limit */
	if (unlikely(off >= m->cpu.data_limit)) {
		/* Or a writable kuseg page dxlat holds. */
		if (va >= 0x80000000u || (off = dxlat(&m->cpu, va, 1)) == ~0u)
			return 0;
	}
	if (likely(!(va & (size - 1)))) {
		struct cache *d = &m->cpu.dcache;
		uint32_t idx = (off >> 2) & (d->nlines - 1);
		if (size == 4) {
			memcpy(m->ram + off, &val, 4);
			d->tag[idx] = off | 1;
			d->data[idx] = val;
		} else if (d->tag[idx] == ((off & ~3u) | 1)) {
			/* The line takes the memory word after the store. The
			   word is merged in a register and stored whole: a byte
			   store followed by a word load of it would stall the
			   host (a failed store-to-load forwarding). */
			uint32_t w, sh = (off & 3) * 8;
			uint32_t mask = (size == 1 ? 0xffu : 0xffffu) << sh;
			memcpy(&w, m->ram + (off & ~3u), 4);
			w = (w & ~mask) | ((val << sh) & mask);
			memcpy(m->ram + (off & ~3u), &w, 4);
			d->data[idx] = w;
		} else {
			memcpy(m->ram + off, &val, size);
			d->tag[idx] = 0;
		}
		*st = wbuf_push_at(&m->cpu, m->model->timing, now);
		m->stats.stall_wbuf += *st;
		return 1;
	}
	return 0;
}

/* swl/swr: write the bytes of val selected by mask into the word at va
   (va need not be aligned: no address error, as the ISA defines). */
static int store_masked(struct machine *m, uint32_t va, uint32_t mask, uint32_t val)
{
	struct cpu *c = &m->cpu;
	uint32_t pa;
	int cached;

	if (unlikely(translate(m, va, 1, &pa, &cached, c->dxlat) != XL_OK))
		return -1;
	pa &= ~3u;
	if (unlikely(c->cp0[CP0_STATUS] & SR_ISC)) {
		struct cache *d = dside(c);
		if (unlikely(m->idle_active))
			idle_abort(m);
		d->tag[(pa >> 2) & (d->nlines - 1)] = 0;	/* partial store */
		if (d == &c->icache)
			idec_forget(c, (pa >> 2) & (d->nlines - 1));
		return 0;
	}
	if (cached && pa < m->ram_size) {
		struct cache *d = &c->dcache;
		uint32_t idx = (pa >> 2) & (d->nlines - 1), w;
		if (unlikely(m->idle_active)) {
			idle_note_ram(m, pa);
			idle_note_line(m, 0, idx);
		}
		memcpy(&w, m->ram + pa, 4);
		w = (w & ~mask) | (val & mask);
		memcpy(m->ram + pa, &w, 4);
		if (mask == 0xffffffffu || d->tag[idx] == (pa | 1)) {
			d->tag[idx] = pa | 1;
			d->data[idx] = w;
		} else {
			d->tag[idx] = 0;
		}
		stall(m, wbuf_push(m), &m->stats.stall_wbuf);
		return 0;
	}
	m->stats.uncached_writes++;
	stall(m, wbuf_push(m), &m->stats.stall_wbuf);
	for (unsigned i = 0; i < 4; i++)
		if ((mask >> (8 * i)) & 0xff)
			if (bus_write(m, pa + i, 1, (val >> (8 * i)) & 0xff) != 0)
				return write_timeout(m, pa + i);
	return 0;
}

/* A pending load lands (before an exception or a PROM call diverts the
   instruction stream: the load itself completed). */
static void commit_load(struct cpu *c)
{
	if (c->ld_reg)
		c->r[c->ld_reg] = c->ld_val;
	c->ld_reg = 0;
}

/* Fetch the instruction at c->pc. Returns 0, or -1 with the exception
   raised (or a PROM call performed: then c->pc has moved). *fpa is set to
   the physical address when the word came from the I-cache. */
static int fetch_slow(struct machine *m, uint32_t *insn, uint32_t *fpa)
{
	struct cpu *c = &m->cpu;
	uint32_t va = c->pc, pa;
	int cached;

	if (va & 3) {
		addr_error(m, EXC_ADEL, va);
		return -1;
	}
	if (translate(m, va, 0, &pa, &cached, c->fxlat) != XL_OK)
		return -1;
	if (cached && pa < m->ram_size) {
		*fpa = pa;
		const struct timing *t = m->model->timing;
		struct cache *ic = &c->icache;
		uint32_t idx = (pa >> 2) & (ic->nlines - 1);
		if (ic->tag[idx] != (pa | 1)) {
			m->stats.icache_misses++;
			stall(m, wbuf_wait_empty(c), &m->stats.stall_wbuf);
			stall(m, t->mem_first_word + (t->irefill_words - 1) * t->mem_next_word,
			      &m->stats.stall_icache);
			cache_refill(m, ic, pa, t->irefill_words);
		}
		*insn = ic->data[idx];
		return 0;
	}
	if ((pa & 0xfffc0000u) == PROM_PHYS_BASE) {
		idle_abort(m);		/* a PROM call reads or writes the host */
		commit_load(c);		/* the PROM reads a0..a3 */
		int done = prom_intercept(m, va);
		/* The PROM may have changed the I-cache (cache_forget). */
		c->idec_gen++;
		if (done)
			return -1;
	}
	m->stats.uncached_reads++;
	stall(m, wbuf_wait_empty(c), &m->stats.stall_wbuf);
	if (pa < m->ram_size)
		stall(m, m->model->timing->uncached_read, &m->stats.stall_uncached);
	if (bus_read(m, pa, 4, insn) != 0) {
		if (m->model->bus_timeout)
			m->model->bus_timeout(m, pa, 0);
		raise_exc(m, EXC_IBE, 0, 0);
		return -1;
	}
	return 0;
}

/* ---- CP0 ------------------------------------------------------------- */

/* Random counts down from 63 to 8 once per cycle and wraps: derived from
   the cycle count so it needs no per-instruction work. */
static uint32_t random_reg(const struct cpu *c)
{
	return (uint32_t)(63 - (c->cycles % 56)) << 8;
}

static uint32_t cp0_read(struct machine *m, unsigned reg)
{
	struct cpu *c = &m->cpu;
	switch (reg) {
	case CP0_RANDOM:
		idle_abort(m);		/* it follows the cycle count */
		return random_reg(c);
	case CP0_INDEX: case CP0_ENTRYLO: case CP0_CONTEXT: case CP0_BADVADDR:
	case CP0_ENTRYHI: case CP0_STATUS: case CP0_CAUSE: case CP0_EPC:
	case CP0_PRID:
		return c->cp0[reg];
	default:
		return 0;	/* unimplemented registers read as zero */
	}
}

static void cp0_write(struct machine *m, unsigned reg, uint32_t v)
{
	struct cpu *c = &m->cpu;
	switch (reg) {
	case CP0_INDEX:
		c->cp0[reg] = (c->cp0[reg] & 0x80000000u) | (v & 0x3f00u);
		break;
	case CP0_ENTRYLO:
		c->cp0[reg] = v & (ELO_PFN | ELO_N | ELO_D | ELO_V | ELO_G);
		break;
	case CP0_CONTEXT:
		c->cp0[reg] = (v & 0xffe00000u) | (c->cp0[reg] & 0x001ffffcu);
		break;
	case CP0_ENTRYHI:
		c->cp0[reg] = v & (EHI_VPN | EHI_ASID);
		xlat_flush(c);	/* the ASID may have changed */
		break;
	case CP0_STATUS:
		c->cp0[reg] = v & SR_WRITABLE;
		cpu_irq_update(m);
		break;
	case CP0_CAUSE:
		/* Only the software interrupt bits are writable. */
		c->cp0[reg] = (c->cp0[reg] & ~CAUSE_IP_SW) | (v & CAUSE_IP_SW);
		cpu_irq_update(m);
		break;
	case CP0_EPC:
	case CP0_BADVADDR:	/* read-only on the R3000 */
	case CP0_PRID:
	case CP0_RANDOM:
	default:
		break;
	}
}

static void tlb_op(struct machine *m, unsigned funct)
{
	struct cpu *c = &m->cpu;
	switch (funct) {
	case 0x01: {	/* tlbr */
		struct tlb_entry *e = &c->tlb[(c->cp0[CP0_INDEX] >> 8) & 63];
		c->cp0[CP0_ENTRYHI] = e->hi;
		c->cp0[CP0_ENTRYLO] = e->lo;
		xlat_flush(c);	/* EntryHi's ASID */
		break;
	}
	case 0x02:	/* tlbwi */
	case 0x06: {	/* tlbwr */
		if (funct == 0x06)
			idle_abort(m);	/* Random picks the entry */
		unsigned i = funct == 0x02 ? (c->cp0[CP0_INDEX] >> 8) & 63
					   : random_reg(c) >> 8;
		c->tlb[i].hi = c->cp0[CP0_ENTRYHI];
		c->tlb[i].lo = c->cp0[CP0_ENTRYLO];
		xlat_flush(c);
		for (int k = 0; k < m->nobservers; k++)
			if (m->observers[k].tlb_write)
				m->observers[k].tlb_write(m, m->observers[k].ctx, i,
							  c->tlb[i].hi, c->tlb[i].lo);
		break;
	}
	case 0x08: {	/* tlbp */
		uint32_t hi = c->cp0[CP0_ENTRYHI];
		int found = -1;
		for (int i = 0; i < TLB_ENTRIES && found < 0; i++)
			if (tlb_match(&c->tlb[i], hi & EHI_VPN, hi & EHI_ASID))
				found = i;
		c->cp0[CP0_INDEX] = found < 0 ? (c->cp0[CP0_INDEX] & 0x3f00u) | 0x80000000u
					      : (uint32_t)found << 8;
		break;
	}
	case 0x10: {	/* rfe: pop the KU/IE stack */
		uint32_t sr = c->cp0[CP0_STATUS];
		c->cp0[CP0_STATUS] = (sr & ~0xfu) | ((sr >> 2) & 0xfu);
		c->exc_streak = 0;
		cpu_irq_update(m);
		break;
	}
	default:
		raise_exc(m, EXC_RI, 0, 0);
		break;
	}
}

/* ---- the interpreter -------------------------------------------------- */

/*
 * How it runs. Each instruction is executed by a handler (a label in
 * cpu_run); a handler ends by fetching, decoding and dispatching the next
 * instruction itself (NEXT: threaded code, one computed goto per handler,
 * so the host's branch predictor learns which handler follows which
 * instead of sharing one indirect jump among all of them). NEXT is the
 * fast path: no event due, no interrupt pending, no observer, and a fetch
 * that hits in the I-cache from kseg0 RAM in kernel mode or (xnext) from
 * a kuseg page of cached RAM whose translation c->fxlat holds, in either
 * mode ("Translations"). Anything
 * else goes to the slow path at `top`, which is the whole loop of a plain
 * interpreter (pause and resume, events and the cycle limit, interrupts,
 * fetch_slow with the TLB, I-cache misses and the PROM, observers) and
 * then dispatches.
 *
 * State. In the handlers pc (this instruction), npc (the next one), the
 * pending load (ld_reg, ld_val), the delay-slot state (dinc, see DONE) and the
 * instructions executed since the last write-back (icnt) are locals, so
 * they stay in host registers: a counter kept in memory (or spilled to the
 * stack) and incremented by every instruction is a chain of store-to-load
 * forwarding that bounds the whole loop. The cycle count is CYC, cbase +
 * icnt: only icnt moves with every instruction; stalls move cbase.
 * Whatever leaves the handlers' own code reads struct cpu, so before
 * every call out of line (load_slow, store_slow,
 * CP0, the FPU, raise_exc) SYNC writes pc, the delay-slot flag, CYC and icnt back, and
 * after it RELOAD takes the cycle count back (the callee may have
 * stalled). c->npc and c->ld_reg/c->ld_val are written back on the way to
 * `top` (labels slow and exc), where struct cpu holds everything, and read
 * again when `top` dispatches. NEXT compares the cycle count with lim,
 * next_event or 0 under attention, taken again after every call and at
 * every jump and branch (LIMIT).
 *
 * Decoded instructions. Each I-cache line has a decoded form of its word
 * (struct dinsn: the handler and the fields), kept in c->idec, with a key:
 * the line's tag when it was decoded and a generation. The slow path,
 * having fetched from a kseg0 line (a hit or a refill), decodes the line
 * and keys it; NEXT then needs only the key to know the line still holds
 * pc's instruction: one load and compare for the I-cache test, the fetch
 * and the decode. Whatever changes an I-cache line forgets its entry: a
 * refill and an isolated or swapped store here (idec_forget); the PROM
 * (cache_forget, after any PROM call) and the debugger (while the run is
 * paused) by a new generation, taken after every PROM call and at the
 * first entry to cpu_run_until after a pause (c->idec_stale): nothing else
 * touches the I-cache between two calls, so that a run in lockstep slices
 * (two machines on a segment: a slice of about 1,300 cycles) keeps its
 * decoded lines from one slice to the next. A store to memory does not
 * reach the I-cache, as on the R3000, so stale code runs stale here too.
 *
 * The load delay. On the R3000 a load (or mfc0, mfc1, cfc1) delivers
 * its value after the next instruction has read its operands, and before
 * that instruction's own result, so a later write to the same register
 * wins. Here a load writes its register at once (LOADED) when the next
 * instruction is one NEXT or DONE will dispatch at once and reads neither
 * of it as rs or rt (decode's rs and rtr): nothing can tell the
 * difference. Else the value is left pending in ld_val for ld_reg, lim is
 * 0 and the next instruction runs alone from the slow path (pstep),
 * where struct cpu holds the pending load as it always did (interrupts,
 * exceptions, the PROM, observers and the idle skip see it there): that
 * instruction reads the old value, and label slow lands the load after
 * it unless it wrote the register (set_dest); a load lands it before its
 * own (PRELAND), lwl and lwr merge with it, a fault lands it (label
 * exc). So no handler but the loads' spends anything on the load delay.
 * With nothing pending ld_reg is RSINK, r[32], a register no instruction
 * reads. Writes to r0 go there too (the decoded destinations RDW and RTW
 * are RSINK for r0), so r[0] is never written and reads 0 with no handler
 * clearing it (the slow path clears it once, for the PROM or a debugger).
 *
 * Linked lines. Most of DONE is its two tests: that the next line is
 * keyed as this one's successor, and that the cycle count is below lim.
 * A decoded line whose next line is keyed as its successor when it is
 * decoded (or when that one is: relink) takes, instead of its checked
 * handler (handler[], by d->hix), a linked one (lhandler[]) if its
 * instruction has one: the ALU instructions, mult and multu, the loads
 * and stores, mfhi and mflo, the jumps and branches but jalr. A linked
 * handler ends by dispatching d + 1 with neither test (LDONE; a jump or
 * branch its delay slot, LSLOT), or, when something left the common case
 * (a load that missed or would land late, a store or mfhi/mflo that
 * stalled), ends as the checked one does. The link holds while both lines
 * keep their keys: idec_forget of a line gives the line before it its
 * checked handler back, and a new generation leaves every line unkeyed
 * (a line is entered only by a key test, and decoded again with its link
 * taken again). The cycle test skipped at a linked boundary is made
 * before the run: lim is LINK_GROUP cycles before the next event (LIMIT),
 * a line whose index is the last of a group of LINK_GROUP never links, so
 * at most LINK_GROUP - 1 boundaries pass untested after a tested one, with
 * no stall among them (a stall ends the run as a checked handler), and
 * every boundary the R3000 would reach at or past lim goes by NEXT, as
 * before (the slow path takes the last LINK_GROUP cycles before an event
 * one instruction at a time). A linked handler runs only outside a delay
 * slot (DONE and the linked ones dispatch d->h only when dinc is 4), and
 * never alone from the slow path (which dispatches the checked handler),
 * so no load is pending in it. A delay slot runs its shandler[] form: the
 * ALU instructions end at the branch's target (SDONE), without DONE's
 * test, which a delay slot always fails.
 */

/* The fields of the instruction being executed: d is its decoded form,
   INSN its word. */
#define RS	(d->rs)
#define RT	(d->rt)
#define RD	(d->rd)
#define RDW	(d->rdw)	/* rd as a destination (r0: RSINK) */
#define RTW	(d->rtw)	/* rt as a destination */
#define SA	(d->sa)
#define IMM	((uint32_t)d->imm)
#define UIMM	((uint32_t)(uint16_t)d->imm)
#define INSN	(d->word)

/* The pending load lands. */
#define LAND()		do { r[ld_reg] = ld_val; ld_reg = RSINK; } while (0)
/* Write this instruction's result (a pending load lands after it: see
   "The load delay" and label slow). */
#define SET(reg, val)	do { r[reg] = (val); } while (0)
/* The decoded line NEXT dispatches for pc without the slow path (NEXT's
   and xnext's tests but the cycle limit's), else NULL. */
#define NEXT_D(pc) ({							\
	uint32_t p_ = (pc), o_ = p_ - 0x80000000u;			\
	const struct dinsn *r_ = &idec[(o_ >> 2) & imask];		\
	if (r_->key != (nkey | (o_ ^ 1))) {				\
		r_ = NULL;						\
		if (p_ < 0x80000000u) {					\
			const struct xlat *x_ =				\
				&c->fxlat[(p_ >> 12) & (XLAT_ENTRIES - 1)]; \
			if ((x_->tag >> 1) == (p_ >> 12) && x_->gen == c->xlat_gen) { \
				uint32_t pa_ = p_ + x_->delta;		\
				r_ = &idec[(pa_ >> 2) & imask];		\
				if (r_->key != (genk | (pa_ ^ 1)))	\
					r_ = NULL;			\
			}						\
		}							\
	}								\
	r_;								\
})
/* This instruction loads val into reg. It lands now when the next
   instruction, n (NULL: unknown), is one that will be dispatched at once
   and does not read reg (its rs and rtr, see decode): then nothing can
   tell. Else it is left pending and the next instruction runs from the
   slow path (lim 0; LIMIT sees ld_reg), which lands it after that one. */
#define LOADED(reg, val, n) do {					\
	uint32_t v_ = (val);						\
	const struct dinsn *n_ = (n);					\
	if (likely(n_ && CYC < lim && RT != n_->rs && RT != n_->rtr)) {	\
		r[reg] = v_;						\
	} else {							\
		ld_reg = (reg);						\
		ld_val = v_;						\
		lim = 0;						\
	}								\
} while (0)
/* A load that itself runs with a load pending (pstep; the only time
   ld_reg is not RSINK before its LOADED) lands that first, as the R3000
   does (the later load wins); then it no longer runs alone. */
#define PRELAND() do {							\
	if (unlikely(ld_reg != RSINK)) {				\
		LAND();							\
		pstep = 0;						\
		lim = LIMIT();						\
	}								\
} while (0)
/* The instruction DONE dispatches at once: d + 1 (DONE's own test) or in
   a delay slot the target's decoded line (NEXT_D), else NULL. */
#define DONE_D()	(likely(dinc == 4) ? ((d + 1)->key == d->key + 4 ? d + 1 : NULL) \
					   : NEXT_D(npc))
/* The loads' end, before DONE. */
#define SET_LOADED(reg, val) do {					\
	uint32_t w_ = (val);						\
	PRELAND();							\
	LOADED(reg, w_, DONE_D());					\
} while (0)

/* Move on to the next instruction in sequence, or to one with a delay
   slot: the next instruction is in it and target comes after. */
#define ADVANCE()	do { pc = npc; npc += 4; dinc = 4; } while (0)
/* The address of the instruction being executed. Outside a delay slot it
   is npc - 4, and the local pc is left stale by DONE's fall-through (one
   move less per instruction); ADVANCE and JUMP, which precede NEXT, set
   it. */
#define PC		(dinc == 4 ? npc - 4 : pc)
#define JUMP(target)	do { uint32_t t_ = (target); binc = dinc; pc = npc; \
			     npc = t_; dinc = DS_INC; lim = LIMIT(); } while (0)

/* The locals struct cpu mirrors, written back before a call out of line
   and the cycle count read again after it (see "State"). */
#define CYC		(cbase + icnt)
#define SYNC()		do { c->pc = PC; c->in_delay_slot = dinc != 4; c->cycles = CYC; \
			     m->stats.instructions += icnt; cbase += icnt; icnt = 0; } while (0)
#define RELOAD()	do { cbase = c->cycles - icnt; lim = LIMIT(); } while (0)
/* The cycle at which NEXT steps aside: the next event's, or now if the
   fast path must (attention). Taken again after every call out of line
   (which may schedule an event or raise an interrupt) and at every jump
   and branch, so that a signal handler's zeroing of next_event (Ctrl-C,
   the console timer) is seen within a basic block. */
#define LIMIT()		((c->attention | (ld_reg != RSINK)) ? 0 : LIM_OF(m->next_event))
#define LIM_OF(ev)	((ev) > LINK_GROUP ? (ev) - LINK_GROUP : 0)
/* A stall counted in the local cycle count. */
#define LSTALL(n, counter) do { unsigned n_ = (n); cbase += n_; (counter) += n_; } while (0)
/* Loads and stores: the inline fast path, else the slow one between SYNC
   and RELOAD; 0, or -1 with the exception raised. */
#define LOAD(va, size, vp) ({ uint32_t va_ = (va); int e_ = 0;		\
	if (unlikely(!load_fast(m, va_, size, vp))) {			\
		SYNC(); e_ = load_slow(m, va_, size, vp); RELOAD();	\
	}								\
	e_; })
#define STORE(va, size, val) ({ uint32_t va_ = (va), v_ = (val); int e_ = 0; \
	unsigned st_;							\
	if (likely(store_fast(m, va_, size, v_, CYC, &st_))) {		\
		cbase += st_;						\
	} else {							\
		SYNC(); e_ = store_slow(m, va_, size, v_); RELOAD();	\
	}								\
	e_; })
#define BRANCH(cond)	JUMP((cond) ? npc + (IMM << 2) : npc + 4)
/* JUMP and BRANCH in a linked handler: it is not in a delay slot, and
   since lim was last taken (by LIMIT, or 0) nothing but a signal handler
   can have moved next_event or attention: there has been no call out of
   line since, and no load is pending (a linked handler never runs alone
   from the slow path). A signal handler only zeroes next_event (main.c),
   which is all that is left to see here. */
#define LJUMP(target)	do { uint32_t t_ = (target); pc = npc; npc = t_; dinc = DS_INC; \
			     if (unlikely(!m->next_event)) lim = 0; } while (0)
#define LBRANCH(cond)	LJUMP((cond) ? npc + (IMM << 2) : npc + 4)

#define DISPATCH()	goto *d->h
/* Linked lines run in runs of at most LINK_GROUP - 1 (see "Linked
   lines"); lim stays that many cycles before the next event. */
#define LINK_GROUP	8

/* Fetch and dispatch the instruction at pc: the fast path (see above).
   Its conditions are the slow path's fetch fast path's (pc in kseg0 RAM,
   kernel mode, aligned, an I-cache hit) in two tests: attention is set in
   user mode (and whenever fetch_limit is 0: the idle skip), and the line's
   decoded form must carry this generation and the tag off_ | 1. The slow
   path stores only such tags of aligned kseg0 RAM addresses, so the key
   equals genk | (off_ ^ 1) only when off_ is aligned (then off_ ^ 1 =
   off_ | 1) and the line holds it (off_ wraps above any RAM size for a pc
   below kseg0, and kseg1 starts past 512 MB, above any RAM). */
#define NEXT_TO(h_) do {						\
	uint32_t off_ = pc - 0x80000000u;				\
	if (unlikely(CYC >= lim))					\
		goto slow;						\
	d = &idec[(off_ >> 2) & imask];					\
	if (unlikely(d->key != (nkey | (off_ ^ 1))))			\
		goto xnext;						\
	icnt++;								\
	goto *(h_);							\
} while (0)
/* NEXT for an instruction outside a delay slot (d->h may be its linked
   form), SNEXT for a delay slot (its checked handler: see "Linked
   lines"); xnext tells them apart by dinc. */
#define NEXT()		NEXT_TO(d->h)
#define SNEXT()		NEXT_TO(shandler[d->hix])
/* NEXT's key base: genk in kernel mode; in user mode genk | 1 << 31,
   which no key has (keys hold RAM addresses, below 512 MB), so that a
   kseg0 pc goes the slow way (an address error). Taken again wherever
   Status may change: after CP0 instructions and in the slow path. */
#define NKEY()	(nkey = genk | ((c->cp0[CP0_STATUS] & SR_KUC) ? 0x80000000u : 0))
/* The key of a decoded line at physical address pa (aligned): the last
   word of a page carries | 2, which neither NEXT nor DONE ever expects,
   so that it always runs from the slow path and nothing falls through
   from it to the next physical page: in kuseg that is not the next
   virtual page's code. */
#define IKEY(pa)	(genk | ((pa) | 1) | (((pa) & 0xffcu) == 0xffcu ? 2 : 0))

/* The end of a handler that neither branches nor faults. */
/* Outside a delay slot the next instruction is pc + 4, in the next I-cache
   line: its decoded form is d + 1, valid when keyed with this
   generation and the tag pc + 4 | 1, which is d's key + 4 (d's key is
   current while d runs: the generation moves only in the slow path, and
   a line changed under d has key 0). The entry after the last line and
   the slow path's sd[1] have key 0, which never matches. dinc is 4, or
   DS_INC in a delay slot (the branch's target comes next, not pc + 4):
   d's key + DS_INC has bit 31 set, which no key has (keys hold RAM
   addresses, below 512 MB), so one compare also tests the delay slot. */
#define DS_INC		(4 + 0x80000000ull)
#define DONE()		do {						\
	struct dinsn *n_ = d + 1;					\
	if (likely((n_->key == d->key + dinc) & (CYC < lim))) {		\
		npc += 4;	/* pc is npc - 4 (see PC) */		\
		d = n_;							\
		icnt++;							\
		DISPATCH();						\
	}								\
	ADVANCE();							\
	NEXT();								\
} while (0)
/* The end of a linked line's handler (see "Linked lines"): the next line
   is d + 1, keyed, and its boundary needs no test of the cycle limit. */
#define LDONE()		do { npc += 4; d++; icnt++; DISPATCH(); } while (0)
/* The end of a linked jump or branch: its delay slot is d + 1, keyed,
   and runs its checked handler (it is in a delay slot). */
/* The end of a delay slot's handler (shandler): the branch's target. */
#define SDONE()		do { ADVANCE(); NEXT(); } while (0)
#define LSLOT()		do { d++; icnt++; goto *shandler[d->hix]; } while (0)
/* A linked load: the inline fast path, landing at once when d + 1 does
   not read the register; anything else (a miss, a fault, a pending load)
   runs the checked handler from the start (load_fast did nothing). */
#define LLOAD(name, size, conv) lop_##name: {				\
	uint32_t v;							\
	if (likely(load_fast(m, r[RS] + IMM, size, &v))) {		\
		const struct dinsn *n_ = d + 1;				\
		if (likely(RT != n_->rs && RT != n_->rtr)) {		\
			r[RTW] = (conv);				\
			LDONE();					\
		}							\
	}								\
	goto op_##name;							\
}
/* A linked store: the inline fast path, linked on when the write buffer
   did not stall it; else the checked end, or (store_fast did nothing)
   the checked handler. */
#define LSTORE(name, size, val) lop_##name: {				\
	unsigned st_;							\
	if (likely(store_fast(m, r[RS] + IMM, size, (val), CYC, &st_))) { \
		if (likely(st_ == 0))					\
			LDONE();					\
		cbase += st_;						\
		DONE();							\
	}								\
	goto op_##name;							\
}
/* The end of a jump or branch: its delay slot, pc + 4 when the jump is not
   itself in a delay slot, is d + 1 if that is keyed as d's key + 4 (as in
   DONE: binc is the jump's own dinc), else found by NEXT. */
#define SLOTNEXT() do {							\
	struct dinsn *n_ = d + 1;					\
	if (likely((n_->key == d->key + binc) & (CYC < lim))) {		\
		d = n_;							\
		icnt++;							\
		goto *shandler[d->hix];					\
	}								\
	SNEXT();							\
} while (0)
/* The instruction faults (did not complete); see label exc. */
#define EXCEPTION(code)	do { SYNC(); raise_exc(m, code, 0, 0); goto exc; } while (0)
#define COP_UNUSABLE(n)	do { SYNC(); raise_exc(m, EXC_CPU, 0, n); goto exc; } while (0)
/* The ends of the coprocessor handlers, which SYNC on entry and may stall
   through struct cpu. */
#define CDONE()		do { RELOAD(); DONE(); } while (0)
#define CNEXT()		do { RELOAD(); SNEXT(); } while (0)
/* The ends of CP0's handlers: Status (the mode) may have changed, so the
   next instruction is found by NEXT with its key base taken again. */
#define C0DONE()	do { RELOAD(); NKEY(); ADVANCE(); NEXT(); } while (0)
#define C0NEXT()	do { RELOAD(); NKEY(); SNEXT(); } while (0)

/* Decode w into d: its handler (by opcode, SPECIAL's by 64 + funct; the
   canonical nop, sll r0, r0, 0, by 128: compilers fill delay slots with
   it) and its fields. */
static inline void decode(const void *const *handler, uint32_t w, struct dinsn *d)
{
	d->word = w;
	d->hix = w >> 26 ? w >> 26 : w ? 64 + (w & 63) : 128;
	d->h = handler[d->hix];
	d->imm = (int16_t)w;
	d->rs = (w >> 21) & 31;
	d->rt = (w >> 16) & 31;
	d->rd = (w >> 11) & 31;
	d->sa = (w >> 6) & 31;
	d->rdw = d->rd ? d->rd : RSINK;
	d->rtw = d->rt ? d->rt : RSINK;
	/* Whether it reads rt, for SET_LOADED (more is safe: a load before
	   it is then left pending). Not: REGIMM (rt selects the branch), j
	   and jal, the immediates (rt is the destination), loads (lwl and
	   lwr read rt but take a pending load of it forwarded, so a landed
	   one gives the same), lwc1 and swc1 (rt is an FPU register). */
	unsigned op = w >> 26;
	int no_rt = op == 0x01 || op == 0x02 || op == 0x03 || (op >= 0x08 && op <= 0x0f) ||
		    (op >= 0x20 && op <= 0x26) || op == 0x31 || op == 0x39;
	d->rtr = no_rt ? RSINK : d->rt;
}

/* Line idx of the decoded I-cache, keyed now, takes its linked handler
   if it has one and the next line is keyed as its successor, else its
   checked one (see "Linked lines"). */
static inline void relink(const void *const *handler, const void *const *lhandler,
			  struct dinsn *idec, uint32_t idx)
{
	struct dinsn *x = &idec[idx];
	const void *l = lhandler[x->hix];
	x->h = (l != handler[x->hix] && ((idx + 1) & (LINK_GROUP - 1)) && x[1].key == x->key + 4)
		? l : handler[x->hix];
}

/* Whether instruction w sets a register by LOADED
   (label slow): the loads but lwc1, mfc0, mfc1 and cfc1. */
static int sets_loaded(uint32_t w)
{
	unsigned op = w >> 26, rs = (w >> 21) & 31;
	return (op >= 0x20 && op <= 0x26) || ((op == 0x10 || op == 0x11) && rs <= 2);
}

/* The register instruction w writes as it completes (not a load's, which
   lands later), or 0: exactly the handlers' SET (label slow). */
static unsigned set_dest(uint32_t w)
{
	unsigned op = w >> 26, rt = (w >> 16) & 31, rd = (w >> 11) & 31, fn = w & 63;
	switch (op) {
	case 0x00:
		if (fn == 0x00 || fn == 0x02 || fn == 0x03 || fn == 0x04 || fn == 0x06 ||
		    fn == 0x07 || fn == 0x09 || fn == 0x10 || fn == 0x12 ||
		    (fn >= 0x20 && fn <= 0x27) || fn == 0x2a || fn == 0x2b)
			return rd;
		return 0;
	case 0x01:	/* bltzal, bgezal link */
		return (rt == 0x10 || rt == 0x11) ? 31 : 0;
	case 0x03:	/* jal */
		return 31;
	case 0x08: case 0x09: case 0x0a: case 0x0b:
	case 0x0c: case 0x0d: case 0x0e: case 0x0f:
		return rt;
	default:
		return 0;
	}
}

void cpu_run(struct machine *m)
{
	cpu_run_until(m, ~0ull);
}

void cpu_run_until(struct machine *m, uint64_t until)
{
	struct cpu *c = &m->cpu;
	uint32_t *r = c->r;
	const struct timing *t = m->model->timing;
	/* The I-cache for the fetch fast path (allocated once, at reset). */
	const uint32_t *const itag = c->icache.tag, *const idata = c->icache.data;
	const uint32_t imask = c->icache.nlines - 1;
	uint32_t insn = 0, pc = 0, npc = 0, fpa = ~0u;
	int ld_reg = RSINK;
	uint32_t ld_val = 0;
	/* The instruction runs with a load pending (ld_reg, from the slow
	   path): it lands after it (label slow) or, if it is a load, before
	   its own value is set (PRELAND). */
	int pstep = 0;
	uint64_t cbase = 0, icnt = 0, lim = 0, genk = 0, nkey = 0, dinc = 4, binc = 4;
	/* The instruction's decoded form; the slow path's (sd[1]: see DONE). */
	struct dinsn *d, sd[2] = { { .key = 0 }, { .key = 0 } };

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"	/* the default, then each opcode */
	/* The handlers by decoded index (decode): C, only a checked one; L,
	   also a linked one (lop_, see "Linked lines"): an instruction that
	   never faults, branches out of line or calls out, or that leaves by
	   its checked handler when it would; A, also a delay-slot one (sop_,
	   which ends at the branch's target): the ALU instructions. Index
	   128 is the canonical nop; an index not listed is reserved (op_ri). */
#define HANDLERS(C, L, A) \
	A(128, nop) C(0x01, regimm) L(0x02, j) \
	L(0x03, jal) L(0x04, beq) L(0x05, bne) \
	L(0x06, blez) L(0x07, bgtz) C(0x08, addi) \
	A(0x09, addiu) A(0x0a, slti) A(0x0b, sltiu) \
	A(0x0c, andi) A(0x0d, ori) A(0x0e, xori) \
	A(0x0f, lui) C(0x10, cop0) C(0x11, cop1) \
	C(0x12, cop_unusable) C(0x13, cop_unusable) L(0x20, lb) \
	L(0x21, lh) C(0x22, lwl) L(0x23, lw) \
	L(0x24, lbu) L(0x25, lhu) C(0x26, lwr) \
	L(0x28, sb) L(0x29, sh) C(0x2a, swl) \
	L(0x2b, sw) C(0x2e, swr) C(0x31, lwc1) \
	C(0x39, swc1) C(0x32, cop_unusable) C(0x33, cop_unusable) \
	C(0x3a, cop_unusable) C(0x3b, cop_unusable) A(64 + 0x00, sll) \
	A(64 + 0x02, srl) A(64 + 0x03, sra) A(64 + 0x04, sllv) \
	A(64 + 0x06, srlv) A(64 + 0x07, srav) L(64 + 0x08, jr) \
	C(64 + 0x09, jalr) C(64 + 0x0c, syscall) C(64 + 0x0d, break) \
	L(64 + 0x10, mfhi) A(64 + 0x11, mthi) L(64 + 0x12, mflo) \
	A(64 + 0x13, mtlo) A(64 + 0x18, mult) A(64 + 0x19, multu) \
	C(64 + 0x1a, div) C(64 + 0x1b, divu) C(64 + 0x20, add) \
	A(64 + 0x21, addu) C(64 + 0x22, sub) A(64 + 0x23, subu) \
	A(64 + 0x24, and) A(64 + 0x25, or) A(64 + 0x26, xor) \
	A(64 + 0x27, nor) A(64 + 0x2a, slt) A(64 + 0x2b, sltu)
#define H_OP(i, n)	[i] = &&op_##n,
#define H_LOP(i, n)	[i] = &&lop_##n,
#define H_SOP(i, n)	[i] = &&sop_##n,
	static const void *const handler[129] = {
		[0 ... 128] = &&op_ri, HANDLERS(H_OP, H_OP, H_OP)
	};
	/* The linked forms; the others' are their checked handler. */
	static const void *const lhandler[129] = {
		[0 ... 128] = &&op_ri, HANDLERS(H_OP, H_LOP, H_LOP)
	};
	/* The delay-slot forms; the others' are their checked handler. */
	static const void *const shandler[129] = {
		[0 ... 128] = &&op_ri, HANDLERS(H_OP, H_OP, H_SOP)
	};
#undef H_OP
#undef H_LOP
#undef H_SOP
#undef HANDLERS
#pragma GCC diagnostic pop

	if (unlikely(!c->idec)) {
		/* One more entry, never valid, after the last line (DONE). */
		c->idec = calloc(c->icache.nlines + 1, sizeof *c->idec);
		if (!c->idec) {
			fprintf(stderr, "pmaxsim: out of memory for caches\n");
			exit(1);
		}
		/* Key 0 (calloc) matches nothing: every entry is decoded
		   before it is dispatched, so the untouched pages stay
		   unmapped (start-up time). */
	}
	struct dinsn *const idec = c->idec;
	/* The I-cache may have changed while the run was paused (a
	   debugger's write); between slices nothing but this CPU touches it,
	   so that a run in slices (lockstep) keeps its decoded lines. */
	if (c->idec_stale) {
		c->idec_stale = 0;
		c->idec_gen++;
	}
	c->idec_handler = handler;

	m->run_until = until;
	machine_resume(m);	/* folds run_until into next_event */
	idle_event(m);		/* a new slice: the world may have changed */
	c->attention = c->irq_pending || m->nobservers || m->idle_active;

top:	/* The slow path; struct cpu holds the whole state. */
	if (unlikely(c->fetched_valid)) {
		/* Resuming after a pause: the instruction at pc was fetched
		   and its due events and interrupts were seen. */
		c->fetched_valid = 0;
		if (c->fetched_pc == c->pc) {
			pc = c->pc;
			insn = c->fetched_insn;
			fpa = pc - 0x80000000u;	/* checked at fetched */
			goto fetched;
		}
	}
	/* One compare covers events, the cycle limit, the end of the slice
	   and the end of the run (machine.c folds them into next_event). */
	if ((c->cycles >= m->next_event) | c->irq_pending) {
		if (m->halted || m->paused)
			goto out;
		if (m->max_cycles && c->cycles >= m->max_cycles) {
			m->fatal = "cycle limit reached (--max-cycles)";
			m->exit_status = 2;
			goto out;
		}
		/* The slice is over. Nothing of this instruction has happened
		   yet (its due events and interrupt come first on the next
		   call), so a run in slices is the run in one piece. */
		if (c->cycles >= until)
			goto out;
		if (c->cycles >= m->next_event) {
			events_run(m);
			if (m->halted)
				goto out;
		}
		if (c->irq_pending) {
			m->stats.interrupts++;
			commit_load(c);
			raise_exc(m, EXC_INT, 0, 0);
			goto top;
		}
	}

	/* The idle skip's check, before each instruction (idle.c). */
	if (unlikely(m->idle_active) && idle_step(m))
		goto top;

	/* Fetch: a cached kseg0 hit as in NEXT, else fetch_slow. fpa: the
	   physical address of a word from the I-cache, else ~0. */
	pc = c->pc;
	fpa = ~0u;
	{
		uint32_t off = pc - 0x80000000u;
		uint32_t idx = (off >> 2) & imask;
		if ((off | pc << 30) < c->fetch_limit && itag[idx] == (off | 1)) {
			insn = idata[idx];
			fpa = off;
		} else if (fetch_slow(m, &insn, &fpa) != 0) {
			goto diverted;
		}
	}

fetched:
	if (m->nobservers) {
		for (int i = 0; i < m->nobservers; i++)
			if (m->observers[i].insn)
				m->observers[i].insn(m, m->observers[i].ctx, pc, insn);
		if (m->paused) {
			/* Stop before executing; keep the fetch for resume. */
			c->fetched_valid = 1;
			c->fetched_pc = pc;
			c->fetched_insn = insn;
			goto out;
		}
	}
	c->cycles++;
	m->stats.instructions++;
	npc = c->npc;
	ld_reg = c->ld_reg ? c->ld_reg : RSINK;
	ld_val = c->ld_val;
	pstep = ld_reg != RSINK;	/* then LIMIT() is 0: it runs alone */
	r[0] = 0;	/* the PROM or a debugger may have written it */
	dinc = c->in_delay_slot ? DS_INC : 4;
	cbase = c->cycles;
	icnt = 0;
	lim = LIMIT();
	genk = (uint64_t)c->idec_gen << 32;
	NKEY();
	{
		/* From a line of the I-cache (a kseg0 or a translated kuseg
		   fetch): its decoded form, decoded and keyed now unless it is
		   already (for NEXT, and for the next time here: with an
		   observer every instruction comes this way); else decode
		   into sd. */
		uint32_t off = fpa;
		uint32_t idx = (off >> 2) & imask;
		if (off < 0x20000000u && !(off & 3) && itag[idx] == (off | 1) &&
		    idata[idx] == insn && (pc < 0x80000000u || pc - 0x80000000u == off)) {
			d = &idec[idx];
			if (d->key != IKEY(off) || d->word != insn) {
				decode(handler, insn, d);
				d->key = IKEY(off);
				relink(handler, lhandler, idec, idx);
				if (idx > 0 && idec[idx - 1].key == d->key - 4)
					relink(handler, lhandler, idec, idx - 1);
			}
		} else {
			d = &sd[0];
			decode(handler, insn, d);
		}
	}
	goto *handler[d->hix];	/* checked: see "Linked lines" */

slow:	/* From NEXT: write back what the handlers keep in locals. */
	SYNC();
	c->npc = npc;
	if (pstep) {
		/* d ran with a load pending. Unless d is a load (which landed
		   it and may have left its own pending), it lands now, unless
		   d wrote that register (then d's value wins). */
		pstep = 0;
		if (!sets_loaded(d->word)) {
			if (set_dest(d->word) != (unsigned)ld_reg)
				r[ld_reg] = ld_val;
			ld_reg = RSINK;
		}
	}
	c->ld_reg = ld_reg & 31;	/* RSINK: none */
	c->ld_val = ld_val;
	goto top;
exc:	/* The faulting instruction did not complete; the load before it did.
	   raise_exc() has set pc and npc. */
	LAND();
	c->ld_reg = 0;
	pstep = 0;
	goto top;
xnext:	/* From NEXT, pc not a keyed kseg0 line in this mode: a kuseg
	   page's translation (see "Translations"), in either mode, to a
	   keyed line, else the slow path. */
	if (pc < 0x80000000u) {
		const struct xlat *x = &c->fxlat[(pc >> 12) & (XLAT_ENTRIES - 1)];
		if ((x->tag >> 1) == (pc >> 12) && x->gen == c->xlat_gen) {
			uint32_t pa = pc + x->delta;
			d = &idec[(pa >> 2) & imask];
			if (likely(d->key == (genk | (pa ^ 1)))) {
				icnt++;
				goto *(dinc == 4 ? d->h : shandler[d->hix]);
			}
		}
	}
	goto slow;
diverted:
	/* A fetch fault or a PROM call: the pending load lands. */
	commit_load(c);
	r[0] = 0;
	goto top;

	/* ---- SPECIAL ---- */
op_nop:	DONE();
lop_nop: LDONE();
sop_nop: SDONE();
op_sll:	SET(RDW, r[RT] << SA); DONE();
lop_sll:	SET(RDW, r[RT] << SA); LDONE();
sop_sll:	SET(RDW, r[RT] << SA); SDONE();
op_srl:	SET(RDW, r[RT] >> SA); DONE();
lop_srl:	SET(RDW, r[RT] >> SA); LDONE();
sop_srl:	SET(RDW, r[RT] >> SA); SDONE();
op_sra:	SET(RDW, (uint32_t)((int32_t)r[RT] >> SA)); DONE();
lop_sra:	SET(RDW, (uint32_t)((int32_t)r[RT] >> SA)); LDONE();
sop_sra:	SET(RDW, (uint32_t)((int32_t)r[RT] >> SA)); SDONE();
op_sllv: SET(RDW, r[RT] << (r[RS] & 31)); DONE();
lop_sllv: SET(RDW, r[RT] << (r[RS] & 31)); LDONE();
sop_sllv: SET(RDW, r[RT] << (r[RS] & 31)); SDONE();
op_srlv: SET(RDW, r[RT] >> (r[RS] & 31)); DONE();
lop_srlv: SET(RDW, r[RT] >> (r[RS] & 31)); LDONE();
sop_srlv: SET(RDW, r[RT] >> (r[RS] & 31)); SDONE();
op_srav: SET(RDW, (uint32_t)((int32_t)r[RT] >> (r[RS] & 31))); DONE();
lop_srav: SET(RDW, (uint32_t)((int32_t)r[RT] >> (r[RS] & 31))); LDONE();
sop_srav: SET(RDW, (uint32_t)((int32_t)r[RT] >> (r[RS] & 31))); SDONE();
op_jr:	JUMP(r[RS]); SLOTNEXT();
lop_jr:	LJUMP(r[RS]); LSLOT();
op_jalr: {
	uint32_t target = r[RS];	/* before the link: rd may be rs */
	SET(RDW, PC + 8);
	JUMP(target);
	SLOTNEXT();
}
op_syscall: EXCEPTION(EXC_SYS);
op_break: EXCEPTION(EXC_BP);
lop_mfhi:
	if (likely(CYC >= c->hilo_ready)) {
		SET(RDW, c->hi);
		LDONE();
	}
op_mfhi:
	if (CYC < c->hilo_ready)
		LSTALL((unsigned)(c->hilo_ready - CYC), m->stats.stall_hilo);
	SET(RDW, c->hi);
	DONE();
op_mthi: c->hi = r[RS]; DONE();
lop_mthi: c->hi = r[RS]; LDONE();
sop_mthi: c->hi = r[RS]; SDONE();
lop_mflo:
	if (likely(CYC >= c->hilo_ready)) {
		SET(RDW, c->lo);
		LDONE();
	}
op_mflo:
	if (CYC < c->hilo_ready)
		LSTALL((unsigned)(c->hilo_ready - CYC), m->stats.stall_hilo);
	SET(RDW, c->lo);
	DONE();
op_mtlo: c->lo = r[RS]; DONE();
lop_mtlo: c->lo = r[RS]; LDONE();
sop_mtlo: c->lo = r[RS]; SDONE();
op_mult: {
	int64_t p = (int64_t)(int32_t)r[RS] * (int32_t)r[RT];
	c->lo = (uint32_t)p;
	c->hi = (uint32_t)((uint64_t)p >> 32);
	c->hilo_ready = CYC + t->mult_latency - 1;
	DONE();
}
lop_mult: {
	int64_t p = (int64_t)(int32_t)r[RS] * (int32_t)r[RT];
	c->lo = (uint32_t)p;
	c->hi = (uint32_t)((uint64_t)p >> 32);
	c->hilo_ready = CYC + t->mult_latency - 1;
	LDONE();
}sop_mult: {
	int64_t p = (int64_t)(int32_t)r[RS] * (int32_t)r[RT];
	c->lo = (uint32_t)p;
	c->hi = (uint32_t)((uint64_t)p >> 32);
	c->hilo_ready = CYC + t->mult_latency - 1;
	SDONE();
}
op_multu: {
	uint64_t p = (uint64_t)r[RS] * r[RT];
	c->lo = (uint32_t)p;
	c->hi = (uint32_t)(p >> 32);
	c->hilo_ready = CYC + t->mult_latency - 1;
	DONE();
}
lop_multu: {
	uint64_t p = (uint64_t)r[RS] * r[RT];
	c->lo = (uint32_t)p;
	c->hi = (uint32_t)(p >> 32);
	c->hilo_ready = CYC + t->mult_latency - 1;
	LDONE();
}sop_multu: {
	uint64_t p = (uint64_t)r[RS] * r[RT];
	c->lo = (uint32_t)p;
	c->hi = (uint32_t)(p >> 32);
	c->hilo_ready = CYC + t->mult_latency - 1;
	SDONE();
}
op_div: {	/* INT_MIN / -1 and / 0 leave what the R3000's divider gives;
		   MIPS calls it unpredictable, we pick the common result */
	int32_t a = (int32_t)r[RS], b = (int32_t)r[RT];
	if (b == 0) {
		c->lo = a < 0 ? 1 : 0xffffffffu;
		c->hi = (uint32_t)a;
	} else if (a == INT32_MIN && b == -1) {
		c->lo = (uint32_t)INT32_MIN;
		c->hi = 0;
	} else {
		c->lo = (uint32_t)(a / b);
		c->hi = (uint32_t)(a % b);
	}
	c->hilo_ready = CYC + t->div_latency - 1;
	DONE();
}
op_divu: {
	uint32_t a = r[RS], b = r[RT];
	if (b == 0) {
		c->lo = 0xffffffffu;
		c->hi = a;
	} else {
		c->lo = a / b;
		c->hi = a % b;
	}
	c->hilo_ready = CYC + t->div_latency - 1;
	DONE();
}
op_add: {
	uint32_t a = r[RS], b = r[RT], s = a + b;
	if (((a ^ s) & (b ^ s)) >> 31)
		EXCEPTION(EXC_OV);
	SET(RDW, s);
	DONE();
}
op_addu: SET(RDW, r[RS] + r[RT]); DONE();
lop_addu: SET(RDW, r[RS] + r[RT]); LDONE();
sop_addu: SET(RDW, r[RS] + r[RT]); SDONE();
op_sub: {
	uint32_t a = r[RS], b = r[RT], dif = a - b;
	if (((a ^ b) & (a ^ dif)) >> 31)
		EXCEPTION(EXC_OV);
	SET(RDW, dif);
	DONE();
}
op_subu: SET(RDW, r[RS] - r[RT]); DONE();
lop_subu: SET(RDW, r[RS] - r[RT]); LDONE();
sop_subu: SET(RDW, r[RS] - r[RT]); SDONE();
op_and:	SET(RDW, r[RS] & r[RT]); DONE();
lop_and:	SET(RDW, r[RS] & r[RT]); LDONE();
sop_and:	SET(RDW, r[RS] & r[RT]); SDONE();
op_or:	SET(RDW, r[RS] | r[RT]); DONE();
lop_or:	SET(RDW, r[RS] | r[RT]); LDONE();
sop_or:	SET(RDW, r[RS] | r[RT]); SDONE();
op_xor:	SET(RDW, r[RS] ^ r[RT]); DONE();
lop_xor:	SET(RDW, r[RS] ^ r[RT]); LDONE();
sop_xor:	SET(RDW, r[RS] ^ r[RT]); SDONE();
op_nor:	SET(RDW, ~(r[RS] | r[RT])); DONE();
lop_nor:	SET(RDW, ~(r[RS] | r[RT])); LDONE();
sop_nor:	SET(RDW, ~(r[RS] | r[RT])); SDONE();
op_slt:	SET(RDW, (int32_t)r[RS] < (int32_t)r[RT]); DONE();
lop_slt:	SET(RDW, (int32_t)r[RS] < (int32_t)r[RT]); LDONE();
sop_slt:	SET(RDW, (int32_t)r[RS] < (int32_t)r[RT]); SDONE();
op_sltu: SET(RDW, r[RS] < r[RT]); DONE();
lop_sltu: SET(RDW, r[RS] < r[RT]); LDONE();
sop_sltu: SET(RDW, r[RS] < r[RT]); SDONE();

	/* ---- REGIMM ---- */
op_regimm:
	switch (RT) {
	case 0x00: BRANCH((int32_t)r[RS] < 0); SLOTNEXT();	/* bltz */
	case 0x01: BRANCH((int32_t)r[RS] >= 0); SLOTNEXT();	/* bgez */
	case 0x10: {	/* bltzal: links even when not taken */
		int taken = (int32_t)r[RS] < 0;	/* before the link: rs may be 31 */
		SET(31, PC + 8);
		BRANCH(taken);
		SLOTNEXT();
	}
	case 0x11: {	/* bgezal */
		int taken = (int32_t)r[RS] >= 0;
		SET(31, PC + 8);
		BRANCH(taken);
		SLOTNEXT();
	}
	default: EXCEPTION(EXC_RI);
	}

	/* ---- jumps, branches, immediates ---- */
op_j:	JUMP((npc & 0xf0000000u) | ((INSN & 0x03ffffffu) << 2)); SLOTNEXT();
lop_j:	LJUMP((npc & 0xf0000000u) | ((INSN & 0x03ffffffu) << 2)); LSLOT();
op_jal:	SET(31, PC + 8); JUMP((npc & 0xf0000000u) | ((INSN & 0x03ffffffu) << 2)); SLOTNEXT();
lop_jal:	SET(31, PC + 8); LJUMP((npc & 0xf0000000u) | ((INSN & 0x03ffffffu) << 2)); LSLOT();
op_beq:	BRANCH(r[RS] == r[RT]); SLOTNEXT();
lop_beq:	LBRANCH(r[RS] == r[RT]); LSLOT();
op_bne:	BRANCH(r[RS] != r[RT]); SLOTNEXT();
lop_bne:	LBRANCH(r[RS] != r[RT]); LSLOT();
op_blez: BRANCH((int32_t)r[RS] <= 0); SLOTNEXT();
lop_blez: LBRANCH((int32_t)r[RS] <= 0); LSLOT();
op_bgtz: BRANCH((int32_t)r[RS] > 0); SLOTNEXT();
lop_bgtz: LBRANCH((int32_t)r[RS] > 0); LSLOT();
op_addi: {
	uint32_t a = r[RS], s = a + IMM;
	if (((a ^ s) & (IMM ^ s)) >> 31)
		EXCEPTION(EXC_OV);
	SET(RTW, s);
	DONE();
}
op_addiu: SET(RTW, r[RS] + IMM); DONE();
lop_addiu: SET(RTW, r[RS] + IMM); LDONE();
sop_addiu: SET(RTW, r[RS] + IMM); SDONE();
op_slti: SET(RTW, (int32_t)r[RS] < (int32_t)IMM); DONE();
lop_slti: SET(RTW, (int32_t)r[RS] < (int32_t)IMM); LDONE();
sop_slti: SET(RTW, (int32_t)r[RS] < (int32_t)IMM); SDONE();
op_sltiu: SET(RTW, r[RS] < IMM); DONE();
lop_sltiu: SET(RTW, r[RS] < IMM); LDONE();
sop_sltiu: SET(RTW, r[RS] < IMM); SDONE();
op_andi: SET(RTW, r[RS] & UIMM); DONE();
lop_andi: SET(RTW, r[RS] & UIMM); LDONE();
sop_andi: SET(RTW, r[RS] & UIMM); SDONE();
op_ori:	SET(RTW, r[RS] | UIMM); DONE();
lop_ori:	SET(RTW, r[RS] | UIMM); LDONE();
sop_ori:	SET(RTW, r[RS] | UIMM); SDONE();
op_xori: SET(RTW, r[RS] ^ UIMM); DONE();
lop_xori: SET(RTW, r[RS] ^ UIMM); LDONE();
sop_xori: SET(RTW, r[RS] ^ UIMM); SDONE();
op_lui:	SET(RTW, UIMM << 16); DONE();
lop_lui:	SET(RTW, UIMM << 16); LDONE();
sop_lui:	SET(RTW, UIMM << 16); SDONE();

	/* ---- coprocessors ---- */
op_cop0:
	SYNC();		/* CP0 reads and writes the cycle count, Status, the TLB */
	if ((c->cp0[CP0_STATUS] & SR_KUC) && !(c->cp0[CP0_STATUS] & SR_CU0))
		COP_UNUSABLE(0);
	switch (RS) {
	case 0x00:	/* mfc0: the value lands a cycle late */
		{
			uint32_t v = cp0_read(m, RD);
			RELOAD();
			NKEY();
			PRELAND();
			ADVANCE();
			LOADED(RTW, v, NEXT_D(pc));
			NEXT();
		}
	case 0x04:	/* mtc0 */
		cp0_write(m, RD, r[RT]);
		C0DONE();
	case 0x08:	/* bc0f / bc0t: test the CpCond0 input */
		/* On the DS3100 and 5000/200 the write buffer (R2020/R3220)
		   drives CpCond0, true once empty (Linux
		   arch/mips/dec/wbflush.c wbflush_kn01, "1: bc0f 1b").
		   Modelled so on every board: the branch waits for the
		   buffer to drain. */
		stall(m, wbuf_wait_empty(c), &m->stats.stall_wbuf);
		BRANCH(RT & 1);
		C0NEXT();
	case 0x10: case 0x11: case 0x12: case 0x13:
	case 0x14: case 0x15: case 0x16: case 0x17:
	case 0x18: case 0x19: case 0x1a: case 0x1b:
	case 0x1c: case 0x1d: case 0x1e: case 0x1f:
		tlb_op(m, INSN & 63);
		if (c->pc != PC)	/* tlb_op raised RI (struct cpu is current) */
			goto exc;
		C0DONE();
	default:
		EXCEPTION(EXC_RI);
	}

op_cop1: {	/* the R3010 */
	SYNC();		/* its stalls and interrupt go through struct cpu */
	if (!(c->cp0[CP0_STATUS] & SR_CU1))
		COP_UNUSABLE(1);
	struct fpu *f = &c->fpu;
	switch (RS) {
	case 0x00:	/* mfc1 */
		stall(m, fpu_stall_for(f, RD, c->cycles), &m->stats.stall_fpu);
		RELOAD();
		SET_LOADED(RTW, f->fgr[RD]);
		DONE();
	case 0x02:	/* cfc1 */
		RELOAD();
		SET_LOADED(RTW, fpu_cfc1(f, RD));
		DONE();
	case 0x04:	/* mtc1 */
		f->fgr[RD] = r[RT];
		CDONE();
	case 0x06:	/* ctc1 */
		fpu_ctc1(f, RD, r[RT]);
		machine_set_irq(m, 7, fpu_interrupt(f));
		CDONE();
	case 0x08:	/* bc1f / bc1t */
		if (c->cycles < f->cond_ready)
			stall(m, (unsigned)(f->cond_ready - c->cycles), &m->stats.stall_fpu);
		if (RT & 1)
			BRANCH(f->fcr31 & FCSR_COND);
		else
			BRANCH(!(f->fcr31 & FCSR_COND));
		CNEXT();
	default:
		if (!(INSN & (1u << 25)))
			EXCEPTION(EXC_RI);
		stall(m, fpu_compute(f, t, INSN, c->cycles), &m->stats.stall_fpu);
		machine_set_irq(m, 7, fpu_interrupt(f));
		/* An FP instruction that raises the R3010's interrupt while
		   interrupts are enabled is taken precisely, on itself: it does
		   not complete (the FPU left its destination alone), EPC is it
		   or its branch with Cause.BD, and the handler emulates it from
		   there (4.4BSD pmax locore.s MachFPInterrupt reads the
		   instruction at EPC, or EPC+4 with BD, and resumes after it;
		   Linux's do_fpe emulates at EPC the same way). With the
		   interrupt masked the line stays up and is taken later, after
		   whatever instruction runs when it is unmasked. */
		if (c->irq_pending && (m->irq_lines & (1u << 7)) &&
		    (c->cp0[CP0_STATUS] & (1u << (8 + 7)))) {
			m->stats.interrupts++;
			RELOAD();	/* the FPU's stall is in c->cycles */
			EXCEPTION(EXC_INT);
		}
		CDONE();
	}
}
op_cop_unusable:	/* COP2, COP3, lwc2/3, swc2/3: absent on a DECstation */
	COP_UNUSABLE((INSN >> 26) & 3);

	/* ---- loads and stores ---- */
op_lb: {
	uint32_t v;
	if (LOAD(r[RS] + IMM, 1, &v) != 0)
		goto exc;
	SET_LOADED(RTW, (uint32_t)(int32_t)(int8_t)v);
	DONE();
}
op_lh: {
	uint32_t v;
	if (LOAD(r[RS] + IMM, 2, &v) != 0)
		goto exc;
	SET_LOADED(RTW, (uint32_t)(int32_t)(int16_t)v);
	DONE();
}
op_lw: {
	uint32_t v;
	if (LOAD(r[RS] + IMM, 4, &v) != 0)
		goto exc;
	SET_LOADED(RTW, v);
	DONE();
}
op_lbu: {
	uint32_t v;
	if (LOAD(r[RS] + IMM, 1, &v) != 0)
		goto exc;
	SET_LOADED(RTW, v);
	DONE();
}
op_lhu: {
	uint32_t v;
	if (LOAD(r[RS] + IMM, 2, &v) != 0)
		goto exc;
	SET_LOADED(RTW, v);
	DONE();
}
	/* lwl/lwr: the R3000 forwards a pending load of rt into the merge,
	   so lwl/lwr pairs work back to back. Little-endian: lwl loads the
	   high bytes, lwr the low ones. */
op_lwl: {
	uint32_t va = r[RS] + IMM, w;
	uint32_t old = ld_reg == (int)RT ? ld_val : r[RT];
	if (LOAD(va & ~3u, 4, &w) != 0)
		goto exc;
	unsigned sh = (3 - (va & 3)) * 8;
	uint32_t mask = 0xffffffffu << sh;
	SET_LOADED(RTW, (old & ~mask) | (w << sh));
	DONE();
}
op_lwr: {
	uint32_t va = r[RS] + IMM, w;
	uint32_t old = ld_reg == (int)RT ? ld_val : r[RT];
	if (LOAD(va & ~3u, 4, &w) != 0)
		goto exc;
	unsigned sh = (va & 3) * 8;
	uint32_t mask = 0xffffffffu >> sh;
	SET_LOADED(RTW, (old & ~mask) | (w >> sh));
	DONE();
}
LLOAD(lb, 1, (uint32_t)(int32_t)(int8_t)v)
LLOAD(lh, 2, (uint32_t)(int32_t)(int16_t)v)
LLOAD(lw, 4, v)
LLOAD(lbu, 1, v)
LLOAD(lhu, 2, v)
LSTORE(sb, 1, r[RT] & 0xff)
LSTORE(sh, 2, r[RT] & 0xffff)
LSTORE(sw, 4, r[RT])
op_sb:
	if (STORE(r[RS] + IMM, 1, r[RT] & 0xff) != 0)
		goto exc;
	DONE();
op_sh:
	if (STORE(r[RS] + IMM, 2, r[RT] & 0xffff) != 0)
		goto exc;
	DONE();
op_sw:
	if (STORE(r[RS] + IMM, 4, r[RT]) != 0)
		goto exc;
	DONE();
	/* swl/swr: one partial-word store of the bytes lwl/lwr would load
	   (little-endian): swl writes bytes b..0 with rt's high bytes, swr
	   bytes b..3 with its low bytes. */
op_swl: {
	uint32_t va = r[RS] + IMM;
	unsigned sh = (3 - (va & 3)) * 8;
	SYNC();
	int e = store_masked(m, va, 0xffffffffu >> sh, r[RT] >> sh);
	RELOAD();
	if (e != 0)
		goto exc;
	DONE();
}
op_swr: {
	uint32_t va = r[RS] + IMM;
	unsigned sh = (va & 3) * 8;
	SYNC();
	int e = store_masked(m, va, 0xffffffffu << sh, r[RT] << sh);
	RELOAD();
	if (e != 0)
		goto exc;
	DONE();
}
op_lwc1: {
	if (!(c->cp0[CP0_STATUS] & SR_CU1))
		COP_UNUSABLE(1);
	uint32_t v;
	if (LOAD(r[RS] + IMM, 4, &v) != 0)
		goto exc;
	c->fpu.fgr[RT] = v;
	c->fpu.ready[RT] = CYC + 1;	/* the load delay */
	DONE();
}
op_swc1:
	if (!(c->cp0[CP0_STATUS] & SR_CU1))
		COP_UNUSABLE(1);
	LSTALL(fpu_stall_for(&c->fpu, RT, CYC), m->stats.stall_fpu);
	if (STORE(r[RS] + IMM, 4, c->fpu.fgr[RT]) != 0)
		goto exc;
	DONE();
op_ri:
	EXCEPTION(EXC_RI);

out:
	if (m->paused)
		c->idec_stale = 1;	/* see idec_gen above */
	m->run_until = ~0ull;
	if (m->fatal && m->exit_status == 0)
		m->exit_status = 3;
}
