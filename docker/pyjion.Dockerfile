# CPython from Debian's python3.X package with Pyjion from PyPI: a JIT for CPython 3.9
# built on .NET's RyuJIT. Pyjion 0.15's wheel carries RyuJIT itself (libclrjit, vendored
# by auditwheel), so no .NET runtime is needed: DOTNET_LIB_PATH points Pyjion at it. A
# .pth file enables Pyjion when the interpreter starts, for every program (harness,
# start-up programs, scaling job, scripts), as pyston_lite_autoload does for Pyston.
# The wheels come from the host (images.py), installed here without an index.
ARG BASE=debian:bullseye-slim
FROM ${BASE}
ARG PACKAGE=python3.9
ARG PIP=pyjion==0.15.0
COPY wheels/ /tmp/wheels/
RUN apt-get -o Acquire::Check-Valid-Until=false update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$PACKAGE" python3-pip \
 && "$PACKAGE" -m pip install --no-cache-dir --no-index --find-links /tmp/wheels $PIP \
 && rm -rf /var/lib/apt/lists/* /tmp/wheels \
 && site=$("$PACKAGE" -m pip show pyjion | sed -n 's/^Location: //p') \
 && echo "import os, glob; os.environ.setdefault('DOTNET_LIB_PATH', glob.glob('$site/pyjion.libs/libclrjit*.so')[0]); __import__('pyjion').enable()" \
      > "$site/implmatrix_pyjion_autoload.pth" \
 && mkdir -p /etc/implmatrix \
 && { dpkg-query -W -f '${Version}' "$PACKAGE"; \
      "$PACKAGE" -m pip list --format=freeze 2>/dev/null | grep -v '^pip=\|^setuptools=\|^wheel=' \
        | sed 's/^/ + /; s/==/ /' | tr -d '\n'; } > /etc/implmatrix/package-version
USER nobody
WORKDIR /tmp
