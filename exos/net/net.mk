# exos/net/net.mk - the network stack's tests (two or more simulated
# machines on one segment, against ExOS and against Linux 6.1) and its
# benchmarks (Table 11, Figure 2, TCP throughput). Included by exos.mk.

EXOS_NET_PAIR := exos/net/tests/net-pair
TEST_DEPS += $(B)/exos/exos.elf $(B)/bench/linux/vmlinux $(B)/sim/pmaxsim
# The unit test on one machine, booted with a bad ip= and gw= (the
# defaults must be kept).
TEST_SUITES += "tools/run-guest --pmaxsim 5000/125 --timeout 60 $(B)/exos/exos.elf -- -o 'init=netunit ip=10.0.2.300/24 gw=1.2.3.4'"
# ... and with good ones: routing through the gateway.
TEST_SUITES += "tools/run-guest --pmaxsim 5000/240 --timeout 60 $(B)/exos/exos.elf -- -o 'init=netunit netunit=gw ip=10.0.3.7/16 gw=10.0.0.1'"
# Two machines (about 5 s of host time each): ExOS with ExOS (the ASH
# server, and two clocks), ExOS with Linux 6.1 each way.
TEST_SUITES += "$(EXOS_NET_PAIR) exos 5000/125 5000/125 ash"
TEST_SUITES += "$(EXOS_NET_PAIR) exos 5000/240 5000/125 zc"
TEST_SUITES += "$(EXOS_NET_PAIR) exos-linux 5000/125 5000/125"
TEST_SUITES += "$(EXOS_NET_PAIR) linux-exos 5000/240 5000/125 ash"
TEST_SUITES += "$(EXOS_NET_PAIR) ping 5000/125 5000/240"
TEST_SUITES += "$(EXOS_NET_PAIR) multi 5000/240 5000/125"

# TCP (exos/net/tests/tcp-net): 1 MB checked byte for byte between two
# ExOS machines, the same losing 5% of frames, and against Linux 6.1 both
# ways; the host bridge's forwarded port to ExOS's TCP echo (tcp-hostfwd).
# About 45 s of host time.
TCP_NET := exos/net/tests/tcp-net
TEST_SUITES += "$(TCP_NET) exos 5000/125"
TEST_SUITES += "$(TCP_NET) exos 5000/125 0.05"
TEST_SUITES += "$(TCP_NET) linux-to-exos 5000/125"
# Linux 6.1 sending to ExOS through 5% loss: our reassembly of its segments.
TEST_SUITES += "$(TCP_NET) linux-to-exos 5000/125 0.05"
TEST_SUITES += "$(TCP_NET) exos-to-linux 5000/240"
TEST_SUITES += "exos/net/tests/tcp-hostfwd $(B)/sim/pmaxsim $(B)/exos/exos.elf"
# TCP's unit test: crafted segments on one machine (exos/net/tests/tcpunit.c).
TEST_SUITES += "tools/run-guest --pmaxsim 5000/125 --timeout 120 $(B)/exos/exos.elf -- -o init=tcpunit"
# TCP against 10000 garbage segments (exos/net/tests/tcpfuzz.c), about 3 s (8 under ASan).
TEST_SUITES += "tools/run-guest --pmaxsim 5000/240 --timeout 120 $(B)/exos/exos.elf -- -o init=tcpfuzz"
