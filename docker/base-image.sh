#!/bin/sh
# Build a minimal Debian base image locally, for machines that cannot pull
# debian:<suite>-slim: debootstrap a minbase rootfs and `docker import` it.
# Usage: docker/base-image.sh SUITE TAG   (needs root and debootstrap)
set -eu
suite=$1
tag=$2
rootfs=$(mktemp -d "${TMPDIR:-/tmp}/implmatrix-rootfs.XXXXXX")
trap 'rm -rf "$rootfs"' EXIT INT TERM
# debootstrap's own default mirror, unless DEBIAN_MIRROR names another
debootstrap --variant=minbase "$suite" "$rootfs" ${DEBIAN_MIRROR:+"$DEBIAN_MIRROR"} \
    >"$rootfs.log" 2>&1 || {
    tail -n 20 "$rootfs.log" >&2
    rm -f "$rootfs.log"
    exit 1
}
rm -f "$rootfs.log"
# What the slim images leave out too: package lists, caches, docs.
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin \
    "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/locale/*
tar -C "$rootfs" -c . | docker import \
    --change 'CMD ["bash"]' \
    --change 'ENV LANG=C.UTF-8' \
    --message "debootstrap --variant=minbase $suite" - "$tag" >/dev/null
echo "$tag"
