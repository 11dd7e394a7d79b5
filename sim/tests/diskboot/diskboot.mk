# sim/tests/diskboot/diskboot.mk - the PROM boots from a disk (issue 18):
# pmaxsim --boot rzN on disks made by tools/mkbootdisk. promdisk.elf
# checks the hand-off and the PROM's disk calls; Aegis+ExOS (exos.elf)
# booted from a disk that also carries ext2 runs exostest on each model;
# Aegis's test image booted from a disk keeps everyone off the kernel's
# extent (disktest=6);
# the PROM's refusals (no boot block, bad magic, loads outside RAM ...) and
# mkbootdisk's; and GXemul booting the same image from its own PROM
# emulation (sim/tests/diskboot/diskboot-run). Under 30 s each.
PROMDISK_OBJS := $(RT_BARE_OBJS) $(B)/sim/tests/diskboot/promdisk.o
$(B)/sim/tests/diskboot/promdisk.elf: $(PROMDISK_OBJS) $(RT_LD) $(LIBGCC_STAMP)
	@echo "  LD      $@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -T $(RT_LD) -o $@ $(PROMDISK_OBJS) $(LIBGCC)
GUEST_IMAGES += $(B)/sim/tests/diskboot/promdisk.elf
TEST_DEPS += $(B)/sim/tests/diskboot/promdisk.elf $(B)/sim/pmaxsim $(B)/exos/exos.elf $(B)/aegis/aegis.elf
TEST_SUITES += "sim/tests/diskboot/diskboot-run calls 5000/240"
TEST_SUITES += "sim/tests/diskboot/diskboot-run exos 5000/240"
TEST_SUITES += "sim/tests/diskboot/diskboot-run exos 5000/125"
TEST_SUITES += "sim/tests/diskboot/diskboot-run exos 5000/200"
TEST_SUITES += "sim/tests/diskboot/diskboot-run table 5000/240"
TEST_SUITES += "sim/tests/diskboot/diskboot-run table 5000/200"
TEST_SUITES += "sim/tests/diskboot/diskboot-run host"
TEST_SUITES += "sim/tests/diskboot/diskboot-run gxemul"
TEST_DEPS += $(B)/sim/pmaxsim-asan
TEST_SUITES += "PMAXSIM=$(B)/sim/pmaxsim-asan sim/tests/diskboot/diskboot-run calls 5000/125"
