# exos/net/net.mk - the network stack's tests (two or more simulated
# machines on one segment, against ExOS and against Linux 6.1) and its
# benchmarks (Table 11, Figure 2, TCP throughput). Included by exos.mk.

# TCP (exos/net/tests/tcp-net): 1 MB checked byte for byte between two
# ExOS machines, the same losing 5% of frames, and against Linux 6.1 both
# ways; the host bridge's forwarded port to ExOS's TCP echo (tcp-hostfwd).
# About 30 s of host time.
TCP_NET := exos/net/tests/tcp-net
TEST_DEPS += $(B)/exos/exos.elf $(B)/bench/linux/vmlinux $(B)/sim/pmaxsim
TEST_SUITES += "$(TCP_NET) exos 5000/125"
TEST_SUITES += "$(TCP_NET) exos 5000/125 0.05"
TEST_SUITES += "$(TCP_NET) linux-to-exos 5000/125"
TEST_SUITES += "$(TCP_NET) exos-to-linux 5000/240"
TEST_SUITES += "exos/net/tests/tcp-hostfwd $(B)/sim/pmaxsim $(B)/exos/exos.elf"
# TCP's unit test: crafted segments on one machine (exos/net/tests/tcpunit.c).
TEST_SUITES += "tools/run-guest --pmaxsim 5000/125 --timeout 120 $(B)/exos/exos.elf -- -o init=tcpunit"
