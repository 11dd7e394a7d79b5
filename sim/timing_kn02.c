/*
 * timing_kn02.c - the cycle-model parameters of the DECstation 5000/200
 * (KN02, "3MAX"): a 25 MHz R3000, the machine Ousterhout 1990 measured.
 * Same fields, values and sources as timing_kn02ba in timing.c (kept in
 * its own file while timing.c has other owners; declared in devices.h).
 * The FITTED values were fitted to Ousterhout's DS5000/200 bcopy figures,
 * so on this model they apply directly rather than by assumption.
 */
#include "timing.h"

const struct timing timing_kn02 = {
	.mhz = 25,		/* SOURCE: NetBSD intro(4); GXemul machine_pmax.c ("25MHz R3000") */
	.icache_bytes = 64 * 1024,	/* UNCONFIRMED */
	.dcache_bytes = 64 * 1024,	/* UNCONFIRMED */
	.line_bytes = 4,	/* SOURCE: DTJ DECstation 3100 article (R2000/R3000 caches, 4-byte lines) */
	.irefill_words = 4,	/* PROVISIONAL */
	.drefill_words = 1,	/* PROVISIONAL */
	.mem_first_word = 5,	/* FITTED: bcopy uncached 12.49 MB/s vs 12.6 */
	.mem_next_word = 1,	/* PROVISIONAL: not exercised by the fit (one-word D refills) */
	.uncached_read = 6,	/* PROVISIONAL: one cycle more than a refill's first word */
	.wbuf_entries = 4,	/* SOURCE for the DS3100's R2020 (DTJ); UNCONFIRMED here */
	.wbuf_drain = 2,	/* FITTED: bcopy cached 42.05 MB/s vs 40 */
	.io_access = 10,	/* PROVISIONAL */
	.mult_latency = 12,	/* SOURCE: gcc 3000.md */
	.div_latency = 35,	/* SOURCE: gcc 3000.md */
	.fp_add = 2, .fp_mul_s = 4, .fp_mul_d = 5,	/* SOURCE: gcc 3000.md */
	.fp_div_s = 12, .fp_div_d = 19,			/* SOURCE: gcc 3000.md */
	.fp_cvt = 2,		/* UNCONFIRMED */
	.fp_cmp = 2,		/* SOURCE: gcc 3000.md */
	.fp_mov = 1,		/* UNCONFIRMED */
};
