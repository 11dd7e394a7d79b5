/*
 * labs/lottery/lottery.c - YOUR lottery scheduler (lab "lottery",
 * docs/tour/labs.md). Read lottery.h for what each function must do and
 * exos/sched/stride.c for the stride scheduler it replaces; then
 * `make lab-lottery` builds this file into the checker and runs it.
 */
#include <aegis/syscall.h>	/* AEGIS_EINVAL, AEGIS_ENOMEM */
#include "lottery/lottery.h"

int lottery_add(struct lottery_sched *s, int id, unsigned tickets)
{
	/* TODO: check the arguments, then put the client in s->c[s->n++]
	   and count its tickets in s->total. */
	(void)s;
	(void)id;
	(void)tickets;
	return -AEGIS_ENOSYS;
}

struct lottery_client *lottery_pick(struct lottery_sched *s)
{
	/* TODO: draw a winning ticket in [0, s->total) from
	   lottery_random(s), walk the clients adding up their tickets until
	   the one holding it, charge it a quantum and return it. */
	(void)s;
	return 0;
}
