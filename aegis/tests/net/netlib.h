/*
 * netlib.h - what the network's test programs share: the filters they
 * insert (UDP and TCP ports over IPv4 with the IHL shift, an Ethernet
 * type), frames built to match or miss them, a plain matcher that says
 * which filter a frame should reach (the test's own reference, written
 * from <aegis/net.h>'s semantics, not the kernel's code), the receive
 * ring, a seeded random stream and simulated time from the counter page.
 */
#ifndef AEGIS_TESTS_NETLIB_H
#define AEGIS_TESTS_NETLIB_H

#include <aegis/sys.h>
#include <aegis/net.h>
#include <aegis/counter.h>

/* The segment: machine 1 (the one judged) and machine 2 (its peer),
   with the station addresses the test commands give (--mac). */
extern const unsigned char mac1[6], mac2[6], mac_bcast[6];
#define ETHERTYPE_TEST	0x88b5	/* IEEE 802 local experimental: control frames */
#define IP_UDP		17
#define IP_TCP		6

/* A filter as a test describes it. */
struct tfilter {
	struct dpf_atom a[DPF_MAX_ATOMS];
	unsigned n;
};
/* IPv4 to machine 1's address 10.0.0.1, protocol proto, destination
   port port (after the IHL shift, so IP options are skipped). */
void filter_port(struct tfilter *f, unsigned proto, unsigned port);
/* Every frame of one Ethernet type. */
void filter_type(struct tfilter *f, unsigned type);
/* Does f hold on this frame? (The ABI's semantics, by hand.) */
int tfilter_match(const struct tfilter *f, const unsigned char *frame, unsigned len);
/* netrandom's four filters (proto.h), f[0..RANDOM_KIDS-1]. */
void random_filters(struct tfilter *f);
int tfilter_insert(const struct tfilter *f, unsigned flags);

/* Frames. Writes into buf and returns the length (at least 60 bytes
   for IP frames, as on the wire). ihl_words 5..15 (options filled). */
unsigned frame_ip(unsigned char *buf, const unsigned char *dst, const unsigned char *src,
		  unsigned proto, unsigned ihl_words, unsigned sport, unsigned dport,
		  const void *payload, unsigned plen);
unsigned frame_ctl(unsigned char *buf, const unsigned char *dst, const unsigned char *src,
		   const unsigned *words, unsigned nwords);
/* The payload of a frame_ip frame (after its IP and UDP/TCP header). */
const unsigned char *frame_payload(const unsigned char *frame, unsigned *plen);
unsigned get32(const unsigned char *p);
void put32(unsigned char *p, unsigned v);

/* A receive ring of nslots slots of SLOT bytes in this program's .bss. */
#define SLOT	1524	/* AEGIS_RX_FRAME + 1514 */
struct ring {
	struct aegis_rx_ring *r;
	unsigned nslots, next;
};
int ring_init(struct ring *rg, void *mem, unsigned nslots, void (*upcall)(void));
/* The next frame in the ring, or NULL; give it back with ring_done. */
const unsigned char *ring_peek(struct ring *rg, unsigned *len, unsigned *filter);
void ring_done(struct ring *rg);
/* Wait (yielding) for the next frame until us microseconds pass. */
const unsigned char *ring_wait(struct ring *rg, unsigned *len, unsigned *filter, unsigned us);

/* The same without yielding: for a program alone on its machine,
   timing a round trip (a yield costs more than a look at the ring). */
const unsigned char *ring_spin(struct ring *rg, unsigned *len, unsigned *filter, unsigned us);

/* Machine 1's side of the start: the two machines boot at different
   speeds, so nothing is sent to the peer before it says it is up. rg
   is a ring that a filter for ETHERTYPE_TEST frames fills; the peer's
   HELLO is answered with an ACK, and the HELLOs already on their way
   are taken from the ring. 0, or -1 if the peer never spoke. */
int wait_peer(struct ring *rg);
/* The same with a ring and filter of its own, which it keeps. */
int wait_peer_alone(void);

/* Send, retrying while the transmit ring is full. */
int send_frame(const void *frame, unsigned len);

/* Simulated time (the counter page; every test runs on pmaxsim). */
void time_init(void);
unsigned long long now_cycles(void);
unsigned mhz(void);
unsigned long long us_to_cycles(unsigned us);
void spin_us(unsigned us);

/* A seeded stream (xorshift32). */
unsigned rnd(unsigned *state);

/* Children and the TAP plan: a child ends with kid_status(value) (its
   checks' count in the top byte, value below: under 2^24); its parent
   collects it with wait_kid, which adds its checks to the plan, and
   ends with plan(), the "1..N" line for every check of the run. */
int kid_status(unsigned value);
int wait_kid(int id, unsigned *value);	/* 1 if it ended normally */
void plan(void);

/* Output (check and expect count towards the plan). */
void say(const char *s);
void say_num(const char *what, unsigned v);	/* "# what v\n" */
int check(int ok, const char *name);
int expect(int got, int want, const char *name);

#endif
