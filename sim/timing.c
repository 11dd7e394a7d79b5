/*
 * timing.c - every parameter of the cycle model, with its source.
 * "SOURCE" = read in a document or source tree named beside it;
 * "UNCONFIRMED" = widely cited but not pinned to a primary source here;
 * "PROVISIONAL" = a placeholder chosen to be plausible, not yet fitted;
 * "FITTED" = chosen so that bench/calib/bcopy.elf reproduces Ousterhout
 * 1990's DS5000/200 block-copy figures (40 MB/s cached, 12.6 MB/s
 * uncached) within 10% (rerun it with --timing NAME=N to refit); the 25 MHz
 * KN02-BA is assumed to share the 5000/200's memory timing, and the
 * 40 MHz KN03's values are the same nanoseconds at its clock ("SCALED").
 * See ../shared/HARDWARE.md.
 */
#include "timing.h"

/* DECstation 5000/240 (KN03): R3000-class (R3400) CPU at 40 MHz. */
const struct timing timing_kn03 = {
	.mhz = 40,		/* SOURCE: NetBSD pmax intro(4); MAME decstation.cpp */
	.icache_bytes = 64 * 1024,	/* UNCONFIRMED: "64 KB + 64 KB" widely cited */
	.dcache_bytes = 64 * 1024,	/* UNCONFIRMED */
	.line_bytes = 4,	/* SOURCE: DTJ DECstation 3100 article (R2000/R3000 caches, 4-byte lines) */
	.irefill_words = 4,	/* PROVISIONAL: R3000 block refill is 4..32 words, board-chosen */
	.drefill_words = 1,	/* PROVISIONAL */
	.mem_first_word = 8,	/* SCALED: 200 ns, the fitted 5 cycles at 25 MHz */
	.mem_next_word = 2,	/* SCALED: 1 cycle at 25 MHz (40 ns -> 1.6, rounded up) */
	.uncached_read = 10,	/* SCALED: 6 cycles at 25 MHz (one more than a refill's first word) */
	.wbuf_entries = 4,	/* SOURCE for the DS3100's R2020 (DTJ); UNCONFIRMED here */
	.wbuf_drain = 3,	/* SCALED: the fitted 2 cycles (80 ns) at 25 MHz, rounded down */
	.io_access = 16,	/* PROVISIONAL: a TURBOchannel/IOASIC register access */
	.mult_latency = 12,	/* SOURCE: gcc config/mips/3000.md r3k_imul */
	.div_latency = 35,	/* SOURCE: gcc 3000.md r3k_idiv */
	.fp_add = 2,		/* SOURCE: gcc 3000.md r3k_fadd */
	.fp_mul_s = 4,		/* SOURCE: gcc 3000.md r3k_fmul_single */
	.fp_mul_d = 5,		/* SOURCE: gcc 3000.md r3k_fmul_double */
	.fp_div_s = 12,		/* SOURCE: gcc 3000.md r3k_fdiv_single */
	.fp_div_d = 19,		/* SOURCE: gcc 3000.md r3k_fdiv_double */
	.fp_cvt = 2,		/* UNCONFIRMED: taken equal to an add */
	.fp_cmp = 2,		/* SOURCE: gcc 3000.md r3k_fcmp */
	.fp_mov = 1,		/* UNCONFIRMED: abs/neg/mov taken as one cycle */
};

/* DECstation 5000/200 (KN02, "3MAX") and 5000/125 (KN02-BA, "3MIN", the
   paper's DEC5000): R3000 at 25 MHz. The memory values were fitted on the
   5000/200, whose bcopy Ousterhout measured; the 5000/125 is assumed to
   match it (no published figure separates them). */
const struct timing timing_r3000_25 = {
	.mhz = 25,		/* SOURCE: NetBSD intro(4); MAME (m125 = 25 MHz); SOSP'95 Table 1;
				   GXemul machine_pmax.c ("25MHz R3000") for the 5000/200 */
	.icache_bytes = 64 * 1024,	/* UNCONFIRMED */
	.dcache_bytes = 64 * 1024,	/* UNCONFIRMED */
	.line_bytes = 4,	/* SOURCE: as above */
	.irefill_words = 4,	/* PROVISIONAL */
	.drefill_words = 1,	/* PROVISIONAL */
	.mem_first_word = 5,	/* FITTED: bcopy uncached 12.49 MB/s vs 12.6 */
	.mem_next_word = 1,	/* PROVISIONAL: not exercised by the fit (one-word D refills) */
	.uncached_read = 6,	/* PROVISIONAL: one cycle more than a refill's first word */
	.wbuf_entries = 4,	/* as above */
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

/* 10 Mbit/s Ethernet and the Am7990 LANCE (dev_lance.c, net.c). */
const struct timing_ether timing_ether = {
	.wire_mbps = 10,	/* SOURCE: IEEE 802.3 10BASE5/10BASE-T, 100 ns a bit */
	.preamble_bytes = 8,	/* SOURCE: IEEE 802.3 clause 4: 7 preamble + 1 SFD */
	.ifg_bits = 96,		/* SOURCE: IEEE 802.3 interframeSpacing, 9.6 us at 10 Mbit/s */
	.tx_poll_us = 1600,	/* SOURCE (secondary): MAME am79c90.h TX_POLL_PERIOD 1600 us,
				   citing the Am7990 data sheet, AMD pub. 05698 rev. C */
	.dma_word_ns = 600,	/* UNCONFIRMED: the Am7990's minimum 600 ns bus (DMA) cycle,
				   from memory; used for the init block's 12 word reads */
};

/* A DEC RZ26 on the 53C94 (dev_scsidisk.c, dev_asc.c; net-disk.md 5.2).
   No primary source gives an RZ drive's speeds: the timing values are the
   commonly quoted ones or plausible choices, each tagged; the geometry is
   SIMH's RZ26 (vax_rzdev.h, taken from real drives' mode pages). */
const struct timing_disk timing_disk = {
	.rpm = 5400,		/* UNCONFIRMED: RZ26 5400 rpm, commonly quoted (11.11 ms a
				   revolution, 5.56 ms average rotational latency) */
	.sectors_per_track = 57,	/* SOURCE: SIMH vax_rzdev.h RZ26 */
	.heads = 14,		/* SOURCE: SIMH vax_rzdev.h RZ26 */
	.cylinders = 2570,	/* SOURCE: SIMH vax_rzdev.h RZ26 */
	.seek_track_us = 1000,	/* UNCONFIRMED: ~1 ms track-to-track, commonly quoted */
	.seek_avg_us = 10500,	/* UNCONFIRMED: RZ26 ~10.5 ms average seek, commonly quoted */
	.overhead_us = 500,	/* UNCONFIRMED: 0.5-1 ms command overhead (net-disk.md 5.2) */
	.bus_ns_per_byte = 333,	/* PROVISIONAL: ~3 MB/s asynchronous SCSI-2 (sync is <= 5 MB/s,
				   net-disk.md 4.2; drivers here do not negotiate it) */
	.select_us = 20,	/* PROVISIONAL: arbitration + selection + 6-10 CDB bytes */
	.chip_us = 5,		/* PROVISIONAL: ICCS, MSGOK and bus free */
};
