"""Run many scripts in ONE Jython process, each with a fresh interpreter state.

A JVM takes about a second to start, so one process per script is too slow
for hundreds of scripts. Each script gets its own PySystemState (its own
sys.modules, sys.path, sys.argv, stdout/stderr and working directory), so
Python-level state does not leak between scripts; Java-level state (static
fields, threads a script leaves running, heap) is shared. Measured on 60
one-line scripts: ~150 ms a script this way, against ~1.2 s for a JVM each
and ~35 ms with one shared PySystemState; sharing was rejected because
dropping a script's imports afterwards breaks Jython's codec registry, and
keeping them lets one script's monkey-patching leak into the next.
A script that overruns its time limit ends this process (a JVM thread cannot
be killed); the host then starts a new one for the scripts after it.

A script must see what it sees run alone as `jython PATH` (Jython 2.7.3's
launcher, org.python.util.jython; tests/integration/test_compat.py compares
the two): its directory first on sys.path, __name__, __file__, sys.argv,
an empty stdin, a fresh empty working directory (as batch.sh gives), streams
encoding as the console's (not named <stdout>), and the launcher's endings: an uncaught
exception is printed and exits 1 after the exit functions ran; SystemExit's
code is the status modulo 256, a message goes to stdout (sic) with status 1;
at a normal end the JVM waits for the script's non-daemon threads, and its
exit functions do not run (the launcher loses them at random, mostly: they ran
in 1 of 7 runs of one script).

Usage: jython jython_batch.py OUTDIR SECONDS   (script paths on stdin)
Writes OUTDIR/N.out, N.err and N.rc like batch.sh.
"""
import os
import sys
import tempfile
import threading
import traceback

from java.io import ByteArrayOutputStream
from jarray import zeros
from java.lang import Class, System, Thread, Throwable
from org.python.core import Py, PyFile, PyStringMap, PySystemState
from org.python.util import PythonInterpreter

LIMIT = 65536
# Read-only from Python: what the streams that replace the launcher's standard streams
# copy from them (without the console's encoding, print u"caf\xe9" fails). Their name
# (a PyObject) cannot be set this way: sys.stdout.name is "<Java OutputStream ...>".
STREAM_FIELDS = [Class.getDeclaredField(PyFile, name) for name in ("encoding", "errors")]
# A Java exception (a script's, or this driver's) is no BaseException.
ANY = (BaseException, Throwable)


def write(path, data):
    f = open(path + ".tmp", "wb")
    f.write(data)
    f.close()
    os.rename(path + ".tmp", path)


def non_daemon_threads():
    group = Thread.currentThread().getThreadGroup()
    while group.getParent() is not None:
        group = group.getParent()
    found = zeros(group.activeCount() + 16, Thread)  # (Thread.getAllStackTraces is slower)
    return set(t for t in found[:group.enumerate(found)] if t.isAlive() and not t.isDaemon())


def exit_status(code, state):
    """The launcher's status for SystemExit(CODE); a message is printed to stdout."""
    if code is None:
        return 0
    if isinstance(code, (int, long)):
        return int(code) & 0xFF
    state.stdout.write(str(code) + "\n")
    return 1


def run_one(path, result):
    state = PySystemState()
    state.argv = [path]
    # As the launcher does: the directory of the script's canonical path.
    state.path.insert(0, os.path.dirname(os.path.realpath(path)))
    work = tempfile.mkdtemp(prefix="script.")
    state.setCurrentWorkingDir(work)
    out = ByteArrayOutputStream()
    err = ByteArrayOutputStream()
    interp = PythonInterpreter(PyStringMap(), state)
    launchers = state.stdout, state.stderr
    interp.setOut(out)
    interp.setErr(err)
    for theirs, ours in zip(launchers, (state.stdout, state.stderr)):
        for field in STREAM_FIELDS:
            field.set(ours, field.get(theirs))
    interp.set("__name__", "__main__")
    interp.set("__file__", path)
    result["out"], result["err"] = out, err
    before = non_daemon_threads()
    rc = 0
    try:
        try:
            interp.execfile(path)
        except SystemExit, exc:
            rc = exit_status(exc.code, state)
        except ANY:
            kind, value, tb = sys.exc_info()
            while tb is not None and tb.tb_frame.f_code.co_filename == __file__:
                tb = tb.tb_next  # this driver's frames: the launcher has none
            Py.printException(Py.makeException(kind, value, tb))  # as the launcher does
            rc = 1
        else:
            for thread in non_daemon_threads() - before:
                if thread is not Thread.currentThread():
                    thread.join()
            state.exitfunc = lambda: None  # (setting None makes cleanup() complain)
    finally:
        try:
            interp.cleanup()
        except ANY:
            pass
    result["rc"] = rc


def guarded(path, result):
    try:
        run_one(path, result)
    except ANY:  # the driver's own failure: report it as the script's
        result["rc"] = 1
        result["driver_error"] = traceback.format_exc()


def main(out_dir, limit):
    # Every path first: stdin is then at its end, as a script's is (the launcher's
    # stdin is empty), instead of the list of the scripts after it.
    paths = sys.stdin.read().splitlines()
    # Scripts run in a worker thread: give it a main thread's stack, so deep
    # recursion fails the way it does when the script runs alone.
    threading.stack_size(64 * 1024 * 1024)
    if not os.path.isdir(out_dir):
        os.makedirs(out_dir)
    for n, path in enumerate(paths, 1):
        result = {}
        # Named as the launcher's thread is, and not a daemon: the threads a script
        # starts inherit that.
        worker = threading.Thread(target=guarded, args=(path, result), name="MainThread")
        worker.start()
        worker.join(limit)
        base = os.path.join(out_dir, str(n))
        out, err = result.get("out"), result.get("err")
        write(base + ".out", (out.toByteArray().tostring() if out else "")[:LIMIT])
        err = (err.toByteArray().tostring() if err else "") + result.get("driver_error", "")
        write(base + ".err", err[-LIMIT:])
        if worker.isAlive():
            write(base + ".rc", "124\n")
            System.exit(3)
        write(base + ".rc", "%d\n" % result.get("rc", 1))
    return 0


if __name__ == "__main__":
    System.exit(main(sys.argv[1], float(sys.argv[2])))
