# sim/tests/kn02/kn02.mk - the DECstation 5000/200 (KN02) model: its board
# test (kn02test: DZ, system CSR, RTC on IP3, ERRADR, option ROMs), and the
# suites every model runs (aegis self-test, cp0, ISA differential, Linux).
KN02TEST_OBJS := $(RT_BARE_OBJS) $(B)/sim/tests/kn02/kn02test.o
$(B)/sim/tests/kn02/kn02test.elf: $(KN02TEST_OBJS) $(RT_LD) $(LIBGCC_STAMP)
	@echo "  LD      $@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -T $(RT_LD) -o $@ $(KN02TEST_OBJS) $(LIBGCC)
GUEST_IMAGES += $(B)/sim/tests/kn02/kn02test.elf
TEST_DEPS += $(B)/sim/tests/kn02/kn02test.elf
TEST_SUITES += "tools/run-guest --pmaxsim 5000/200 $(B)/sim/tests/kn02/kn02test.elf"
TEST_SUITES += "tools/run-guest --pmaxsim 5000/200 $(B)/aegis/aegis.elf"
TEST_SUITES += "tools/run-guest --pmaxsim 5000/200 --timeout 60 $(B)/sim/cp0test.elf"
TEST_SUITES += $(foreach p,$(ISA_PROGS),"sim/tests/isa/isa-diff --pmaxsim 5000/200 $(ISA_DIR)/$(p) $(ISA_DIR)/$(p).elf")

# Linux on the 5000/200 ($(VMLINUX) of bench/linux/linux.mk, spelled out:
# that file is read after this one).
TEST_SUITES += "tools/run-guest --pmaxsim 5000/200 --timeout 300 $(B)/bench/linux/vmlinux -- -o console=ttyS3"
