/*
 * netspin.c - a program that only computes for a while (about 10 M
 * instructions) and exits 0: the LANCE driver's test (aegis/tests/
 * nettest.c) runs it so that frames arrive while an environment, not the
 * kernel, has the processor.
 */
int main(void)
{
	volatile unsigned n = 0;
	for (unsigned i = 0; i < 2000000; i++)
		n += i;
	return 0;
}
