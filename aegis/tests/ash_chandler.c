/*
 * tests/ash_chandler.c - an ASH written in C (ashtest.c downloads it):
 * copy the frame into the owner's buffer while summing its bytes, the
 * sum at buf+2048; returns 0 (consumed) for an even length. Built apart
 * from the kernel (aegis.mk): linked at address 0 and taken as raw words
 * (ash_cblob.S), with the flags that make gcc's output a valid handler:
 * $gp and $s8 ($fp) never allocated (-ffixed-gp -ffixed-fp), no filled
 * delay slots (-fno-delayed-branch, and gas -O0 so the assembler fills
 * none either: the sandbox refuses loads and stores there), no calls to
 * memcpy for the loop. gcc never uses $at or $k0/$k1 on its own.
 */
unsigned ash_c_handler(const unsigned char *frame, unsigned len, unsigned char *buf);

unsigned ash_c_handler(const unsigned char *frame, unsigned len, unsigned char *buf)
{
	unsigned sum = 0;
	for (unsigned i = 0; i < len; i++) {
		unsigned char c = frame[i];
		buf[i] = c;
		sum += c;
	}
	*(volatile unsigned *)(buf + 2048) = sum;
	return len & 1;
}
