/*
 * cheetah/httpd_conv.c - the conventional web server Cheetah is compared
 * with (issue 19): an NCSA-style HTTP/1.0 server (HTTP/1.1 keep-alive too)
 * on ExOS's ordinary interfaces only. Sockets are the blocking calls of
 * net.h (net_accept, net_recv, net_send: every byte copied into TCP's send
 * buffer); files are read through newlib (open, read) from ExOS's ext2 at
 * / into a buffer of ours first. One process with a small fixed pool of
 * connections (SLOTS) polled with net_readable, like a select() server;
 * a response is sent start to end, blocking, before the next is looked at.
 *
 * Boot words: port= (80), root= (the site's folder, default /), idle= (ms
 * a connection may stay silent, 10000), sendto= (ms a blocked send may
 * wait before the client is dropped, 5000), maxreq= (exit after that many
 * responses; 0: run forever).
 *
 * The HTTP it speaks, Cheetah's (cheetah/http.c, cheetah/cheetah.c), so
 * that a document's bytes are the same from both but for Server and Date:
 *  - a request line of at most LINE_MAX bytes (longer: 414) and header
 *    lines of at most HDRS_MAX in all (longer: 431); errors close;
 *  - "GET" or "HEAD" SP path SP "HTTP/1.0" | "HTTP/1.1" (RFC 1945 5.1,
 *    RFC 7230 3.1.1); POST, PUT and the other methods of RFC 7231: 405
 *    with Allow; another method token: 501; another HTTP/x.y: 505;
 *    anything else (HTTP/0.9's bare "GET /" included): 400;
 *  - the path: an absolute path, "%XX" decoded (RFC 3986 2.1), "?query"
 *    dropped; a bad escape, %00 or a control byte: 400; a ".." segment
 *    (before or after decoding): 400, as Cheetah's store refuses it; a
 *    path ending in "/" gets index.html; no such regular file: 404;
 *  - keep-alive: HTTP/1.1 unless "Connection: close", HTTP/1.0 only with
 *    "Connection: keep-alive" (RFC 2068 19.7.1);
 *  - 200: "HTTP/1.0 200 OK", Server, Last-Modified (the file's mtime),
 *    Content-Type, Content-Length and, when kept, "Connection:
 *    keep-alive"; If-Modified-Since exactly that date: the same head as
 *    "304 Not Modified", no body; an error: "HTTP/1.x CODE
 *    REASON" (x: the request's minor version when known), Server,
 *    Content-Type: text/plain, Content-Length, "Connection: close", and
 *    the body "CODE REASON\n" (none for HEAD). Not yet: Cheetah's Date.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "exos.h"
#include "net/net.h"
#include "http.h"	/* http_reason, http_ctype: shared with Cheetah and the Linux server */
#include "date.h"	/* http_date: Last-Modified, as Cheetah's store writes it */

#define SLOTS		8		/* connections served at once */
#define LINE_MAX	2048		/* bytes of a request line (Cheetah's HTTP_LINE_MAX) */
#define HDRS_MAX	8192		/* of its header lines (HTTP_HDRS_MAX) */
#define HEAD_MAX	(LINE_MAX + 2 + HDRS_MAX + 4)
#define PATH_MAX_	256		/* bytes of a decoded path */
#define FILEBUF		8192		/* the file's bytes pass through here */
#define KEEP_MAX	100		/* requests on one connection */

struct slot {
	int s;				/* socket, -1: free */
	unsigned len;			/* bytes of head in buf */
	unsigned served;		/* responses on this connection */
	uint32_t last;			/* ms of the last activity */
	char *buf;			/* HEAD_MAX + 1 */
};

static struct slot slots[SLOTS];
static char *filebuf;
static char root[128] = "/";
static unsigned idle_ms, sendto_ms;
static unsigned long responses, maxreq;
static unsigned long ok200;		/* of them 200s */

/* Is ms time a before b (modulo 2^32)? */
#define TIME_BEFORE(a, b)	((int32_t)((uint32_t)(a) - (uint32_t)(b)) < 0)

/* All of len bytes, or <0 (the client is dropped by the caller). */
static int send_all(int s, const char *p, unsigned len)
{
	while (len) {
		int w = net_send(s, p, len);
		if (w <= 0)
			return w < 0 ? w : -EPIPE;
		p += w;
		len -= (unsigned)w;
	}
	return 0;
}

/* 200, or 304 (If-Modified-Since was the file's own Last-Modified): the
   head alone then, its Content-Length the document's (as Cheetah's). */
static int send_head(int s, int code, const char *lm, const char *type, unsigned long clen, int keep)
{
	char h[320];
	int n = sniprintf(h, sizeof h,
		"HTTP/1.0 %d %s\r\nServer: httpd_conv\r\nLast-Modified: %s\r\nContent-Type: %s\r\n"
		"Content-Length: %lu\r\n%s\r\n",
		code, http_reason(code), lm, type, clen, keep ? "Connection: keep-alive\r\n" : "");
	return send_all(s, h, (unsigned)n);
}

/* An error, as Cheetah's build_error; the connection is closed after it. */
static int send_error(int s, int v11, int code, int head_only)
{
	char b[96], h[320];
	int bl = sniprintf(b, sizeof b, "%d %s\n", code, http_reason(code));
	int n = sniprintf(h, sizeof h, "HTTP/1.%d %d %s\r\nServer: httpd_conv\r\n"
		"Content-Type: text/plain\r\nContent-Length: %d\r\n%sConnection: close\r\n\r\n%s",
		v11, code, http_reason(code), bl, code == 405 ? "Allow: GET, HEAD\r\n" : "",
		head_only ? "" : b);
	return send_all(s, h, (unsigned)n);
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

/* Has p (n bytes) a ".." segment? */
static int has_dotdot(const char *p, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++)
		if (p[i] == '.' && p[i + 1] == '.' && (i == 0 || p[i - 1] == '/') &&
		    (i + 2 == n || p[i + 2] == '/'))
			return 1;
	return 0;
}

/* The request target (raw, n bytes) into the file's path under root:
   0 or an HTTP status. */
static int map_path(const char *raw, size_t n, char *out, unsigned outlen)
{
	char dec[PATH_MAX_];
	size_t q = 0;
	if (n == 0 || raw[0] != '/')
		return 400;
	for (size_t i = 0; i < n && raw[i] != '?'; i++) {
		int c = (unsigned char)raw[i];
		if (c == '%') {
			int h = i + 2 < n ? hexval(raw[i + 1]) : -1;
			int l = i + 2 < n ? hexval(raw[i + 2]) : -1;
			if (h < 0 || l < 0)
				return 400;
			c = h * 16 + l;
			i += 2;
		}
		if (c < 0x20 || c == 0x7f)
			return 400;
		if (q + 1 >= sizeof dec)
			return 414;
		dec[q++] = (char)c;
	}
	if (has_dotdot(raw, n) || has_dotdot(dec, q))
		return 400;
	dec[q] = 0;
	int r = sniprintf(out, outlen, "%s%s%s", strcmp(root, "/") ? root : "", dec,
		dec[q - 1] == '/' ? "index.html" : "");
	return r >= (int)outlen ? 414 : 0;
}

/* Is header name (case-insensitive) on line p..e with the value word? */
static int header_has(const char *p, const char *e, const char *name, const char *word)
{
	size_t nl = strlen(name), wl = strlen(word);
	if ((size_t)(e - p) < nl + 1 || strncasecmp(p, name, nl) || p[nl] != ':')
		return 0;
	for (p += nl + 1; p + wl <= e; p++)
		if (strncasecmp(p, word, wl) == 0)
			return 1;
	return 0;
}

/* One complete head (len bytes, ending in the empty line): answer it.
   1: keep the connection; 0: close it. */
static int serve(struct slot *c, unsigned len)
{
	char *b = c->buf, *end = b + len;
	char *eol = memchr(b, '\n', len);
	char *sp1 = memchr(b, ' ', (size_t)(eol - b));
	char *sp2 = sp1 ? memchr(sp1 + 1, ' ', (size_t)(eol - sp1 - 1)) : NULL;
	char *ve = eol > b && eol[-1] == '\r' ? eol - 1 : eol;
	int v11 = 0, code = 0, head_only = 0;
	if (!sp1 || !sp2 || sp1 == b || sp2 == sp1 + 1)
		return send_error(c->s, 0, 400, 0), 0;
	if ((size_t)(ve - sp2 - 1) == 8 && strncmp(sp2 + 1, "HTTP/1.", 7) == 0 &&
	    (sp2[8] == '0' || sp2[8] == '1'))
		v11 = sp2[8] == '1';
	else if ((size_t)(ve - sp2 - 1) == 8 && strncmp(sp2 + 1, "HTTP/", 5) == 0 &&
		 sp2[6] >= '0' && sp2[6] <= '9' && sp2[7] == '.' && sp2[8] >= '0' && sp2[8] <= '9')
		return send_error(c->s, 0, 505, 0), 0;
	else
		return send_error(c->s, 0, 400, 0), 0;
	for (char *p = b; p < sp1; p++)
		if (*p < 'A' || *p > 'Z')
			return send_error(c->s, v11, 400, 0), 0;
	if (sp1 - b == 4 && strncmp(b, "HEAD", 4) == 0)
		head_only = 1;
	else if (!(sp1 - b == 3 && strncmp(b, "GET", 3) == 0)) {
		static const char *const known[] = { "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT" };
		for (unsigned k = 0; k < sizeof known / sizeof known[0]; k++)
			if (strlen(known[k]) == (size_t)(sp1 - b) && !memcmp(b, known[k], (size_t)(sp1 - b)))
				return send_error(c->s, v11, 405, 0), 0;
		return send_error(c->s, v11, 501, 0), 0;
	}

	int keep = v11, hosts = 0;
	const char *ims = NULL;		/* If-Modified-Since's value, to its CR */
	size_t imslen = 0;
	for (char *p = eol + 1; p < end;) {
		char *e = memchr(p, '\n', (size_t)(end - p));
		if (!e)
			break;
		if (e - p >= 5 && strncasecmp(p, "Host:", 5) == 0)
			hosts++;
		if (e - p >= 18 && strncasecmp(p, "If-Modified-Since:", 18) == 0) {
			for (ims = p + 18; ims < e && (*ims == ' ' || *ims == '\t'); ims++)
				;
			imslen = (size_t)((e > ims && e[-1] == '\r' ? e - 1 : e) - ims);
		}
		if (header_has(p, e, "Connection", "close"))
			keep = 0;
		else if (header_has(p, e, "Connection", "keep-alive"))
			keep = 1;
		p = e + 1;
	}
	if (v11 && hosts != 1)		/* RFC 7230 5.4: exactly one Host in 1.1 */
		return send_error(c->s, v11, 400, 0), 0;
	if (c->served + 1 >= KEEP_MAX)
		keep = 0;

	char path[PATH_MAX_ + 160];
	code = map_path(sp1 + 1, (size_t)(sp2 - sp1 - 1), path, sizeof path);
	if (code)
		return send_error(c->s, v11, code, head_only), 0;
	struct stat st;
	int fd = -1;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || (fd = open(path, O_RDONLY)) < 0)
		return send_error(c->s, v11, 404, head_only), 0;
	unsigned long size = (unsigned long)st.st_size;
	/* Last-Modified: the file's mtime. If-Modified-Since gets 304 only
	   when it is exactly that date (RFC 7232 3.3: any other date gets
	   the document, always a correct answer), as Cheetah does. */
	char lm[HTTP_DATE_LEN + 1];
	http_date((uint32_t)st.st_mtime, lm);
	lm[HTTP_DATE_LEN] = 0;
	int code304 = ims && imslen == HTTP_DATE_LEN && !memcmp(ims, lm, HTTP_DATE_LEN);
	if (code304)
		head_only = 1;
	int r = send_head(c->s, code304 ? 304 : 200, lm, http_ctype(path), size, keep);
	for (unsigned long left = head_only ? 0 : size; r == 0 && left;) {
		int n = read(fd, filebuf, left < FILEBUF ? (unsigned)left : FILEBUF);
		if (n <= 0) {
			r = -EIO;	/* the file shrank: the client sees a short body */
			break;
		}
		r = send_all(c->s, filebuf, (unsigned)n);
		left -= (unsigned long)n;
	}
	close(fd);
	ok200 += !code304;
	return r == 0 && keep;
}

static void slot_close(struct slot *c)
{
	net_close(c->s);
	c->s = -1;
	c->len = 0;
	c->served = 0;
}

/* Where the head in buf ends (just past its empty line), or 0. */
static unsigned head_end(const char *b, unsigned len)
{
	for (unsigned i = 0; i < len; i++)
		if (b[i] == '\n') {
			if (i + 1 < len && b[i + 1] == '\n')
				return i + 2;
			if (i + 2 < len && b[i + 1] == '\r' && b[i + 2] == '\n')
				return i + 3;
		}
	return 0;
}

/* Read what arrived on c and answer every complete head in it. */
static void slot_read(struct slot *c, uint32_t now)
{
	int n = net_recv(c->s, c->buf + c->len, HEAD_MAX - c->len);
	if (n <= 0) {
		slot_close(c);
		return;
	}
	c->len += (unsigned)n;
	c->last = now;
	for (;;) {
		unsigned h = head_end(c->buf, c->len);
		char *nl = memchr(c->buf, '\n', c->len);
		int longline = nl ? nl - c->buf > LINE_MAX + 1 : c->len > LINE_MAX + 1;
		if (!h || longline) {
			if (c->len < HEAD_MAX && !longline)
				return;
			/* Too long: the request line (414) or the headers (431). */
			int code = longline ? 414 : 431;
			send_error(c->s, 0, code, 0);
			responses++;
			slot_close(c);
			return;
		}
		int keep = serve(c, h);
		responses++;
		c->served++;
		if (!keep) {
			slot_close(c);
			return;
		}
		/* A pipelined next request stays in the buffer. */
		memmove(c->buf, c->buf + h, c->len - h);
		c->len -= h;
	}
}

int main(void)
{
	unsigned port = (unsigned)exos_boot_arg_num("port", 80);
	idle_ms = (unsigned)exos_boot_arg_num("idle", 10000);
	sendto_ms = (unsigned)exos_boot_arg_num("sendto", 5000);
	maxreq = exos_boot_arg_num("maxreq", 0);
	if (exos_boot_arg("root", root, sizeof root) == -EINVAL || root[0] != '/') {
		iprintf("httpd_conv: root= must be an absolute path under 128 bytes\n");
		return 1;
	}
	size_t rl = strlen(root);
	if (rl > 1 && root[rl - 1] == '/')
		root[rl - 1] = 0;
	filebuf = malloc(FILEBUF);
	for (int i = 0; i < SLOTS; i++) {
		slots[i].s = -1;
		slots[i].buf = malloc(HEAD_MAX + 1);
		if (!slots[i].buf || !filebuf) {
			iprintf("httpd_conv: no memory for its buffers\n");
			return 1;
		}
	}
	struct stat st;
	if (stat(strcmp(root, "") ? root : "/", &st) != 0 || !S_ISDIR(st.st_mode)) {
		iprintf("httpd_conv: root %s: not a folder (is a disk attached?)\n", root);
		return 1;
	}
	int r = net_init();
	int ls = r < 0 ? r : net_socket(NET_TCP);
	r = ls < 0 ? ls : net_bind(ls, port);
	if (r == 0)
		r = net_listen(ls, 8);
	if (r != 0) {
		iprintf("httpd_conv: cannot listen on port %u (%d)\n", port, r);
		return 1;
	}
	char ip[16];
	iprintf("httpd_conv: listening on %s port %u, site %s, %d slots\n",
		net_ip_str(net_config()->ip, ip), port, root, SLOTS);
	while (!maxreq || responses < maxreq) {
		net_poll(20);
		uint32_t now = net_now_ms();
		if (net_readable(ls)) {
			struct slot *f = NULL, *old = NULL;
			for (int i = 0; i < SLOTS; i++) {
				if (slots[i].s < 0)
					f = &slots[i];
				else if (!old || TIME_BEFORE(slots[i].last, old->last))
					old = &slots[i];
			}
			/* Every slot busy and another waiting: the longest silent
			   goes (a pool of idle clients must not lock others out). */
			if (!f && old) {
				slot_close(old);
				f = old;
			}
			int s = net_accept(ls, NULL, NULL);
			if (s >= 0) {
				net_set_timeout(s, sendto_ms);
				f->s = s;
				f->len = 0;
				f->served = 0;
				f->last = now;
			}
		}
		for (int i = 0; i < SLOTS; i++) {
			struct slot *c = &slots[i];
			if (c->s < 0)
				continue;
			if (net_readable(c->s))
				slot_read(c, now);
			else if (now - c->last > idle_ms)
				slot_close(c);
		}
	}
	iprintf("httpd_conv: %lu responses, %lu of them 200\n", responses, ok200);
	net_close(ls);
	net_tcp_drain(5000);
	return 0;
}
