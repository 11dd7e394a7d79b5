# exos/tests/proc.mk - fork, exec and wait's test (tfork, an ExOS test
# program the runner starts) and the bare program it execs from its RAM
# disk (texecee: aegis/user's runtime, no newlib, so that it is small
# enough to embed). Included by exos.mk.
TEXECEE := $(B)/exos/tests/exec/texecee
$(TEXECEE): $(B)/exos/tests/exec/texecee.o $(USER_RT) aegis/user/user.ld
	@mkdir -p $(@D)
	@echo "  LD      $@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -z max-page-size=4096 -T aegis/user/user.ld -o $@ $(USER_RT) $< && \
	    $(MIPS_OBJCOPY) --strip-all $@
$(B)/exos/tests/exec/texecee.o: exos/tests/exec/texecee.c | setup
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(MIPS_CC) $(MIPS_CFLAGS) -Iaegis/include -c $< -o $@
# tfork's RAM disk: an empty 384 KB ext2 file system (96 pages of heap:
# a fork shares every heap page, at most AEGIS_IMG_MAX entries in all).
TFORK_IMG := $(B)/exos/tests/tfork.sparse
$(B)/exos/tests/tfork.img: exos/tests/proc.mk | setup
	@mkdir -p $(@D)
	@echo "  MKE2FS  $@"
	$(Q)rm -f $@ && mke2fs -q -F -t ext2 -b 1024 $@ 384k
$(TFORK_IMG): $(B)/exos/tests/tfork.img exos/fs/tests/mksparse
	$(Q)exos/fs/tests/mksparse $< $@
$(B)/exos/tests/tfork.o: $(TEXECEE) $(TFORK_IMG)
$(B)/exos/tests/tfork.o: CFLAGS_exos += -DTEXECEE='"$(TEXECEE)"' -DTFORK_IMG='"$(TFORK_IMG)"'
GUEST_IMAGES += $(TEXECEE)

# The shell runs programs from the root disk by fork + execv (about 1 s).
TEST_SUITES += "exos/tests/shell-exec-test $(B)/sim/pmaxsim $(B)/exos/exos.elf $(DISK_IMG)"
