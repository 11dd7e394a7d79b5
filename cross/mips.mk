# cross/mips.mk - the guest (MIPS I, R3000) toolchain and flags, in one place.
# Included by the top-level Makefile and by every guest build.
#
# Why these flags: -march=r3000 keeps gcc to MIPS I; Debian's gcc defaults to
# the fpxx FP ABI, which MIPS I cannot express, so -msoft-float is required
# (no benchmark of the paper uses floating point, and soft-float keeps FP
# state out of the kernel). -G0 and -mno-abicalls -fno-pic give plain
# absolute addressing, as a kernel linked in kseg0 needs.

CROSS    ?= mipsel-linux-gnu-
MIPS_CC      := $(CROSS)gcc
MIPS_LD      := $(CROSS)ld
MIPS_AR      := $(CROSS)ar
MIPS_RANLIB  := $(CROSS)ranlib
MIPS_OBJDUMP := $(CROSS)objdump
MIPS_OBJCOPY := $(CROSS)objcopy
MIPS_NM      := $(CROSS)nm
MIPS_READELF := $(CROSS)readelf

MIPS_ARCHFLAGS := -EL -march=r3000 -mabi=32 -mno-abicalls -fno-pic -G0 -msoft-float
MIPS_CFLAGS    := $(MIPS_ARCHFLAGS) -std=gnu11 -O2 -g -ffreestanding -fno-builtin \
                  -fno-common -fno-stack-protector -Wall -Wextra -Werror
MIPS_ASFLAGS   := $(MIPS_ARCHFLAGS) -g
MIPS_LDFLAGS   := -EL -nostdlib -static --no-warn-rwx-segments

# Third-party builds (newlib, libgcc) live in a cache outside the clone,
# keyed by version and a hash of the flags that built them.
AEGIS_CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/aegis-exos
