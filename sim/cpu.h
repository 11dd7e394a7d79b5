/*
 * cpu.h - the R3000 CPU: integer registers, the load and branch delay
 * state, CP0 (R3000 layout, no Wired/Count/Compare), the 64-entry TLB,
 * the split direct-mapped caches with their write buffer (timing model),
 * and the R3010 FPU as coprocessor 1; also what the interpreter derives
 * from them (fast-path flags, TLB hints), so that all of a CPU's state is
 * in its struct cpu and machines never share any.
 * Source: MIPS R3000 RISC Processor User's Manual; Kane & Heinrich,
 * "MIPS RISC Architecture" (1992), ch. 4-6 and appendix A.
 */
#ifndef SIM_CPU_H
#define SIM_CPU_H

#include <stdint.h>
#include "fpu.h"

struct machine;

/* CP0 register numbers. */
enum {
	CP0_INDEX = 0, CP0_RANDOM = 1, CP0_ENTRYLO = 2, CP0_CONTEXT = 4,
	CP0_BADVADDR = 8, CP0_ENTRYHI = 10, CP0_STATUS = 12, CP0_CAUSE = 13,
	CP0_EPC = 14, CP0_PRID = 15,
};

/* Status bits. */
#define SR_IEC	0x00000001u
#define SR_KUC	0x00000002u
#define SR_IM	0x0000ff00u
#define SR_ISC	0x00010000u
#define SR_SWC	0x00020000u
#define SR_CM	0x00080000u
#define SR_TS	0x00200000u
#define SR_BEV	0x00400000u
#define SR_CU0	0x10000000u
#define SR_CU1	0x20000000u
/* Writable bits of Status on an R3000 (the rest read as zero). */
#define SR_WRITABLE 0xf27fff3fu

#define CAUSE_BD	0x80000000u
#define CAUSE_IP_SW	0x00000300u	/* the two software interrupt bits */

enum exc_code {
	EXC_INT = 0, EXC_MOD = 1, EXC_TLBL = 2, EXC_TLBS = 3, EXC_ADEL = 4,
	EXC_ADES = 5, EXC_IBE = 6, EXC_DBE = 7, EXC_SYS = 8, EXC_BP = 9,
	EXC_RI = 10, EXC_CPU = 11, EXC_OV = 12,
};

#define TLB_ENTRIES	64
#define TLB_WIRED	8	/* Random never selects entries 0..7 */

/* EntryHi: VPN 31..12, ASID 11..6. EntryLo: PFN 31..12, N D V G 11..8. */
#define EHI_VPN		0xfffff000u
#define EHI_ASID	0x00000fc0u
#define ELO_PFN		0xfffff000u
#define ELO_N		0x00000800u
#define ELO_D		0x00000400u
#define ELO_V		0x00000200u
#define ELO_G		0x00000100u

struct tlb_entry {
	uint32_t hi, lo;
};

/* A direct-mapped, physically indexed and tagged cache of one-word lines.
 * data[] is kept for isolated-cache loads and stores (OS cache sizing and
 * flushing); in normal use it mirrors memory (write-through). */
struct cache {
	uint32_t nlines;	/* power of two */
	uint32_t *tag;		/* physical word address | 1 when valid */
	uint32_t *data;
};

/* An instruction word as the interpreter decodes it (cpu.c, "Decoded
   instructions"): its handler and its fields, kept per I-cache line. */
struct dinsn {
	uint64_t key;		/* generation << 32 | the line's tag, or 0 */
	const void *h;		/* the handler in cpu_run_until */
	uint32_t word;		/* the instruction word this decodes */
	int32_t imm;		/* the sign-extended 16-bit immediate */
	uint8_t rs, rt, rd, sa;
	uint8_t rdw, rtw;	/* rd, rt as destinations: r0 is RSINK */
	uint8_t rtr;		/* rt if it may read it as a source, else RSINK */
	uint8_t hix;		/* its handler's index (h is it, or its linked form) */
};
#define RSINK	32

/* One page of kuseg as the TLB last translated it, for the interpreter's
   user-mode fast paths (cpu.c, "Translations"): valid while gen equals
   struct cpu's xlat_gen, which moves on every TLB or EntryHi write. Only
   cached pages of RAM that the TLB maps valid are kept. */
struct xlat {
	uint32_t tag;		/* va >> 12 << 1 | 1 if the page is writable */
	uint32_t delta;		/* physical address - virtual address */
	uint64_t gen;
};
#define XLAT_ENTRIES	64	/* a power of two, direct-mapped by VPN */

struct cpu {
	/* r[32] (RSINK) is no register: the interpreter's sink for writes
	   to r0 and for a load delay with nothing pending (cpu.c). */
	uint32_t r[33];
	uint32_t hi, lo;
	uint32_t pc;		/* the instruction being executed */
	uint32_t npc;		/* the one after it (branch target if taken) */
	int in_delay_slot;	/* pc is a branch delay slot */

	/* Derived from Status, Cause, the interrupt lines and the observers
	   by cpu_irq_update(); read by the interpreter's fast path on every
	   instruction, so they sit here, next to the registers, one load
	   away from the CPU pointer it keeps in a host register. */
	int irq_pending;	/* an enabled interrupt is asserted */
	/* The fast path must step aside: an interrupt is pending, an
	   observer wants to see every instruction, or the idle skip is
	   checking a loop. */
	int attention;
	/* The fast paths for fetches and data accesses take a kseg0 address
	   va when va - 0x80000000 is below these limits: the RAM size while
	   Status lets them (kernel mode; for data also the cache not
	   isolated), else 0, so the one compare also checks the mode. Kept
	   at most 512 MB so that the offset is always a kseg0 (cached) one. */
	uint32_t fetch_limit, data_limit;

	/* Load delay: the value a load (or mfc0/mfc1/cfc1) delivers to
	   ld_reg after the next instruction has read its operands.
	   While cpu_run's instruction handlers run, npc and the load
	   delay live in its locals (cpu.c, "How it runs"); here they are
	   current in its slow path (observers' insn hooks, PROM calls)
	   and once it returns. */
	int ld_reg;		/* 0: none pending */
	uint32_t ld_val;

	uint32_t cp0[32];
	struct tlb_entry tlb[TLB_ENTRIES];

	/* The TLB entries of the last two hits, tried first (cpu.c
	   tlb_lookup); a hint, re-checked on every use. */
	int tlb_hint[2];
	/* Kuseg pages translated for fetches and for data accesses (struct
	   xlat): xlat_gen moves on every TLB write, tlbr and EntryHi write;
	   dxlat_gen is xlat_gen, or 0 (matching no entry) while the data
	   fast paths must step aside (cache isolated, idle skip checking). */
	uint64_t xlat_gen, dxlat_gen;
	struct xlat fxlat[XLAT_ENTRIES], dxlat[XLAT_ENTRIES];
	/* Exceptions taken since the last rfe (or reset): past a limit the
	   guest is wedged (cpu.c). */
	uint64_t exc_streak;

	struct cache icache, dcache;
	/* icache.nlines decoded instructions, one per I-cache line (cpu.c);
	   allocated by the first cpu_run_until. */
	struct dinsn *idec;
	uint32_t idec_gen;	/* a new one forgets every idec entry */
	int idec_stale;		/* take a new one at the next run (a pause) */
	/* cpu_run_until's handlers by decoded index (struct dinsn's hix), for
	   idec_forget to unlink with. */
	const void *const *idec_handler;
	/* Write buffer: the cycles at which queued writes retire. */
	uint64_t wbuf[8];
	unsigned wbuf_head, wbuf_count;

	uint64_t cycles;
	uint64_t hilo_ready;	/* cycle when a mult/div result is ready */

	struct fpu fpu;

	/* An instruction fetched (and its fetch stalls charged) just before
	   an observer paused the run: cpu_run executes it on resume without
	   fetching again, so a paused run times exactly like an unpaused one.
	   A debugger that changes pc or memory clears it (cpu_discard_fetch). */
	int fetched_valid;
	uint32_t fetched_pc, fetched_insn;
};

/* Reset state (as after a PROM hand-off: kernel mode, BEV set). */
void cpu_reset(struct machine *m);
/* Run until halted, a fatal condition, the cycle limit, or a pause. */
void cpu_run(struct machine *m);
/* The same, returning also at the first instruction boundary at or past
   cycle until (machine.h, machine_run_until). */
void cpu_run_until(struct machine *m, uint64_t until);
/* Forget an instruction fetched before a pause (see struct cpu). */
static inline void cpu_discard_fetch(struct cpu *c) { c->fetched_valid = 0; }
/* Recompute the interrupt state after Status, Cause or a line changed. */
void cpu_irq_update(struct machine *m);
/* Exceptions raised by devices' emulation paths (e.g. the PROM). */
void cpu_exception(struct machine *m, enum exc_code code, uint32_t badvaddr);

#endif
