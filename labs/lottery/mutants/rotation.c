/*
 * labs/lottery/mutants/rotation.c - a wrong answer to lab "lottery" that
 * labs/lab-test feeds the checker, which must reject it: a weighted
 * round robin (each client wins `tickets` draws in a row, in turn). Its
 * shares are exact and nobody starves; only the randomness check can
 * tell it from a lottery.
 */
#include <aegis/syscall.h>
#include "lottery/lottery.h"

static int cur, run;

int lottery_add(struct lottery_sched *s, int id, unsigned tickets)
{
	if (tickets == 0 || tickets > LOTTERY_MAX_TICKETS)
		return -AEGIS_EINVAL;
	if (s->n == LOTTERY_MAX)
		return -AEGIS_ENOMEM;
	struct lottery_client *c = &s->c[s->n++];
	c->id = id;
	c->tickets = tickets;
	c->quanta = 0;
	s->total += tickets;
	return 0;
}

struct lottery_client *lottery_pick(struct lottery_sched *s)
{
	if (s->n == 0)
		return 0;
	if (cur >= s->n)
		cur = 0, run = 0;
	if ((unsigned)run >= s->c[cur].tickets) {
		cur = (cur + 1) % s->n;
		run = 0;
	}
	run++;
	s->c[cur].quanta++;
	return &s->c[cur];
}
