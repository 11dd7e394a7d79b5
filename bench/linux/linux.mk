# bench/linux/linux.mk - the monolithic baseline: Linux 6.1 for the
# DECstation with our init, built in the cache (bench/linux/build.sh).

LINUX_STAMP := $(B)/bench/linux/src.stamp
LINUX_INIT := $(B)/bench/linux/init
VMLINUX := $(B)/bench/linux/vmlinux

# The unpacked, configured tree (for nolibc); its path is kept in a file.
$(LINUX_STAMP): bench/linux/build.sh | setup
	@mkdir -p $(@D)
	$(Q)bench/linux/build.sh "$(AEGIS_CACHE)" prepare > $(B)/bench/linux/src.path
	@touch $@

$(LINUX_INIT): bench/linux/init.c $(LINUX_STAMP)
	@echo "  CC      $@ (static, nolibc)"
	$(Q)$(MIPS_CC) $(MIPS_ARCHFLAGS) -O2 -static -nostdlib -fno-asynchronous-unwind-tables \
	    -fno-stack-protector -Wall -Wextra -Werror -isystem $$(cat $(B)/bench/linux/src.path)/tools/include/nolibc \
	    -include nolibc.h -o $@ bench/linux/init.c

# LINUX_PROGRAMS: more programs for the initramfs (other rooms add to it
# and make $(VMLINUX) depend on them); each is run with rdinit=/NAME.
$(VMLINUX): $(LINUX_INIT) bench/linux/build.sh
	@echo "  LINUX   $@ (the first build takes about 10 minutes)"
	$(Q)bench/linux/build.sh "$(AEGIS_CACHE)" build $(LINUX_INIT) $@ $(LINUX_PROGRAMS)

GUEST_IMAGES += $(LINUX_INIT)
TEST_DEPS += $(VMLINUX)
TEST_SUITES += "tools/run-guest --gxemul --timeout 300 $(VMLINUX) -- -o 'console=ttyS3 gxemul'"
TEST_SUITES += "tools/run-guest --pmaxsim 5000/240 --timeout 300 $(VMLINUX) -- -o console=ttyS3"
TEST_SUITES += "tools/run-guest --pmaxsim 5000/125 --timeout 300 $(VMLINUX) -- -o console=ttyS3"
