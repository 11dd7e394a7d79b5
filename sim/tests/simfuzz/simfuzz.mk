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
