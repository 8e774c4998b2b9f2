# An interpreter from Debian (PACKAGE: python3.X or pypy3) with the Rust kernels of
# docker/pyo3 (the registry's `crate`) built for it by PyO3 as an extension module: the
# "rewrite the hot part in Rust" of the talk, and on PyPy the cost of cpyext, its emulation
# of CPython's C API. Built with Debian's cargo (trixie's rustc 1.85, which the crate's
# Cargo.lock fits) and no network: images.py vendors the dependencies on the host into
# crate/vendor, with a cargo config in crate/.cargo that points there. Plain cargo rather
# than maturin (which Debian does not carry): the module is one shared library, installed
# under the interpreter's own extension suffix into its site directory.
# Two stages: the toolchain stays in the first.
ARG BASE=debian:trixie-slim
FROM ${BASE} AS build
ARG PACKAGE=python3.13
COPY crate/ /tmp/crate/
# Debian mirrors that serve a snapshot carry Release files past their
# Valid-Until date (seen for sid); apt would refuse them.
RUN apt-get -o Acquire::Check-Valid-Until=false update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$PACKAGE" cargo gcc libc6-dev \
 && cd /tmp/crate \
 && PYO3_PYTHON="$PACKAGE" cargo build --release --locked --offline \
 && mkdir /tmp/out \
 && cp target/release/libimplmatrix_kernels.so "/tmp/out/implmatrix_kernels$("$PACKAGE" -c \
      'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')" \
 && { sed -n 's/^version = "\(.*\)"/ + implmatrix_kernels \1/p' Cargo.toml | head -n 1; \
      sed -n '/^name = "pyo3"$/{n;s/^version = "\(.*\)"/ (PyO3 \1/p}' Cargo.lock; \
      rustc --version | sed 's/^rustc \([^ ]*\).*/, rustc \1)/'; } | tr -d '\n' > /tmp/out/built-with

FROM ${BASE}
ARG PACKAGE=python3.13
COPY --from=build /tmp/out/ /tmp/out/
# The import at the end checks that the interpreter finds and loads the module.
RUN apt-get -o Acquire::Check-Valid-Until=false update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$PACKAGE" \
 && rm -rf /var/lib/apt/lists/* \
 && site=$("$PACKAGE" -c 'import sysconfig; print(sysconfig.get_path("platlib"))') \
 && mkdir -p "$site" && mv /tmp/out/implmatrix_kernels.* "$site/" \
 && "$PACKAGE" -c 'import implmatrix_kernels' \
 && mkdir -p /etc/implmatrix \
 && { dpkg-query -W -f '${Version}' "$PACKAGE"; cat /tmp/out/built-with; } > /etc/implmatrix/package-version \
 && rm -rf /tmp/out
USER nobody
WORKDIR /tmp
