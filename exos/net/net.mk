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
# Figure 2's method (exos/net/tests/fig2-check): K = 1, 2, 8 active
# processes, with the ASH flat, without it K times K = 1's. About 5 s each.
TEST_SUITES += "exos/net/tests/fig2-check $(B) 5000/125"
TEST_SUITES += "exos/net/tests/fig2-check $(B) 5000/240"

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

# echod and necho on two machines (two clocks): 50 UDP datagrams of 8000
# bytes (fragmented both ways), and 1 MB over TCP, every byte checked by
# necho. About 1 and 3 s of host time.
NECHO_RUN = tools/run-guest --pmaxsim $(1) --timeout 120 $(B)/exos/exos.elf -- \
	--mac 08:00:2b:77:00:01 -o 'init=necho ip=10.0.0.1/24 peer=10.0.0.2 $(3)' $(B)/exos/exos.elf \
	--and -M $(2) --mac 08:00:2b:77:00:02 -o 'init=echod ip=10.0.0.2/24' --console /dev/null
TEST_SUITES += "$(call NECHO_RUN,5000/125,5000/240,proto=udp n=50 size=8000)"
TEST_SUITES += "$(call NECHO_RUN,5000/240,5000/125,proto=tcp n=1048576)"

# Hostile input (exos/net/hostile/nethostile.c): a raw-frame attacker on
# Aegis's ABI alone (the network tests' netlib) on machine 1, its own
# system image; ExOS's echod on machine 2 (ip=10.0.0.2/24). TAP on the
# attacker's console.
HOSTILE_O := $(B)/exos/net/hostile/nethostile.o
$(HOSTILE_O): exos/net/hostile/nethostile.c | setup
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(MIPS_CC) $(MIPS_CFLAGS) -fno-tree-loop-distribute-patterns $(CFLAGS_aegis) -MMD -MP -c $< -o $@
$(B)/exos/hostile/nethostile: $(HOSTILE_O) $(NET_LIB) $(USER_RT) aegis/user/user.ld
	@mkdir -p $(@D)
	@echo "  LD      $@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -T aegis/user/user.ld -o $@ $(USER_RT) $< $(NET_LIB)
HOSTILE_ARCHIVE := $(B)/exos/hostile.cpio
$(HOSTILE_ARCHIVE): $(B)/exos/hostile/nethostile $(B)/tools/mkcpio
	@echo "  CPIO    $@"
	$(Q)$(B)/tools/mkcpio $@ $(B)/exos/hostile/nethostile
$(eval $(call AEGIS_SYSTEM_IMAGE,$(B)/exos/hostile.elf,$(HOSTILE_ARCHIVE)))
GUEST_IMAGES += $(B)/exos/hostile/nethostile $(B)/exos/hostile.elf
TEST_DEPS += $(B)/exos/hostile.elf
# (run-guest puts its image last: machine 2's; machine 1's comes first.)
# echod drops a silent client after 5 s (idle=5) instead of 30, so that the
# test waits less. About 7 s of host time (and its ASan run).
HOSTILE_RUN = tools/run-guest --pmaxsim $(1) --timeout 300 $(B)/exos/exos.elf -- \
	--mac 08:00:2b:77:00:01 -o init=nethostile $(B)/exos/hostile.elf \
	--and -M $(2) --mac 08:00:2b:77:00:02 -o 'init=echod ip=10.0.0.2/24 idle=5' --console /dev/null
TEST_SUITES += "$(call HOSTILE_RUN,5000/240,5000/125)"

