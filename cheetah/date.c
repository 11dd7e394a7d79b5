/*
 * cheetah/date.c - the HTTP Date value and its checksum delta. The
 * calendar arithmetic is the proleptic Gregorian civil-from-days
 * conversion (days since 1970-01-01 -> year, month, day), done in eras
 * of 400 years, which all repeat the same 146097 days.
 */
#include "date.h"

static void two(char *p, unsigned v)
{
	p[0] = (char)('0' + v / 10 % 10);
	p[1] = (char)('0' + v % 10);
}

void http_date(uint32_t secs, char out[HTTP_DATE_LEN])
{
	static const char wd[] = "ThuFriSatSunMonTueWed";	/* 1970-01-01 was a Thursday */
	static const char mn[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	uint32_t days = secs / 86400, s = secs % 86400;
	/* Days from 0000-03-01 (March first: the leap day ends a year). */
	uint32_t z = days + 719468;
	uint32_t era = z / 146097;
	uint32_t doe = z - era * 146097;				/* 0..146096 */
	uint32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;	/* 0..399 */
	uint32_t y = yoe + era * 400;
	uint32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);		/* 0..365 */
	uint32_t mp = (5 * doy + 2) / 153;				/* March = 0 */
	uint32_t d = doy - (153 * mp + 2) / 5 + 1;
	uint32_t m = mp < 10 ? mp + 3 : mp - 9;
	if (m <= 2)
		y++;
	const char *w = wd + 3 * (days % 7);
	char *p = out;
	p[0] = w[0]; p[1] = w[1]; p[2] = w[2]; p[3] = ','; p[4] = ' ';
	two(p + 5, d);
	p[7] = ' ';
	p[8] = mn[3 * (m - 1)]; p[9] = mn[3 * (m - 1) + 1]; p[10] = mn[3 * (m - 1) + 2];
	p[11] = ' ';
	two(p + 12, y / 100);
	two(p + 14, y % 100);
	p[16] = ' ';
	two(p + 17, s / 3600);
	p[19] = ':';
	two(p + 20, s / 60 % 60);
	p[22] = ':';
	two(p + 23, s % 60);
	p[25] = ' '; p[26] = 'G'; p[27] = 'M'; p[28] = 'T';
}

uint32_t date_sum_delta(const char *d, unsigned n, uint32_t pos)
{
	uint32_t sum = 0;
	for (unsigned i = 0; i < n; i++) {
		/* Every byte of an IMF-fixdate is ' ' or above. */
		uint32_t x = (uint8_t)d[i] - (uint32_t)' ';
		sum += (pos + i) % 2 ? x : x << 8;
	}
	return sum;
}
