# CPython from Debian's python3.X package with packages from PyPI: Pyston-lite, Pyston's
# JIT as a CPython extension. The wheels are downloaded on the host (images.py) into the
# build context's wheels/ and installed here without an index: the build needs no PyPI.
# BASE defaults to the public slim image; implmatrix passes a locally built
# base (docker/base-image.sh) on machines that cannot pull.
ARG BASE=debian:bullseye-slim
FROM ${BASE}
ARG PACKAGE=python3.9
ARG PIP=pyston_lite_autoload==2.3.5
COPY wheels/ /tmp/wheels/
# Debian mirrors that serve a snapshot carry Release files past their
# Valid-Until date (seen for sid); apt would refuse them.
RUN apt-get -o Acquire::Check-Valid-Until=false update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$PACKAGE" python3-pip \
 && "$PACKAGE" -m pip install --no-cache-dir --no-index --find-links /tmp/wheels $PIP \
 && rm -rf /var/lib/apt/lists/* /tmp/wheels \
 && mkdir -p /etc/implmatrix \
 && { dpkg-query -W -f '${Version}' "$PACKAGE"; \
      "$PACKAGE" -m pip list --format=freeze 2>/dev/null | grep -v '^pip=\|^setuptools=\|^wheel=' \
        | sed 's/^/ + /; s/==/ /' | tr -d '\n'; } > /etc/implmatrix/package-version
USER nobody
WORKDIR /tmp
