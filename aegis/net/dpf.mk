# aegis/net/dpf.mk - DPF's packet-filter compiler (dpf.c, dpf_ref.c) and its
# tests: a bare-metal image comparing the compiled code with the reference
# interpreter on every board's CPU model, and the encoders against objdump.
DPF_OBJS := $(B)/aegis/net/dpf.o $(B)/aegis/net/dpf_ref.o
DPFTEST_OBJS := $(RT_BARE_OBJS) $(B)/aegis/net/tests/dpftest.o $(DPF_OBJS)
$(B)/aegis/net/tests/dpftest.elf: $(DPFTEST_OBJS) $(RT_LD) $(LIBGCC_STAMP)
	@echo "  LD      $@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -T $(RT_LD) -o $@ $(DPFTEST_OBJS) $(LIBGCC)
GUEST_IMAGES += $(B)/aegis/net/tests/dpftest.elf
TEST_DEPS += $(B)/aegis/net/tests/dpftest.elf
TEST_SUITES += "tools/run-guest --pmaxsim 5000/240 --timeout 120 $(B)/aegis/net/tests/dpftest.elf"
TEST_SUITES += "tools/run-guest --pmaxsim 5000/125 --timeout 120 $(B)/aegis/net/tests/dpftest.elf -- -o seed=7"
TEST_SUITES += "tools/run-guest --pmaxsim 5000/200 --timeout 120 $(B)/aegis/net/tests/dpftest.elf -- -o seed=1996"

# Table 7's benchmark (bench/report runs it: bench/reportlib/table7.py).
DPFBENCH_OBJS := $(RT_BARE_OBJS) $(B)/bench/dpf/dpfbench.o $(DPF_OBJS)
$(B)/bench/dpf/dpfbench.elf: $(DPFBENCH_OBJS) $(RT_LD) $(LIBGCC_STAMP)
	@echo "  LD      $@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -T $(RT_LD) -o $@ $(DPFBENCH_OBJS) $(LIBGCC)
GUEST_IMAGES += $(B)/bench/dpf/dpfbench.elf

# The encoders against objdump (host).
$(B)/aegis/net/host_dpf_enc: aegis/net/tests/host_dpf_enc.c aegis/net/dpf_mips.h
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@"
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -o $@ $<
TEST_DEPS += $(B)/aegis/net/host_dpf_enc
TEST_SUITES += "aegis/net/tests/dpf-encode-test $(B)/aegis/net/host_dpf_enc"
