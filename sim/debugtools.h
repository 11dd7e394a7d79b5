/*
 * debugtools.h - pmaxsim's tools for looking inside a run: the instruction
 * trace (--trace, trace.c), the per-function profiler (--profile,
 * profile.c) and the GDB remote stub (--gdb, gdbstub.c). Each attaches to
 * one machine as an observer (machine.h), with state of its own that
 * machine_free() releases; main.c parses their options.
 */
#ifndef SIM_DEBUGTOOLS_H
#define SIM_DEBUGTOOLS_H

#include <stdint.h>

struct machine;

struct trace_opts {
	const char *file;		/* NULL: stderr */
	uint32_t lo, hi;		/* trace pcs in [lo, hi]; default all */
	uint64_t from, to;		/* and cycles in [from, to]; default all */
};

/* Symbol files: the image itself plus any --symbols FILE (user programs
   the guest loads). Each returns 0, or -1 after printing a one-line error. */
int trace_attach(struct machine *m, const struct trace_opts *o,
		 const char *const *symfiles, int nsymfiles);
int profile_attach(struct machine *m, const char *outfile,
		   const char *const *symfiles, int nsymfiles);
void profile_finish(struct machine *m);	/* write the report at exit */
/* Listen on 127.0.0.1:port and wait for gdb; gdb_run() then drives the
   machine until the guest halts or gdb detaches/kills. */
int gdb_attach(struct machine *m, int port, const char *const *symfiles, int nsymfiles);
void gdb_run(struct machine *m);

#endif
