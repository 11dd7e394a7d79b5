/*
 * labs/lottery/lottery.h - lab "lottery" (docs/tour/labs.md): a lottery
 * scheduler (Waldspurger & Weihl, "Lottery Scheduling", OSDI 1994) as an
 * ExOS library, in place of the stride scheduler of exos/sched/stride.c
 * (SOSP'95 §7.3, Figure 3). The scheduling process owns the time slices;
 * at each one it draws a ticket at random and yields the slice to the
 * client holding it, so each client's share of the quanta is, on
 * average, its share of the tickets. You write lottery_add and
 * lottery_pick in lottery.c; this header and check.c stay as they are.
 */
#ifndef LABS_LOTTERY_H
#define LABS_LOTTERY_H
#include <stdint.h>

#define LOTTERY_MAX		8		/* clients */
#define LOTTERY_MAX_TICKETS	(1u << 20)	/* per client (sums never overflow) */

struct lottery_client {
	int id;			/* the Aegis environment to yield to */
	unsigned tickets;
	unsigned quanta;	/* how many times lottery_pick chose it */
};

struct lottery_sched {
	struct lottery_client c[LOTTERY_MAX];
	int n;			/* clients in c[0..n) */
	unsigned total;		/* their tickets, summed */
	uint32_t seed;		/* lottery_random's state: never 0 */
};

/* Add a client with `tickets` tickets (quanta 0). 0; -AEGIS_EINVAL for 0
   tickets or more than LOTTERY_MAX_TICKETS; -AEGIS_ENOMEM when
   LOTTERY_MAX clients are in. A refused call changes nothing. */
int lottery_add(struct lottery_sched *s, int id, unsigned tickets);

/* Hold the lottery: draw a ticket with lottery_random (one call per
   draw), find the client holding it, count the quantum in its `quanta`
   and return it; NULL when there is no client. */
struct lottery_client *lottery_pick(struct lottery_sched *s);

/* The random numbers: Marsaglia's xorshift32 ("Xorshift RNGs", J. Stat.
   Software 8(14), 2003), a full period of 2^32 - 1 from any seed but 0. */
static inline uint32_t lottery_random(struct lottery_sched *s)
{
	uint32_t x = s->seed ? s->seed : 2463534242u;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return s->seed = x;
}

#endif
