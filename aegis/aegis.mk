# aegis/aegis.mk - the exokernel image and its tests.

# -Irt: the runtime's headers (rt.h, mips.h, prom.h, tap.h) by their names.
# -ffunction-sections: rt/rt.ld places the hot paths' functions by name.
CFLAGS_aegis := -Iaegis/include -Irt -ffunction-sections

# The kernel's machine layer and the runtime under it (rt/rt.mk): the trap
# path and the stacks, the console on the board's line, exception dispatch,
# TLB and STLB, the boards (platform/: platform_select). Everything but the
# kernel proper, main and the self-test. Linked in the order the objects
# had before rt/ was split off, so that the kernel's code and data keep
# their addresses, and with them the caches' conflicts and the cycle
# counts: check any change of it with `nm -n` and the benchmarks.
KERN_SRCS := aegis/console.c aegis/entry.S aegis/trap.c aegis/exc.S \
	aegis/tlb.c aegis/stlb.S \
	aegis/platform/select.c aegis/platform/kn02.c \
	aegis/platform/kn02ba.c aegis/platform/kn03.c aegis/platform/scc.c \
	aegis/platform/ds1287.c aegis/platform/counter.c \
	aegis/platform/prom_console.c
KERN_OBJS := $(addprefix $(B)/,rt/start.o aegis/entry.o rt/boot.o rt/prom.o \
	aegis/console.o rt/printf.o rt/string.o rt/panic.o aegis/trap.o aegis/exc.o \
	aegis/tlb.o aegis/stlb.o rt/cache.o $(addprefix aegis/platform/,select.o \
	kn02.o kn02ba.o kn03.o scc.o ds1287.o counter.o prom_console.o) rt/tap.o)
# (every object of RT_OBJS and KERN_SRCS, once)
ifneq ($(sort $(KERN_OBJS)),$(sort $(RT_OBJS) $(patsubst %,$(B)/%.o,$(basename $(KERN_SRCS)))))
$(error aegis/aegis.mk: KERN_OBJS is not RT_OBJS + KERN_SRCS)
endif

# The kernel proper: environments, memory, system calls, the scheduler,
# revocation, the boot archive's reader. A system image is these, a main
# and a boot archive: AEGIS_CORE_OBJS + $(B)/aegis/main.o (start "init")
# + an archive object built from aegis/bootarchive.S (AEGIS_SYSTEM_IMAGE
# below makes one for a library OS's archive).
AEGIS_CORE_SRCS := aegis/env.c aegis/envimage.c aegis/mem.c aegis/syscall.c aegis/sysentry.S \
	aegis/archive.c aegis/sched.c aegis/revoke.c aegis/net/net.c aegis/net/lance.c \
	aegis/net/dpf.c aegis/net/dpf_ref.c aegis/net/ash.c aegis/net/ash_run.S \
	aegis/disk/asc.c aegis/disk/scsi.c aegis/disk/table.c aegis/disk/disk.c aegis/disk/dcache.S \
	aegis/tlbwrprot.c
AEGIS_CORE_OBJS := $(KERN_OBJS) $(patsubst %,$(B)/%.o,$(basename $(AEGIS_CORE_SRCS)))
# The kernel's test image: its self-test and the user programs below.
AEGIS_TEST_SRCS := aegis/tests/testmain.c aegis/tests/selftest.c aegis/tests/usertest.c \
	aegis/tests/lancecheck.c aegis/tests/ashtest.c aegis/tests/ash_handlers.S aegis/tests/ash_cblob.S
AEGIS_OBJS := $(AEGIS_CORE_OBJS) $(patsubst %,$(B)/%.o,$(basename $(AEGIS_TEST_SRCS))) \
	$(B)/aegis/bootarchive.o

# An ASH written in C (tests/ash_chandler.c), linked at 0 and kept as raw
# words in the test image (ash_cblob.S): the flags that keep gcc's code a
# valid handler are explained in its comment.
ASH_C_BIN := $(B)/aegis/tests/ash_chandler.bin
$(ASH_C_BIN): aegis/tests/ash_chandler.c | setup
	@mkdir -p $(@D)
	@echo "  CC+LD   $@"
	$(Q)$(MIPS_CC) $(MIPS_CFLAGS) -ffixed-gp -ffixed-fp -fno-delayed-branch -Wa,-O0 \
	    -fno-tree-loop-distribute-patterns -c $< -o $(@:.bin=.o)
	$(Q)$(MIPS_LD) -EL -Ttext=0 -e 0 -o $(@:.bin=.elf) $(@:.bin=.o)
	$(Q)$(MIPS_OBJCOPY) -O binary -j .text $(@:.bin=.elf) $@
$(B)/aegis/tests/ash_cblob.o: aegis/tests/ash_cblob.S $(ASH_C_BIN)
	@echo "  AS      $<"
	$(Q)$(MIPS_CC) $(MIPS_ASFLAGS) -DASH_C_BIN='"$(ASH_C_BIN)"' -c $< -o $@

# User programs (linked at USER_TEXT_BASE) and the boot archive holding them.
# The system-call stubs are the ABI's (aegis/include/aegis/sys.S, <aegis/sys.h>).
USER_RT := $(B)/aegis/user/crt0.o $(B)/aegis/include/aegis/sys.o $(B)/aegis/user/report.o
USER_PROGS := $(B)/aegis/user/usertest $(B)/aegis/user/dispatch $(B)/aegis/user/bindtest \
	$(B)/aegis/user/pctserver $(B)/aegis/user/pctclient \
	$(B)/aegis/user/schedtest $(B)/aegis/user/schedkid $(B)/aegis/user/hostile \
	$(B)/aegis/user/disktest $(B)/aegis/user/imgtest \
	$(foreach n,1 2 3 4 5,$(B)/aegis/user/badaccess$(n)) \
	$(B)/aegis/user/bigimage $(B)/aegis/user/bigimage-over
$(B)/aegis/user/pct%: $(B)/aegis/tests/user/pct%.o $(B)/aegis/tests/user/pct_asm.o \
		$(USER_RT) aegis/user/user.ld
	@echo "  LD      $@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -T aegis/user/user.ld -o $@ $(USER_RT) $< \
	    $(B)/aegis/tests/user/pct_asm.o
$(B)/aegis/user/schedtest: $(B)/aegis/tests/user/schedtest.o $(USER_RT) aegis/user/user.ld
	@echo "  LD      $@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -T aegis/user/user.ld -o $@ $(USER_RT) $<
$(B)/aegis/user/schedkid: $(B)/aegis/tests/user/schedkid.o $(B)/aegis/tests/user/upcall_asm.o \
		$(USER_RT) aegis/user/user.ld
	@echo "  LD      $@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -T aegis/user/user.ld -o $@ $(USER_RT) $< \
	    $(B)/aegis/tests/user/upcall_asm.o
# hostile: bad arguments to every recent call; its children are itself.
HOSTILE_OBJS := $(B)/aegis/tests/user/upcall_asm.o $(B)/aegis/tests/user/hostile_net.o \
	$(B)/aegis/tests/net/netlib.o
$(B)/aegis/user/hostile: $(B)/aegis/tests/user/hostile.o $(HOSTILE_OBJS) \
		$(USER_RT) aegis/user/user.ld
	@echo "  LD      $@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -T aegis/user/user.ld -o $@ $(USER_RT) $< $(HOSTILE_OBJS)
BINDTEST_OBJS := $(patsubst %,$(B)/aegis/tests/user/%.o,bindtest timeload tlbmiss)
$(B)/aegis/user/bindtest: $(BINDTEST_OBJS) $(USER_RT) aegis/user/user.ld
	@echo "  LD      $@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -T aegis/user/user.ld -o $@ $(USER_RT) $(BINDTEST_OBJS)
$(B)/aegis/user/dispatch: $(B)/aegis/tests/user/dispatch.o $(B)/aegis/tests/user/dispatch_asm.o \
		$(USER_RT) aegis/user/user.ld
	@echo "  LD      $@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -T aegis/user/user.ld -o $@ $(USER_RT) \
	    $(B)/aegis/tests/user/dispatch.o $(B)/aegis/tests/user/dispatch_asm.o
$(B)/aegis/user/disktest: $(B)/aegis/tests/user/disktest.o $(USER_RT) aegis/user/user.ld
	@echo "  LD      $@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -T aegis/user/user.ld -o $@ $(USER_RT) $<
$(B)/aegis/user/imgtest: $(B)/aegis/tests/user/imgtest.o $(USER_RT) aegis/user/user.ld
	@echo "  LD      $@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -T aegis/user/user.ld -o $@ $(USER_RT) $<
$(B)/aegis/user/usertest: $(B)/aegis/tests/user/usertest.o $(USER_RT) aegis/user/user.ld
	@echo "  LD      $@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -T aegis/user/user.ld -o $@ $(USER_RT) $<
# bigimage: past the old 64 guaranteed mappings; -over: past AEGIS_MAX_GMAPS.
$(B)/aegis/user/bigimage: BIG_PAGES := 70
$(B)/aegis/user/bigimage-over: BIG_PAGES := AEGIS_MAX_GMAPS
$(B)/aegis/user/bigimage $(B)/aegis/user/bigimage-over: aegis/tests/user/bigimage.c \
		aegis/include/aegis/syscall.h $(USER_RT) aegis/user/user.ld | setup
	@echo "  CC+LD   $@"
	$(Q)$(MIPS_CC) $(MIPS_CFLAGS) -Iaegis/include -DBIG_PAGES=$(BIG_PAGES) -c $< -o $@.o
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -T aegis/user/user.ld -o $@ $(USER_RT) $@.o
$(B)/aegis/user/badaccess%: aegis/tests/user/badaccess.c $(USER_RT) aegis/user/user.ld | setup
	@echo "  CC+LD   $@"
	$(Q)$(MIPS_CC) $(MIPS_CFLAGS) -Iaegis/include -DATTEMPT=$* -c $< -o $@.o
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -T aegis/user/user.ld -o $@ $(USER_RT) $@.o
# Malformed programs the loader must refuse (tools/mkbadelf.sh).
BAD_ELFS := $(addprefix $(B)/aegis/bad/bad-,truncated phoff kernelseg entry machine)
$(BAD_ELFS): $(B)/aegis/user/usertest tools/mkbadelf.sh
	$(Q)tools/mkbadelf.sh $< $(B)/aegis/bad
BOOT_ARCHIVE := $(B)/aegis/bootarchive.cpio
$(BOOT_ARCHIVE): $(USER_PROGS) $(BAD_ELFS) aegis/user/user.ld $(B)/tools/mkcpio
	@echo "  CPIO    $@"
	$(Q)$(B)/tools/mkcpio $@ $(USER_PROGS) $(BAD_ELFS) aegis/user/user.ld
$(B)/aegis/bootarchive.o: aegis/bootarchive.S $(BOOT_ARCHIVE)
	@echo "  AS      $<"
	$(Q)$(MIPS_CC) $(MIPS_ASFLAGS) -DBOOT_ARCHIVE='"$(BOOT_ARCHIVE)"' -c $< -o $@
GUEST_IMAGES += $(USER_PROGS)

$(B)/aegis/aegis.elf: $(AEGIS_OBJS) $(RT_LD) $(LIBGCC_STAMP)
	@echo "  LD      $@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -T $(RT_LD) -o $@ $(AEGIS_OBJS) $(LIBGCC)

GUEST_IMAGES += $(B)/aegis/aegis.elf
TEST_SUITES += "tools/run-guest --gxemul --timeout 240 $(B)/aegis/aegis.elf -- -o emu=gxemul"
TEST_SUITES += "tools/run-guest --pmaxsim 5000/240 $(B)/aegis/aegis.elf"
TEST_SUITES += "tools/run-guest --pmaxsim 5000/125 $(B)/aegis/aegis.elf"
# As a real 5000/240 would run it: no counter page, so time is the KN03
# IOASIC's counter (the clock test, revocation deadlines).
TEST_SUITES += "tools/run-guest --pmaxsim 5000/240 $(B)/aegis/aegis.elf -- --no-counter-page"

# AEGIS_SYSTEM_IMAGE(image,archive): the rules for a bootable system image
# of Aegis and a library OS, from the boot archive (cpio newc) holding the
# library OS's programs: the archive's object (beside it, .cpio -> .o) and
# image = AEGIS_CORE_OBJS + main.o (which starts the archive's "init", or
# the program an "init=NAME" boot argument names) + that object. Use:
#   $(eval $(call AEGIS_SYSTEM_IMAGE,$(B)/exos/exos.elf,$(B)/exos/bootarchive.cpio))
define AEGIS_SYSTEM_IMAGE
$(2:.cpio=.o): aegis/bootarchive.S $(2)
	@echo "  AS      $$<"
	$(Q)$(MIPS_CC) $(MIPS_ASFLAGS) -DBOOT_ARCHIVE='"$(2)"' -c $$< -o $$@
$(1): $(AEGIS_CORE_OBJS) $(B)/aegis/main.o $(2:.cpio=.o) $(RT_LD) $(LIBGCC_STAMP)
	@echo "  LD      $$@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -T $(RT_LD) -o $$@ $(AEGIS_CORE_OBJS) $(B)/aegis/main.o \
	    $(2:.cpio=.o) $(LIBGCC)
endef

# The boot archive's reader, against our mkcpio and GNU cpio, under ASan.
$(B)/tools/mkcpio: tools/mkcpio.c
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@"
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -o $@ $<
$(B)/aegis/host_archive: aegis/tests/host_archive.c aegis/archive.c aegis/archive.h rt/string.c
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@ (ASan, UBSan)"
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -Irt -fsanitize=address,undefined -fno-sanitize-recover=all \
	    -fno-builtin -o $@ aegis/tests/host_archive.c aegis/archive.c rt/string.c
$(B)/aegis/test-archives.stamp: $(B)/tools/mkcpio tools/mkcpio.c aegis/archive.c | setup
	$(Q)$(B)/tools/mkcpio $(B)/aegis/test-mkcpio.cpio tools/mkcpio.c aegis/archive.c
	$(Q)(cd tools && printf 'mkcpio.c\n../aegis/archive.c\n' | cpio -o -H newc --quiet) > $(B)/aegis/test-gnu.cpio
	@touch $@
TEST_DEPS += $(B)/aegis/host_archive $(B)/aegis/test-archives.stamp
TEST_SUITES += "$(B)/aegis/host_archive $(B)/aegis/test-mkcpio.cpio $(B)/aegis/test-gnu.cpio"

# The LANCE driver against a second machine: aegis-nettest.elf (the kernel
# with aegis/tests/nettest.c as its main and netspin in its boot archive)
# on machine 1, sim/tests/lance's lancetest -o peer=echo on machine 2 (at
# the address nettest.c expects). run-guest appends its image, which
# becomes the second machine's. The kernel's own image checks the chip on
# each model above (aegis/tests/lancecheck.c; mac= names --mac's address).
NETSPIN_OBJS := $(B)/aegis/tests/user/netspin.o $(B)/aegis/tests/user/regspin.o
$(B)/aegis/user/netspin: $(NETSPIN_OBJS) $(USER_RT) aegis/user/user.ld
	@echo "  LD      $@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -T aegis/user/user.ld -o $@ $(USER_RT) $(NETSPIN_OBJS)
NETTEST_ARCHIVE := $(B)/aegis/nettest/bootarchive.cpio
$(NETTEST_ARCHIVE): $(B)/aegis/user/netspin $(B)/tools/mkcpio
	@mkdir -p $(@D)
	@echo "  CPIO    $@"
	$(Q)$(B)/tools/mkcpio $@ $(B)/aegis/user/netspin
$(B)/aegis/nettest/bootarchive.o: aegis/bootarchive.S $(NETTEST_ARCHIVE)
	@echo "  AS      $<"
	$(Q)$(MIPS_CC) $(MIPS_ASFLAGS) -DBOOT_ARCHIVE='"$(NETTEST_ARCHIVE)"' -c $< -o $@
NETTEST_OBJS := $(AEGIS_CORE_OBJS) $(B)/aegis/tests/nettest.o $(B)/aegis/nettest/bootarchive.o
$(B)/aegis/aegis-nettest.elf: $(NETTEST_OBJS) $(RT_LD) $(LIBGCC_STAMP)
	@echo "  LD      $@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -T $(RT_LD) -o $@ $(NETTEST_OBJS) $(LIBGCC)
GUEST_IMAGES += $(B)/aegis/user/netspin $(B)/aegis/aegis-nettest.elf
TEST_DEPS += $(B)/sim/tests/lance/lancetest.elf
LANCE_NETTEST = tools/run-guest --pmaxsim $(1) $(B)/sim/tests/lance/lancetest.elf -- \
	$(B)/aegis/aegis-nettest.elf --and -M $(2) --mac 08:00:2b:77:00:02 -o peer=echo --console /dev/null
TEST_SUITES += "$(call LANCE_NETTEST,5000/240,5000/240)"
TEST_SUITES += "$(call LANCE_NETTEST,5000/125,5000/125)"
TEST_SUITES += "$(call LANCE_NETTEST,5000/200,5000/240)"
TEST_SUITES += "tools/run-guest --pmaxsim 5000/200 $(B)/aegis/aegis.elf"
TEST_SUITES += "tools/run-guest --pmaxsim 5000/125 $(B)/aegis/aegis.elf -- --mac 02:00:5e:10:a0:07 -o mac=02:00:5e:10:a0:07"
# The disk's ownership table, read from a disk: untrusted input (ASan, UBSan).
$(B)/aegis/host_disktable: aegis/tests/host_disktable.c aegis/disk/table.c aegis/disk/table.h
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@ (ASan, UBSan)"
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -Iaegis/include -fsanitize=address,undefined \
	    -fno-sanitize-recover=all -o $@ aegis/tests/host_disktable.c aegis/disk/table.c
TEST_DEPS += $(B)/aegis/host_disktable
TEST_SUITES += "$(B)/aegis/host_disktable"
# The disk: ownership across reboots on a temporary image (tools/disk-test:
# the test image booted five times; disktest's phases), on GXemul's 3max
# (PMAZ-AA) and pmaxsim's three boards (IOASIC DMA; PMAZ-AA).
TEST_SUITES += "tools/disk-test --gxemul $(B)/aegis/aegis.elf"
TEST_SUITES += "tools/disk-test --pmaxsim 5000/240 $(B)/aegis/aegis.elf"
TEST_SUITES += "tools/disk-test --pmaxsim 5000/125 $(B)/aegis/aegis.elf"
TEST_SUITES += "tools/disk-test --pmaxsim 5000/200 $(B)/aegis/aegis.elf"
# DPF, the packet-filter compiler, and its tests.
include aegis/net/dpf.mk
# The invariant-checking kernels and the system-call fuzzer.
include aegis/debug.mk
# The network's tests on two machines.
include aegis/tests/net/net.mk
