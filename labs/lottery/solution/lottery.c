/*
 * labs/lottery/solution/lottery.c - the reference solution of lab
 * "lottery" (docs/tour/labs.md): Waldspurger & Weihl's list-based
 * lottery (OSDI 1994, §4.2: a winning ticket drawn uniformly, found by
 * walking the clients and summing their tickets).
 */
#include <aegis/syscall.h>
#include "lottery/lottery.h"

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
	if (s->n == 0 || s->total == 0)
		return 0;
	/* The modulo's bias is below total / 2^32: under 2^-9 here. */
	unsigned winner = lottery_random(s) % s->total, sum = 0;
	for (int i = 0; i < s->n; i++) {
		sum += s->c[i].tickets;
		if (winner < sum) {
			s->c[i].quanta++;
			return &s->c[i];
		}
	}
	return 0;	/* not reached: total is the sum of the tickets */
}
