/* exos/sched/stride.h - an application-level stride scheduler
   (Waldspurger & Weihl; SOSP'95 Figure 3): a scheduler process owns the
   time slices; at each slice it picks the client with the least pass
   and yields the slice to it. */
#ifndef EXOS_STRIDE_H
#define EXOS_STRIDE_H
#include <stdint.h>
#define STRIDE_MAX	8
#define STRIDE1		(1u << 20)
struct stride_client { int id; unsigned tickets, stride, pass, quanta; };
struct stride_sched { struct stride_client c[STRIDE_MAX]; int n; unsigned global_pass; };
/* 0, -AEGIS_EINVAL for no tickets, -AEGIS_ENOMEM if STRIDE_MAX clients are in. */
int stride_add(struct stride_sched *s, int id, unsigned tickets);
struct stride_client *stride_pick(struct stride_sched *s);	/* and charge it a quantum */
int stride_own_slices(void);	/* take every free slice; how many now owned */
/* Run n quanta: at each, call hook (may be 0) then yield to the pick. */
void stride_run(struct stride_sched *s, unsigned n, void (*hook)(unsigned q, void *), void *arg);
#endif
