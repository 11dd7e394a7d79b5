/*
 * hostile_net.h - hostile's attacks on the network's calls
 * (hostile_net.c), called from hostile.c with its shared page.
 */
#ifndef AEGIS_TESTS_HOSTILE_NET_H
#define AEGIS_TESTS_HOSTILE_NET_H

/* The child: holds a filter and a shared one until told to stop. */
int hostile_net_kid(volatile unsigned *(*shared)(void), int (*wait_stop)(void));
/* The attacks, with that child (id kid) alive. */
void hostile_net_attack(int kid, volatile unsigned *(*shared)(void));
/* After the child has ended: its filters went with it. */
void hostile_net_after(void);

#endif
