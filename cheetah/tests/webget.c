/*
 * cheetah/tests/webget.c - the Cheetah server's test client (an ExOS
 * program on a second simulated machine). Boot words: peer= (the
 * server, 10.0.0.2), port= (80), mode=:
 *   fetch    every document of site.h over one HTTP/1.1 keep-alive
 *            connection, GET and HEAD, then HTTP/1.0 requests each on
 *            its own connection, every byte checked against site.h;
 *            prints "# digest" of every response (the Date value
 *            masked) so runs with different techniques can be compared;
 *   hostile  malformed requests, each answered with the right status,
 *            path traversal refused, a silent client dropped, and the
 *            server still serving afterwards;
 *   pcap     n= HTTP/1.0 GETs of /1k.html, one connection each, for
 *            the packet-merging count (cheetah/tests/segcount.py).
 * TAP through exos_check.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "exos.h"
#include "net/net.h"
#include "site.h"

#define RBUF	(160 * 1024)
static char *rbuf;
static uint32_t peer;
static unsigned port = 80;
static uint32_t digest = 2166136261u;	/* FNV-1a over the responses */

static void digest_add(const char *p, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		digest = (digest ^ (uint8_t)p[i]) * 16777619u;
}

static int dial(void)
{
	for (int tries = 0; tries < 20; tries++) {
		int s = net_socket(NET_TCP);
		if (s < 0)
			return s;
		net_set_timeout(s, 3000);
		int r = net_connect(s, peer, port);
		if (r == 0) {
			net_set_timeout(s, 10000);
			return s;
		}
		net_close(s);
		net_poll(200);	/* the server is not up yet, or its pool is full */
	}
	return -ETIMEDOUT;
}

static int send_all(int s, const char *p, unsigned n)
{
	while (n) {
		int r = net_send(s, p, n);
		if (r <= 0)
			return r < 0 ? r : -EIO;
		p += r;
		n -= (unsigned)r;
	}
	return 0;
}

struct resp { int status; long clen; int close; unsigned hlen; };

/* One response from s into rbuf: the header, then clen bytes of body
   (head: none; clen < 0: up to the end). Returns the bytes in rbuf, or -errno. */
static int read_resp(int s, int head, struct resp *rs, int *leftover_len)
{
	unsigned have = (unsigned)*leftover_len;
	memset(rs, 0, sizeof *rs);
	rs->clen = -1;
	char *e;
	for (;;) {
		rbuf[have] = 0;
		if ((e = strstr(rbuf, "\r\n\r\n")))
			break;
		if (have >= 8192)
			return -EMSGSIZE;
		int n = net_recv(s, rbuf + have, RBUF - 1 - have);
		if (n <= 0)
			return n < 0 ? n : -ECONNRESET;
		have += (unsigned)n;
	}
	rs->hlen = (unsigned)(e - rbuf) + 4;
	if (strncmp(rbuf, "HTTP/1.", 7) || rbuf[8] != ' ')
		return -EPROTO;
	rs->status = atoi(rbuf + 9);
	char *cl = strstr(rbuf, "\r\nContent-Length: ");
	if (cl && cl < e)
		rs->clen = atol(cl + 18);
	char *cn = strstr(rbuf, "\r\nConnection: close");
	char *ka = strstr(rbuf, "\r\nConnection: keep-alive");
	/* An HTTP/1.0 answer ends its connection unless it says keep-alive. */
	rs->close = (cn && cn < e) || (!strncmp(rbuf, "HTTP/1.0", 8) && !(ka && ka < e));
	unsigned want = head ? rs->hlen : rs->clen >= 0 ? rs->hlen + (unsigned)rs->clen : RBUF - 1;
	while (have < want) {
		int n = net_recv(s, rbuf + have, want - have);
		if (n < 0)
			return n;
		if (n == 0) {
			if (rs->clen < 0)
				break;
			return -ECONNRESET;
		}
		have += (unsigned)n;
	}
	*leftover_len = (int)(have - want);
	return (int)want;
}

/* Fold a response into the digest with its Date value masked. */
static void digest_resp(unsigned n, unsigned hlen)
{
	char *d = strstr(rbuf, "\r\nDate: ");
	if (d && (unsigned)(d - rbuf) + 37 <= hlen)
		memset(d + 8, '*', 29);
	digest_add(rbuf, n);
}

static int body_ok(unsigned i, const char *b, uint32_t n)
{
	if (n != site_docs[i].size)
		return 0;
	for (uint32_t j = 0; j < n; j++)
		if ((uint8_t)b[j] != site_byte(i, j))
			return 0;
	return 1;
}

static void fetch(void)
{
	char req[300];
	int s = dial();
	if (!exos_check(s >= 0, "connect to the server (%d)", s))
		return;
	int left = 0;
	for (int head = 0; head < 2; head++) {
		for (unsigned i = 0; i < SITE_NDOCS; i++) {
			int n = sniprintf(req, sizeof req, "%s %s HTTP/1.1\r\nHost: test\r\n\r\n",
					  head ? "HEAD" : "GET", site_docs[i].path);
			struct resp rs;
			int r = send_all(s, req, (unsigned)n);
			if (r == 0)
				r = read_resp(s, head, &rs, &left);
			int ok = r > 0 && rs.status == 200 && rs.clen == (long)site_docs[i].size && !rs.close &&
				 (head || body_ok(i, rbuf + rs.hlen, (uint32_t)r - rs.hlen));
			exos_check(ok, "keep-alive %s %s: %d bytes, status %d", head ? "HEAD" : "GET",
				   site_docs[i].path, r, r > 0 ? rs.status : r);
			if (r > 0)
				digest_resp((unsigned)r, rs.hlen);
			else
				break;
		}
	}
	/* Two requests in one segment (pipelined): two answers in order. */
	int n = sniprintf(req, sizeof req, "GET /100.txt HTTP/1.1\r\nHost: t\r\n\r\nGET /dir/ HTTP/1.1\r\nHost: t\r\n\r\n");
	struct resp rs;
	int r = send_all(s, req, (unsigned)n);
	int r1 = r == 0 ? read_resp(s, 0, &rs, &left) : r;
	int ok1 = r1 > 0 && rs.status == 200 && body_ok(2, rbuf + rs.hlen, (uint32_t)r1 - rs.hlen);
	if (r1 > 0) {
		digest_resp((unsigned)r1, rs.hlen);
		memmove(rbuf, rbuf + r1, (unsigned)left);
	}
	int r2 = r1 > 0 ? read_resp(s, 0, &rs, &left) : r1;
	int ok2 = r2 > 0 && rs.status == 200 && body_ok(6, rbuf + rs.hlen, (uint32_t)r2 - rs.hlen);
	if (r2 > 0)
		digest_resp((unsigned)r2, rs.hlen);
	exos_check(ok1 && ok2, "two pipelined requests answered in order");
	/* Connection: close on 1.1: the answer, then the server's end. */
	n = sniprintf(req, sizeof req, "GET /odd.txt HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
	left = 0;
	r = send_all(s, req, (unsigned)n);
	r = r == 0 ? read_resp(s, 0, &rs, &left) : r;
	int end = r > 0 ? net_recv(s, rbuf + r, 16) : -1;
	exos_check(r > 0 && rs.status == 200 && body_ok(7, rbuf + rs.hlen, (uint32_t)r - rs.hlen) && end == 0,
		   "Connection: close: the document, then the end of the stream (%d)", end);
	if (r > 0)
		digest_resp((unsigned)r, rs.hlen);
	net_close(s);
	/* HTTP/1.0, one connection per request, read to the end. */
	static const unsigned plain[] = { 0, 3, 4, 5, 1 };
	for (unsigned k = 0; k < sizeof plain / sizeof plain[0]; k++) {
		unsigned i = plain[k];
		s = dial();
		n = sniprintf(req, sizeof req, "GET %s HTTP/1.0\r\n\r\n", site_docs[i].path);
		left = 0;
		r = s < 0 ? s : send_all(s, req, (unsigned)n);
		if (r == 0)
			r = read_resp(s, 0, &rs, &left);
		end = r > 0 ? net_recv(s, rbuf + r, 16) : -1;
		exos_check(r > 0 && rs.status == 200 && body_ok(i, rbuf + rs.hlen, (uint32_t)r - rs.hlen) && end == 0,
			   "HTTP/1.0 GET %s: %d bytes, then the end", site_docs[i].path, r);
		if (r > 0)
			digest_resp((unsigned)r, rs.hlen);
		if (s >= 0)
			net_close(s);
	}
	iprintf("# digest %08lx\n", (unsigned long)digest);
}

/* One raw request on its own connection: the status answered (the
   server closes after an error), or -errno. */
static int raw_status(const char *p, unsigned n, int *served_site)
{
	int s = dial();
	if (s < 0)
		return s;
	int r = send_all(s, p, n), left = 0;
	struct resp rs;
	if (r == 0)
		r = read_resp(s, 0, &rs, &left);
	net_close(s);
	if (r < 0)
		return r;
	/* A site document's bytes never answer a refused request. */
	*served_site = strstr(rbuf + rs.hlen, "abcdefghij") != NULL || rs.status == 200;
	return rs.status;
}

static void hostile(void)
{
	static const struct { const char *req; int status; const char *what; } t[] = {
		{ "GET / HTTP/1.0\r\n\r\n", 200, "a good request" },
		{ "GET /nope.html HTTP/1.0\r\n\r\n", 404, "a missing document" },
		{ "GET /../etc/passwd HTTP/1.0\r\n\r\n", 400, "/../ refused" },
		{ "GET /dir/../../index.html HTTP/1.0\r\n\r\n", 400, "/dir/../../ refused" },
		{ "GET /dir/.. HTTP/1.0\r\n\r\n", 400, "a trailing .. refused" },
		{ "GET .. HTTP/1.0\r\n\r\n", 400, "a target not starting with /" },
		{ "POST / HTTP/1.0\r\nContent-Length: 0\r\n\r\n", 405, "POST" },
		{ "BREW /pot HTTP/1.0\r\n\r\n", 501, "an unknown method" },
		{ "GET / HTTP/2.0\r\n\r\n", 505, "HTTP/2.0" },
		{ "GET / FTP/1.0\r\n\r\n", 400, "not HTTP" },
		{ "GET  / HTTP/1.0\r\n\r\n", 400, "two spaces" },
		{ "GET / HTTP/1.1\r\n\r\n", 400, "HTTP/1.1 without Host" },
		{ "GET / HTTP/1.0\r\nno colon here\r\n\r\n", 400, "a header line without a colon" },
		{ "GET / HTTP/1.0\r\nX-A: 1\r\n folded\r\n\r\n", 400, "a folded header line" },
		{ "\r\n\r\n", 400, "an empty request line" },
	};
	for (unsigned i = 0; i < sizeof t / sizeof t[0]; i++) {
		int site = 0;
		int st = raw_status(t[i].req, strlen(t[i].req), &site);
		exos_check(st == t[i].status && (st == 200 || !site), "%s: status %d (want %d)", t[i].what, st, t[i].status);
	}
	/* A 3000-byte request line: 414; 9000 bytes of headers: 431; a
	   NUL in the request: 400. */
	char *big = malloc(12000);
	if (!big)
		return;
	strcpy(big, "GET /");
	memset(big + 5, 'a', 3000);
	strcpy(big + 3005, " HTTP/1.0\r\n\r\n");
	int site = 0;
	int st = raw_status(big, strlen(big), &site);
	exos_check(st == 414, "a 3000-byte request line: status %d", st);
	strcpy(big, "GET / HTTP/1.0\r\n");
	for (int k = 0; k < 300; k++)
		strcat(big, "X-Padding: aaaaaaaaaaaaaaaaaaaa\r\n");
	strcat(big, "\r\n");
	st = raw_status(big, strlen(big), &site);
	exos_check(st == 431, "9900 bytes of headers: status %d", st);
	memcpy(big, "GET /\0 HTTP/1.0\r\n\r\n", 19);
	st = raw_status(big, 19, &site);
	exos_check(st == 400, "a NUL byte: status %d", st);
	free(big);
	/* A request in three pieces, a little apart: answered when whole. */
	int s = dial(), left = 0;
	const char *parts[] = { "GET /100", ".txt HTTP/1.0\r", "\n\r\n" };
	int r = s;
	for (int k = 0; k < 3 && r >= 0; k++) {
		r = send_all(s, parts[k], strlen(parts[k]));
		net_poll(50);
	}
	struct resp rs;
	if (r == 0)
		r = read_resp(s, 0, &rs, &left);
	exos_check(r > 0 && rs.status == 200 && body_ok(2, rbuf + rs.hlen, (uint32_t)r - rs.hlen), "a request in three segments");
	if (s >= 0)
		net_close(s);
	/* A silent client: dropped after the server's idle time (idle=2). */
	s = dial();
	uint32_t t0 = net_now_ms();
	net_set_timeout(s, 10000);
	r = s < 0 ? s : net_recv(s, rbuf, 16);
	uint32_t dt = net_now_ms() - t0;
	exos_check(s >= 0 && r <= 0 && dt >= 1500 && dt < 9000, "a silent client is dropped after %lu ms (%d)", (unsigned long)dt, r);
	if (s >= 0)
		net_close(s);
	st = raw_status("GET /1k.html HTTP/1.0\r\n\r\n", 25, &site);
	exos_check(st == 200, "the server still serves: status %d", st);
}

static void pcap_run(unsigned n)
{
	unsigned good = 0;
	for (unsigned k = 0; k < n; k++) {
		int site = 0;
		if (raw_status("GET /1k.html HTTP/1.0\r\n\r\n", 25, &site) == 200)
			good++;
		net_poll(300);	/* apart in the capture */
	}
	exos_check(good == n, "%u of %u GETs of /1k.html answered", good, n);
}

int main(void)
{
	char w[32];
	rbuf = malloc(RBUF);
	if (!rbuf || net_init() < 0) {
		iprintf("webget: no memory or no network\n");
		return 1;
	}
	peer = NET_IP(10, 0, 0, 2);
	if (exos_boot_arg("peer", w, sizeof w) == 0 && net_parse_ip(w, &peer) < 0)
		iprintf("webget: peer=%s: not an address\n", w);
	port = (unsigned)exos_boot_arg_num("port", 80);
	if (exos_boot_arg("mode", w, sizeof w) != 0)
		strcpy(w, "fetch");
	if (!strcmp(w, "hostile"))
		hostile();
	else if (!strcmp(w, "pcap"))
		pcap_run((unsigned)exos_boot_arg_num("n", 5));
	else
		fetch();
	net_tcp_drain(5000);
	/* A little more than a second: the server reports its counters. */
	uint32_t t0 = net_now_ms();
	while (net_now_ms() - t0 < 1100)
		net_poll(100);
	return exos_test_result();
}
