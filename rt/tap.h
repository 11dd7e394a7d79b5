/*
 * tap.h - Test Anything Protocol output for in-guest tests: one line per
 * check ("ok 3 - stlb hit" / "not ok 4 - ..."), then the plan "1..N".
 * The host runner (tools/run-guest) counts these lines.
 */
#ifndef RT_TAP_H
#define RT_TAP_H

#include "rt.h"

/* Report one check; returns cond so callers can print diagnostics. */
int tap_ok(int cond, const char *fmt, ...) PRINTFLIKE(2, 3);
/* Compare two strings, printing both on a mismatch. */
int tap_is_str(const char *got, const char *want, const char *name);
/* Report one check that a known emulator deviation may excuse: when
   skipping (the test was told it runs on that emulator) and dev names the
   documented deviation, the check is reported as "ok N - ... # SKIP GXemul deviation: dev"
   whatever cond is; otherwise as tap_ok. Returns cond, or 1 when skipped. */
int tap_ok_dev(int cond, int skipping, const char *dev, const char *fmt, ...) PRINTFLIKE(4, 5);
/* How many checks tap_ok_dev reported as skipped. */
int tap_skipped(void);
/* Print the plan; returns the number of failures. */
int tap_done(void);

#endif
