# cheetah/webload.mk - issue 19's load generator (webload) and the
# conventional server (httpd_conv), two ExOS programs in the boot archive;
# `make web`; their tests. Included by exos/exos.mk before its program list.

CFLAGS_cheetah ?= $(CFLAGS_exos) -Icheetah
WEBLOAD_PROG_SRCS := cheetah/webload.c
# httpd_conv links Cheetah's http.c (its status lines): cheetah/cheetah.mk

# make web: Cheetah on pmaxsim, its port 80 at 127.0.0.1:$(PORT)
# (pmaxsim's --hostfwd listens on 127.0.0.1 only), until interrupted,
# serving docstore's $(B)/cheetah/web.img (cheetah/site.mk: docs/ as
# HTML, in Cheetah's own store beside an ext2 holding the same site, which
# the conventional server httpd_conv reads: make web SERVER=httpd_conv).
PORT ?= 8080
.PHONY: web
SERVER ?= cheetah
web: $(B)/exos/exos.elf $(B)/sim/pmaxsim $(B)/cheetah/web.img
	@echo "make web: $(SERVER) serving docs/ as HTML at http://127.0.0.1:$(PORT)/ (^C stops it)"
	$(B)/sim/pmaxsim -M 5000/240 --hostfwd tcp:$(PORT)-:80 -d tmp:$(B)/cheetah/web.img \
	    -o 'init=$(SERVER) root=/' $(B)/exos/exos.elf

# Tests (about 50, 12 and 14 s of host time): curl and hostile clients
# through the bridge; webload on a segment of three machines against the
# conventional server and against Cheetah's test build (cheetaht, its
# in-memory site); the same curl and hostile checks against Cheetah on its
# store (http-test builds it beside the ext2 with tools/mkwebstore).
TEST_DEPS += $(B)/exos/exos.elf $(B)/sim/pmaxsim
TEST_SUITES += "cheetah/tests/http-test $(B)/sim/pmaxsim $(B)/exos/exos.elf 'init=httpd_conv root=/site idle=2000'"
TEST_SUITES += "cheetah/tests/http-test $(B)/sim/pmaxsim $(B)/exos/exos.elf 'init=cheetah idle=2'"
TEST_SUITES += "cheetah/tests/webload-test $(B)/sim/pmaxsim $(B)/exos/exos.elf 'init=httpd_conv root=/site'"
TEST_SUITES += "cheetah/tests/webload-test $(B)/sim/pmaxsim $(B)/exos/exos.elf init=cheetaht"
# Idle connections held by one load machine (webload idle=) while it and
# another fetch from Cheetah on its store (about 50 s of host time).
TEST_SUITES += "cheetah/tests/webidle-test $(B)/sim/pmaxsim $(B)/exos/exos.elf init=cheetah 10"
