/*
 * net.h - the simulated Ethernet segment (issue 15): the wire between
 * the network devices of one or more machines. A device (the LANCE)
 * attaches a port on its machine's segment, puts frames on the wire with
 * net_transmit, and is handed every frame another port sends, through its
 * rx callback, run on its own machine at the simulated time the frame's
 * last bit arrives. The segment carries whole frames as the chip sends
 * them: destination address first, the 4-byte FCS last (the sender's
 * CRC, good or not), no preamble; it never corrupts, reorders or
 * duplicates them (loss, when asked for, drops whole frames).
 *
 * Contract between the two sides (dev_lance.c and net.c):
 *  - net_attach() is called while the machine is set up (its model's
 *    attach); a machine on no segment of its own gets a segment with only
 *    itself on it, so its frames still take their wire time and vanish.
 *  - net_transmit() is called by the device at the machine's current
 *    cycle; it returns how many of that machine's cycles pass until the
 *    frame has left the wire (waiting for the wire to be free, preamble,
 *    the frame, the inter-frame gap): then the device reports the
 *    transmission done. Frames are never lost to collisions: a port waits
 *    its turn (a deterministic stand-in for CSMA/CD with no collisions).
 *  - rx(dev, frame, len) is called as an event of the receiving machine;
 *    the device copies what it wants before it returns.
 */
#ifndef SIM_NET_H
#define SIM_NET_H

#include <stdint.h>

struct machine;
struct net_segment;
struct net_port;

typedef void (*net_rx_fn)(void *dev, const uint8_t *frame, unsigned len);

/* Attach a device to m's segment; never NULL. */
struct net_port *net_attach(struct machine *m, net_rx_fn rx, void *dev);
/* Put frame (len bytes, FCS included) on the wire now. */
uint64_t net_transmit(struct net_port *p, const uint8_t *frame, unsigned len);

#endif
