/*
 * pipetest.c - ExOS pipes between two processes (SOSP'95 Table 8):
 * words and bulk data both ways through two rings, the reader of an
 * empty ring yielding to the writer; a process given only the read
 * capability of a ring cannot map it writable; then the benchmark, one
 * way of a word-sized ping-pong, with pipe_read/pipe_write ("pipe") and
 * with them inlined ("pipe'").
 */
#include "ipc/ipc.h"
#include "tap.h"

#define WORDS	1000
#define BULK	10000
#define ROUNDS	1000

/* The control page the parent hands its child (a0 = ppn, a1 = its write
   capability): what the child needs, and what it reports back. */
struct ctl {
	uint32_t down_ppn, down_wcap;	/* parent -> child (the reader writes tail) */
	uint32_t up_ppn, up_wcap;	/* child -> parent */
	uint32_t ro_ppn, ro_rcap;	/* a page the child may only read */
	int parent;
	int eperm_rcap, eperm_junk, read_ok;	/* the child's hostile checks */
	uint32_t bulk_sum;		/* of what the child read */
	uint32_t child_yields;
};

static uint32_t sum_bytes(const uint8_t *b, unsigned n, uint32_t s)
{
	for (unsigned i = 0; i < n; i++)
		s = s * 31 + b[i];
	return s;
}

static uint8_t bulk[BULK];

static int child(uint32_t ctl_ppn, uint32_t ctl_cap)
{
	struct ctl *c = (struct ctl *)ipc_map(ctl_ppn, ctl_cap, 1);
	if (!c)
		return 10;
	struct pipe in, out;
	/* The hostile case: a page we were given only the read capability
	   of cannot be mapped writable, nor at all with a guess. */
	uint32_t va = IPC_VA_BASE + 0x100000 + AEGIS_ENV_SLOT(ipc_getenvid()) * IPC_PAGE;
	c->eperm_rcap = ipc_sys4(SYS_tlbwr, va, c->ro_ppn, c->ro_rcap, TLBWR_WRITE);
	c->eperm_junk = ipc_sys4(SYS_tlbwr, va, c->ro_ppn, c->ro_rcap ^ 0x5a5a, 0);
	struct pipe_ring *ro = (struct pipe_ring *)ipc_map(c->ro_ppn, c->ro_rcap, 0);
	c->read_ok = ro && ro->buf[0] == 0x5a;
	if (pipe_attach(&in, c->down_ppn, c->down_wcap, 1, c->parent) < 0 ||
	    pipe_attach(&out, c->up_ppn, c->up_wcap, 1, c->parent) < 0)
		return 11;
	/* Words: echo each one plus one. */
	for (int i = 0; i < WORDS; i++) {
		uint32_t w;
		if (pipe_read(&in, &w, 4) != 4)
			return 12;
		w++;
		pipe_write(&out, &w, 4);
	}
	/* Bulk: read in odd-sized pieces, answer with the checksum. */
	uint32_t s = 0;
	for (unsigned got = 0; got < BULK;) {
		uint8_t b[333];
		unsigned want = BULK - got < sizeof b ? BULK - got : sizeof b;
		int n = pipe_read(&in, b, want);
		if (n <= 0)
			return 13;
		s = sum_bytes(b, (unsigned)n, s);
		got += (unsigned)n;
	}
	c->bulk_sum = s;
	pipe_write(&out, &s, 4);
	/* The benchmarks: pipe, then pipe'. */
	for (int i = 0; i < ROUNDS; i++) {
		uint32_t w;
		pipe_read(&in, &w, 4);
		w++;
		pipe_write(&out, &w, 4);
	}
	for (int i = 0; i < ROUNDS; i++) {
		uint32_t w;
		pipe_read_inline(&in, &w, 4);
		w++;
		pipe_write_inline(&out, &w, 4);
	}
	/* Until the parent closes its end. */
	uint32_t w;
	int r = pipe_read(&in, &w, 4);
	c->child_yields = in.yields + out.yields;
	return r == 0 ? 0 : 14;
}

static uint64_t t_now(int timed)
{
	return timed ? ipc_cycles() : 0;
}

/* Clock ticks charged to environment id so far. */
static unsigned ticks_of(int id)
{
	struct aegis_envinfo info;
	return sys_envinfo(id, &info) == 0 ? info.ticks : 0;
}

int main(void)
{
	if (ipc_is_child()) {
		unsigned a0, a1;
		ipc_startup_args(&a0, &a1);
		return child(a0, a1);
	}
	int timed = ipc_counter_init();
	struct ipc_page cp, dp, up, rp;
	struct pipe down, upp, rop;
	tap_ok(ipc_share(&cp) == 0, "pipe: control page shared");
	tap_ok(pipe_create(&down, &dp) == 0 && pipe_create(&upp, &up) == 0 &&
	       pipe_create(&rop, &rp) == 0, "pipe: three rings allocated");
	rop.r->buf[0] = 0x5a;
	struct ctl *c = (struct ctl *)cp.va;
	c->down_ppn = dp.ppn;
	c->down_wcap = dp.wcap;
	c->ro_ppn = rp.ppn;
	c->ro_rcap = rp.rcap;
	c->up_ppn = up.ppn;
	c->up_wcap = up.wcap;
	c->parent = ipc_getenvid();
	int kid = ipc_spawn_self(cp.ppn, cp.wcap);
	tap_ok(kid > 0, "pipe: child spawned with the control page's number and capability");
	if (kid <= 0)
		return exos_test_result();
	down.peer = upp.peer = kid;

	/* Words both ways. */
	unsigned ticks0 = ticks_of(ipc_getenvid()) + ticks_of(kid);
	int good = 1;
	for (int i = 0; i < WORDS; i++) {
		uint32_t w = (uint32_t)i * 0x9e3779b1u, r = 0;
		pipe_write(&down, &w, 4);
		if (pipe_read(&upp, &r, 4) != 4 || r != w + 1)
			good = 0;
	}
	tap_ok(good, "pipe: 1000 words to the child, each back plus one");
	tap_ok(c->read_ok && c->eperm_rcap == -AEGIS_EPERM,
	       "pipe: with only a read capability the child maps a ring readable, not writable");
	tap_ok(c->eperm_junk == -AEGIS_EPERM, "pipe: nor map it at all with a guessed capability (EPERM)");
	/* Reader of an empty ring yields to the writer: once a word. Each
	   clock tick can add one (it took the processor from the child
	   mid-reply) or save one (it gave the child the processor before
	   the reader asked); under GXemul, whose clock is the host's, there
	   are many more ticks. */
	unsigned ticks = ticks_of(ipc_getenvid()) + ticks_of(kid) - ticks0;
	printf("# pipe: %u yields for %d words, %u clock ticks\n", (unsigned)upp.yields, WORDS, ticks);
	tap_ok(upp.yields + ticks >= WORDS && upp.yields <= WORDS + 20 + ticks,
	       "pipe: the reader of an empty ring yielded to its peer once per message");

	/* Bulk: more than the ring holds, in pieces; the writer of a full
	   ring yields. */
	for (unsigned i = 0; i < BULK; i++)
		bulk[i] = (uint8_t)(i * 7 + (i >> 8));
	uint32_t before = down.yields;
	for (unsigned off = 0; off < BULK;) {
		unsigned n = BULK - off < 1000 ? BULK - off : 1000;
		pipe_write(&down, bulk + off, n);
		off += n;
	}
	uint32_t s = 0;
	tap_ok(pipe_read(&upp, &s, 4) == 4 && s == sum_bytes(bulk, BULK, 0),
	       "pipe: 10000 bytes through a 2048-byte ring arrive intact");
	tap_ok(down.yields > before, "pipe: the writer of a full ring yielded to the reader");

	/* Benchmark: ping-pong a counter; one way is half a round trip. */
	uint32_t w = 0;
	uint64_t t0 = t_now(timed);
	for (int i = 0; i < ROUNDS; i++) {
		pipe_write(&down, &w, 4);
		pipe_read(&upp, &w, 4);
		w++;
	}
	uint64_t t1 = t_now(timed);
	tap_ok(w == 2 * ROUNDS, "pipe: the counter ping-ponged 1000 times");
	uint32_t w2 = 0;
	uint64_t t2 = t_now(timed);
	for (int i = 0; i < ROUNDS; i++) {
		pipe_write_inline(&down, &w2, 4);
		pipe_read_inline(&upp, &w2, 4);
		w2++;
	}
	uint64_t t3 = t_now(timed);
	tap_ok(w2 == 2 * ROUNDS, "pipe': the counter ping-ponged 1000 times, read and write inlined");

	pipe_close(&down);
	int st = ipc_wait(kid);
	tap_ok(st == 0, "pipe: the child saw end of file and exited");
	if (timed) {
		bench_line("table8", "ipc_pipe", t1 - t0, ipc_mhz(), 2 * ROUNDS, ROUNDS, "14.2");
		bench_line("table8", "ipc_pipe_inline", t3 - t2, ipc_mhz(), 2 * ROUNDS, ROUNDS, "10.7");
	} else {
		printf("# no cycle counter (not pmaxsim): pipe timing skipped\n");
	}
	return exos_test_result();
}
