/*
 * webget.c - HTTP correctness of the web servers (Cheetah, httpd_conv,
 * the Linux httpd) as Linux 6.1's TCP on another simulated machine sees
 * them (issue 19): a client independent of ExOS's stack. Run from the
 * initramfs:
 *   rdinit=/webget -- ip=10.0.0.3/24 server=10.0.0.1 [server=10.0.0.2 ...]
 *                     [port=80] [wait=60]
 * For each server= in turn (after waiting up to wait= seconds for it to
 * accept a connection), TAP checks of:
 *  - /manifest.txt (cheetah/mkmanifest's "/path LEN CRC" lines), then
 *    every document in it by HTTP/1.0, a connection each: status 200,
 *    Content-Length, and the body's CRC-32 (zlib's) and length;
 *  - keep-alive: two HTTP/1.1 GETs and a HEAD on one connection, each
 *    response read by its Content-Length, the HEAD with no body;
 *  - 304 for If-Modified-Since with the document's own Last-Modified
 *    when the server sends one (Cheetah), else a note that it was not
 *    asked (httpd_conv and httpd keep no dates);
 *  - errors: 404 (no such file), 400 (".." and "%2e%2e" outside the
 *    site, HTTP/1.1 without Host, a bad escape), 405 (POST, with Allow),
 *    501 (an unknown method), 505 (HTTP/2.0).
 * Then "1..N" and the machine powers off, so pmaxsim's run ends (the
 * host script cheetah/tests/linux-webget-test judges the TAP). Every read
 * is bounded by SO_RCVTIMEO, every wait by a count.
 */
#include "nolibc.h"
#include "linux_net.h"

#define RBUF		(128 * 1024)	/* a whole response (the largest is 100 KB) */
#define MAXDOCS		32
#define RTIMEOUT	15000		/* ms a read may wait */

static char rbuf[RBUF];
static unsigned char server[4];
static int port = 80;
static int checks, failures;

static int check(int ok, const char *what, const char *detail)
{
	checks++;
	failures += !ok;
	printf("%sok %d - webget", ok ? "" : "not ", checks);
	if (server[0])		/* a check of one server's */
		printf(" %u.%u.%u.%u", server[0], server[1], server[2], server[3]);
	printf(": %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
	return ok;
}

/* strcat (nolibc 6.1 has none). */
static char *strcat(char *d, const char *s)
{
	strcpy(d + strlen(d), s);
	return d;
}

/* Does the body hold the text of /secret.txt (beside the site)? */
static int has_secret(const char *p, unsigned long n)
{
	static const char secret[] = "SECRET-OUTSIDE-THE-SITE";
	for (unsigned long i = 0; i + sizeof secret - 1 <= n; i++)
		if (!memcmp(p + i, secret, sizeof secret - 1))
			return 1;
	return 0;
}

/* CRC-32 as zlib computes it (ISO 3309, reflected 0xedb88320). */
static uint32_t crc32(const unsigned char *p, unsigned long n)
{
	uint32_t c = 0xffffffffu;
	while (n--) {
		c ^= *p++;
		for (int k = 0; k < 8; k++)
			c = c >> 1 ^ (0xedb88320u & -(c & 1));
	}
	return ~c;
}

/* A connection to the server, or -1; reads give up after RTIMEOUT. */
static int dial(void)
{
	struct lnet_sin to;
	lnet_sin_set(&to, server, port);
	int s = lnet_socket(LNET_SOCK_STREAM);
	if (s < 0)
		return -1;
	if (lnet_ret(my_syscall3(__NR_connect, s, &to, sizeof to)) < 0) {
		close(s);
		return -1;
	}
	lnet_timeout(s, LNET_SO_RCVTIMEO, RTIMEOUT);
	return s;
}

static int send_str(int s, const char *p)
{
	size_t n = strlen(p);
	while (n) {
		ssize_t w = write(s, p, n);
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* One response, parsed. */
struct resp {
	int status;
	long clen;		/* Content-Length, -1: none */
	char *body;		/* in rbuf */
	unsigned long blen;	/* body bytes read */
	char lastmod[64];	/* Last-Modified's value, "" if none */
	int allow;		/* an Allow field naming GET */
	int keep;		/* "Connection: keep-alive" */
};

/* Does line [p, e) start with name (case-insensitive), a colon after it? */
static const char *field(const char *p, const char *e, const char *name)
{
	size_t n = strlen(name);
	if ((size_t)(e - p) <= n || strncasecmp(p, name, n) || p[n] != ':')
		return NULL;
	for (p += n + 1; p < e && *p == ' '; p++)
		;
	return p;
}

/* Read one response from s into rbuf, its body by Content-Length (or to
   the close when there is none or to_eof); head_only: a HEAD's (no body
   expected; to_eof then shows a body that should not be there). 0 or -1
   (no complete head). */
static int get_resp(int s, struct resp *r, int head_only, int to_eof)
{
	unsigned long len = 0, h = 0;
	memset(r, 0, sizeof *r);
	r->clen = -1;
	while (!h) {
		ssize_t n = read(s, rbuf + len, RBUF - 1 - len);
		if (n <= 0)
			return -1;
		len += (unsigned long)n;
		for (unsigned long i = 3; i < len && !h; i++)
			if (!memcmp(rbuf + i - 3, "\r\n\r\n", 4))
				h = i + 1;
		if (!h && len >= 4096)
			return -1;
	}
	rbuf[h - 1] = 0;
	if (h < 13 || memcmp(rbuf, "HTTP/1.", 7) || rbuf[8] != ' ')
		return -1;
	r->status = atoi(rbuf + 9);
	for (char *p = strchr(rbuf, '\n'); p && p < rbuf + h; p = strchr(p, '\n')) {
		char *e = strchr(++p, '\r');
		const char *v;
		if (!e)
			break;
		if ((v = field(p, e, "Content-Length")))
			r->clen = atol(v);
		else if ((v = field(p, e, "Last-Modified")) && (size_t)(e - v) < sizeof r->lastmod) {
			memcpy(r->lastmod, v, (size_t)(e - v));
			r->lastmod[e - v] = 0;
		} else if ((v = field(p, e, "Allow")))
			r->allow = !strncmp(v, "GET", 3);
		else if ((v = field(p, e, "Connection")))
			r->keep = !strncasecmp(v, "keep-alive", 10);
	}
	r->body = rbuf + h;
	unsigned long want = head_only ? 0 : r->clen >= 0 ? (unsigned long)r->clen : RBUF;
	while (len - h < want || to_eof) {
		if (len >= RBUF - 1)
			break;
		ssize_t n = read(s, rbuf + len, RBUF - 1 - len);
		if (n <= 0)
			break;
		len += (unsigned long)n;
	}
	r->blen = len - h;
	return 0;
}

/* req on a connection of its own; the response read to the close. */
static int exchange(const char *req, struct resp *r, int head_only)
{
	int s = dial();
	if (s < 0)
		return -1;
	int ok = send_str(s, req) == 0 && get_resp(s, r, head_only, 1) == 0;
	close(s);
	return ok ? 0 : -1;
}

static char *num(char *d, long v)
{
	itoa_r(v, d);
	return d;
}

struct doc {
	char path[96];
	unsigned long len;
	uint32_t crc;
};
static struct doc docs[MAXDOCS];
static int ndocs;

static uint32_t hexnum(const char *p)
{
	uint32_t v = 0;
	for (; (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'); p++)
		v = v << 4 | (uint32_t)(*p <= '9' ? *p - '0' : *p - 'a' + 10);
	return v;
}

/* The manifest's lines into docs. */
static int parse_manifest(char *m, unsigned long n)
{
	m[n] = 0;
	ndocs = 0;
	for (char *p = m; *p && ndocs < MAXDOCS;) {
		char *nl = strchr(p, '\n'), *sp1 = strchr(p, ' '), *sp2 = sp1 ? strchr(sp1 + 1, ' ') : NULL;
		if (!nl || !sp1 || !sp2 || sp2 > nl || (size_t)(sp1 - p) >= sizeof docs[0].path)
			return -1;
		memcpy(docs[ndocs].path, p, (size_t)(sp1 - p));
		docs[ndocs].path[sp1 - p] = 0;
		docs[ndocs].len = (unsigned long)atol(sp1 + 1);
		docs[ndocs].crc = hexnum(sp2 + 1);
		ndocs++;
		p = nl + 1;
	}
	return ndocs ? 0 : -1;
}

static void one_server(int wait)
{
	struct resp r;
	char req[256], d1[24], d2[24], msg[160];
	/* The server may still be booting: connect until it answers. */
	int s = -1;
	for (int t = 0; t <= wait && s < 0; t++) {
		s = dial();
		if (s < 0)
			poll(NULL, 0, 1000);
	}
	if (!check(s >= 0, "the server accepts a connection", NULL))
		return;
	close(s);

	/* The manifest, then every document it lists, HTTP/1.0. */
	int ok = exchange("GET /manifest.txt HTTP/1.0\r\n\r\n", &r, 0) == 0 && r.status == 200 &&
		 r.clen >= 0 && r.blen == (unsigned long)r.clen;
	ok = ok && parse_manifest(r.body, r.blen) == 0;
	check(ok, "GET /manifest.txt: 200, its Content-Length, its lines", num(d1, ndocs));
	if (!ok)
		return;
	static struct doc saved[MAXDOCS];
	int nsaved = ndocs;
	memcpy(saved, docs, sizeof docs);
	for (int i = 0; i < nsaved; i++) {
		struct doc *dc = &saved[i];
		strcpy(req, "GET ");
		strcat(req, dc->path);
		strcat(req, " HTTP/1.0\r\n\r\n");
		ok = exchange(req, &r, 0) == 0;
		int good = ok && r.status == 200 && r.clen == (long)dc->len && r.blen == dc->len &&
			   crc32((unsigned char *)r.body, r.blen) == dc->crc;
		strcpy(msg, dc->path);
		strcat(msg, ": status ");
		strcat(msg, num(d1, ok ? r.status : -1));
		strcat(msg, ", length ");
		strcat(msg, num(d2, ok ? r.clen : -1));
		check(good, "HTTP/1.0 GET: 200, Content-Length, CRC-32 of the body", msg);
	}

	/* Keep-alive: GET, HEAD, GET on one HTTP/1.1 connection. */
	const struct doc *a = NULL, *b = NULL;
	for (int i = 0; i < nsaved; i++) {
		if (!strcmp(saved[i].path, "/k1.html"))
			a = &saved[i];
		if (!strcmp(saved[i].path, "/k10.bin"))
			b = &saved[i];
	}
	if (!check(a && b, "the manifest lists /k1.html and /k10.bin", NULL))
		return;
	s = dial();
	ok = s >= 0 && send_str(s, "GET /k1.html HTTP/1.1\r\nHost: t\r\n\r\n") == 0 &&
	     get_resp(s, &r, 0, 0) == 0;
	check(ok && r.status == 200 && r.blen == a->len && crc32((unsigned char *)r.body, r.blen) == a->crc,
	      "keep-alive: the first HTTP/1.1 GET on the connection", NULL);
	char lastmod[64];
	strcpy(lastmod, ok ? r.lastmod : "");
	ok = ok && send_str(s, "HEAD /k10.bin HTTP/1.1\r\nHost: t\r\n\r\n") == 0 && get_resp(s, &r, 1, 0) == 0;
	check(ok && r.status == 200 && r.clen == (long)b->len && r.blen == 0,
	      "keep-alive: HEAD on the same connection: 200, Content-Length 10240, no body", NULL);
	ok = ok && send_str(s, "GET /k10.bin HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n") == 0 &&
	     get_resp(s, &r, 0, 1) == 0;
	check(ok && r.status == 200 && r.blen == b->len && crc32((unsigned char *)r.body, r.blen) == b->crc,
	      "keep-alive: a third request on it (Connection: close), its body exactly (nothing after it)", NULL);
	if (s >= 0)
		close(s);

	/* 304: If-Modified-Since with the document's own Last-Modified
	   (every server here sends one: Cheetah, httpd_conv, httpd_linux). */
	check(lastmod[0] != 0, "the GET's answer has a Last-Modified", NULL);
	strcpy(req, "GET /k1.html HTTP/1.0\r\nIf-Modified-Since: ");
	strcat(req, lastmod[0] ? lastmod : "Thu, 01 Jan 1970 00:00:00 GMT");
	strcat(req, "\r\n\r\n");
	ok = exchange(req, &r, 1) == 0;
	check(lastmod[0] && ok && r.status == 304 && r.blen == 0, "If-Modified-Since its Last-Modified: 304, no body", NULL);

	/* Errors. */
	static const struct { const char *req; int st, st2; const char *what; } bad[] = {
		{ "GET /no-such-file.html HTTP/1.0\r\n\r\n", 404, 404, "a missing file: 404" },
		{ "GET /../secret.txt HTTP/1.0\r\n\r\n", 400, 404, "/../secret.txt: 400 or 404" },
		{ "GET /%2e%2e/secret.txt HTTP/1.0\r\n\r\n", 400, 404, "/%2e%2e/secret.txt: 400 or 404" },
		{ "GET / HTTP/1.1\r\n\r\n", 400, 400, "HTTP/1.1 without Host: 400" },
		{ "GET /%zz HTTP/1.0\r\n\r\n", 400, 400, "a bad escape: 400" },
		{ "POST / HTTP/1.0\r\nContent-Length: 0\r\n\r\n", 405, 405, "POST: 405 with Allow: GET" },
		{ "BREW /pot HTTP/1.0\r\n\r\n", 501, 501, "an unknown method: 501" },
		{ "GET / HTTP/2.0\r\n\r\n", 505, 505, "HTTP/2.0: 505" },
	};
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ok = exchange(bad[i].req, &r, 0) == 0;
		int good = ok && (r.status == bad[i].st || r.status == bad[i].st2) &&
			   r.clen == (long)r.blen && (bad[i].st != 405 || r.allow) &&
			   !has_secret(r.body, r.blen);
		check(good, bad[i].what, num(d1, ok ? r.status : -1));
	}
}

int main(int argc, char **argv)
{
	unsigned char ip[4];
	int prefix = 24, wait = 60, nservers = 0, okargs = 1, have_ip = 0;
	for (int i = 1; i < argc; i++) {
		if (!strncmp(argv[i], "ip=", 3))
			have_ip = lnet_parse_ip(argv[i] + 3, ip, &prefix);
		else if (!strncmp(argv[i], "server=", 7))
			okargs &= lnet_parse_ip(argv[i] + 7, server, NULL), nservers++;
		else if (!strncmp(argv[i], "port=", 5))
			port = atoi(argv[i] + 5);
		else if (!strncmp(argv[i], "wait=", 5))
			wait = atoi(argv[i] + 5);
	}
	memset(server, 0, sizeof server);	/* until one is checked */
	if (!have_ip || !nservers || !okargs || port < 1 || port > 65535) {
		printf("webget: usage: rdinit=/webget -- ip=A.B.C.D[/LEN] server=A.B.C.D... [port=80] [wait=S]\n");
		check(0, "its arguments", NULL);
	} else if (check(lnet_eth0_up(ip, prefix), "eth0 configured and up", NULL)) {
		for (int i = 1; i < argc; i++)
			if (!strncmp(argv[i], "server=", 7)) {
				lnet_parse_ip(argv[i] + 7, server, NULL);
				printf("# webget: server %s\n", argv[i] + 7);
				one_server(wait);
			}
	}
	printf("1..%d\n", checks);
	printf("webget: %d checks, %d failed; powering off\n", checks, failures);
	lnet_power_off();
	return 0;
}
