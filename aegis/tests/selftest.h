/*
 * selftest.h - the kernel's boot-time self-test (TAP on the console).
 */
#ifndef AEGIS_SELFTEST_H
#define AEGIS_SELFTEST_H
void selftest_run(void);	/* the kernel's own checks (TAP) */
void usertest_run(void);	/* environments from the boot archive (TAP) */
void ashtest_run(void);		/* ASHs loaded and run for an environment (TAP) */
void lancecheck_run(void);	/* the Ethernet driver, after usertest_run's env_init */
#endif
