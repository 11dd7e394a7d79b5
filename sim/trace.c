/*
 * trace.c - --trace: one line per instruction executed inside the window
 * (pcs in [lo, hi], cycles in [from, to]), plus a line for each exception
 * taken, each TLB write and each device note (LANCE register accesses)
 * there. An observer (machine.h), attached only
 * when asked for, so an untraced run pays nothing; each machine traced
 * has its own tracer, freed with the machine. Line formats are in
 * docs/tracing.md; exception codes and vectors follow the R3000 manual
 * (ch. 6) and Kane & Heinrich ch. 5.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cpu.h"
#include "debugtools.h"
#include "disasm.h"
#include "machine.h"
#include "symbols.h"

struct tracer {
	FILE *out;
	struct trace_opts o;
	struct symtab syms;
};

static const char *const exc_names[16] = {
	"Int (interrupt)", "Mod (TLB modified)", "TLBL (TLB miss, load/fetch)",
	"TLBS (TLB miss, store)", "AdEL (address error, load/fetch)",
	"AdES (address error, store)", "IBE (bus error, fetch)",
	"DBE (bus error, data)", "Sys (syscall)", "Bp (break)",
	"RI (reserved instruction)", "CpU (coprocessor unusable)",
	"Ov (overflow)", NULL, NULL, NULL,
};

static int in_window(const struct tracer *t, uint32_t pc, uint64_t cycles)
{
	return pc >= t->o.lo && pc <= t->o.hi && cycles >= t->o.from && cycles <= t->o.to;
}

/* "name+0x1c", or "" when no symbol covers addr. */
static void symbolize(struct tracer *t, uint32_t addr, char *buf, size_t len)
{
	uint32_t off;
	const char *name = symtab_lookup(&t->syms, addr, &off);
	if (!name)
		buf[0] = 0;
	else if (off)
		snprintf(buf, len, "%s+0x%x", name, off);
	else
		snprintf(buf, len, "%s", name);
}

static void on_insn(struct machine *m, void *ctx, uint32_t pc, uint32_t insn)
{
	struct tracer *t = ctx;
	uint64_t cyc = m->cpu.cycles;
	if (!in_window(t, pc, cyc))
		return;
	char dis[128], sym[80];
	disasm(pc, insn, &t->syms, dis, sizeof dis);
	symbolize(t, pc, sym, sizeof sym);
	fprintf(t->out, "%12llu %08x %-28s %08x  %s\n", (unsigned long long)cyc, pc,
		sym, insn, dis);
}

static void on_exception(struct machine *m, void *ctx, unsigned code,
			 uint32_t epc, uint32_t vector)
{
	struct tracer *t = ctx;
	uint64_t cyc = m->cpu.cycles;
	if (!in_window(t, epc, cyc) && !in_window(t, vector, cyc))
		return;
	const struct cpu *c = &m->cpu;
	char sym[80];
	const char *name = code < 16 && exc_names[code] ? exc_names[code] : "reserved code";
	symbolize(t, epc, sym, sizeof sym);
	fprintf(t->out, "%12llu ---- exception %u %s: epc 0x%08x%s%s%s%s", (unsigned long long)cyc,
		code, name, epc, sym[0] ? " <" : "", sym, sym[0] ? ">" : "",
		c->cp0[CP0_CAUSE] & CAUSE_BD ? " (branch delay slot)" : "");
	if (code == EXC_MOD || code == EXC_TLBL || code == EXC_TLBS ||
	    code == EXC_ADEL || code == EXC_ADES)
		fprintf(t->out, " badvaddr 0x%08x", c->cp0[CP0_BADVADDR]);
	if (code == EXC_CPU)
		fprintf(t->out, " coprocessor %u", (c->cp0[CP0_CAUSE] >> 28) & 3);
	if (code == EXC_INT)
		fprintf(t->out, " pending IP 0x%02x", (c->cp0[CP0_CAUSE] >> 8) & 0xff);
	fprintf(t->out, " -> vector 0x%08x%s\n", vector,
		(vector & 0xff) == 0 ? " (UTLB miss)" : "");
}

static void on_tlb_write(struct machine *m, void *ctx, unsigned index,
			 uint32_t hi, uint32_t lo)
{
	struct tracer *t = ctx;
	uint64_t cyc = m->cpu.cycles;
	if (!in_window(t, m->cpu.pc, cyc))
		return;
	fprintf(t->out, "%12llu ---- tlb write index %u: EntryHi 0x%08x (vpn 0x%05x asid %u)"
		" EntryLo 0x%08x (pfn 0x%05x%s%s%s%s)\n", (unsigned long long)cyc, index,
		hi, hi >> 12, (hi & EHI_ASID) >> 6, lo, lo >> 12,
		lo & ELO_N ? " N" : "", lo & ELO_D ? " D" : "",
		lo & ELO_V ? " V" : "", lo & ELO_G ? " G" : "");
}

static void on_device(struct machine *m, void *ctx, const char *note)
{
	struct tracer *t = ctx;
	uint64_t cyc = m->cpu.cycles;
	if (!in_window(t, m->cpu.pc, cyc))
		return;
	fprintf(t->out, "%12llu ---- %s\n", (unsigned long long)cyc, note);
}

static void tracer_free(struct tracer *t)
{
	if (t->out && t->out != stderr)
		fclose(t->out);
	else if (t->out)
		fflush(stderr);
	symtab_free(&t->syms);
	free(t);
}

static void on_detach(struct machine *m, void *ctx)
{
	(void)m;
	tracer_free(ctx);
}

int trace_attach(struct machine *m, const struct trace_opts *o,
		 const char *const *symfiles, int nsymfiles)
{
	/* stderr is the process's: buffered once, for every tracer on it. */
	static char errbuf[1 << 16];
	static int errbuf_set;

	struct tracer *t = calloc(1, sizeof *t);
	if (!t) {
		fprintf(stderr, "pmaxsim: out of memory for --trace\n");
		return -1;
	}
	symtab_init(&t->syms);
	if (symtab_load_files(&t->syms, symfiles, nsymfiles) != 0) {
		tracer_free(t);
		return -1;
	}
	t->o = *o;
	if (o->file) {
		t->out = fopen(o->file, "w");
		if (!t->out) {
			fprintf(stderr, "pmaxsim: --trace-file %s: %s\n", o->file, strerror(errno));
			tracer_free(t);
			return -1;
		}
		setvbuf(t->out, NULL, _IOFBF, 1 << 16);
	} else {
		t->out = stderr;
		if (!errbuf_set) {
			setvbuf(stderr, errbuf, _IOFBF, sizeof errbuf);	/* flushed at exit */
			errbuf_set = 1;
		}
	}
	struct observer ob = { .insn = on_insn, .exception = on_exception,
			       .tlb_write = on_tlb_write, .device = on_device, .ctx = t, .detach = on_detach };
	if (machine_observe(m, &ob) != 0) {
		fprintf(stderr, "pmaxsim: too many observers for --trace\n");
		tracer_free(t);
		return -1;
	}
	return 0;
}
