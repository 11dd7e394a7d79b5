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

$(LINUX_INIT): bench/linux/init.c bench/linux/nolibc_str.h $(LINUX_STAMP)
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

# A hard-float program computing where the R3010 needs the kernel's FPU
# emulator (denormals, a quiet NaN) or must trap (1/0 with Z enabled).
LINUX_FPTEST := $(B)/bench/linux/fptest
$(LINUX_FPTEST): bench/linux/fptest.c bench/linux/nolibc_str.h $(LINUX_STAMP)
	@echo "  CC      $@ (static, nolibc, hard float)"
	$(Q)$(MIPS_CC) -EL -march=r3000 -mabi=32 -mhard-float -mfp32 -mno-abicalls -G0 -fno-pic -O2 -static -nostdlib \
	    -fno-asynchronous-unwind-tables -fno-stack-protector -Wall -Wextra -Werror \
	    -isystem $$(cat $(B)/bench/linux/src.path)/tools/include/nolibc \
	    -include nolibc.h -o $@ bench/linux/fptest.c
LINUX_PROGRAMS += $(LINUX_FPTEST)
$(VMLINUX): $(LINUX_FPTEST)
GUEST_IMAGES += $(LINUX_FPTEST)
# With "nofpu" Linux emulates every FP instruction: all cases must pass.
# With the R3010 in use the emulated cases meet Linux 6.1's own FPU-interrupt
# fault (fptest.c says which) and are SKIPs only when the kernel reports it.
# GXemul computes denormals in host doubles and never traps, so it runs only
# the nofpu form.
TEST_SUITES += "tools/run-guest --pmaxsim 5000/240 --timeout 300 $(VMLINUX) -- -o 'console=ttyS3 nofpu rdinit=/fptest -- nofpu'"
TEST_SUITES += "tools/run-guest --pmaxsim 5000/125 --timeout 300 $(VMLINUX) -- -o 'console=ttyS3 nofpu rdinit=/fptest -- nofpu'"
TEST_SUITES += "tools/run-guest --pmaxsim 5000/200 --timeout 300 $(VMLINUX) -- -o 'console=ttyS3 nofpu rdinit=/fptest -- nofpu'"
TEST_SUITES += "tools/run-guest --pmaxsim 5000/240 --timeout 300 $(VMLINUX) -- -o 'console=ttyS3 rdinit=/fptest'"
TEST_SUITES += "tools/run-guest --pmaxsim 5000/125 --timeout 300 $(VMLINUX) -- -o 'console=ttyS3 rdinit=/fptest'"
TEST_SUITES += "tools/run-guest --pmaxsim 5000/200 --timeout 300 $(VMLINUX) -- -o 'console=ttyS3 rdinit=/fptest'"
TEST_SUITES += "tools/run-guest --gxemul --timeout 300 $(VMLINUX) -- -o 'console=ttyS3 nofpu rdinit=/fptest -- nofpu'"

# The network oracle (nettest.c): two Linux machines on pmaxsim's segment,
# ICMP and UDP echo and Table 11's UDP round trip; its suites are in
# sim/tests/net/net.mk; bench/report runs it for Table 11 (collect.py),
# bench/linux/udp-rtt (make udp-rtt) on its own.
LINUX_NETTEST := $(B)/bench/linux/nettest
$(LINUX_NETTEST): bench/linux/nettest.c bench/linux/linux_net.h aegis/include/aegis/counter.h $(LINUX_STAMP) $(LIBGCC_STAMP)
	@echo "  CC      $@ (static, nolibc)"
	$(Q)$(MIPS_CC) $(MIPS_ARCHFLAGS) -O2 -static -nostdlib -fno-asynchronous-unwind-tables \
	    -fno-stack-protector -Wall -Wextra -Werror -isystem $$(cat $(B)/bench/linux/src.path)/tools/include/nolibc \
	    -include nolibc.h -Iaegis/include -o $@ bench/linux/nettest.c $(LIBGCC)
LINUX_PROGRAMS += $(LINUX_NETTEST)
$(VMLINUX): $(LINUX_NETTEST)
GUEST_IMAGES += $(LINUX_NETTEST)
# make udp-rtt: Table 11's 4096 round trips on two 5000/125s (MODEL= another).
.PHONY: udp-rtt
udp-rtt: $(VMLINUX) $(B)/sim/pmaxsim
	$(Q)PMAXSIM=$(B)/sim/pmaxsim VMLINUX=$(VMLINUX) bench/linux/udp-rtt $(if $(filter command line,$(origin MODEL)),$(MODEL))

# The conventional web server on Linux (bench/linux/httpd.c, issue 19):
# Cheetah's request parser (cheetah/http.c) built against nolibc too, and
# the test site (cheetah/tests/mktestsite: /site and /secret.txt beside
# it) in the initramfs; rdinit=/httpd -- ip=10.0.0.1/24 serves it.
LINUX_HTTPD := $(B)/bench/linux/httpd
LINUX_NOLIBC_CC = $(MIPS_CC) $(MIPS_ARCHFLAGS) -O2 -static -nostdlib -fno-asynchronous-unwind-tables \
	    -fno-stack-protector -Wall -Wextra -Werror -isystem $$(cat $(B)/bench/linux/src.path)/tools/include/nolibc \
	    -include nolibc.h -include bench/linux/nolibc_http.h -Ibench/linux -Icheetah
$(LINUX_HTTPD): bench/linux/httpd.c bench/linux/linux_net.h bench/linux/nolibc_http.h cheetah/http.c cheetah/http.h \
		cheetah/date.c cheetah/date.h bench/linux/stdint.h \
		$(LINUX_STAMP) $(LIBGCC_STAMP)
	@echo "  CC      $@ (static, nolibc)"
	$(Q)$(LINUX_NOLIBC_CC) -o $@ bench/linux/httpd.c cheetah/http.c cheetah/date.c $(LIBGCC)
LINUX_SITE := $(B)/bench/linux/siteroot
$(LINUX_SITE)/.stamp: cheetah/tests/mktestsite cheetah/mkmanifest
	$(Q)rm -rf $(LINUX_SITE) && cheetah/tests/mktestsite $(LINUX_SITE) && touch $@
LINUX_PROGRAMS += $(LINUX_HTTPD) $(LINUX_SITE)/
$(VMLINUX): $(LINUX_HTTPD) $(LINUX_SITE)/.stamp
GUEST_IMAGES += $(LINUX_HTTPD)
# curl and httpcheck.py's hostile clients through the bridge (about 45 s).
TEST_SUITES += "cheetah/tests/http-test $(B)/sim/pmaxsim $(VMLINUX) 'console=ttyS3 rdinit=/httpd -- ip=10.0.2.15/24 idle=2000'"
# webload (ExOS, two load machines, every byte checked, HTTP/1.0 and
# keep-alive) against it on a 5000/240 (about 45 s).
TEST_DEPS += $(B)/exos/exos.elf
TEST_SUITES += "cheetah/tests/webload-test $(B)/sim/pmaxsim $(B)/exos/exos.elf 'console=ttyS3 rdinit=/httpd -- ip=10.0.0.1/24' $(VMLINUX)"

# A Linux HTTP client (bench/linux/webget.c) checking Cheetah and
# httpd_conv from another machine (cheetah/tests/linux-webget-test).
LINUX_WEBGET := $(B)/bench/linux/webget
$(LINUX_WEBGET): bench/linux/webget.c bench/linux/linux_net.h bench/linux/nolibc_http.h $(LINUX_STAMP) $(LIBGCC_STAMP)
	@echo "  CC      $@ (static, nolibc)"
	$(Q)$(LINUX_NOLIBC_CC) -o $@ bench/linux/webget.c $(LIBGCC)
LINUX_PROGRAMS += $(LINUX_WEBGET)
$(VMLINUX): $(LINUX_WEBGET)
GUEST_IMAGES += $(LINUX_WEBGET)
TEST_SUITES += "cheetah/tests/linux-webget-test $(B)/sim/pmaxsim $(B)/exos/exos.elf $(VMLINUX)"
