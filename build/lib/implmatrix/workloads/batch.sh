#!/bin/sh
# Run many scripts, each in a fresh interpreter process with an empty working
# directory, inside one `docker exec`: docker's own start-up (~0.1 s) would
# otherwise cost more than most scripts.
#
# Usage: sh batch.sh OUTDIR SECONDS COMMAND...   (script paths on stdin, one a line)
# Writes OUTDIR/N.out, N.err (first/last 64 KiB) and N.rc for the Nth script.
out=$1
limit=$2
shift 2
mkdir -p "$out"
n=0
while IFS= read -r script; do
    n=$((n + 1))
    work=$(mktemp -d /tmp/script.XXXXXX)
    (cd "$work" && exec timeout -k 2 "$limit" "$@" "$script" </dev/null >"$out/$n.out" 2>"$out/$n.err")
    echo $? >"$out/$n.tmp" && mv "$out/$n.tmp" "$out/$n.rc"
    truncate -s '<65536' "$out/$n.out"
    tail -c 65536 "$out/$n.err" >"$out/$n.tail" && mv "$out/$n.tail" "$out/$n.err"
    rm -rf "$work"
done
