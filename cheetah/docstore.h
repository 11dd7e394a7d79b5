/*
 * cheetah/docstore.h - Cheetah's document store: the site's files in a
 * layout of Cheetah's own on disk blocks it owns through Aegis (beside
 * ExOS's ext2 on the same disk, kept apart by Aegis's block ownership),
 * read into a block cache the server controls. Each document carries
 * what Cheetah precomputes when the store is built (SOSP'97; Xok's
 * bin/webserver webfscalls.c, net-disk.md 9.2): its HTTP response header
 * and the Internet-checksum partial sums of its response stream cut in
 * segments of the store's MSS, so the server sends (and resends) a
 * segment straight from the cached blocks with its checksum known.
 *
 * The response stream of a document is: its header (hdr_len bytes,
 * ending in the blank line; a Date field of fixed width whose bytes are
 * stored as spaces so the server can add the current date's sum) then
 * the body (size bytes). Offsets below are into that stream.
 */
#ifndef CHEETAH_DOCSTORE_H
#define CHEETAH_DOCSTORE_H

#include <stdint.h>

struct ds;	/* an open store */

struct ds_opts {
	unsigned disk;		/* Aegis disk number */
	unsigned start;		/* first block of the store's extent (0: find it by its magic) */
	uint32_t rcap;		/* the extent's capabilities */
	uint32_t wcap;
	unsigned cache_blocks;	/* block cache size in store blocks (0: a default) */
	int group_reads;	/* 1: reading a document's first block also reads
				   the documents grouped with it (HTML + its images) */
};

struct ds_doc {
	uint32_t id;		/* index in the store */
	uint32_t size;		/* body bytes */
	uint32_t hdr_len;	/* header bytes */
	uint32_t date_off;	/* offset of the Date value in the header */
	uint32_t date_len;	/* its fixed width */
	const char *type;	/* "text/html", ... */
};

/* 0 or -errno. */
int ds_open(struct ds **out, const struct ds_opts *o);
void ds_close(struct ds *ds);
unsigned ds_mss(const struct ds *ds);	/* the MSS the sums were cut for (1460) */

/* A request path ("/", "/a/b.html"; "/" and directories mean their
   index.html) -> a document. -ENOENT if none; a path with ".." segments,
   NUL bytes or over 255 bytes is -EINVAL (the server answers 400). */
int ds_lookup(struct ds *ds, const char *path, struct ds_doc *doc);

/* The stream bytes [off, off+len) as at most two pieces in the cache
   (zero copy: the pointers stay good until ds_release of this doc or
   the next ds_get of another when the cache is full; the server holds
   a document while it is being sent). The Date bytes come out as the
   stored spaces. 0, or -errno (-EIO from the disk). */
struct ds_piece { const uint8_t *p; uint32_t len; };
int ds_get(struct ds *ds, const struct ds_doc *d, uint32_t off, uint32_t len,
	   struct ds_piece piece[2], int *npieces);
void ds_hold(struct ds *ds, const struct ds_doc *d);	/* pin its blocks while sending */
void ds_release(struct ds *ds, const struct ds_doc *d);

/* The precomputed 32-bit unfolded one's-complement partial sum of
   stream segment i (bytes [i*mss, min((i+1)*mss, stream end))), Date
   bytes as spaces; -1 if the store has none for it. */
int64_t ds_segment_sum(struct ds *ds, const struct ds_doc *d, unsigned i);

/* Statistics for the report: blocks read from disk, cache hits/misses. */
struct ds_stats { unsigned disk_reads, blocks_read, hits, misses; };
void ds_get_stats(const struct ds *ds, struct ds_stats *s);

#endif
