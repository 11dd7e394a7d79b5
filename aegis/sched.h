/*
 * sched.h - the processor as a time-slice vector (SOSP'95 §5.2): slices
 * of one clock tick (15.625 ms at 64 Hz), allocated to environments like
 * pages and run round-robin; slice-start and slice-end upcalls; the
 * excess-time counter; yield; the slices a synchronous PCT donates.
 * The kernel has no threads of its own: it is entered by a trap or a
 * system call and leaves by resuming an environment (env_resume).
 */
#ifndef AEGIS_SCHED_H
#define AEGIS_SCHED_H

#include "env.h"

#define NSLICES		64	/* the vector's length (not published) */

/* Own slice pos (-1: any free one); returns the position, or -errno. */
int slice_alloc(struct env *e, int pos);
int slice_free(struct env *e, int pos);
int slice_any_free(void);	/* is a slice free for slice_alloc(e, -1)? */
/* Forget e in the vector and in every donation (e is ending). */
void sched_forget(struct env *e);

/* The clock ticked while curenv ran in user mode (tf: its registers). */
void sched_tick(struct trapframe *tf);
/* SYS_yield on the slow path: curenv gives the rest of the slice to
   environment id (0: the next slice's owner); returns only when there
   is no such environment or it is the caller (the call returns at once). */
void sched_yield(struct trapframe *tf, unsigned id);
/* curenv has ended or gone: run whoever the vector says next. */
void sched_next(void) __attribute__((noreturn));
/* Run e in user mode from where its context says (upcalls as due). */
void env_resume(struct env *e, int slice_start) __attribute__((noreturn));

/* The kernel's own callers: run environments, first one first, until
   env until ends (return its exit record, slot still held; NULL: until
   none is runnable). */
struct env_exit sched_run_until(struct env *first, struct env *until);
/* env_end() tells the scheduler: e has ended (it may be what the kernel
   waits for). */
void sched_ended(struct env *e);
int sched_awaited(const struct env *e);

#endif
