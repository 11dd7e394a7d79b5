/*
 * cheetah/http.c - parsing one HTTP request (RFC 1945 for 1.0, RFC 7230
 * §3 and RFC 7231 for 1.1): request line "METHOD SP target SP
 * HTTP/d.d", header fields "name: value", the blank line. Strict: one
 * space between the parts, token characters in methods and names, no
 * line folding (RFC 7230 §3.2.4 lets a server reject it), no NUL. Bare
 * LF ends lines as well as CRLF (RFC 7230 §3.5's tolerance).
 */
#include <string.h>
#include "http.h"

const char *http_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 414: return "URI Too Long";
	case 431: return "Request Header Fields Too Large";
	case 501: return "Not Implemented";
	case 505: return "HTTP Version Not Supported";
	default: return "Error";
	}
}

const char *http_ctype(const char *path)
{
	static const char *const map[][2] = {
		{ ".html", "text/html" }, { ".htm", "text/html" },
		{ ".txt", "text/plain" }, { ".md", "text/plain" },
		{ ".css", "text/css" }, { ".js", "application/javascript" },
		{ ".png", "image/png" }, { ".gif", "image/gif" },
		{ ".jpg", "image/jpeg" }, { ".jpeg", "image/jpeg" },
		{ ".svg", "image/svg+xml" }, { ".ico", "image/x-icon" },
		{ ".json", "application/json" }, { ".pdf", "application/pdf" },
	};
	size_t n = strlen(path);
	for (unsigned i = 0; i < sizeof map / sizeof map[0]; i++) {
		size_t e = strlen(map[i][0]);
		if (n >= e && strcmp(path + n - e, map[i][0]) == 0)
			return map[i][1];
	}
	return "application/octet-stream";
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* RFC 7230 §3.2.6's tchar. */
static int tchar(char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		return 1;
	return c && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Does [p, p+n) hold word (case-insensitive) as a whole comma-separated element? */
static int has_token(const char *p, unsigned n, const char *word)
{
	unsigned w = strlen(word);
	for (unsigned i = 0; i + w <= n; i++) {
		unsigned k = 0;
		while (k < w && lower(p[i + k]) == word[k])
			k++;
		if (k < w)
			continue;
		int before = i == 0 || p[i - 1] == ' ' || p[i - 1] == ',' || p[i - 1] == '\t';
		int after = i + w == n || p[i + w] == ' ' || p[i + w] == ',' || p[i + w] == '\t';
		if (before && after)
			return 1;
	}
	return 0;
}

/* The end of the line starting at p (the index of its LF), or -1. */
static int line_end(const char *buf, unsigned from, unsigned len)
{
	for (unsigned i = from; i < len; i++)
		if (buf[i] == '\n')
			return (int)i;
	return -1;
}

static int request_line(const char *p, unsigned n, struct http_req *r)
{
	if (n && p[n - 1] == '\r')
		n--;
	unsigned i = 0;
	while (i < n && tchar(p[i]))
		i++;
	if (i == 0 || i >= n || p[i] != ' ')
		return 400;
	unsigned mlen = i;
	unsigned t0 = ++i;
	while (i < n && p[i] != ' ')
		i++;
	unsigned tlen = i - t0;
	if (i >= n || tlen == 0)
		return 400;
	const char *v = p + i + 1;
	unsigned vlen = n - i - 1;
	if (vlen != 8 || memcmp(v, "HTTP/", 5) || v[6] != '.' ||
	    v[5] < '0' || v[5] > '9' || v[7] < '0' || v[7] > '9')
		return 400;
	if (v[5] != '1' || (v[7] != '0' && v[7] != '1'))
		return 505;
	r->minor = v[7] - '0';
	if (mlen == 3 && !memcmp(p, "GET", 3))
		r->method = HTTP_GET;
	else if (mlen == 4 && !memcmp(p, "HEAD", 4))
		r->method = HTTP_HEAD;
	else {
		static const char *const known[] = { "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT" };
		for (unsigned k = 0; k < sizeof known / sizeof known[0]; k++)
			if (strlen(known[k]) == mlen && !memcmp(p, known[k], mlen))
				return 405;	/* a method this server's resources do not allow */
		return 501;
	}
	/* The target: origin-form only (RFC 7230 §5.3.1); the query goes. */
	const char *t = p + t0;
	if (t[0] != '/')
		return 400;
	unsigned plen = 0;
	while (plen < tlen && t[plen] != '?' && t[plen] != '#')
		plen++;
	/* "%XX" decoded (RFC 3986 2.1), so "%2e%2e" is the ".." that
	   ds_lookup refuses; a bad escape or a NUL or control byte is 400. */
	unsigned out = 0;
	for (unsigned i = 0; i < plen; i++) {
		int c = (unsigned char)t[i];
		if (c == '%') {
			int hi = i + 2 < plen ? hexval(t[i + 1]) : -1;
			int lo = hi >= 0 ? hexval(t[i + 2]) : -1;
			if (lo < 0)
				return 400;
			c = hi << 4 | lo;
			i += 2;
		}
		if (c < 0x20 || c == 0x7f || out == HTTP_PATH_MAX)
			return 400;
		r->path[out++] = (char)c;
	}
	r->path[out] = 0;
	return 0;
}

unsigned http_parse(const char *buf, unsigned len, struct http_req *r, int *status)
{
	memset(r, 0, sizeof *r);
	*status = 0;
	if (memchr(buf, 0, len)) {
		*status = 400;
		return len;
	}
	int e = line_end(buf, 0, len);
	if (e < 0) {
		if (len > HTTP_LINE_MAX + 1) {
			*status = 414;
			return len;
		}
		return 0;
	}
	unsigned llen = (unsigned)e - (e > 0 && buf[e - 1] == '\r');
	if (llen > HTTP_LINE_MAX) {
		*status = 414;
		return len;
	}
	/* The header lines, up to the blank one. */
	unsigned h0 = (unsigned)e + 1, at = h0;
	int host = 0, close = 0, keep = 0;
	int bad = 0;
	char ims[sizeof r->ims] = "";
	for (;;) {
		int le = line_end(buf, at, len);
		if (le < 0) {
			if (len - h0 > HTTP_HDRS_MAX) {
				*status = 431;
				return len;
			}
			return 0;
		}
		if ((unsigned)le + 1 - h0 > HTTP_HDRS_MAX + 2) {
			*status = 431;
			return len;
		}
		const char *p = buf + at;
		unsigned n = (unsigned)le - at;
		if (n && p[n - 1] == '\r')
			n--;
		at = (unsigned)le + 1;
		if (n == 0)
			break;
		/* name ":" OWS value OWS (RFC 7230 §3.2); no space before the colon. */
		unsigned i = 0;
		while (i < n && tchar(p[i]))
			i++;
		if (i == 0 || i >= n || p[i] != ':') {
			bad = 1;
			continue;
		}
		unsigned nlen = i++;
		while (i < n && (p[i] == ' ' || p[i] == '\t'))
			i++;
		const char *v = p + i;
		unsigned vlen = n - i;
		if (nlen == 4 && !strncasecmp(p, "host", 4))
			host++;
		else if (nlen == 17 && !strncasecmp(p, "if-modified-since", 17)) {
			while (vlen && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
				vlen--;
			if (vlen < sizeof ims) {
				memcpy(ims, v, vlen);
				ims[vlen] = 0;
			}
		} else if (nlen == 10 && !strncasecmp(p, "connection", 10)) {
			close |= has_token(v, vlen, "close");
			keep |= has_token(v, vlen, "keep-alive");
		}
	}
	*status = request_line(buf, (unsigned)e, r);
	if (!*status && (bad || (r->minor == 1 && host != 1)))
		*status = 400;		/* RFC 7230 §5.4: exactly one Host in 1.1 */
	if (*status)
		return at;
	r->keepalive = r->minor == 1 ? !close : keep && !close;
	memcpy(r->ims, ims, sizeof ims);
	return at;
}
