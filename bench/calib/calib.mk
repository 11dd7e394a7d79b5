# bench/calib/calib.mk - the timing-calibration benchmarks (guest images).
CFLAGS_bench := -Iaegis/include
BCOPY_OBJS := $(RT_BARE_OBJS) $(B)/bench/calib/bcopy.o $(B)/bench/calib/copy.o
$(B)/bench/calib/bcopy.elf: $(BCOPY_OBJS) $(RT_LD) $(LIBGCC_STAMP)
	@echo "  LD      $@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -T $(RT_LD) -o $@ $(BCOPY_OBJS) $(LIBGCC)
GUEST_IMAGES += $(B)/bench/calib/bcopy.elf
