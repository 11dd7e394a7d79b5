/*
 * cheetah/cheetah.c - the Cheetah web server (Kaashoek et al., SOSP'97)
 * on ExOS: one event-driven process serving many HTTP/1.0 and 1.1
 * (keep-alive) connections, GET and HEAD, documents from Cheetah's own
 * document store (docstore.h). Its techniques, each switchable by the
 * boot word cheetah=-merge,-csum,-hdr,-pktmerge,-group (docs/cheetah.md):
 *   merge    the file cache is the retransmission pool: responses go out
 *            through net_tcp_send_src straight from the store's blocks
 *            (off: copied into the socket's send buffer by net_send);
 *   csum     the store's precomputed segment sums plus the Date's
 *            (off: TCP sums every segment);
 *   hdr      the store's precomputed response header (off: one built
 *            per request with sniprintf);
 *   pktmerge the request's ACK rides on the first response segment and
 *            the FIN on the last (off: each goes on its own);
 *   group    the store reads a page's grouped documents with it.
 * Boot words: port= (80), idle= seconds (30), cheetah=, dsdisk=, dsstart=.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "exos.h"
#include "net/net.h"
#include "docstore.h"
#include "http.h"
#include "date.h"

#define MAXCONN		240	/* ExOS TCP has 256 connections, TIME_WAIT included */
#define HBUF		512	/* a built header (or an error response) */
#define RBUF_MIN	512	/* a request buffer's first size (most requests fit) */
#define T_MERGE		1
#define T_CSUM		2
#define T_HDR		4
#define T_PKTMERGE	8
#define T_GROUP		16
static const char *const tech_names[] = { "merge", "csum", "hdr", "pktmerge", "group" };
#define NTECH	5

enum { C_FREE, C_READ, C_SEND };

struct conn {
	int state;
	int s;			/* the socket (-1: closed, the source still draining) */
	uint32_t last;		/* ms of the last progress */
	char *rbuf;		/* the request(s) received: rcap bytes, RBUF_MIN at
				   the first data, doubled as a request needs, up
				   to HTTP_REQ_MAX; kept with the slot. An idle
				   connection costs its struct conn alone, one
				   holding half a request RBUF_MIN more (not 10 KB:
				   the heap is 4 MB, exos/lib/pt.h) */
	unsigned rcap;
	unsigned rlen;
	int unparsed;		/* rbuf changed since http_parse last found it
				   incomplete: a held half request is parsed once
				   a change, not on every pass of the loop (200
				   of them took ~10 ms a pass on the 5000/240, the
				   receive ring overflowing meanwhile) */
	/* The response: verbatim (the store's stream [0, total), Date
	   patched) or hbuf[0, hlen) then the body's [hdr_len, hdr_len+blen). */
	struct ds_doc doc;
	int have_doc, verbatim, close_after;
	int ka_stored;		/* hbuf is the stored header with ka_line put in */
	int src_busy, src_done, src_err;	/* net_tcp_send_src's state */
	uint8_t hbuf[HBUF];
	uint32_t hlen, blen, total, sent;
};

static struct ds *store;
static unsigned tech = T_MERGE | T_CSUM | T_HDR | T_PKTMERGE | T_GROUP;
static uint32_t idle_ms = 30000;
static struct conn *conns;	/* MAXCONN, on the heap (an image maps AEGIS_MAX_GMAPS pages at most) */
static int conns_hi;		/* one past the highest slot ever used */
/* The clock as the event loop's pass began: read once a pass (a
   SYS_clock each read, some 400 cycles on the 5000/125), and what the
   pass does is stamped with it. A connection's last activity is then
   at most one pass earlier than it was, so it is dropped idle at most
   that much early (a pass is milliseconds; the idle limit, seconds). */
static uint32_t pass_ms;
static char date_now[HTTP_DATE_LEN];
static uint32_t date_secs = ~0u;
static unsigned served, errors;
/* For the tests and docs/cheetah.md: segments whose sum was precomputed
   or not, source reads by TCP, bytes copied into send buffers. */
static unsigned sums_used, sums_missed, src_gets, copied;
/* Of those, the segments of kept-alive GET answers (ka_sum). */
static unsigned ka_used, ka_missed;
/* What a kept-alive answer's header has that the stored one has not,
   put in before its blank line (copy_header). */
static const char ka_line[] = "Connection: keep-alive\r\n";
#define KA_LEN	(sizeof ka_line - 1)

/* Once a second: the Date value, and the counters when they moved. */
static void date_tick(void)
{
	static unsigned last_served = ~0u;
	uint32_t s = pass_ms / 1000;
	if (s == date_secs)
		return;
	date_secs = s;
	http_date(CHEETAH_EPOCH + s, date_now);
	if (served + errors != last_served) {
		struct net_stats ns;
		net_get_stats(&ns);
		last_served = served + errors;
		iprintf("cheetah: stats served %u errors %u sums %u unsummed %u kasums %u kaunsummed %u"
			" srcgets %u copied %u segments %u retransmits %u ringdrops %u\n", served, errors, sums_used,
			sums_missed, ka_used, ka_missed, src_gets, copied, ns.tcp_out, ns.tcp_retransmits,
			ns.ring_dropped);
	}
}

/* ---- the response stream, as the source TCP reads ---------------------- */

/* Add [p, p+n) at stream offset at to the pieces, with the Date bytes
   (stream [doff, doff+dlen)) taken from date_now. */
static int add_piece(struct net_src_piece *pc, int *n, const uint8_t *p, uint32_t len, uint32_t at,
		     int patch, uint32_t doff, uint32_t dlen)
{
	while (len) {
		uint32_t l = len;
		const void *src = p;
		if (patch && at >= doff && at < doff + dlen) {
			src = date_now + (at - doff);
			if (l > doff + dlen - at)
				l = doff + dlen - at;
		} else if (patch && at < doff && at + l > doff) {
			l = doff - at;
		}
		if (*n >= NET_SRC_MAXPIECES)
			return -EIO;
		pc[*n].p = src;
		pc[*n].len = l;
		++*n;
		p += l;
		at += l;
		len -= l;
	}
	return 0;
}

static int resp_get(void *ctx, uint32_t off, uint32_t len, struct net_src_piece pc[NET_SRC_MAXPIECES], int *n)
{
	struct conn *c = ctx;
	*n = 0;
	if (off < c->hlen) {
		uint32_t l = c->hlen - off < len ? c->hlen - off : len;
		int r = add_piece(pc, n, c->hbuf + off, l, off, 0, 0, 0);
		if (r < 0)
			return r;
		off += l;
		len -= l;
	}
	if (!len)
		return 0;
	/* From the store: verbatim, the stream's own offsets; else the body. */
	uint32_t soff = c->verbatim ? off : c->doc.hdr_len + (off - c->hlen);
	struct ds_piece dp[2];
	int dn = 0;
	int r = ds_get(store, &c->doc, soff, len, dp, &dn);
	if (r < 0)
		return r;
	for (int i = 0; i < dn; i++) {
		r = add_piece(pc, n, dp[i].p, dp[i].len, soff, c->verbatim, c->doc.date_off, c->doc.date_len);
		if (r < 0)
			return r;
		soff += dp[i].len;
	}
	return 0;
}

/* TCP's reads of the source (counted apart from pump_copy's). */
static int tcp_get(void *ctx, uint32_t off, uint32_t len, struct net_src_piece pc[NET_SRC_MAXPIECES], int *n)
{
	src_gets++;
	return resp_get(ctx, off, len, pc, n);
}

/* One's-complement arithmetic on unfolded sums (RFC 1071, RFC 1624). */
static uint32_t fold16(uint32_t x)
{
	while (x >> 16)
		x = (x & 0xffff) + (x >> 16);
	return x;
}

/* The sum of n bytes p whose first lies at stream offset pos: a byte at
   an even offset is a word's high half (big-endian words). */
static uint32_t bytes_sum(const uint8_t *p, uint32_t n, uint32_t pos)
{
	uint32_t sum = 0, k = 0;
	if (pos % 2 && n) {
		sum = p[0];
		k = 1;
	}
	for (; k + 1 < n; k += 2)
		sum += (uint32_t)p[k] << 8 | p[k + 1];
	if (k < n)
		sum += (uint32_t)p[k] << 8;
	return sum;
}

/* The sum of the stored stream's bytes [x, y) at their own offsets'
   parity (a few bytes: the ends of a shifted segment); -1 on error. */
static int64_t stored_sum(struct conn *c, uint32_t x, uint32_t y)
{
	struct ds_piece dp[2];
	int dn = 0;
	if (y <= x)
		return 0;
	if (ds_get(store, &c->doc, x, y - x, dp, &dn) < 0)
		return -1;
	uint32_t sum = 0;
	for (int k = 0; k < dn; k++) {
		sum += bytes_sum(dp[k].p, dp[k].len, x);
		x += dp[k].len;
	}
	return sum;
}

/* Segment i's sum for a kept-alive answer: its stream is the stored one
   with ka_line (KA_LEN bytes, even) put in at P = hdr_len - 2, so every
   byte after P sits KA_LEN further on, at an offset of the same parity,
   and new segment i, [a, b) with a = i*mss, holds stored [a-KA_LEN,
   b-KA_LEN) (i > 0). Its sum is the stored segment i's, plus the
   KA_LEN stored bytes before a that moved in, less those at its end
   that moved out to segment i+1 (RFC 1624's incremental update, over
   48 bytes instead of 1460). Segment 0 instead gains ka_line itself and
   the Date (in hbuf as copy_header wrote it) and loses its last KA_LEN
   stored bytes. Needs the header and ka_line in segment 0 and an even
   mss; else -1 (TCP sums the bytes). */
static int64_t ka_sum(struct conn *c, unsigned i)
{
	uint32_t m = ds_mss(store), hl = c->doc.hdr_len, end = hl + c->doc.size;
	if (m % 2 || hl + KA_LEN > m)
		return -1;
	uint32_t a = i * m, b = a + m < end + KA_LEN ? a + m : end + KA_LEN;
	uint32_t se = a + m < end ? a + m : end;	/* stored segment i's end */
	if (a >= end + KA_LEN)
		return -1;
	uint32_t s = 0;
	if (a < end) {
		int64_t st = ds_segment_sum(store, &c->doc, i);
		if (st < 0)
			return -1;
		s = fold16((uint32_t)st);
	}
	int64_t in, out = stored_sum(c, b - KA_LEN, se);
	if (i == 0) {
		in = bytes_sum((const uint8_t *)ka_line, KA_LEN, hl - 2);
		in += date_sum_delta((const char *)c->hbuf + c->doc.date_off, c->doc.date_len, c->doc.date_off);
	} else {
		in = stored_sum(c, a - KA_LEN, a < end ? a : end);	/* (a past end: a last segment the shift made) */
	}
	if (in < 0 || out < 0)
		return -1;
	/* s + in - out: adding out's one's complement subtracts it. */
	return fold16(s + fold16((uint32_t)in) + (0xffffu ^ fold16((uint32_t)out)));
}

/* Segment i's precomputed sum: the store's (Date as spaces) plus what
   the current Date adds (or ka_sum's, for a kept-alive answer); -1 (TCP
   sums it) when the Date straddles two segments or the store has none. */
static int64_t resp_sum(void *ctx, unsigned i)
{
	struct conn *c = ctx;
	/* (A HEAD's answer is a header alone: no stored sum covers it.) */
	if (!c->verbatim && c->ka_stored && c->blen == c->doc.size) {
		int64_t s = ka_sum(c, i);
		if (s < 0) {
			ka_missed++;
			sums_missed++;
		} else {
			ka_used++;
			sums_used++;
		}
		return s;
	}
	if (!c->verbatim || c->total != c->doc.hdr_len + c->doc.size) {
		sums_missed++;
		return -1;
	}
	int64_t s = ds_segment_sum(store, &c->doc, i);
	if (s < 0) {
		sums_missed++;
		return -1;
	}
	uint32_t mss = ds_mss(store), d0 = c->doc.date_off, d1 = d0 + c->doc.date_len;
	uint32_t lo = i * mss, hi = lo + mss;
	if (d0 < hi && d1 > lo) {
		if (d0 < lo || d1 > hi) {
			sums_missed++;
			return -1;
		}
		uint32_t v = (uint32_t)s;
		v = (v & 0xffff) + (v >> 16);
		s = v + date_sum_delta(date_now, c->doc.date_len, d0 - lo);
	}
	sums_used++;
	return s;
}

/* Called by TCP (inside the stack: only marked here, handled by the
   loop in src_finished): every byte acknowledged, or the connection ended. */
static void resp_done(void *ctx, int err)
{
	struct conn *c = ctx;
	c->src_busy = 0;
	c->src_done = 1;
	c->src_err = err;
}

static int debug;
static void conn_free(struct conn *c)
{
	if (debug)
		iprintf("cheetah: conn %d freed: state %d src_busy %d src_err %d close_after %d rlen %u\n",
			(int)(c - conns), c->state, c->src_busy, c->src_err, c->close_after, c->rlen);
	if (c->s >= 0) {
		if (c->src_busy)
			net_tcp_abort(c->s);	/* resp_done runs: nothing refers to c after */
		else
			net_close(c->s);
	}
	if (c->have_doc)
		ds_release(store, &c->doc);
	c->have_doc = 0;
	c->s = -1;
	c->src_done = c->src_busy = 0;
	c->state = C_FREE;
}

/* The source of c's response is finished. (The loop's steps are kept
   out of line so that --profile shows the server's work per step.) */
static __attribute__((noinline)) void src_finished(struct conn *c)
{
	c->src_done = 0;
	if (c->have_doc)
		ds_release(store, &c->doc);
	c->have_doc = 0;
	if (c->src_err < 0 || c->close_after) {
		conn_free(c);
		return;
	}
	c->state = C_READ;
	c->last = pass_ms;
}

static struct net_tcp_src resp_src = { tcp_get, resp_sum, resp_done, 0 };
static struct net_tcp_src resp_src_nosum = { tcp_get, NULL, resp_done, 0 };

/* ---- building responses ---------------------------------------------- */

static void build_error(struct conn *c, int status, int minor)
{
	char body[96];
	int bl = sniprintf(body, sizeof body, "%d %s\n", status, http_reason(status));
	int n = sniprintf((char *)c->hbuf, HBUF, "HTTP/1.%d %d %s\r\nServer: Cheetah\r\nDate: %.*s\r\n"
			  "Content-Type: text/plain\r\nContent-Length: %d\r\n%sConnection: close\r\n\r\n%s",
			  minor, status, http_reason(status), HTTP_DATE_LEN, date_now, bl,
			  status == 405 ? "Allow: GET, HEAD\r\n" : "", body);
	c->hlen = c->total = (uint32_t)n;
	c->blen = 0;
	c->verbatim = 0;
	c->ka_stored = 0;
	c->close_after = 1;
	errors++;
}

/* The header the store would hold, built now (technique hdr off), with
   the Connection field a kept-alive response needs. */
/* The stored header's Last-Modified value into lm ("" if none).
   struct ds_doc carries no mtime: it is found in the stored header, as a
   conventional server would stat the file. */
static void stored_last_modified(struct conn *c, char *lm, unsigned size)
{
	lm[0] = 0;
	struct ds_piece dp[2];
	int dn = 0;
	char h[HBUF];
	uint32_t hl = 0;
	if (c->doc.hdr_len < sizeof h && ds_get(store, &c->doc, 0, c->doc.hdr_len, dp, &dn) == 0) {
		for (int i = 0; i < dn; i++) {
			memcpy(h + hl, dp[i].p, dp[i].len);
			hl += dp[i].len;
		}
		h[hl] = 0;
		char *p = strstr(h, "\r\nLast-Modified: ");
		char *e = p ? strstr(p + 2, "\r\n") : NULL;
		if (e && (unsigned)(e - p) < size)
			sniprintf(lm, size, "%.*s", (int)(e - p - 17), p + 17);
	}
}

static void build_header(struct conn *c, int keep)
{
	char lm[64];
	stored_last_modified(c, lm, sizeof lm);
	int n = sniprintf((char *)c->hbuf, HBUF, "HTTP/1.0 200 OK\r\nServer: Cheetah\r\nDate: %.*s\r\n"
			  "%s%s%sContent-Type: %s\r\nContent-Length: %lu\r\n%s\r\n",
			  HTTP_DATE_LEN, date_now, lm[0] ? "Last-Modified: " : "", lm, lm[0] ? "\r\n" : "",
			  c->doc.type, (unsigned long)c->doc.size,
			  keep ? "Connection: keep-alive\r\n" : "");
	c->hlen = (uint32_t)n;
}

/* The store's precomputed header copied out with the Connection field
   put in before its blank line (a kept-alive response); -1 if it does
   not fit. */
static int copy_header(struct conn *c)
{
	uint32_t h = c->doc.hdr_len;
	if (h < 2 || h + KA_LEN > HBUF)
		return -1;
	struct ds_piece dp[2];
	int dn = 0;
	if (ds_get(store, &c->doc, 0, h, dp, &dn) < 0)
		return -1;
	uint32_t at = 0;
	for (int i = 0; i < dn; i++) {
		memcpy(c->hbuf + at, dp[i].p, dp[i].len);
		at += dp[i].len;
	}
	memcpy(c->hbuf + c->doc.date_off, date_now, c->doc.date_len < HTTP_DATE_LEN ? c->doc.date_len : HTTP_DATE_LEN);
	memcpy(c->hbuf + h - 2, ka_line, KA_LEN);
	memcpy(c->hbuf + h - 2 + KA_LEN, "\r\n", 2);
	c->hlen = h + KA_LEN;
	c->ka_stored = 1;
	return 0;
}

/* Start sending c's response (prepared in c). */
static void start_send(struct conn *c)
{
	c->sent = 0;
	c->state = C_SEND;
	c->last = pass_ms;
	if (tech & T_MERGE) {
		const struct net_tcp_src *src = tech & T_CSUM ? &resp_src : &resp_src_nosum;
		unsigned flags = c->close_after && (tech & T_PKTMERGE) ? NET_SRC_FIN : 0;
		c->src_busy = 1;
		int r = net_tcp_send_src(c->s, src, c, c->total, flags);
		if (r < 0) {
			c->src_busy = 0;
			conn_free(c);	/* the peer went away */
			return;
		}
		/* A conventional close: the FIN after the data (on the last
		   segment only if the window held that back). */
		if (c->close_after && !flags)
			net_tcp_shutdown(c->s);
	}
}

/* Technique merge off: as a conventional server, the response is read
   from the file cache into a buffer of the server's (a segment's worth)
   and written to the socket, which copies it into its send buffer. */
static uint8_t stage[1460];
static __attribute__((noinline)) void pump_copy(struct conn *c)
{
	while (c->sent < c->total) {
		struct net_src_piece pc[NET_SRC_MAXPIECES];
		int n = 0;
		uint32_t len = c->total - c->sent < sizeof stage ? c->total - c->sent : sizeof stage;
		if (resp_get(c, c->sent, len, pc, &n) < 0) {
			conn_free(c);
			return;
		}
		uint32_t at = 0;
		for (int i = 0; i < n; i++) {
			memcpy(stage + at, pc[i].p, pc[i].len);
			at += pc[i].len;
		}
		int r = net_send(c->s, stage, at);
		if (r == -ETIMEDOUT)
			return;		/* the send buffer is full: later */
		if (r < 0) {
			conn_free(c);
			return;
		}
		c->sent += (uint32_t)r;
		copied += (unsigned)r;
		c->last = pass_ms;
		if ((uint32_t)r < at)
			return;
	}
	if (c->have_doc)
		ds_release(store, &c->doc);
	c->have_doc = 0;
	if (c->close_after) {
		conn_free(c);
		return;
	}
	c->state = C_READ;
}

/* Answer the request at the front of c->rbuf, if it is all there. */
static __attribute__((noinline)) void serve_request(struct conn *c)
{
	struct http_req rq;
	int status;
	if (!c->unparsed)
		return;
	c->unparsed = 0;
	unsigned used = http_parse(c->rbuf, c->rlen, &rq, &status);
	if (!used)
		return;
	c->rlen -= used;
	memmove(c->rbuf, c->rbuf + used, c->rlen);
	c->unparsed = c->rlen > 0;	/* the next pipelined request, after this answer */
	int minor = rq.minor;
	if (!status) {
		int r = ds_lookup(store, rq.path, &c->doc);
		status = r == -ENOENT ? 404 : r < 0 ? 400 : 0;
	}
	if (status) {
		c->rlen = 0;
		build_error(c, status, minor ? 1 : 0);
		start_send(c);
		return;
	}
	c->have_doc = 1;
	ds_hold(store, &c->doc);
	c->close_after = !rq.keepalive;
	c->blen = rq.method == HTTP_HEAD ? 0 : c->doc.size;
	if (rq.ims[0]) {
		/* If-Modified-Since (RFC 7232 3.3): 304 when it is exactly the
		   stored Last-Modified (the same date); any other date gets
		   the document, which is always a correct answer. */
		char lm[64];
		stored_last_modified(c, lm, sizeof lm);
		if (lm[0] && !strcmp(lm, rq.ims)) {
			int n = sniprintf((char *)c->hbuf, HBUF, "HTTP/1.0 304 Not Modified\r\nServer: Cheetah\r\n"
					  "Date: %.*s\r\nLast-Modified: %s\r\nContent-Length: %lu\r\n%s\r\n",
					  HTTP_DATE_LEN, date_now, lm, (unsigned long)c->doc.size,
					  rq.keepalive ? "Connection: keep-alive\r\n" : "");
			c->verbatim = 0;
			c->ka_stored = 0;
			c->hlen = c->total = (uint32_t)n;
			c->blen = 0;
			served++;
			start_send(c);
			return;
		}
	}
	/* The stored stream is sent as it is only when its Date field is the
	   width the server writes (docstore.h leaves the width to the store). */
	int date_ok = c->doc.date_len == HTTP_DATE_LEN && c->doc.date_off + HTTP_DATE_LEN <= c->doc.hdr_len;
	if ((tech & T_HDR) && !rq.keepalive && date_ok) {
		c->verbatim = 1;		/* the stored stream as it is */
		c->hlen = 0;
		c->total = c->doc.hdr_len + c->blen;
	} else {
		c->verbatim = 0;
		c->ka_stored = 0;
		if (!(tech & T_HDR) || !date_ok || copy_header(c) < 0)
			build_header(c, rq.keepalive);
		c->total = c->hlen + c->blen;
	}
	served++;
	start_send(c);
}

static __attribute__((noinline)) void conn_read(struct conn *c)
{
	while (c->state == C_READ && net_readable(c->s) > 0) {
		if (c->rlen >= HTTP_REQ_MAX) {
			break;
		}
		if (c->rlen == c->rcap) {
			unsigned cap = c->rcap ? 2 * c->rcap : RBUF_MIN;
			if (cap > HTTP_REQ_MAX)
				cap = HTTP_REQ_MAX;
			char *nb = realloc(c->rbuf, cap);
			if (!nb) {
				conn_free(c);	/* no memory for its request: turned away */
				return;
			}
			c->rbuf = nb;
			c->rcap = cap;
		}
		int n = net_recv(c->s, c->rbuf + c->rlen, c->rcap - c->rlen);
		if (n <= 0) {
			conn_free(c);	/* the peer's end, or its reset */
			return;
		}
		c->rlen += (unsigned)n;
		c->unparsed = 1;
		c->last = pass_ms;
		serve_request(c);
	}
	/* Requests that came together (pipelined) are answered in turn. */
	if (c->state == C_READ && c->rlen)
		serve_request(c);
}

static __attribute__((noinline)) void accept_all(int ls)
{
	while (net_readable(ls) > 0) {
		int s = net_accept(ls, NULL, NULL);
		if (s < 0)
			return;
		struct conn *c = NULL;
		for (int i = 0; i < MAXCONN && !c; i++)
			if (conns[i].state == C_FREE) {
				c = &conns[i];
				if (i >= conns_hi)
					conns_hi = i + 1;
			}
		if (!c) {
			net_close(s);	/* at most MAXCONN: the others are turned away */
			continue;
		}
		net_set_timeout(s, 1);	/* the loop never waits on one connection */
		c->s = s;
		c->state = C_READ;
		c->rlen = 0;
		c->unparsed = 0;
		c->have_doc = 0;
		c->src_busy = c->src_done = 0;
		c->last = pass_ms;
	}
}

static void parse_tech(const char *w)
{
	/* A comma-separated list of names, each with + or - (none: +). */
	while (*w) {
		int on = 1;
		if (*w == '-' || *w == '+')
			on = *w++ == '+';
		unsigned n = 0;
		while (w[n] && w[n] != ',')
			n++;
		int k;
		for (k = 0; k < NTECH; k++)
			if (strlen(tech_names[k]) == n && !strncmp(w, tech_names[k], n))
				break;
		if (k == NTECH)
			iprintf("cheetah: cheetah=: unknown technique '%.*s' ignored\n", (int)n, w);
		else if (on)
			tech |= 1u << k;
		else
			tech &= ~(1u << k);
		w += n;
		if (*w == ',')
			w++;
	}
}

int main(void)
{
	char w[128];
	unsigned port = (unsigned)exos_boot_arg_num("port", 80);
	if (port == 0 || port > 65535) {
		iprintf("cheetah: port=%u: 1..65535; 80 kept\n", port);
		port = 80;
	}
	unsigned long idle = exos_boot_arg_num("idle", 30);
	debug = (int)exos_boot_arg_num("debug", 0);
	if (idle >= 1 && idle <= 3600)
		idle_ms = (uint32_t)idle * 1000;
	if (exos_boot_arg("cheetah", w, sizeof w) == 0)
		parse_tech(w);
	struct ds_opts o = { 0 };
	o.disk = (unsigned)exos_boot_arg_num("dsdisk", 0);
	o.start = (unsigned)exos_boot_arg_num("dsstart", 0);
	o.group_reads = (tech & T_GROUP) != 0;
	int r = ds_open(&store, &o);
	if (r < 0) {
		iprintf("cheetah: the document store: error %d\n", r);
		return 1;
	}
	resp_src.mss = resp_src_nosum.mss = ds_mss(store);
	conns = calloc(MAXCONN, sizeof *conns);
	if (!conns) {
		iprintf("cheetah: out of memory\n");
		return 1;
	}
	for (int i = 0; i < MAXCONN; i++)
		conns[i].s = -1;
	int ls = net_socket(NET_TCP);
	if (ls < 0 || (r = net_bind(ls, port)) < 0 || (r = net_listen(ls, MAXCONN)) < 0) {
		iprintf("cheetah: port %u: error %d\n", port, ls < 0 ? ls : r);
		return 1;
	}
	net_tcp_setopt(ls, NET_TCP_ACK_RIDE, (tech & T_PKTMERGE) != 0);
	char ip[16];
	iprintf("cheetah: serving http://%s:%u/ techniques:", net_ip_str(net_config()->ip, ip), port);
	for (int k = 0; k < NTECH; k++)
		iprintf(" %c%s", tech & (1u << k) ? '+' : '-', tech_names[k]);
	iprintf("\n");
	for (;;) {
		int busy = 0;
		pass_ms = net_now_ms();
		date_tick();
		accept_all(ls);
		uint32_t now = pass_ms;
		for (int i = 0; i < conns_hi; i++) {
			struct conn *c = &conns[i];
			if (c->src_done)
				src_finished(c);
			if (c->state == C_READ)
				conn_read(c);
			if (c->state == C_SEND && !(tech & T_MERGE)) {
				pump_copy(c);
				busy |= c->state == C_SEND;
			}
			/* Idle, or not reading what is sent: dropped. */
			if ((c->state == C_READ || c->state == C_SEND) && (int32_t)(now - c->last) > (int32_t)idle_ms)
				conn_free(c);
		}
		net_poll(busy ? 0 : 5);
	}
}
