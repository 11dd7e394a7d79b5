/*
 * net.h - the simulated Ethernet segment (issue 15): the wire between the
 * network devices of several machines in one run, and the lockstep loop
 * that runs those machines. A device (the LANCE) attaches a port on its
 * machine, puts frames on the wire with net_transmit, and is handed every
 * frame another port sends, through its rx callback, run on its own
 * machine at the simulated time the frame's last bit arrives. The segment
 * carries whole frames as the chip sends them: destination address first,
 * the 4-byte FCS last (the sender's CRC, good or not), no preamble; it
 * never corrupts, reorders or duplicates them (--net-loss drops whole
 * frames).
 *
 * Time on the segment is in picoseconds from the run's start (every
 * machine's cycle 0), so machines of different clocks (40 and 25 MHz)
 * agree exactly on when a bit is on the wire.
 *
 * Contract between the two sides (dev_lance.c and net.c):
 *  - net_attach() is called while the machine is set up (its model's
 *    attach). Until net_join puts the machine on a shared segment it is on
 *    a segment of its own, where its frames take their wire time and
 *    vanish.
 *  - net_transmit() is called by the device at its machine's current
 *    cycle; it returns how many of that machine's cycles pass until the
 *    frame has left the wire (waiting for the wire to be free, preamble,
 *    the frame, the inter-frame gap): then the device reports the
 *    transmission done. Frames are never lost to collisions: a port that
 *    finds the wire busy waits its turn (counted as deferred); which of
 *    two machines' frames goes first is decided in the order their
 *    machines run (net_run), a deterministic stand-in for CSMA/CD.
 *  - rx(dev, frame, len) is called as an event of the receiving machine;
 *    the device copies what it wants before it returns.
 *
 * Lockstep (net_run): the machines advance in rounds of net_quantum_ps(),
 * the shortest time a minimal frame (64 bytes and preamble) spends on the
 * wire less 4 us (how far one instruction's stalls could carry a machine
 * past a round's end; half the frame time on a wire too fast for that),
 * always in the order given. A frame sent during a round
 * therefore arrives after every machine has finished that round, so no
 * machine ever receives a frame in its past: the run is deterministic and
 * each frame arrives at its exact time. (A runt shorter than the minimal
 * frame may arrive within the round; it is delivered at the receiver's
 * current cycle, counted as late; a LANCE drops runts anyway.)
 */
#ifndef SIM_NET_H
#define SIM_NET_H

#include <stdint.h>

struct machine;
struct net_segment;
struct net_port;

typedef void (*net_rx_fn)(void *dev, const uint8_t *frame, unsigned len);

/* ---- the device's side ---------------------------------------------------- */

/* Attach a device to m's segment; never NULL. */
struct net_port *net_attach(struct machine *m, net_rx_fn rx, void *dev);
/* Put frame (len bytes, FCS included) on the wire now. */
uint64_t net_transmit(struct net_port *p, const uint8_t *frame, unsigned len);
/* The Ethernet CRC-32 (IEEE 802.3 FCS) of p[0..len), as it goes on the
   wire least significant byte first. */
uint32_t net_fcs(const uint8_t *p, unsigned len);

/* ---- the run's side (main) ------------------------------------------------ */

struct net_options {
	unsigned mbps;		/* wire speed: 10 (default) or e.g. 100 */
	double loss;		/* chance a frame is lost, 0 <= loss < 1 */
	uint64_t seed;		/* of the loss choice */
	const char *pcap;	/* capture file, or NULL */
};

/* A shared segment; NULL with a one-line reason in err (the capture file
   cannot be written). */
struct net_segment *net_segment_new(const struct net_options *o, char *err, unsigned errlen);
/* Close the capture and free the segment (after its machines are freed
   or no longer run). */
void net_segment_free(struct net_segment *s);
/* Move machine m's ports onto s (before the run starts). 0, or -1 if the
   segment has no room for them. */
int net_join(struct net_segment *s, struct machine *m);

/* Run machines ms[0..n) in lockstep until ms[0] stops (its halt ends the
   run). Each machine is left where it stopped or where the last round
   ended. */
void net_run(struct net_segment *s, struct machine *const *ms, unsigned n);
/* The length of a round, in picoseconds. */
uint64_t net_quantum_ps(const struct net_segment *s);

/* ---- ports that are not on a machine (the host bridge) -------------------- */

/* A port whose rx is called at once, inside the sender's net_transmit
   (it must not transmit from there: queue and send from the round hook). */
struct net_port *net_attach_host(struct net_segment *s, net_rx_fn rx, void *dev);
/* Send from such a port at segment time ps (at least the time of the
   round hook that sends it). Returns the time the wire is free again. */
uint64_t net_transmit_host(struct net_port *p, uint64_t ps, const uint8_t *frame, unsigned len);
/* Segment time at which the wire is next free (a host port sends only
   when it is free within the round: sim/hostbridge.c). */
uint64_t net_wire_free_ps(const struct net_segment *s);
/* Called by net_run after each round, when every machine has reached
   now_ps; at most one hook. */
typedef void (*net_round_fn)(void *ctx, uint64_t now_ps);
void net_set_round_hook(struct net_segment *s, net_round_fn fn, void *ctx);

/* What the segment saw, for --stats. */
struct net_segment_stats {
	uint64_t frames, bytes;	/* every frame put on the wire, FCS included */
	uint64_t lost;		/* of those, dropped by --net-loss */
	uint64_t late;		/* delivered after their time (runts; see above) */
	uint64_t rounds;	/* of net_run */
};
const struct net_segment_stats *net_segment_stats(const struct net_segment *s);

#endif
