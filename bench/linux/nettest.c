/*
 * nettest.c - the Linux-to-Linux network oracle: two unmodified Linux
 * kernels (declance) on pmaxsim's simulated Ethernet segment talk IPv4 to
 * each other, and one of them measures the paper's Table 11 round trip (a
 * counter in "a 60-byte packet", a minimum Ethernet frame: an 18-byte
 * UDP message, ping-ponged between two user processes, each side
 * incrementing it). Run from the initramfs as
 * /nettest (rdinit=/nettest); its role comes after "--" on the kernel
 * command line:
 *   -- server ADDR            eth0 gets ADDR/24; echo UDP on port 7 until
 *                             the run ends (the kernel answers pings)
 *   -- client ADDR PEER [N]   eth0 gets ADDR/24; TAP checks: PEER answers
 *                             ICMP echo, echoes a UDP datagram, then N
 *                             (default 200) counter round trips; prints
 *                             "nettest: bench udp-rtt N round trips T us"
 *                             (T the average) and powers off
 *   -- tcpserver ADDR OUTPORT behind the host bridge (--hostfwd): tries to
 *                             open TCP to 10.0.2.2:OUTPORT (the bridge must
 *                             refuse), then echoes TCP on port 7 forever
 *   -- tcpsink ADDR PORT BYTES  eth0 gets ADDR/24; accepts one TCP
 *                             connection on PORT, reads to its end; TAP
 *                             checks: BYTES bytes came, each the pattern's
 *                             (byte i is i mod 251, as ExOS's tcpsrc sends);
 *                             prints "nettest: bench tcp-sink N bytes T us
 *                             K kbit/s" (first byte to end) and powers off
 *   -- tcpsrc ADDR PEER PORT BYTES  eth0 gets ADDR/24; connects to PEER:PORT
 *                             (retrying while the peer boots), sends BYTES
 *                             of the pattern in 8 KB writes, shuts its side
 *                             down and waits for the peer's end (so every
 *                             byte arrived); TAP checks, "nettest: bench
 *                             tcp-src ..." and powers off
 * Every wait is bounded, so a missing peer fails the checks instead of
 * hanging. Static nolibc (Linux 6.1's tools/include/nolibc), like init.c.
 */
#include "nolibc.h"
#include <linux/reboot.h>
#include <aegis/counter.h>
#include "linux_net.h"	/* eth0, addresses, lnet_ret */

static int checks, failures;

static int check(int ok, const char *what)
{
	checks++;
	if (!ok)
		failures++;
	printf("%sok %d - nettest: %s\n", ok ? "" : "not ", checks, what);
	return ok;
}

/* ---- the uapi structures and numbers linux_net.h has not (socket.h;
   MIPS's SOCK_DGRAM is 1 and SOCK_RAW 3) ---- */

struct my_iovec {
	void *base;
	unsigned long len;
};
struct my_msghdr {
	void *name;
	int namelen;
	struct my_iovec *iov;
	unsigned long iovlen;
	void *control;
	unsigned long controllen;
	unsigned flags;
};
#define MY_AF_INET		2
#define MY_SOCK_DGRAM		1
#define MY_SOCK_RAW		3
#define MY_IPPROTO_ICMP		1
#define ECHO_PORT		7

static int my_socket(int type, int proto)
{
	return lnet_ret(my_syscall3(__NR_socket, MY_AF_INET, type, proto));
}

/* sendto and recvfrom take six arguments, which nolibc 6.1 cannot pass on
   MIPS; sendmsg and recvmsg take three. */
static int send_to(int fd, const void *buf, int len, struct lnet_sin *to)
{
	struct my_iovec iov = { (void *)buf, len };
	struct my_msghdr m = { to, to ? sizeof *to : 0, &iov, 1, NULL, 0, 0 };
	return lnet_ret(my_syscall3(__NR_sendmsg, fd, &m, 0));
}

static int recv_from(int fd, void *buf, int len, struct lnet_sin *from)
{
	struct my_iovec iov = { buf, len };
	struct my_msghdr m = { from, from ? sizeof *from : 0, &iov, 1, NULL, 0, 0 };
	return lnet_ret(my_syscall3(__NR_recvmsg, fd, &m, 0));
}

/* Wait up to ms milliseconds for fd to become readable. */
static int readable(int fd, int ms)
{
	struct pollfd p = { fd, POLLIN, 0 };
	return poll(&p, 1, ms) == 1 && (p.revents & POLLIN);
}

/* ---- time: gettimeofday, and pmaxsim's counter page for resolution ---- */

static long long now_us(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return (long long)tv.tv_sec * 1000000 + tv.tv_usec;
}

static volatile uint32_t *ctr;	/* the counter page, if there is one */

/* mmap2 takes six arguments; o32 passes the fifth and sixth on the stack
   (as bench/posix/sys_nolibc.h does for posix.c). */
static void *mmap_dev(int fd, unsigned long len, unsigned long pa)
{
	register long num __asm__("v0") = __NR_mmap2;
	register long a0 __asm__("a0") = 0;
	register long a1 __asm__("a1") = (long)len;
	register long a2 __asm__("a2") = 1;		/* PROT_READ */
	register long a3 __asm__("a3") = 1;		/* MAP_SHARED */
	register long a4 = fd, a5 = (long)(pa >> 12);
	__asm__ volatile(
		"addiu $sp, $sp, -32\n"
		"sw %7, 16($sp)\n"
		"sw %8, 20($sp)\n"
		"syscall\n"
		"addiu $sp, $sp, 32\n"
		: "=r"(num), "=r"(a3)
		: "0"(num), "r"(a0), "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5)
		: "memory", "cc", "at", "v1", "hi", "lo",
		  "t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9");
	return a3 ? NULL : (void *)num;
}

/* Map the counter page through /dev/mem. A real DECstation bus-errors
   there, so a child reads the magic word first: if the read kills it, or
   the word is wrong, there is no page and gettimeofday alone times. */
static void counter_init(void)
{
	int fd = open("/dev/mem", O_RDONLY, 0);
	if (fd < 0)
		return;
	volatile uint32_t *p = mmap_dev(fd, COUNTER_PAGE_SIZE, COUNTER_PAGE_PA);
	close(fd);
	if (!p)
		return;
	pid_t kid = fork();
	if (kid == 0)
		exit(p[0] == COUNTER_MAGIC ? 0 : 1);
	int st = 0;
	if (kid > 0 && waitpid(kid, &st, 0) == kid && WIFEXITED(st) && WEXITSTATUS(st) == 0)
		ctr = p;
}

/* ---- the messages ---- */

/* Table 11's message: "a 60-byte packet" (SOSP'95 6.3), a minimum
   Ethernet frame of 60 bytes before the FCS, so 60 - 14 - 20 - 8 = 18
   bytes of UDP data (the DPF paper, SIGCOMM'96 Table 4: "60-byte message
   with 4-byte payload"); exos/bin/udprtt.c sends the same. A counter in
   the first word after a tag (both sides increment the counter;
   anything else the server echoes as it is). */
#define MSG_LEN		18
static const char msg_tag[4] = { 'T', '1', '1', 'c' };

static uint32_t msg_counter(const unsigned char *m)
{
	return (uint32_t)m[4] << 24 | m[5] << 16 | m[6] << 8 | m[7];
}

static void msg_set_counter(unsigned char *m, uint32_t c)
{
	m[4] = c >> 24, m[5] = c >> 16, m[6] = c >> 8, m[7] = c;
}

static int is_counter_msg(const unsigned char *m, int len)
{
	return len == MSG_LEN && !memcmp(m, msg_tag, 4);
}

/* What the client sends last: the server answers with how many datagrams
   it received (this one too) and how many counters it incremented, and
   prints them. */
static const char bye_msg[] = "nettest bye";

/* "received R counted C" into buf (nolibc 6.1 has no snprintf or strcat). */
static void counts(char *buf, unsigned long received, unsigned long counted)
{
	strcpy(buf, "received ");
	strcpy(buf + strlen(buf), utoa(received));
	strcpy(buf + strlen(buf), " counted ");
	strcpy(buf + strlen(buf), utoa(counted));
}

/* ---- server ---- */

static int server(const unsigned char ip[4])
{
	int fd = my_socket(MY_SOCK_DGRAM, 0);
	struct lnet_sin me, from;
	lnet_sin_set(&me, ip, ECHO_PORT);
	if (fd < 0 || lnet_ret(my_syscall3(__NR_bind, fd, &me, sizeof me)) < 0) {
		printf("nettest: server: cannot bind udp port %d (errno %d)\n", ECHO_PORT, errno);
		return 1;
	}
	printf("nettest: server %d.%d.%d.%d echoing on udp port %d\n", ip[0], ip[1], ip[2], ip[3], ECHO_PORT);
	static unsigned char rx[2048], tx[MSG_LEN];
	/* The precomputed part of the reply (Table 11: the counter goes into
	   a transmit buffer prepared in advance). */
	memset(tx, 0, sizeof tx);
	memcpy(tx, msg_tag, 4);
	unsigned long received = 0, counted = 0;
	for (;;) {
		int n = recv_from(fd, rx, sizeof rx, &from);
		if (n < 0)
			continue;
		if (received == 0)
			printf("nettest: server: first datagram from %d.%d.%d.%d port %d\n",
			       from.addr[0], from.addr[1], from.addr[2], from.addr[3],
			       (from.port & 0xff) << 8 | from.port >> 8);
		received++;
		if (is_counter_msg(rx, n)) {
			memcpy(tx + 8, rx + 8, MSG_LEN - 8);
			msg_set_counter(tx, msg_counter(rx) + 1);
			counted++;
			send_to(fd, tx, MSG_LEN, &from);
		} else if (n == sizeof bye_msg - 1 && !memcmp(rx, bye_msg, n)) {
			static char report[80];
			counts(report, received, counted);
			printf("nettest: server: %s\n", report);
			send_to(fd, report, strlen(report), &from);
		} else {
			send_to(fd, rx, n, &from);
		}
	}
}

/* ---- tcpserver: behind the host bridge ---- */

#define MY_SOCK_STREAM	2	/* MIPS */
#define MY_O_NONBLOCK	0x80	/* MIPS */
#define MY_EISCONN	133	/* MIPS */

/* First try to open a connection out of the segment, to the bridge's
   router (which stands for the host) at 10.0.2.2:out_port: the bridge is
   restricted, so this must not connect. Then echo TCP on port 7, one
   connection at a time, forever. */
static int tcpserver(const unsigned char ip[4], int out_port)
{
	static const unsigned char router[4] = { 10, 0, 2, 2 };
	struct lnet_sin me, to;
	int c = my_socket(MY_SOCK_STREAM, 0);
	lnet_sin_set(&to, router, out_port);
	int r = -1, err = 0;
	if (c >= 0 && lnet_ret(my_syscall3(__NR_fcntl, c, 4 /* F_SETFL */, MY_O_NONBLOCK)) == 0) {
		lnet_ret(my_syscall3(__NR_connect, c, &to, sizeof to));
		struct pollfd p = { .fd = c, .events = POLLOUT };
		poll(&p, 1, 3000);
		r = lnet_ret(my_syscall3(__NR_connect, c, &to, sizeof to));
		err = errno;
		if (r < 0 && err == MY_EISCONN)
			r = 0;
		close(c);
	}
	printf("nettest: outbound tcp to 10.0.2.2:%d: %s (errno %d)\n", out_port,
	       r == 0 ? "CONNECTED" : "not connected", r == 0 ? 0 : err);
	int fd = my_socket(MY_SOCK_STREAM, 0);
	lnet_sin_set(&me, ip, ECHO_PORT);
	if (fd < 0 || lnet_ret(my_syscall3(__NR_bind, fd, &me, sizeof me)) < 0 ||
	    lnet_ret(my_syscall2(__NR_listen, fd, 4)) < 0) {
		printf("nettest: tcpserver: cannot listen on tcp port %d (errno %d)\n", ECHO_PORT, errno);
		return 1;
	}
	printf("nettest: tcpserver %d.%d.%d.%d echoing on tcp port %d\n", ip[0], ip[1], ip[2], ip[3], ECHO_PORT);
	static char buf[2048];
	for (;;) {
		int a = lnet_ret(my_syscall3(__NR_accept, fd, NULL, NULL));
		if (a < 0)
			continue;
		printf("nettest: tcpserver: a connection\n");
		int n;
		while ((n = read(a, buf, sizeof buf)) > 0)
			if (write(a, buf, n) != n)
				break;
		close(a);
	}
}

/* ---- TCP bulk transfer (ExOS's tcpsink and tcpsrc's pattern) ---- */

#define TCP_CHUNK	8192
#define PAT_PERIOD	251	/* a prime: a lost or repeated segment shows */
#define MY_SHUT_WR	1
#define MY_ECONNREFUSED	146	/* MIPS */

static void tcp_bench_line(const char *role, unsigned long bytes, long long us)
{
	if (us <= 0)
		us = 1;
	printf("nettest: bench %s %lu bytes %lld us %lld kbit/s\n", role, bytes, us,
	       (long long)bytes * 8000 / us);
}

static void tcpsink(const unsigned char ip[4], int port, unsigned long want)
{
	static unsigned char buf[TCP_CHUNK];
	struct lnet_sin me;
	int fd = my_socket(MY_SOCK_STREAM, 0);
	lnet_sin_set(&me, ip, port);
	int ok = fd >= 0 && lnet_ret(my_syscall3(__NR_bind, fd, &me, sizeof me)) == 0 &&
		 lnet_ret(my_syscall2(__NR_listen, fd, 4)) == 0;
	if (!check(ok, "tcpsink: listening"))
		return;
	/* The peer is given a minute (simulated) to connect. */
	int a = readable(fd, 60000) ? lnet_ret(my_syscall3(__NR_accept, fd, NULL, NULL)) : -1;
	if (!check(a >= 0, "tcpsink: a connection"))
		return;
	unsigned long got = 0, bad_at = ~0ul;
	unsigned k = 0;
	long long t0 = 0;
	for (;;) {
		if (!readable(a, 30000))
			break;		/* a stalled peer fails the count below */
		int n = read(a, buf, sizeof buf);
		if (n <= 0)
			break;
		if (!t0)
			t0 = now_us();
		for (int i = 0; i < n; i++) {
			if (buf[i] != k && bad_at == ~0ul)
				bad_at = got + i;
			if (++k == PAT_PERIOD)
				k = 0;
		}
		got += n;
	}
	long long us = now_us() - t0;
	close(a);
	close(fd);
	printf("nettest: tcpsink: %lu bytes, first wrong at %ld\n", got, bad_at == ~0ul ? -1l : (long)bad_at);
	check(got == want, "tcpsink: every byte arrived");
	check(bad_at == ~0ul, "tcpsink: every byte is the pattern's");
	tcp_bench_line("tcp-sink", got, us);
}

static void tcpsrc(const unsigned char peer[4], int port, unsigned long bytes)
{
	static unsigned char pat[TCP_CHUNK + PAT_PERIOD];
	for (unsigned j = 0; j < sizeof pat; j++)
		pat[j] = j % PAT_PERIOD;
	struct lnet_sin to;
	lnet_sin_set(&to, peer, port);
	int fd = -1, r = -1;
	/* The peer may still be booting: refused or unanswered, try again. */
	for (int tries = 0; tries < 60 && r < 0; tries++) {
		fd = my_socket(MY_SOCK_STREAM, 0);
		r = fd < 0 ? -1 : lnet_ret(my_syscall3(__NR_connect, fd, &to, sizeof to));
		if (r < 0) {
			if (fd >= 0)
				close(fd);
			poll(NULL, 0, 500);
		}
	}
	if (!check(r == 0, "tcpsrc: connected"))
		return;
	long long t0 = now_us();
	unsigned long sent = 0;
	while (sent < bytes) {
		int n = bytes - sent < TCP_CHUNK ? (int)(bytes - sent) : TCP_CHUNK;
		int w = write(fd, pat + sent % PAT_PERIOD, n);
		if (w <= 0)
			break;
		sent += w;
	}
	/* Our end, then the peer's: it closes once it has read everything. */
	lnet_ret(my_syscall2(__NR_shutdown, fd, MY_SHUT_WR));
	static char rest[64];
	int end = readable(fd, 30000) ? read(fd, rest, sizeof rest) : -1;
	long long us = now_us() - t0;
	close(fd);
	check(sent == bytes, "tcpsrc: every byte written");
	check(end == 0, "tcpsrc: the peer read to the end and closed");
	tcp_bench_line("tcp-src", sent, us);
}

/* ---- client ---- */

static unsigned short ip_sum(const unsigned char *p, int len)
{
	uint32_t s = 0;
	for (int i = 0; i + 1 < len; i += 2)
		s += p[i] << 8 | p[i + 1];
	if (len & 1)
		s += p[len - 1] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return ~s & 0xffff;
}

/* Ping the peer until it answers, every 200 ms for up to 20 s: it may
   still be booting, and the first requests wait for ARP. */
static int ping(const unsigned char peer[4])
{
	int fd = my_socket(MY_SOCK_RAW, MY_IPPROTO_ICMP);
	struct lnet_sin to;
	lnet_sin_set(&to, peer, 0);
	if (fd < 0) {
		printf("nettest: raw ICMP socket: errno %d\n", errno);
		return 0;
	}
	static unsigned char req[64], rx[256];
	const unsigned short id = 0x4e54;
	long long start = now_us();
	for (int seq = 1; seq <= 100; seq++) {
		memset(req, 0, sizeof req);
		req[0] = 8;			/* echo request, code 0 */
		req[4] = id >> 8, req[5] = id & 0xff;
		req[6] = seq >> 8, req[7] = seq;
		memcpy(req + 8, "aegis-exos nettest ping", 23);
		unsigned short sum = ip_sum(req, sizeof req);
		req[2] = sum >> 8, req[3] = sum;
		if (send_to(fd, req, sizeof req, &to) < 0) {
			/* The neighbour entry failed (peer not up yet): the next
			   try starts a new resolution. */
			poll(NULL, 0, 200);
			continue;
		}
		long long until = now_us() + 200000;
		while (now_us() < until && readable(fd, 50)) {
			struct lnet_sin from;
			int n = recv_from(fd, rx, sizeof rx, &from);
			int ihl = n > 0 ? (rx[0] & 15) * 4 : 0;
			/* A raw socket gets the IP header too, and every ICMP
			   message the host receives. */
			if (n >= ihl + 8 && rx[ihl] == 0 && !memcmp(from.addr, peer, 4) &&
			    (rx[ihl + 4] << 8 | rx[ihl + 5]) == id && (rx[ihl + 6] << 8 | rx[ihl + 7]) == seq &&
			    n - ihl == (int)sizeof req && !memcmp(rx + ihl + 8, req + 8, sizeof req - 8) &&
			    ip_sum(rx + ihl, n - ihl) == 0) {
				printf("nettest: echo reply from %d.%d.%d.%d, seq %d, %lld us after the first request\n",
				       peer[0], peer[1], peer[2], peer[3], seq, now_us() - start);
				close(fd);
				return 1;
			}
		}
	}
	close(fd);
	return 0;
}

/* Datagrams the client sent again after a timeout (with --net-loss). */
static int resent;

/* Send one datagram and wait 500 ms for a reply, a few times; returns the
   reply's length (or -1). */
static int exchange(int fd, const void *out, int len, void *in, int inlen, int tries)
{
	for (int i = 0; i < tries; i++) {
		resent += i > 0;
		if (send_to(fd, out, len, NULL) < 0) {
			poll(NULL, 0, 500);
			continue;
		}
		if (readable(fd, 500))
			return recv_from(fd, in, inlen, NULL);
	}
	return -1;
}

/* The number after word in s, or -1. */
static long number_after(const char *s, const char *word)
{
	int wl = strlen(word);
	for (; *s; s++)
		if (!memcmp(s, word, wl) && s[wl] >= '0' && s[wl] <= '9')
			return atol(s + wl);
	return -1;
}

/* Average microseconds per round trip of total (in ticks_per_us units)
   over n, printed with two decimals. */
static void print_avg(const char *what, long long total, long long ticks_per_us, int n)
{
	long long hundredths = total * 100 / ticks_per_us / n;
	printf("nettest: bench %s %d round trips %lld.%s%lld us\n", what, n,
	       hundredths / 100, hundredths % 100 < 10 ? "0" : "", hundredths % 100);
}

static void client(const unsigned char peer[4], int rounds)
{
	check(ping(peer), "the peer answers ICMP echo (raw socket)");

	int fd = my_socket(MY_SOCK_DGRAM, 0);
	struct lnet_sin to;
	lnet_sin_set(&to, peer, ECHO_PORT);
	int conn = fd >= 0 && lnet_ret(my_syscall3(__NR_connect, fd, &to, sizeof to)) == 0;
	check(conn, "udp socket connected to the peer's port 7");
	static unsigned char tx[MSG_LEN], rx[2048];
	static const char hello[] = "hello from the nettest client";
	int n = conn ? exchange(fd, hello, sizeof hello - 1, rx, sizeof rx, 10) : -1;
	check(n == sizeof hello - 1 && !memcmp(rx, hello, n), "a udp datagram comes back echoed");

	/* Table 11: the counter goes back and forth; each side reads the
	   18-byte message, increments the counter, puts it in a prepared
	   transmit buffer and sends that. The segment loses nothing unless
	   told to (--net-loss); then a message not answered in 50 ms goes
	   again with the same counter (the server's answer to it is the
	   same), at most 10 times. */
	memset(tx, 0, sizeof tx);
	memcpy(tx, msg_tag, 4);
	memcpy(tx + 8, "Table 11: ", MSG_LEN - 8);	/* as udprtt.c's */
	uint32_t c = 0;
	int done = 0;
	counter_init();
	long long t0 = now_us();
	uint64_t c0 = ctr ? counter_cycles(ctr) : 0;
	int round_resent = 0;
	while (n >= 0 && done < rounds) {
		msg_set_counter(tx, c);
		int tries = 0, answered = 0;
		while (!answered && tries++ < 10) {
			round_resent += tries > 1;
			if (send_to(fd, tx, MSG_LEN, NULL) != MSG_LEN)
				break;
			answered = readable(fd, 50);
		}
		if (!answered)
			break;
		int r = recv_from(fd, rx, sizeof rx, NULL);
		if (!is_counter_msg(rx, r) || msg_counter(rx) != c + 1)
			break;
		c = msg_counter(rx) + 1;
		done++;
	}
	uint64_t c1 = ctr ? counter_cycles(ctr) : 0;
	long long t1 = now_us();
	printf("nettest: %d of %d round trips, counter %u, %d sent again\n", done, rounds, (unsigned)c, round_resent);
	check(done == rounds && c == 2u * rounds, "udp counter ping-pong: every round trip, the counter right");
	if (done == rounds && rounds > 0) {
		/* The counter page's cycles when there is one (sub-microsecond),
		   else gettimeofday; both shown. */
		if (ctr) {
			print_avg("udp-rtt", (long long)(c1 - c0), counter_mhz(ctr), rounds);
			print_avg("udp-rtt-gettimeofday", t1 - t0, 1, rounds);
			/* In bench/report's form (bench/reportlib/collect.py's
			   BENCH_RE), per round trip. */
			long long cy = (long long)(c1 - c0) / rounds, h = cy * 100 / counter_mhz(ctr);
			printf("bench table11 udp_rtt us=%lld.%s%lld iters=%d cycles=%lld\n",
			       h / 100, h % 100 < 10 ? "0" : "", h % 100, rounds, cy);
		} else {
			print_avg("udp-rtt", t1 - t0, 1, rounds);
		}
	}
	printf("nettest: timer: %s\n", ctr ? "pmaxsim's counter page (simulated cycles)" : "gettimeofday");

	/* The server's own count: the hello, every round trip and the bye,
	   nothing lost or repeated; with losses, what it received of what
	   was sent again too. */
	static char expect[80];
	counts(expect, done + 2, done);
	n = conn ? exchange(fd, bye_msg, sizeof bye_msg - 1, rx, sizeof rx - 1, 10) : -1;
	rx[n > 0 ? n : 0] = 0;
	printf("nettest: server says \"%s\"\n", (char *)rx);
	if (!resent && !round_resent) {
		check(n > 0 && !strcmp((char *)rx, expect), "the server counted what the client sent");
	} else {
		long got = number_after((char *)rx, "received "), counted = number_after((char *)rx, " counted ");
		printf("nettest: %d sent again outside the round trips\n", resent);
		check(n > 0 && counted >= done && counted <= done + round_resent &&
		      got - counted >= 2 && got - counted <= 2 + resent,
		      "the server counted what the client sent, within what was sent again");
	}
	if (fd >= 0)
		close(fd);
}

int main(int argc, char **argv)
{
	unsigned char ip[4], peer[4];
	const char *role = argc > 1 ? argv[1] : "";
	int is_server = !strcmp(role, "server") && argc == 3 && lnet_parse_ip(argv[2], ip, NULL);
	int is_client = !strcmp(role, "client") && (argc == 4 || argc == 5) &&
			lnet_parse_ip(argv[2], ip, NULL) && lnet_parse_ip(argv[3], peer, NULL);
	int is_tcp = !strcmp(role, "tcpserver") && argc == 4 && lnet_parse_ip(argv[2], ip, NULL);
	int rounds = argc == 5 ? atoi(argv[4]) : 200;
	int is_sink = !strcmp(role, "tcpsink") && argc == 5 && lnet_parse_ip(argv[2], ip, NULL);
	int is_src = !strcmp(role, "tcpsrc") && argc == 6 && lnet_parse_ip(argv[2], ip, NULL) && lnet_parse_ip(argv[3], peer, NULL);
	if (is_sink || is_src) {
		printf("nettest: %s, eth0 %s/24\n", role, argv[2]);
		if (check(lnet_eth0_up(ip, 24), "eth0 configured (address, netmask) and up")) {
			if (is_sink)
				tcpsink(ip, atoi(argv[3]), (unsigned long)atol(argv[4]));
			else
				tcpsrc(peer, atoi(argv[4]), (unsigned long)atol(argv[5]));
		}
	} else if (is_tcp) {
		printf("nettest: %s, eth0 %s/24\n", role, argv[2]);
		if (lnet_eth0_up(ip, 24))
			tcpserver(ip, atoi(argv[3]));
		printf("nettest: configuring eth0 failed, errno %d\n", errno);
	} else if (!is_server && !is_client) {
		printf("nettest: usage: rdinit=/nettest -- server ADDR | client ADDR PEER [ROUNDS] | "
		       "tcpserver ADDR OUTPORT | tcpsink ADDR PORT BYTES | tcpsrc ADDR PEER PORT BYTES\n");
		check(0, "arguments");
	} else {
		printf("nettest: %s, eth0 %s/24\n", role, argv[2]);
		int up = lnet_eth0_up(ip, 24);
		if (is_client)
			check(up, "eth0 configured (address, netmask) and up");
		if (up && is_server)
			server(ip);
		else if (!up)
			printf("nettest: configuring eth0 failed, errno %d\n", errno);
		if (is_client && up)
			client(peer, rounds);
	}
	printf("1..%d\n", checks);
	printf("nettest: %d checks, %d failed; powering off\n", checks, failures);
	/* Let the console drain before the PROM takes over. */
	poll(NULL, 0, 100);
	reboot(LINUX_REBOOT_CMD_POWER_OFF);
	for (;;)
		;
	return 0;
}
