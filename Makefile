# Makefile - the project's only entry point.
#   make          build everything (installs missing Debian packages first)
#   make test     build, then run every test; last line "N passed, N failed"
#   make bench    the main job: the paper's tables reproduced on the
#                 simulated 5000/125 and 5000/240 (bench/report ->
#                 build/bench/report.md, report.csv, charts), then the bcopy
#                 calibration and Linux baseline beside Ousterhout's figures,
#                 the simulator's speed, and the host CPU an idle shell takes
#   make run      boot Aegis with ExOS into its shell on pmaxsim, the console on
#                 this terminal (MODEL=5000/125 for the paper's machine;
#                 Ctrl-A X quits, Ctrl-A H lists pmaxsim's keys)
#   make lint     reject any non-MIPS-I instruction in a linked guest image
#   make clean    remove build/ (the third-party cache is kept)
# Variables: V=1 shows commands; AEGIS_CACHE moves the third-party cache.

.DEFAULT_GOAL := all
SHELL := /bin/bash
B := build

include cross/mips.mk

ifeq ($(V),1)
Q :=
else
Q := @
endif

# Host tools and tests (C11, warnings are errors).
HOST_CC     := gcc
HOST_CFLAGS := -std=c11 -O2 -g -Wall -Wextra -Werror

GUEST_IMAGES :=		# every linked guest image; make lint checks them all
TEST_SUITES :=		# commands that print TAP lines; tools/run-tests runs them

.PHONY: all setup test bench run lint clean
# Keep every built file (make would delete "intermediate" objects of
# pattern rules after the run, and print that after the test summary).
.SECONDARY:

# cross/setup is quick when everything is installed; order-only so that it
# never makes targets out of date by itself.
setup:
	$(Q)cross/setup

HOST_TOOLS :=		# host programs `make` builds

include rt/rt.mk
include cross/cross.mk
include aegis/aegis.mk
include exos/exos.mk
include cheetah/cheetah.mk
include sim/sim.mk
include bench/simspeed/simspeed.mk
include bench/linux/linux.mk
include bench/posix/posix.mk
include bench/calib/calib.mk
include bench/report.mk
include labs/labs.mk
include cheetah/docstore.mk

# (After the includes: the rooms add to the lists above.)

# The docs stay true: every fenced example in README.md and docs/ is run and
# its sample output compared, or skipped for a stated reason (tools/doc-check;
# vmlinux for docs/network.md's example), and doc-check's own test.
TEST_DEPS += $(VMLINUX)
TEST_SUITES += "tools/tests/doc-check-test"
TEST_SUITES += "tools/tests/run-tests-test"
TEST_SUITES += "tools/doc-check"
all: lint $(HOST_TOOLS)

lint: $(GUEST_IMAGES) | setup
	$(Q)cross/lint $(GUEST_IMAGES)

test: all $(TEST_DEPS)
	$(Q)tools/run-tests --asan $(B)/sim/pmaxsim-asan $(TEST_SUITES)

# The paper's tables on the 5000/125 and 5000/240 (bench/report: build/bench/
# report.md, report.csv, *.png, and every run's log with its cycle
# statistics in build/bench/logs/), then the calibration and Linux baseline
# (build/bench/baseline.md), the simulator's own speed and what an idle
# `make run` costs the host (idle-bench, sim/tests/tty/). Fails if the
# report misses a figure or a run failed, after running everything.
bench: all $(VMLINUX) $(B)/bench/calib/bcopy.elf
	$(Q)s=0; bench/report --build $(B) --strict || s=1; \
	    bench/run-baseline $(B) || s=1; \
	    $(MAKE) --no-print-directory simspeed || s=1; \
	    $(MAKE) --no-print-directory idle-bench || s=1; \
	    echo "make bench: report in $(B)/bench/report.md"; exit $$s

MODEL ?= 5000/240
run: all
	tools/run-guest --pmaxsim $(MODEL) --interactive $(B)/exos/exos.elf

clean:
	rm -rf $(B)

# Compile rules shared by every guest room. FSECT_STAMP: objects older
# than the -ffunction-sections that rt/rt.ld and exos/lib/exos.ld place
# the hot paths by are compiled again (once, in an old build tree). Made
# when the makefile is read: .SECONDARY (above) would otherwise let a
# missing stamp leave the old objects alone.
FSECT_STAMP := $(B)/.function-sections
$(shell [ -e $(FSECT_STAMP) ] || { mkdir -p $(B) && touch $(FSECT_STAMP); })
$(FSECT_STAMP):
	@touch $@
$(B)/%.o: %.c $(FSECT_STAMP) | setup
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(MIPS_CC) $(MIPS_CFLAGS) $(CFLAGS_$(firstword $(subst /, ,$<))) -MMD -MP -c $< -o $@
$(B)/%.o: %.S $(FSECT_STAMP) | setup
	@mkdir -p $(@D)
	@echo "  AS      $<"
	$(Q)$(MIPS_CC) $(MIPS_ASFLAGS) $(CFLAGS_$(firstword $(subst /, ,$<))) -MMD -MP -c $< -o $@

-include $(shell find $(B) -name '*.d' 2>/dev/null)
