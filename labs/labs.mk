# labs/labs.mk - the tour's self-checking labs (docs/tour/labs.md). Each lab
# NAME has a skeleton the student edits (labs/NAME/NAME.c), a checker
# program (labs/NAME/check.c) and a reference solution
# (labs/NAME/solution/NAME.c). Two bootable images are built, each Aegis +
# a boot archive holding the checker (and LAB_EXTRA_NAME programs) linked
# with one version of NAME.c:
#   $(B)/labs/NAME/student.elf   from labs/NAME/NAME.c
#   $(B)/labs/NAME/solution.elf  from labs/NAME/solution/NAME.c
# Everything lives under $(B)/labs/, so a lab never disturbs the normal
# build, and a student's broken file breaks only `make lab-NAME`.
#   make lab-NAME   build the student's image and run its checker
#   make test       labs/lab-test: the reference passes; the skeleton and
#                   each mutant (labs/NAME/mutants/M.c, a plausible wrong
#                   answer: $(B)/labs/NAME/mutant-M.elf) are rejected

CFLAGS_labs := $(CFLAGS_exos) -Ilabs
LABS := tlbmiss lottery pagetable

# The page-table lab's table takes the place of the inverted one, so that
# vm_init(VM_INVERTED) and every ExOS program linked with it use it.
LAB_LDFLAGS_pagetable := --defsym=pt_inverted=pt_lab
# Programs of ExOS's own linked with the lab's file too (run by the checker).
LAB_EXTRA_pagetable := exos/tests/tvm exos/tests/vmbench

# A newline, between the rules a foreach makes.
define LAB_NL


endef

# LAB_PROG(lab, variant, prog name, its object, the lab's object)
define LAB_PROG
$(B)/labs/$(1)/$(2)/prog/$(3): $(4) $(5) $(EXOS_CRT0) $(EXOS_LIB) $(EXOS_LD) labs/labs.mk $(NEWLIB_STAMP) $(LIBGCC_STAMP)
	@mkdir -p $$(@D)
	@echo "  LD      $$@"
	$(Q)$(MIPS_LD) $(MIPS_LDFLAGS) -z max-page-size=4096 -T $(EXOS_LD) $(LAB_LDFLAGS_$(1)) -o $$@ \
	    $(EXOS_CRT0) $(4) $(5) --start-group $(EXOS_LIB) $(NEWLIB)/lib/libc.a $(LIBGCC) --end-group
$(B)/labs/$(1)/$(2)/strip/$(3): $(B)/labs/$(1)/$(2)/prog/$(3)
	@mkdir -p $$(@D)
	$(Q)$(MIPS_OBJCOPY) --strip-all $$< $$@
endef

# LAB_IMAGE(lab, variant, the lab's object): the variant's programs, archive
# and system image $(B)/labs/lab/variant.elf.
define LAB_IMAGE
$(call LAB_PROG,$(1),$(2),check,$(B)/labs/$(1)/check.o,$(3))
$(foreach p,$(LAB_EXTRA_$(1)),$(call LAB_PROG,$(1),$(2),$(notdir $(p)),$(B)/$(p).o,$(3))$(LAB_NL))
$(B)/labs/$(1)/$(2)/archive.cpio: $(addprefix $(B)/labs/$(1)/$(2)/strip/,check $(notdir $(LAB_EXTRA_$(1)))) $(B)/tools/mkcpio
	@echo "  CPIO    $$@"
	$(Q)$(B)/tools/mkcpio $$@ $$(filter-out $(B)/tools/mkcpio,$$^)
$(eval $(call AEGIS_SYSTEM_IMAGE,$(B)/labs/$(1)/$(2).elf,$(B)/labs/$(1)/$(2)/archive.cpio))
endef

$(foreach l,$(LABS),$(eval $(call LAB_IMAGE,$(l),student,$(B)/labs/$(l)/$(l).o)))
$(foreach l,$(LABS),$(eval $(call LAB_IMAGE,$(l),solution,$(B)/labs/$(l)/solution/$(l).o)))
# Wrong answers the checker must reject (labs/NAME/mutants/*.c): one
# image each, $(B)/labs/NAME/mutant-M.elf, so that a checker too lenient
# to catch a plausible bug fails make test.
LAB_MUTANTS = $(basename $(notdir $(wildcard labs/$(1)/mutants/*.c)))
$(foreach l,$(LABS),$(foreach m,$(call LAB_MUTANTS,$(l)),$(eval $(call LAB_IMAGE,$(l),mutant-$(m),$(B)/labs/$(l)/mutants/$(m).o))))
$(foreach l,$(LABS),$(B)/labs/$(l)/check.o $(B)/labs/$(l)/$(l).o $(B)/labs/$(l)/solution/$(l).o \
	$(patsubst %,$(B)/labs/$(l)/mutants/%.o,$(call LAB_MUTANTS,$(l)))): | $(NEWLIB_STAMP)

LAB_TARGETS := $(addprefix lab-,$(LABS))
.PHONY: $(LAB_TARGETS)
$(LAB_TARGETS): lab-%: $(B)/labs/%/student.elf $(B)/sim/pmaxsim
	$(Q)cross/lint $(B)/labs/$*/student/prog/*
	$(Q)labs/check $* $(B)/labs/$*/student.elf

# The reference solutions are part of the tree: built and linted by `make`.
GUEST_IMAGES += $(foreach l,$(LABS),$(B)/labs/$(l)/solution.elf \
	$(B)/labs/$(l)/solution/prog/check $(addprefix $(B)/labs/$(l)/solution/prog/,$(notdir $(LAB_EXTRA_$(l)))))
TEST_DEPS += $(foreach l,$(LABS),$(B)/labs/$(l)/student.elf $(B)/labs/$(l)/solution.elf \
	$(patsubst %,$(B)/labs/$(l)/mutant-%.elf,$(call LAB_MUTANTS,$(l))))
TEST_SUITES += "labs/lab-test $(LABS)"
