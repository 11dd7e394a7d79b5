/*
 * envoffsets.h - where the assembly paths find an environment's fields:
 * through cur_xc (an environment's routing block is the first member of
 * its struct env) or as envs[id - 1], 1 << ENV_STRIDE_SHIFT bytes apart.
 * env.h checks these against the struct at compile time.
 */
#ifndef AEGIS_ENVOFFSETS_H
#define AEGIS_ENVOFFSETS_H

#define ENV_ENTRYHI	384	/* EntryHi while it runs: ASID << 6; 0 = no env */
#define ENV_SYNC_PC	388	/* protected entry context: synchronous PCT */
#define ENV_ASYNC_PC	392	/* and asynchronous */
#define ENV_ID		396
#define ENV_STRIDE_SHIFT 11	/* sizeof(struct env) == 2048 */

#endif
