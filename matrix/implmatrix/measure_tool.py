"""Build workloads/measure.c for the host and read the records it prints.

The static binary is bind-mounted into the containers, where it runs each
interpreter and reports wall time, peak RSS and CPU time from the outside.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import subprocess
import tempfile
from pathlib import Path

from implmatrix import WORKLOADS_DIR, DockerError, model
from implmatrix.markers import marked

SOURCE = WORKLOADS_DIR / "measure.c"
# Built binaries, per user: the package may be installed where it cannot write.
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "implmatrix"
MARKER = b"@@implmatrix-process@@ "
BUILD_TIMEOUT_S = 120


def ensure(cache: Path = CACHE) -> Path:
    """The compiled measure binary in CACHE, building it if this source has no binary yet."""
    what = f"cannot build {SOURCE}"
    try:
        digest = hashlib.sha256(SOURCE.read_bytes()).hexdigest()[:12]
        target = cache / f"measure-{digest}"
        if target.exists():
            return target
        cache.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=cache)
        os.close(fd)
    except OSError as exc:
        raise DockerError(f"{what}: {exc}") from None
    cc = os.environ.get("CC", "cc")
    command = [cc, "-O2", "-static", "-Wall", "-Wextra", "-o", tmp, str(SOURCE)]
    try:
        proc = subprocess.run(command, capture_output=True, timeout=BUILD_TIMEOUT_S,
                              check=False)
        if proc.returncode != 0:
            lines = proc.stderr.decode(errors="replace").strip().splitlines()
            reason = lines[0] if lines else f"{cc} exited with status {proc.returncode}"
            raise DockerError(f"{what}: {reason}; install gcc and libc6-dev")
        os.chmod(tmp, 0o755)
        os.replace(tmp, target)  # atomic: concurrent builders agree on the result
    except (OSError, subprocess.TimeoutExpired) as exc:
        reason = f"{cc} not found" if isinstance(exc, FileNotFoundError) else str(exc)
        raise DockerError(f"{what}: {reason}; install gcc and libc6-dev") from None
    finally:
        Path(tmp).unlink(missing_ok=True)
    return target


def new_key() -> str:
    """A secret for one `measure -k`: its records carry it, the measured program never sees it."""
    return secrets.token_hex(16)


def parse(stdout: bytes, key: str | None = None) -> list[model.Measured]:
    """Every process record measure printed in STDOUT, in order; malformed ones skipped.
    With KEY (measure -k), only the lines that carry it: the measured program may
    print marker-shaped lines, but cannot know the key."""
    prefix = MARKER + (key.encode() + b" " if key else b"")
    found = []
    for record in marked(stdout, prefix):
        try:
            found.append(model.load(model.Measured, record))
        except model.ModelError:
            continue
    return found
