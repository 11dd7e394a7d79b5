/*
 * tests/ash_cblob.S - the C-written handler (ash_chandler.c, linked at
 * address 0) as data between h_c and h_c_end, as a program would
 * download it. ASH_C_BIN is its raw .text (aegis.mk).
 */
	.section .rodata.ash, "a"
	.balign	4
	.globl	h_c, h_c_end
h_c:
	.incbin	ASH_C_BIN
h_c_end:
