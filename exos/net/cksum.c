/*
 * cksum.c - the Internet checksum (RFC 1071): the 16-bit one's
 * complement sum of the data taken as big-endian 16-bit words, folded
 * and complemented; IP's header (RFC 791), ICMP (RFC 792), UDP (RFC 768)
 * and TCP (RFC 793, whose pseudo-header cksum_pseudo sums) all use it.
 */
#include <string.h>
#include "netint.h"

/* The sum is kept unfolded in 32 bits: the caller folds once at the end
   (RFC 1071 section 2(C), "deferred carries"). Each call's data starts
   on an even position of the checksummed whole, as every caller's
   header and payload do. */
/* Word-aligned data is summed a 32-bit word at a time in the machine's
   own (little-endian) order: RFC 1071 section 2(B), the sum is
   byte-order independent, so the folded native sum with its two bytes
   swapped is the big-endian one. Five instructions per 4 bytes instead
   of sixteen: the checksum is most of a small datagram's cost. */
/* The words are added in 32 bits, the carries out counted apart: 2^32
   is 1 modulo 0xffff, so each carry is worth 1 in the folded sum (RFC
   1071 section 2(C), the same deferred carries one level up). Four words
   a turn: about 4.5 instructions a word instead of 8 (a 60-byte UDP
   message is summed twice on each side of Table 11's round trip). */
/* d: where the words go as they are summed (cksum_copy), or NULL;
   inlined with a constant NULL, the stores are compiled out. */
static inline __attribute__((always_inline)) uint32_t sum_copy_words(const uint32_t *w, uint32_t *d,
								   unsigned n)
{
	uint32_t acc = 0, carry = 0;	/* n < 2^14 words: carry cannot overflow */
	for (; n >= 4; n -= 4, w += 4) {
		uint32_t a = w[0], b = w[1], c = w[2], e = w[3];
		if (d) {
			d[0] = a, d[1] = b, d[2] = c, d[3] = e;
			d += 4;
		}
		acc += a;
		carry += acc < a;
		acc += b;
		carry += acc < b;
		acc += c;
		carry += acc < c;
		acc += e;
		carry += acc < e;
	}
	for (; n; n--, w++) {
		if (d)
			*d++ = *w;
		acc += *w;
		carry += acc < *w;
	}
	acc = (acc & 0xffff) + (acc >> 16) + carry;	/* < 2^18 */
	while (acc >> 16)
		acc = (acc & 0xffff) + (acc >> 16);
	return (acc >> 8 | acc << 8) & 0xffff;	/* back to network order */
}

static inline __attribute__((always_inline)) uint32_t sum_words(const uint32_t *w, unsigned n)
{
	return sum_copy_words(w, NULL, n);
}

uint32_t cksum_add(uint32_t sum, const void *p, unsigned len)
{
	const uint8_t *b = p;
	if (!((uintptr_t)b & 1)) {
		if ((uintptr_t)b & 2 && len >= 2) {
			sum += (uint32_t)b[0] << 8 | b[1];
			b += 2;
			len -= 2;
		}
		while (len >= 4) {
			unsigned n = len / 4 < 8192 ? len / 4 : 8192;
			sum += sum_words((const uint32_t *)(const void *)b, n);
			if (sum & 0x80000000u)
				sum = (sum & 0xffff) + (sum >> 16);
			b += 4 * n;
			len -= 4 * n;
		}
	}
	while (len >= 2) {
		sum += (uint32_t)b[0] << 8 | b[1];
		/* Fold before the 32 bits could overflow (65535 words of
		   0xffff would): keeps any length correct. */
		if (sum & 0x80000000u)
			sum = (sum & 0xffff) + (sum >> 16);
		b += 2;
		len -= 2;
	}
	if (len)
		sum += (uint32_t)b[0] << 8;	/* the odd byte, padded with zero */
	return sum;
}

/* cksum_add(sum, src, len) while copying src to dst (netint.h): both
   word-aligned, the words summed as they pass (sum_words' loop with a
   store), so the data is read once (UDP's send fast path: udp_tmpl.c).
   Otherwise the two steps apart. */
static __attribute__((noinline)) uint32_t copy_then_sum(uint32_t sum, void *dst, const void *src,
							 unsigned len)
{
	memcpy(dst, src, len);
	return cksum_add(sum, src, len);
}

uint32_t cksum_copy(uint32_t sum, void *dst, const void *src, unsigned len)
{
	/* (The unaligned case in a function of its own: the aligned one
	   then calls nothing and saves no registers, 20 cycles less for
	   each of Table 11's messages.) */
	if ((((uintptr_t)dst | (uintptr_t)src) & 3) || len > 65532)
		return copy_then_sum(sum, dst, src, len);
	unsigned n = len / 4;
	sum += sum_copy_words(src, dst, n);
	len &= 3;
	if (len) {
		/* The last 1 to 3 bytes in line (an even position: the
		   words before them), not memcpy's and cksum_add's calls:
		   Table 11's 18-byte message ends so, on both sides of
		   both machines (about 60 cycles each time). */
		const uint8_t *b = (const uint8_t *)src + 4 * n;
		uint8_t *d = (uint8_t *)dst + 4 * n;
		d[0] = b[0];
		if (len == 1)
			return sum + ((uint32_t)b[0] << 8);
		d[1] = b[1];
		sum += (uint32_t)b[0] << 8 | b[1];
		if (len == 3) {
			d[2] = b[2];
			sum += (uint32_t)b[2] << 8;
		}
	}
	return sum;
}

/* The folded checksum of a 20-byte IP header without options, as
   cksum_fold(cksum_add(0, h, 20)): its five words straight to sum_words
   when h is word-aligned (every received and sent header here is),
   without cksum_add's alignment cases (two headers a side in Table 11's
   round trip). */
uint16_t cksum_ip20(const void *h)
{
	if ((uintptr_t)h & 3)
		return cksum_fold(cksum_add(0, h, IP_HLEN));
	return (uint16_t)~sum_words(h, IP_HLEN / 4);	/* folded, network order; inlined,
							   five words straight through */
}

uint16_t cksum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* RFC 768 / 793: source, destination, zero, protocol, length. */
uint32_t cksum_pseudo(uint32_t src, uint32_t dst, unsigned proto, unsigned len)
{
	return (src >> 16) + (src & 0xffff) + (dst >> 16) + (dst & 0xffff) + proto + len;
}
