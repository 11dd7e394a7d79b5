#!/bin/sh
# cross/newlib.sh - build newlib 3.3.0 for MIPS I from Debian's newlib-source
# into the cache (keyed by version and flags) and print its prefix.
# Reuses a finished build; a half-finished one is discarded.
#   usage: cross/newlib.sh CACHE_DIR "ARCHFLAGS"
set -eu
cache=$1; flags=$2
version=3.3.0
tarball=/usr/src/newlib/newlib-$version.tar.xz
key=$(printf '%s|%s|%s' "$version" "$flags" "$(mipsel-linux-gnu-gcc -dumpversion)" | sha256sum | cut -c1-12)
prefix=$cache/newlib-$version-$key
if [ -f "$prefix/.done" ]; then echo "$prefix"; exit 0; fi

[ -f "$tarball" ] || { echo "newlib.sh: $tarball missing (run cross/setup)" >&2; exit 1; }
work=$cache/newlib-$version-$key.work
rm -rf "$work" "$prefix"
mkdir -p "$work/build"
echo "newlib.sh: building newlib $version for MIPS I (about 2 minutes; log in $work/build.log)" >&2
tar -C "$work" -xf "$tarball"
src=$(find "$work" -mindepth 1 -maxdepth 1 -type d ! -name build | head -n 1)
T=mipsel-linux-gnu
(
	cd "$work/build"
	"$src/configure" --target=mipsel-elf --prefix="$prefix" \
		--disable-multilib --disable-newlib-supplied-syscalls \
		CC_FOR_TARGET="$T-gcc $flags" AS_FOR_TARGET=$T-as LD_FOR_TARGET=$T-ld \
		AR_FOR_TARGET=$T-ar RANLIB_FOR_TARGET=$T-ranlib NM_FOR_TARGET=$T-nm \
		OBJDUMP_FOR_TARGET=$T-objdump READELF_FOR_TARGET=$T-readelf \
		STRIP_FOR_TARGET=$T-strip CFLAGS_FOR_TARGET="-O2 -g0"
	make -j"$(nproc)" all-target-newlib
	make install-target-newlib
) >"$work/build.log" 2>&1 || { tail -n 30 "$work/build.log" >&2; echo "newlib.sh: build failed" >&2; exit 1; }
rm -rf "$work"
touch "$prefix/.done"
echo "$prefix"
