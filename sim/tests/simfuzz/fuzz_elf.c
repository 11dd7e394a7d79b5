/*
 * fuzz_elf.c - libFuzzer harness for pmaxsim's ELF loader (sim/elf.c):
 * the fuzzer's bytes are the image file. Whatever they are, elf_load_image
 * must load them or reject them with a one-line reason, never crash, never
 * touch memory outside the machine's RAM (AddressSanitizer watches: RAM is
 * one heap block), and a rejected image must leave RAM as it was (the
 * project's rule: bad input changes nothing). A loaded image's entry point
 * must be word-aligned and inside what was loaded.
 * Build and run: make simfuzz (sim/tests/simfuzz/simfuzz.mk).
 */
#include "fuzz_ram.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../elf.h"
#include "../../machine.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct machine *mach;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!mach) {
		/* One machine for every input: the loader touches only RAM,
		   which is zeroed again after each image (fuzz_ram_reset). */
		static struct machine m;
		if (machine_init(&m, &model_kn03, 8, NULL) != 0)
			abort();
		fuzz_ram_setup(&m);
		mach = &m;
	}
	char err[256] = "";
	uint32_t entry = 0;
	int rc = elf_load_image(mach, "fuzz.elf", data, size, &entry, err, sizeof err);
	if (rc != 0 && (!err[0] || strchr(err, '\n'))) {
		fprintf(stderr, "fuzz_elf: rejected without a one-line reason\n");
		abort();
	}
	if (rc == 0 && ((entry & 3) || entry - 0x80000000u >= 0x40000000u)) {
		fprintf(stderr, "fuzz_elf: loaded with entry 0x%08x\n", entry);
		abort();
	}
	fuzz_ram_reset(mach, rc != 0, 0, "fuzz_elf");
	return 0;
}
