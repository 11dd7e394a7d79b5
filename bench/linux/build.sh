#!/bin/sh
# bench/linux/build.sh - build the Linux 6.1 DECstation kernel (Debian's
# linux-source-6.1, decstation_defconfig plus an embedded initramfs) with
# the MIPS I cross compiler, in the cache outside the clone (keyed by the
# source package version, the compiler and this script), and copy vmlinux
# to OUT. The first build takes about 9 minutes on 2 cores; later calls
# with a new INIT only regenerate the initramfs and relink (about a minute).
# The kernel source is not modified.
#   usage: bench/linux/build.sh CACHE_DIR prepare
#            unpack and configure if needed; print the source tree's path
#          bench/linux/build.sh CACHE_DIR build INIT_BINARY OUT_VMLINUX [PROGRAM|FOLDER/...]
#            INIT_BINARY becomes /init; each PROGRAM goes in as /NAME, to be
#            run instead with rdinit=/NAME on the kernel command line; each
#            FOLDER/ (a folder, named with a trailing slash) has what it
#            holds put at / (folders 755, files 644: a web site, say)
# The initramfs is reproducible: every file in it and every folder has
# one fixed mtime (KBUILD_BUILD_TIMESTAMP, gen_init_cpio -t), and the list
# carries a digest of the contents, so a changed file still relinks.
set -eu
cache=$1 mode=${2:-}
case $mode in
prepare) ;;
build) init=$3 out=$4; shift 4 ;;
*) echo "usage: $0 CACHE_DIR prepare | CACHE_DIR build INIT OUT [PROGRAM...]" >&2; exit 2 ;;
esac
tarball=/usr/src/linux-source-6.1.tar.xz
[ -f "$tarball" ] || { echo "linux/build.sh: $tarball missing (run cross/setup)" >&2; exit 1; }
ver=$(dpkg-query -W -f='${Version}' linux-source-6.1)
here=$(cd "$(dirname "$0")" && pwd)
key=$(printf '%s|%s|%s' "$ver" "$(mipsel-linux-gnu-gcc -dumpversion)" \
	"$(sed -n '/^# --- config ---/,/^# --- end ---/p' "$0")" | sha256sum | cut -c1-12)
dir=$cache/linux-6.1-$key
M="make -s ARCH=mips CROSS_COMPILE=mipsel-linux-gnu- -j$(nproc)"

if [ ! -f "$dir/.configured" ]; then
	rm -rf "$dir"
	mkdir -p "$dir/obj" "$dir/initramfs"
	echo "linux/build.sh: unpacking linux-source $ver into $dir" >&2
	tar -C "$dir" -xJf "$tarball"
	mv "$dir"/linux-source-6.1 "$dir/src"
	# --- config ---
	# decstation_defconfig, plus an initramfs built into the kernel and
	# no loadable modules (nothing to load them from).
	cat >"$dir/initramfs/list" <<EOT
dir /dev 755 0 0
nod /dev/console 600 0 0 c 5 1
file /init $dir/initramfs/init 755 0 0
EOT
	$M -C "$dir/src" O="$dir/obj" decstation_defconfig >/dev/null
	"$dir/src/scripts/config" --file "$dir/obj/.config" \
		--enable BLK_DEV_INITRD --set-str INITRAMFS_SOURCE "$dir/initramfs/list" \
		--disable MODULES
	$M -C "$dir/src" O="$dir/obj" olddefconfig >/dev/null
	# --- end ---
	touch "$dir/.configured"
fi
if [ "$mode" = prepare ]; then
	echo "$dir/src"
	exit 0
fi
# One build at a time in the cache: worktrees (or two makes) with
# different programs share its initramfs and obj, so each holds the lock
# from installing its programs to copying its vmlinux out.
exec 9>"$dir/.build.lock"
flock 9
# Copy only what changed: the kernel build relinks when a listed file is newer.
install_if_changed() {
	cmp -s "$1" "$2" || cp "$1" "$2"
}
install_if_changed "$init" "$dir/initramfs/init"
# The list is rewritten here rather than in the config section so that
# adding a program does not change the cache key (a full kernel rebuild).
# /dev/mem is for pmaxsim's counter page (docs/pmaxsim.md).
# A folder's tree is copied to initramfs/tree/ (what is no longer in it
# goes), sorted by name so the list is the same from build to build.
rm -rf "$dir/initramfs/tree"
mkdir -p "$dir/initramfs/tree"
{
	echo "dir /dev 755 0 0"
	echo "nod /dev/console 600 0 0 c 5 1"
	echo "nod /dev/mem 600 0 0 c 1 1"
	echo "file /init $dir/initramfs/init 755 0 0"
	for prog; do
		case $prog in
		*/)
			[ -d "$prog" ] || { echo "linux/build.sh: $prog: not a folder" >&2; exit 1; }
			(cd "$prog" && find . -mindepth 1 \( -type d -o -type f \) | LC_ALL=C sort) | while read -r f; do
				f=${f#./}
				case $f in *[!A-Za-z0-9._/-]*)
					echo "linux/build.sh: $prog$f: a name the list cannot hold" >&2; exit 1 ;;
				esac
				if [ -d "$prog$f" ]; then
					mkdir -p "$dir/initramfs/tree/$f"
					echo "dir /$f 755 0 0"
				else
					cp "$prog$f" "$dir/initramfs/tree/$f"
					echo "file /$f $dir/initramfs/tree/$f 644 0 0"
				fi
			done || exit 1
			;;
		*)
			name=$(basename "$prog")
			install_if_changed "$prog" "$dir/initramfs/$name"
			echo "file /$name $dir/initramfs/$name 755 0 0"
			;;
		esac
	done
} >"$dir/initramfs/list.body"
# One mtime for everything listed (gen_init_cpio stores each file's), the
# contents' digest in the list instead: the list changes with any file.
stamp='2000-01-01 00:00:00 UTC'
sed -n 's/^file [^ ]* \([^ ]*\) .*/\1/p' "$dir/initramfs/list.body" | while read -r f; do
	touch -h -d "$stamp" "$f"
done
{
	echo "# contents $(sed -n 's/^file [^ ]* \([^ ]*\) .*/\1/p' "$dir/initramfs/list.body" |
		xargs sha256sum | sha256sum | cut -c1-16)"
	cat "$dir/initramfs/list.body"
} >"$dir/initramfs/list.new"
install_if_changed "$dir/initramfs/list.new" "$dir/initramfs/list"
export KBUILD_BUILD_TIMESTAMP="$stamp"
echo "linux/build.sh: building vmlinux in $dir/obj (log: $dir/build.log)" >&2
if ! $M -C "$dir/src" O="$dir/obj" vmlinux >"$dir/build.log" 2>&1; then
	tail -n 30 "$dir/build.log" >&2
	echo "linux/build.sh: kernel build failed" >&2
	exit 1
fi
mkdir -p "$(dirname "$out")"
cp "$dir/obj/vmlinux" "$out"
