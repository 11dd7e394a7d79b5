# sim/tests/scsi/scsi.mk - pmaxsim's SCSI (issue 18): the in-guest test of
# the NCR 53C94 and two disks on each board (IOASIC SCSI DMA on the
# 5000/240 and 5000/125, the PMAZ-AA's SRAM on the 5000/200), and the
# host's checks of -d (errors, ro:, tmp: leaving the image unchanged).
# sim/tests/scsi/scsi-run makes the images. A few seconds each.
SCSITEST_OBJS := $(RT_BARE_OBJS) $(B)/sim/tests/scsi/scsitest.o
$(B)/sim/tests/scsi/scsitest.elf: $(SCSITEST_OBJS) $(RT_LD) $(LIBGCC_STAMP)
	@echo "  LD      $@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -T $(RT_LD) -o $@ $(SCSITEST_OBJS) $(LIBGCC)
GUEST_IMAGES += $(B)/sim/tests/scsi/scsitest.elf
TEST_DEPS += $(B)/sim/tests/scsi/scsitest.elf $(B)/sim/pmaxsim
TEST_SUITES += "sim/tests/scsi/scsi-run guest 5000/240"
TEST_SUITES += "sim/tests/scsi/scsi-run guest 5000/125"
TEST_SUITES += "sim/tests/scsi/scsi-run guest 5000/200"
TEST_SUITES += "sim/tests/scsi/scsi-run host"
# Once under the ASan/UBSan build (the suites above do not say "--pmaxsim",
# so run-tests does not repeat them): the PMAZ-AA path and the host checks.
TEST_DEPS += $(B)/sim/pmaxsim-asan
TEST_SUITES += "PMAXSIM=$(B)/sim/pmaxsim-asan sim/tests/scsi/scsi-run guest 5000/200"
TEST_SUITES += "PMAXSIM=$(B)/sim/pmaxsim-asan sim/tests/scsi/scsi-run host"
