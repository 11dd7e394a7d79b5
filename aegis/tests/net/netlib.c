/*
 * netlib.c - the network tests' shared code (netlib.h).
 */
#include "netlib.h"
#include "../../user/report.h"
#include "proto.h"

const unsigned char mac1[6] = { 0x08, 0x00, 0x2b, 0x77, 0x00, 0x01 };
const unsigned char mac2[6] = { 0x08, 0x00, 0x2b, 0x77, 0x00, 0x02 };
const unsigned char mac_bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

#define IP1	0x0a000001u	/* 10.0.0.1, machine 1 */
#define IP2	0x0a000002u

static void atom(struct tfilter *f, unsigned op, unsigned size, unsigned off, unsigned mask,
		 unsigned value)
{
	struct dpf_atom *a = &f->a[f->n++];
	a->op = (unsigned short)op;
	a->size = (unsigned short)size;
	a->offset = off;
	a->mask = mask;
	a->value = value;
}

void filter_port(struct tfilter *f, unsigned proto, unsigned port)
{
	f->n = 0;
	atom(f, DPF_OP_EQ, 2, 12, 0xffff, 0x0800);	/* IPv4 */
	atom(f, DPF_OP_EQ, 1, 14, 0xf0, 0x40);		/* version 4 */
	atom(f, DPF_OP_EQ, 1, 23, 0xff, proto);
	atom(f, DPF_OP_EQ, 4, 30, 0xffffffffu, IP1);	/* to machine 1 */
	atom(f, DPF_OP_SHIFT, 1, 14, 0x0f, 2);		/* past the IP header */
	atom(f, DPF_OP_EQ, 2, 14 + 2, 0xffff, port);	/* destination port */
}

void filter_type(struct tfilter *f, unsigned type)
{
	f->n = 0;
	atom(f, DPF_OP_EQ, 2, 12, 0xffff, type);
}

void random_filters(struct tfilter *f)
{
	filter_port(&f[0], IP_UDP, RANDOM_PORT);
	filter_port(&f[1], IP_TCP, RANDOM_PORT + 1);
	filter_port(&f[2], IP_UDP, RANDOM_PORT + 2);
	filter_type(&f[3], RANDOM_TYPE);
}

static unsigned field(const unsigned char *p, unsigned size)
{
	unsigned v = 0;
	for (unsigned i = 0; i < size; i++)
		v = v << 8 | p[i];
	return v;
}

int tfilter_match(const struct tfilter *f, const unsigned char *frame, unsigned len)
{
	unsigned base = 0;
	for (unsigned i = 0; i < f->n; i++) {
		const struct dpf_atom *a = &f->a[i];
		unsigned at = base + a->offset;
		if (at + a->size > len)
			return 0;
		unsigned v = field(frame + at, a->size) & a->mask;
		if (a->op == DPF_OP_SHIFT)
			base += v << a->value;
		else if (v != a->value)
			return 0;
	}
	return 1;
}

int tfilter_insert(const struct tfilter *f, unsigned flags)
{
	return sys_dpf_insert(f->a, f->n, flags);
}

void put32(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

unsigned get32(const unsigned char *p)
{
	return field(p, 4);
}

static void put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

static void eth(unsigned char *buf, const unsigned char *dst, const unsigned char *src,
		unsigned type)
{
	for (int i = 0; i < 6; i++) {
		buf[i] = dst[i];
		buf[6 + i] = src[i];
	}
	put16(buf + 12, type);
}

unsigned frame_ip(unsigned char *buf, const unsigned char *dst, const unsigned char *src,
		  unsigned proto, unsigned ihl_words, unsigned sport, unsigned dport,
		  const void *payload, unsigned plen)
{
	unsigned ihl = ihl_words * 4, thl = proto == IP_TCP ? 20 : 8;
	unsigned char *ip = buf + 14, *t = ip + ihl;
	eth(buf, dst, src, 0x0800);
	ip[0] = (unsigned char)(0x40 | ihl_words);
	ip[1] = 0;
	put16(ip + 2, ihl + thl + plen);
	put16(ip + 4, 1);
	put16(ip + 6, 0);
	ip[8] = 64;
	ip[9] = (unsigned char)proto;
	put16(ip + 10, 0);
	put32(ip + 12, IP2);
	put32(ip + 16, IP1);
	for (unsigned i = 20; i < ihl; i++)
		ip[i] = 1;	/* NOP options */
	for (unsigned i = 0; i < thl; i++)
		t[i] = 0;
	put16(t, sport);
	put16(t + 2, dport);
	if (proto == IP_TCP)
		t[12] = 5 << 4;
	else
		put16(t + 4, thl + plen);
	const unsigned char *pl = payload;
	for (unsigned i = 0; i < plen; i++)
		t[thl + i] = pl[i];
	unsigned len = 14 + ihl + thl + plen;
	for (; len < 60; len++)
		buf[len] = 0;
	return len;
}

const unsigned char *frame_payload(const unsigned char *frame, unsigned *plen)
{
	unsigned ihl = (frame[14] & 0x0f) * 4;
	unsigned thl = frame[14 + 9] == IP_TCP ? 20 : 8;
	unsigned total = (unsigned)frame[16] << 8 | frame[17];
	*plen = total - ihl - thl;
	return frame + 14 + ihl + thl;
}

unsigned frame_ctl(unsigned char *buf, const unsigned char *dst, const unsigned char *src,
		   const unsigned *words, unsigned nwords)
{
	eth(buf, dst, src, ETHERTYPE_TEST);
	for (unsigned i = 0; i < nwords; i++)
		put32(buf + 14 + 4 * i, words[i]);
	unsigned len = 14 + 4 * nwords;
	for (; len < 60; len++)
		buf[len] = 0;
	return len;
}

int ring_init(struct ring *rg, void *mem, unsigned nslots, void (*upcall)(void))
{
	rg->r = mem;
	rg->nslots = nslots;
	rg->next = 0;
	return sys_net_ring(mem, nslots, SLOT, upcall);
}

static struct aegis_rx_slot *slot_at(struct ring *rg, unsigned k)
{
	return (struct aegis_rx_slot *)((char *)rg->r + AEGIS_RX_HDR + k * SLOT);
}

const unsigned char *ring_peek(struct ring *rg, unsigned *len, unsigned *filter)
{
	struct aegis_rx_slot *s = slot_at(rg, rg->next);
	if (!s->len)
		return 0;
	*len = s->len;
	if (filter)
		*filter = s->filter;
	return (const unsigned char *)s + AEGIS_RX_FRAME;
}

void ring_done(struct ring *rg)
{
	slot_at(rg, rg->next)->len = 0;
	rg->next = rg->next + 1 == rg->nslots ? 0 : rg->next + 1;
}

const unsigned char *ring_wait(struct ring *rg, unsigned *len, unsigned *filter, unsigned us)
{
	unsigned long long end = now_cycles() + us_to_cycles(us);
	const unsigned char *f;
	while (!(f = ring_peek(rg, len, filter)) && now_cycles() < end)
		sys_yield(0);
	return f;
}

const unsigned char *ring_spin(struct ring *rg, unsigned *len, unsigned *filter, unsigned us)
{
	unsigned long long end = now_cycles() + us_to_cycles(us);
	const unsigned char *f;
	while (!(f = ring_peek(rg, len, filter)) && now_cycles() < end)
		;
	return f;
}

int wait_peer(struct ring *rg)
{
	static unsigned char f[64];
	unsigned len;
	const unsigned char *fr;
	int heard = 0;
	while (!heard && (fr = ring_wait(rg, &len, 0, 5000000))) {
		heard = get32(fr + 14) == CTL_HELLO;
		ring_done(rg);
	}
	if (!heard)
		return -1;
	unsigned w[1] = { CTL_ACK };
	send_frame(f, frame_ctl(f, mac2, mac1, w, 1));
	/* The peer sends one every 2 ms until the ACK reaches it. */
	while ((fr = ring_wait(rg, &len, 0, 10000)))
		ring_done(rg);
	return 0;
}

int wait_peer_alone(void)
{
	static char mem[AEGIS_RX_HDR + 4 * SLOT] __attribute__((aligned(4)));
	static struct ring rg;
	struct tfilter f;
	filter_type(&f, ETHERTYPE_TEST);
	if (tfilter_insert(&f, 0) < 0 || ring_init(&rg, mem, 4, 0) != 0)
		return -1;
	return wait_peer(&rg);
}

int send_frame(const void *frame, unsigned len)
{
	int r;
	unsigned tries = 0;
	while ((r = sys_net_send(frame, len)) == -AEGIS_EAGAIN && ++tries < 100000)
		sys_yield(0);
	return r;
}

static const volatile unsigned *counter;

void time_init(void)
{
	if (sys_map_counter() == 0)
		counter = (const volatile unsigned *)USER_COUNTER_VA;
}

unsigned long long now_cycles(void)
{
	return counter ? counter_cycles(counter) : 0;
}

unsigned mhz(void)
{
	return counter ? counter_mhz(counter) : 1;
}

unsigned long long us_to_cycles(unsigned us)
{
	return (unsigned long long)us * mhz();
}

void spin_us(unsigned us)
{
	unsigned long long end = now_cycles() + us_to_cycles(us);
	while (now_cycles() < end)
		;
}

unsigned rnd(unsigned *s)
{
	unsigned x = *s;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *s = x;
}

void say(const char *s)
{
	sys_cputs(s, ustrlen(s));
}

void say_num(const char *what, unsigned v)
{
	char line[96], *p = line;
	put_str(&p, "# ");
	unsigned n = ustrlen(what);
	for (unsigned i = 0; i < n && i < 64; i++)
		*p++ = what[i];
	*p++ = ' ';
	put_uint(&p, v);
	*p++ = '\n';
	sys_cputs(line, (unsigned)(p - line));
}

static unsigned checks, kid_checks;

int kid_status(unsigned value)
{
	return (int)(checks << 24 | (value & 0xffffff));
}

int wait_kid(int id, unsigned *value)
{
	struct aegis_exit x = { 0 };
	int r;
	unsigned spins = 0;
	while ((r = sys_wait(id, &x)) == -AEGIS_EAGAIN && ++spins < 100000000)
		sys_yield(0);
	*value = ~0u;
	if (r != 0 || x.killed) {
		say_num("a child did not end normally: wait", (unsigned)-r);
		say_num("killed", (unsigned)x.killed);
		return 0;
	}
	kid_checks += (unsigned)x.status >> 24;
	*value = (unsigned)x.status & 0xffffff;
	return 1;
}

void plan(void)
{
	char line[32], *p = line;
	put_str(&p, "1..");
	put_uint(&p, checks + kid_checks);
	*p++ = '\n';
	sys_cputs(line, (unsigned)(p - line));
}

int check(int ok, const char *name)
{
	checks++;
	sys_check(ok, name);
	return ok;
}

int expect(int got, int want, const char *name)
{
	int ok = got == want;
	checks++;
	sys_check(ok, name);
	if (!ok) {
		say_num("got (negated if below 0)", got < 0 ? (unsigned)-got : (unsigned)got);
		say_num("want (negated if below 0)", want < 0 ? (unsigned)-want : (unsigned)want);
	}
	return ok;
}
