/*
 * cheetah/tests/dsmem.c - a small in-memory document store behind
 * cheetah/docstore.h, for the server's tests only (the product links
 * cheetah/docstore.c): the documents of site.h, each response stream
 * (header with the Date value as spaces, then the body) kept in 4 KB
 * blocks so ds_get hands out one or two pieces as a block cache would,
 * and the per-segment sums computed here, byte pair by byte pair,
 * independently of ExOS's checksum code.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../docstore.h"
#include "site.h"

#define BLK	4096
#define MSS	1460
#define DATE_W	29

struct mdoc {
	uint32_t hdr_len, date_off, len;	/* len: the whole stream */
	uint8_t **blk;
	uint32_t *sums;
	unsigned nsums;
};

struct ds {
	struct mdoc d[SITE_NDOCS];
	struct ds_stats st;
	int holds;
};

static uint32_t sum_bytes(const struct mdoc *m, uint32_t off, uint32_t len)
{
	uint32_t s = 0;
	for (uint32_t i = 0; i < len; i++) {
		uint32_t b = m->blk[(off + i) / BLK][(off + i) % BLK];
		s += i % 2 ? b : b << 8;
		if (s & 0x80000000u)
			s = (s & 0xffff) + (s >> 16);
	}
	return s;
}

int ds_open(struct ds **out, const struct ds_opts *o)
{
	(void)o;
	struct ds *ds = calloc(1, sizeof *ds);
	if (!ds)
		return -ENOMEM;
	for (unsigned i = 0; i < SITE_NDOCS; i++) {
		const struct site_doc *sd = &site_docs[i];
		struct mdoc *m = &ds->d[i];
		char h[256];
		int n = sniprintf(h, sizeof h, "HTTP/1.0 200 OK\r\nServer: Cheetah\r\nDate: %*s\r\n"
				 "Content-Type: %s\r\nContent-Length: %lu\r\n\r\n",
				 DATE_W, "", sd->type, (unsigned long)sd->size);
		m->hdr_len = (uint32_t)n;
		m->date_off = (uint32_t)(strstr(h, "Date: ") - h) + 6;
		m->len = m->hdr_len + sd->size;
		unsigned nb = (m->len + BLK - 1) / BLK;
		m->blk = calloc(nb, sizeof *m->blk);
		if (!m->blk)
			return -ENOMEM;
		for (unsigned b = 0; b < nb; b++)
			if (!(m->blk[b] = malloc(BLK)))
				return -ENOMEM;
		for (uint32_t j = 0; j < m->len; j++)
			m->blk[j / BLK][j % BLK] = j < m->hdr_len ? (uint8_t)h[j] : site_byte(i, j - m->hdr_len);
		m->nsums = (m->len + MSS - 1) / MSS;
		m->sums = calloc(m->nsums + 1, sizeof *m->sums);
		if (!m->sums)
			return -ENOMEM;
		for (unsigned k = 0; k < m->nsums; k++) {
			uint32_t l = m->len - k * MSS < MSS ? m->len - k * MSS : MSS;
			m->sums[k] = sum_bytes(m, k * MSS, l);
		}
	}
	*out = ds;
	return 0;
}

void ds_close(struct ds *ds)
{
	(void)ds;	/* the test server never exits */
}

unsigned ds_mss(const struct ds *ds)
{
	(void)ds;
	return MSS;
}

int ds_lookup(struct ds *ds, const char *path, struct ds_doc *doc)
{
	char p[300];
	size_t n = strlen(path);
	if (n > 255 || path[0] != '/')
		return -EINVAL;
	/* ".." as a whole segment. */
	for (const char *s = path; (s = strstr(s, "..")); s++)
		if (s[-1] == '/' && (s[2] == '/' || s[2] == 0))
			return -EINVAL;
	memcpy(p, path, n + 1);
	if (p[n - 1] == '/')
		strcpy(p + n, "index.html");
	for (int pass = 0; pass < 2; pass++) {
		for (unsigned i = 0; i < SITE_NDOCS; i++) {
			if (strcmp(site_docs[i].path, p))
				continue;
			doc->id = i;
			doc->size = site_docs[i].size;
			doc->hdr_len = ds->d[i].hdr_len;
			doc->date_off = ds->d[i].date_off;
			doc->date_len = DATE_W;
			doc->type = site_docs[i].type;
			return 0;
		}
		strcpy(p + strlen(p), "/index.html");	/* a directory without its slash */
	}
	return -ENOENT;
}

int ds_get(struct ds *ds, const struct ds_doc *d, uint32_t off, uint32_t len,
	   struct ds_piece piece[2], int *npieces)
{
	if (d->id >= SITE_NDOCS)
		return -EINVAL;
	const struct mdoc *m = &ds->d[d->id];
	if (off > m->len || len > m->len - off || len > BLK)
		return -EINVAL;
	*npieces = 0;
	while (len) {
		uint32_t in = BLK - off % BLK, l = len < in ? len : in;
		piece[*npieces].p = m->blk[off / BLK] + off % BLK;
		piece[*npieces].len = l;
		++*npieces;
		off += l;
		len -= l;
	}
	ds->st.hits++;
	return 0;
}

void ds_hold(struct ds *ds, const struct ds_doc *d)
{
	(void)d;
	ds->holds++;
}

void ds_release(struct ds *ds, const struct ds_doc *d)
{
	(void)d;
	ds->holds--;
}

int64_t ds_segment_sum(struct ds *ds, const struct ds_doc *d, unsigned i)
{
	if (d->id >= SITE_NDOCS || i >= ds->d[d->id].nsums)
		return -1;
	return ds->d[d->id].sums[i];
}

void ds_get_stats(const struct ds *ds, struct ds_stats *s)
{
	*s = ds->st;
}
