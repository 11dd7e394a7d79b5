# sim/tests/tools/tools.mk - tests of pmaxsim's tools (included by
# sim/sim.mk): the disassembler against objdump over every guest image's
# code and an encoding sweep (disasm-diff), --trace (trace-check) and
# --profile (profile-check), the last two also under ASan/UBSan.

$(B)/sim/tests/tools/disasm_dump: sim/tests/tools/disasm_dump.c sim/disasm.c sim/disasm.h \
		sim/symbols.c sim/symbols.h sim/hostfile.c sim/hostfile.h sim/elfdefs.h
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@"
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -D_POSIX_C_SOURCE=200809L -Isim -o $@ \
	    sim/tests/tools/disasm_dump.c sim/disasm.c sim/symbols.c sim/hostfile.c

# The images whose code is compared (TEST_SUITES is expanded here, so the
# list is spelled out rather than taken from GUEST_IMAGES).
TOOLS_DISASM_IMAGES := $(B)/aegis/aegis.elf $(B)/bench/simspeed/speed.elf \
	$(B)/sim/cp0test.elf $(B)/cross/newlib_printf.elf $(ISA_ELFS)
TOOLS_SPEED := $(B)/bench/simspeed/speed.elf
TOOLS_KERNEL := $(B)/aegis/aegis.elf

TEST_DEPS += $(B)/sim/tests/tools/disasm_dump $(TOOLS_DISASM_IMAGES) $(B)/sim/cp0test.elf
TEST_SUITES += "sim/tests/tools/disasm-diff $(MIPS_OBJDUMP) $(B)/sim/tests/tools/disasm_dump $(TOOLS_DISASM_IMAGES)"
TEST_SUITES += "sim/tests/tools/trace-check $(B)/sim/pmaxsim $(MIPS_NM) $(TOOLS_KERNEL) $(B)/sim/cp0test.elf"
TEST_SUITES += "sim/tests/tools/trace-check $(B)/sim/pmaxsim-asan $(MIPS_NM) $(TOOLS_KERNEL) $(B)/sim/cp0test.elf"
TEST_SUITES += "sim/tests/tools/profile-check $(B)/sim/pmaxsim $(TOOLS_SPEED) $(TOOLS_KERNEL)"
TEST_SUITES += "sim/tests/tools/profile-check $(B)/sim/pmaxsim-asan $(TOOLS_SPEED) $(TOOLS_KERNEL)"
