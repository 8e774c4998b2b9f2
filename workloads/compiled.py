"""Run Python compiled to C: the rows that measure compiled code, with no code change.

Usage: <python3> compiled.py COMPILER SCRIPT [ARG...]     (COMPILER: cython)
       <python3> compiled.py COMPILER --build {scripts|workloads} PATH...

Such a row's command (implementations.toml) starts every program through this
file, so everything it runs is compiled, at run time, inside the container:
workloads are not known when the image is built. SCRIPT is compiled into an
extension module named __main__ and run as the main program; a script the
compiler rejects (or whose C the C compiler rejects) ends with one last stderr
line "CompileError: FILE:LINE:COL: message" (the compiler's first error) and
exit status 1, which the compatibility matrix counts as unsupported.
implmatrix's own tools (the files under this one's directory: the harness, the
scaling job, the start-up programs) run as they are; the harness finds this
module in sys.modules and loads its workload with load(), compiled.

--build compiles PATHs ahead into the cache (as scripts or as workloads: their
module names differ), one after the other, rejections included, and runs
nothing: the host does this before it runs scripts or times a workload, so that
compiling counts neither against their time limits nor in their peak RSS.

Compiled modules are cached under CACHE, keyed by the source's hash (and the
module name, the compiler's version, the flags): the several processes of one
cell compile once. A compiler's rejection is cached too. The cache is the
container's /tmp, so it lives as long as the run's container.

Python 3 only (the rows that use it are CPython 3 with a compiler installed).
"""
import hashlib
import os
import re
import subprocess
import sys
import sysconfig
import tempfile
import time

CACHE = "/tmp/implmatrix-compiled"
TOOLS = os.path.dirname(os.path.abspath(__file__))
# setuptools' flags for extensions on Debian, less -g (debug information only makes
# gcc slower); -O2 as there.
CFLAGS = ("-shared", "-fPIC", "-O2", "-fwrapv", "-fno-strict-overflow", "-DNDEBUG")
# Module names by role: a script runs as the main program, the harness names a
# workload's namespace __workload__.
MODULE_NAMES = {"scripts": "__main__", "workloads": "__workload__"}
# One line of the compiler's output that names where it failed: FILE:LINE:COL: message
# (Cython's own errors and gcc's alike).
_WHERE = re.compile(r"^(\S+?):(\d+):(\d+): (.*)$")


class CompileError(ImportError):
    """The compiler rejected the source; the message is its first error, FILE:LINE."""


def first_error(output):
    """The first line of a compiler's OUTPUT that names a place and is not a warning,
    else its last non-empty line (or a placeholder)."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    for line in lines:
        found = _WHERE.match(line)
        if found and not found.group(4).lower().startswith(("warning", "note")):
            return line
    return lines[-1] if lines else "the compiler failed without a message"


def cache_key(source, module_name, compiler_version):
    """What a compiled module depends on: the source, its module name, the compiler,
    this interpreter and the C flags."""
    digest = hashlib.sha256()
    for part in (source, module_name.encode(), compiler_version.encode(),
                 sys.version.encode(), " ".join(CFLAGS).encode()):
        digest.update(part + b"\0")
    return digest.hexdigest()[:32]


def _cython_version():
    from Cython import __version__
    return "cython " + __version__


def _run(argv, cwd):
    proc = subprocess.run(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if proc.returncode != 0:
        raise CompileError(first_error(proc.stdout.decode("utf-8", "replace")))


def _cython(path, module_name, work):
    """Compile PATH to an extension module in WORK: its file name."""
    c_file = os.path.join(work, "module.c")
    # -3: Python 3 semantics (the suite is Python 3 code); binding functions and pure
    # Python mode are Cython 3's defaults. Cython itself runs in a child: its errors
    # go to its output, and its memory is not the measured process's.
    _run([sys.executable, "-m", "cython", "-3", "--module-name", module_name,
          "-o", c_file, path], work)
    so_file = os.path.join(work, module_name + sysconfig.get_config_var("EXT_SUFFIX"))
    cc = sysconfig.get_config_var("CC").split()
    _run(cc + list(CFLAGS) + ["-I", sysconfig.get_paths()["include"], "-o", so_file, c_file],
         work)
    os.remove(c_file)
    return so_file


COMPILERS = {"cython": (_cython_version, _cython)}


def build(compiler, path, module_name):
    """PATH compiled by COMPILER into an extension module MODULE_NAME, from the cache
    when it is there: (its file, what happened), or CompileError."""
    version, compile_into = COMPILERS[compiler]
    version = version()
    with open(path, "rb") as f:
        key = cache_key(f.read(), module_name, version)
    done = os.path.join(CACHE, key)
    info = {"compiler": version, "cached": True, "seconds": 0.0}
    if not os.path.isdir(done) and not os.path.isfile(done + ".error"):
        started = time.time()
        os.makedirs(CACHE, exist_ok=True)
        work = tempfile.mkdtemp(dir=CACHE, prefix="work.")
        try:
            compile_into(path, module_name, work)
            failed = None
        except CompileError as exc:
            failed = str(exc)
        info = {"compiler": version, "cached": False,
                "seconds": round(time.time() - started, 3)}
        if failed is None:
            try:  # atomic; another process may have finished first, with the same result
                os.rename(work, done)
            except OSError:
                pass
        else:
            with open(os.path.join(work, "error"), "w") as f:
                f.write(failed)
            try:
                os.rename(os.path.join(work, "error"), done + ".error")
            except OSError:
                pass
        if os.path.isdir(work):
            subprocess.call(["rm", "-rf", work])
    if os.path.isfile(done + ".error"):
        with open(done + ".error") as f:
            raise CompileError(f.read())
    return os.path.join(done, module_name + sysconfig.get_config_var("EXT_SUFFIX")), info


def _import(so_file, module_name):
    from importlib.machinery import ExtensionFileLoader
    from importlib.util import module_from_spec, spec_from_file_location
    spec = spec_from_file_location(module_name, so_file,
                                   loader=ExtensionFileLoader(module_name, so_file))
    module = module_from_spec(spec)
    return spec, module


# Set by main(): the compiler the row's command names.
COMPILER = None
# What load() did, for the harness's record.
LOADED = None


def load(path):
    """The namespace of the workload PATH, compiled by COMPILER."""
    global LOADED
    name = MODULE_NAMES["workloads"]
    so_file, info = build(COMPILER, path, name)
    spec, module = _import(so_file, name)
    spec.loader.exec_module(module)
    LOADED = info
    return module.__dict__


def run_compiled(so_file, path, argv):
    """Run SO_FILE (PATH compiled) as the main program with ARGV."""
    spec, module = _import(so_file, MODULE_NAMES["scripts"])
    sys.argv = argv
    sys.path[0] = os.path.dirname(os.path.abspath(path))
    sys.modules["__main__"] = module
    spec.loader.exec_module(module)


USAGE = ("usage: compiled.py COMPILER SCRIPT [ARG...]\n"
         "       compiled.py COMPILER --build {scripts|workloads} PATH...\n"
         "COMPILER: %s\n" % ", ".join(sorted(COMPILERS)))


def main(argv):
    global COMPILER
    if len(argv) < 3 or argv[1] not in COMPILERS or (
            argv[2] == "--build" and (len(argv) < 4 or argv[3] not in MODULE_NAMES)):
        sys.stderr.write(USAGE)
        return 2
    compiler, script = argv[1], argv[2]
    if script == "--build":
        for path in argv[4:]:
            try:
                build(compiler, path, MODULE_NAMES[argv[3]])
            except CompileError:
                pass  # cached: the run that follows reports it
        return 0
    if os.path.abspath(script).startswith(TOOLS + os.sep):
        import runpy
        # The harness looks for this module under this name to load its workload.
        sys.modules["compiled"] = sys.modules[__name__]
        COMPILER = compiler
        sys.argv = argv[2:]
        runpy.run_path(script, run_name="__main__")
        return 0
    try:
        so_file, _ = build(compiler, script, MODULE_NAMES["scripts"])
    except CompileError as exc:
        sys.stderr.write("CompileError: %s\n" % exc)
        return 1
    run_compiled(so_file, script, argv[2:])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
