# bench/posix/posix.mk - the paper's benchmarks as a POSIX program
# (bench/posix/README.md), built static against nolibc and put in the
# Linux baseline's initramfs as /posix, run instead of /init with
# rdinit=/posix on the kernel command line.

POSIX_LINUX := $(B)/bench/posix/posix

$(POSIX_LINUX): bench/posix/posix.c bench/posix/sys_nolibc.h bench/kernels/matrix.h aegis/include/aegis/counter.h $(LINUX_STAMP) $(LIBGCC_STAMP)
	@mkdir -p $(@D)
	@echo "  CC      $@ (static, nolibc)"
	$(Q)$(MIPS_CC) $(MIPS_ARCHFLAGS) -O2 -static -nostdlib -fno-asynchronous-unwind-tables \
	    -fno-stack-protector -Wall -Wextra -Werror -isystem $$(cat $(B)/bench/linux/src.path)/tools/include/nolibc \
	    -include nolibc.h -Iaegis/include -o $@ bench/posix/posix.c $(LIBGCC)

LINUX_PROGRAMS += $(POSIX_LINUX)
$(VMLINUX): $(POSIX_LINUX)
GUEST_IMAGES += $(POSIX_LINUX)
# The smoke subset: a fiftieth of the iterations, one trial (about 2 s).
TEST_SUITES += "tools/run-guest --pmaxsim 5000/125 --timeout 60 $(VMLINUX) -- -o 'console=ttyS3 rdinit=/posix -- quick'"
