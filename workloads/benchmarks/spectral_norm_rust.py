"""Spectral norm with its matrix products in Rust: spectral_norm.py calling a PyO3 extension."""

# spectral_norm.py's power iteration stays in Python; each mul_ata (a 110 x 110 implicit
# matrix, twice) is one call into Rust (docker/pyo3/src/lib.rs) that converts a list of
# floats each way: 20 calls per run, so the cost of crossing into the extension shows
# (on PyPy through cpyext). Only the pyo3 rows install implmatrix_kernels; everywhere
# else the import fails and the cell is unsupported.

import math

TAGS = ("float", "loops", "extension")

import implmatrix_kernels


def _program(name):
    """The workload NAME.py beside this one, run as a module of its own."""
    import os
    path = os.path.join(os.path.dirname(__file__), name + ".py")
    f = open(path)
    try:
        source = f.read()
    finally:
        f.close()
    namespace = {"__name__": name, "__file__": path}
    exec(compile(source, path, "exec"), namespace)
    return namespace


SPECTRAL = _program("spectral_norm")


def spectral_norm(n, iterations):
    mul_ata = implmatrix_kernels.spectral_mul_ata
    u = [1.0] * n
    for _ in range(iterations):
        v = mul_ata(u)
        u = mul_ata(v)
    vbv = 0.0
    vv = 0.0
    for i in range(n):
        vbv += u[i] * v[i]
        vv += v[i] * v[i]
    return math.sqrt(vbv / vv)


def run():
    return spectral_norm(SPECTRAL["N"], SPECTRAL["ITERATIONS"])


def check(value):
    return SPECTRAL["check"](value)
