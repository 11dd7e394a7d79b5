/*
 * netrandom.c - machine 1 of the random-frame test (peer: "peerrandom"):
 * RANDOM_N frames of random bytes, damaged IP headers, IP options of
 * every length, frames cut short, broadcasts, for four children whose
 * filters take some of them. Each child checks that every frame it got
 * is one its filter takes, and that it got (or its ring dropped) exactly
 * as many as the peer's own matcher counted; the parent checks that the
 * kernel's counts add up: every frame that arrived went to its filter's
 * owner or was counted unclaimed.
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

/* Ends with the frames it got plus those its ring dropped, plus one
   (its end frame); 0 if it could not run. */
static int kid(unsigned k)
{
	struct tfilter fs[RANDOM_KIDS], *f = &fs[k - 1];
	struct ring rg;
	random_filters(fs);
	if (tfilter_insert(f, k == 3 ? DPF_SHARED : 0) < 0 || ring_init(&rg, ring_mem, 64, 0) != 0)
		return 0;
	tell_ready(k);
	unsigned got = 0, bad = 0;
	for (;;) {
		unsigned len;
		const unsigned char *fr = ring_wait(&rg, &len, 0, 60000000);
		if (!fr)
			return 0;
		bad += !tfilter_match(f, fr, len);
		unsigned w0, n;
		if (k == RANDOM_KIDS) {
			w0 = get32(fr + 14);
			n = get32(fr + 18);
		} else {
			unsigned plen;
			const unsigned char *p = frame_payload(fr, &plen);
			w0 = plen >= 8 && p + 8 <= fr + len ? get32(p) : 0;
			n = w0 == END_MAGIC ? get32(p + 4) : 0;
		}
		ring_done(&rg);
		if (w0 == END_MAGIC) {
			struct aegis_netinfo ni;
			sys_net_info(&ni);
			unsigned all = got + rg.r->dropped;
			int exact = ni.rx_errors == 0;
			say_num("child got", got);
			say_num("its ring dropped", rg.r->dropped);
			say_num("the peer's matcher counted", n);
			if (!check(bad == 0 && (exact ? all == n : all <= n),
				   "netrandom: a child got only frames its filter takes, and all of them"))
				say_num("wrong frames", bad);
			return kid_status(all + 1);
		}
		got++;
	}
}

int main(unsigned role)
{
	time_init();
	if (role)
		return kid(role);
	say("netrandom: random and malformed frames from the peer\n");
	struct tfilter ctl;
	struct ring rg;
	filter_type(&ctl, ETHERTYPE_TEST);
	static char mem[AEGIS_RX_HDR + 8 * SLOT] __attribute__((aligned(4)));
	if (!check(tfilter_insert(&ctl, 0) >= 0 && ring_init(&rg, mem, 8, 0) == 0,
		   "netrandom: a filter for the peer's report"))
		return 1;
	if (!check(wait_peer(&rg) == 0, "netrandom: the peer is up"))
		return 1;
	struct aegis_netinfo before, after;
	sys_net_info(&before);
	int ids[RANDOM_KIDS];
	for (unsigned k = 1; k <= RANDOM_KIDS; k++)
		ids[k - 1] = sys_spawn("netrandom", 9, k, 0);
	unsigned sum = 0;
	int ok = 1;
	for (unsigned k = 0; k < RANDOM_KIDS; k++) {
		unsigned v;
		ok &= wait_kid(ids[k], &v) && v > 0;
		sum += v;	/* its frames + its end frame */
	}
	check(ok, "netrandom: the four children ran to their ends");
	unsigned total = 0, mine = 0, len;
	const unsigned char *fr;
	while ((fr = ring_wait(&rg, &len, 0, 100000))) {
		mine++;
		if (get32(fr + 14) == CTL_TOTAL)
			total = get32(fr + 18);
		ring_done(&rg);
		if (total)
			break;
	}
	sys_net_info(&after);
	unsigned rx = after.rx_frames - before.rx_frames;
	unsigned unclaimed = after.rx_unclaimed - before.rx_unclaimed;
	unsigned lost = after.rx_errors - before.rx_errors;
	say_num("frames sent to this machine", total);
	say_num("frames received", rx);
	say_num("unclaimed", unclaimed);
	say_num("receive errors", lost);
	check(total > 0 && (lost ? rx <= total : rx == total),
	      "netrandom: every frame the peer sent arrived (or the LANCE says it missed it)");
	check(rx == sum + mine + rg.r->dropped + unclaimed,
	      "netrandom: every frame received went to its filter's owner or was counted unclaimed");
	plan();
	return 0;
}
