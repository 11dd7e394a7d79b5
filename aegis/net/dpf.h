/*
 * net/dpf.h - the kernel's packet filters (DPF, Engler & Kaashoek,
 * SIGCOMM '96): filters of <aegis/net.h> atoms merged into one trie and
 * compiled to MIPS I code (dpf.c), and a plain interpreter of the same
 * semantics (dpf_ref.c) the tests hold the compiled code to. net.c
 * calls these with interrupts off, so there is no locking; all state is
 * static (the kernel has no malloc).
 */
#ifndef AEGIS_NET_DPF_H
#define AEGIS_NET_DPF_H

#include <stdint.h>
#include <aegis/net.h>

/* Validate atoms (op known; size 1/2/4; offset < AEGIS_NET_MTU_FRAME;
   mask nonzero and within size; EQ: value within mask; SHIFT: value <=
   DPF_MAX_SHIFT and mask << value below 2^31): 0 or -AEGIS_EINVAL; n
   outside 1..DPF_MAX_ATOMS: -AEGIS_EINVAL for 0, -AEGIS_ELIMIT above. */
int dpf_check(const struct dpf_atom *a, unsigned n);
/* Could some frame match both filters? 1 unless a contradiction proves
   them disjoint: atoms on the same base (the same shift atoms before
   them) whose common bytes want different values under common mask
   bits (or one filter contradicting itself). For the secure-binding
   refusal. */
int dpf_overlap(const struct dpf_atom *a, unsigned na, const struct dpf_atom *b, unsigned nb);
/* Add a filter (checked again here): write it into a value table if it
   differs from the table's filters only in the values the table holds,
   else merge it into the trie, recompile, flush the I-cache. Its id 0..DPF_MAX_FILTERS-1 (the lowest free), or
   a dpf_check error, or -AEGIS_ELIMIT (no id free, or the code would
   exceed DPF_CODE_WORDS): then nothing changes. */
int dpf_insert(const struct dpf_atom *a, unsigned n);
/* Remove filter id (a free or out-of-range id is ignored): clear its
   value-table entry, or recompile. */
void dpf_remove(int id);
/* Filter id's atoms and their count, or NULL if id is free. */
const struct dpf_atom *dpf_atoms(int id, unsigned *n);
/* Run the compiled code: the id of the filter that takes the frame, or
   -1. frame is word-aligned + 2 (byte 14 is word-aligned; another
   alignment is answered by the interpreter), len bytes. */
int dpf_classify(const uint8_t *frame, unsigned len);
/* Whole recompiles so far (tests, benchmarks): an insert or removal a
   value table takes (dpf.c) makes none. */
unsigned dpf_compiles(void);
unsigned dpf_code_words(void);	/* size of the current compiled code */
const uint32_t *dpf_code(void);	/* the compiled code (tests, benchmarks) */

/* dpf_ref.c: the reference interpreter, the same answer by the
   semantics of <aegis/net.h>, over the filters dpf_atoms reports. */
int dpf_ref_classify(const uint8_t *frame, unsigned len);
/* Does this one filter match the frame? (1 or 0) */
int dpf_ref_match(const struct dpf_atom *a, unsigned n, const uint8_t *frame, unsigned len);

#endif
