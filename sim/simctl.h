/*
 * simctl.h - pmaxsim's counter page (dev_simctl.c). Its guest-visible
 * layout is part of the guests' ABI, <aegis/counter.h>; the simulator
 * implements that header's page.
 */
#ifndef SIM_SIMCTL_H
#define SIM_SIMCTL_H

#include "../aegis/include/aegis/counter.h"

struct machine;
void simctl_attach(struct machine *m);

#endif
