/*
 * timing.h - the parameters of the cycle model, one struct per machine
 * model, filled in timing.c where each value carries its source (or is
 * marked "fitted" / "unconfirmed"). Nothing else in the simulator holds a
 * timing constant.
 */
#ifndef SIM_TIMING_H
#define SIM_TIMING_H

struct timing {
	unsigned mhz;			/* CPU clock */
	unsigned icache_bytes, dcache_bytes;
	unsigned line_bytes;		/* 4 on the R3000 (one word) */
	unsigned irefill_words;		/* words fetched per I-cache miss */
	unsigned drefill_words;		/* words fetched per D-cache miss */
	unsigned mem_first_word;	/* cycles to the first word of a refill */
	unsigned mem_next_word;		/* cycles per further word */
	unsigned uncached_read;		/* stall of an uncached RAM read */
	unsigned wbuf_entries;		/* write buffer depth */
	unsigned wbuf_drain;		/* cycles to retire one write to RAM */
	unsigned io_access;		/* stall of a device register access */
	unsigned mult_latency, div_latency;	/* HI/LO ready after issue */
	/* R3010 latencies (cycles until the result may be used). */
	unsigned fp_add, fp_mul_s, fp_mul_d, fp_div_s, fp_div_d;
	unsigned fp_cvt, fp_cmp, fp_mov;
};

/* timing_r3000_25: the 25 MHz boards, 5000/200 (KN02, where the fit was
   made) and 5000/125 (KN02-BA, assumed to share it). */
extern const struct timing timing_kn03, timing_r3000_25;

/* The Ethernet and the LANCE (issue 15), the same on every model; times
   in wire bits or nanoseconds, converted to each machine's cycles. */
struct timing_ether {
	unsigned wire_mbps;		/* wire bit rate */
	unsigned preamble_bytes;	/* preamble + start-of-frame delimiter */
	unsigned ifg_bits;		/* inter-frame gap */
	unsigned tx_poll_us;		/* LANCE transmit-ring poll interval */
	unsigned dma_word_ns;		/* LANCE bus cycle per 16-bit word */
};
extern const struct timing_ether timing_ether;

/* A DEC RZ-series disk and its SCSI bus (issue 18, dev_scsidisk.c and
   dev_asc.c), the same on every model; times in microseconds or
   nanoseconds, converted to each machine's cycles. The geometry serves
   only the timing (seek distance, rotational position); the capacity is
   the image file's. */
struct timing_disk {
	unsigned rpm;			/* spindle speed */
	unsigned sectors_per_track, heads, cylinders;
	unsigned seek_track_us;		/* one-cylinder seek */
	unsigned seek_avg_us;		/* average seek (a third of the stroke) */
	unsigned overhead_us;		/* target's per-command processing */
	unsigned bus_ns_per_byte;	/* SCSI data phase, asynchronous */
	unsigned select_us;		/* arbitration, selection, CDB bytes */
	unsigned chip_us;		/* 53C94 sequences without a data phase */
};
extern const struct timing_disk timing_disk;

#endif
