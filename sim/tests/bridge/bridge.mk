# sim/tests/bridge/bridge.mk - the host bridge (--hostfwd, libslirp) with a
# Linux 6.1 guest behind it and host programs on 127.0.0.1, under the
# plain and the ASan/UBSan simulator.
TEST_DEPS += $(VMLINUX)
TEST_SUITES += "sim/tests/bridge/bridge-check $(B)/sim/pmaxsim $(VMLINUX)"
TEST_SUITES += "sim/tests/bridge/bridge-check $(B)/sim/pmaxsim-asan $(VMLINUX)"
