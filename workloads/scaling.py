"""Thread/process scaling: wall time of one fixed CPU-bound job split over N workers.

Usage: <interpreter> scaling.py KIND WORKERS UNITS REPEATS WARMUP_S
       KIND is "threads", "processes", "interpreters", "objects" or "shared-objects".

The job is UNITS units of pure-Python integer work (about 5 ms a unit on
CPython 3.13), split into WORKERS contiguous chunks of (nearly) equal size.
Warm-up first, with the same WORKERS: a tenth of the job, again and again,
until its times stop falling (harness.warmed_up) or WARMUP_S have passed, so
that a JIT (PyPy, the JVM) has compiled the job's code on every worker before
anything is timed, however many repeats follow. Then each of REPEATS repeats
starts every worker, waits for all of them and times the whole job with the
best monotonic clock (harness._pick_clock). A unit's checksum depends only on
its index and has a closed form, so the combined checksum is checked against a
value computed without running the job. Comparing the times for 1 and N
workers gives the scaling efficiency T1 / TN / N: near 1 where workers really
run in parallel, near 1/N behind a global lock.

threads:   threading where present (CPython, PyPy, Jython), else the low-level
           _thread module (MicroPython's unix port), joined by polling a
           lock-protected counter.
processes: os.fork + os.pipe + os.waitpid; each child writes its checksum to
           a pipe. Unavailable where os.fork is missing (Jython, MicroPython).
interpreters: one subinterpreter per worker, each with its own GIL
           (concurrent.interpreters, CPython 3.14+), made once per process and
           driven from one thread each; the job is this file imported as a module
           in each of them. Unavailable elsewhere.
objects, shared-objects: threads again, on a job of attribute reads from a
           list of small objects instead of integer arithmetic: each worker's own
           list (made by the worker), or one list that every worker reads. Where
           threads run in parallel with reference counts (free-threaded CPython),
           every read of a shared object writes its count from several CPUs at
           once: the Gilectomy's "reference counting doesn't scale".

Besides the times, each process reports what one more worker costs: start_s,
the median time to start one more worker of its kind and see it finish (a
thread running nothing, a forked child that exits, a subinterpreter made, used
once and closed), and peak_rss_kb, the peak resident memory of the process and,
for processes, of its forked workers (/proc/<pid>/status VmHWM, summed). Its
"features" are the interpreter's (harness._features), read after the workers
ran: free-threaded CPython turns the GIL back on when a module needs it.

Written in the common subset of Python 2.7 (Jython), MicroPython and
Python 3. The record is the last stdout line, after harness.MARKER:
{"kind", "workers", "units", "available", "reason", "warmups", "steady",
"times", "checksum_ok", "cpu_count"}. Any exception turns into "available":
false with the reason "<ExcType>: <message>"; the script does not crash.
"""
import sys


def _here():
    """Directory of this file, without os.path (MicroPython has none)."""
    try:
        path = __file__
    except NameError:
        path = sys.argv[0]
    cut = path.rfind("/")
    if cut < 0:
        return "."
    if cut == 0:
        return "/"
    return path[:cut]


sys.path.insert(0, _here())
from harness import MARKER, _features, _median, _pick_clock, warmed_up  # noqa: E402

# One unit: ROWS * COLS iterations of a multiply-add reduced modulo MOD.
# Every intermediate stays below 2**31, so Jython keeps 32-bit ints and
# MicroPython small ints; no implementation drops into big integers.
ROWS = 384
COLS = 256
MOD = 1000003

try:
    _range = xrange  # Python 2.7 (Jython): range() would build a list
except NameError:
    _range = range



def unit(index):
    """Checksum of unit `index`: sum over a, b of (a*b + index), mod MOD.

    Each worker iterates ranges of its own: Jython's lists are synchronized, so
    workers iterating one shared list would measure that lock, not the interpreter.
    """
    mod = MOD
    acc = 0
    for a in _range(ROWS):
        for b in _range(COLS):
            acc = (acc + a * b + index) % mod
    return acc


def unit_expected(index):
    """unit(index) in closed form (running sum mod MOD == total mod MOD)."""
    total = (ROWS * (ROWS - 1) // 2) * (COLS * (COLS - 1) // 2)
    total += ROWS * COLS * index
    return total % MOD


def chunk(units, workers, w):
    """Unit indices of worker w: contiguous, sizes differ by at most one."""
    return _range(units * w // workers, units * (w + 1) // workers)


def work(units, workers, w):
    total = 0
    for index in chunk(units, workers, w):
        total += unit(index)
    return total


def expected(units, kind="threads"):
    total = 0
    for index in _range(units):
        total += unit_expected(index)
    if kind in OBJECT_KINDS:
        total = 0
        for index in _range(units):
            total += objects_unit_expected(index)
    return total


# --- the object job: attribute reads from a list of small objects -------------------

OBJECT_KINDS = ("objects", "shared-objects")
ITEMS = 64
SWEEPS = 1500  # about as long as a unit of the integer job on CPython 3.13


class Item(object):
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


def make_items():
    return [Item(v) for v in _range(ITEMS)]


SHARED = make_items()  # made by the main thread: every worker reads these


def objects_unit(index, items):
    """Sum over SWEEPS sweeps of the ITEMS items' values plus INDEX, mod MOD."""
    mod = MOD
    acc = 0
    for sweep in _range(SWEEPS):
        for item in items:
            acc = (acc + item.value + index) % mod
    return acc


def objects_unit_expected(index):
    return (SWEEPS * (ITEMS * (ITEMS - 1) // 2 + ITEMS * index)) % MOD


def objects_work(shared):
    def job(units, workers, w):
        items = SHARED if shared else make_items()
        total = 0
        for index in chunk(units, workers, w):
            total += objects_unit(index, items)
        return total
    return job


def _describe(exc):
    return "%s: %s" % (type(exc).__name__, exc)


def cpu_count():
    """How many CPUs the interpreter believes it has, or None."""
    try:
        import os
        count = getattr(os, "cpu_count", None)
        if count is not None:
            return count()
    except ImportError:
        pass
    try:
        from java.lang import Runtime  # Jython
        return Runtime.getRuntime().availableProcessors()
    except ImportError:
        pass
    try:
        import multiprocessing
        return multiprocessing.cpu_count()
    except (ImportError, NotImplementedError):
        pass
    return None


# --- threads ---------------------------------------------------------------

def _run_threading(threading, units, workers, job=None):
    """JOB(units, workers, w) (the job's chunk W by default) on one thread per worker."""
    job = job or work
    results = [0] * workers
    errors = []

    def body(w):
        try:
            results[w] = job(units, workers, w)
        except BaseException as exc:
            errors.append(exc)

    threads = []
    for w in _range(workers):
        t = threading.Thread(target=body, args=(w,))
        threads.append(t)
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return sum(results)


def _run_lowlevel(thread, units, workers, job=None):
    """_thread has no join: count finished workers under a lock and poll."""
    import time
    job = job or work
    results = [0] * workers
    errors = []
    finished = [0]
    lock = thread.allocate_lock()

    def body(w):
        try:
            results[w] = job(units, workers, w)
        except BaseException as exc:
            errors.append(exc)
        lock.acquire()
        finished[0] += 1
        lock.release()

    for w in _range(workers):
        thread.start_new_thread(body, (w,))
    sleep_ms = getattr(time, "sleep_ms", None)
    while True:
        lock.acquire()
        done = finished[0]
        lock.release()
        if done == workers:
            break
        if sleep_ms is not None:
            sleep_ms(1)
        else:
            time.sleep(0.001)
    if errors:
        raise errors[0]
    return sum(results)


def thread_runner(job=None):
    """Return (run, None) or (None, reason-it-is-unavailable); JOB as in _run_threading."""
    try:
        import threading
        return (lambda units, workers: _run_threading(threading, units, workers, job)), None
    except ImportError:
        pass
    thread = _thread_module()
    if thread is None:
        return None, "neither threading nor _thread can be imported"
    return (lambda units, workers: _run_lowlevel(thread, units, workers, job)), None


def _thread_module():
    try:
        import _thread as thread
        return thread
    except ImportError:
        pass
    try:
        import thread
        return thread
    except ImportError:
        return None


# --- processes -------------------------------------------------------------

def _read_all(os, fd):
    parts = []
    while True:
        data = os.read(fd, 4096)
        if not data:
            break
        parts.append(data)
    return b"".join(parts).decode("ascii")


def _child(os, units, workers, w, wfd):
    """In the child: write the checksum and its peak RSS (or the error) and _exit,
    never return."""
    status = 0
    try:
        try:
            text = "%d %d" % (work(units, workers, w), peak_rss_kb() or 0)
        except BaseException as exc:
            text = "E" + _describe(exc)
            status = 1
        os.write(wfd, text.encode("ascii"))
        os.close(wfd)
    finally:
        os._exit(status)


def _run_fork(os, units, workers):
    children = []  # (pid, read fd)
    try:
        for w in _range(workers):
            rfd, wfd = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(rfd)
                _child(os, units, workers, w, wfd)
            os.close(wfd)
            children.append((pid, rfd))
        outputs = []
        for pid, rfd in children:
            outputs.append(_read_all(os, rfd))
    finally:
        for pid, rfd in children:
            try:
                os.close(rfd)
            except OSError:
                pass
        statuses = []
        for pid, rfd in children:
            statuses.append(os.waitpid(pid, 0)[1])
    total = 0
    rss = 0
    for w in _range(workers):
        text = outputs[w]
        if statuses[w] != 0 or not text or text[0] == "E":
            raise RuntimeError("worker %d failed (wait status %d): %s"
                               % (w, statuses[w], text[1:] or "no output"))
        checksum, peak = text.split(" ")
        total += int(checksum)
        rss += int(peak)
    WORKERS_RSS_KB[0] = max(WORKERS_RSS_KB[0], rss)
    return total


# The largest sum of the forked workers' peak RSS over this process's jobs.
WORKERS_RSS_KB = [0]


def process_runner():
    """Return (run, None) or (None, reason-it-is-unavailable)."""
    try:
        import os
    except ImportError:
        return None, "no os module"
    missing = [name for name in ("fork", "pipe", "waitpid", "_exit")
               if not hasattr(os, name)]
    if missing:
        return None, "os has no " + ", ".join(missing) + " on this implementation"
    return (lambda units, workers: _run_fork(os, units, workers)), None


# --- interpreters ----------------------------------------------------------

def interpreter_runner():
    """Return (run, None) or (None, reason-it-is-unavailable)."""
    try:
        from concurrent import interpreters
        import threading
    except ImportError:
        return None, "no concurrent.interpreters (CPython 3.14+)"
    import scaling  # this file as a module: a subinterpreter imports the job by name
    pool = []  # made once per process: start-up is not the job (README: scaling)

    def run(units, workers):
        while len(pool) < workers:
            interp = interpreters.create()
            interp.exec("import sys; sys.path.insert(0, %r)" % (_here(),))
            pool.append(interp)
        # each worker's thread runs its chunk inside its own interpreter
        return _run_threading(threading, units, workers,
                              lambda u, n, w: pool[w].call(scaling.work, u, n, w))

    return run, None


# --- what one more worker costs ------------------------------------------------

def peak_rss_kb():
    """This process's peak resident memory (VmHWM) in kB, or None where /proc has none."""
    try:
        f = open("/proc/self/status")
        try:
            for line in f.read().split("\n"):
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        finally:
            f.close()
    except Exception:
        pass
    return None


START_TRIES = 9


def _noop():
    pass


def starter(kind):
    """A function that starts one more worker of KIND and waits for it to finish, or
    None where KIND has no workers here."""
    if kind == "processes":
        import os

        def start():
            pid = os.fork()
            if pid == 0:
                os._exit(0)
            os.waitpid(pid, 0)
        return start
    if kind == "interpreters":
        from concurrent import interpreters

        def start():
            interp = interpreters.create()
            interp.exec("pass")
            interp.close()
        return start
    try:
        import threading
    except ImportError:
        return None  # MicroPython's _thread has no join to wait on

    def start():
        t = threading.Thread(target=_noop)
        t.start()
        t.join()
    return start


def start_cost(kind, now, since):
    """Median seconds of START_TRIES starts of one more worker of KIND, or None."""
    start = starter(kind)
    if start is None:
        return None
    start()  # the first pays for imports
    times = []
    for i in _range(START_TRIES):
        t0 = now()
        start()
        times.append(since(t0))
    return _median(times)


# --- main ------------------------------------------------------------------

def measure(record, argv):
    kind = argv[1]
    workers = int(argv[2])
    units = int(argv[3])
    repeats = int(argv[4])
    warmup_s = float(argv[5])
    record["workers"] = workers
    record["units"] = units
    if workers < 1 or units < 0 or repeats < 0 or warmup_s < 0:
        raise ValueError("need WORKERS >= 1, UNITS >= 0, REPEATS >= 0, WARMUP_S >= 0")
    if kind == "threads":
        run, reason = thread_runner()
    elif kind == "processes":
        run, reason = process_runner()
    elif kind == "interpreters":
        run, reason = interpreter_runner()
    elif kind in OBJECT_KINDS:
        run, reason = thread_runner(objects_work(kind == "shared-objects"))
    else:
        raise ValueError("KIND must be threads, processes, interpreters, objects or "
                         "shared-objects, not %r" % (kind,))
    if run is None:
        record["available"] = False
        record["reason"] = reason
        return
    name, now, since = _pick_clock()
    try:
        record["start_s"] = start_cost(kind, now, since)
    except Exception:
        pass  # a figure the job does not need
    ok = True
    # Warm-up on a tenth of the job, at least once: threads on every worker; forked
    # workers inherit what this process compiled, so it warms up in here.
    if kind == "processes":
        def warm(n):
            return work(n, 1, 0)
    else:
        def warm(n):
            return run(n, workers)
    small = max(workers, units // 10)
    want = expected(small, kind)
    warmups = record["warmups"]
    started = now()
    while True:
        t0 = now()
        got = warm(small)
        warmups.append(since(t0))
        if got != want:
            ok = False
        if warmed_up(warmups):
            record["steady"] = True
            break
        if since(started) >= warmup_s:
            break
    want = expected(units, kind)
    for i in _range(repeats):
        t0 = now()
        got = run(units, workers)
        record["times"].append(since(t0))
        if got != want:
            ok = False
    record["checksum_ok"] = ok
    own = peak_rss_kb()
    if own is not None:
        record["peak_rss_kb"] = own + WORKERS_RSS_KB[0]


def main(argv):
    import json
    if len(argv) != 6:
        sys.stderr.write("usage: scaling.py threads|processes|interpreters|objects|"
                         "shared-objects WORKERS UNITS REPEATS WARMUP_S\n")
        return 2
    record = {
        "kind": argv[1],
        "workers": None,
        "units": None,
        "available": True,
        "reason": "",
        "warmups": [],
        "steady": False,
        "times": [],
        "checksum_ok": False,
        "cpu_count": None,
        "start_s": None,
        "peak_rss_kb": None,
        "features": {},
    }
    try:
        record["cpu_count"] = cpu_count()
    except Exception:
        pass
    try:
        measure(record, argv)
    except Exception as exc:
        record["available"] = False
        record["reason"] = _describe(exc)
        record["checksum_ok"] = False
    record["features"] = _features()  # after the workers ran: see the docstring
    sys.stdout.write(MARKER + " " + json.dumps(record) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
