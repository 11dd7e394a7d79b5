# sim/tests/isa/isa.mk - differential tests of pmaxsim's MIPS I integer and
# FPU instruction set against qemu-mipsel (included by sim/sim.mk).
#
# Each test program sim/tests/isa/<prog>.c is compiled once and linked
# twice: with linux.c into a static MIPS I Linux binary $(B)/sim/isa/<prog>
# (the reference, run under qemu-mipsel; no C library, our MIPS I libgcc),
# and with bare.c and the runtime's objects (rt/) into a bare-metal image
# $(B)/sim/isa/<prog>.elf. isa-diff runs both and compares the outputs line
# by line, one TAP line per check.
#   sim/tests/isa/isa-diff --pmaxsim 5000/240 build/sim/isa/alu build/sim/isa/alu.elf
#   sim/tests/isa/isa-diff --gxemul build/sim/isa/alu build/sim/isa/alu.elf
# The FPU programs are built with -mhard-float -mfp32 (everything else in
# the project is soft-float); their objects' .gnu.attributes and .MIPS.abiflags sections are
# dropped so that linking them with the soft-float runtime objects does not
# warn about mixed float ABIs (the code itself only uses MIPS I FPU
# instructions, all in inline asm).

ISA_DIR := $(B)/sim/isa
ISA_INT_PROGS := alu shift muldiv mem branch ovf
ISA_FPU_PROGS := fpu fpcmp
ISA_PROGS := $(ISA_INT_PROGS) $(ISA_FPU_PROGS)
ISA_MODELS := 5000/240 5000/125

ISA_FPU_CFLAGS := $(filter-out -msoft-float,$(MIPS_CFLAGS)) -mhard-float -mfp32
ISA_LINUX := $(addprefix $(ISA_DIR)/,$(ISA_PROGS))
ISA_ELFS := $(addsuffix .elf,$(ISA_LINUX))
ISA_COMMON := $(ISA_DIR)/obj/fmt.o

$(ISA_DIR)/obj/%.o: sim/tests/isa/%.c | setup
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(MIPS_CC) $(if $(filter $*,$(ISA_FPU_PROGS)),$(ISA_FPU_CFLAGS),$(MIPS_CFLAGS)) \
	    -MMD -MP -c $< -o $@
	$(Q)$(if $(filter $*,$(ISA_FPU_PROGS)),$(MIPS_OBJCOPY) -R .gnu.attributes -R .MIPS.abiflags $@,:)

# The reference: a static Linux program entered at __start (linux.c).
$(ISA_LINUX): $(ISA_DIR)/%: $(ISA_DIR)/obj/%.o $(ISA_DIR)/obj/linux.o $(ISA_COMMON) $(LIBGCC_STAMP)
	@echo "  LD      $@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -e __start -o $@ $(ISA_DIR)/obj/$*.o \
	    $(ISA_DIR)/obj/linux.o $(ISA_COMMON) $(LIBGCC)

# The bare-metal image, linked like cross/newlib_printf.elf.
$(ISA_ELFS): $(ISA_DIR)/%.elf: $(ISA_DIR)/obj/%.o $(ISA_DIR)/obj/bare.o $(ISA_COMMON) \
		$(RT_BARE_OBJS) $(RT_LD) $(LIBGCC_STAMP)
	@echo "  LD      $@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -T $(RT_LD) -o $@ $(RT_BARE_OBJS) \
	    $(ISA_DIR)/obj/$*.o $(ISA_DIR)/obj/bare.o $(ISA_COMMON) $(LIBGCC)

.PHONY: isa isa-gxemul
isa: $(ISA_LINUX) $(ISA_ELFS)
# Validation of the tests themselves while pmaxsim is not there.
isa-gxemul: isa
	$(Q)tools/run-tests $(foreach p,$(ISA_PROGS),"sim/tests/isa/isa-diff --gxemul $(ISA_DIR)/$(p) $(ISA_DIR)/$(p).elf")

GUEST_IMAGES += $(ISA_ELFS)
TEST_DEPS += $(ISA_LINUX) $(ISA_ELFS)
TEST_SUITES += $(foreach m,$(ISA_MODELS),$(foreach p,$(ISA_PROGS),"sim/tests/isa/isa-diff --pmaxsim $(m) $(ISA_DIR)/$(p) $(ISA_DIR)/$(p).elf"))
