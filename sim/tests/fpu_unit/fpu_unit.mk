# sim/tests/fpu_unit/fpu_unit.mk - host unit test of the R3010 model
# (sim/fpu.c) under ASan/UBSan; prints TAP lines. -frounding-math: the last
# group compares against the host's arithmetic under fesetround().

FPU_UNIT := $(B)/sim/fpu_unit
$(FPU_UNIT): sim/tests/fpu_unit/fpu_unit.c sim/fpu.c sim/fpu.h sim/timing.h
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@ (ASan, UBSan)"
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -O1 -frounding-math -fsanitize=address,undefined \
	    -fno-sanitize-recover=all -fno-omit-frame-pointer -o $@ \
	    sim/tests/fpu_unit/fpu_unit.c sim/fpu.c -lm

TEST_DEPS += $(FPU_UNIT)
TEST_SUITES += "$(FPU_UNIT)"
