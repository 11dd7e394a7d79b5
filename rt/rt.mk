# rt/rt.mk - the bare-metal runtime every image the PROM boots links (the
# Aegis kernel, the simulator's bare-metal tests, bench/calib, bench/
# simspeed, cross/tests' newlib image): _start, boot arguments, PROM calls,
# printf, string, panic, the I-cache, TAP, and the linker script rt/rt.ld.
#   $(RT_OBJS)       every image, the kernel too
#   $(RT_BARE_OBJS)  an image that is not the kernel: RT_OBJS and what rt.h
#                    asks the image for (bare.c, vector.S: the PROM as the
#                    console, Status 0, a panicking exception vector with a
#                    probe, the boot stack)
# A bare-metal image: $(MIPS_LD) $(MIPS_LDFLAGS) -T $(RT_LD) -o $@
#   $(RT_BARE_OBJS) <its own objects> $(LIBGCC)

# -ffunction-sections: rt.ld places the kernel's hot functions by name.
CFLAGS_rt := -ffunction-sections
RT_LD := rt/rt.ld
RT_SRCS := rt/start.S rt/boot.c rt/prom.c rt/printf.c rt/string.c \
	rt/panic.c rt/cache.S rt/tap.c
RT_OBJS := $(patsubst %,$(B)/%.o,$(basename $(RT_SRCS)))
RT_BARE_OBJS := $(RT_OBJS) $(B)/rt/bare.o $(B)/rt/vector.o

# Host unit test: the runtime's printf against the C library's.
$(B)/rt/host_printf: rt/tests/host_printf.c rt/printf.c rt/string.c rt/rt.h
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@"
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -Wno-format -fno-builtin -o $@ rt/tests/host_printf.c rt/printf.c rt/string.c
TEST_DEPS += $(B)/rt/host_printf
TEST_SUITES += "$(B)/rt/host_printf"
