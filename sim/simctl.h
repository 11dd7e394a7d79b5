/*
 * simctl.h - pmaxsim's counter page (dev_simctl.c), shared with guests:
 * aegis/include and bench code include this file for the layout.
 */
#ifndef SIM_SIMCTL_H
#define SIM_SIMCTL_H

#define SIMCTL_BASE	0x1fff0000u	/* physical; kseg1 0xbfff0000 */
#define SIMCTL_SIZE	0x1000u
#define SIMCTL_MAGIC	0x53584d50u	/* "PMXS" in memory order */
#define SIMCTL_CYCLES_LO	0x04
#define SIMCTL_CYCLES_HI	0x08
#define SIMCTL_MHZ		0x0c
#define SIMCTL_INSNS_LO		0x10
#define SIMCTL_INSNS_HI		0x14

#ifndef __ASSEMBLER__
struct machine;
void simctl_attach(struct machine *m);
#endif

#endif
