/*
 * netash.c - machine 1 of the ASH test (peer: "peerping"). Three filters
 * with handlers downloaded into Aegis (ash_echo.S): one answers the
 * peer's pings from inside the kernel as each frame arrives (ASH
 * control initiation: the reply leaves before anything is scheduled),
 * one loops forever and one stores into the kernel: Aegis must stop
 * both, tell the owner (its ring's ash_aborts and ash_last), and still
 * deliver their frames to the ring. A fourth filter's pings are answered
 * by this program itself, polling its ring: the peer measures both
 * round trips, which is what an ASH saves. The pings are minimum-size
 * 60-byte frames carrying a 4-byte counter (PING_PAYLOAD, proto.h: the
 * paper's Table 11 message), so bench/report's raw rows time them.
 */
#include "netlib.h"
#include "proto.h"
#include "../../user/report.h"

extern const unsigned ash_echo[], ash_echo_end[], ash_spin[], ash_spin_end[],
	ash_poke[], ash_poke_end[], ash_peek[], ash_peek_end[];
static volatile unsigned seen_past = ~0u;	/* ash_peek's report */

static char ring_mem[AEGIS_RX_HDR + 32 * SLOT] __attribute__((aligned(4)));
/* The echo handler's reply buffer: 2 bytes past a word, as the frame. */
static unsigned char reply[AEGIS_NET_MTU_FRAME + 4] __attribute__((aligned(4)));
static unsigned char out[AEGIS_NET_MTU_FRAME + 4] __attribute__((aligned(4)));

static int with_handler(unsigned port, const unsigned *from, const unsigned *to, unsigned arg,
			const char *name)
{
	struct tfilter f;
	static char why[AEGIS_ASH_WHY_LEN];
	filter_port(&f, IP_UDP, port);
	int id = tfilter_insert(&f, 0);
	struct aegis_ash a = { from, (unsigned)(to - from), arg, why };
	int r = id >= 0 ? sys_ash_download(id, &a) : id;
	if (!check(r == 0, name)) {
		say("#   ");
		say(why);
		say("\n");
		return -1;
	}
	return id;
}

/* Answer a ping the way the handler does, from this program. */
static void answer(const unsigned char *fr, unsigned len)
{
	for (unsigned i = 0; i < len; i++)
		out[2 + i] = fr[i];
	unsigned char *o = out + 2;
	for (int i = 0; i < 6; i++) {
		o[i] = fr[6 + i];
		o[6 + i] = fr[i];
	}
	for (int i = 0; i < 4; i++) {
		o[26 + i] = fr[30 + i];
		o[30 + i] = fr[26 + i];
	}
	o[34] = fr[36], o[35] = fr[37], o[36] = fr[34], o[37] = fr[35];
	put32(o + 42, get32(fr + 42) + 1);
	send_frame(o, len);
}

int main(void)
{
	time_init();
	say("netash: pings answered by a handler in Aegis and by a program\n");
	struct tfilter f;
	struct ring rg;
	filter_type(&f, ETHERTYPE_TEST);
	int ctl = tfilter_insert(&f, 0);
	filter_port(&f, IP_UDP, PING_POLL_PORT);
	int poll = tfilter_insert(&f, 0);
	if (!check(ctl >= 0 && poll >= 0 && ring_init(&rg, ring_mem, 32, 0) == 0,
		   "netash: filters for the peer's reports and its polled pings, a ring"))
		return 1;
	if (!check(wait_peer(&rg) == 0, "netash: the peer is up"))
		return 1;
	int echo = with_handler(PING_ASH_PORT, ash_echo, ash_echo_end, (unsigned)reply + 2,
				"netash: a handler that answers pings is downloaded");
	int spin = with_handler(PING_SPIN_PORT, ash_spin, ash_spin_end, 0,
				"netash: a handler that loops forever is downloaded (it is bounded)");
	int poke = with_handler(PING_POKE_PORT, ash_poke, ash_poke_end, 0,
				"netash: a handler that stores into the kernel is downloaded (it is confined)");
	int peek = with_handler(PING_PEEK_PORT, ash_peek, ash_peek_end, (unsigned)&seen_past,
				"netash: a handler that looks past its frame's end is downloaded");
	unsigned w[2] = { CTL_READY, 1 };
	send_frame(out, frame_ctl(out, mac2, mac1, w, 2));

	unsigned results = 0, answered[2] = { 0 }, cycles[2] = { 0 }, polled = 0, other_len = 0;
	unsigned to_echo = 0, spun = 0, poked = 0, aborts_after_spin = 0, last_after_spin = 0;
	unsigned long long end = now_cycles() + us_to_cycles(30000000);
	while (results < 2 && now_cycles() < end) {
		unsigned len, fid;
		/* Alone on its machine: it looks at its ring without yielding. */
		const unsigned char *fr = ring_peek(&rg, &len, &fid);
		if (!fr)
			continue;
		if ((int)fid == poll) {
			answer(fr, len);
			polled++;
			other_len += len != 60;	/* the size the raw rows report */
		} else if ((int)fid == ctl && get32(fr + 14) == CTL_PING) {
			unsigned k = get32(fr + 18) == PING_ASH_PORT ? 0 : 1;
			answered[k] = get32(fr + 22);
			cycles[k] = get32(fr + 26);
			results++;
		} else if ((int)fid == echo) {
			to_echo++;
		} else if ((int)fid == spin) {
			if (!spun++) {
				aborts_after_spin = rg.r->ash_aborts;
				last_after_spin = rg.r->ash_last;
			}
		} else if ((int)fid == poke) {
			poked++;
		} else if ((int)fid == peek) {
			say_num("bytes seen past the frame, or-ed", seen_past);
			check(seen_past == 0, "netash: past its frame's end a handler sees only zeros, "
					      "not a longer frame that came before");
		}
		ring_done(&rg);
	}
	check(spun == PING_BAD_N && aborts_after_spin >= 1 && last_after_spin == AEGIS_ASH_TIMEOUT,
	      "netash: the looping handler was stopped (timeout), its frames still reached the ring");
	check(poked == PING_BAD_N && rg.r->ash_aborts == 2 * PING_BAD_N &&
	      rg.r->ash_last == AEGIS_ASH_FAULT,
	      "netash: the handler that stores into the kernel was stopped (fault), frames delivered");
	say_num("aborts counted", rg.r->ash_aborts);
	if (!check(answered[0] == PING_N && to_echo == 0,
		   "netash: every ping was answered by the handler, none reached the ring"))
		say_num("answered", answered[0]);
	if (!check(answered[1] == PING_N && polled == PING_N,
		   "netash: every ping was answered by the program polling its ring"))
		say_num("answered", answered[1]);
	check(polled > 0 && other_len == 0,
	      "netash: the pings are 60-byte frames (a 4-byte counter, padded to the minimum)");
	unsigned m = mhz();
	say_num("round trip through the handler, us", cycles[0] / m);
	say_num("round trip through the polled ring, us", cycles[1] / m);
	bench_report("ash_rtt", cycles[0], 0);
	bench_report("poll_rtt", cycles[1], 0);
	plan();
	return 0;
}
