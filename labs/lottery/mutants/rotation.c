/*
 * labs/lottery/mutants/rotation.c - a wrong answer to lab "lottery" that
 * labs/lab-test feeds the checker, which must reject it: the reference
 * lottery_add, but a weighted round robin for lottery_pick (each client
 * wins `tickets` draws in a row, in turn). Its shares are exact and
 * nobody starves; only the randomness check tells it from a lottery.
 */
#define lottery_pick lottery_pick_reference
#include "lottery/solution/lottery.c"
#undef lottery_pick

struct lottery_client *lottery_pick(struct lottery_sched *s);

static int cur, run;

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
