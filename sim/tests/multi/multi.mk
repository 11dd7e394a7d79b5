# sim/tests/multi/multi.mk - several machines in one process (machine.h):
# multi boots each image alone, then all of them together, advanced in
# turn in slices, and checks that each ends exactly as it did alone. Built
# on the simulator's objects (sim/sim.mk), and again on the ASan/UBSan ones
# with small images (the kernels would take minutes under ASan).
# state-check finds writable static or global data in those objects, the
# way two machines could meet behind the simulator's back.

MULTI := $(B)/sim/multi
MULTI_ASAN := $(B)/sim/multi-asan

$(MULTI): sim/tests/multi/multi.c $(SIM_LIB_OBJS) $(SIM_HDRS)
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@"
	$(Q)$(HOST_CC) $(SIM_CFLAGS) -o $@ sim/tests/multi/multi.c $(SIM_LIB_OBJS) $(SIM_LIBS)

$(MULTI_ASAN): sim/tests/multi/multi.c $(SIM_ASAN_LIB_OBJS) $(SIM_HDRS)
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@ (ASan, UBSan)"
	$(Q)$(HOST_CC) $(SIM_ASAN_CFLAGS) -o $@ sim/tests/multi/multi.c $(SIM_ASAN_LIB_OBJS) $(SIM_LIBS)

TEST_DEPS += $(MULTI) $(MULTI_ASAN) $(B)/aegis/aegis.elf $(B)/exos/exos.elf $(B)/sim/cp0test.elf \
	$(B)/sim/tests/devices/devtest.elf $(B)/sim/tests/kn02/kn02test.elf $(B)/sim/tests/cli/wedge.elf
# Two kernels on the two IOASIC models (Aegis's self-test; ExOS running
# exostest, which also reads the counter page), a bare-metal test on the
# KN02 (DZ console) and the ExOS shell typed at from a file (the last
# machine is the one paused by an observer). Under ASan: small images, one
# wedging (exit 3) and one stopped by its cycle limit (exit 2) in
# mid-slice, and two shells, each reading its own input.
MULTI_IN := sim/tests/multi
TEST_SUITES += "$(MULTI) -M 5000/240 $(B)/aegis/aegis.elf -M 5000/125 -o init=exostest $(B)/exos/exos.elf -M 5000/200 $(B)/sim/cp0test.elf -M 5000/240 -i $(MULTI_IN)/shell1.in $(B)/exos/exos.elf"
TEST_SUITES += "$(MULTI_ASAN) -M 5000/240 $(B)/sim/cp0test.elf -M 5000/200 -x 3 $(B)/sim/tests/cli/wedge.elf -M 5000/125 --max-cycles 300001 -x 2 $(B)/sim/cp0test.elf -M 5000/125 $(B)/sim/tests/devices/devtest.elf -M 5000/200 $(B)/sim/tests/kn02/kn02test.elf -M 5000/125 -i $(MULTI_IN)/shell1.in $(B)/exos/exos.elf -M 5000/240 -i $(MULTI_IN)/shell2.in $(B)/exos/exos.elf"
TEST_DEPS += $(SIM_LIB_OBJS)
TEST_SUITES += "sim/tests/multi/state-check $(SIM_LIB_OBJS)"
