# sim/sim.mk - pmaxsim, the cycle-counting DECstation simulator (host C11),
# its ASan/UBSan build, and its tests (fragments in sim/tests/*/ *.mk).

SIM_SRCS := $(filter-out sim/tests/%,$(wildcard sim/*.c))
SIM_HDRS := $(wildcard sim/*.h)
SIM_CFLAGS := $(HOST_CFLAGS) -O2 -D_POSIX_C_SOURCE=200809L

$(B)/sim/pmaxsim: $(SIM_SRCS) $(SIM_HDRS)
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@"
	$(Q)$(HOST_CC) $(SIM_CFLAGS) -o $@ $(SIM_SRCS) -lm

# The same simulator under AddressSanitizer and UndefinedBehaviorSanitizer.
$(B)/sim/pmaxsim-asan: $(SIM_SRCS) $(SIM_HDRS)
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@ (ASan, UBSan)"
	$(Q)$(HOST_CC) $(SIM_CFLAGS) -O1 -fsanitize=address,undefined -fno-sanitize-recover=all \
	    -fno-omit-frame-pointer -o $@ $(SIM_SRCS) -lm

HOST_TOOLS += $(B)/sim/pmaxsim
TEST_DEPS += $(B)/sim/pmaxsim $(B)/sim/pmaxsim-asan

-include $(wildcard sim/tests/*/*.mk)
