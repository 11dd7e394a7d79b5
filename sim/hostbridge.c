/*
 * hostbridge.c - the host bridge behind hostbridge.h: libslirp's
 * user-mode NAT router as one more station on the segment. Frames from
 * the segment go to slirp_input at once (FCS checked and stripped);
 * frames slirp sends are queued and put on the wire from the round hook,
 * back to back from the round's time (slirp may answer inside
 * slirp_input, which runs inside a machine's transmit). slirp's clock and
 * timers run on simulated time, so its TCP timers keep the guests' pace;
 * its host sockets are polled without blocking every POLL_PS of
 * simulated time.
 */
#include <arpa/inet.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <slirp/libslirp.h>
#include "hostbridge.h"
#include "net.h"

/* Frames from slirp waiting for the wire: a host's transmit queue, as
   long as Linux's default for Ethernet (txqueuelen 1000, ip-link(8)). It
   was 64: 200 host clients completing their requests at once (http-test)
   filled it in one poll and about 100 of their segments were dropped here,
   before the wire, each costing its client slirp's retransmission. */
#define QUEUE		1000
#define FRAME_MAX	1518
#define TIMERS		32
#define POLL_FDS	1024		/* slirp's sockets: one a forwarded connection */
#define FWD_BACKLOG	256		/* connections the host kernel queues for a forward */
#define POLL_PS		500000000ull	/* 500 us of simulated time */

struct bridge_timer {
	int used;
	SlirpTimerCb cb;
	void *opaque;
	int64_t expire_ms;		/* -1: not armed */
};

struct hostbridge {
	Slirp *slirp;
	struct net_segment *seg;
	struct net_port *port;
	uint64_t now_ps, last_poll_ps;
	struct { unsigned len; uint8_t frame[FRAME_MAX]; } queue[QUEUE];
	unsigned qhead, qcount;
	struct bridge_timer timers[TIMERS];
	struct pollfd pfd[POLL_FDS];
	unsigned npfd;
	int warned;
	uint64_t to_host_frames, to_host_bytes, from_host_frames, from_host_bytes, dropped;
};

/* ---- slirp's callbacks ------------------------------------------------------ */

static ssize_t send_packet(const void *buf, size_t len, void *opaque)
{
	struct hostbridge *b = opaque;
	if (b->qcount == QUEUE || len > FRAME_MAX - 4) {
		b->dropped++;
		return (ssize_t)len;
	}
	unsigned i = (b->qhead + b->qcount++) % QUEUE;
	unsigned n = len < 60 ? 60 : (unsigned)len;	/* pad to the 64-byte minimum */
	memset(b->queue[i].frame, 0, n);
	memcpy(b->queue[i].frame, buf, len);
	uint32_t fcs = net_fcs(b->queue[i].frame, n);
	for (int k = 0; k < 4; k++)
		b->queue[i].frame[n + k] = (uint8_t)(fcs >> (8 * k));
	b->queue[i].len = n + 4;
	return (ssize_t)len;
}

static void guest_error(const char *msg, void *opaque)
{
	struct hostbridge *b = opaque;
	if (!b->warned++)
		fprintf(stderr, "pmaxsim: host bridge: %s\n", msg);
}

static int64_t clock_get_ns(void *opaque)
{
	struct hostbridge *b = opaque;
	return (int64_t)(b->now_ps / 1000);
}

static void *timer_new(SlirpTimerCb cb, void *cb_opaque, void *opaque)
{
	struct hostbridge *b = opaque;
	for (int i = 0; i < TIMERS; i++)
		if (!b->timers[i].used) {
			b->timers[i] = (struct bridge_timer){ 1, cb, cb_opaque, -1 };
			return &b->timers[i];
		}
	fprintf(stderr, "pmaxsim: host bridge: out of timers\n");
	abort();
}

static void timer_free(void *timer, void *opaque)
{
	(void)opaque;
	((struct bridge_timer *)timer)->used = 0;
}

static void timer_mod(void *timer, int64_t expire_ms, void *opaque)
{
	(void)opaque;
	((struct bridge_timer *)timer)->expire_ms = expire_ms;
}

static void no_fd(int fd, void *opaque) { (void)fd; (void)opaque; }
static void notify(void *opaque) { (void)opaque; }

static int add_poll(int fd, int events, void *opaque)
{
	struct hostbridge *b = opaque;
	if (b->npfd == POLL_FDS)
		return -1;
	short ev = 0;
	if (events & SLIRP_POLL_IN) ev |= POLLIN;
	if (events & SLIRP_POLL_OUT) ev |= POLLOUT;
	if (events & SLIRP_POLL_PRI) ev |= POLLPRI;
	b->pfd[b->npfd] = (struct pollfd){ .fd = fd, .events = ev };
	return (int)b->npfd++;
}

/* libslirp listens on a forwarded port with a backlog of 1 (its
   socket.c tcp_listen) and accepts one connection a poll: clients
   connecting faster had their SYNs dropped by the host kernel and waited
   its retransmission (1 s, then 3 s...), so a test opening 200 got a few
   dozen in 15 s. Listening again on the same socket with a longer
   backlog (listen(2) may be called again: Linux, POSIX) lets them queue;
   the address (127.0.0.1) is untouched. */
static int relisten(int fd, int events, void *opaque)
{
	(void)events, (void)opaque;
	int on = 0;
	socklen_t len = sizeof on;
	if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &on, &len) == 0 && on)
		listen(fd, FWD_BACKLOG);
	return -1;
}

static int get_revents(int idx, void *opaque)
{
	struct hostbridge *b = opaque;
	if (idx < 0 || (unsigned)idx >= b->npfd)
		return 0;
	short r = b->pfd[idx].revents;
	return (r & POLLIN ? SLIRP_POLL_IN : 0) | (r & POLLOUT ? SLIRP_POLL_OUT : 0) |
	       (r & POLLPRI ? SLIRP_POLL_PRI : 0) | (r & POLLERR ? SLIRP_POLL_ERR : 0) |
	       (r & POLLHUP ? SLIRP_POLL_HUP : 0);
}

static const SlirpCb callbacks = {
	.send_packet = send_packet,
	.guest_error = guest_error,
	.clock_get_ns = clock_get_ns,
	.timer_new = timer_new,
	.timer_free = timer_free,
	.timer_mod = timer_mod,
	.register_poll_fd = no_fd,
	.unregister_poll_fd = no_fd,
	.notify = notify,
};

/* ---- the segment's side ------------------------------------------------------ */

static void from_segment(void *dev, const uint8_t *frame, unsigned len)
{
	struct hostbridge *b = dev;
	if (len < 18)
		return;
	uint32_t fcs = net_fcs(frame, len - 4);
	for (int k = 0; k < 4; k++)
		if (frame[len - 4 + k] != (uint8_t)(fcs >> (8 * k)))
			return;		/* a bad CRC: a station would drop it */
	b->to_host_frames++;
	b->to_host_bytes += len;
	slirp_input(b->slirp, frame, (int)(len - 4));
}

static void round_hook(void *ctx, uint64_t now_ps)
{
	struct hostbridge *b = ctx;
	b->now_ps = now_ps;
	for (int i = 0; i < TIMERS; i++) {
		struct bridge_timer *t = &b->timers[i];
		if (t->used && t->expire_ms >= 0 && (uint64_t)t->expire_ms * 1000000000ull <= now_ps) {
			t->expire_ms = -1;
			t->cb(t->opaque);
		}
	}
	if (now_ps - b->last_poll_ps >= POLL_PS) {
		uint32_t timeout = 0;
		b->last_poll_ps = now_ps;
		b->npfd = 0;
		slirp_pollfds_fill(b->slirp, &timeout, add_poll, b);
		int r = poll(b->pfd, b->npfd, 0);
		slirp_pollfds_poll(b->slirp, r < 0, get_revents, b);
	}
	/* A frame goes on the wire only if the wire is free within this round:
	   one put behind a busy wire is already "on its way" to the guest
	   (an arrival event in its machine), and a burst from the host (200
	   connections opened at once) would otherwise book the wire
	   milliseconds ahead and overflow the machine's event queue. The rest
	   wait here, in slirp's order. */
	uint64_t end = now_ps + net_quantum_ps(b->seg);
	while (b->qcount && net_wire_free_ps(b->seg) < end) {
		unsigned i = b->qhead;
		b->from_host_frames++;
		b->from_host_bytes += b->queue[i].len;
		net_transmit_host(b->port, now_ps, b->queue[i].frame, b->queue[i].len);
		b->qhead = (b->qhead + 1) % QUEUE;
		b->qcount--;
	}
}

/* "tcp:HOSTPORT-:GUESTPORT", "udp:127.0.0.1:HOSTPORT-10.0.2.16:GUESTPORT". */
static int parse_fwd(const char *spec, int *udp, int *hport, struct in_addr *guest, int *gport,
		     char *err, unsigned errlen)
{
	char buf[128], *p = buf, *dash, *colon;
	if (strlen(spec) >= sizeof buf)
		goto bad;
	strcpy(buf, spec);
	if (!strncmp(p, "tcp:", 4))
		*udp = 0;
	else if (!strncmp(p, "udp:", 4))
		*udp = 1;
	else
		goto bad;
	p += 4;
	dash = strchr(p, '-');
	if (!dash)
		goto bad;
	*dash = 0;
	colon = strrchr(p, ':');
	if (colon) {
		*colon = 0;
		if (strcmp(p, "127.0.0.1")) {
			snprintf(err, errlen, "--hostfwd %s: forwarded ports listen on 127.0.0.1 only", spec);
			return -1;
		}
		p = colon + 1;
	}
	char *end;
	long h = strtol(p, &end, 10);
	if (!*p || *end || h < 1 || h > 65535)
		goto bad;
	p = dash + 1;
	colon = strrchr(p, ':');
	if (!colon)
		goto bad;
	*colon = 0;
	if (!*p)
		inet_pton(AF_INET, "10.0.2.15", guest);
	else if (inet_pton(AF_INET, p, guest) != 1)
		goto bad;
	long g = strtol(colon + 1, &end, 10);
	if (!colon[1] || *end || g < 1 || g > 65535)
		goto bad;
	if (*udp) {
		/* libslirp's restricted mode drops every UDP datagram a guest
		   sends, so a UDP forward could carry nothing back. */
		snprintf(err, errlen, "--hostfwd %s: only tcp: forwards (the restricted bridge "
			 "drops all UDP from guests)", spec);
		return -1;
	}
	*hport = (int)h;
	*gport = (int)g;
	return 0;
bad:
	snprintf(err, errlen, "--hostfwd '%s': want tcp:HOSTPORT-:GUESTPORT, udp:..., or "
		 "tcp:HOSTPORT-GUESTADDR:GUESTPORT", spec);
	return -1;
}

struct hostbridge *hostbridge_new(struct net_segment *s, const char *const *fwds,
				  unsigned nfwds, char *err, unsigned errlen)
{
	struct hostbridge *b = calloc(1, sizeof *b);
	if (!b) {
		snprintf(err, errlen, "out of memory for the host bridge");
		return NULL;
	}
	b->seg = s;
	SlirpConfig cfg = { .version = 4 };
	cfg.restricted = 1;		/* guests open no connection out */
	cfg.in_enabled = true;
	inet_pton(AF_INET, "10.0.2.0", &cfg.vnetwork);
	inet_pton(AF_INET, "255.255.255.0", &cfg.vnetmask);
	inet_pton(AF_INET, "10.0.2.2", &cfg.vhost);
	inet_pton(AF_INET, "10.0.2.15", &cfg.vdhcp_start);
	inet_pton(AF_INET, "10.0.2.3", &cfg.vnameserver);
	cfg.disable_dns = true;
	cfg.disable_dhcp = true;
	b->slirp = slirp_new(&cfg, &callbacks, b);
	if (!b->slirp) {
		snprintf(err, errlen, "libslirp would not start");
		free(b);
		return NULL;
	}
	for (unsigned i = 0; i < nfwds; i++) {
		int udp, hport, gport;
		struct in_addr guest, lo;
		inet_pton(AF_INET, "127.0.0.1", &lo);
		if (parse_fwd(fwds[i], &udp, &hport, &guest, &gport, err, errlen) != 0)
			goto fail;
		if (slirp_add_hostfwd(b->slirp, udp, lo, hport, guest, gport) != 0) {
			snprintf(err, errlen, "--hostfwd %s: cannot listen on 127.0.0.1:%d (in use?)",
				 fwds[i], hport);
			goto fail;
		}
	}
	if (nfwds) {
		uint32_t timeout = 0;
		slirp_pollfds_fill(b->slirp, &timeout, relisten, b);
	}
	b->port = net_attach_host(s, from_segment, b);
	if (!b->port) {
		snprintf(err, errlen, "too many network ports on one segment");
		goto fail;
	}
	net_set_round_hook(s, round_hook, b);
	return b;
fail:
	slirp_cleanup(b->slirp);
	free(b);
	return NULL;
}

void hostbridge_print_stats(const struct hostbridge *b, FILE *out)
{
	fprintf(out, "  host bridge       to host %llu frames (%llu bytes), from host %llu frames "
		"(%llu bytes), %llu dropped\n",
		(unsigned long long)b->to_host_frames, (unsigned long long)b->to_host_bytes,
		(unsigned long long)b->from_host_frames, (unsigned long long)b->from_host_bytes,
		(unsigned long long)b->dropped);
}

void hostbridge_free(struct hostbridge *b)
{
	if (!b)
		return;
	slirp_cleanup(b->slirp);
	free(b);
}
