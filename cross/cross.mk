# cross/cross.mk - the third-party guest libraries (newlib, libgcc) built
# once into the cache outside the clone and linked from build/cross/, and
# the toolchain's own tests.

NEWLIB_STAMP := $(B)/cross/newlib.stamp
LIBGCC_STAMP := $(B)/cross/libgcc.stamp
NEWLIB := $(B)/cross/newlib/mipsel-elf
LIBGCC := $(B)/cross/libgcc/libgcc.a

# The scripts key their cache directory by version and flags; the symlink in
# build/ points at the right one.
$(NEWLIB_STAMP): cross/newlib.sh cross/mips.mk | setup
	@mkdir -p $(@D)
	$(Q)p=$$(cross/newlib.sh "$(AEGIS_CACHE)" "$(MIPS_ARCHFLAGS)") && ln -sfn "$$p" $(B)/cross/newlib
	@touch $@
$(LIBGCC_STAMP): cross/libgcc.sh cross/mips.mk | setup
	@mkdir -p $(@D)
	$(Q)p=$$(cross/libgcc.sh "$(AEGIS_CACHE)" "$(MIPS_ARCHFLAGS)") && ln -sfn "$$p" $(B)/cross/libgcc
	@touch $@

# libgcc edge cases: host reference vs. MIPS I under qemu-mipsel.
LIBGCC_CASES := cross/tests/libgcc_cases.c cross/tests/libgcc_cases.h
$(B)/cross/libgcc_host: cross/tests/libgcc_host.c $(LIBGCC_CASES)
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@"
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -o $@ cross/tests/libgcc_host.c cross/tests/libgcc_cases.c
$(B)/cross/libgcc_linux: cross/tests/libgcc_linux.c cross/tests/linux_rt.h $(LIBGCC_CASES) $(LIBGCC_STAMP)
	@echo "  LINK    $@"
	$(Q)$(MIPS_CC) $(MIPS_ARCHFLAGS) -O2 -Wall -Wextra -Werror -ffreestanding -fno-builtin \
	    -nostdlib -static -Wl,-e,__start -o $@ cross/tests/libgcc_linux.c \
	    cross/tests/libgcc_cases.c $(LIBGCC)

# newlib on the guest: printf("%lld"), soft-float formatting, malloc; a
# bare-metal image on the runtime's console (rt/rt.mk).
CFLAGS_cross = -isystem $(NEWLIB)/include -Wno-format
$(B)/cross/tests/newlib_printf.o $(B)/cross/tests/newlib_sys.o: $(NEWLIB_STAMP)
NEWLIB_TEST_OBJS := $(RT_BARE_OBJS) $(B)/cross/tests/newlib_printf.o $(B)/cross/tests/newlib_sys.o
$(B)/cross/newlib_printf.elf: $(NEWLIB_TEST_OBJS) $(RT_LD) $(NEWLIB_STAMP) $(LIBGCC_STAMP)
	@echo "  LD      $@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -T $(RT_LD) -o $@ $(NEWLIB_TEST_OBJS) \
	    --start-group $(NEWLIB)/lib/libc.a $(LIBGCC) --end-group
GUEST_IMAGES += $(B)/cross/newlib_printf.elf
TEST_SUITES += "tools/run-guest --gxemul --timeout 60 $(B)/cross/newlib_printf.elf"
TEST_SUITES += "tools/run-guest --pmaxsim 5000/240 $(B)/cross/newlib_printf.elf"

# lint must reject a non-MIPS-I instruction: a deliberately bad object.
$(B)/cross/lint_bad.o: | setup
	@mkdir -p $(@D)
	$(Q)echo 'int f(int a, int b) { return a * b; }' | \
	    $(MIPS_CC) -EL -march=mips32 -mabi=32 -mno-abicalls -fno-pic -O2 -x c -c - -o $@

TEST_DEPS += $(B)/cross/libgcc_host $(B)/cross/libgcc_linux $(B)/cross/lint_bad.o
TEST_SUITES += "cross/tests/libgcc-check $(B)/cross/libgcc_host $(B)/cross/libgcc_linux"
TEST_SUITES += "cross/tests/lint-check $(B)/cross/lint_bad.o"
