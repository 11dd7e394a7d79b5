/*
 * bigimage.c - a program whose image maps more pages than Aegis once
 * allowed (64: httpd_conv and netmulti reached that), built twice:
 * -DBIG_PAGES=70 must load and run, every page of its .bss its own and
 * zeroed; -DBIG_PAGES=AEGIS_MAX_GMAPS must be refused (with its text and
 * stack it passes the limit), every page the loader took returned
 * (aegis/tests/usertest.c checks both).
 */
#include <aegis/sys.h>

#define PG	AEGIS_PAGE_SIZE
static unsigned char big[BIG_PAGES * PG] __attribute__((aligned(4096)));

int main(void)
{
	int zero = 1, kept = 1;
	/* One word in each page: the loader zeroed it, and a write stays
	   (each page is a different physical page: the second pass reads
	   back every page's own mark). */
	for (unsigned i = 0; i < BIG_PAGES; i++) {
		volatile unsigned *w = (volatile unsigned *)(big + i * PG + (i * 4) % PG);
		zero &= *w == 0;
		*w = 0xb16u + i;
	}
	for (unsigned i = 0; i < BIG_PAGES; i++)
		kept &= *(volatile unsigned *)(big + i * PG + (i * 4) % PG) == 0xb16u + i;
	sys_check(zero, "bigimage: past 64 pages of .bss, every page loaded zeroed");
	sys_check(kept, "bigimage: each of those pages keeps its own word");
	return zero && kept ? 0 : 1;
}
