/*
 * shmtest.c - shared memory between two processes (SOSP'95 Table 8,
 * "shm"): they ping-pong a counter in a page they share, each yielding
 * its slice to the other once it has bumped it. One way = half a round.
 */
#include "ipc/ipc.h"
#include "tap.h"

#define ROUNDS	1000

struct shm {
	volatile uint32_t count;	/* even: the parent's turn; odd: the child's */
	volatile uint32_t rounds;
	volatile uint32_t seen_bad;	/* the child saw a value out of turn */
	volatile uint32_t child_yields;
};

static int child(uint32_t ppn, uint32_t cap)
{
	struct shm *s = (struct shm *)ipc_map(ppn, cap, 1);
	if (!s)
		return 10;
	int parent = ipc_parent();
	uint32_t want = 1;
	while (want < 2 * s->rounds) {
		while (s->count != want) {
			if (s->count > want)
				s->seen_bad++;
			s->child_yields++;
			ipc_yield(parent);
		}
		s->count = want + 1;
		want += 2;
		ipc_yield(parent);
	}
	return 0;
}

/* n rounds from the parent's side; returns how many times it found the
   counter not yet bumped after its yield. */
static uint32_t pingpong(struct shm *s, int kid, uint32_t from, unsigned n)
{
	uint32_t extra = 0;
	for (uint32_t c = from; c < from + 2 * n; c += 2) {
		s->count = c + 1;
		ipc_yield(kid);
		while (s->count != c + 2) {
			extra++;
			ipc_yield(kid);
		}
	}
	return extra;
}

int main(void)
{
	if (ipc_is_child()) {
		unsigned a0, a1;
		ipc_startup_args(&a0, &a1);
		return child(a0, a1);
	}
	struct ipc_page pg;
	tap_ok(ipc_share(&pg) == 0, "shm: a page allocated with chosen capabilities");
	struct shm *s = (struct shm *)pg.va;
	s->rounds = 1 + ROUNDS;
	int kid = ipc_spawn_self(pg.ppn, pg.wcap);
	tap_ok(kid > 0, "shm: child spawned with the page's number and write capability");
	if (kid <= 0)
		return exos_test_result();
	/* One round to let the child start, then the measured ones. */
	pingpong(s, kid, 0, 1);
	uint32_t y0 = s->child_yields;
	uint64_t t0 = ipc_counter_init() ? ipc_cycles() : 0;
	uint32_t extra = pingpong(s, kid, 2, ROUNDS);
	uint64_t t1 = ipc_counter_init() ? ipc_cycles() : 0;
	tap_ok(s->count == 2 + 2 * ROUNDS, "shm: the counter went through both processes 2000 times");
	tap_ok(s->seen_bad == 0, "shm: neither process ever saw the counter out of turn");
	tap_ok(extra <= 10 && s->child_yields - y0 <= 10,
	       "shm: each yield found the peer's bump done (at most a few clock preemptions)");
	tap_ok(ipc_wait(kid) == 0, "shm: the child exited normally");
	if (ipc_counter_init())
		bench_line("table8", "ipc_shm", t1 - t0, ipc_mhz(), 2 * ROUNDS, ROUNDS, "5.7");
	else
		printf("# no cycle counter (not pmaxsim): shm timing skipped\n");
	return exos_test_result();
}
