/*
 * netdemux.c - machine 1 of the demultiplexing test (its peer runs
 * peer.c as "peerdemux"): four children each own one filter, UDP or TCP
 * to a port of machine 1's IP address, past a variable-length IP header
 * (DPF's shift); the peer sends each of them frames with IP options of
 * several lengths, frames that match nobody, and truncated ones. Each
 * child must get exactly the frames its filter takes, nothing else:
 *   kid 1 polls its ring; kid 2 is told by net upcalls; kid 3 removes
 *   and inserts its filter again and again while frames arrive; kid 4's
 *   filter is TCP. The parent then checks Aegis's counts add up: every
 *   frame received was delivered to its owner or counted unclaimed.
 * Also run here: the calls' answers on a machine with an Ethernet.
 */
#include "netlib.h"
#include "proto.h"

extern volatile unsigned net_save[8], net_upcalls, net_upcall_delivered;
void net_note(void);

static char ring_mem[AEGIS_RX_HDR + 64 * SLOT] __attribute__((aligned(4)));

static void tell_ready(unsigned kid)
{
	static unsigned char f[64];
	unsigned w[2] = { CTL_READY, kid };
	send_frame(f, frame_ctl(f, mac2, mac1, w, 2));
}

static int kid(unsigned k)
{
	struct tfilter f;
	struct ring rg;
	unsigned port = DEMUX_PORT + k - 1, proto = k == 4 ? IP_TCP : IP_UDP;
	filter_port(&f, proto, port);
	int id = tfilter_insert(&f, 0);
	if (id < 0)
		return 10;
	if (k == 2 && sys_set_upcalls(0, 0, (void *)net_save) != 0)
		return 11;
	if (ring_init(&rg, ring_mem, 64, k == 2 ? net_note : 0) != 0)
		return 12;
	tell_ready(k);

	unsigned got = 0, bad = 0, seq_bad = 0, last = ~0u, churns = 0, upcall_frames = 0;
	unsigned long long end = now_cycles() + us_to_cycles(DEMUX_TIMEOUT_US);
	for (;;) {
		unsigned len, fid;
		const unsigned char *fr = ring_peek(&rg, &len, &fid);
		if (!fr) {
			if (now_cycles() > end)
				return 13;	/* the end frame never came */
			if (k == 2 && net_upcalls) {
				/* Told: drain, then re-arm. */
				upcall_frames = net_upcall_delivered;
			}
			sys_yield(0);
			continue;
		}
		unsigned plen;
		const unsigned char *p = frame_payload(fr, &plen);
		if (!tfilter_match(&f, fr, len) || (int)fid != id)
			bad++;
		unsigned seq = get32(p), n = get32(p + 4);
		ring_done(&rg);
		if (k == 2 && net_upcalls)
			sys_net_ring(rg.r, 0, 0, 0);	/* re-arm */
		if (seq == DEMUX_END) {
			char name[80];
			const char *what[] = { "", "polling", "upcall", "churning", "TCP" };
			if (k == 3) {
				/* Some frames went while its filter was out. */
				if (!check(bad == 0 && got > 0 && got < n && churns > 0,
					   "netdemux: a filter removed and inserted while frames arrive "
					   "gets only its own frames")) {
					say_num("got", got);
					say_num("of", n);
				}
				return kid_status(n - got);
			} else {
				char *q = name;
				const char *s = "netdemux: every frame for the ";
				while (*s)
					*q++ = *s++;
				for (s = what[k]; *s;)
					*q++ = *s++;
				s = " child reached it, and nothing else";
				while (*s)
					*q++ = *s++;
				*q = 0;
				if (!check(bad == 0 && seq_bad == 0 && got == n, name)) {
					say_num("got", got);
					say_num("of", n);
					say_num("wrong frames", bad);
				}
			}
			if (k == 2)
				check(net_upcalls > 0 && upcall_frames > 0 && upcall_frames <= got + 1,
				      "netdemux: net upcalls told the child of its frames");
			return kid_status(0);
		}
		if (last != ~0u && seq != last + 1)
			seq_bad++;
		last = seq;
		got++;
		if (k == 3 && got % 5 == 0) {
			/* Out and back in: the id may change. */
			if (sys_dpf_remove(id) != 0)
				return 14;
			spin_us(4 * DEMUX_GAP_US);	/* frames come meanwhile */
			if ((id = tfilter_insert(&f, 0)) < 0)
				return 15;
			churns++;
			seq_bad = 0;
			last = ~0u;
		}
	}
}

static void calls_on_an_ethernet(void)
{
	struct aegis_netinfo ni;
	int r = sys_net_info(&ni);
	check(r == 0 && ni.present == 1, "netdemux: the machine has an Ethernet (SYS_net_info)");
	int same = 1;
	for (int i = 0; i < 6; i++)
		same &= ni.mac[i] == mac1[i];
	check(same, "netdemux: its station address is the one --mac gave");
	static unsigned char f[64];
	unsigned w[1] = { 0 };
	unsigned len = frame_ctl(f, mac2, mac1, w, 1);
	expect(sys_net_send(f, 13), -AEGIS_EINVAL, "netdemux: a 13-byte frame is refused (EINVAL)");
	expect(sys_net_send(f, 1515), -AEGIS_EINVAL, "netdemux: a 1515-byte frame is refused (EINVAL)");
	expect(sys_net_send((void *)0x80030000u, len), -AEGIS_EFAULT,
	       "netdemux: sending kernel memory is refused (EFAULT)");
	expect(sys_net_send((void *)0x10000000u, len), -AEGIS_EFAULT,
	       "netdemux: sending unmapped memory is refused (EFAULT)");
	struct aegis_netinfo after;
	sys_net_info(&after);
	check(after.tx_frames == ni.tx_frames, "netdemux: none of them sent a frame");
}

int main(unsigned role, unsigned arg)
{
	(void)arg;
	time_init();
	if (role)
		return kid(role);
	say("netdemux: four children, one filter each\n");
	calls_on_an_ethernet();
	if (!check(wait_peer_alone() == 0, "netdemux: the peer is up"))
		return 1;
	struct aegis_netinfo before, after;
	sys_net_info(&before);
	int ids[4];
	for (unsigned k = 1; k <= 4; k++)
		ids[k - 1] = sys_spawn("netdemux", 8, k, 0);
	int all = 1;
	unsigned missed = 0;	/* the churning child's, while its filter was out */
	for (unsigned k = 0; k < 4; k++) {
		unsigned v;
		if (!wait_kid(ids[k], &v) || (k != 2 && v != 0)) {
			all = 0;
			say_num("child's exit value", v);
		}
		if (k == 2)
			missed = v;
	}
	check(all, "netdemux: the four children ran to their ends");
	sys_net_info(&after);
	unsigned rx = after.rx_frames - before.rx_frames;
	unsigned unclaimed = after.rx_unclaimed - before.rx_unclaimed;
	say_num("frames received", rx);
	say_num("of which unclaimed", unclaimed);
	check(after.rx_errors == before.rx_errors, "netdemux: no frame lost by the LANCE");
	check(unclaimed == DEMUX_UNMATCHED + missed && rx == DEMUX_FRAMES,
	      "netdemux: every frame sent arrived; the ones nobody's filter takes are counted unclaimed");
	plan();
	return 0;
}
