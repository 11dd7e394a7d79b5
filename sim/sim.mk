# sim/sim.mk - pmaxsim, the cycle-counting DECstation simulator (host C11),
# its ASan/UBSan build, and its tests (fragments in sim/tests/*/ *.mk).
# The simulator is compiled to objects: pmaxsim is main.o and hostterm.o
# (the process's terminal) with all the others (SIM_LIB_OBJS), which host
# programs that drive machines themselves (sim/tests/multi) link too;
# likewise for the ASan build.

SIM_SRCS := $(filter-out sim/tests/%,$(wildcard sim/*.c))
SIM_HDRS := $(wildcard sim/*.h)
SIM_CFLAGS := $(HOST_CFLAGS) -O2 -D_POSIX_C_SOURCE=200809L
SIM_ASAN_CFLAGS := $(SIM_CFLAGS) -O1 -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer

# libslirp (Debian's libslirp-dev, from cross/setup) for the host bridge.
SIM_LIBS := -lslirp -lm

SIM_OBJS := $(patsubst sim/%.c,$(B)/sim/obj/%.o,$(SIM_SRCS))
SIM_ASAN_OBJS := $(patsubst sim/%.c,$(B)/sim/obj-asan/%.o,$(SIM_SRCS))
# main.o and hostterm.o (the process's terminal) are pmaxsim's own.
SIM_LIB_OBJS := $(filter-out %/main.o %/hostterm.o,$(SIM_OBJS))
SIM_ASAN_LIB_OBJS := $(filter-out %/main.o %/hostterm.o,$(SIM_ASAN_OBJS))

# The interpreter's core: GCC's manual advises -fno-gcse for code that
# dispatches by computed goto (global CSE hoists loads to the shared
# dispatch points); here 6% fewer host instructions on the speed guest.
$(B)/sim/obj/cpu.o: SIM_CFLAGS += -fno-gcse

$(B)/sim/obj/%.o: sim/%.c $(SIM_HDRS) | setup
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@"
	$(Q)$(HOST_CC) $(SIM_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/sim/obj-asan/%.o: sim/%.c $(SIM_HDRS) | setup
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@ (ASan, UBSan)"
	$(Q)$(HOST_CC) $(SIM_ASAN_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/sim/pmaxsim: $(SIM_OBJS)
	@echo "  HOSTLD  $@"
	$(Q)$(HOST_CC) $(SIM_CFLAGS) -o $@ $(SIM_OBJS) $(SIM_LIBS)

# The same simulator under AddressSanitizer and UndefinedBehaviorSanitizer.
$(B)/sim/pmaxsim-asan: $(SIM_ASAN_OBJS)
	@echo "  HOSTLD  $@ (ASan, UBSan)"
	$(Q)$(HOST_CC) $(SIM_ASAN_CFLAGS) -o $@ $(SIM_ASAN_OBJS) $(SIM_LIBS)

HOST_TOOLS += $(B)/sim/pmaxsim
TEST_DEPS += $(B)/sim/pmaxsim $(B)/sim/pmaxsim-asan

-include $(wildcard sim/tests/*/*.mk)
