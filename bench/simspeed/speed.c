/*
 * speed.c - a compute-bound guest for measuring simulator speed (host
 * instructions per second), not guest speed: integer matrix multiply,
 * a sieve and a CRC over a buffer, repeated ROUNDS times, printing a
 * checksum so every emulator must do the same work.
 */
#ifndef SPEED_LINUX	/* speed-linux.c: the same loop as a Linux program */
#include "../../rt/rt.h"
#endif

#define N	48
#define ROUNDS	40

static int a[N][N], b[N][N], c[N][N];
static unsigned char sieve[65536];

static uint32_t crc32(const unsigned char *p, unsigned n, uint32_t crc)
{
	crc = ~crc;
	while (n--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
	}
	return ~crc;
}

void kmain(void)
{
	uint32_t sum = 0;

	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++) {
			a[i][j] = i + j;
			b[i][j] = i - j;
		}
	for (int round = 0; round < ROUNDS; round++) {
		for (int i = 0; i < N; i++)
			for (int j = 0; j < N; j++) {
				int s = 0;
				for (int k = 0; k < N; k++)
					s += a[i][k] * b[k][j];
				c[i][j] = s + round;
			}
		kmemset(sieve, 1, sizeof sieve);
		unsigned primes = 0;
		for (unsigned i = 2; i < sizeof sieve; i++)
			if (sieve[i]) {
				primes++;
				for (unsigned j = i * 2; j < sizeof sieve; j += i)
					sieve[j] = 0;
			}
		sum = crc32((const unsigned char *)c, sizeof c, sum) + primes;
	}
	kprintf("simspeed checksum %08x\n", (unsigned)sum);
}
