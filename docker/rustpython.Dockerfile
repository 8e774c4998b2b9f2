# RustPython, a Python 3 interpreter in Rust, built from its crate (the registry's `crate`,
# NAME@VERSION) with Debian's Rust toolchain (PACKAGE: cargo, which brings rustc; sid's,
# as RustPython 0.6 needs Rust 1.95 or later). The build cannot reach the crate registry:
# images.py fetches the crate's source on the host and vendors the dependencies its own
# Cargo.lock pins into crate/vendor, with a cargo config in crate/.cargo that points there.
# Two stages: the toolchain stays in the first, the image holds the interpreter alone.
ARG BASE=debian:sid-slim
FROM ${BASE} AS build
ARG PACKAGE=cargo
COPY crate/ /tmp/crate/
# Features: RustPython's defaults without ssl-rustls-aws-lc (aws-lc-sys builds C with cmake
# and wants clang or a prebuilt binding; with no ssl module the TLS probe is unsupported,
# nothing else needs it), plus freeze-stdlib: the Python standard library compiled into the
# binary, which otherwise looks for it at run time in the build's source tree (gone here).
# mimalloc (a default, RustPython's allocator) builds C, hence gcc; ctypes links libffi.
# Debian mirrors that serve a snapshot carry Release files past their
# Valid-Until date (seen for sid); apt would refuse them.
RUN apt-get -o Acquire::Check-Valid-Until=false update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$PACKAGE" gcc libc6-dev libffi-dev \
 && cd /tmp/crate \
 && cargo install --path . --root /usr/local --locked --offline --no-default-features \
      --features threading,stdlib,stdio,importlib,host_env,mimalloc,doc,freeze-stdlib \
 && mkdir -p /etc/implmatrix \
 && { dpkg-query -W -f '${Version}' "$PACKAGE"; \
      sed -n 's/^version = "\(.*\)"/ + rustpython \1/p' Cargo.toml | head -n 1 | tr -d '\n'; \
      rustc --version | sed 's/^rustc \([^ ]*\).*/ (rustc \1)/' | tr -d '\n'; } \
      > /etc/implmatrix/package-version

FROM ${BASE}
RUN apt-get -o Acquire::Check-Valid-Until=false update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libffi8 \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /usr/local/bin/rustpython /usr/local/bin/rustpython
COPY --from=build /etc/implmatrix/ /etc/implmatrix/
USER nobody
WORKDIR /tmp
