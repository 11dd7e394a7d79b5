/*
 * net/dpf_ref.c - the reference interpreter of DPF filters: each filter
 * on its own, atom after atom, exactly as <aegis/net.h> defines them,
 * with nothing shared or compiled. The tests hold dpf.c's compiled code
 * to its answers; it is also the fallback for a frame of another
 * alignment than the compiled code assumes.
 */
#include "dpf.h"

/* The big-endian field of size bytes at frame[at]. */
static uint32_t field(const uint8_t *p, unsigned size)
{
	uint32_t v = 0;
	for (unsigned i = 0; i < size; i++)
		v = v << 8 | p[i];
	return v;
}

int dpf_ref_match(const struct dpf_atom *a, unsigned n, const uint8_t *frame, unsigned len)
{
	/* dpf_check bounds an offset below 1514 and a shift below 2^31, so
	   base + offset + size stays far from 2^32. */
	uint32_t base = 0;
	for (unsigned i = 0; i < n; i++) {
		if (base > len || a[i].offset + a[i].size > len - base)
			return 0;
		uint32_t f = field(frame + base + a[i].offset, a[i].size) & a[i].mask;
		if (a[i].op == DPF_OP_EQ) {
			if (f != a[i].value)
				return 0;
		} else {
			base += f << a[i].value;
		}
	}
	return 1;
}

int dpf_ref_classify(const uint8_t *frame, unsigned len)
{
	int best = -1;
	unsigned best_n = 0;
	for (int id = 0; id < DPF_MAX_FILTERS; id++) {
		unsigned n;
		const struct dpf_atom *a = dpf_atoms(id, &n);
		/* The most atoms wins; ties go to the lower id (the first found). */
		if (a && n > best_n && dpf_ref_match(a, n, frame, len)) {
			best = id;
			best_n = n;
		}
	}
	return best;
}
