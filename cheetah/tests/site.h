/*
 * cheetah/tests/site.h - the test site the in-memory document store
 * (dsmem.c) serves and the client (webget.c) checks against, byte for
 * byte: each document's path, type and size, and its body's bytes as a
 * function of (document, offset). Not the product's store (docstore.c).
 */
#ifndef CHEETAH_TESTS_SITE_H
#define CHEETAH_TESTS_SITE_H

#include <stdint.h>

struct site_doc { const char *path, *type; uint32_t size; };

static const struct site_doc site_docs[] = {
	{ "/index.html", "text/html", 1024 },
	{ "/0.txt", "text/plain", 0 },
	{ "/100.txt", "text/plain", 100 },
	{ "/1k.html", "text/html", 1024 },
	{ "/10k.html", "text/html", 10240 },
	{ "/100k.bin", "application/octet-stream", 102400 },
	{ "/dir/index.html", "text/html", 300 },
	{ "/odd.txt", "text/plain", 1461 },	/* one byte past a segment */
};
#define SITE_NDOCS	(sizeof site_docs / sizeof site_docs[0])

/* Byte j of document i's body: letters, a newline every 64. */
static inline uint8_t site_byte(unsigned i, uint32_t j)
{
	if (j % 64 == 63)
		return '\n';
	return (uint8_t)('a' + (j * 7 + i * 13 + j / 26) % 26);
}

#endif
