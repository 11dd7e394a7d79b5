# cheetah/webload.mk - issue 19's load generator (webload) and the
# conventional server (httpd_conv), two ExOS programs in the boot archive;
# `make web`; their tests. Included by exos/exos.mk before its program list.

CFLAGS_cheetah ?= $(CFLAGS_exos) -Icheetah
WEBLOAD_PROG_SRCS := cheetah/webload.c cheetah/httpd_conv.c

# make web: a web server on pmaxsim, its port 80 at 127.0.0.1:$(PORT)
# (pmaxsim's --hostfwd listens on 127.0.0.1 only), until interrupted,
# serving docstore's $(B)/cheetah/web.img (cheetah/site.mk: docs/ as
# HTML). The conventional server reads the ext2 at the disk's root; Cheetah
# itself does not open the store beside it yet (ds_open wants the store's
# capabilities, which cheetah.c does not pass), so it is not the one booted.
PORT ?= 8080
.PHONY: web
web: $(B)/exos/exos.elf $(B)/sim/pmaxsim $(B)/cheetah/web.img
	@echo "make web: the conventional server httpd_conv (cheetah/httpd_conv.c), not Cheetah yet"
	@echo "make web: serving docs/ as HTML at http://127.0.0.1:$(PORT)/ (^C stops it)"
	$(B)/sim/pmaxsim -M 5000/240 --hostfwd tcp:$(PORT)-:80 -d tmp:$(B)/cheetah/web.img \
	    -o 'init=httpd_conv root=/' $(B)/exos/exos.elf

# Tests (about 32, 12 and 14 s of host time): curl and hostile clients
# through the bridge; webload on a segment of three machines against the
# conventional server and against Cheetah's test build (cheetaht, its
# in-memory site: Cheetah on docstore's disk waits for ds_open's caps).
TEST_DEPS += $(B)/exos/exos.elf $(B)/sim/pmaxsim
TEST_SUITES += "cheetah/tests/http-test $(B)/sim/pmaxsim $(B)/exos/exos.elf 'init=httpd_conv root=/site idle=2000'"
TEST_SUITES += "cheetah/tests/webload-test $(B)/sim/pmaxsim $(B)/exos/exos.elf 'init=httpd_conv root=/site'"
TEST_SUITES += "cheetah/tests/webload-test $(B)/sim/pmaxsim $(B)/exos/exos.elf init=cheetaht"
