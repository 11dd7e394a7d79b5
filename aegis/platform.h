/*
 * platform.h - the small interface behind which each DECstation board lives
 * (one file per board in platform/, as NetBSD/pmax's dec_3max.c etc.).
 * The rest of the kernel never touches a board's device addresses.
 */
#ifndef AEGIS_PLATFORM_H
#define AEGIS_PLATFORM_H

#include <stdint.h>

struct platform {
	const char *name;		/* "KN02 (DECstation 5000/200)" */
	int systype;			/* SYSTYPE_* from the PROM */
	void (*init)(void);		/* bring up the console line */
	void (*putc)(int c);		/* blocking, raw byte */
	int (*getc)(void);		/* -1 when nothing waiting */
	/* The time-slice clock (ds1287.h): periodic interrupts at CLOCK_HZ
	   on CPU line clock_ip; clock_ack() returns 1 for its interrupt. */
	int clock_ip;
	void (*clock_start)(void);
	void (*clock_stop)(void);
	int (*clock_ack)(void);
};

extern const struct platform platform_kn02;
extern const struct platform platform_kn02ba;
extern const struct platform platform_kn03;
extern const struct platform platform_prom;	/* fallback: PROM console */

/* Chosen once at boot from the PROM's system type. */
extern const struct platform *platform;
void platform_select(uint32_t sysid);

/* The cycle counter (platform/counter.c): does this machine have one
   (pmaxsim's counter page), its count (0 without), its MHz (0 without). */
int platform_has_counter(void);
uint64_t platform_cycles(void);
uint32_t platform_mhz(void);

#endif
