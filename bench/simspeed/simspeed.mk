# bench/simspeed/simspeed.mk - the simulator speed benchmark's guest image.
SIMSPEED_OBJS := $(RT_BARE_OBJS) $(B)/bench/simspeed/speed.o
$(B)/bench/simspeed/speed.elf: $(SIMSPEED_OBJS) $(RT_LD) $(LIBGCC_STAMP)
	@echo "  LD      $@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -T $(RT_LD) -o $@ $(SIMSPEED_OBJS) $(LIBGCC)
GUEST_IMAGES += $(B)/bench/simspeed/speed.elf

.PHONY: simspeed
simspeed: $(B)/sim/pmaxsim $(B)/bench/simspeed/speed.elf
	$(Q)bench/simspeed/run --profile $(B)/sim/pmaxsim $(B)/bench/simspeed/speed.elf $(SIMSPEED_LINUX)

# The same compute loop as a static Linux/MIPS I program (nolibc, as
# bench/linux's), for the report's qemu-mipsel column.
SIMSPEED_LINUX := $(B)/bench/simspeed/speed-linux
$(SIMSPEED_LINUX): bench/simspeed/speed-linux.c bench/simspeed/speed.c $(LINUX_STAMP)
	@echo "  CC      $@ (static, nolibc)"
	$(Q)$(MIPS_CC) $(MIPS_ARCHFLAGS) -std=gnu11 -O2 -static -nostdlib -fno-asynchronous-unwind-tables \
	    -fno-stack-protector -Wall -Wextra -Werror -isystem $$(cat $(B)/bench/linux/src.path)/tools/include/nolibc \
	    -include nolibc.h -o $@ bench/simspeed/speed-linux.c
simspeed: $(SIMSPEED_LINUX)
