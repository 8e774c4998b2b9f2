#!/bin/sh
# Run many scripts, each in a fresh interpreter process with an empty working
# directory, inside one `docker exec`: docker's own start-up (~0.1 s) would
# otherwise cost more than most scripts.
#
# A script sees what it sees run alone as `docker exec BOX COMMAND SCRIPT`
# (tests/integration/test_compat.py compares the two): stdin empty, stdout and
# stderr pipes that are read to their end (not files, which the container's
# small /tmp would cap), and the container's environment: none of this shell's
# PWD and OLDPWD.
#
# Usage: sh batch.sh OUTDIR SECONDS COMMAND...   (script paths on stdin, one a line)
# Writes OUTDIR/N.out, N.err (first/last 64 KiB) and N.rc for the Nth script.
out=$1
limit=$2
shift 2
mkdir -p "$out"
pipes=$(mktemp -d /tmp/pipes.XXXXXX)
mkfifo "$pipes/out" "$pipes/err"
n=0
while IFS= read -r script; do
    n=$((n + 1))
    work=$(mktemp -d /tmp/script.XXXXXX)
    { head -c 65536 >"$out/$n.out"; cat >/dev/null; } <"$pipes/out" &
    tail -c 65536 <"$pipes/err" >"$out/$n.err" &
    # The pipes open before anything can fail, so that the readers always end.
    (cd "$work" && unset PWD OLDPWD &&
     exec timeout -k 2 "$limit" "$@" "$script" </dev/null) >"$pipes/out" 2>"$pipes/err"
    rc=$?
    wait
    echo $rc >"$out/$n.tmp" && mv "$out/$n.tmp" "$out/$n.rc"
    rm -rf "$work"
done
rm -rf "$pipes"
