#!/bin/sh
# mkbadelf.sh - make malformed copies of a good ELF program for the
# kernel's loader tests: each must be refused with a reason, costing
# nothing. Writes into OUTDIR: bad-truncated (cut inside a segment),
# bad-phoff (program headers past the end), bad-kernelseg (a segment
# placed in kseg0), bad-entry (entry point outside every segment),
# bad-machine (e_machine x86-64).
#   usage: mkbadelf.sh GOOD_ELF OUTDIR
set -eu
good=$1 out=$2
mkdir -p "$out"
put() {	# put FILE OFFSET BYTES(printf escapes)
	printf "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}
phoff=$(od -An -tu4 -j28 -N4 "$good" | tr -d ' ')
head -c $(( $(wc -c <"$good") / 2 )) "$good" >"$out/bad-truncated"
cp "$good" "$out/bad-phoff";     put "$out/bad-phoff" 28 '\377\377\377\177'
cp "$good" "$out/bad-kernelseg"; put "$out/bad-kernelseg" $((phoff + 8)) '\000\000\003\200'
cp "$good" "$out/bad-entry";     put "$out/bad-entry" 24 '\000\000\000\020'
cp "$good" "$out/bad-machine";   put "$out/bad-machine" 18 '\076\000'
