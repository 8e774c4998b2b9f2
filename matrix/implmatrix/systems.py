"""The systems of the talk this project started from ("Python performance: Past, Present,
Future", PyCon India 2020), one row each: the registry's rows that measure it, or why it
cannot be measured here. Each reason was checked on 2026-12-03 against Debian (bullseye
to sid) and PyPI, the only sources this project's machines reach."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class System:
    name: str
    what: str
    ids: tuple[str, ...] = ()  # registry rows that measure it (by prefix: "pypy" -> pypy*)
    why_not: str = ""  # why no row measures it, precisely (with rows: what of it is not)

    def rows(self, measured: list[str]) -> list[str]:
        """The implementations of MEASURED (a run's) that measure this system."""
        return [i for i in measured if i.startswith(self.ids)]  # () matches nothing


SYSTEMS = (
    System("CPython", "the reference interpreter, release after release",
           ("cpython2.7", "cpython3.")),
    System("PyPy", "a tracing JIT and a tracing GC, written in RPython", ("pypy",)),
    System("MicroPython", "Python 3 for microcontrollers (the unix port here)",
           ("micropython",)),
    System("Jython", "Python 2.7 on the JVM, without a GIL", ("jython",)),
    System("Pyston", "a JIT for CPython; Pyston-lite is its JIT as an extension",
           ("pyston-lite",),
           "the full Pyston fork: no Debian package, and PyPI has no `pyston` "
           "distribution; Pyston-lite (PyPI) is measured instead"),
    System("Pyjion", "a JIT for CPython on .NET's RyuJIT", ("pyjion",)),
    System("CPython's JIT", "the copy-and-patch JIT of CPython 3.13+", ("cpython3.14-jit",)),
    System("the GIL, threads and multiprocessing", "one CPU-bound job on 1..N threads or "
           "processes (thread scaling, every row)", ("cpython3.13",)),
    System("Stackless Python", "microthreads in a CPython fork", (),
           "no Debian package; on PyPI only `stackless-python` 10.0, an installer whose "
           "dependency `stackless_installer_C4_linux_x86_64` has no release on PyPI, so "
           "it cannot be installed"),
    System("IronPython", "Python on .NET", (),
           "no Debian package, and PyPI has no `ironpython` distribution; Debian's Mono "
           "could run IronPython 2.7, but there is nothing to run on it"),
    System("psyco", "a specializing JIT for CPython 2", (),
           "not on PyPI and not in Debian; it ran on 32-bit x86 CPython 2 only "
           "(abandoned in 2012), and this machine is x86_64"),
    System("Unladen Swallow", "an LLVM JIT branch of CPython 2.6", (),
           "abandoned in 2011 and never part of a CPython release; not on PyPI, not in "
           "Debian"),
    System("Gilectomy", "CPython without a GIL (2016–2017)", ("cpython3.13t",),
           "the Gilectomy itself was abandoned in 2017, never released; measured is its "
           "successor, free-threaded CPython (PEP 703), compiled here from Debian's "
           "python3.13 source beside its twin with the GIL (3.13: the reachable archive "
           "serves no python3.14 source)"),
    System("subinterpreters", "one interpreter per thread, each with its own GIL",
           ("cpython3.14",), ""),
    System("Cython", "Python compiled to C extensions", ("cython",),
           "the suite as it is, compiled in pure-Python mode; code written for Cython "
           "(C types, cdef) is not measured"),
    System("Numba", "a JIT for numeric Python on LLVM", (),
           "compiles only functions its decorators mark (@jit), for numeric code on NumPy "
           "arrays: measuring it would mean a suite rewritten for it, not the shared one "
           "(sid has python3-numba)"),
    System("C and Rust extensions", "hot loops moved out of Python",
           ("cpython3.13-pyo3", "pypy3.11-pyo3"),
           "Rust only: nbody's and spectral_norm's kernels as a PyO3 module (workloads "
           "nbody_rust, spectral_norm_rust), on PyPy through cpyext; no C extension of "
           "our own"),
    System("RustPython", "a Python 3 interpreter written in Rust", ("rustpython",)),
    System("HPy", "a portable C API for extensions", (),
           "no kernel of the suite is written against it here (PyPI's hpy 0.9.0, of 2023, "
           "is its last release); the PyO3 rows show the cost of PyPy's C-API emulation "
           "that HPy was meant to remove"),
)


def table(measured: list[str]) -> list[dict[str, str | list[str]]]:
    """One row per system: name, what it is, the rows of MEASURED (a run's
    implementations) that measure it, and a note: why it is not measured (here, or in
    this run), or what of it is not."""
    found: list[dict[str, str | list[str]]] = []
    for s in SYSTEMS:
        rows = s.rows(measured)
        if rows or not s.ids:
            note = s.why_not
        else:
            note = "not in this run: `implmatrix run --set all` measures it" + (
                f"; {s.why_not}" if s.why_not else "")
        found.append({"name": s.name, "what": s.what, "rows": rows, "note": note})
    return found
