# sim/tests/core/core.mk - the CPU core's gate: core-check runs every quick
# guest image of the tree on build/sim/pmaxsim and on a reference pmaxsim
# built from the pinned revision in sim/tests/core/REF (the simulator before
# the decode and cycle-accounting speed-ups), and requires the same console,
# exit status and complete --stats. The reference is built from `git
# archive` of that revision's sim/ into $(B)/sim/ref.
SIM_REF := $(shell cat sim/tests/core/REF)
$(B)/sim/ref/pmaxsim: sim/tests/core/REF
	@echo "  HOSTCC  $@ (sim/ at $(SIM_REF))"
	$(Q)rm -rf $(B)/sim/ref && mkdir -p $(B)/sim/ref/src
	$(Q)git archive $(SIM_REF) sim aegis/include | tar -x -C $(B)/sim/ref/src
	$(Q)cd $(B)/sim/ref/src && $(HOST_CC) $(SIM_CFLAGS) -o ../pmaxsim sim/*.c $(SIM_LIBS)
TEST_DEPS += $(B)/sim/ref/pmaxsim $(B)/bench/simspeed/speed.elf
TEST_SUITES += "sim/tests/core/core-check $(B)/sim/pmaxsim $(B)/sim/ref/pmaxsim $(B)"
