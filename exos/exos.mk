# exos/exos.mk - ExOS, the library operating system: libexos.a, its
# programs (the shell, tests), their boot archive and the system image
# $(B)/exos/exos.elf (Aegis + the archive; it starts "init" = the shell).
# ExOS sees Aegis only through its ABI, -Iaegis/include.

# -ffunction-sections: exos/lib/exos.ld places the network's hot path by name.
CFLAGS_exos := -Iaegis/include -Iexos/lib -Iexos -isystem $(NEWLIB)/include -Wno-format-truncation \
	-ffunction-sections

# The library: ExOS core (lib), IPC, the scheduler, the network stack and
# the file system (their own folders).
EXOS_LIB_SRCS := $(sort $(wildcard exos/lib/*.c exos/lib/*.S exos/ipc/*.c exos/ipc/*.S \
	exos/sched/*.c exos/sched/*.S exos/net/*.c exos/net/*.S exos/fs/*.c))
# The system-call stubs are the ABI's: ExOS assembles aegis/include/aegis/sys.S
# itself (its declarations are sys.h, beside it).
EXOS_LIB_OBJS := $(patsubst %,$(B)/%.o,$(basename $(filter-out exos/lib/crt0.S,$(EXOS_LIB_SRCS)))) \
	$(B)/exos/abi/sys.o
EXOS_CRT0 := $(B)/exos/lib/crt0.o
EXOS_LIB := $(B)/exos/libexos.a
EXOS_LD := exos/lib/exos.ld
# Library objects depend on newlib's headers.
$(EXOS_LIB_OBJS) $(EXOS_CRT0): | $(NEWLIB_STAMP)

$(B)/exos/abi/sys.o: aegis/include/aegis/sys.S | setup
	@mkdir -p $(@D)
	@echo "  AS      $<"
	$(Q)$(MIPS_CC) $(MIPS_ASFLAGS) $(CFLAGS_exos) -MMD -MP -c $< -o $@

$(EXOS_LIB): $(EXOS_LIB_OBJS)
	@echo "  AR      $@"
	$(Q)rm -f $@ && $(MIPS_AR) rcs $@ $^

# The file system's tests and its guest program (EXOS_FS_PROG_SRCS).
include exos/fs/fs.mk
# fork, exec and wait (tfork and the program it execs).
include exos/tests/proc.mk
# The web server comparison's load generator and conventional server.
include cheetah/webload.mk

# Programs: one per source file in bin/ and tests/.
EXOS_PROG_SRCS := $(sort $(wildcard exos/bin/*.c exos/tests/*.c exos/ipc/tests/*.c exos/sched/tests/*.c \
	exos/net/tests/*.c) $(EXOS_FS_PROG_SRCS) $(WEBLOAD_PROG_SRCS))
EXOS_PROG_NAMES := $(notdir $(basename $(EXOS_PROG_SRCS)))
EXOS_PROGS := $(addprefix $(B)/exos/prog/,$(EXOS_PROG_NAMES))
define EXOS_PROG_RULE
$(B)/exos/prog/$(notdir $(basename $(1))): $(B)/$(basename $(1)).o $(EXOS_CRT0) $(EXOS_LIB) $(EXOS_LD) exos/exos.mk $(NEWLIB_STAMP) $(LIBGCC_STAMP)
	@mkdir -p $$(@D)
	@echo "  LD      $$@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -z max-page-size=4096 -T $(EXOS_LD) -o $$@ $(EXOS_CRT0) $(B)/$(basename $(1)).o \
	    --start-group $(EXOS_LIB) $(NEWLIB)/lib/libc.a $(LIBGCC) --end-group
$(B)/$(basename $(1)).o: | $(NEWLIB_STAMP)
endef
$(foreach s,$(EXOS_PROG_SRCS),$(eval $(call EXOS_PROG_RULE,$(s))))

# init is the shell.
$(B)/exos/prog/init: $(B)/exos/prog/sh
	$(Q)cp $< $@

# The archive holds the programs without their debugging sections.
EXOS_STRIPPED := $(addprefix $(B)/exos/strip/,$(EXOS_PROG_NAMES) init)
$(B)/exos/strip/%: $(B)/exos/prog/% exos/exos.mk
	@mkdir -p $(@D)
	$(Q)$(MIPS_OBJCOPY) --strip-all $< $@
EXOS_ARCHIVE := $(B)/exos/bootarchive.cpio
$(EXOS_ARCHIVE): $(EXOS_STRIPPED) $(B)/tools/mkcpio
	@echo "  CPIO    $@"
	$(Q)$(B)/tools/mkcpio $@ $(EXOS_STRIPPED)
# The system image: Aegis with the archive (AEGIS_SYSTEM_IMAGE, from
# Aegis's makefile).
$(eval $(call AEGIS_SYSTEM_IMAGE,$(B)/exos/exos.elf,$(EXOS_ARCHIVE)))

GUEST_IMAGES += $(EXOS_PROGS) $(B)/exos/exos.elf

# Tests: the in-guest test runner (init=exostest) on pmaxsim's 5000/125 and
# 5000/240 and on GXemul, and the shell driven from the host through the console.
TEST_SUITES += "tools/run-guest --pmaxsim 5000/125 --timeout 120 $(B)/exos/exos.elf -- -o init=exostest"
TEST_SUITES += "tools/run-guest --pmaxsim 5000/240 --timeout 120 $(B)/exos/exos.elf -- -o init=exostest"
TEST_SUITES += "tools/run-guest --gxemul --timeout 120 $(B)/exos/exos.elf -- -o init=exostest"
TEST_SUITES += "exos/tests/shell-test $(B)/sim/pmaxsim $(B)/exos/exos.elf"

# The network stack's tests and benchmarks.
include exos/net/net.mk
