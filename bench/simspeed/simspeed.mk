# bench/simspeed/simspeed.mk - the simulator speed benchmark's guest image.
SIMSPEED_OBJS := $(RT_BARE_OBJS) $(B)/bench/simspeed/speed.o
$(B)/bench/simspeed/speed.elf: $(SIMSPEED_OBJS) $(RT_LD) $(LIBGCC_STAMP)
	@echo "  LD      $@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -T $(RT_LD) -o $@ $(SIMSPEED_OBJS) $(LIBGCC)
GUEST_IMAGES += $(B)/bench/simspeed/speed.elf

.PHONY: simspeed
simspeed: $(B)/sim/pmaxsim $(B)/bench/simspeed/speed.elf
	$(Q)bench/simspeed/run --profile $(B)/sim/pmaxsim $(B)/bench/simspeed/speed.elf
