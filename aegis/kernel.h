/*
 * kernel.h - what every part of the Aegis kernel shares: the bare-metal
 * runtime (rt/rt.h: fixed-width types, the console and formatted output,
 * strings, panic, the boot arguments), which the kernel links too.
 */
#ifndef AEGIS_KERNEL_H
#define AEGIS_KERNEL_H

#include "rt.h"

#endif
