/*
 * fuzz_cpu.c - libFuzzer harness for pmaxsim's CPU (sim/cpu.c, fpu.c) and,
 * through the guest's loads and stores, its devices: the fuzzer's bytes
 * (after the first, which picks the model) are placed as code in a fresh
 * machine's RAM at 0x80001000 and run, in kernel mode, for a bounded number
 * of cycles. Every exception goes to a tiny handler at the RAM vectors
 * (Status.BEV clear) that skips the faulting instruction (EPC + 4, rfe); a
 * guest that breaks its own handler wedges and pmaxsim ends the run, as it
 * would with any guest. Checked after every slice of the run (the
 * simulator's own invariants, sim/machine.h and sim/cpu.h): no host crash
 * and no sanitizer report (ASan, UBSan), r0 reads 0, the cycle and
 * instruction counts only grow, Status has only writable bits, the load
 * delay names a register, the write buffer holds at most 8 writes, the TLB
 * hints are TLB indices, and a stopped machine says why.
 * A run ends early once the PC reaches zeroed RAM outside the code (nops).
 * Every input starts from the same fresh machine (see get_machine).
 * Build and run: make simfuzz (sim/tests/simfuzz/simfuzz.mk).
 */
#include "fuzz_ram.h"
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../cpu.h"
#include "../../idle.h"
#include "../../machine.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CODE_PA		0x00001000u
#define CODE_MAX	4096u
#define SLICE		200u		/* cycles between invariant checks */
#define RUN_CYCLES	5000u		/* each input runs at most this long: 4 KB of code is 1024 instructions */

/* The exception handler, at both RAM vectors (UTLB miss 0x80000000 and
   general 0x80000080): resume after the faulting instruction. R3000
   manual ch. 5: EPC names the instruction (or the branch, Cause.BD, whose
   delay slot faulted); rfe in jr's delay slot pops the KU/IE stack. */
static const uint32_t handler[] = {
	0x401a7000,	/* mfc0  k0, EPC */
	0x00000000,	/* nop (mfc0's load delay) */
	0x275a0004,	/* addiu k0, k0, 4 */
	0x03400008,	/* jr    k0 */
	0x42000010,	/* rfe */
};

static void fail(struct machine *m, const char *what)
{
	fprintf(stderr, "fuzz_cpu: invariant broken: %s (pc 0x%08x, cycle %llu)\n", what,
		m->cpu.pc, (unsigned long long)m->cpu.cycles);
	abort();
}

static void check(struct machine *m, uint64_t cycles0, uint64_t insns0)
{
	const struct cpu *c = &m->cpu;
	if (c->r[0] != 0)
		fail(m, "r0 is not 0");
	if (c->cycles < cycles0 || m->stats.instructions < insns0)
		fail(m, "the cycle or instruction count went back");
	if (c->cp0[CP0_STATUS] & ~SR_WRITABLE)
		fail(m, "Status has bits an R3000 cannot set");
	if (c->ld_reg < 0 || c->ld_reg > 31)
		fail(m, "the load delay names no register");
	if (c->in_delay_slot != 0 && c->in_delay_slot != 1)
		fail(m, "in_delay_slot is not a flag");
	if (c->wbuf_count > 8 || c->wbuf_head >= 8)
		fail(m, "the write buffer holds more than 8 writes");
	for (int i = 0; i < 2; i++)
		if (c->tlb_hint[i] < 0 || c->tlb_hint[i] >= TLB_ENTRIES)
			fail(m, "a TLB hint is not a TLB index");
	if (machine_run_state(m) == MACHINE_STOPPED && !m->halted && !m->fatal)
		fail(m, "the machine stopped without saying why");
}

/* A machine per model, built once (~20 ms under ASan) and photographed;
   every input starts from that photograph, restored: the struct machine
   (CPU, events, cycle count, statistics) and every block of device state
   machine_zalloc gave it (walked as machine.c's struct machine_block: a
   next pointer first; sized by malloc_usable_size, exact under ASan),
   blocks added since (the idle skip's) freed; RAM and the caches zeroed.
   So each input runs on the same fresh machine, and a crash repeats alone. */
struct snapshot {
	struct machine *m;
	struct machine saved;
	int nblocks;
	struct { void *block, *copy; size_t len; } blocks[64];
};
static struct snapshot snaps[3];

static struct machine *get_machine(unsigned which)
{
	static FILE *devnull;
	static const struct model *models[] = { &model_kn03, &model_kn02ba, &model_kn02 };
	struct snapshot *s = &snaps[which];
	if (s->m)
		return s->m;
	if (!devnull && !(devnull = fopen("/dev/null", "w")))
		abort();
	struct machine *m = calloc(1, sizeof *m);
	if (!m || machine_init(m, models[which], 8, NULL) != 0)
		abort();
	fuzz_ram_setup(m);
	machine_set_console(m, devnull, -1);
	/* The idle skip's state, allocated on its first use, made now so
	   that the snapshot holds it (freeing and allocating it again for
	   every input was a third of the time): idle_event allocates it,
	   then returns at once, no event being far enough away. */
	uint64_t next = m->next_event;
	m->next_event = m->cpu.cycles;
	idle_event(m);
	m->next_event = next;
	if (!m->idle)
		abort();
	for (void *b = m->blocks; b; b = *(void **)b) {
		if (s->nblocks == (int)(sizeof s->blocks / sizeof s->blocks[0]))
			abort();
		size_t len = malloc_usable_size(b);
		void *copy = malloc(len);
		if (!copy)
			abort();
		memcpy(copy, b, len);
		s->blocks[s->nblocks].block = b;
		s->blocks[s->nblocks].copy = copy;
		s->blocks[s->nblocks++].len = len;
	}
	s->saved = *m;
	s->m = m;
	return m;
}

static void restore(struct snapshot *s)
{
	struct machine *m = s->m;
	while (m->blocks != s->saved.blocks) {
		void *b = m->blocks;
		m->blocks = *(void **)b;
		free(b);
	}
	for (int i = 0; i < s->nblocks; i++)
		memcpy(s->blocks[i].block, s->blocks[i].copy, s->blocks[i].len);
	/* The core's decoded I-cache lines (c->idec) are allocated at its first
	   run, after the photograph: keep them (not the photograph's NULL) and
	   forget every line, as the caches below are emptied. */
	struct dinsn *idec = m->cpu.idec;
	*m = s->saved;
	struct cpu *c = &m->cpu;
	c->idec = idec;
	if (idec)
		for (uint32_t i = 0; i <= c->icache.nlines; i++)
			idec[i].key = 0;
	memset(c->icache.tag, 0, c->icache.nlines * sizeof *c->icache.tag);
	memset(c->icache.data, 0, c->icache.nlines * sizeof *c->icache.data);
	memset(c->dcache.tag, 0, c->dcache.nlines * sizeof *c->dcache.tag);
	memset(c->dcache.data, 0, c->dcache.nlines * sizeof *c->dcache.data);
	fuzz_ram_reset(m, 0, 0, "fuzz_cpu");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 5)
		return 0;
	unsigned which = data[0] % 3;
	struct machine *m = get_machine(which);
	data++, size--;
	if (size > CODE_MAX)
		size = CODE_MAX;
	memcpy(m->ram, handler, sizeof handler);
	memcpy(m->ram + 0x80, handler, sizeof handler);
	memcpy(m->ram + CODE_PA, data, size & ~(size_t)3);

	struct cpu *c = &m->cpu;
	/* Registers pointing at places worth reaching: RAM (kseg0, kseg1), the
	   code itself, the top of RAM, kseg2 (TLB-mapped) and the I/O space. */
	static const uint32_t seeds[] = {
		0x80002000, 0xa0002000, 0x80001000, 0x807ffff0, 0xc0000000,
		0xbf800000, 0xbfc00000, 0xbc000000, 0x00400000, 0x7fffffff,
		0x80000000, 0xffffffff, 0x00000001, 0x0000ffff, 0xfffffffe,
	};
	for (unsigned i = 1; i < 32; i++)
		c->r[i] = seeds[i % (sizeof seeds / sizeof seeds[0])];
	c->cp0[CP0_STATUS] = SR_CU0 | SR_CU1;	/* kernel mode, RAM vectors */
	cpu_irq_update(m);
	c->pc = 0x80000000u | CODE_PA;
	c->npc = c->pc + 4;
	c->in_delay_slot = 0;

	uint64_t start = c->cycles, cycles0 = c->cycles, insns0 = m->stats.instructions;
	while (machine_run_state(m) == MACHINE_RUNNING && c->cycles - start < RUN_CYCLES) {
		machine_run_for(m, SLICE);
		check(m, cycles0, insns0);
		cycles0 = c->cycles;
		insns0 = m->stats.instructions;
		/* Run off the code into zeroed RAM: only nops from here. */
		uint32_t pa = c->pc & 0x1fffffffu;
		if (c->pc - 0x80000000u < 0x40000000u && pa < m->ram_size && !(pa & 3) &&
		    (pa < CODE_PA || pa >= CODE_PA + size) && !*(uint32_t *)(m->ram + pa))
			break;
	}
	restore(&snaps[which]);
	return 0;
}
