# sim/tests/simfuzz/simfuzz.mk - fuzzing pmaxsim (issue 22; included by
# sim/sim.mk): libFuzzer harnesses, built with clang under ASan and UBSan,
# for the ELF loader (fuzz_elf.c), the PROM's disk boot block
# (fuzz_bootblock.c) and random instruction streams (fuzz_cpu.c), on the
# simulator's own sources compiled again for coverage (obj-fuzz/).
#   make simfuzz [SIMFUZZ_N=1000000] [SEED=1]  each harness for N executions
#                                              (also under `make fuzz`)
# Each run starts from the kept corpus sim/tests/simfuzz/corpus/<harness>/
# (inputs that found a bug, or seeds), and writes what it finds to
# build/sim/fuzz/work/<harness>/; a crash leaves crash-* in build/sim/fuzz/.
# make test runs the kept corpus and a short seeded run (simfuzz-test).
# Also here: random MIPS I programs run on pmaxsim and on qemu-mipsel and
# compared (isagen.py, isarand.c, isarand-run; make isarand, part of make
# simfuzz: ISARAND_N=5000 programs from SEED).

SIMFUZZ_CC := clang
SIMFUZZ_CFLAGS := -std=c11 -O1 -g -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L \
	-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SIMFUZZ_DIR := $(B)/sim/fuzz
SIMFUZZ_HARNESSES := elf bootblock cpu
SIMFUZZ_BINS := $(addprefix $(SIMFUZZ_DIR)/fuzz-,$(SIMFUZZ_HARNESSES))
SIMFUZZ_OBJS := $(patsubst sim/%.c,$(SIMFUZZ_DIR)/obj/%.o,$(SIM_SRCS))
SIMFUZZ_LIB_OBJS := $(filter-out %/main.o %/hostterm.o,$(SIMFUZZ_OBJS))
# N executions per harness: SIMFUZZ_N, else make fuzz's N, else 10^6.
SIMFUZZ_N ?= $(or $(N),1000000)
SEED ?= 1

# clang and its libFuzzer runtime (Debian 12: clang, libclang-rt-14-dev;
# cross/setup installs them): a clear message when either is missing.
$(SIMFUZZ_DIR)/clang.ok: | setup
	@mkdir -p $(@D)
	$(Q)command -v $(SIMFUZZ_CC) >/dev/null || \
	    { echo "simfuzz: $(SIMFUZZ_CC) not found (Debian: apt-get install clang; cross/setup does)" >&2; exit 1; }
	$(Q)printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n){(void)d;(void)n;return 0;}\n' | \
	    $(SIMFUZZ_CC) -x c -fsanitize=fuzzer -o $(@D)/clang-probe - 2>/dev/null || \
	    { echo "simfuzz: $(SIMFUZZ_CC) -fsanitize=fuzzer cannot link: libFuzzer missing" \
	      "(Debian 12: apt-get install libclang-rt-14-dev; cross/setup does)" >&2; exit 1; }
	$(Q)touch $@

$(SIMFUZZ_DIR)/obj/%.o: sim/%.c $(SIM_HDRS) $(SIMFUZZ_DIR)/clang.ok
	@mkdir -p $(@D)
	@echo "  CLANG   $@ (fuzzer, ASan, UBSan)"
	$(Q)$(SIMFUZZ_CC) $(SIMFUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(SIMFUZZ_DIR)/fuzz-%: sim/tests/simfuzz/fuzz_%.c $(SIMFUZZ_LIB_OBJS) $(SIM_HDRS) sim/tests/simfuzz/fuzz_ram.h
	@echo "  CLANGLD $@"
	$(Q)$(SIMFUZZ_CC) $(SIMFUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(SIMFUZZ_LIB_OBJS) $(SIM_LIBS)

.PHONY: simfuzz fuzz
simfuzz: $(SIMFUZZ_BINS)
	$(Q)for h in $(SIMFUZZ_HARNESSES); do \
	    mkdir -p $(SIMFUZZ_DIR)/work/$$h && \
	    echo "simfuzz: $$h: $(SIMFUZZ_N) executions, seed $(SEED)" && \
	    start=$$(date +%s) && \
	    ( cd $(SIMFUZZ_DIR) && ./fuzz-$$h -runs=$(SIMFUZZ_N) -seed=$(SEED) -max_len=4096 \
	        -print_final_stats=1 work/$$h $(CURDIR)/sim/tests/simfuzz/corpus/$$h ) \
	        >$(SIMFUZZ_DIR)/$$h.log 2>&1 || { tail -n 30 $(SIMFUZZ_DIR)/$$h.log; exit 1; }; \
	    grep -E 'stat::number_of_executed_units' $(SIMFUZZ_DIR)/$$h.log; \
	    echo "simfuzz: $$h: done in $$(( $$(date +%s) - start )) s, no crash"; \
	done
fuzz: simfuzz

TEST_DEPS += $(SIMFUZZ_BINS)
TEST_SUITES += "sim/tests/simfuzz/simfuzz-test $(SIMFUZZ_DIR)"

# Random MIPS I programs compared with qemu-mipsel (isagen.py writes them,
# isarand.c runs them, isarand-run compares and minimises). The driver's
# objects are built here; isarand-link, written here, assembles a batch of
# programs and links it both ways (as sim/tests/isa/isa.mk links its tests).
ISARAND_OBJS := $(SIMFUZZ_DIR)/isarand/isarand.o $(SIMFUZZ_DIR)/isarand/isarand_tramp.o
ISARAND_LINK := $(SIMFUZZ_DIR)/isarand-link
ISARAND_N ?= 5000

$(SIMFUZZ_DIR)/isarand/isarand.o: sim/tests/simfuzz/isarand.c sim/tests/isa/isa.h | setup
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(MIPS_CC) $(MIPS_CFLAGS) -c $< -o $@

$(SIMFUZZ_DIR)/isarand/isarand_tramp.o: sim/tests/simfuzz/isarand_tramp.S | setup
	@mkdir -p $(@D)
	@echo "  AS      $<"
	$(Q)$(MIPS_CC) $(MIPS_ASFLAGS) -c $< -o $@

$(ISARAND_LINK): $(ISARAND_OBJS) $(ISA_DIR)/obj/linux.o $(ISA_DIR)/obj/bare.o $(ISA_COMMON) \
		$(RT_BARE_OBJS) $(RT_LD) $(LIBGCC_STAMP) sim/tests/simfuzz/simfuzz.mk
	@echo "  GEN     $@"
	$(Q){ echo '#!/bin/sh'; \
	  echo '# isarand-link PROGS.S OUT: OUT.o, OUT (Linux, for qemu-mipsel), OUT.elf (pmaxsim). Written by simfuzz.mk.'; \
	  echo 'set -e'; \
	  echo '$(MIPS_CC) $(MIPS_ASFLAGS) -c "$$1" -o "$$2.o"'; \
	  echo '$(MIPS_LD) $(MIPS_LDFLAGS) -e __start -o "$$2" $(abspath $(ISARAND_OBJS) $(ISA_DIR)/obj/linux.o $(ISA_COMMON)) "$$2.o" $(abspath $(LIBGCC))'; \
	  echo '$(MIPS_LD) $(MIPS_LDFLAGS) -T $(abspath $(RT_LD)) -o "$$2.elf" $(abspath $(RT_BARE_OBJS) $(ISARAND_OBJS) $(ISA_DIR)/obj/bare.o $(ISA_COMMON)) "$$2.o" $(abspath $(LIBGCC))'; \
	} >$@ && chmod +x $@

# make simfuzz runs ISARAND_N programs; make test 1000 on each IOASIC
# model (a few seconds each), and every program ever found to differ, kept
# in sim/tests/simfuzz/isarand/ (none so far: then that suite is not run).
.PHONY: isarand
isarand: $(ISARAND_LINK) $(B)/sim/pmaxsim
	$(Q)sim/tests/simfuzz/isarand-run --count $(ISARAND_N) --seed $(SEED) \
	    --keep $(SIMFUZZ_DIR)/isarand-found $(SIMFUZZ_DIR)
simfuzz: isarand

ISARAND_KEPT := $(wildcard sim/tests/simfuzz/isarand/*.json)
TEST_DEPS += $(ISARAND_LINK)
TEST_SUITES += "sim/tests/simfuzz/isarand-run --count 1000 --seed 1 --model 5000/240 $(SIMFUZZ_DIR)"
TEST_SUITES += "sim/tests/simfuzz/isarand-run --count 1000 --seed 7 --model 5000/125 $(SIMFUZZ_DIR)"
ifneq ($(ISARAND_KEPT),)
TEST_SUITES += "sim/tests/simfuzz/isarand-run $(addprefix --program ,$(ISARAND_KEPT)) $(SIMFUZZ_DIR)"
endif
