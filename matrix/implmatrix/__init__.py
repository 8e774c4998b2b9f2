"""implmatrix: run one set of workloads on CPython, PyPy, MicroPython and Jython
in real containers, and report compatibility and speed side by side."""

from pathlib import Path

__version__ = "0.1.0"

_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    """The top-level folder NAME of the project (docker/, workloads/): installed, it is
    package data inside the package; in a checkout (an editable install), it stands at
    the top, beside matrix/ which holds the package."""
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent.parent / name


DOCKER_DIR = _shipped("docker")
WORKLOADS_DIR = _shipped("workloads")
HARNESS = WORKLOADS_DIR / "harness.py"
BUILTIN_WORKLOADS = WORKLOADS_DIR / "benchmarks"
BUILTIN_PROBES = WORKLOADS_DIR / "probes"


class UsageError(Exception):
    """Bad input from the user: one line, exit status 2."""


class DockerError(Exception):
    """Docker is unreachable or a docker command failed: one line, exit 1."""
