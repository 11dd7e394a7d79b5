# cheetah/webload.mk - issue 19's load generator (webload) and the
# conventional server (httpd_conv), two ExOS programs in the boot archive;
# the site image the tests and `make web` serve until docstore's lands;
# their tests. Included by exos/exos.mk before its program list.

CFLAGS_cheetah = $(CFLAGS_exos)
WEBLOAD_PROG_SRCS := cheetah/webload.c cheetah/httpd_conv.c
