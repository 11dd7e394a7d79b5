/*
 * netflood.c - machine 1 of the flood test (peer: "peerflood"): one
 * child never empties its 8-slot ring while the peer floods its port;
 * another child's frames arrive among them. The flood may cost the lazy
 * child its own frames, and nobody else anything: the busy child gets
 * every one of its frames.
 */
#include "netlib.h"
#include "proto.h"

static char ring_mem[AEGIS_RX_HDR + 64 * SLOT] __attribute__((aligned(4)));

static void tell_ready(unsigned kid)
{
	static unsigned char f[64];
	unsigned w[2] = { CTL_READY, kid };
	send_frame(f, frame_ctl(f, mac2, mac1, w, 2));
}

static int lazy(void)
{
	struct tfilter f;
	struct ring rg;
	filter_port(&f, IP_UDP, FLOOD_PORT);
	if (tfilter_insert(&f, 0) < 0 || ring_init(&rg, ring_mem, FLOOD_SLOTS, 0) != 0)
		return 10;
	tell_ready(1);
	unsigned long long end = now_cycles() + us_to_cycles(DEMUX_TIMEOUT_US);
	while (rg.r->dropped < FLOOD_N - FLOOD_SLOTS && now_cycles() < end)
		sys_yield(0);
	spin_us(2 * FLOOD_GAP_US);	/* nothing more comes */
	if (!check(rg.r->delivered == FLOOD_SLOTS && rg.r->dropped == FLOOD_N - FLOOD_SLOTS,
		   "netflood: a child that never empties its ring keeps 8 frames, "
		   "the rest dropped and counted")) {
		say_num("delivered", rg.r->delivered);
		say_num("dropped", rg.r->dropped);
	}
	return kid_status(0);
}

static int busy(void)
{
	struct tfilter f;
	struct ring rg;
	filter_port(&f, IP_UDP, FLOOD_PORT + 1);
	if (tfilter_insert(&f, 0) < 0 || ring_init(&rg, ring_mem, 64, 0) != 0)
		return 20;
	tell_ready(2);
	unsigned got = 0, bad = 0;
	for (;;) {
		unsigned len, plen;
		const unsigned char *fr = ring_wait(&rg, &len, 0, DEMUX_TIMEOUT_US);
		if (!fr)
			return 21;
		const unsigned char *p = frame_payload(fr, &plen);
		unsigned seq = get32(p), n = get32(p + 4);
		bad += !tfilter_match(&f, fr, len);
		ring_done(&rg);
		if (seq == END_MAGIC) {
			if (!check(got == n && bad == 0 && rg.r->dropped == 0,
				   "netflood: the other child gets every one of its frames during the flood")) {
				say_num("got", got);
				say_num("of", n);
			}
			return kid_status(0);
		}
		if (seq != got)
			bad++;
		got++;
	}
}

int main(unsigned role)
{
	time_init();
	if (role == 1)
		return lazy();
	if (role == 2)
		return busy();
	say("netflood: a flood for a child that reads nothing\n");
	if (!check(wait_peer_alone() == 0, "netflood: the peer is up"))
		return 1;
	struct aegis_netinfo before, after;
	sys_net_info(&before);
	int a = sys_spawn("netflood", 8, 1, 0), b = sys_spawn("netflood", 8, 2, 0);
	int ok = 1;
	int ids[2] = { a, b };
	for (int k = 0; k < 2; k++) {
		unsigned v;
		ok &= wait_kid(ids[k], &v) && v == 0;
	}
	check(ok, "netflood: both children ran to their ends");
	sys_net_info(&after);
	check(after.rx_errors == before.rx_errors &&
	      after.rx_frames - before.rx_frames == FLOOD_N + FLOOD_BUSY_N + 1,
	      "netflood: the LANCE lost nothing; Aegis dropped only the lazy child's frames");
	plan();
	return 0;
}
