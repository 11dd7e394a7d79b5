# sim/tests/tty/tty.mk - `make run` on a pseudo-terminal (tty-check): raw
# mode, one echo, the escape keys, the terminal restored; and the ExOS
# shell's editing keys, history, Ctrl-C and Ctrl-D (shell_checks).
TEST_DEPS += $(B)/sim/pmaxsim $(B)/exos/exos.elf
TEST_SUITES += "sim/tests/tty/tty-check tools/run-guest $(B)/exos/exos.elf"
# What an idle `make run` costs the host (a benchmark: make bench runs it).
.PHONY: idle-bench
idle-bench: $(B)/sim/pmaxsim $(B)/exos/exos.elf
	$(Q)sim/tests/tty/idle-bench tools/run-guest $(B)/exos/exos.elf 30
