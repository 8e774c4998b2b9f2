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
module name, the compiler, the interpreter, the C flags): the several processes of one
cell compile once. A compiler's rejection is cached too. The cache is the
container's /tmp, so it lives as long as the run's container.

Python 3 only (the rows that use it are CPython 3 with a compiler installed).
"""
# Only what every program needs: the tools (the harness, the start-up programs) run
# through this file too, so the compiler's own imports wait until something compiles.
import os
import sys

CACHE = "/tmp/implmatrix-compiled"
TOOLS = os.path.dirname(os.path.abspath(__file__))
# setuptools' flags for extensions on Debian, less -g (debug information only makes
# gcc slower); -O2 as there.
CFLAGS = ("-shared", "-fPIC", "-O2", "-fwrapv", "-fno-strict-overflow", "-DNDEBUG")
# Module names by role: a script runs as the main program, the harness names a
# workload's namespace __workload__.
MODULE_NAMES = {"scripts": "__main__", "workloads": "__workload__"}
# Set by main(): the compiler the row's command names.
COMPILER = None
# What load() did, for the harness's record.
LOADED = None


class CompileError(ImportError):
    """The compiler rejected the source; the message is its first error, FILE:LINE."""


def first_error(output):
    """The first line of a compiler's OUTPUT that names a place (FILE:LINE:COL: message,
    as Cython and gcc print them) and is not a warning, else its last non-empty line."""
    import re
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    for line in lines:
        found = re.match(r"^(\S+?):(\d+):(\d+): (.*)$", line)
        if found and not found.group(4).lower().startswith(("warning", "note")):
            return line
    return lines[-1] if lines else "the compiler failed without a message"


def cache_key(source, module_name, compiler):
    """What a compiled module depends on: the source, its module name, the compiler,
    this interpreter and the C flags. (The compiler's version is the image's: the cache
    lives in the container's /tmp, as long as the container.)"""
    import hashlib
    digest = hashlib.sha256()
    for part in (source, module_name.encode(), compiler.encode(),
                 sys.version.encode(), " ".join(CFLAGS).encode()):
        digest.update(part + b"\0")
    return digest.hexdigest()[:32]


def _ext_suffix():
    import sysconfig
    return sysconfig.get_config_var("EXT_SUFFIX")


def _run(argv, cwd):
    import subprocess
    proc = subprocess.run(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if proc.returncode != 0:
        raise CompileError(first_error(proc.stdout.decode("utf-8", "replace")))


def _cython_version():
    from Cython import __version__
    return "cython " + __version__


def _cython(path, module_name, work):
    """Compile PATH into the extension module WORK/MODULE_NAME.<suffix>."""
    import sysconfig
    c_file = os.path.join(work, "module.c")
    # -3: Python 3 semantics (the suite is Python 3 code); binding functions and pure
    # Python mode are Cython 3's defaults. Cython runs in a child process: its errors
    # go to its output, and its memory is not the caller's.
    _run([sys.executable, "-m", "cython", "-3", "--module-name", module_name,
          "-o", c_file, path], work)
    cc = sysconfig.get_config_var("CC").split()
    _run(cc + list(CFLAGS) + ["-I", sysconfig.get_paths()["include"],
                              "-o", os.path.join(work, module_name + _ext_suffix()), c_file],
         work)
    os.remove(c_file)


COMPILERS = {"cython": (_cython_version, _cython)}


def build(compiler, path, module_name):
    """PATH compiled by COMPILER into an extension module MODULE_NAME, from the cache
    when it is there: (its file, what happened), or CompileError. Loading from the cache
    imports nothing of the compiler's into the caller, a measured process."""
    import shutil
    import tempfile
    import time
    version_of, compile_into = COMPILERS[compiler]
    with open(path, "rb") as f:
        done = os.path.join(CACHE, cache_key(f.read(), module_name, compiler))
    seconds, cached = 0.0, True
    if not os.path.isdir(done) and not os.path.isfile(done + ".error"):
        started = time.time()
        os.makedirs(CACHE, exist_ok=True)
        work = tempfile.mkdtemp(dir=CACHE, prefix="work.")
        try:
            try:
                compile_into(path, module_name, work)
            except CompileError as exc:
                with open(os.path.join(work, "error"), "w") as f:
                    f.write(str(exc))
                os.rename(os.path.join(work, "error"), done + ".error")
            else:
                with open(os.path.join(work, "compiler"), "w") as f:
                    f.write(version_of())
                try:  # atomic; a process that compiled the same first wins, alike
                    os.rename(work, done)
                except OSError:
                    pass
        finally:
            shutil.rmtree(work, ignore_errors=True)
        seconds, cached = round(time.time() - started, 3), False
    if os.path.isfile(done + ".error"):
        with open(done + ".error") as f:
            raise CompileError(f.read())
    with open(os.path.join(done, "compiler")) as f:
        version = f.read()
    return os.path.join(done, module_name + _ext_suffix()), {
        "compiler": version, "cached": cached, "seconds": seconds}


def _module(so_file, module_name):
    """The extension module SO_FILE as a module object named MODULE_NAME, not yet run."""
    from importlib.machinery import ExtensionFileLoader
    from importlib.util import module_from_spec, spec_from_file_location
    spec = spec_from_file_location(module_name, so_file,
                                   loader=ExtensionFileLoader(module_name, so_file))
    return spec, module_from_spec(spec)


def load(path):
    """The namespace of the workload PATH, compiled by COMPILER."""
    global LOADED
    name = MODULE_NAMES["workloads"]
    so_file, info = build(COMPILER, path, name)
    spec, module = _module(so_file, name)
    spec.loader.exec_module(module)
    LOADED = info
    return module.__dict__


def run_compiled(so_file, path, argv):
    """Run SO_FILE (PATH compiled) as the main program with ARGV, as `python PATH` would
    run PATH: its directory first on sys.path."""
    spec, module = _module(so_file, MODULE_NAMES["scripts"])
    sys.argv = argv
    sys.path[0] = os.path.dirname(os.path.abspath(path))
    sys.modules["__main__"] = module
    spec.loader.exec_module(module)


def run_tool(path, argv):
    """Run the tool PATH as it is, as the main program with ARGV (not with runpy, whose
    imports would add a third to the start-up of an empty program)."""
    with open(path) as f:
        code = compile(f.read(), path, "exec")
    main = type(sys)("__main__")
    main.__file__ = path
    sys.argv = argv
    sys.modules["__main__"] = main
    exec(code, main.__dict__)


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
            except (CompileError, OSError):
                pass  # a rejection is cached; the run that follows reports either
        return 0
    if os.path.abspath(script).startswith(TOOLS + os.sep):
        # The harness looks for this module under this name to load its workload.
        sys.modules["compiled"] = sys.modules[__name__]
        COMPILER = compiler
        run_tool(script, argv[2:])
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
