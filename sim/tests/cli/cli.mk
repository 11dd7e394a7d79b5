# sim/tests/cli/cli.mk - pmaxsim's command-line and failure-mode tests.
$(B)/sim/tests/cli/wedge.elf: $(B)/sim/tests/cli/wedge.o $(RT_LD)
	@echo "  LD      $@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -T $(RT_LD) -o $@ $<
GUEST_IMAGES += $(B)/sim/tests/cli/wedge.elf
TEST_DEPS += $(B)/sim/tests/cli/wedge.elf
TEST_SUITES += "sim/tests/cli/cli-check $(B)/sim/pmaxsim $(B)/aegis/aegis.elf $(B)/sim/tests/cli/wedge.elf"
TEST_SUITES += "sim/tests/cli/cli-check $(B)/sim/pmaxsim-asan $(B)/aegis/aegis.elf $(B)/sim/tests/cli/wedge.elf"
