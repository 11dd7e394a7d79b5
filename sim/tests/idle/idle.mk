# sim/tests/idle/idle.mk - the idle skip is exact (idle-check: every guest
# image run with and without --no-idle-skip gives the same console, the
# same cycles and the same --stats but the skip's own line), with
# idlepoll.elf, a guest polling counters, the RTC, and a RAM word its clock
# interrupt changes.
IDLEPOLL_OBJS := $(RT_BARE_OBJS) $(B)/sim/tests/idle/idlepoll.o $(B)/sim/tests/idle/idlevec.o
$(B)/sim/tests/idle/idlepoll.elf: $(IDLEPOLL_OBJS) $(RT_LD) $(LIBGCC_STAMP)
	@echo "  LD      $@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -T $(RT_LD) -o $@ $(IDLEPOLL_OBJS) $(LIBGCC)
GUEST_IMAGES += $(B)/sim/tests/idle/idlepoll.elf
TEST_DEPS += $(B)/sim/tests/idle/idlepoll.elf $(B)/aegis/aegis.elf $(B)/exos/exos.elf \
	$(B)/sim/cp0test.elf $(B)/sim/tests/devices/devtest.elf $(B)/sim/tests/kn02/kn02test.elf
TEST_SUITES += "sim/tests/idle/idle-check $(B)/sim/pmaxsim $(B)"
