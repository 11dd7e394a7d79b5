/*
 * envoffsets.h - where the assembly paths find an environment's fields:
 * through cur_xc (an environment's routing block is the first member of
 * its struct env) or as envs[slot] (an id's low bits), 1 << ENV_STRIDE_SHIFT
 * bytes apart from a 64 KB-aligned base (so %hi(envs) alone locates the
 * array).
 * env.h checks these against the struct at compile time.
 */
#ifndef AEGIS_ENVOFFSETS_H
#define AEGIS_ENVOFFSETS_H

#define ENV_ENTRYHI	384	/* EntryHi while it runs: ASID << 6; 0 = no env */
#define ENV_SYNC_PC	388	/* protected entry context: synchronous PCT */
#define ENV_ASYNC_PC	392	/* and asynchronous */
#define ENV_ID		396
#define ENV_CTX		400	/* CTX_*: where its user state is (below) */
#define ENV_STATUS	404	/* Status while it runs (rfe pops KUp/IEp) */
#define ENV_FAST	408	/* 1: a fast yield may leave or resume it */
#define ENV_CALL_ID	412	/* its id while a PCT or fast yield may reach it, else 0 */
#define ENV_TF		416	/* struct trapframe: its saved registers */
#define ENV_STRIDE_SHIFT 11	/* sizeof(struct env) == 2048 */
#define MAX_ENVS	32	/* envs[0] is never an environment */

/* ENV_CTX, where an environment's user state is:
   CTX_SYNC   entered by a synchronous PCT, nothing saved: the owner of
              the slice it runs in gives it its future slices too
              (SOSP'95 §5.5), and it can be resumed only through an entry
              point or an upcall once it leaves;
   CTX_LIVE   the same, entered any other way;
   CTX_FRAME  a whole trap frame saved (preempted, or the slow paths);
   CTX_YIELD  saved by a fast yield: what a procedure call preserves
              (s0-s8, gp, sp, ra) and the PC; a fast yield may resume it;
   CTX_YIELD_SLOW  the same, but only the kernel's C code may resume it
              (ENV_FAST is 0: an upcall or revocation is due first). */
#define CTX_SYNC	0
#define CTX_LIVE	1
#define CTX_FRAME	2
#define CTX_YIELD	3
#define CTX_YIELD_SLOW	4

#endif
