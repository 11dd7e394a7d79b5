/*
 * nolibc_str.h - the string searches the Linux baseline's nolibc programs
 * (init.c, fptest.c) need: nolibc (6.1) has no strstr.
 */
#ifndef BENCH_LINUX_NOLIBC_STR_H
#define BENCH_LINUX_NOLIBC_STR_H

/* Does hay start with needle? */
static inline int starts_with(const char *hay, const char *needle)
{
	while (*needle && *hay == *needle)
		hay++, needle++;
	return !*needle;
}

/* Does needle occur in hay? */
static inline int contains(const char *hay, const char *needle)
{
	for (; *hay; hay++)
		if (starts_with(hay, needle))
			return 1;
	return 0;
}

#endif
