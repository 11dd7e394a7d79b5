/*
 * selftest.h - the kernel's boot-time self-test (TAP on the console).
 */
#ifndef AEGIS_SELFTEST_H
#define AEGIS_SELFTEST_H
int selftest_run(void);	/* returns the number of failed checks */
#endif
