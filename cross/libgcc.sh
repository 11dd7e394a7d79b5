#!/bin/sh
# cross/libgcc.sh - build the libgcc routines our guest code needs (64-bit
# integer arithmetic, bit counting, soft-float single and double) for MIPS I
# from gcc's own sources in Debian's gcc-12-source, into the cache (keyed by
# version and flags). Prints the directory holding libgcc.a.
# Why: Debian's cross libgcc.a is MIPS32r2 and hard-float; it traps on an
# R3000 (clz, mul, teq) or silently computes wrong floating point.
#   usage: cross/libgcc.sh CACHE_DIR "ARCHFLAGS"
set -eu
cache=$1; flags=$2
version=12.2.0
tarball=/usr/src/gcc-12/gcc-$version-dfsg.tar.xz
CC=mipsel-linux-gnu-gcc
key=$(printf '%s|%s|%s|1' "$version" "$flags" "$($CC -dumpversion)" | sha256sum | cut -c1-12)
prefix=$cache/libgcc-$version-$key
if [ -f "$prefix/.done" ]; then echo "$prefix"; exit 0; fi

[ -f "$tarball" ] || { echo "libgcc.sh: $tarball missing (run cross/setup)" >&2; exit 1; }
work=$cache/libgcc-$version-$key.work
rm -rf "$work" "$prefix"
mkdir -p "$work/stub" "$work/obj" "$prefix"
echo "libgcc.sh: building libgcc $version routines for MIPS I" >&2
tar -C "$work" -xJf "$tarball" --wildcards --no-wildcards-match-slash \
	"gcc-$version/libgcc/*" "gcc-$version/include/*"
src=$work/gcc-$version

# libgcc2.c expects gcc's build-tree headers; these stand-ins give it just
# what a 32-bit MIPS target without a C library needs.
echo '#define MIN_UNITS_PER_WORD 4' >"$work/stub/tm.h"
cat >"$work/stub/tsystem.h" <<'EOT'
#include <stddef.h>
#define CHAR_BIT 8
#define inhibit_libc 1
extern void abort(void) __attribute__((__noreturn__));
EOT
: >"$work/stub/tconfig.h"; : >"$work/stub/coretypes.h"; : >"$work/stub/libgcc_tm.h"

F="$flags -O2 -g0 -fbuilding-libgcc -DIN_LIBGCC2 -DLIBGCC2_UNITS_PER_WORD=4
   -I$work/stub -I$src/include -I$src/libgcc -I$src/libgcc/config/mips -I$src/libgcc/soft-fp"

# Integer routines from libgcc2.c, one object per L_<name> as libgcc's own
# Makefile builds them (names from LIB2FUNCS in libgcc/Makefile.in).
INT="muldi3 negdi2 lshrdi3 ashldi3 ashrdi3 cmpdi2 ucmpdi2
     divdi3 moddi3 divmoddi4 udivdi3 umoddi3 udivmoddi4 udiv_w_sdiv
     clz clzsi2 clzdi2 ctzsi2 ctzdi2 ffssi2 ffsdi2 clrsbsi2 clrsbdi2
     popcount_tab popcountsi2 popcountdi2 paritysi2 paritydi2
     bswapsi2 bswapdi2
     absvsi2 absvdi2 addvsi3 addvdi3 subvsi3 subvdi3 mulvsi3 mulvdi3 negvsi2 negvdi2
     powisf2 powidf2 mulsc3 muldc3 divsc3 divdc3"
for n in $INT; do
	# shellcheck disable=SC2086
	$CC $F -DL_$n -c "$src/libgcc/libgcc2.c" -o "$work/obj/_$n.o"
done
# Soft-float for single and double (the sfdf set of libgcc/config/t-softfp).
for f in "$src"/libgcc/soft-fp/*.c; do
	b=$(basename "$f" .c)
	case $b in *tf*|*xf*|*hf*|*bf*|*ti*) continue ;; esac
	# shellcheck disable=SC2086
	$CC $F -c "$f" -o "$work/obj/$b.o"
done
mipsel-linux-gnu-ar rcs "$prefix/libgcc.a" "$work"/obj/*.o
rm -rf "$work"
touch "$prefix/.done"
echo "$prefix"
