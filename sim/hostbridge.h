/*
 * hostbridge.h - the host bridge (--hostfwd): a user-mode NAT router
 * (libslirp, as QEMU's user networking) on the simulated Ethernet
 * segment, so host programs reach guests through forwarded ports on
 * 127.0.0.1 without root. Fixed addresses, no DHCP: the network is
 * 10.0.2.0/24, the router 10.0.2.2 (station 52:55:0a:00:02:02), the
 * default guest 10.0.2.15. The router is restricted: guests can open no
 * connection out of the segment; only the forwarded ports let host
 * programs in (TCP only: libslirp's restricted mode drops every UDP
 * datagram from a guest). Host time enters the run through the bridge, so
 * a run with it is not deterministic.
 */
#ifndef SIM_HOSTBRIDGE_H
#define SIM_HOSTBRIDGE_H

#include <stdint.h>
#include <stdio.h>

struct net_segment;
struct hostbridge;

/* Put a bridge on s with the given forwards, each
   "tcp:HOSTPORT-:GUESTPORT" or with a guest address,
   "tcp:HOSTPORT-10.0.2.16:GUESTPORT" ("udp:" ones are refused). Forwarded ports listen on
   127.0.0.1 only. NULL with a one-line reason in err (a malformed spec, a
   port in use). The bridge installs the segment's round hook. */
struct hostbridge *hostbridge_new(struct net_segment *s, const char *const *fwds,
				  unsigned nfwds, char *err, unsigned errlen);
/* Frames and bytes each way, frames refused, for --stats. */
void hostbridge_print_stats(const struct hostbridge *b, FILE *out);
void hostbridge_free(struct hostbridge *b);

#endif
