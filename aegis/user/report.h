/*
 * report.h - console lines for Aegis's test programs, which have no C
 * library: decimal numbers, and the "bench WHAT C cycles I instructions"
 * line that make bench and the closing notes read.
 */
#ifndef AEGIS_USER_REPORT_H
#define AEGIS_USER_REPORT_H

/* Append v in decimal at *p and advance *p. */
void put_uint(char **p, unsigned v);
/* Append s at *p and advance *p. */
void put_str(char **p, const char *s);
/* Print "bench <what> <cycles> cycles <insns> instructions". */
void bench_report(const char *what, unsigned cycles, unsigned insns);

#endif
