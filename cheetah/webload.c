/*
 * cheetah/webload.c - the load generator of issue 19's throughput
 * comparison, an ExOS program for a machine of its own on the server's
 * segment (pmaxsim ... --and ...). conc= clients, each a closed loop:
 * connect, one GET (HTTP/1.0; HTTP/1.1 with keep-alive and the connection
 * kept with keepalive=1), read the whole response, check its status, its
 * Content-Length and every byte of its body against the CRC-32 expected
 * for the path, close (or not, kept alive), again. Event-driven: one loop
 * runs the stack (net_poll) and serves every client whose socket has data
 * (net_readable), so one machine holds many connections. Nothing blocks:
 * a client's handshake is started with net_connect_nb and the loop learns
 * from net_connected when it is established (or refused), so no client
 * waits for another's round trip.
 *
 * Boot words:
 *   server=A.B.C.D  port=N (80)  conc=C (4; at most MAXC)
 *   count=N  requests to complete, then stop (0: no bound; 100 default)
 *   secs=S   simulated seconds at most (10)
 *   paths=/a:LEN:CRC,/b:LEN:CRC,...   paths with their length and CRC-32
 *            (hex, zlib's), fetched round-robin; a boot word holds 127
 *            bytes: more in paths2= ... paths9=;
 *   manifest=/path  instead: fetch that text file from the server first,
 *            one "/path LEN CRC" a line (cheetah/mkmanifest writes it)
 *   keepalive=1, linger=MS (ms to keep running the stack before exit)
 *   warm=MS  a steady window for benchmarks: also report the requests
 *            completed from MS ms after the first start to the end of
 *            secs= (the warm-up and the last requests' drain left out)
 *   wait=S   first try to connect for up to S simulated seconds, until the
 *            server answers (one still booting: Linux takes about 12 s);
 *            the clock starts after it (0, the default: no waiting)
 *   idle=N   also hold N idle connections (at most MAXIDLE) while the
 *            clients run: opened one a pass of the loop, each sent half a
 *            request (every other one) or nothing; when the clients are
 *            done each completes its request, and must be answered (every
 *            byte checked) or closed by the server, none left hanging
 *            (issue 19's "hundreds of idle connections"):
 *            webload: idle N held H served S closed C wrong W hanging G
 *            and a TAP check of its own
 *
 * The result, one line for bench (reqs/s from simulated time):
 *   webload: N requests B bytes E errors (connect C reset R status S
 *   length L body D header H timeout T) in MS ms: R req/s
 * with warm=, before it (bench/reportlib/webbench.py reads both):
 *   webload: window N requests B bytes in MS ms: R req/s
 * then a TAP check that there were requests and no errors.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "exos.h"
#include "net/net.h"

#define MAXC		64		/* clients (TCP_NCONN is 256 a machine) */
#define MAXPATHS	64
#define RBUF		16384		/* bytes read at a time (TCP_BUFSZ) */
#define HEADMAX		1024		/* of a response head */
#define REQ_TIMEOUT	10000		/* ms a request may make no progress */
#define MAXIDLE		200		/* idle= (with MAXC clients, within TCP_NCONN) */

struct doc {
	char path[96];
	unsigned long len;
	uint32_t crc;
};

enum cstate { C_IDLE, C_CONN, C_HEAD, C_BODY, C_HELD };

struct client {
	enum cstate st;
	int s;				/* socket, -1: none */
	struct doc *doc;
	char head[HEADMAX + 1];
	unsigned hlen;
	unsigned long clen, got;	/* Content-Length, body bytes so far */
	uint32_t crc;
	int keep;			/* the server keeps the connection */
	uint32_t since;			/* ms of the last progress */
	int why;			/* the -errno behind a connect or reset error */
};

enum { E_CONNECT, E_RESET, E_STATUS, E_LENGTH, E_BODY, E_HEADER, E_TIMEOUT, E_N };
static const char *const ename[E_N] = {
	"connect", "reset", "status", "length", "body", "header", "timeout"
};
static unsigned long errs[E_N];

static struct doc *docs;
static unsigned ndocs, next_doc;
static struct client *cl;
static uint32_t server;
static unsigned port, keepalive;
static unsigned long done, bytes, started, count;
static uint8_t *rbuf;
static uint32_t crctab[256];

/* Is ms time end still ahead (modulo 2^32)? */
#define TIME_LEFT(end)	((int32_t)((uint32_t)(end) - net_now_ms()) > 0)

/* CRC-32 of IEEE 802.3 (reflected, polynomial 0xedb88320), as zlib's
   crc32 computes it: the manifest's tool uses zlib. */
static void crc_init(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
		crctab[i] = c;
	}
}

static uint32_t crc_add(uint32_t crc, const uint8_t *p, unsigned n)
{
	crc = ~crc;
	while (n--)
		crc = crctab[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

/* "/path:LEN:CRC" or "/path LEN CRC" (sep) into d: 0 or -1. */
static int parse_doc(const char *s, size_t n, char sep, struct doc *d)
{
	const char *a = memchr(s, sep, n);
	const char *b = a ? memchr(a + 1, sep, n - (size_t)(a + 1 - s)) : NULL;
	if (!a || !b || a == s || s[0] != '/' || (size_t)(a - s) >= sizeof d->path)
		return -1;
	memcpy(d->path, s, (size_t)(a - s));
	d->path[a - s] = 0;
	char num[16];
	if (b - a - 1 < 1 || b - a - 1 > 10 || n - (size_t)(b + 1 - s) < 1 || n - (size_t)(b + 1 - s) > 8)
		return -1;
	memcpy(num, a + 1, (size_t)(b - a - 1));
	num[b - a - 1] = 0;
	char *e;
	d->len = strtoul(num, &e, 10);
	if (*e)
		return -1;
	memcpy(num, b + 1, n - (size_t)(b + 1 - s));
	num[n - (size_t)(b + 1 - s)] = 0;
	d->crc = (uint32_t)strtoul(num, &e, 16);
	return *e ? -1 : 0;
}

/* A list of n bytes, entries separated by any of seps: 0 or -1. */
static int parse_list(const char *s, size_t n, const char *seps, char fieldsep)
{
	size_t i = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && !strchr(seps, s[j]))
			j++;
		if (j > i) {
			if (ndocs == MAXPATHS || parse_doc(s + i, j - i, fieldsep, &docs[ndocs]) < 0) {
				iprintf("webload: bad document entry \"%.*s\" (want /path%cLEN%cCRC32HEX, at most %d)\n",
					(int)(j - i), s + i, fieldsep, fieldsep, MAXPATHS);
				return -1;
			}
			ndocs++;
		}
		i = j + 1;
	}
	return 0;
}

/* The response head in c->head is complete: its status, Content-Length
   and Connection. 0, or an error kind. */
static int parse_head(struct client *c)
{
	const char *h = c->head;
	if (strncmp(h, "HTTP/1.", 7) || (h[7] != '0' && h[7] != '1') || h[8] != ' ')
		return E_HEADER;
	if (strncmp(h + 9, "200 ", 4))
		return E_STATUS;
	int v11 = h[7] == '1', have_len = 0;
	c->keep = v11;
	for (const char *p = strchr(h, '\n'); p && p[1]; p = strchr(p + 1, '\n')) {
		const char *l = p + 1;
		if (strncasecmp(l, "Content-Length:", 15) == 0) {
			char *e;
			c->clen = strtoul(l + 15, &e, 10);
			if (e == l + 15 || (*e != '\r' && *e != '\n'))
				return E_HEADER;
			have_len = 1;
		} else if (strncasecmp(l, "Connection:", 11) == 0) {
			const char *v = l + 11;
			while (*v == ' ')
				v++;
			if (strncasecmp(v, "close", 5) == 0)
				c->keep = 0;
			else if (strncasecmp(v, "keep-alive", 10) == 0)
				c->keep = 1;
		}
	}
	if (!have_len)
		return E_HEADER;
	return c->clen == c->doc->len ? 0 : E_LENGTH;
}

static void drop(struct client *c)
{
	if (c->s >= 0)
		net_close(c->s);
	c->s = -1;
	c->st = C_IDLE;
}

static void fail(struct client *c, int kind)
{
	/* The first few said in full, for whoever reads the console. */
	if (errs[0] + errs[1] + errs[2] + errs[3] + errs[4] + errs[5] + errs[6] < 8)
		iprintf("# webload: %s error %d on %s (%s, %lu of %lu body bytes, at %u ms)\n",
			ename[kind], c->why, c->doc ? c->doc->path : "?",
			c->st == C_HEAD ? "reading the head" : c->st == C_BODY ? "reading the body" :
			c->st == C_CONN ? "connecting" : "idle",
			c->got, c->clen, (unsigned)net_now_ms());
	errs[kind]++;
	c->why = 0;
	drop(c);
}

/* The request on c's established connection. */
static void request(struct client *c, uint32_t now)
{
	char req[160];
	int n = sniprintf(req, sizeof req, keepalive ?
		"GET %s HTTP/1.1\r\nHost: server\r\nUser-Agent: webload\r\n\r\n" :
		"GET %s HTTP/1.0\r\nUser-Agent: webload\r\n\r\n", c->doc->path);
	if (net_send(c->s, req, (unsigned)n) != n) {
		fail(c, E_RESET);
		return;
	}
	c->st = C_HEAD;
	c->hlen = 0;
	c->got = 0;
	c->crc = 0;
	c->since = now;
}

/* The next document for c: on its kept connection at once, else a new
   connection is started (C_CONN) and the request waits for it. */
static void start(struct client *c, uint32_t now)
{
	c->doc = &docs[next_doc++ % ndocs];
	c->got = c->clen = 0;
	started++;
	if (c->s >= 0) {
		request(c, now);
		return;
	}
	int s = net_socket(NET_TCP);
	if (s < 0) {
		c->why = s;
		fail(c, E_CONNECT);
		return;
	}
	net_set_timeout(s, 5000);	/* the handshake's bound too */
	c->s = s;
	c->st = C_CONN;
	c->since = now;
	int r = net_connect_nb(s, server, port);
	if (r != -EINPROGRESS && r != 0) {
		c->why = r;
		fail(c, E_CONNECT);
	}
}

/* c's handshake: established, the request goes; refused or timed out,
   a connect error; else it goes on. */
static void connecting(struct client *c, uint32_t now)
{
	int r = net_connected(c->s);
	if (r == 0)
		request(c, now);
	else if (r != -EINPROGRESS) {
		c->why = r;
		fail(c, E_CONNECT);
	}
}

/* A whole response: counted; then the connection is kept or closed. */
static void finish(struct client *c)
{
	if (c->crc != c->doc->crc) {
		fail(c, E_BODY);
		return;
	}
	done++;
	bytes += c->got;
	if (keepalive && c->keep)
		c->st = C_IDLE;
	else
		drop(c);
}

static void body(struct client *c, const uint8_t *p, unsigned n)
{
	if (c->got + n > c->clen) {
		fail(c, E_LENGTH);	/* more than it said */
		return;
	}
	c->crc = crc_add(c->crc, p, n);
	c->got += n;
	if (c->got == c->clen)
		finish(c);
}

/* Data on c's socket. */
static void readable(struct client *c, uint32_t now)
{
	int n = net_recv(c->s, rbuf, RBUF);
	if (n < 0) {
		c->why = n;
		fail(c, E_RESET);
		return;
	}
	if (n == 0) {
		/* The end of the stream: before the whole response, short. */
		fail(c, c->st == C_BODY ? E_LENGTH : E_RESET);
		return;
	}
	c->since = now;
	unsigned off = 0;
	if (c->st == C_HEAD) {
		while (off < (unsigned)n && c->st == C_HEAD) {
			if (c->hlen == HEADMAX) {
				fail(c, E_HEADER);
				return;
			}
			c->head[c->hlen++] = (char)rbuf[off++];
			if (c->hlen >= 4 && memcmp(c->head + c->hlen - 4, "\r\n\r\n", 4) == 0) {
				c->head[c->hlen] = 0;
				int e = parse_head(c);
				if (e) {
					fail(c, e);
					return;
				}
				c->st = C_BODY;
			}
		}
		if (c->st == C_BODY && c->clen == 0) {
			if (off < (unsigned)n) {
				fail(c, E_LENGTH);
				return;
			}
			finish(c);
			return;
		}
	}
	if (c->st == C_BODY && off < (unsigned)n)
		body(c, rbuf + off, (unsigned)n - off);
	else if (c->st == C_IDLE && off < (unsigned)n)
		fail(c, E_LENGTH);
}

/* ---- idle=: connections held while the clients run ------------------- */

static struct client *hc;	/* idle= of them */
static unsigned nidle, nheld_started;

/* Opens the next one (a pass of the loop each: not a burst of SYNs), and
   sends half a request on those connected. */
static void hold_step(uint32_t now)
{
	if (nheld_started < nidle) {
		struct client *c = &hc[nheld_started++];
		c->doc = &docs[nheld_started % ndocs];
		c->s = net_socket(NET_TCP);
		if (c->s >= 0) {
			net_set_timeout(c->s, 5000);
			int r = net_connect_nb(c->s, server, port);
			c->st = r == -EINPROGRESS || r == 0 ? C_CONN : C_IDLE;
		}
	}
	for (unsigned i = 0; i < nheld_started; i++) {
		struct client *c = &hc[i];
		if (c->st != C_CONN)
			continue;
		int r = net_connected(c->s);
		if (r == -EINPROGRESS)
			continue;
		c->st = r == 0 ? C_HELD : C_IDLE;
		char req[128];
		int n = sniprintf(req, sizeof req, "GET %s HTTP/1.0\r\n", c->doc->path);
		if (r == 0 && i % 2 == 0 && net_send(c->s, req, (unsigned)n) != n)
			c->st = C_IDLE;
		c->since = now;
	}
}

/* The clients done: each held connection completes its request, and is
   answered (readable() checks every byte, as for the clients) or closed
   by the server. The counters of the clients' run are already printed:
   this one's are the differences. */
static void hold_finish(void)
{
	unsigned held = 0, hanging = 0;
	unsigned long done0 = done, errs0[E_N];
	memcpy(errs0, errs, sizeof errs0);
	uint32_t now = net_now_ms();
	for (unsigned i = 0; i < nidle; i++) {
		struct client *c = &hc[i];
		if (c->st != C_HELD)
			continue;
		held++;
		char req[160];
		int n = i % 2 == 0 ? sniprintf(req, sizeof req, "\r\n") :
			sniprintf(req, sizeof req, "GET %s HTTP/1.0\r\n\r\n", c->doc->path);
		c->st = C_HEAD;
		c->hlen = 0;
		c->got = c->clen = 0;
		c->crc = 0;
		c->since = now;
		if (net_send(c->s, req, (unsigned)n) != n)
			fail(c, E_RESET);	/* closed by the server before */
	}
	for (uint32_t end = now + REQ_TIMEOUT; TIME_LEFT(end);) {
		int busy = 0;
		for (unsigned i = 0; i < nidle; i++) {
			struct client *c = &hc[i];
			if ((c->st == C_HEAD || c->st == C_BODY) && net_readable(c->s))
				readable(c, net_now_ms());
			busy |= c->st == C_HEAD || c->st == C_BODY;
		}
		if (!busy)
			break;
		net_poll(5);
	}
	for (unsigned i = 0; i < nidle; i++) {
		hanging += hc[i].st == C_HEAD || hc[i].st == C_BODY;
		drop(&hc[i]);
	}
	unsigned long served = done - done0, closed = errs[E_RESET] - errs0[E_RESET], wrong = 0;
	for (int k = 0; k < E_N; k++)
		wrong += errs[k] - errs0[k];
	wrong -= closed;
	iprintf("webload: idle %u held %u served %lu closed %lu wrong %lu hanging %u\n", nidle, held, served,
		closed, wrong, hanging);
	exos_check(held == nidle && served + closed == held && !wrong && !hanging,
		   "webload: %u idle connections held while the clients ran; then each answered byte for byte"
		   " or closed by the server (%lu served, %lu closed)", nidle, served, closed);
}

/* wait=: a connection to the server, opened and closed, or secs gone. */
static void wait_server(unsigned secs)
{
	for (uint32_t end = net_now_ms() + secs * 1000u; secs && TIME_LEFT(end);) {
		int s = net_socket(NET_TCP);
		if (s < 0)
			return;
		net_set_timeout(s, 2000);
		int r = net_connect(s, server, port);
		net_close(s);
		if (r == 0)
			return;
		net_poll(500);
	}
}

/* GET of the manifest, blocking (before the clock starts): its body
   into docs. 0 or -1. */
static int fetch_manifest(const char *path)
{
	int s = net_socket(NET_TCP);
	if (s < 0)
		return -1;
	net_set_timeout(s, 10000);
	int r = net_connect(s, server, port);
	char req[160];
	int n = sniprintf(req, sizeof req, "GET %s HTTP/1.0\r\n\r\n", path);
	if (r < 0 || net_send(s, req, (unsigned)n) != n) {
		iprintf("webload: manifest %s: cannot connect or send (%d)\n", path, r);
		net_close(s);
		return -1;
	}
	unsigned cap = 16384, len = 0;
	char *m = malloc(cap + 1);
	while (m && len < cap && (n = net_recv(s, m + len, cap - len)) > 0)
		len += (unsigned)n;
	net_close(s);
	if (!m || len == cap) {
		iprintf("webload: manifest %s: no memory or larger than %u bytes\n", path, cap);
		return -1;
	}
	m[len] = 0;
	char *b = strstr(m, "\r\n\r\n");
	if (strncmp(m, "HTTP/1.", 7) || strncmp(m + 8, " 200 ", 5) || !b) {
		iprintf("webload: manifest %s: not a 200 response\n", path);
		return -1;
	}
	b += 4;
	r = parse_list(b, strlen(b), "\r\n", ' ');
	free(m);
	return r;
}

int main(void)
{
	char arg[1024];
	unsigned conc = (unsigned)exos_boot_arg_num("conc", 4);
	unsigned secs = (unsigned)exos_boot_arg_num("secs", 10);
	unsigned linger = (unsigned)exos_boot_arg_num("linger", 0);
	unsigned wait = (unsigned)exos_boot_arg_num("wait", 0);
	count = exos_boot_arg_num("count", 100);
	port = (unsigned)exos_boot_arg_num("port", 80);
	keepalive = (unsigned)exos_boot_arg_num("keepalive", 0);
	unsigned warm = (unsigned)exos_boot_arg_num("warm", 0);
	nidle = (unsigned)exos_boot_arg_num("idle", 0);
	crc_init();
	docs = malloc(MAXPATHS * sizeof *docs);
	cl = malloc(MAXC * sizeof *cl);
	rbuf = malloc(RBUF);
	hc = nidle && nidle <= MAXIDLE ? calloc(nidle, sizeof *hc) : NULL;
	if (!docs || !cl || !rbuf || (nidle && nidle <= MAXIDLE && !hc)) {
		exos_check(0, "webload: memory for its tables");
		return exos_test_result();
	}
	if (exos_boot_arg("server", arg, sizeof arg) < 0 || net_parse_ip(arg, &server) < 0 ||
	    conc < 1 || conc > MAXC || port < 1 || port > 65535 || secs < 1 || warm >= secs * 1000u ||
	    nidle > MAXIDLE) {
		iprintf("webload: want server=A.B.C.D, conc=1..%d, port=1..65535, secs>0, warm<secs*1000, idle=0..%d\n",
			MAXC, MAXIDLE);
		exos_check(0, "webload: its boot words");
		return exos_test_result();
	}
	int r = net_init();
	if (r < 0) {
		exos_check(0, "webload: the network (%d)", r);
		return exos_test_result();
	}
	wait_server(wait);
	/* A boot word holds at most 127 bytes (bootarg.c): the list may go on
	   in paths2= ... paths9=. */
	if (exos_boot_arg("paths", arg, sizeof arg) == 0) {
		r = parse_list(arg, strlen(arg), ",", ':');
		for (int k = 2; k <= 9 && r == 0; k++) {
			char key[8] = "pathsN";
			key[5] = (char)('0' + k);
			if (exos_boot_arg(key, arg, sizeof arg) == 0)
				r = parse_list(arg, strlen(arg), ",", ':');
		}
	} else if (exos_boot_arg("manifest", arg, sizeof arg) == 0)
		r = fetch_manifest(arg);
	else {
		iprintf("webload: want paths=/p:LEN:CRC,... or manifest=/path\n");
		r = -1;
	}
	if (r < 0 || ndocs == 0) {
		exos_check(0, "webload: the documents to fetch");
		return exos_test_result();
	}
	for (unsigned i = 0; i < conc; i++) {
		cl[i].s = -1;
		cl[i].st = C_IDLE;
	}
	uint32_t t0 = net_now_ms(), now = t0;
	uint64_t c0 = exos_cycles();
	/* The steady window (warm=): counts and cycles at its two ends. */
	unsigned long wdone[2] = { 0, 0 }, wbytes[2] = { 0, 0 };
	uint64_t wcyc[2] = { 0, 0 };
	uint32_t wms[2] = { 0, 0 };
	int wstate = warm ? 0 : 2;
	for (;;) {
		now = net_now_ms();
		int timeup = now - t0 >= secs * 1000u;
		if (wstate < 2 && (wstate == 0 ? now - t0 >= warm : timeup)) {
			wdone[wstate] = done;
			wbytes[wstate] = bytes;
			wcyc[wstate] = exos_cycles();
			wms[wstate] = now;
			wstate++;
		}
		int busy = 0;
		if (nidle)
			hold_step(now);
		for (unsigned i = 0; i < conc; i++) {
			struct client *c = &cl[i];
			if (c->st == C_CONN)
				connecting(c, now);
			/* All it has, not one read a pass: the pass ends in
			   net_poll(5), which waits when nothing comes, so a 10 KB
			   answer read 2 KB a pass took its client 40 ms more
			   (Cheetah 10 KB: 125 instead of 206 requests a second). */
			while (c->st != C_IDLE && c->st != C_CONN && net_readable(c->s))
				readable(c, now);
			if (c->st != C_IDLE && now - c->since > REQ_TIMEOUT)
				fail(c, E_TIMEOUT);
			if (c->st == C_IDLE && !timeup && (!count || started < count))
				start(c, now);
			busy |= c->st != C_IDLE;
		}
		if (!busy && (timeup || (count && started >= count)))
			break;
		net_poll(5);
	}
	/* Ended by count= before the window did: it ends here. */
	for (; wstate < 2; wstate++) {
		wdone[wstate] = done;
		wbytes[wstate] = bytes;
		wcyc[wstate] = exos_cycles();
		wms[wstate] = net_now_ms();
	}
	/* Simulated time: the cycle counter when there is one (finer). */
	uint64_t cyc = exos_cycles() - c0;
	unsigned long ms = exos_cycles() && exos_mhz() ?
		(unsigned long)(cyc / (exos_mhz() * 1000u)) : (unsigned long)(now - t0);
	unsigned long nerr = 0;
	for (int k = 0; k < E_N; k++)
		nerr += errs[k];
	unsigned long rate = ms ? (unsigned long)((uint64_t)done * 1000u / ms) : 0;
	iprintf("webload: %lu requests %lu bytes %lu errors (", done, bytes, nerr);
	for (int k = 0; k < E_N; k++)
		iprintf("%s%s %lu", k ? " " : "", ename[k], errs[k]);
	iprintf(") in %lu ms: %lu req/s\n", ms, rate);
	/* Where frames went, for whoever wonders what limited a run: the
	   receive ring's drops (Aegis's count: frames that found all of
	   NETIF_RX_SLOTS full) and our TCP's retransmissions. */
	struct net_stats ns;
	net_get_stats(&ns);
	iprintf("# webload: net: %u frames in, %u dropped by the full receive ring, %u frames out, "
		"%u TCP retransmissions, %u resets sent\n", ns.rx_frames, ns.ring_dropped, ns.tx_frames,
		ns.tcp_retransmits, ns.tcp_resets_sent);
	if (warm) {
		unsigned long wn = wdone[1] - wdone[0];
		unsigned long wt = exos_cycles() && exos_mhz() ?
			(unsigned long)((wcyc[1] - wcyc[0]) / exos_mhz()) :
			(unsigned long)(wms[1] - wms[0]) * 1000u;
		iprintf("webload: window %lu requests %lu bytes in %lu us: %lu req/s\n", wn,
			wbytes[1] - wbytes[0], wt, wt ? (unsigned long)((uint64_t)wn * 1000000u / wt) : 0);
	}
	for (unsigned i = 0; i < conc; i++)
		drop(&cl[i]);
	exos_check(done > 0 && nerr == 0, "webload: %lu requests, every byte checked, %lu errors", done, nerr);
	if (nidle)
		hold_finish();
	net_tcp_drain(3000);
	for (uint32_t end = net_now_ms() + linger; TIME_LEFT(end);)
		net_poll(20);
	return exos_test_result();
}
