/*
 * httpd.c - the conventional web server on Linux 6.1 (issue 19): the
 * socket-buffer, copying kind of server SOSP'97 compares Cheetah with, the
 * same HTTP as ExOS's httpd_conv (cheetah/httpd_conv.c) so that the two
 * OSes, not two servers, are compared. Requests are parsed by Cheetah's
 * own parser (cheetah/http.c, compiled here against nolibc with
 * nolibc_http.h); files are read() into a buffer of ours and write()n to
 * the socket, so every byte is copied twice across the kernel boundary.
 *
 * Concurrency: one process, a fixed pool of SLOTS connections polled with
 * poll(2), a response written start to end (blocking, SO_SNDTIMEO bounds
 * it) before the next is looked at: the select() structure of Harvest's
 * httpd and of httpd_conv, rather than NCSA's pre-forked pool, because it
 * is httpd_conv's (the same server design on both OSes) and costs no
 * context switches or per-process memory on a 24 MB DECstation. SLOTS is
 * 32, not httpd_conv's 8 (ExOS's TCP has 16 connections a machine; Linux
 * has no such limit), so that webload's clients from several machines
 * saturate it without being cut off; with all busy a new connection waits
 * in the backlog, and only one silent for EVICT_MS is closed for it.
 *
 * Run from the vmlinux initramfs (bench/linux/build.sh puts the test site
 * at /site and secret.txt beside it, at /):
 *   rdinit=/httpd -- ip=10.0.0.1/24 [port=80] [root=/site] [idle=10000]
 *                    [sendto=5000] [maxreq=0]
 * ip= configures eth0 (ADDR[/PREFIX], /24 by default); idle= is the ms a
 * connection may stay silent before it is closed; sendto= the ms a
 * blocked write may wait before the client is dropped; maxreq= powers
 * the machine off after that many responses (0: serve forever).
 *
 * The HTTP, httpd_conv's (its top comment has the details): GET and HEAD
 * of HTTP/1.0 and 1.1; 400, 405 (with Allow), 414, 431, 501, 505 from
 * http_parse; a ".." segment in the decoded path: 400; a path ending in
 * "/" gets index.html; no such regular file: 404; keep-alive for 1.1
 * unless "Connection: close" and for 1.0 with "Connection: keep-alive",
 * at most KEEP_MAX responses a connection; a 200 is "HTTP/1.0 200 OK",
 * Server, Last-Modified (the file's mtime, cheetah/date.c), Content-Type,
 * Content-Length and "Connection: keep-alive" when kept; If-Modified-Since
 * exactly that date gets the same head as "304 Not Modified", no body
 * (as Cheetah and httpd_conv); an error is "HTTP/1.x CODE REASON" with a "CODE REASON\n" body
 * (none for HEAD) and "Connection: close". Server: httpd_linux.
 */
#include "nolibc.h"
#include "nolibc_http.h"
#include "linux_net.h"
#include "http.h"
#include "date.h"	/* http_date: Last-Modified, as Cheetah's store writes it */

#define SLOTS		32		/* connections served at once */
#define EVICT_MS	1000		/* silent this long, a slot may go for a new one */
#define BACKLOG		64		/* connections the kernel holds for accept */
#define FILEBUF		8192		/* the file's bytes pass through here */
#define KEEP_MAX	100		/* responses on one connection */

struct slot {
	int s;				/* socket, -1: free */
	unsigned len;			/* bytes of head in buf */
	unsigned served;		/* responses on this connection */
	long long last;			/* ms of the last activity */
	char buf[HTTP_REQ_MAX];
};

static struct slot slots[SLOTS];
static char filebuf[FILEBUF];
static char root[128] = "/site";
static unsigned idle_ms = 10000, sendto_ms = 5000;
static unsigned long responses, maxreq, ok200;

static long long now_ms(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return (long long)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

/* A response head being put together (nolibc 6.1 has no snprintf). */
struct out {
	char b[384];
	unsigned n;
};

static void put(struct out *o, const char *s)
{
	while (*s && o->n < sizeof o->b)
		o->b[o->n++] = *s++;
}

static void putu(struct out *o, unsigned long v)
{
	char d[24];
	utoa_r(v, d);
	put(o, d);
}

/* All of len bytes, or -1 (the client is dropped by the caller): a reset
   (EPIPE, SIGPIPE ignored) or a write blocked past sendto= (EAGAIN). */
static int send_all(int s, const char *p, unsigned long len)
{
	while (len) {
		ssize_t w = write(s, p, len);
		if (w <= 0)
			return -1;
		p += w;
		len -= (unsigned long)w;
	}
	return 0;
}

/* An error as httpd_conv and Cheetah send it; the caller closes. */
static void send_error(int s, int minor, int code, int head_only)
{
	struct out o = { .n = 0 };
	put(&o, minor ? "HTTP/1.1 " : "HTTP/1.0 ");
	putu(&o, (unsigned long)code);
	put(&o, " ");
	put(&o, http_reason(code));
	put(&o, "\r\nServer: httpd_linux\r\nContent-Type: text/plain\r\nContent-Length: ");
	/* The body: "CODE REASON\n" (three digits, a space, the phrase, LF). */
	putu(&o, (unsigned long)(3 + 1 + strlen(http_reason(code)) + 1));
	put(&o, code == 405 ? "\r\nAllow: GET, HEAD" : "");
	put(&o, "\r\nConnection: close\r\n\r\n");
	if (!head_only) {
		putu(&o, (unsigned long)code);
		put(&o, " ");
		put(&o, http_reason(code));
		put(&o, "\n");
	}
	send_all(s, o.b, o.n);
}

/* Has the decoded path a ".." segment? */
static int has_dotdot(const char *p)
{
	for (size_t i = 0; p[i]; i++)
		if (p[i] == '.' && p[i + 1] == '.' && (i == 0 || p[i - 1] == '/') &&
		    (p[i + 2] == 0 || p[i + 2] == '/'))
			return 1;
	return 0;
}

/* One parsed request on c: answer it. 1: keep the connection; 0: close. */
static int serve(struct slot *c, const struct http_req *r, int status)
{
	int head_only = r->method == HTTP_HEAD;
	if (status) {
		send_error(c->s, r->minor, status, head_only);
		return 0;
	}
	if (has_dotdot(r->path)) {
		send_error(c->s, r->minor, 400, head_only);
		return 0;
	}
	char path[sizeof root + HTTP_PATH_MAX + 16];
	size_t rl = strlen(root), pl = strlen(r->path);
	memcpy(path, root, rl);
	memcpy(path + rl, r->path, pl + 1);
	if (r->path[pl - 1] == '/')
		strcpy(path + rl + pl, "index.html");
	struct stat st;
	int fd = -1;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || (fd = open(path, O_RDONLY, 0)) < 0) {
		send_error(c->s, r->minor, 404, head_only);
		return 0;
	}
	int keep = r->keepalive && c->served + 1 < KEEP_MAX;
	unsigned long size = (unsigned long)st.st_size;
	/* If-Modified-Since gets 304 only when it is exactly the file's
	   Last-Modified (RFC 7232 3.3: any other date gets the document). */
	char lm[HTTP_DATE_LEN + 1];
	http_date((uint32_t)st.st_mtime, lm);
	lm[HTTP_DATE_LEN] = 0;
	int not_mod = strcmp(r->ims, lm) == 0;
	if (not_mod)
		head_only = 1;
	struct out o = { .n = 0 };
	put(&o, not_mod ? "HTTP/1.0 304 Not Modified" : "HTTP/1.0 200 OK");
	put(&o, "\r\nServer: httpd_linux\r\nLast-Modified: ");
	put(&o, lm);
	put(&o, "\r\nContent-Type: ");
	put(&o, http_ctype(path));
	put(&o, "\r\nContent-Length: ");
	putu(&o, size);
	put(&o, keep ? "\r\nConnection: keep-alive\r\n\r\n" : "\r\n\r\n");
	int ok = send_all(c->s, o.b, o.n) == 0;
	for (unsigned long left = head_only ? 0 : size; ok && left;) {
		ssize_t n = read(fd, filebuf, left < FILEBUF ? left : FILEBUF);
		if (n <= 0) {
			ok = 0;		/* the file shrank: the client sees a short body */
			break;
		}
		ok = send_all(c->s, filebuf, (unsigned long)n) == 0;
		left -= (unsigned long)n;
	}
	close(fd);
	ok200 += !not_mod;
	return ok && keep;
}

static void slot_close(struct slot *c)
{
	close(c->s);
	c->s = -1;
	c->len = 0;
	c->served = 0;
}

/* Read what arrived on c and answer every complete request in it. */
static void slot_read(struct slot *c, long long now)
{
	ssize_t n = read(c->s, c->buf + c->len, sizeof c->buf - c->len);
	if (n <= 0) {
		slot_close(c);
		return;
	}
	c->len += (unsigned)n;
	c->last = now;
	for (;;) {
		struct http_req r;
		int status;
		unsigned used = http_parse(c->buf, c->len, &r, &status);
		if (!used) {
			if (c->len < sizeof c->buf)
				return;
			/* http_parse's limits are within the buffer; be sure. */
			memset(&r, 0, sizeof r);
			status = 431;
		}
		int keep = serve(c, &r, status);
		responses++;
		c->served++;
		if (!keep || used > c->len) {
			slot_close(c);
			return;
		}
		/* A pipelined next request stays in the buffer. */
		memmove(c->buf, c->buf + used, c->len - used);
		c->len -= used;
		if (!c->len)
			return;
	}
}

/* "name=value" among the arguments: its value, or NULL. */
static const char *arg(int argc, char **argv, const char *name)
{
	size_t n = strlen(name);
	for (int i = 1; i < argc; i++)
		if (!strncmp(argv[i], name, n) && argv[i][n] == '=')
			return argv[i] + n + 1;
	return NULL;
}

static int arg_num(int argc, char **argv, const char *name, unsigned long *v)
{
	const char *s = arg(argc, argv, name);
	if (!s)
		return 1;
	unsigned long x = 0;
	if (!*s)
		return 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || x > 100000000UL)
			return 0;
		x = x * 10 + (unsigned long)(*s - '0');
	}
	*v = x;
	return 1;
}

int main(int argc, char **argv)
{
	unsigned char ip[4];
	int prefix;
	unsigned long port = 80, idle = idle_ms, sto = sendto_ms;
	const char *ips = arg(argc, argv, "ip"), *rt = arg(argc, argv, "root");
	if (!ips || !lnet_parse_ip(ips, ip, &prefix) || !arg_num(argc, argv, "port", &port) ||
	    !port || port > 65535 || !arg_num(argc, argv, "idle", &idle) ||
	    !arg_num(argc, argv, "sendto", &sto) || !arg_num(argc, argv, "maxreq", &maxreq) ||
	    (rt && (rt[0] != '/' || strlen(rt) >= sizeof root))) {
		printf("httpd: usage: rdinit=/httpd -- ip=A.B.C.D[/LEN] [port=80] [root=/site] "
		       "[idle=MS] [sendto=MS] [maxreq=N] (root absolute, under %u bytes)\n",
		       (unsigned)sizeof root);
		lnet_power_off();
	}
	idle_ms = (unsigned)idle;
	sendto_ms = (unsigned)sto;
	if (rt)
		strcpy(root, rt);
	size_t rl = strlen(root);
	while (rl > 0 && root[rl - 1] == '/')
		root[--rl] = 0;		/* "/" serves the whole initramfs: root "" */
	struct stat st;
	if (stat(rl ? root : "/", &st) != 0 || !S_ISDIR(st.st_mode)) {
		printf("httpd: root %s: not a folder\n", rl ? root : "/");
		lnet_power_off();
	}
	lnet_ignore_sigpipe();
	int one = 1;
	struct lnet_sin me;
	lnet_sin_set(&me, (const unsigned char[4]){ 0, 0, 0, 0 }, (int)port);
	int ls = lnet_eth0_up(ip, prefix) ? lnet_socket(LNET_SOCK_STREAM) : -1;
	if (ls < 0 || lnet_setsockopt(ls, LNET_SO_REUSEADDR, &one, sizeof one) < 0 ||
	    lnet_ret(my_syscall3(__NR_bind, ls, &me, sizeof me)) < 0 ||
	    lnet_ret(my_syscall2(__NR_listen, ls, BACKLOG)) < 0 ||
	    lnet_ret(my_syscall3(__NR_fcntl, ls, 4 /* F_SETFL */, 0x80 /* MIPS's O_NONBLOCK */)) < 0) {
		printf("httpd: cannot configure eth0 or listen on port %lu (errno %d)\n", port, errno);
		lnet_power_off();
	}
	for (int i = 0; i < SLOTS; i++)
		slots[i].s = -1;
	printf("httpd: listening on %s port %lu, site %s, %d slots (one process, poll)\n",
	       ips, port, rl ? root : "/", SLOTS);
	while (!maxreq || responses < maxreq) {
		struct pollfd p[SLOTS + 1];
		int who[SLOTS + 1], np = 0;
		struct slot *f = NULL, *old = NULL;
		for (int i = 0; i < SLOTS; i++) {
			if (slots[i].s < 0)
				f = &slots[i];
			else if (!old || slots[i].last < old->last)
				old = &slots[i];
		}
		/* Every slot busy: a new connection waits in the kernel's
		   backlog until one frees, or until the longest silent has
		   been so for EVICT_MS and is closed for it (a pool of idle
		   clients must not lock others out; a busy one is not cut). */
		long long now = now_ms();
		int full = !f, can_take = f || now - old->last >= EVICT_MS;
		p[np].fd = ls, p[np].events = can_take ? POLLIN : 0, p[np].revents = 0, who[np++] = -1;
		for (int i = 0; i < SLOTS; i++)
			if (slots[i].s >= 0)
				p[np].fd = slots[i].s, p[np].events = POLLIN, p[np].revents = 0, who[np++] = i;
		/* Wake at least every second for the idle limit (sooner when
		   full, to see a slot become one to evict). */
		int r = poll(p, np, full ? 100 : 1000);
		now = now_ms();
		/* The connections first, then the listener: an accept cannot
		   then hand a slot's fd number to a new socket that a stale
		   poll entry would read, blocking. */
		for (int k = 1; r > 0 && k < np; k++)
			if (p[k].revents & (POLLIN | POLLHUP | POLLERR))
				slot_read(&slots[who[k]], now);
		/* Every connection waiting, while there are slots: a burst of
		   clients must not overflow the backlog (Linux then drops
		   their SYNs). The listener does not block; accepted sockets
		   do (accept(2) does not pass O_NONBLOCK on). */
		while (r > 0 && (p[0].revents & POLLIN)) {
			f = old = NULL;
			for (int i = 0; i < SLOTS; i++) {
				if (slots[i].s < 0)
					f = &slots[i];
				else if (!old || slots[i].last < old->last)
					old = &slots[i];
			}
			if (!f && now - old->last >= EVICT_MS) {
				slot_close(old);
				f = old;
			}
			int s = f ? lnet_ret(my_syscall3(__NR_accept, ls, NULL, NULL)) : -1;
			if (s < 0)
				break;
			lnet_timeout(s, LNET_SO_SNDTIMEO, sendto_ms);
			f->s = s;
			f->len = 0;
			f->served = 0;
			f->last = now;
		}
		for (int i = 0; i < SLOTS; i++)
			if (slots[i].s >= 0 && now - slots[i].last > (long long)idle_ms)
				slot_close(&slots[i]);
	}
	printf("httpd: %lu responses, %lu of them 200\n", responses, ok200);
	lnet_power_off();
	return 0;
}
