/* exos/sched/stride.c - the stride scheduler (see stride.h). */
#include "stride.h"
#include "ipc/ipc.h"

int stride_add(struct stride_sched *s, int id, unsigned tickets)
{
	if (!tickets)
		return -AEGIS_EINVAL;
	if (s->n == STRIDE_MAX)
		return -AEGIS_ENOMEM;
	struct stride_client *c = &s->c[s->n++];
	c->id = id;
	c->tickets = tickets;
	c->stride = STRIDE1 / tickets;
	c->pass = s->global_pass + c->stride;
	c->quanta = 0;
	return 0;
}

struct stride_client *stride_pick(struct stride_sched *s)
{
	struct stride_client *best = 0;
	for (int i = 0; i < s->n; i++)
		if (!best || (int)(s->c[i].pass - best->pass) < 0)
			best = &s->c[i];
	if (best) {
		s->global_pass = best->pass;
		best->pass += best->stride;
		best->quanta++;
	}
	return best;
}

int stride_own_slices(void)
{
	int n = 0;
	while (ipc_sys1(SYS_slice_alloc, -1) >= 0)
		n++;
	return n;
}

void stride_run(struct stride_sched *s, unsigned n, void (*hook)(unsigned, void *), void *arg)
{
	/* Each return from the yield is the start of one of our slices. */
	for (unsigned q = 0; q < n; q++) {
		if (hook)
			hook(q, arg);
		struct stride_client *c = stride_pick(s);
		if (c)
			ipc_yield(c->id);
	}
}
