# sim/tests/gdb/gdb.mk - the gdb remote stub (--gdb), driven by gdb-multiarch.
$(B)/sim/tests/gdb/target.elf: $(B)/sim/tests/gdb/target.o $(RT_LD)
	@echo "  LD      $@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -T $(RT_LD) -o $@ $<
GUEST_IMAGES += $(B)/sim/tests/gdb/target.elf
TEST_DEPS += $(B)/sim/tests/gdb/target.elf $(B)/aegis/aegis.elf
TEST_SUITES += "sim/tests/gdb/gdb-check $(B)/sim/pmaxsim $(B)/aegis/aegis.elf $(B)/sim/tests/gdb/target.elf"
TEST_SUITES += "sim/tests/gdb/gdb-check $(B)/sim/pmaxsim-asan $(B)/aegis/aegis.elf $(B)/sim/tests/gdb/target.elf"
