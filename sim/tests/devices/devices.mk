# sim/tests/devices/devices.mk - in-guest checks of the KN03 and KN02-BA
# board devices and PROM emulation, run on both IOASIC models (the KN02 has
# its own: sim/tests/kn02).
DEVTEST_OBJS := $(RT_BARE_OBJS) $(B)/sim/tests/devices/devtest.o
$(B)/sim/tests/devices/devtest.elf: $(DEVTEST_OBJS) $(RT_LD) $(LIBGCC_STAMP)
	@echo "  LD      $@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -T $(RT_LD) -o $@ $(DEVTEST_OBJS) $(LIBGCC)
GUEST_IMAGES += $(B)/sim/tests/devices/devtest.elf
TEST_DEPS += $(B)/sim/tests/devices/devtest.elf
TEST_SUITES += "tools/run-guest --pmaxsim 5000/240 $(B)/sim/tests/devices/devtest.elf"
TEST_SUITES += "tools/run-guest --pmaxsim 5000/125 $(B)/sim/tests/devices/devtest.elf"
# The PROM printf's output, read from the host.
TEST_SUITES += "sim/tests/devices/prom-printf-check $(B)/sim/pmaxsim $(B)/sim/tests/devices/devtest.elf 5000/240"
TEST_SUITES += "sim/tests/devices/prom-printf-check $(B)/sim/pmaxsim $(B)/sim/tests/devices/devtest.elf 5000/125"
