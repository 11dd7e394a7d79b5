/*
 * peer.c - machine 2 of the network tests: an Aegis program that waits
 * for machine 1's children to say they are ready, then sends what the
 * test needs. Built once per role (-DROLE=...): peerdemux, peerflood,
 * peerrandom, peerping (see proto.h and the machine-1 programs).
 */
#include "netlib.h"
#include "proto.h"

#define ROLE_DEMUX	1
#define ROLE_FLOOD	2
#define ROLE_RANDOM	3
#define ROLE_PING	4

static char ring_mem[AEGIS_RX_HDR + 32 * SLOT] __attribute__((aligned(4)));
static struct ring rg;
static unsigned char buf[AEGIS_NET_MTU_FRAME + 2] __attribute__((aligned(4)));

/* Wait for n ready frames from machine 1's children. */
static int wait_ready(unsigned n)
{
	unsigned seen = 0;
	while (seen < n) {
		unsigned len;
		const unsigned char *f = ring_wait(&rg, &len, 0, 5000000);
		if (!f)
			return -1;
		if (get32(f + 14) == CTL_READY)
			seen++;
		ring_done(&rg);
	}
	return 0;
}

static void send_ip(unsigned proto, unsigned ihl, unsigned port, unsigned w0, unsigned w1,
		    unsigned gap_us)
{
	unsigned char pl[8];
	put32(pl, w0);
	put32(pl + 4, w1);
	send_frame(buf, frame_ip(buf, mac1, mac2, proto, ihl, 1234, port, pl, 8));
	spin_us(gap_us);
}

static void demux(void)
{
	for (unsigned r = 0; r < DEMUX_ROUNDS; r++) {
		for (unsigned k = 1; k <= 4; k++)
			send_ip(k == 4 ? IP_TCP : IP_UDP, 5 + r % 4, DEMUX_PORT + k - 1, r, 0,
				DEMUX_GAP_US);
		if (r % 5)
			continue;
		/* Nobody's: another port; TCP to a UDP child's port; UDP to
		   another host; a frame too short for the port its IP header
		   places past its end. */
		send_ip(IP_UDP, 5, 9999, r, 0, DEMUX_GAP_US);
		send_ip(IP_TCP, 5, DEMUX_PORT, r, 0, DEMUX_GAP_US);
		unsigned char pl[8] = { 0 };
		unsigned len = frame_ip(buf, mac1, mac2, IP_UDP, 5, 1234, DEMUX_PORT, pl, 8);
		buf[14 + 19] = 9;	/* 10.0.0.9 */
		send_frame(buf, len);
		spin_us(DEMUX_GAP_US);
		frame_ip(buf, mac1, mac2, IP_UDP, 15, 1234, DEMUX_PORT, pl, 8);
		send_frame(buf, 60);
		spin_us(DEMUX_GAP_US);
	}
	for (unsigned k = 1; k <= 4; k++)
		send_ip(k == 4 ? IP_TCP : IP_UDP, 5, DEMUX_PORT + k - 1, END_MAGIC, DEMUX_ROUNDS,
			DEMUX_GAP_US);
}

static void flood(void)
{
	for (unsigned i = 0; i < FLOOD_N; i++) {
		send_ip(IP_UDP, 5, FLOOD_PORT, i, 0, FLOOD_GAP_US);
		if (i % 5 == 0)
			send_ip(IP_UDP, 5, FLOOD_PORT + 1, i / 5, 0, FLOOD_GAP_US);
	}
	send_ip(IP_UDP, 5, FLOOD_PORT + 1, END_MAGIC, FLOOD_BUSY_N, FLOOD_GAP_US);
}

/* n random bytes at p, a word of the stream at a time. */
static void random_bytes(unsigned char *p, unsigned n, unsigned *s)
{
	for (unsigned i = 0; i < n; i += 4) {
		unsigned w = rnd(s);
		for (unsigned j = 0; j < 4 && i + j < n; j++, w >>= 8)
			p[i + j] = (unsigned char)w;
	}
}

/* A random frame for machine 1 (or for nobody's address: the LANCE
   drops those before Aegis sees them), *to_m1 set if it will arrive. */
static unsigned random_frame(unsigned *s, int *to_m1)
{
	unsigned kind = rnd(s) % 10, len;
	const unsigned char *dst = mac1;
	if (kind < 3) {
		/* Bytes, any length. */
		len = 14 + rnd(s) % (AEGIS_NET_MTU_FRAME - 13);
		random_bytes(buf, len, s);
		if (kind == 2)
			buf[12] = 0x08, buf[13] = 0x00;	/* claims to be IP */
	} else if (kind < 8) {
		/* IP to one of the test's ports or beside them, options of
		   any length, perhaps damaged or cut short. */
		unsigned char pl[256];
		unsigned plen = rnd(s) % 256;
		random_bytes(pl, plen, s);
		if (plen >= 4 && get32(pl) == END_MAGIC)
			pl[0] ^= 1;
		unsigned proto = rnd(s) & 1 ? IP_UDP : IP_TCP;
		unsigned port = RANDOM_PORT + rnd(s) % 5;
		len = frame_ip(buf, dst, mac2, proto, 5 + rnd(s) % 11, 1234, port, pl, plen);
		if (kind >= 6) {
			unsigned flips = 1 + rnd(s) % 4;
			while (flips--)
				buf[12 + rnd(s) % 40] ^= (unsigned char)(1 + rnd(s) % 255);
		}
		if (kind == 7)
			len = 14 + rnd(s) % (len - 13);
	} else {
		/* The Ethernet-type child's frames, any length. */
		len = 14 + rnd(s) % 200;
		random_bytes(buf, len, s);
		buf[12] = RANDOM_TYPE >> 8;
		buf[13] = RANDOM_TYPE & 0xff;
		if (len >= 18 && get32(buf + 14) == END_MAGIC)
			buf[14] ^= 1;
	}
	if (kind == 9)
		dst = mac_bcast;
	for (int i = 0; i < 6; i++) {
		buf[i] = dst[i];
		buf[6 + i] = mac2[i];
	}
	if (rnd(s) % 50 == 0)
		buf[0] = 0x02;		/* someone else's (unicast, not ours) */
	*to_m1 = buf[0] != 0x02;
	/* Aegis pads a short frame to 60 bytes of zeros: what arrives. */
	for (; len < 60; len++)
		buf[len] = 0;
	return len;
}

static void random_frames(void)
{
	struct tfilter f[RANDOM_KIDS];
	unsigned expect_n[RANDOM_KIDS] = { 0 }, total = 0, s = 0x5eed1995u;
	random_filters(f);
	for (unsigned i = 0; i < RANDOM_N; i++) {
		int to_m1;
		unsigned len = random_frame(&s, &to_m1);
		if (to_m1) {
			total++;
			/* The filters are disjoint but for the shared one, whose
			   frames no other takes either. */
			for (unsigned k = 0; k < RANDOM_KIDS; k++)
				if (tfilter_match(&f[k], buf, len)) {
					expect_n[k]++;
					break;
				}
		}
		send_frame(buf, len);
		spin_us(RANDOM_GAP_US);
	}
	for (unsigned k = 0; k < RANDOM_KIDS; k++) {
		unsigned len;
		if (k < 3) {
			unsigned char pl[8];
			put32(pl, END_MAGIC);
			put32(pl + 4, expect_n[k]);
			len = frame_ip(buf, mac1, mac2, k == 1 ? IP_TCP : IP_UDP, 5, 1234,
				       RANDOM_PORT + k, pl, 8);
		} else {
			unsigned w[2] = { END_MAGIC, expect_n[k] };
			len = frame_ctl(buf, mac1, mac2, w, 2);
			buf[12] = RANDOM_TYPE >> 8;
			buf[13] = RANDOM_TYPE & 0xff;
		}
		send_frame(buf, len);
		total++;
		spin_us(RANDOM_GAP_US);
	}
	unsigned w[2] = { CTL_TOTAL, total + 1 };
	send_frame(buf, frame_ctl(buf, mac1, mac2, w, 2));
}

/* Ping a port PING_N times: each answer must carry the counter plus one. */
static void ping(unsigned port)
{
	struct tfilter f;
	filter_port(&f, IP_UDP, 0);
	f.a[3].value = 0x0a000002u;	/* to machine 2, from port `port` */
	f.a[5].offset = 14;
	f.a[5].value = port;
	int id = tfilter_insert(&f, 0);
	unsigned answered = 0;
	unsigned total = 0;	/* cycles: 200 round trips fit in 32 bits */
	for (unsigned i = 0; id >= 0 && i < PING_N; i++) {
		unsigned char pl[PING_PAYLOAD];	/* a 60-byte frame on the wire (proto.h) */
		for (unsigned j = 0; j < sizeof pl; j++)
			pl[j] = (unsigned char)j;
		put32(pl, i);
		unsigned len = frame_ip(buf, mac1, mac2, IP_UDP, 5, port, port, pl, sizeof pl);
		unsigned long long t0 = now_cycles();
		send_frame(buf, len);
		unsigned rlen;
		const unsigned char *r;
		while ((r = ring_spin(&rg, &rlen, 0, PING_TIMEOUT_US)) && get32(r + 12) >> 16 != 0x0800)
			ring_done(&rg);
		if (!r)
			continue;
		unsigned plen;
		const unsigned char *p = frame_payload(r, &plen);
		if (plen == sizeof pl && get32(p) == i + 1) {
			answered++;
			total += (unsigned)(now_cycles() - t0);
		}
		ring_done(&rg);
	}
	if (id >= 0)
		sys_dpf_remove(id);
	unsigned w[4] = { CTL_PING, port, answered, answered ? total / answered : 0 };
	send_frame(buf, frame_ctl(buf, mac1, mac2, w, 4));
	spin_us(1000);
}

int main(void)
{
	struct tfilter f;
	time_init();
	filter_type(&f, ETHERTYPE_TEST);
	if (tfilter_insert(&f, 0) < 0 || ring_init(&rg, ring_mem, 32, 0) != 0) {
		say("peer: no filter or ring\n");
		return 1;
	}
	/* Say it is up until machine 1 answers (it may boot faster or
	   slower, and would lose what it sent before this machine's
	   filter existed). */
	int acked = 0;
	for (unsigned tries = 0; !acked && tries < 2500; tries++) {
		unsigned w[1] = { CTL_HELLO }, len;
		send_frame(buf, frame_ctl(buf, mac1, mac2, w, 1));
		const unsigned char *fr;
		while (!acked && (fr = ring_wait(&rg, &len, 0, 2000))) {
			acked = get32(fr + 14) == CTL_ACK;
			ring_done(&rg);
		}
	}
	if (!acked) {
		say("peer: machine 1 never answered\n");
		return 1;
	}
	unsigned kids = ROLE == ROLE_DEMUX ? 4 : ROLE == ROLE_FLOOD ? 2 :
			ROLE == ROLE_RANDOM ? RANDOM_KIDS : 1;
	if (wait_ready(kids) != 0) {
		say("peer: machine 1 never got ready\n");
		return 1;
	}
	switch (ROLE) {
	case ROLE_DEMUX: demux(); break;
	case ROLE_FLOOD: flood(); break;
	case ROLE_RANDOM: random_frames(); break;
	case ROLE_PING:
		/* A long frame for nobody, then a short one for the handler
		   that looks past its frame's end. */
		{
			unsigned char pl[1400];
			for (unsigned i = 0; i < sizeof pl; i++)
				pl[i] = (unsigned char)(0xa5 ^ i);
			send_frame(buf, frame_ip(buf, mac1, mac2, IP_UDP, 5, 1234, 9999, pl, sizeof pl));
			spin_us(5000);
			send_ip(IP_UDP, 5, PING_PEEK_PORT, 0, 0, 5000);
		}
		for (unsigned i = 0; i < PING_BAD_N; i++) {
			send_ip(IP_UDP, 5, PING_SPIN_PORT, i, 0, 50000);
			send_ip(IP_UDP, 5, PING_POKE_PORT, i, 0, 5000);
		}
		ping(PING_ASH_PORT);
		ping(PING_POLL_PORT);
		break;
	}
	say("peer: done\n");
	return 0;
}
