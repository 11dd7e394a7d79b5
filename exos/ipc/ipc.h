/*
 * exos/ipc/ipc.h - ExOS inter-process communication (SOSP'95 §6.2,
 * Tables 8 and 12), all in the library on Aegis's primitives:
 *   pipe   a circular buffer in a page shared by two processes; a writer
 *          to a full buffer or a reader of an empty one yields its slice
 *          to the peer (SYS_yield(peer)). pipe_read/pipe_write are calls;
 *          pipe_read_inline/pipe_write_inline are the same code inlined
 *          into the caller ("pipe'").
 *   shm    pages shared by capability (ipc_share / ipc_map), the peers
 *          switch with SYS_yield.
 *   lrpc   a call into another address space by synchronous protected
 *          control transfer (SYS_pct_sync); the registers are the message
 *          (a0 the argument and result, a1 the caller's id). lrpc_call
 *          saves and restores the caller's callee-saved registers itself
 *          (the server is not trusted); tlrpc_call trusts the server to
 *          keep them. The caller's synchronous entry point must be
 *          lrpc_reply or tlrpc_reply (lrpc_client_init / tlrpc_client_init).
 * The system calls are inlined here so that the fast paths cost no
 * procedure call and depend on no other part of the library.
 */
#ifndef EXOS_IPC_H
#define EXOS_IPC_H

#include <stdint.h>
#include <aegis/syscall.h>

/* ---- Aegis system calls, inline ---- */
static inline int ipc_syscall(unsigned n, unsigned x0, unsigned x1, unsigned x2, unsigned x3)
{
	register unsigned v0 __asm__("$2") = n;
	register unsigned a0 __asm__("$4") = x0;
	register unsigned a1 __asm__("$5") = x1;
	register unsigned a2 __asm__("$6") = x2;
	register unsigned a3 __asm__("$7") = x3;
	__asm__ __volatile__("syscall"
			     : "+r"(v0), "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3)
			     :
			     : "$1", "$3", "$8", "$9", "$10", "$11", "$12", "$13", "$14",
			       "$15", "$24", "$25", "hi", "lo", "memory");
	return (int)v0;
}
#define ipc_sys0(n)		ipc_syscall((n), 0, 0, 0, 0)
#define ipc_sys1(n, a)		ipc_syscall((n), (unsigned)(a), 0, 0, 0)
#define ipc_sys2(n, a, b)	ipc_syscall((n), (unsigned)(a), (unsigned)(b), 0, 0)
#define ipc_sys4(n, a, b, c, d)	ipc_syscall((n), (unsigned)(a), (unsigned)(b), (unsigned)(c), (unsigned)(d))

static inline int ipc_getenvid(void) { return ipc_sys0(SYS_getenvid); }
static inline int ipc_yield(int id) { return ipc_sys1(SYS_yield, id); }

/* ---- shared pages ---- */
/* IPC pages are mapped from IPC_VA_BASE + slot * IPC_VA_PER_ENV up, one
   page each: a window per environment. (Written when Aegis's STLB was
   indexed by the page number alone; it now mixes in the ASID, and the
   windows still keep one process's IPC pages in different slots.) */
#define IPC_VA_BASE	0x70000000u
#define IPC_VA_PER_ENV	0x20000u	/* 32 pages */
#define IPC_PAGE	4096u

struct ipc_page {
	uint32_t va, ppn;
	uint32_t rcap, wcap;
};
/* A new zeroed page mapped writable here, with fresh read and write
   capabilities to hand out. 0 or a negative AEGIS error. */
int ipc_share(struct ipc_page *pg);
/* Map page ppn with capability cap (writable if write); returns its va or 0. */
uint32_t ipc_map(uint32_t ppn, uint32_t cap, int write);
/* Bind va to ppn in Aegis's TLB/STLB (or through ExOS's VM when it is
   linked in). 0 or a negative AEGIS error. */
int ipc_bind(uint32_t va, uint32_t ppn, uint32_t cap, int write);

/* Spawn another copy of this program (found by name through
   SYS_envinfo), passing it a0 = arg0, a1 = arg1. Returns its id. */
int ipc_spawn_self(unsigned arg0, unsigned arg1);
/* Wait for a child's end (yielding to it meanwhile); its status. */
int ipc_wait(int id);
/* This environment's parent's id (0 if started by Aegis). */
int ipc_parent(void);
/* 1 if the parent runs this same program (we are its ipc_spawn_self child). */
int ipc_is_child(void);
/* The a0/a1 Aegis started this program with (a parent's SYS_spawn). */
void ipc_startup_args(unsigned *a0, unsigned *a1);

/* ---- pipes ---- */
#define PIPE_SIZE	2048u		/* bytes in the ring, a power of two */
struct pipe_ring {			/* the shared page */
	volatile uint32_t head;		/* bytes ever written (the writer's) */
	volatile uint32_t tail;		/* bytes ever read (the reader's) */
	volatile uint32_t closed;	/* the writer has closed */
	uint32_t pad[5];
	uint8_t buf[PIPE_SIZE];
};
struct pipe {
	struct pipe_ring *r;
	int peer;			/* the process at the other end */
	uint32_t yields;		/* how often this end gave its slice away */
};
/* The creator's end: a new ring page; *ppn and the capabilities to give
   the peer (wcap to let it write, rcap to let it only read). */
int pipe_create(struct pipe *p, struct ipc_page *pg);
/* The other end: map ppn with cap (writable if write). */
int pipe_attach(struct pipe *p, uint32_t ppn, uint32_t cap, int write, int peer);
int pipe_write(struct pipe *p, const void *buf, unsigned len);	/* len, or -AEGIS_ESRCH if closed */
int pipe_read(struct pipe *p, void *buf, unsigned len);		/* 1..len, 0 at end */
void pipe_close(struct pipe *p);

/* pipe': the same algorithm, inlined into the caller. */
static inline __attribute__((always_inline))
int pipe_write_inline(struct pipe *p, const void *buf, unsigned len)
{
	struct pipe_ring *r = p->r;
	const uint8_t *s = buf;
	unsigned done = 0;
	while (done < len) {
		uint32_t h = r->head, space = PIPE_SIZE - (h - r->tail);
		if (space == 0) {
			p->yields++;
			if (ipc_yield(p->peer) < 0)
				return -AEGIS_ESRCH;	/* the reader is gone */
			continue;
		}
		unsigned n = len - done < space ? len - done : space;
		for (unsigned i = 0; i < n; i++)
			r->buf[(h + i) & (PIPE_SIZE - 1)] = s[done + i];
		r->head = h + n;
		done += n;
	}
	return (int)len;
}

static inline __attribute__((always_inline))
int pipe_read_inline(struct pipe *p, void *buf, unsigned len)
{
	struct pipe_ring *r = p->r;
	uint8_t *d = buf;
	uint32_t t = r->tail, avail;
	while ((avail = r->head - t) == 0) {
		if (r->closed)
			return 0;
		p->yields++;
		if (ipc_yield(p->peer) < 0)
			return 0;	/* the writer is gone */
	}
	unsigned n = len < avail ? len : avail;
	for (unsigned i = 0; i < n; i++)
		d[i] = r->buf[(t + i) & (PIPE_SIZE - 1)];
	r->tail = t + n;
	return (int)n;
}

/* ---- LRPC over protected control transfer ---- */
/* Untrusted: the stub saves s0-s8, gp, sp and ra around the call. */
unsigned lrpc_call(unsigned arg, int self, int server);
/* Trusted: the server keeps the callee-saved registers. */
unsigned tlrpc_call(unsigned arg, int self, int server);
void lrpc_reply(void), tlrpc_reply(void);
/* The client's asynchronous entry: not a reply; yields until one comes. */
void lrpc_client_wait(void);
int lrpc_client_init(void);		/* entry points := lrpc_reply, lrpc_client_wait */
int tlrpc_client_init(void);		/* entry points := tlrpc_reply, lrpc_client_wait */

/* The server side: the counter the call bumps (in the server's space),
   its entry points, and whom it yields its own slices to when idle. */
extern volatile unsigned lrpc_counter;
extern int lrpc_server_home;
void lrpc_server_entry(void);		/* counter += a0; a0 = counter; reply */
void lrpc_server_hostile(void);		/* the same, clobbering every register */
void lrpc_server_idle(void);		/* async entry: yield to home forever */
/* Become a server with that entry, set *ready, and hand the processor
   back to home whenever it runs on its own; never returns. */
void lrpc_serve(void (*entry)(void), int home, volatile uint32_t *ready) __attribute__((noreturn));

/* ---- timing (pmaxsim's counter page; absent on GXemul) ---- */
int ipc_counter_init(void);		/* 1 if the counter page is there */
uint64_t ipc_cycles(void);
unsigned ipc_mhz(void);

#endif
