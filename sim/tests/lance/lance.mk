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
# Two machines on one segment (pmaxsim --and; run-guest appends the image,
# which becomes the second machine's): peer=ping checks one-way and
# round-trip times against the wire's bit time, across clocks (a 40 MHz
# KN03 and 25 MHz KN02-BAs), at 10 and 100 Mbit/s, and seeded loss (run-tests
# repeats each under ASan/UBSan).
comma := ,
LANCE_ECHO = --and -M $(1) --mac 08:00:2b:77:00:02 -o peer=echo --console /dev/null
LANCE_PEER = tools/run-guest --pmaxsim $(1) $(B)/sim/tests/lance/lancetest.elf -- $(3) $(B)/sim/tests/lance/lancetest.elf $(call LANCE_ECHO,$(2))
TEST_SUITES += "$(call LANCE_PEER,5000/125,5000/125,-o peer=ping)"
TEST_SUITES += "$(call LANCE_PEER,5000/240,5000/125,-o peer=ping)"
TEST_SUITES += "$(call LANCE_PEER,5000/200,5000/240,-o peer=ping)"
TEST_SUITES += "$(call LANCE_PEER,5000/125,5000/125,--net-mbps 100 -o peer=ping$(comma)mbps=100)"
TEST_SUITES += "$(call LANCE_PEER,5000/240,5000/200,--net-loss 0.3 --net-seed 7 -o peer=ping$(comma)lossy)"
