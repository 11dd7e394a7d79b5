/*
 * idle.h - the idle skip: a guest that waits in a loop for the next event
 * (a timer interrupt, a device, a byte on its console) is moved to that
 * event at once, its cycles and statistics counted exactly as running the
 * loop would have counted them (idle.c says how a loop is recognised).
 * The CPU loop (cpu.c) and the machine (machine.c) call these; the state
 * is the machine's (struct machine idle_*, struct idle_state).
 */
#ifndef SIM_IDLE_H
#define SIM_IDLE_H

#include <stdint.h>

struct machine;
struct region;

/* After the due events have run (machine.c events_run), and when a run
   or a slice starts: end any check under way (the world changed), and
   start one if the next event is far enough away. */
void idle_event(struct machine *m);
/* Before each instruction while a check is under way (m->idle_active);
   1 if it moved time forward (the caller looks at events again). */
int idle_step(struct machine *m);
/* Something the check cannot vouch for happened: end it. */
void idle_abort(struct machine *m);
/* Hooks of the slow paths while m->idle_active. */
void idle_note_ram(struct machine *m, uint32_t pa);		/* a store to RAM, pa's word */
void idle_note_line(struct machine *m, int icache, uint32_t idx);	/* a cache line changes */
void idle_note_device_read(struct machine *m, struct region *r, uint32_t off, unsigned size);

#endif
