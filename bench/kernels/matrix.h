/*
 * matrix.h - SOSP'95 Table 9's compute kernel, one source for both sides
 * of the comparison: ExOS's exos/bin/matrix.c and the Linux baseline's
 * bench/posix/posix.c include it, so Aegis/ExOS and Linux time the same
 * C (an n x n integer product, n <= MATRIX_MAXN, naive i-j-k order, as
 * the paper's "150x150 matrix multiplication" with no further detail).
 * Integer, so soft or hard float does not matter. Each caller owns the
 * matrices (ExOS on its heap, the Linux program in .bss) and the timer.
 */
#ifndef BENCH_KERNELS_MATRIX_H
#define BENCH_KERNELS_MATRIX_H

#define MATRIX_MAXN 150
typedef int matrix_row[MATRIX_MAXN];

/* The inputs: small values of both signs, no two rows alike. */
static void matrix_fill(unsigned long n, matrix_row *a, matrix_row *b)
{
	for (unsigned long i = 0; i < n; i++)
		for (unsigned long j = 0; j < n; j++) {
			a[i][j] = (int)(i + 2 * j) % 17 - 8;
			b[i][j] = (int)(3 * i + j) % 13 - 6;
		}
}

/* c = a * b: what is timed. Not inlined, so both programs run this
   function's code whatever surrounds the call. */
static __attribute__((noinline)) void matrix_product(unsigned long n, const matrix_row *a,
						     const matrix_row *b, matrix_row *c)
{
	for (unsigned long i = 0; i < n; i++)
		for (unsigned long j = 0; j < n; j++) {
			int sum = 0;
			for (unsigned long k = 0; k < n; k++)
				sum += a[i][k] * b[k][j];
			c[i][j] = sum;
		}
}

/* 1 if each row sum of c equals a's row times b's row sums. */
static int matrix_check(unsigned long n, const matrix_row *a, const matrix_row *b,
			const matrix_row *c)
{
	int ok = 1;
	for (unsigned long i = 0; i < n; i++) {
		int got = 0, want = 0;
		for (unsigned long j = 0; j < n; j++)
			got += c[i][j];
		for (unsigned long k = 0; k < n; k++) {
			int row = 0;
			for (unsigned long j = 0; j < n; j++)
				row += b[k][j];
			want += a[i][k] * row;
		}
		ok &= got == want;
	}
	return ok;
}

#endif
