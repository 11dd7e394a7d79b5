/*
 * report.c - console lines for Aegis's test programs (report.h).
 */
#include "report.h"
#include <aegis/sys.h>

void put_uint(char **p, unsigned v)
{
	char d[12];
	int k = 0;
	do
		d[k++] = (char)('0' + v % 10);
	while (v /= 10);
	while (k)
		*(*p)++ = d[--k];
}

void put_str(char **p, const char *s)
{
	while (*s)
		*(*p)++ = *s++;
}

void bench_report(const char *what, unsigned cycles, unsigned insns)
{
	char line[128], *p = line;
	unsigned n = ustrlen(what);
	if (n > 64)
		n = 64;		/* the line has room for the numbers */
	put_str(&p, "bench ");
	for (unsigned i = 0; i < n; i++)
		*p++ = what[i];
	*p++ = ' ';
	put_uint(&p, cycles);
	put_str(&p, " cycles ");
	put_uint(&p, insns);
	put_str(&p, " instructions\n");
	sys_cputs(line, (unsigned)(p - line));
}
