# sim/tests/fpexc/fpexc.mk - bare-metal TAP test of how the R3010's
# exceptions reach the R3000 (the FPU interrupt taken precisely on the
# trapping instruction, BD/EPC, enables on and off, ctc1, masking), run on
# all three pmaxsim models and on GXemul. The GXemul run passes emu=gxemul,
# which reports the checks GXemul is known to fail (it has no FP interrupt)
# as SKIPs with the reason.

FPEXC_OBJS := $(RT_BARE_OBJS) $(B)/sim/tests/fpexc/fpexc.o $(B)/sim/tests/fpexc/fpexc_asm.o

$(B)/sim/tests/fpexc/fpexc_asm.o: sim/tests/fpexc/fpexc.S | setup
	@mkdir -p $(@D)
	@echo "  AS      $@"
	$(Q)$(MIPS_CC) $(MIPS_ASFLAGS) -c -o $@ $<

$(B)/sim/fpexc.elf: $(FPEXC_OBJS) $(RT_LD) $(LIBGCC_STAMP)
	@echo "  LD      $@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -T $(RT_LD) -o $@ $(FPEXC_OBJS) $(LIBGCC)

GUEST_IMAGES += $(B)/sim/fpexc.elf
TEST_SUITES += "tools/run-guest --pmaxsim 5000/240 --timeout 60 $(B)/sim/fpexc.elf"
TEST_SUITES += "tools/run-guest --pmaxsim 5000/125 --timeout 60 $(B)/sim/fpexc.elf"
TEST_SUITES += "tools/run-guest --pmaxsim 5000/200 --timeout 60 $(B)/sim/fpexc.elf"
TEST_SUITES += "tools/run-guest --gxemul --timeout 60 $(B)/sim/fpexc.elf -- -o emu=gxemul"
