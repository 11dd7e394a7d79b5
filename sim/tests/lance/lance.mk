# sim/tests/lance/lance.mk - in-guest checks of the Am7990 LANCE as each
# board wires it (IOASIC DMA window on the 5000/240 and 5000/125, the
# PMAD-AA's SRAM on the 5000/200).
LANCETEST_OBJS := $(RT_BARE_OBJS) $(B)/sim/tests/lance/lancetest.o
$(B)/sim/tests/lance/lancetest.elf: $(LANCETEST_OBJS) $(RT_LD) $(LIBGCC_STAMP)
	@echo "  LD      $@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -T $(RT_LD) -o $@ $(LANCETEST_OBJS) $(LIBGCC)
GUEST_IMAGES += $(B)/sim/tests/lance/lancetest.elf
TEST_DEPS += $(B)/sim/tests/lance/lancetest.elf
TEST_SUITES += "tools/run-guest --pmaxsim 5000/240 $(B)/sim/tests/lance/lancetest.elf"
TEST_SUITES += "tools/run-guest --pmaxsim 5000/125 $(B)/sim/tests/lance/lancetest.elf"
TEST_SUITES += "tools/run-guest --pmaxsim 5000/200 $(B)/sim/tests/lance/lancetest.elf"
# --mac rewrites the station-address ROM (the init block is the driver's).
TEST_SUITES += "tools/run-guest --pmaxsim 5000/125 $(B)/sim/tests/lance/lancetest.elf -- --mac 02:00:5e:10:a0:ff -o esar=02:00:5e:10:a0:ff"
TEST_SUITES += "tools/run-guest --pmaxsim 5000/200 $(B)/sim/tests/lance/lancetest.elf -- --mac 02:00:5e:10:a0:fe -o esar=02:00:5e:10:a0:fe"
