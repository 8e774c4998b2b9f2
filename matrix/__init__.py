"""implmatrix: run one workload suite on CPython, PyPy, MicroPython and Jython
in real containers, and report compatibility and speed side by side."""

from pathlib import Path

__version__ = "0.1.0"

# The package is used from its checkout (pip install -e .): the Dockerfiles and
# the in-container workloads live beside it, not inside it.
ROOT = Path(__file__).resolve().parent.parent
DOCKER_DIR = ROOT / "docker"
WORKLOADS_DIR = ROOT / "workloads"
HARNESS = WORKLOADS_DIR / "harness.py"
BUILTIN_SUITE = WORKLOADS_DIR / "suite"
BUILTIN_PROBES = WORKLOADS_DIR / "probes"


class UsageError(Exception):
    """Bad input from the user: one line, exit status 2."""


class DockerError(Exception):
    """Docker is unreachable or a docker command failed: one line, exit 1."""
