# cheetah/webload.mk - issue 19's load generator (webload) and the
# conventional server (httpd_conv), two ExOS programs in the boot archive;
# the site image the tests and `make web` serve until docstore's lands;
# their tests. Included by exos/exos.mk before its program list.

CFLAGS_cheetah = $(CFLAGS_exos)
WEBLOAD_PROG_SRCS := cheetah/webload.c cheetah/httpd_conv.c

# The conventional server's site for `make web`: docs/ as HTML on an ext2
# disk (tools/mkdisk), the pages at / of the disk.
CONV_SITE_IMG := $(B)/cheetah/conv-site.img
$(CONV_SITE_IMG): $(wildcard docs/*.md) cheetah/mkdocsite cheetah/mkmanifest tools/mkdisk | setup
	@mkdir -p $(@D)
	@echo "  MKDISK  $@"
	$(Q)cheetah/mkdocsite docs $(B)/cheetah/conv-site && tools/mkdisk $(B)/cheetah/conv-site $@ 4096 >/dev/null
all: $(CONV_SITE_IMG)

# make web: a web server on pmaxsim, its port 80 at 127.0.0.1:$(PORT)
# (pmaxsim's --hostfwd listens on 127.0.0.1 only), until interrupted.
# Cheetah is not merged yet: this boots the conventional server.
PORT ?= 8080
.PHONY: web
web: $(B)/exos/exos.elf $(B)/sim/pmaxsim $(CONV_SITE_IMG)
	@echo "make web: the conventional server (cheetah/httpd_conv.c; Cheetah itself is not in yet)"
	@echo "make web: serving docs/ as HTML at http://127.0.0.1:$(PORT)/ (^C stops it)"
	$(B)/sim/pmaxsim -M 5000/240 --hostfwd tcp:$(PORT)-:80 -d tmp:$(CONV_SITE_IMG) \
	    -o 'init=httpd_conv root=/' $(B)/exos/exos.elf

# Tests (about 20 and 12 s of host time): curl and hostile clients through
# the bridge; webload on a segment of three machines.
TEST_DEPS += $(B)/exos/exos.elf $(B)/sim/pmaxsim
TEST_SUITES += "cheetah/tests/http-test $(B)/sim/pmaxsim $(B)/exos/exos.elf 'init=httpd_conv root=/site idle=2000'"
TEST_SUITES += "cheetah/tests/webload-test $(B)/sim/pmaxsim $(B)/exos/exos.elf 'init=httpd_conv root=/site'"
