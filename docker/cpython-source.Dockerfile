# CPython compiled here from Debian's source package (PACKAGE, e.g. python3.13), twice
# from the same tree with the same compiler flags: the default build (python3.X) and the
# free-threaded one (--disable-gil: python3.Xt). Both rows of this family run this one
# image, so the free-threaded row is compared with a build that differs from it in the
# GIL alone (Debian's own binary package is built with PGO and LTO, which would take an
# hour on two cores). Only the upstream tarball of the source package is used; Debian's
# patches are not applied.
# BASE defaults to the public slim image; implmatrix passes a locally built
# base (docker/base-image.sh) on machines that cannot pull.
ARG BASE=debian:trixie-slim
FROM ${BASE} AS build
ARG PACKAGE=python3.13
# The suite's source index next to its binary one (one-line or deb822 sources).
RUN { cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
        | sed -n 's/^deb /deb-src /p'; } > /tmp/src.list \
 && mv /tmp/src.list /etc/apt/sources.list.d/implmatrix-src.list \
 && for f in /etc/apt/sources.list.d/*.sources; do \
        [ -f "$f" ] && sed -i 's/^Types: deb$/Types: deb deb-src/' "$f"; done; \
    apt-get -o Acquire::Check-Valid-Until=false update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        gcc make pkg-config xz-utils libc6-dev libffi-dev zlib1g-dev libssl-dev \
        libbz2-dev liblzma-dev libsqlite3-dev libmpdec-dev libexpat1-dev
WORKDIR /usr/src
RUN apt-get source --download-only --tar-only "$PACKAGE" \
 && tar -xf "${PACKAGE}"_*.orig.tar.* \
 && mv Python-* cpython \
 && ls "${PACKAGE}"_*.orig.tar.* | sed "s/^${PACKAGE}_//; s/\.orig\.tar\..*//" > version
# No --enable-optimizations (PGO) and no LTO, for both: see above. One layer per build, so
# that an interrupted build resumes from the last one finished.
RUN mkdir default && cd default \
 && ../cpython/configure --prefix=/usr/local --with-ensurepip=no --with-system-expat \
      --disable-test-modules > configure.log \
 && make -j"$(nproc)" > make.log 2>&1 \
 && make altinstall COMPILEALL_OPTS=-j0 > install.log 2>&1
# A prefix of its own: its altinstall writes bin/python3.13 too, which is the default build's.
RUN mkdir free-threaded && cd free-threaded \
 && ../cpython/configure --prefix=/opt/free-threaded --with-ensurepip=no --with-system-expat \
      --disable-test-modules --disable-gil > configure.log \
 && make -j"$(nproc)" > make.log 2>&1 \
 && make altinstall COMPILEALL_OPTS=-j0 > install.log 2>&1 \
 && ln -s /opt/free-threaded/bin/"$(basename /opt/free-threaded/bin/python3.*t)" /usr/local/bin/
# The Debian packages whose libraries the two interpreters and their extensions load.
RUN rm -rf /usr/local/lib/python3.*/test /usr/local/lib/python3.*/idlelib \
      /opt/free-threaded/lib/python3.*/test /opt/free-threaded/lib/python3.*/idlelib \
 && find /usr/local /opt/free-threaded -name 'python3*' -type f -o -name '*.so' -type f \
      | xargs ldd 2>/dev/null | awk '$3 ~ /^\// {print $3}' | sort -u \
      | xargs -r readlink -f | xargs -r dpkg -S 2>/dev/null | cut -d: -f1 | sort -u \
      > /usr/local/runtime-packages

FROM ${BASE}
ARG PACKAGE=python3.13
COPY --from=build /usr/local /usr/local
COPY --from=build /opt/free-threaded /opt/free-threaded
COPY --from=build /usr/src/version /etc/implmatrix/source-version
RUN apt-get -o Acquire::Check-Valid-Until=false update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        $(cat /usr/local/runtime-packages) \
 && rm -rf /var/lib/apt/lists/* \
 && echo "$(cat /etc/implmatrix/source-version) (compiled from source)" \
      > /etc/implmatrix/package-version
USER nobody
WORKDIR /tmp
