# sim/tests/net/net.mk - the simulated Ethernet judged by a third party:
# two unmodified Linux 6.1 kernels (declance) on one pmaxsim segment, the
# client and server of bench/linux/nettest.c (sim/tests/net/linux-net), on
# each model and on two of different clocks, run twice for determinism,
# losing frames, captured and read back with tcpdump, and once under the
# ASan/UBSan build. About 35 s of host time.
# (The suites do not say "--pmaxsim", so run-tests does not repeat them all
# under ASan: one ASan run is the one below.)
LINUX_NET := sim/tests/net/linux-net
TEST_DEPS += $(B)/bench/linux/vmlinux $(B)/sim/pmaxsim $(B)/sim/pmaxsim-asan
TEST_SUITES += "$(LINUX_NET) pair 5000/240"
TEST_SUITES += "$(LINUX_NET) pair 5000/125"
TEST_SUITES += "$(LINUX_NET) pair 5000/200"
# Two clocks on one segment (40 and 25 MHz): the client boots first and
# pings until the server is up.
TEST_SUITES += "$(LINUX_NET) pair 5000/240 5000/125"
TEST_SUITES += "$(LINUX_NET) determinism 5000/125"
TEST_SUITES += "$(LINUX_NET) pcap 5000/240"
TEST_SUITES += "$(LINUX_NET) loss 5000/125"
TEST_SUITES += "PMAXSIM=$(B)/sim/pmaxsim-asan $(LINUX_NET) --rounds 50 pair 5000/240"
