"""In-container harness: run one workload file and print one JSON record.

Usage: <interpreter> harness.py WORKLOAD.py VALUES WARMUP_BUDGET_S [--cue]
       <interpreter> harness.py --describe   (just the implementation's identity)

Written in the common subset of Python 2.7 (Jython), MicroPython and
Python 3, because it runs unmodified inside every implementation.
The record is one stdout line, after MARKER. With --cue (under measure -r) the
first line of stdin is a nonce that the harness reads before it loads the
workload and puts after MARKER: the host takes only the line with that nonce,
so nothing the workload prints, however it is shaped, can pass for the record.
"""
import sys

MARKER = "@@implmatrix-record@@"
# With --cue, the harness says it is ready before the first iteration and waits
# for a line on stdin: measure -r pins the process to one CPU in between.
READY = "@@implmatrix-ready@@"
# Taken when the harness starts, before any workload could replace it.
_GIL_ENABLED = getattr(sys, "_is_gil_enabled", None)


def _pick_clock():
    """Return (name, now, seconds_since): the best monotonic clock here."""
    try:
        from time import perf_counter  # CPython, PyPy
        return "time.perf_counter", perf_counter, lambda t0: perf_counter() - t0
    except ImportError:
        pass
    try:
        from java.lang import System  # Jython: time.time() is wall clock

        def since(t0):
            return (System.nanoTime() - t0) / 1e9
        return "java.lang.System.nanoTime", System.nanoTime, since
    except ImportError:
        pass
    import time
    if hasattr(time, "ticks_us"):  # MicroPython: ticks wrap, ticks_diff copes
        ticks_us = time.ticks_us
        ticks_diff = time.ticks_diff

        def since(t0):
            return ticks_diff(ticks_us(), t0) / 1e6
        return "time.ticks_us", ticks_us, since
    wall = time.time
    return "time.time", wall, lambda t0: wall() - t0


def _implementation():
    """Describe the running interpreter the same way on every family."""
    info = {"python_version": ".".join([str(p) for p in sys.version_info[:3]])}
    impl = getattr(sys, "implementation", None)
    if impl is not None:
        name = impl.name
        version = ".".join([str(p) for p in impl.version[:3]])
    elif sys.platform.startswith("java"):
        name = "jython"
        version = info["python_version"]
    else:
        name = "cpython"
        version = info["python_version"]
    if name == "pypy":
        version = ".".join([str(p) for p in sys.pypy_version_info[:3]])
    info["name"] = name
    info["version"] = version
    info["sys_version"] = sys.version.replace("\n", " ")
    info["features"] = _features()
    return info


def _features():
    """What this process runs with, seen from inside it; the host checks a row's claims
    against this. jit: CPython's JIT is on (sys._jit, 3.14+). pyston, pyjion: their
    evaluator is the interpreter's frame evaluator (looked at only where pyston_lite or
    pyjion was imported at start-up, so that ctypes is not loaded into every measured
    process). free-threading: the GIL is off (sys._is_gil_enabled, 3.13+). pyo3: the Rust
    kernels load (looked at only where they are installed)."""
    found = {}
    gil = getattr(sys, "_is_gil_enabled", None)
    if gil is not None:
        found["free-threading"] = not gil()
    jit = getattr(sys, "_jit", None)
    if jit is not None:
        try:
            found["jit"] = bool(jit.is_enabled())
        except Exception:
            pass
    for feature, module in (("pyston", "pyston_lite"), ("pyjion", "pyjion")):
        if module in sys.modules:
            found[feature] = _custom_evaluator()
    if _kernels_found():
        found["pyo3"] = _kernels_loaded()
    return found


KERNELS = "implmatrix_kernels"  # the Rust kernels (docker/pyo3), an extension module


def _kernels_found():
    """Whether the Rust kernels are an extension module on this interpreter's path: looked
    up without importing anything (only where Python 3's path finder is loaded anyway), so
    that rows without them run as they would."""
    external = sys.modules.get("_frozen_importlib_external")
    if external is None:
        return False
    try:
        spec = external.PathFinder.find_spec(KERNELS)
    except Exception:
        return False
    return spec is not None and isinstance(spec.loader, external.ExtensionFileLoader)


def _kernels_loaded():
    """pyo3: the Rust kernels load in this process as a compiled extension (on PyPy through
    cpyext). Loaded here, before the workload, in every process of the rows that have them:
    such a row is the interpreter with the kernels in it, and a kernel workload can then
    never be merely unsupported there."""
    try:
        module = __import__(KERNELS)
    except Exception:
        return False
    return getattr(module, "__file__", "").endswith(".so") and callable(
        getattr(module, "nbody_advance", None))


def _custom_evaluator():
    """Whether the interpreter evaluates frames with another function than CPython's own
    (_PyEval_EvalFrameDefault): what Pyston-lite's and Pyjion's enable() install
    (CPython 3.9+)."""
    try:
        import ctypes
        api = ctypes.pythonapi
        api.PyInterpreterState_Get.restype = ctypes.c_void_p
        get = api._PyInterpreterState_GetEvalFrameFunc
        get.restype = ctypes.c_void_p
        get.argtypes = [ctypes.c_void_p]
        current = get(api.PyInterpreterState_Get())
        default = ctypes.cast(api._PyEval_EvalFrameDefault, ctypes.c_void_p).value
        return bool(current) and current != default
    except Exception:
        return False


def _workload_features(namespace):
    """What the workload's code runs as, seen once it is loaded (per workload, unlike
    _features(), which is read before any of its code runs). cython: its run() is a
    function that Cython compiled, not Python bytecode."""
    return {"cython": type(namespace.get("run")).__name__ == "cython_function_or_method"}


def _format_exc(exc):
    # Formatting must not fail the cell: its status comes from EXC, not from this.
    if hasattr(sys, "print_exception"):  # MicroPython: no traceback module
        import io
        buf = io.StringIO()
        sys.print_exception(exc, buf)
        return buf.getvalue()
    try:
        import traceback
        return traceback.format_exc()
    except Exception as failed:  # seen once on PyPy in CI: an ImportError from here
        return "%s: %s\n(no traceback: %s: %s)" % (
            type(exc).__name__, exc, type(failed).__name__, failed)


def _error(record, status, exc):
    record["status"] = status
    record["error_type"] = type(exc).__name__
    record["error"] = str(exc)
    record["traceback"] = _format_exc(exc)[-4000:]


def _load(path):
    # Rows that measure compiled code start the harness through workloads/compiled.py,
    # which compiles the workload (a CompileError, an ImportError, when it cannot).
    compiler = sys.modules.get("compiled")
    if compiler is not None:
        return compiler.load(path)
    f = open(path, "rb")
    try:
        source = f.read()
    finally:
        f.close()
    if str is not bytes:  # Python 3 and MicroPython; 2.7 compiles bytes
        source = source.decode("utf-8")
    namespace = {"__name__": "__workload__", "__file__": path}
    try:
        code = compile(source, path, "exec")
    except NameError:
        code = source
    exec(code, namespace)
    return namespace


# Warmup ends when the median of the last WINDOW iterations is no longer more
# than TOLERANCE below the median of the WINDOW before it: the times have stopped
# falling. JITs (PyPy, the JVM) take many iterations to get there, CPython few.
WINDOW = 3
TOLERANCE = 0.05


def _median(xs):
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2.0


def warmed_up(times):
    """True once TIMES (all iterations so far) show no further speed-up."""
    n = len(times)
    if n < 2 * WINDOW:
        return False
    before = _median(times[n - 2 * WINDOW:n - WINDOW])
    last = _median(times[n - WINDOW:])
    return last >= before * (1.0 - TOLERANCE)


def _wait_for_cue():
    sys.stdout.write("\n" + READY + "\n")
    sys.stdout.flush()
    sys.stdin.readline()


def _read_nonce():
    """The first stdin line: letters and digits only, else no nonce."""
    line = sys.stdin.readline().strip()
    for c in line:
        if not ("0" <= c <= "9" or "a" <= c <= "z" or "A" <= c <= "Z"):
            return ""
    return line


def measure(path, values, warmup_budget_s, cue=False):
    """Load PATH, warm it up until steady (at most WARMUP_BUDGET_S), then time VALUES
    iterations. Every iteration's time is kept: warmups and values. With CUE, wait
    for the cue between loading and the first iteration."""
    clock_name, now, since = _pick_clock()
    record = {
        "schema": 2,
        "status": "ok",
        "clock": clock_name,
        # before the workload loads: it could replace sys._jit and claim a JIT it lacks
        "implementation": _implementation(),
        "warmups": [],
        "values": [],
        "steady": False,
    }
    try:
        namespace = _load(path)
    except (SyntaxError, ImportError) as exc:
        _error(record, "unsupported", exc)
        return record
    except BaseException as exc:
        _error(record, "error", exc)
        return record
    record["workload_features"] = _workload_features(namespace)
    compiler = sys.modules.get("compiled")
    if compiler is not None:
        record["compiled"] = compiler.LOADED
    doc = namespace.get("__doc__") or ""
    record["doc"] = doc.strip().split("\n")[0]
    record["tags"] = list(namespace.get("TAGS", ()))
    run = namespace.get("run")
    check = namespace.get("check")
    if not callable(run) or not callable(check):
        record["status"] = "error"
        record["error_type"] = "NotAWorkload"
        record["error"] = "defines no run() and check(value)"
        return record
    warmups = record["warmups"]
    timed = record["values"]
    if cue:
        _wait_for_cue()
    try:
        started = now()
        while True:  # warmup: checked on the first iteration
            t0 = now()
            result = run()
            warmups.append(since(t0))
            if len(warmups) == 1 and not check(result):
                return _wrong(record, result)
            if warmed_up(warmups):
                record["steady"] = True
                break
            if since(started) >= warmup_budget_s:
                break
        for i in range(values):  # timed: checked on the last iteration
            t0 = now()
            result = run()
            timed.append(since(t0))
        if not check(result):
            return _wrong(record, result)
    except BaseException as exc:
        _error(record, "error", exc)
    if _GIL_ENABLED is not None and _GIL_ENABLED():
        # Free-threaded CPython turns the GIL on when the workload imports a module not
        # marked safe without it: the values were (partly) taken with the GIL on.
        record["implementation"]["features"]["free-threading"] = False
    return record


def _wrong(record, result):
    record["status"] = "wrong-result"
    record["error"] = "check() rejected %s" % (repr(result)[:200],)
    return record


def main(argv):
    import json
    if argv[1:] == ["--describe"]:
        sys.stdout.write(MARKER + " " + json.dumps(_implementation()) + "\n")
        return 0
    cue = argv[4:] == ["--cue"]
    if len(argv) != (5 if cue else 4):
        sys.stderr.write("usage: harness.py WORKLOAD.py VALUES WARMUP_BUDGET_S [--cue]\n")
        return 2
    # Read before the workload is loaded, so that none of its code sees it.
    prefix = MARKER + " " + (_read_nonce() + " " if cue else "")
    record = measure(argv[1], int(argv[2]), float(argv[3]), cue)
    sys.stdout.write("\n" + prefix + json.dumps(record) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
