/*
 * env.h - environments, the Aegis "process" (SOSP'95 §5.1): for now the
 * addressing context (an ASID and the guaranteed mappings Aegis itself
 * services) and the saved user registers. The exception, interrupt and
 * protected-entry contexts join it with their mechanisms.
 * Invariants: every guaranteed mapping names a page the environment owns,
 * or a read-only device page it was given; every route in its routing
 * block is kernel code, and every save-area address is in a page it owns.
 */
#ifndef AEGIS_ENV_H
#define AEGIS_ENV_H

#include <stdint.h>
#include "exc.h"
#include "trapframe.h"

#define MAX_ENVS	16
#define MAX_GMAPS	64

struct gmap {
	uint32_t vpn;		/* virtual page (va >> 12) */
	uint32_t ppn;		/* physical page */
	uint8_t writable;
	uint8_t device;		/* a read-only device page (not RAM): uncached */
};

/* How an environment ended. */
struct env_exit {
	int status;		/* its exit status, if it exited */
	int killed;		/* 1 if Aegis stopped it on an exception */
	unsigned exc_code;	/* Cause.ExcCode that stopped it */
	uint32_t epc, badvaddr;
};

#include "envoffsets.h"

struct env {
	struct xc xc;		/* exception routing: its handlers, its save area */
	uint32_t entryhi;
	uint32_t sync_pc, async_pc;
	unsigned id;		/* 1..MAX_ENVS; 0 = slot free */
	unsigned asid;		/* 6-bit TLB address-space id */
	struct gmap gmap[MAX_GMAPS];
	int ngmap;
	struct trapframe tf;	/* user registers while not running */
	struct env_exit exit;
} __attribute__((aligned(1 << ENV_STRIDE_SHIFT)));

_Static_assert(__builtin_offsetof(struct env, entryhi) == ENV_ENTRYHI, "env.h offsets");
_Static_assert(__builtin_offsetof(struct env, sync_pc) == ENV_SYNC_PC, "env.h offsets");
_Static_assert(__builtin_offsetof(struct env, async_pc) == ENV_ASYNC_PC, "env.h offsets");
_Static_assert(__builtin_offsetof(struct env, id) == ENV_ID, "env.h offsets");
_Static_assert(sizeof(struct env) == 1 << ENV_STRIDE_SHIFT, "env.h stride");

/* The environment a trap or system call came from (set on entry to the
   kernel from the routing block that was current: see cur_xc). */
extern struct env *curenv;
extern struct env envs[MAX_ENVS];

/* Set up physical memory and take over user-mode exceptions. */
void env_init(void);
/* Create an environment from an ELF image (e.g. from the boot archive).
   Returns NULL with a reason in *why if the image is unusable. */
struct env *env_create(const void *elf, uint32_t size, const char **why);
/* Run e in user mode until it exits or is stopped; returns how it ended.
   Its pages are released afterwards. */
struct env_exit env_run(struct env *e);
/* Free everything e holds; it can no longer be run or called. */
void env_destroy(struct env *e);
/* SYS_exit: end the current environment with status. */
void env_exit_syscall(int status) __attribute__((noreturn));
/* Called from trap(): end the current environment. */
void env_exit_current(int status, int killed, const struct trapframe *tf) __attribute__((noreturn));

/* User memory as the current environment may use it: the physical
   address behind va, or 0 if va is not mapped (writable, if asked). */
uint32_t env_translate(const struct env *e, uint32_t va, int write);
/* Copy len bytes from user va into the kernel; -1 if any byte is not the
   environment's to read. */
int copyin(const struct env *e, void *dst, uint32_t va, uint32_t len);
/* Give e a read-only, uncached mapping of a device page; -1 if va is taken. */
int env_map_device(struct env *e, uint32_t va, uint32_t pa);
/* Service a TLB miss on a guaranteed mapping; 0 if handled. */
int env_tlb_refill(struct env *e, uint32_t badvaddr);

#endif
