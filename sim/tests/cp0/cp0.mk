# sim/tests/cp0/cp0.mk - bare-metal TAP tests of R3000-only behaviour (load
# and branch delay slots, KU/IE stack, TLB and Random, user mode, isolated
# and swapped caches, RI/CpU), run on pmaxsim's 5000/240 and 5000/125 (and
# its 5000/200: kn02.mk) and on GXemul.
# The GXemul run passes the PROM argument emu=gxemul (-o), which turns the
# few checks GXemul is known to get wrong into documented TAP SKIPs
# (listed in sim/tests/cp0/README.md).

CP0TEST_OBJS := $(RT_BARE_OBJS) $(B)/sim/tests/cp0/cp0test.o $(B)/sim/tests/cp0/cp0asm.o

$(B)/sim/cp0test.elf: $(CP0TEST_OBJS) $(RT_LD) $(LIBGCC_STAMP)
	@echo "  LD      $@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -T $(RT_LD) -o $@ $(CP0TEST_OBJS) $(LIBGCC)

GUEST_IMAGES += $(B)/sim/cp0test.elf
TEST_SUITES += "tools/run-guest --pmaxsim 5000/240 --timeout 60 $(B)/sim/cp0test.elf"
TEST_SUITES += "tools/run-guest --pmaxsim 5000/125 --timeout 60 $(B)/sim/cp0test.elf"
TEST_SUITES += "tools/run-guest --gxemul --timeout 60 $(B)/sim/cp0test.elf -- -o emu=gxemul"
