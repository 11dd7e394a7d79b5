/*
 * spinner.c - an active process that never blocks or yields: Figure 2's
 * load (udprtt server spin=K starts K of them on the receiving machine).
 * It spins until its parent ends the run.
 */
#include "exos.h"

int main(void)
{
	volatile unsigned n = 0;
	for (;;)
		n++;
	return 0;
}
