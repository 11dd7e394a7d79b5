/*
 * tlibc.c - newlib on ExOS: printf, malloc/free (the heap is ExOS's
 * virtual memory), strings, time, getpid.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>
#include "exos.h"
#include "vm.h"

int main(void)
{
	char buf[64];
	int n = snprintf(buf, sizeof buf, "%d %x %s %5.2f|%-4s|", 42, 0xbeef, "hi", 3.25, "ab");
	exos_check(strcmp(buf, "42 beef hi  3.25|ab  |") == 0 && n == 22, "libc: snprintf formats");
	int np = printf("# printf to the console works: %s\n", "yes");
	int flushed = fflush(stdout);
	exos_check(np == (int)strlen("# printf to the console works: yes\n") && flushed == 0 &&
		   !ferror(stdout), "libc: printf to the console: every byte written (%d), flushed", np);

	char *p = malloc(100);
	exos_check(p != NULL && (uint32_t)p >= 0x10000000u, "libc: malloc gives heap memory (%p)", p);
	memset(p, 'x', 100);
	exos_check(p[0] == 'x' && p[99] == 'x', "libc: heap memory is usable");
	char *big = malloc(64 * 1024);
	exos_check(big != NULL, "libc: a 64 KB malloc");
	for (int i = 0; i < 64 * 1024; i += 512)
		big[i] = (char)i;
	int ok = 1;
	for (int i = 0; i < 64 * 1024; i += 512)
		ok &= big[i] == (char)i;
	exos_check(ok, "libc: 64 KB of heap pages fault in and keep their data");
	free(big);
	free(p);
	void *q[32];
	ok = 1;
	for (int i = 0; i < 32; i++)
		ok &= (q[i] = malloc(16 + i * 8)) != NULL;
	for (int i = 0; i < 32; i += 2)
		free(q[i]);
	for (int i = 0; i < 32; i += 2)
		ok &= (q[i] = malloc(24)) != NULL;
	for (int i = 0; i < 32; i++)
		free(q[i]);
	exos_check(ok, "libc: malloc/free cycles");

	char s[32];
	strcpy(s, "exo");
	strcat(s, "kernel");
	exos_check(strlen(s) == 9 && strcmp(s, "exokernel") == 0 && strncmp(s, "exos", 3) == 0 &&
		   strchr(s, 'k') == s + 3 && memcmp(s, "exo", 3) == 0, "libc: string functions");
	exos_check(atoi("-123") == -123 && strtoul("ff", 0, 16) == 255, "libc: atoi/strtoul");
	exos_check(getpid() == sys_getenvid(), "libc: getpid is the environment id (%d)", getpid());
	struct timeval a, b;
	gettimeofday(&a, 0);
	for (volatile int i = 0; i < 20000; i++)
		;
	gettimeofday(&b, 0);
	if (exos_counter)
		exos_check(b.tv_sec > a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_usec > a.tv_usec),
			   "libc: gettimeofday advances (%u MHz counter)", exos_mhz());
	else
		exos_check(1, "libc: gettimeofday without a counter page # SKIP no counter page");
	return exos_test_result();
}
