# CPython from Debian's python3.X package with Cython from PyPI, and what compiling its
# C needs (gcc, the interpreter's headers). Workloads are not known when the image is
# built (users mount their own), so nothing is compiled here: workloads/compiled.py
# compiles each script inside the container when it runs, into a cache under /tmp.
# Debian's cython3 is 3.0 in trixie; the wheel (3.1+) comes from the host (images.py)
# and is installed here without an index.
ARG BASE=debian:trixie-slim
FROM ${BASE}
ARG PACKAGE=python3.13
ARG PIP=Cython==3.3.1
COPY wheels/ /tmp/wheels/
# Debian mirrors that serve a snapshot carry Release files past their
# Valid-Until date (seen for sid); apt would refuse them.
RUN apt-get -o Acquire::Check-Valid-Until=false update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      "$PACKAGE" "$PACKAGE-dev" gcc libc6-dev python3-pip \
 && "$PACKAGE" -m pip install --no-cache-dir --no-index --find-links /tmp/wheels \
      --break-system-packages $PIP \
 && rm -rf /var/lib/apt/lists/* /tmp/wheels \
 && mkdir -p /etc/implmatrix \
 && { dpkg-query -W -f '${Version}' "$PACKAGE"; \
      "$PACKAGE" -c 'import Cython; print(" + cython " + Cython.__version__, end="")'; \
    } > /etc/implmatrix/package-version
USER nobody
WORKDIR /tmp
