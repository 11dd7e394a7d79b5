/*
 * labs/lottery/check.c - the checker of lab "lottery" (boot with
 * init=check; `make lab-lottery`): lottery.c's calls against lottery.h's
 * contract, the shares of 60000 draws (a statistical test far from its
 * tolerance, so any correct lottery passes), the draws being random
 * rather than a rotation, and then the scheduler for real: three worker
 * processes with tickets 3:2:1, the checker owning every time slice and
 * yielding each to the client lottery_pick chose, as stridetest does for
 * the stride scheduler. TAP through exos_check.
 */
#include <stdio.h>
#include "exos.h"
#include "ipc/ipc.h"
#include "lottery/lottery.h"

#define DRAWS	60000
#define QUANTA	300

static unsigned absdiff(unsigned a, unsigned b) { return a > b ? a - b : b - a; }

/* The calls on their own: arguments, limits, shares. */
static void unit(void)
{
	struct lottery_sched s = { .n = 0 };
	exos_check(lottery_pick(&s) == 0, "lottery: no client, no winner");
	exos_check(lottery_add(&s, 40, 0) == -AEGIS_EINVAL && s.n == 0 && s.total == 0,
		   "lottery: 0 tickets refused, nothing changed");
	exos_check(lottery_add(&s, 40, LOTTERY_MAX_TICKETS + 1) == -AEGIS_EINVAL && s.n == 0,
		   "lottery: too many tickets refused, nothing changed");
	int r = lottery_add(&s, 40, 5);
	exos_check(r == 0 && s.n == 1 && s.total == 5 && s.c[0].id == 40 && s.c[0].tickets == 5 &&
		   s.c[0].quanta == 0, "lottery: a client added (%d)", r);
	int all = 1;
	for (int i = 0; i < 1000; i++)
		all &= lottery_pick(&s) == &s.c[0];
	exos_check(all && s.c[0].quanta == 1000, "lottery: a lone client wins every draw (%u)",
		   s.c[0].quanta);
	for (int i = 1; i < LOTTERY_MAX; i++)
		lottery_add(&s, 40 + i, 1);
	r = lottery_add(&s, 99, 1);
	exos_check(r == -AEGIS_ENOMEM && s.n == LOTTERY_MAX, "lottery: client %d refused (%d)",
		   LOTTERY_MAX + 1, r);

	/* 3:2:1: each share within 1.5% of all draws (the standard deviation
	   of a share of 1/2 over 60000 draws is 0.2%). */
	struct lottery_sched t = { .n = 0, .seed = 12345 };
	static const unsigned tickets[3] = { 300, 200, 100 };
	for (int k = 0; k < 3; k++)
		lottery_add(&t, 50 + k, tickets[k]);
	unsigned got[3] = { 0, 0, 0 }, bad = 0;
	for (int i = 0; i < DRAWS; i++) {
		struct lottery_client *c = lottery_pick(&t);
		if (c >= &t.c[0] && c < &t.c[3])
			got[c - t.c]++;
		else
			bad++;
	}
	int fair = bad == 0;
	for (int k = 0; k < 3; k++)
		fair &= absdiff(got[k], DRAWS / 6 * (tickets[k] / 100)) <= DRAWS * 15 / 1000 &&
			got[k] == t.c[k].quanta;
	exos_check(fair, "lottery: 3:2:1 wins %u %u %u of %u (ideal %u %u %u, within 1.5%%)",
		   got[0], got[1], got[2], DRAWS, DRAWS / 2, DRAWS / 3, DRAWS / 6);

	/* 1 ticket against 999: it still wins, about 1 draw in 1000. */
	struct lottery_sched u = { .n = 0, .seed = 777 };
	lottery_add(&u, 60, 999);
	lottery_add(&u, 61, 1);
	for (int i = 0; i < DRAWS; i++)
		lottery_pick(&u);
	exos_check(u.c[1].quanta >= DRAWS / 3000 && u.c[1].quanta <= DRAWS / 300,
		   "lottery: 1 ticket in 1000 won %u of %u draws (about %u)",
		   u.c[1].quanta, DRAWS, DRAWS / 1000);

	/* Random, not a rotation: with equal tickets the winner changes
	   about every other draw (a rotation changes it every draw). */
	struct lottery_sched v = { .n = 0, .seed = 4242 };
	lottery_add(&v, 70, 1);
	lottery_add(&v, 71, 1);
	unsigned changes = 0;
	struct lottery_client *prev = lottery_pick(&v);
	for (int i = 1; i < 10000; i++) {
		struct lottery_client *c = lottery_pick(&v);
		changes += c != prev;
		prev = c;
	}
	exos_check(changes >= 4000 && changes <= 6000,
		   "lottery: 1:1, the winner changed %u times in 10000 draws (~5000)",
		   changes);
}

/* The scheduler for real: workers bump counters in a shared page. */
struct shared { volatile uint32_t count[3]; volatile uint32_t ready[3]; volatile uint32_t next; };

static int worker(uint32_t ppn, uint32_t cap)
{
	struct shared *sh = (struct shared *)ipc_map(ppn, cap, 1);
	if (!sh)
		return 10;
	unsigned k = sh->next;	/* started one at a time */
	for (int pos = 0; pos < 64; pos++)	/* the scheduler owns the slices */
		ipc_sys1(SYS_slice_free, pos);
	sh->ready[k] = 1;
	for (;;)
		sh->count[k]++;
}

static void live(void)
{
	struct ipc_page pg;
	if (!exos_check(ipc_share(&pg) == 0, "lottery: a shared page for the workers"))
		return;
	struct shared *sh = (struct shared *)pg.va;
	static const unsigned tickets[3] = { 3, 2, 1 };
	struct lottery_sched s = { .n = 0, .seed = 99 };
	int ids[3], added = 1;
	for (int k = 0; k < 3; k++) {
		sh->next = (uint32_t)k;
		ids[k] = ipc_spawn_self(pg.ppn, pg.wcap);
		for (int i = 0; ids[k] > 0 && !sh->ready[k] && i < 100; i++)
			ipc_yield(ids[k]);
		added &= lottery_add(&s, ids[k], tickets[k]) == 0;
	}
	exos_check(ids[0] > 0 && ids[1] > 0 && ids[2] > 0 && sh->ready[0] && sh->ready[1] &&
		   sh->ready[2] && added, "lottery: three workers started (3:2:1) and added");
	int owned = 0;
	while (ipc_sys1(SYS_slice_alloc, -1) >= 0)
		owned++;
	/* Each return from a yield is the start of one of our slices; the
	   first yield only reaches a slice boundary. */
	struct lottery_client *c = lottery_pick(&s);
	if (c)
		ipc_yield(c->id);
	uint32_t start[3], q0[3];
	for (int k = 0; k < 3; k++) {
		start[k] = sh->count[k];
		q0[k] = s.c[k].quanta;
	}
	for (int q = 0; q < QUANTA; q++)
		if ((c = lottery_pick(&s)) != 0)
			ipc_yield(c->id);
	uint32_t d[3], tot = 0, quanta[3], qtot = 0;
	for (int k = 0; k < 3; k++) {
		tot += d[k] = sh->count[k] - start[k];
		qtot += quanta[k] = s.c[k].quanta - q0[k];
	}
	for (int k = 0; k < 3; k++)
		ipc_sys1(SYS_destroy, ids[k]);
	for (int k = 0; k < 3; k++)
		ipc_wait(ids[k]);
	iprintf("# lottery: %d slices owned; quanta won %u %u %u of %u; iterations %u %u %u of %u\n",
	       owned, quanta[0], quanta[1], quanta[2], qtot, d[0], d[1], d[2], tot);
	exos_check(qtot == QUANTA && quanta[0] && quanta[1] && quanta[2],
		   "lottery: %d quanta drawn, every worker won some", QUANTA);
	/* The worker a slice is yielded to runs for that slice: its share of
	   the iterations is its share of the quanta won (within 5%). */
	int track = tot > 0 && qtot > 0;
	for (int k = 0; k < 3 && track; k++)
		track = absdiff((unsigned)((uint64_t)d[k] * 1000 / tot),
				(unsigned)((uint64_t)quanta[k] * 1000 / qtot)) <= 50;
	exos_check(track, "lottery: iterations follow the quanta won (within 5%%)");
}

int main(void)
{
	if (ipc_is_child()) {
		unsigned a0, a1;
		ipc_startup_args(&a0, &a1);
		return worker(a0, a1);
	}
	unit();
	live();
	int failed = exos_checks_failed();
	int r = exos_test_result();
	iprintf("lab lottery: %d of %d checks pass\n", exos_checks_done() - failed, exos_checks_done());
	return r;
}
