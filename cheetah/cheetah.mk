# cheetah/cheetah.mk - the Cheetah web server (an ExOS program "cheetah"
# in the boot archive), its test build "cheetaht" on the in-memory store
# of cheetah/tests/ and the test client "webget"; their tests. Included
# by the Makefile after exos/exos.mk (it adds to that archive).

CFLAGS_cheetah := $(CFLAGS_exos) -Icheetah
CHEETAH_SRV := cheetah/cheetah.c cheetah/http.c cheetah/date.c
# The product needs the real store (cheetah/docstore.c, its own branch).
CHEETAH_DS := $(wildcard cheetah/docstore.c)
CHEETAH_PROGS := cheetaht webget httpd_conv
CHEETAH_cheetaht := $(CHEETAH_SRV) cheetah/tests/dsmem.c
CHEETAH_webget := cheetah/tests/webget.c
# The conventional server (cheetah/webload.mk says why it is here).
CHEETAH_httpd_conv := cheetah/httpd_conv.c cheetah/http.c cheetah/date.c
ifneq ($(CHEETAH_DS),)
CHEETAH_PROGS += cheetah
CHEETAH_cheetah := $(CHEETAH_SRV) $(CHEETAH_DS)
endif

define CHEETAH_PROG_RULE
$(B)/exos/prog/$(1): $(patsubst %.c,$(B)/%.o,$(CHEETAH_$(1))) $(EXOS_CRT0) $(EXOS_LIB) $(EXOS_LD) cheetah/cheetah.mk $(NEWLIB_STAMP) $(LIBGCC_STAMP)
	@mkdir -p $$(@D)
	@echo "  LD      $$@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -z max-page-size=4096 -T $(EXOS_LD) -o $$@ $(EXOS_CRT0) $(patsubst %.c,$(B)/%.o,$(CHEETAH_$(1))) \
	    --start-group $(EXOS_LIB) $(NEWLIB)/lib/libc.a $(LIBGCC) --end-group
$(patsubst %.c,$(B)/%.o,$(CHEETAH_$(1))): | $(NEWLIB_STAMP)
endef
$(foreach p,$(CHEETAH_PROGS),$(eval $(call CHEETAH_PROG_RULE,$(p))))

# Into ExOS's boot archive (its recipe lists EXOS_STRIPPED when it runs).
CHEETAH_STRIPPED := $(addprefix $(B)/exos/strip/,$(CHEETAH_PROGS))
EXOS_STRIPPED += $(CHEETAH_STRIPPED)
$(EXOS_ARCHIVE): $(CHEETAH_STRIPPED)
GUEST_IMAGES += $(addprefix $(B)/exos/prog/,$(CHEETAH_PROGS))

# Tests (cheetah/tests/web-test, two machines each; 10 to 25 s of host
# time each): the techniques on and off serving identical bytes (two
# halves, two clocks), 5% frame loss, hostile requests, packet merging
# counted in a capture.
TEST_DEPS += $(B)/exos/exos.elf $(B)/sim/pmaxsim
TEST_SUITES += "cheetah/tests/web-test fetch 5000/240 '-merge -csum -hdr'"
TEST_SUITES += "cheetah/tests/web-test fetch 5000/125 '-pktmerge -group none'"
TEST_SUITES += "cheetah/tests/web-test loss 5000/240"
TEST_SUITES += "cheetah/tests/web-test hostile 5000/125"
TEST_SUITES += "cheetah/tests/web-test pcap 5000/240"
TEST_SUITES += "cheetah/tests/web-test store 5000/125"
