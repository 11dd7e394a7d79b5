/*
 * cheetah/http.h - the HTTP/1.0 and 1.1 request parser of the Cheetah
 * server (RFC 1945, RFC 7230/7231): the request line and headers of one
 * request, with strict limits, into what the server needs.
 */
#ifndef CHEETAH_HTTP_H
#define CHEETAH_HTTP_H

#define HTTP_LINE_MAX	2048	/* request line, without CRLF: longer is 414 */
#define HTTP_HDRS_MAX	8192	/* header lines after it, in all: longer is 431 */
#define HTTP_REQ_MAX	(HTTP_LINE_MAX + 2 + HTTP_HDRS_MAX + 4)
#define HTTP_PATH_MAX	255

enum { HTTP_GET = 1, HTTP_HEAD };

struct http_req {
	int method;			/* HTTP_GET, HTTP_HEAD */
	int minor;			/* HTTP/1.minor */
	int keepalive;			/* the connection stays open after the answer */
	char path[HTTP_PATH_MAX + 1];	/* the path, query cut off */
	char ims[40];			/* If-Modified-Since's value ("": none or too long) */
};

/* buf holds the len bytes received so far. Returns 0 while the request
   is incomplete (and within the limits), else the request's length in
   bytes; *status is then 0 (a GET or HEAD to look up) or the error to
   answer (400, 405, 414, 431, 501, 505). On an error the connection is
   closed after the answer, so the length then matters not. */
unsigned http_parse(const char *buf, unsigned len, struct http_req *r, int *status);

/* The reason phrase for a status ("Not Found"). */
const char *http_reason(int status);

/* The Content-Type for a path, by its extension (application/octet-stream
   when unknown): the conventional servers' map (httpd_conv, the Linux
   server bench/linux/httpd.c). */
const char *http_ctype(const char *path);

#endif
