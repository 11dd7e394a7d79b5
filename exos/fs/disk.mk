# exos/fs/disk.mk - the root disk ExOS mounts at / (exos/fs/adisk.h):
# $(B)/disk/root.img, 8 MB, made by tools/mkdisk (mke2fs -d of a folder,
# then Aegis's ownership table with ExOS's extent) from exos/fs/root
# (/etc/motd, /doc, /home) and /bin: the programs of exos/bin and the
# test programs named in DISK_PROGS (stripped). `make disk` builds it;
# `make run-disk` boots the shell with it on a throw-away overlay (tmp:).
# Included by exos/fs/fs.mk.

DISK_PROGS += $(notdir $(basename $(wildcard exos/bin/*.c))) tchild tlibc targs
DISK_IMG := $(B)/disk/root.img
DISK_TREE := $(B)/disk/tree
$(DISK_IMG): $(addprefix $(B)/exos/strip/,$(DISK_PROGS)) $(shell find exos/fs/root) \
		tools/mkdisk tools/aegisdisk.py exos/fs/adisk.h exos/fs/disk.mk | setup
	@mkdir -p $(@D)
	@echo "  MKDISK  $@"
	$(Q)rm -rf $(DISK_TREE) && cp -r exos/fs/root $(DISK_TREE) && mkdir -p $(DISK_TREE)/bin && \
	    cp $(addprefix $(B)/exos/strip/,$(DISK_PROGS)) $(DISK_TREE)/bin/ && \
	    tools/mkdisk $(DISK_TREE) $@ 8192

.PHONY: disk run-disk
disk: $(DISK_IMG)
all: $(DISK_IMG)
run-disk: all
	tools/run-guest --pmaxsim $(MODEL) --interactive $(B)/exos/exos.elf -- -d tmp:$(DISK_IMG)

# Tests: tdisk on a copy of the root disk judged by e2fsck and debugfs,
# adoption, fscap=, disks ExOS cannot use (about 20 s of host time); the
# crash test on the disk path (pmaxsim stopped at seeded cycles).
TEST_DEPS += $(DISK_IMG)
TEST_SUITES += "exos/fs/tests/adisk-test $(B)/exos/exos.elf $(DISK_IMG)"
TEST_SUITES += "exos/fs/tests/disk-crash-test $(B)/sim/pmaxsim $(B)/exos/exos.elf $(DISK_IMG) 10"
TEST_SUITES += "exos/fs/tests/shell-disk-test $(B)/sim/pmaxsim $(B)/exos/exos.elf $(DISK_IMG)"
TEST_SUITES += "exos/fs/tests/adisk-test --gxemul $(B)/exos/exos.elf $(DISK_IMG)"
