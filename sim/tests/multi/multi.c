/*
 * multi.c - host test that several machines share one process without
 * sharing state (machine.h): each guest image given is booted alone, run
 * to the end as pmaxsim runs it, then all of them together, advanced in
 * turn a slice of cycles at a time (even slices in step, as machines on
 * one Ethernet would be; uneven ones of pseudo-random length; the same
 * with an observer that pauses one machine now and then). Every machine
 * must end each together-run exactly as it ended alone: console output
 * byte for byte, cycle count and all statistics, exit status. TAP lines.
 *   usage: multi [-M MODEL] [-o ARGS] [-i FILE] [--max-cycles N] [-x STATUS] IMAGE
 *                [-M ...] IMAGE ...
 * Each IMAGE ends one machine's options: its model (default 5000/240),
 * boot arguments, a file typed into its console (read afresh for every
 * run; default none), its cycle limit (default 1.2e9) and the exit status
 * its run alone must end with (default 0: halted through the PROM; 2 the
 * cycle limit, 3 wedged).
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include "../../machine.h"

#define MAX_MACHINES	8

struct spec {
	const struct model *model;
	const char *args, *input, *image;
	uint64_t max_cycles;
	int expect_status;
};
#define SPEC_DEFAULT	((struct spec){ &model_kn03, NULL, NULL, NULL, 1200000000u, 0 })

/* How one machine's run ended. */
struct outcome {
	char *console;
	size_t console_len;
	struct stats stats;
	uint64_t cycles;
	uint32_t pc;
	int exit_status;
	const char *fatal;
	uint64_t slices, pauses;
};

static int nchecks, nfailed;

static void check(int ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void check(int ok, const char *fmt, ...)
{
	va_list ap;
	printf("%sok %d - ", ok ? "" : "not ", ++nchecks);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!ok)
		nfailed++;
}

/* A machine booted from spec s, its console into a memory stream. */
struct run {
	struct machine m;
	FILE *out;
	int in_fd;
	struct outcome o;
};

static struct run *boot(const struct spec *s)
{
	struct run *r = calloc(1, sizeof *r);
	char err[256];
	if (!r || machine_init(&r->m, s->model, 0, NULL) != 0) {
		printf("Bail out! cannot set up a %s\n", s->model->name);
		exit(1);
	}
	r->out = open_memstream(&r->o.console, &r->o.console_len);
	if (!r->out) {
		printf("Bail out! open_memstream failed\n");
		exit(1);
	}
	r->in_fd = -1;
	if (s->input && (r->in_fd = open(s->input, O_RDONLY)) < 0) {
		printf("Bail out! cannot open %s\n", s->input);
		exit(1);
	}
	machine_set_console(&r->m, r->out, r->in_fd);
	machine_set_max_cycles(&r->m, s->max_cycles);
	if (machine_boot(&r->m, s->image, s->args, err, sizeof err) != 0) {
		printf("Bail out! %s\n", err);
		exit(1);
	}
	return r;
}

/* Record how the run ended, and free the machine. */
static struct outcome finish(struct run *r)
{
	struct outcome o = r->o;
	o.stats = r->m.stats;
	o.cycles = r->m.cpu.cycles;
	o.pc = r->m.cpu.pc;
	o.exit_status = r->m.exit_status;
	o.fatal = r->m.fatal;
	machine_free(&r->m);
	if (r->in_fd >= 0)
		close(r->in_fd);
	fclose(r->out);		/* sets console and console_len */
	o.console = r->o.console;
	o.console_len = r->o.console_len;
	free(r);
	return o;
}

/* The pausing observer: machine_pause every `every` instructions, the
   way the gdb stub stops a machine between two instructions. */
struct pauser {
	uint64_t every, count;
};

static void pause_insn(struct machine *m, void *ctx, uint32_t pc, uint32_t insn)
{
	struct pauser *p = ctx;
	(void)pc; (void)insn;
	if (++p->count % p->every == 0)
		machine_pause(m);
}

static void pause_detach(struct machine *m, void *ctx)
{
	(void)m;
	free(ctx);
}

/* A deterministic slice length in 1..limit (xorshift). */
static uint64_t next_len(uint64_t *state, uint64_t limit)
{
	uint64_t x = *state;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*state = x;
	return 1 + x % limit;
}

enum scheme { EVEN, UNEVEN, PAUSING };
static const char *const scheme_names[] = {
	"in step, 10000-cycle slices",
	"uneven slices of 1..50000 cycles",
	"uneven slices, the last machine paused every 65537 instructions",
};

/* Run all machines together; out[i] receives machine i's ending. */
static void run_together(const struct spec *specs, int n, enum scheme sc, struct outcome *out)
{
	struct run *r[MAX_MACHINES];
	uint64_t rng[MAX_MACHINES];
	for (int i = 0; i < n; i++) {
		r[i] = boot(&specs[i]);
		rng[i] = 0x9e3779b97f4a7c15ull * (uint64_t)(i + 1);
	}
	if (sc == PAUSING) {
		struct pauser *p = calloc(1, sizeof *p);
		struct observer ob = { .insn = pause_insn, .ctx = p, .detach = pause_detach };
		if (p)
			p->every = 65537;
		if (!p || machine_observe(&r[n - 1]->m, &ob) != 0) {
			printf("Bail out! cannot attach the pausing observer\n");
			exit(1);
		}
	}
	uint64_t t = 0;
	for (int running = n; running > 0;) {
		t += 10000;
		running = 0;
		for (int i = 0; i < n; i++) {
			struct machine *m = &r[i]->m;
			if (machine_run_state(m) == MACHINE_STOPPED)
				continue;
			enum machine_state st;
			if (sc == EVEN)
				st = machine_run_until(m, t);
			else
				st = machine_run_for(m, next_len(&rng[i], 50000));
			r[i]->o.slices++;
			r[i]->o.pauses += st == MACHINE_PAUSED;
			running += st != MACHINE_STOPPED;
		}
	}
	for (int i = 0; i < n; i++)
		out[i] = finish(r[i]);
}

static void compare(const struct spec *s, int i, const char *how,
		    const struct outcome *alone, const struct outcome *o)
{
	check(o->console_len == alone->console_len &&
	      !memcmp(o->console, alone->console, alone->console_len),
	      "machine %d (%s, %s), %s: console output as alone (%zu bytes, %zu alone)",
	      i, s->model->name, s->image, how, o->console_len, alone->console_len);
	check(o->cycles == alone->cycles && o->pc == alone->pc &&
	      !memcmp(&o->stats, &alone->stats, sizeof o->stats),
	      "machine %d, %s: %" PRIu64 " cycles, %" PRIu64 " instructions, cache and TLB "
	      "statistics as alone (%" PRIu64 " cycles alone; %" PRIu64 " slices, %" PRIu64 " pauses)",
	      i, how, o->cycles, o->stats.instructions, alone->cycles, o->slices, o->pauses);
	check(o->exit_status == alone->exit_status &&
	      (o->fatal == alone->fatal || (o->fatal && alone->fatal && !strcmp(o->fatal, alone->fatal))),
	      "machine %d, %s: exit status %d as alone (%d)", i, how, o->exit_status,
	      alone->exit_status);
}

int main(int argc, char **argv)
{
	struct spec specs[MAX_MACHINES];
	int n = 0;
	struct spec cur = SPEC_DEFAULT;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "-M") && val) {
			if (!(cur.model = model_find(val))) {
				fprintf(stderr, "multi: unknown model %s\n", val);
				return 2;
			}
			i++;
		} else if (!strcmp(a, "-o") && val) {
			cur.args = val;
			i++;
		} else if (!strcmp(a, "-i") && val) {
			cur.input = val;
			i++;
		} else if (!strcmp(a, "--max-cycles") && val) {
			cur.max_cycles = strtoull(val, NULL, 0);
			i++;
		} else if (!strcmp(a, "-x") && val) {
			cur.expect_status = atoi(val);
			i++;
		} else if (a[0] == '-' || n == MAX_MACHINES) {
			fprintf(stderr, "usage: multi [-M MODEL] [-o ARGS] [-i FILE] [--max-cycles N] "
				"[-x STATUS] IMAGE [-M MODEL] ... IMAGE (at most %d)\n", MAX_MACHINES);
			return 2;
		} else {
			cur.image = a;
			specs[n++] = cur;
			cur = SPEC_DEFAULT;
		}
	}
	if (n < 2) {
		fprintf(stderr, "multi: give at least two images\n");
		return 2;
	}
	printf("1..%d\n", n + 3 * 3 * n);

	/* Alone: one machine in the process at a time, run to the end. */
	struct outcome alone[MAX_MACHINES], together[MAX_MACHINES];
	for (int i = 0; i < n; i++) {
		struct run *r = boot(&specs[i]);
		cpu_run(&r->m);
		alone[i] = finish(r);
		check(alone[i].exit_status == specs[i].expect_status &&
		      (alone[i].console_len > 0 || specs[i].expect_status != 0),
		      "machine %d (%s, %s%s%s) alone: exit status %d (%s) after %" PRIu64
		      " cycles, %zu bytes of console output", i, specs[i].model->name,
		      specs[i].image, specs[i].input ? " < " : "", specs[i].input ? specs[i].input : "",
		      alone[i].exit_status, alone[i].fatal ? alone[i].fatal : "halted through the PROM",
		      alone[i].cycles, alone[i].console_len);
	}
	for (enum scheme sc = EVEN; sc <= PAUSING; sc++) {
		run_together(specs, n, sc, together);
		for (int i = 0; i < n; i++) {
			compare(&specs[i], i, scheme_names[sc], &alone[i], &together[i]);
			free(together[i].console);
		}
	}
	for (int i = 0; i < n; i++)
		free(alone[i].console);
	printf("# %d checks, %d failed\n", nchecks, nfailed);
	return nfailed != 0;
}
