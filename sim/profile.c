/*
 * profile.c - --profile FILE: cycles and instructions per guest function,
 * exclusive and inclusive, written to FILE at exit, and the same run as
 * folded stacks in FILE.folded (flame graphs). An observer (machine.h);
 * each machine profiled has its own profiler, freed with the machine.
 *
 * An instruction's cycles are the cycle-count delta from its start to the
 * start of the next observed instruction (stalls included), charged to the
 * call-tree node it ran in. The call tree follows jal/jalr/bal/bltzal/bgezal
 * (a call when its delay slot has run and the target is reached) and
 * `jr ra` (a return to a frame's return address); an exception pushes a
 * pseudo-frame named after the code at its vector, popped by the rfe.
 * Invariant: the top frame's function is the function containing the pc;
 * when control gets somewhere else (longjmp, tail call `j`, a context
 * switch, a return that matches no frame) the stack is resynchronised:
 * popped to the nearest frame of that function, or its top replaced.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cpu.h"
#include "debugtools.h"
#include "machine.h"
#include "symbols.h"

#define MAX_DEPTH	256		/* deeper calls are attributed flat */
#define MAX_NODES	(1 << 21)	/* distinct stacks kept */

struct node {
	int func, parent;
	uint64_t cycles, insns;		/* exclusive ("self") */
};

struct frame {
	int node;
	uint32_t ret;			/* where its caller resumes */
	int exc;			/* an exception pseudo-frame */
};

enum { PEND_NONE, PEND_CALL, PEND_RET, PEND_ERET };

struct profiler {
	const char *outfile, *image;
	struct symtab syms;
	/* Functions: ids 0..syms.n-1 are symbols, then extra[] ("[prom]" and
	   "[unknown 0x...]" pages). */
	char **extra;
	int nextra, capextra;
	int prom_id;
	uint32_t *page_key;		/* open-addressed page -> id map */
	int *page_id, page_cap, page_n;
	/* The last lookup: pcs in [cache_lo, cache_lo + cache_len). */
	uint32_t cache_lo, cache_len;
	int cache_id;

	/* The call tree: node 0 is the root; children found by hashing. */
	struct node *nodes;
	int nnodes, capnodes, truncated;
	int *hash;			/* node index + 1, 0 empty */
	int hash_cap;

	struct frame stack[MAX_DEPTH];
	int depth;
	int pend, pend_count;
	uint32_t pend_target, pend_ret;

	int started;
	int open;			/* an observed instruction not yet charged */
	uint64_t prev_cycles;		/* when it started */
	uint64_t last_delta;		/* the cycles last charged */
};

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n);
	if (!q) {
		fprintf(stderr, "pmaxsim: out of memory (--profile)\n");
		exit(1);
	}
	return q;
}

static int is_rom(uint32_t pc)
{
	return pc >= 0x80000000u && pc < 0xc0000000u && (pc & 0x1fffffffu) >= 0x1fc00000u;
}

static int extra_func(struct profiler *p, const char *name)
{
	if (p->nextra == p->capextra) {
		p->capextra = p->capextra ? 2 * p->capextra : 16;
		p->extra = xrealloc(p->extra, (size_t)p->capextra * sizeof *p->extra);
	}
	p->extra[p->nextra] = strdup(name);
	if (!p->extra[p->nextra]) {
		fprintf(stderr, "pmaxsim: out of memory (--profile)\n");
		exit(1);
	}
	return p->syms.n + p->nextra++;
}

static const char *func_name(const struct profiler *p, int id)
{
	return id < p->syms.n ? p->syms.syms[id].name : p->extra[id - p->syms.n];
}

/* The "[unknown 0x...]" bucket of a 4 KB page. */
static int page_func(struct profiler *p, uint32_t page)
{
	if (2 * (p->page_n + 1) > p->page_cap) {
		int oldcap = p->page_cap;
		uint32_t *ok = p->page_key;
		int *oi = p->page_id;
		p->page_cap = oldcap ? 2 * oldcap : 64;
		p->page_key = xrealloc(NULL, (size_t)p->page_cap * sizeof *p->page_key);
		p->page_id = xrealloc(NULL, (size_t)p->page_cap * sizeof *p->page_id);
		for (int i = 0; i < p->page_cap; i++)
			p->page_id[i] = -1;
		for (int i = 0; i < oldcap; i++)
			if (oi[i] >= 0) {
				unsigned h = (ok[i] >> 12) * 2654435761u & (p->page_cap - 1);
				while (p->page_id[h] >= 0)
					h = (h + 1) & (p->page_cap - 1);
				p->page_key[h] = ok[i];
				p->page_id[h] = oi[i];
			}
		free(ok);
		free(oi);
	}
	unsigned h = (page >> 12) * 2654435761u & (p->page_cap - 1);
	while (p->page_id[h] >= 0) {
		if (p->page_key[h] == page)
			return p->page_id[h];
		h = (h + 1) & (p->page_cap - 1);
	}
	char name[32];
	snprintf(name, sizeof name, "[unknown 0x%08x]", page);
	p->page_key[h] = page;
	p->page_id[h] = extra_func(p, name);
	p->page_n++;
	return p->page_id[h];
}

/* The function containing pc. */
static int func_of(struct profiler *p, uint32_t pc)
{
	if (pc - p->cache_lo < p->cache_len)
		return p->cache_id;
	const struct symbol *s = symtab_find(&p->syms, pc);
	if (s) {
		uint32_t end = s->end;
		if (s + 1 < p->syms.syms + p->syms.n && s[1].addr < end)
			end = s[1].addr;
		p->cache_lo = s->addr;
		p->cache_len = end - s->addr;
		p->cache_id = (int)(s - p->syms.syms);
		return p->cache_id;
	}
	if (is_rom(pc))
		return p->prom_id;
	return page_func(p, pc & ~0xfffu);
}

/* The child of parent for func, created on first use; parent itself when
   the tree is full (then the profile says so). */
static int child(struct profiler *p, int parent, int func)
{
	unsigned h = ((unsigned)parent * 2654435761u ^ (unsigned)func * 40503u) & (p->hash_cap - 1);
	for (int k; (k = p->hash[h]) != 0; h = (h + 1) & (p->hash_cap - 1))
		if (p->nodes[k - 1].parent == parent && p->nodes[k - 1].func == func)
			return k - 1;
	if (p->nnodes >= MAX_NODES) {
		p->truncated = 1;
		return parent;
	}
	if (p->nnodes == p->capnodes) {
		p->capnodes *= 2;
		p->nodes = xrealloc(p->nodes, (size_t)p->capnodes * sizeof *p->nodes);
	}
	int n = p->nnodes++;
	p->nodes[n] = (struct node){ func, parent, 0, 0 };
	p->hash[h] = n + 1;
	if (2 * p->nnodes > p->hash_cap) {	/* rehash at half full */
		free(p->hash);
		p->hash_cap *= 2;
		p->hash = calloc((size_t)p->hash_cap, sizeof *p->hash);
		if (!p->hash) {
			fprintf(stderr, "pmaxsim: out of memory (--profile)\n");
			exit(1);
		}
		for (int i = 1; i < p->nnodes; i++) {
			const struct node *x = &p->nodes[i];
			unsigned g = ((unsigned)x->parent * 2654435761u ^ (unsigned)x->func * 40503u) &
				     (p->hash_cap - 1);
			while (p->hash[g])
				g = (g + 1) & (p->hash_cap - 1);
			p->hash[g] = i + 1;
		}
	}
	return n;
}

static int top_node(const struct profiler *p)
{
	return p->depth ? p->stack[p->depth - 1].node : 0;
}

static void push(struct profiler *p, int func, uint32_t ret, int exc)
{
	if (p->depth == MAX_DEPTH)
		return;		/* resync then replaces the top frame */
	p->stack[p->depth].node = child(p, top_node(p), func);
	p->stack[p->depth].ret = ret;
	p->stack[p->depth].exc = exc;
	p->depth++;
}

/* A return to pc: pop the frame whose caller resumes there (not past an
   exception frame). No match: leave it to resync(). */
static void do_return(struct profiler *p, uint32_t pc)
{
	for (int i = p->depth - 1; i >= 0; i--) {
		if (p->stack[i].ret == pc && !p->stack[i].exc) {
			p->depth = i;
			return;
		}
		if (p->stack[i].exc)
			return;
	}
}

/* Make the top frame's function the one containing pc. */
static void resync(struct profiler *p, uint32_t pc)
{
	int f = func_of(p, pc);
	if (p->depth && p->nodes[top_node(p)].func == f)
		return;
	for (int i = p->depth - 2; i >= 0; i--) {
		if (p->nodes[p->stack[i].node].func == f) {	/* an unwind */
			p->depth = i + 1;
			return;
		}
		if (p->stack[i + 1].exc)
			break;		/* not across an exception */
	}
	if (!p->depth) {
		push(p, f, 0, 0);
		return;
	}
	/* A jump elsewhere (tail call, context switch): replace the top. */
	struct frame *t = &p->stack[p->depth - 1];
	t->node = child(p, p->depth > 1 ? p->stack[p->depth - 2].node : 0, f);
}

static void apply_pending(struct profiler *p, uint32_t pc)
{
	int kind = p->pend;
	p->pend = PEND_NONE;
	switch (kind) {
	case PEND_CALL:
		if (pc == p->pend_target) {
			push(p, func_of(p, pc), p->pend_ret, 0);
		} else if (pc == p->pend_ret && is_rom(p->pend_target) && p->last_delta > 1) {
			/* A PROM routine the simulator performed in C: the time
			   from the delay slot to the return, less the delay
			   slot's own cycle, was the call. */
			int caller = top_node(p), k = child(p, caller, p->prom_id);
			if (k != caller) {
				p->nodes[caller].cycles -= p->last_delta - 1;
				p->nodes[k].cycles += p->last_delta - 1;
			}
		}
		break;
	case PEND_RET:
		do_return(p, pc);
		break;
	case PEND_ERET:
		for (int i = p->depth - 1; i >= 0; i--)
			if (p->stack[i].exc) {
				p->depth = i;
				break;
			}
		break;
	}
}

/* Charge the cycles up to now (and the open instruction) to the top frame. */
static void charge(struct profiler *p, uint64_t now)
{
	struct node *n = &p->nodes[top_node(p)];
	p->last_delta = now - p->prev_cycles;
	n->cycles += p->last_delta;
	n->insns += p->open;
	p->open = 0;
	p->prev_cycles = now;
}

static void on_insn(struct machine *m, void *ctx, uint32_t pc, uint32_t insn)
{
	struct profiler *p = ctx;
	uint64_t now = m->cpu.cycles;

	if (!p->started) {
		p->started = 1;
		resync(p, pc);
		charge(p, now);		/* the cycles before the first one */
	} else {
		charge(p, now);		/* the previous instruction */
		if (p->pend && --p->pend_count == 0)
			apply_pending(p, pc);
		resync(p, pc);
	}
	p->open = 1;

	/* Calls and returns this instruction starts (they take effect two
	   instructions later, after the delay slot). */
	uint32_t op = insn >> 26, rs = (insn >> 21) & 31, rt = (insn >> 16) & 31;
	const uint32_t *r = m->cpu.r;
	if (op == 3) {						/* jal */
		p->pend = PEND_CALL;
		p->pend_target = ((pc + 4) & 0xf0000000u) | (insn & 0x03ffffffu) << 2;
	} else if (op == 0 && (insn & 63) == 9) {		/* jalr */
		p->pend = PEND_CALL;
		p->pend_target = r[rs];
	} else if (op == 1 && (rt == 0x10 || rt == 0x11)) {	/* bltzal, bgezal */
		int taken = rt == 0x10 ? (int32_t)r[rs] < 0 : (int32_t)r[rs] >= 0;
		if (!taken)
			return;
		p->pend = PEND_CALL;
		p->pend_target = pc + 4 + ((uint32_t)(int32_t)(int16_t)insn << 2);
	} else if (op == 0 && (insn & 0x001fffffu) == 8 && rs == 31) {	/* jr ra */
		p->pend = PEND_RET;
		p->pend_target = r[31];
	} else if (insn == 0x42000010u) {			/* rfe */
		p->pend = PEND_ERET;
		p->pend_count = 1;	/* in the delay slot of the jr */
		return;
	} else {
		return;
	}
	p->pend_ret = pc + 8;
	p->pend_count = 2;
}

static void on_exception(struct machine *m, void *ctx, unsigned code,
			 uint32_t epc, uint32_t vector)
{
	struct profiler *p = ctx;
	(void)code;
	if (!p->started)
		return;
	/* The instruction that trapped (or the last one before an interrupt)
	   stays with the function it ran in; the entry into the handler
	   is charged to the handler. */
	charge(p, m->cpu.cycles);
	/* A call or return whose delay slot has run completes at epc if the
	   target's fetch (or an interrupt before it) is what trapped. */
	if (p->pend && p->pend != PEND_ERET && p->pend_count == 1 &&
	    epc == p->pend_target && !(m->cpu.cp0[CP0_CAUSE] & CAUSE_BD)) {
		p->last_delta = 0;
		apply_pending(p, epc);
	}
	p->pend = PEND_NONE;
	push(p, func_of(p, vector), epc, 1);
}

static void profiler_free(struct profiler *p)
{
	symtab_free(&p->syms);
	for (int i = 0; i < p->nextra; i++)
		free(p->extra[i]);
	free(p->extra);
	free(p->page_key);
	free(p->page_id);
	free(p->nodes);
	free(p->hash);
	free(p);
}

static void on_detach(struct machine *m, void *ctx)
{
	(void)m;
	profiler_free(ctx);
}

/* The machine's profiler (each machine profiled has its own), or NULL. */
static struct profiler *profiler_of(struct machine *m)
{
	for (int i = 0; i < m->nobservers; i++)
		if (m->observers[i].detach == on_detach)
			return m->observers[i].ctx;
	return NULL;
}

int profile_attach(struct machine *m, const char *outfile,
		   const char *const *symfiles, int nsymfiles)
{
	if (profiler_of(m)) {
		fprintf(stderr, "pmaxsim: --profile: this machine is already profiled\n");
		return -1;
	}
	struct profiler *p = calloc(1, sizeof *p);
	if (!p) {
		fprintf(stderr, "pmaxsim: out of memory (--profile)\n");
		return -1;
	}
	symtab_init(&p->syms);
	if (symtab_load_files(&p->syms, symfiles, nsymfiles) != 0) {
		profiler_free(p);
		return -1;
	}
	/* Check now that the files can be written, not at the end of a run. */
	for (int i = 0; i < 2; i++) {
		char path[4096];
		snprintf(path, sizeof path, i ? "%s.folded" : "%s", outfile);
		FILE *f = fopen(path, "w");
		if (!f) {
			fprintf(stderr, "pmaxsim: --profile %s: %s\n", path, strerror(errno));
			profiler_free(p);
			return -1;
		}
		fclose(f);
	}
	p->outfile = outfile;
	p->image = nsymfiles > 0 ? symfiles[0] : "?";
	p->prom_id = extra_func(p, "[prom]");
	p->capnodes = 1024;
	p->nodes = xrealloc(NULL, (size_t)p->capnodes * sizeof *p->nodes);
	p->nodes[0] = (struct node){ -1, -1, 0, 0 };
	p->nnodes = 1;
	p->hash_cap = 4096;
	p->hash = calloc((size_t)p->hash_cap, sizeof *p->hash);
	if (!p->hash) {
		profiler_free(p);
		return -1;
	}
	p->cache_len = 0;
	p->prev_cycles = m->cpu.cycles;
	struct observer ob = { .insn = on_insn, .exception = on_exception, .ctx = p,
			       .detach = on_detach };
	if (machine_observe(m, &ob) != 0) {
		fprintf(stderr, "pmaxsim: too many observers for --profile\n");
		profiler_free(p);
		return -1;
	}
	return 0;
}

/* ---- the report ---------------------------------------------------------- */

struct fstat {
	uint64_t ec, ei, ic, ii;	/* exclusive/inclusive cycles/insns */
};

/* A line of the report, carrying its sort keys (qsort passes no context). */
struct rank {
	const struct fstat *s;
	const char *name;
};

static int by_exclusive(const void *a, const void *b)
{
	const struct rank *x = a, *y = b;
	if (x->s->ec != y->s->ec)
		return x->s->ec > y->s->ec ? -1 : 1;
	if (x->s->ic != y->s->ic)
		return x->s->ic > y->s->ic ? -1 : 1;
	return strcmp(x->name, y->name);
}

void profile_finish(struct machine *m)
{
	struct profiler *p = profiler_of(m);
	if (!p || !p->outfile)
		return;
	if (p->started)
		charge(p, m->cpu.cycles);
	int n = p->nnodes, nf = p->syms.n + p->nextra;

	/* Subtree totals (a child's index is above its parent's). */
	uint64_t *tc = calloc((size_t)n, sizeof *tc), *ti = calloc((size_t)n, sizeof *ti);
	int *first = malloc((size_t)n * sizeof *first), *next = malloc((size_t)n * sizeof *next);
	struct fstat *fstats = calloc((size_t)nf, sizeof *fstats);
	int *active = calloc((size_t)nf, sizeof *active);
	struct rank *order = malloc((size_t)nf * sizeof *order);
	if (!tc || !ti || !first || !next || !fstats || !active || !order) {
		fprintf(stderr, "pmaxsim: out of memory writing the profile\n");
		return;
	}
	uint64_t total_c = 0, total_i = 0;
	for (int i = 0; i < n; i++) {
		tc[i] = p->nodes[i].cycles;
		ti[i] = p->nodes[i].insns;
		first[i] = -1;
		total_c += tc[i];
		total_i += ti[i];
	}
	for (int i = n - 1; i >= 1; i--) {
		int par = p->nodes[i].parent;
		tc[par] += tc[i];
		ti[par] += ti[i];
		next[i] = first[par];		/* children lists */
		first[par] = i;
	}

	/* Depth-first: exclusive per function, inclusive counted at the
	   outermost frame of each function on a path (recursion once), and
	   the folded stacks. */
	char folded_path[4096];
	snprintf(folded_path, sizeof folded_path, "%s.folded", p->outfile);
	FILE *ff = fopen(folded_path, "w");
	if (!ff) {
		fprintf(stderr, "pmaxsim: --profile %s: %s\n", folded_path, strerror(errno));
		return;
	}
	size_t pathcap = 1 << 16;
	char *path = malloc(pathcap);
	/* todo holds nodes to visit; a negative entry -(k+1) marks leaving k. */
	int *todo = malloc((size_t)(2 * n + 2) * sizeof *todo);
	size_t *todolen = malloc((size_t)(2 * n + 2) * sizeof *todolen);
	if (!path || !todo || !todolen) {
		fprintf(stderr, "pmaxsim: out of memory writing the profile\n");
		fclose(ff);
		return;
	}
	int nt = 0;
	for (int c = first[0]; c >= 0; c = next[c]) {
		todo[nt] = c;
		todolen[nt++] = 0;
	}
	while (nt > 0) {
		int k = todo[--nt];
		size_t len = todolen[nt];
		if (k < 0) {		/* leaving */
			active[p->nodes[-k - 1].func]--;
			continue;
		}
		const struct node *x = &p->nodes[k];
		struct fstat *s = &fstats[x->func];
		s->ec += x->cycles;
		s->ei += x->insns;
		if (!active[x->func]++) {
			s->ic += tc[k];
			s->ii += ti[k];
		}
		const char *name = func_name(p, x->func);
		size_t nl = strlen(name);
		if (len + nl + 2 > pathcap) {
			pathcap = 2 * (len + nl + 2);
			path = xrealloc(path, pathcap);
		}
		if (len)
			path[len++] = ';';
		memcpy(path + len, name, nl);
		len += nl;
		if (x->cycles)
			fprintf(ff, "%.*s %llu\n", (int)len, path, (unsigned long long)x->cycles);
		todo[nt] = -k - 1;
		todolen[nt++] = 0;
		for (int c = first[k]; c >= 0; c = next[c]) {
			todo[nt] = c;
			todolen[nt++] = len;
		}
	}
	if (fclose(ff) != 0)
		fprintf(stderr, "pmaxsim: --profile %s: write error\n", folded_path);

	FILE *f = fopen(p->outfile, "w");
	if (!f) {
		fprintf(stderr, "pmaxsim: --profile %s: %s\n", p->outfile, strerror(errno));
		return;
	}
	int nused = 0;
	for (int i = 0; i < nf; i++)
		if (fstats[i].ic || fstats[i].ii)
			order[nused++] = (struct rank){ &fstats[i], func_name(p, i) };
	qsort(order, (size_t)nused, sizeof *order, by_exclusive);
	double pc = total_c ? 100.0 / (double)total_c : 0;
	fprintf(f, "# pmaxsim profile of %s on a %s (%s, %u MHz)\n", p->image,
		m->model->name, m->model->board, m->model->timing->mhz);
	fprintf(f, "# %llu cycles, %llu instructions (CPI %.3f), %d functions\n",
		(unsigned long long)total_c, (unsigned long long)total_i,
		total_i ? (double)total_c / (double)total_i : 0.0, nused);
	fprintf(f, "# exclusive: in the function itself; inclusive: with all it called\n");
	if (p->truncated)
		fprintf(f, "# note: more than %d distinct stacks; deeper ones charged to their parents\n",
			MAX_NODES);
	fprintf(f, "#\n#   excl-cycles   excl%%    excl-insns   incl-cycles   incl%%    incl-insns  function\n");
	for (int k = 0; k < nused; k++) {
		const struct fstat *s = order[k].s;
		fprintf(f, "%14llu %6.2f%% %13llu %13llu %6.2f%% %13llu  %s\n",
			(unsigned long long)s->ec, (double)s->ec * pc, (unsigned long long)s->ei,
			(unsigned long long)s->ic, (double)s->ic * pc, (unsigned long long)s->ii,
			order[k].name);
	}
	if (fclose(f) != 0)
		fprintf(stderr, "pmaxsim: --profile %s: write error\n", p->outfile);
	free(tc); free(ti); free(first); free(next); free(fstats); free(active);
	free(order); free(path); free(todo); free(todolen);
}
