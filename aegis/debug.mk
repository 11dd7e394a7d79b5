# aegis/debug.mk - the invariant-checking kernels (issue 22): every object
# of the kernel compiled again with -DAEGIS_DEBUG_INVARIANTS into
# $(B)/dbg/ (aegis/invariants.c checks the whole state after every system
# call, exception and resumption, and halts on a violation), linked as
# $(B)/aegis/sysfuzz.elf: that kernel with the system-call fuzzer
# (aegis/tests/user/sysfuzz.c), hostile and imgtest in its archive
# (init=NAME picks one). The release images link none of it (the hooks
# are #ifdef'd). (The whole test image on it would fail its timing
# budgets and take too long: the checks cost ~150,000 cycles each.)
DBG := $(B)/dbg
$(DBG)/%.o: %.c | setup
	@mkdir -p $(@D)
	@echo "  CC      $< (invariants)"
	$(Q)$(MIPS_CC) $(MIPS_CFLAGS) $(CFLAGS_$(firstword $(subst /, ,$<))) -DAEGIS_DEBUG_INVARIANTS=1 \
	    -MMD -MP -c $< -o $@
$(DBG)/%.o: %.S | setup
	@mkdir -p $(@D)
	@echo "  AS      $< (invariants)"
	$(Q)$(MIPS_CC) $(MIPS_ASFLAGS) $(CFLAGS_$(firstword $(subst /, ,$<))) -DAEGIS_DEBUG_INVARIANTS=1 \
	    -MMD -MP -c $< -o $@
AEGIS_DBG_CORE_OBJS := $(patsubst $(B)/%,$(DBG)/%,$(AEGIS_CORE_OBJS)) $(DBG)/aegis/invariants.o

# The fuzzer's image: the debug kernel, main.c (init=NAME picks the
# program) and an archive of sysfuzz and the hostile tests, which run on
# the invariant-checking kernel too (tools/sysfuzz --hostile).
SYSFUZZ_OBJS := $(patsubst %,$(B)/aegis/tests/user/%.o,sysfuzz sysfuzz_asm tlbmiss)
$(B)/aegis/user/sysfuzz: $(SYSFUZZ_OBJS) $(USER_RT) aegis/user/user.ld
	@echo "  LD      $@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -T aegis/user/user.ld -o $@ $(USER_RT) $(SYSFUZZ_OBJS)
SYSFUZZ_ARCHIVE := $(B)/aegis/sysfuzz/bootarchive.cpio
SYSFUZZ_PROGS := $(B)/aegis/user/sysfuzz $(B)/aegis/user/hostile $(B)/aegis/user/imgtest
$(SYSFUZZ_ARCHIVE): $(SYSFUZZ_PROGS) $(B)/tools/mkcpio
	@mkdir -p $(@D)
	@echo "  CPIO    $@"
	$(Q)$(B)/tools/mkcpio $@ $(SYSFUZZ_PROGS)
$(B)/aegis/sysfuzz/bootarchive.o: aegis/bootarchive.S $(SYSFUZZ_ARCHIVE)
	@echo "  AS      $<"
	$(Q)$(MIPS_CC) $(MIPS_ASFLAGS) -DBOOT_ARCHIVE='"$(SYSFUZZ_ARCHIVE)"' -c $< -o $@
SYSFUZZ_IMAGE_OBJS := $(AEGIS_DBG_CORE_OBJS) $(DBG)/aegis/main.o $(B)/aegis/sysfuzz/bootarchive.o
$(B)/aegis/sysfuzz.elf: $(SYSFUZZ_IMAGE_OBJS) $(RT_LD) $(LIBGCC_STAMP)
	@echo "  LD      $@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -T $(RT_LD) -o $@ $(SYSFUZZ_IMAGE_OBJS) $(LIBGCC)
GUEST_IMAGES += $(B)/aegis/user/sysfuzz $(B)/aegis/sysfuzz.elf

# make fuzz [N=calls] [SEED=s]: N fuzzer calls (in runs of 10^5, seeds
# SEED, SEED+1, ...), each invariant's check shown able to fail, and the
# imgtest on the invariant-checking kernel, the shrinker finding a planted
# bug (tools/sysfuzz).
N ?= 100000
SEED ?= 1
.PHONY: fuzz
fuzz: $(B)/aegis/sysfuzz.elf $(B)/sim/pmaxsim
	$(Q)tools/sysfuzz --calls $(N) --seed $(SEED) --invbreak --programs imgtest
	$(Q)tools/sysfuzz --calls 2000 --seed 2 --plant 1
# In make test: 10^4 calls; the invariants' checks each made to fail, and
# imgtest on the checking kernel. (make fuzz: the shrinker's own test.)
TEST_DEPS += $(B)/aegis/sysfuzz.elf
TEST_SUITES += "tools/sysfuzz --calls 10000 --seed 1"
TEST_SUITES += "tools/sysfuzz --calls 0 --invbreak --programs imgtest"
