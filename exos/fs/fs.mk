# exos/fs/fs.mk - ExOS's ext2 library (exos/fs/*.c, part of libexos.a):
# its host test program (the same sources with the host compiler, under
# ASan and UBSan), the guest test's image (mke2fs -d of
# exos/fs/tests/tree) and the suites. Included by exos.mk before its
# program list (tfs and tdisk are ExOS programs); the root disk and its
# tests are in disk.mk.

EXOS_FS_SRCS := $(filter-out exos/fs/posix.c,$(wildcard exos/fs/*.c))
FSTEST := $(B)/exos/fs/fstest
$(FSTEST): exos/fs/tests/fstest.c $(EXOS_FS_SRCS) $(wildcard exos/fs/*.h)
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@"
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -O1 -fsanitize=address,undefined -fno-sanitize-recover=all \
	    -o $@ exos/fs/tests/fstest.c $(EXOS_FS_SRCS)
all: $(FSTEST)

# The guest's RAM disk: 2 MB, 1 KB blocks, made from the tree; linked
# into tfs as its non-zero sectors (exos/fs/tests/mksparse).
TFS_IMG := $(B)/exos/fs/tfs.sparse
$(B)/exos/fs/tfs.img: $(shell find exos/fs/tests/tree) exos/fs/fs.mk | setup
	@mkdir -p $(@D)
	@echo "  MKE2FS  $@"
	$(Q)rm -f $@ && mke2fs -q -t ext2 -b 1024 -d exos/fs/tests/tree $@ 2M
$(TFS_IMG): $(B)/exos/fs/tfs.img exos/fs/tests/mksparse
	$(Q)exos/fs/tests/mksparse $< $@
$(B)/exos/fs/tests/tfs.o: $(TFS_IMG)
$(B)/exos/fs/tests/tfs.o: CFLAGS_exos += -DTFS_IMG='"$(TFS_IMG)"'
EXOS_FS_PROG_SRCS := exos/fs/tests/tfs.c exos/fs/tests/tdisk.c

# Host: images by mke2fs (1 KB and 4 KB blocks) read, written, filled,
# refused, checked by e2fsck and debugfs (about 3 s); the crash test,
# seeded cut points in the short workload and in the full one (about
# 15 s of host time each, more on a loaded machine).
TEST_DEPS += $(FSTEST)
TEST_SUITES += "exos/fs/tests/host-test $(FSTEST)"
TEST_SUITES += "exos/fs/tests/crash-test $(FSTEST) 1024 100 small"
TEST_SUITES += "exos/fs/tests/crash-test $(FSTEST) 4096 50 small"
TEST_SUITES += "exos/fs/tests/crash-test $(FSTEST) 1024 25 full"
# Guest: the library through newlib on a RAM disk.
TEST_SUITES += "tools/run-guest --pmaxsim 5000/125 --timeout 120 $(B)/exos/exos.elf -- -o init=tfs"
include exos/fs/disk.mk
