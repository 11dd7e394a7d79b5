# sim/tests/bridge/bridge.mk - the host bridge (--hostfwd, libslirp) with a
# Linux 6.1 guest behind it and host programs on 127.0.0.1, under the
# plain and the ASan/UBSan simulator. (Included before bench/linux/linux.mk
# defines VMLINUX, hence the path.)
BRIDGE_VMLINUX := $(B)/bench/linux/vmlinux
TEST_DEPS += $(BRIDGE_VMLINUX) $(B)/sim/pmaxsim $(B)/sim/pmaxsim-asan
TEST_SUITES += "sim/tests/bridge/bridge-check $(B)/sim/pmaxsim $(BRIDGE_VMLINUX)"
TEST_SUITES += "sim/tests/bridge/bridge-check $(B)/sim/pmaxsim-asan $(BRIDGE_VMLINUX)"
