"""N-body with its advance loop in Rust: nbody.py calling a PyO3 extension module."""

# The talk's "rewrite the hot part as an extension": nbody.py's program unchanged but for
# System.advance, which hands the bodies to Rust once per run (docker/pyo3/src/lib.rs).
# Only the pyo3 rows install implmatrix_kernels; everywhere else the import fails and the
# cell is unsupported. On PyPy the call goes through cpyext, its emulation of the C API.

TAGS = ("float", "extension")

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


NBODY = _program("nbody")
FIELDS = ("x", "y", "z", "vx", "vy", "vz", "mass")


def advance(system, dt, steps):
    state = [getattr(b, f) for b in system.bodies for f in FIELDS]
    state = implmatrix_kernels.nbody_advance(state, dt, steps)
    for k, b in enumerate(system.bodies):
        for i, f in enumerate(FIELDS):
            setattr(b, f, state[k * len(FIELDS) + i])


def run():
    system = NBODY["System"]()
    e0 = system.energy()
    advance(system, NBODY["DT"], NBODY["STEPS"])
    return (e0, system.energy())


def check(value):
    return NBODY["check"](value)
