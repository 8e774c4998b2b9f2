# PyPy from Debian's pypy3 package.
# BASE defaults to the public slim image; implmatrix passes a locally built
# base (docker/base-image.sh) on machines that cannot pull.
ARG BASE=debian:trixie-slim
FROM ${BASE}
ARG PACKAGE=pypy3
# Debian mirrors that serve a snapshot carry Release files past their
# Valid-Until date (seen for sid); apt would refuse them.
RUN apt-get -o Acquire::Check-Valid-Until=false update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$PACKAGE" \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /etc/implmatrix \
 && dpkg-query -W -f '${Version}' "$PACKAGE" > /etc/implmatrix/package-version
USER nobody
WORKDIR /tmp
