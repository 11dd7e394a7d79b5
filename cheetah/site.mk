# cheetah/site.mk - the site `make web` serves: docs/*.md as HTML
# (cheetah/md2html.py) in $(B)/cheetah/site/ with an index.html and a
# style sheet, and $(B)/cheetah/web.img, one disk holding both file
# systems: ExOS's ext2 made by tools/mkdisk whose root is the site (for
# the conventional server), and Cheetah's store of the same site beside
# it (tools/mkwebstore --beside: an extent of its own with Cheetah's
# capabilities). Included by cheetah/docstore.mk.

CHEETAH_SITE := $(B)/cheetah/site
CHEETAH_WEB_IMG := $(B)/cheetah/web.img
# the ext2's size in KB; the store adds its own blocks after it
CHEETAH_WEB_KB := 4096
$(CHEETAH_SITE)/index.html: cheetah/md2html.py $(wildcard docs/*.md) cheetah/site.mk
	@echo "  MD2HTML $(CHEETAH_SITE)"
	$(Q)rm -rf $(CHEETAH_SITE) && python3 cheetah/md2html.py $(CHEETAH_SITE) $(wildcard docs/*.md)
$(CHEETAH_WEB_IMG): $(CHEETAH_SITE)/index.html tools/mkwebstore tools/webstore.py tools/mkdisk tools/aegisdisk.py \
		exos/fs/adisk.h | setup
	@echo "  WEBSTORE $@"
	$(Q)rm -f $@.tmp && tools/mkdisk $(CHEETAH_SITE) $@.tmp $(CHEETAH_WEB_KB) && \
	    tools/mkwebstore --beside $(CHEETAH_SITE) $@.tmp && mv $@.tmp $@
all: $(CHEETAH_WEB_IMG)

# The site's disk: both file systems hold every page, the store's
# documents and the ext2's files byte for byte the site's, e2fsck clean,
# every local link of every page resolves in the store (about 2 s).
TEST_DEPS += $(CHEETAH_WEB_IMG)
TEST_SUITES += "cheetah/tests/site-test $(CHEETAH_SITE) $(CHEETAH_WEB_IMG)"
