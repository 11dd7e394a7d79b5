# aegis/tests/net/net.mk - the network's tests on two machines: a system
# image (Aegis and a boot archive of the test programs) booted on both
# ends of one simulated segment, machine 1 running the program judged
# (-o init=netdemux ...) and machine 2 its peer (-o init=peerdemux ...),
# each with the station address the programs expect (netlib.c).
NETT := $(B)/aegis/tests/net
NET_PROGS_DIR := $(B)/aegis/netprogs
NET_M1 := netdemux netflood netrandom netash
# name:role[:extra flags] (rand10k: 10^4 frames, for the ASan build)
NET_PEER_ROLES := demux:1 flood:2 random:3 ping:4 rand10k:3:-DRANDOM_N=10000
NET_PEERS := $(foreach r,$(NET_PEER_ROLES),peer$(firstword $(subst :, ,$(r))))
NET_LIB := $(NETT)/netlib.o $(NETT)/upcall_net.o $(NETT)/ash_echo.o
NET_PROGS := $(addprefix $(NET_PROGS_DIR)/,$(NET_M1) $(NET_PEERS))

$(NET_PROGS_DIR)/net%: $(NETT)/net%.o $(NET_LIB) $(USER_RT) aegis/user/user.ld
	@mkdir -p $(@D)
	@echo "  LD      $@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -T aegis/user/user.ld -o $@ $(USER_RT) $< $(NET_LIB)
# One peer program per role: peer.c with ROLE set.
define NET_PEER_RULE
$(NETT)/peer$(1).o: aegis/tests/net/peer.c | setup
	@mkdir -p $$(@D)
	@echo "  CC      $$@"
	$(Q)$(MIPS_CC) $(MIPS_CFLAGS) $(CFLAGS_aegis) -DROLE=$(2) $(3) -MMD -MP -c $$< -o $$@
$(NET_PROGS_DIR)/peer$(1): $(NETT)/peer$(1).o $(NET_LIB) $(USER_RT) aegis/user/user.ld
	@mkdir -p $$(@D)
	@echo "  LD      $$@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -T aegis/user/user.ld -o $$@ $(USER_RT) $$< $(NET_LIB)
endef
$(foreach r,$(NET_PEER_ROLES),$(eval $(call NET_PEER_RULE,$(word 1,$(subst :, ,$(r))),$(word 2,$(subst :, ,$(r))),$(word 3,$(subst :, ,$(r))))))
-include $(NETT)/peer*.d

NET_ARCHIVE := $(B)/aegis/netarchive.cpio
$(NET_ARCHIVE): $(NET_PROGS) $(B)/tools/mkcpio
	@echo "  CPIO    $@"
	$(Q)$(B)/tools/mkcpio $@ $(NET_PROGS)
$(eval $(call AEGIS_SYSTEM_IMAGE,$(B)/aegis/aegis-net.elf,$(NET_ARCHIVE)))
GUEST_IMAGES += $(NET_PROGS) $(B)/aegis/aegis-net.elf
TEST_DEPS += $(B)/aegis/aegis-net.elf

# NET_PAIR(model1,model2,program,peer role,extra run options)
NET_M1_OPTS = --mac 08:00:2b:77:00:01 -o init=$(1)
NET_M2_OPTS = --and -M $(1) --mac 08:00:2b:77:00:02 -o init=peer$(2) --console /dev/null
NET_PAIR = tools/run-guest --pmaxsim $(1) --timeout 300 $(B)/aegis/aegis-net.elf -- $(5) \
	$(call NET_M1_OPTS,$(3)) $(B)/aegis/aegis-net.elf $(call NET_M2_OPTS,$(2),$(4))
TEST_SUITES += "$(call NET_PAIR,5000/125,5000/125,netdemux,demux)"
TEST_SUITES += "$(call NET_PAIR,5000/240,5000/125,netdemux,demux)"
TEST_SUITES += "$(call NET_PAIR,5000/200,5000/240,netdemux,demux)"
TEST_SUITES += "$(call NET_PAIR,5000/125,5000/240,netflood,flood)"
# 10^5 random frames (random-check runs pmaxsim itself, so run-tests does
# not repeat it under ASan: the sanitizers see the 10^4-frame run below).
TEST_SUITES += "aegis/tests/net/random-check $(B)"
TEST_SUITES += "$(call NET_PAIR,5000/240,5000/240,netrandom,rand10k,--net-mbps 100)"
TEST_SUITES += "$(call NET_PAIR,5000/125,5000/125,netash,ping)"
TEST_SUITES += "$(call NET_PAIR,5000/240,5000/200,netash,ping)"
