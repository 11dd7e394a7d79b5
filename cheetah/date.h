/*
 * cheetah/date.h - the HTTP Date value (RFC 7231 §7.1.1.1's IMF-fixdate,
 * "Sun, 06 Nov 1994 08:49:37 GMT", 29 bytes) and what it adds to a
 * precomputed checksum whose Date bytes were summed as spaces.
 */
#ifndef CHEETAH_DATE_H
#define CHEETAH_DATE_H

#include <stdint.h>

#define HTTP_DATE_LEN	29
/* The guest has no real-time clock in use yet: the time is this fixed
   epoch (1996-01-01 00:00:00 UTC) plus the seconds since boot. */
#define CHEETAH_EPOCH	820454400u

/* secs since 1970 (UTC) as IMF-fixdate into out (HTTP_DATE_LEN bytes, no NUL). */
void http_date(uint32_t secs, char out[HTTP_DATE_LEN]);

/* What the n bytes d, placed at stream offset pos, add to the Internet
   checksum's unfolded sum (big-endian 16-bit words) of a stream that had
   spaces there: each byte's excess over ' ', in the high half of a word
   at an even offset, the low half at an odd one. */
uint32_t date_sum_delta(const char *d, unsigned n, uint32_t pos);

#endif
