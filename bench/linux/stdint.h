/*
 * bench/linux/stdint.h - the <stdint.h> Linux 6.1's nolibc lacks, for
 * Cheetah's sources built into the Linux programs unchanged
 * (cheetah/date.h includes it): nolibc's std.h declares the C99 exact-width
 * types (uint8_t ... uint64_t) already, and nolibc.h is force-included
 * (-include) before any source's own includes.
 */
#ifndef BENCH_LINUX_STDINT_H
#define BENCH_LINUX_STDINT_H
#include <std.h>
#endif
