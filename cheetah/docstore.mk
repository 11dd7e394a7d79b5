# cheetah/docstore.mk - Cheetah's document store: cheetah/docstore.c
# (CHEETAH_DS_OBJ, which the server links), its guest test tstore in a
# system image of its own ($(B)/cheetah/tstore.elf: Aegis + tstore as
# init), the store test (cheetah/tests/store-test: the builder
# tools/mkwebstore on the host, tstore on pmaxsim, damaged stores) and
# the site `make web` serves (site.mk). Included by the Makefile.

# Guest C here is ExOS's (cheetah.mk may set the same).
CFLAGS_cheetah ?= $(CFLAGS_exos) -Icheetah
CHEETAH_DS_OBJ := $(B)/cheetah/docstore.o
$(CHEETAH_DS_OBJ) $(B)/cheetah/tests/tstore.o: | $(NEWLIB_STAMP)

TSTORE := $(B)/cheetah/prog/tstore
$(TSTORE): $(B)/cheetah/tests/tstore.o $(CHEETAH_DS_OBJ) $(EXOS_CRT0) $(EXOS_LIB) $(EXOS_LD) $(NEWLIB_STAMP) $(LIBGCC_STAMP)
	@mkdir -p $(@D)
	@echo "  LD      $@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -z max-page-size=4096 -T $(EXOS_LD) -o $@ $(EXOS_CRT0) $(B)/cheetah/tests/tstore.o \
	    $(CHEETAH_DS_OBJ) --start-group $(EXOS_LIB) $(NEWLIB)/lib/libc.a $(LIBGCC) --end-group
$(B)/cheetah/strip/tstore: $(TSTORE)
	@mkdir -p $(@D)
	$(Q)$(MIPS_OBJCOPY) --strip-all $< $@
$(B)/cheetah/tstore.cpio: $(B)/cheetah/strip/tstore $(B)/tools/mkcpio
	@echo "  CPIO    $@"
	$(Q)$(B)/tools/mkcpio $@ $<
$(eval $(call AEGIS_SYSTEM_IMAGE,$(B)/cheetah/tstore.elf,$(B)/cheetah/tstore.cpio))
GUEST_IMAGES += $(TSTORE) $(B)/cheetah/tstore.elf

# The builder's host checks, tstore on the disk it builds, damaged
# stores refused (about 20 s of host time).
TEST_DEPS += $(B)/cheetah/tstore.elf
TEST_SUITES += "cheetah/tests/store-test $(B)/cheetah/tstore.elf"

include cheetah/site.mk
