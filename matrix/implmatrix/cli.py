"""Command line: `implmatrix SUB-COMMAND`; each maps to a cmd_* function.

Heavy imports (pandas, pyperf, jinja2) happen inside the commands that need
them, so `--help` and usage errors are instant.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import shlex
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from implmatrix import DockerError, UsageError, __version__

if TYPE_CHECKING:
    from implmatrix import images, progress, registry, store

DEFAULT_OUT = Path("reports")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, not usage + error
        # "argument --timeout: must be ..." (a type function below) -> "--timeout must be ..."
        message = re.sub(r"^argument (\S+): (?=must )", r"\1 ", message)
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


# Types of the options: each bad value is one line naming the option (_Parser.error).
# Nothing but the value is checked here; what needs the registry or the files is checked
# by the commands, before Docker.

def _seconds(text: str, bound: str, ok: Callable[[float], bool]) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and ok(value)):
        raise argparse.ArgumentTypeError(
            f"must be a finite number of seconds {bound}, not {text!r}")
    return value


def _time_limit(text: str) -> float:
    """--timeout, --script-timeout."""
    return _seconds(text, "> 0", lambda s: s > 0)


def _time_budget(text: str) -> float:
    """--scaling-cap: 0 turns scaling off."""
    return _seconds(text, ">= 0 (0: no scaling)", lambda s: s >= 0)


def _count(text: str) -> int:
    """--values, --processes."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number >= 1, not {text!r}")
    return value


def _shard(text: str) -> tuple[int, int]:
    """--shard K/N: the K-th of N shares."""
    try:
        k, n = (int(part) for part in text.split("/"))
    except ValueError:
        k = n = 0
    if not 1 <= k <= n:
        raise argparse.ArgumentTypeError(
            f"must be K/N with 1 <= K <= N, e.g. 2/5, not {text!r}")
    return k, n


def _runs_root(text: str) -> Path:
    """--out: a directory, made when missing."""
    path = Path(text)
    if path.exists() and not path.is_dir():
        raise argparse.ArgumentTypeError(f"must be a directory: {text} is a file")
    return path


def _workload_dir(text: str) -> Path:
    """--workloads: a directory (a file is refused with how to give it instead, as
    --suite does: a run takes directories, mounted whole)."""
    path = Path(text)
    if path.is_file():
        raise argparse.ArgumentTypeError(
            f"must be a directory of workloads: {text} is a file (give its directory, "
            f"with --select {path.stem} to run only it)")
    return path


def _suite_dir(text: str) -> Path:
    """--suite: a directory, each .py script in it is checked (see _workload_dir)."""
    path = Path(text)
    if path.is_file():
        raise argparse.ArgumentTypeError(
            f"must be a directory of scripts: {text} is a file (give the directory it is "
            "in: each of its .py scripts runs)")
    return path


def _report(run: store.RunDir, against: str | None = None) -> dict[str, Path]:
    """Render RUN's report (compared with AGAINST, if given), then the runs index of its
    root: the files written."""
    from implmatrix import render, runs_index

    written = render.write(run, against)  # an unknown AGAINST: UsageError, first
    runs_index.update(run)
    return written


def cmd_list(args: argparse.Namespace) -> int:
    import ast

    from implmatrix import registry, validate, workloads

    impls = registry.load()
    print("implementations:")
    for i in impls.values():
        flags = ["baseline"] * i.baseline + [f"{f} on" for f in i.features]
        extra = f" + {' '.join(i.pip)}" * bool(i.pip) + f" + crate {i.crate}" * bool(i.crate)
        print(f"  {i.id:<16} {i.family:<12} Debian {i.suite} {i.package}{extra}"
              + (f"  ({', '.join(flags)})" if flags else ""))
    print("sets:")
    for name, ids in registry.sets().items():
        print(f"  {name:<16} {' '.join(ids)}")
    print("workloads:")
    for w in workloads.discover(args.workloads, args.select):
        tree = validate.parse(w.path)
        doc = f"({tree.what})" if isinstance(tree, validate.Problem) \
            else ast.get_docstring(tree) or ""
        print(f"  {w.name:<18} {doc.strip().splitlines()[0] if doc.strip() else ''}")
    return 0


def _images(chosen: list[registry.Implementation], show: progress.Progress, *,
            force: bool = False) -> dict[str, images.Image]:
    """CHOSEN's images, built where missing or stale, as the first phase SHOW shows."""
    from implmatrix import images

    show.plan("images", "images", {i.id: 1 for i in chosen}, None)
    show.start("images")
    return images.ensure(chosen, force=force, log=show.say, done=lambda impl, image: (
        show.advance("images", impl.id, f"{impl.id} {'built' if image.built else 'ready'}")))


def cmd_images(args: argparse.Namespace) -> int:
    from implmatrix import engine, progress, registry

    chosen = registry.select(registry.load(), args.impl, args.set)
    engine.ensure_available()
    with progress.for_output(quiet=args.quiet) as show:
        built = _images(chosen, show, force=args.force)
    for impl in chosen:
        image = built[impl.id]
        print(f"{impl.id:<16} {image.tag:<28} {image.id[7:19]}  "
              f"{'built' if image.built else 'reused'}")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from implmatrix import BUILTIN_PROBES, engine, progress, registry, scripts, validate, workloads

    chosen = registry.select(registry.load(), args.impl, args.set)
    if args.shard:
        chosen = registry.shard(chosen, *args.shard)
    # Neither --workloads nor --suite: the built-in workloads and probes.
    found = workloads.discover(args.workloads, args.select) \
        if args.workloads or not args.suite else []
    suite_dirs = args.suite or ([] if args.workloads else [BUILTIN_PROBES])
    compat_scripts = scripts.discover(suite_dirs)
    # Before any image builds or container starts: a workload that cannot run anywhere.
    problems = validate.problems(found, compat_scripts)
    if problems:
        print("\n".join(map(str, problems)), file=sys.stderr)
        return 2
    from implmatrix import compat, run_summary  # pandas: once the input is known to be good
    from implmatrix.run import PRESETS, Plan, run_matrix, with_overrides

    engine.ensure_available()
    command = shlex.join(["implmatrix", *sys.argv[1:]])
    mounts = {**(workloads.mounts(args.workloads) if found else {}),
              **scripts.mounts(suite_dirs)}
    settings = with_overrides(PRESETS[args.preset], values=args.values,
                              processes=args.processes, timeout_s=args.timeout,
                              script_timeout_s=args.script_timeout,
                              scaling_cap_s=args.scaling_cap)
    with progress.for_output(quiet=args.quiet) as show:  # one display, images included
        plan = Plan(chosen, _images(chosen, show), found, compat_scripts, mounts)
        run = run_matrix(plan, settings, out=args.out, command=command, force=args.force,
                         progress=show)
    written = _report(run)
    print(f"report: {written['md']}  {written['html']}")
    print(run_summary.summary(run))
    # After the report: what was measured is kept, but the run failed.
    why = compat.baseline_failure(run, next((i.id for i in chosen if i.baseline), ""))
    if why:
        print(f"implmatrix: error: {why}", file=sys.stderr)
        return 1
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from implmatrix import run_summary, store

    if args.run:
        if args.run.is_file():
            raise UsageError(f"{args.run} is a file, not a run directory (give the "
                             "directory that holds run.json)")
        if not (args.run / "run.json").is_file():
            raise UsageError(f"{args.run} is not a run directory (no run.json)")
        run = store.RunDir(args.run.resolve())
    else:
        latest = store.latest(args.out)
        if latest is None:
            raise UsageError(f"no runs under {args.out}; run `implmatrix run` first")
        run = latest
    written = _report(run, args.against)
    for path in written.values():
        print(path)
    print(run_summary.summary(run))
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from implmatrix.merge import merge

    run = merge(args.sources, args.out)
    written = _report(run)
    print(f"merged {len(run.cells())} cells into {run.path}")
    print(f"report: {written['md']}  {written['html']}")
    return 0


def _examples(*lines: str) -> str:
    """An "examples:" epilog of `implmatrix LINE` command lines."""
    return "examples:\n" + "\n".join(f"  implmatrix {line}" for line in lines)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="implmatrix", description="Run one set of workloads on CPython, PyPy, "
                "MicroPython and Jython in containers,\nand report compatibility and speed.",
                epilog=_examples("list", "run --fast", "report"),
                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"implmatrix {__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def command(name: str, summary: str, *examples: str) -> argparse.ArgumentParser:
        """Sub-command NAME: SUMMARY in `implmatrix --help` and atop its own --help,
        EXAMPLES below it."""
        return sub.add_parser(name, help=summary, description=summary[:1].upper()
                              + summary[1:] + ".", epilog=_examples(*examples),
                              formatter_class=argparse.RawDescriptionHelpFormatter)

    def impl_arg(s: argparse.ArgumentParser) -> None:
        s.add_argument("--impl", action="append", metavar="ID",
                       help="implementation id (repeatable; default: the default set)")
        s.add_argument("--set", metavar="NAME",
                       help="a named set of implementations from the registry: default, "
                            "timeline, future, all (see `implmatrix list`)")

    def workload_args(s: argparse.ArgumentParser) -> None:
        s.add_argument("--workloads", action="append", type=_workload_dir, metavar="DIR",
                       help="directory of workload files, instead of the built-in workloads "
                            "(repeatable)")
        s.add_argument("--select", action="append", metavar="PATTERN",
                       help="only workloads whose name matches this glob (repeatable)")

    def quiet_arg(s: argparse.ArgumentParser) -> None:
        s.add_argument("--quiet", action="store_true",
                       help="no progress display: only errors and the final summary")

    s = command("list", "list implementations, sets and workloads",
                "list", "list --workloads my_benchmarks/ --select 'json*'")
    workload_args(s)
    s.set_defaults(func=cmd_list)

    s = command("images", "build the missing or stale interpreter images",
                "images", "images --set all", "images --impl pypy3.11 --force")
    impl_arg(s)
    s.add_argument("--force", action="store_true", help="rebuild even if up to date")
    quiet_arg(s)
    s.set_defaults(func=cmd_images)

    s = command("run", "run the matrix and write a report",
                "run --fast",
                "run --impl cpython3.13 --impl pypy3.11 --select 'n*' --timeout 60",
                "run --workloads my_benchmarks/ --suite my_scripts/ --out my_reports/",
                "run --set all --shard 2/4 --out runs/shard2")
    impl_arg(s)
    workload_args(s)
    s.add_argument("--suite", action="append", type=_suite_dir, metavar="DIR",
                   help="directory of scripts to check against the baseline's output "
                        "(repeatable; default with no --workloads: the built-in probes)")
    preset = s.add_mutually_exclusive_group()
    preset.add_argument("--fast", dest="preset", action="store_const", const="fast",
                        help="1 process per cell, 3 values, short warmup: for development "
                             "and CI")
    preset.add_argument("--rigorous", dest="preset", action="store_const", const="rigorous",
                        help="6 processes per cell, 10 values, long warmup")
    preset.add_argument("--debug-single-value", dest="preset", action="store_const",
                        const="debug", help="1 process per cell, 1 value, no warmup budget, "
                        "1 start-up run, no scaling: does everything run? (decides no claim)")
    s.set_defaults(preset="default")
    s.add_argument("--processes", type=_count, metavar="N",
                   help="fresh processes per cell (preset: 1 fast, 3 default, 6 rigorous)")
    s.add_argument("--values", type=_count, metavar="N",
                   help="timed iterations per process after warmup (preset: 3, 5, 10)")
    s.add_argument("--timeout", type=_time_limit, metavar="SECONDS",
                   help="per-process time limit, warmups included (default 120)")
    s.add_argument("--script-timeout", type=_time_limit, metavar="SECONDS",
                   help="per-script time limit for compatibility scripts (default 10)")
    s.add_argument("--scaling-cap", type=_time_budget, metavar="SECONDS",
                   help="time per implementation for the scaling protocol beyond its "
                        "first 2 rounds (preset: 45, 120, 600; 0: no scaling)")
    s.add_argument("--force", action="store_true",
                   help="measure everything again instead of reusing what an earlier run "
                        "with the same settings measured")
    s.add_argument("--shard", type=_shard, metavar="K/N",
                   help="run only the K-th of N shares of the implementations (for "
                        "splitting a matrix over jobs or hosts; `merge` joins them)")
    s.add_argument("--out", type=_runs_root, default=DEFAULT_OUT, metavar="DIR",
                   help="where runs are kept (default reports/)")
    quiet_arg(s)
    s.set_defaults(func=cmd_run)

    s = command("report", "(re)build the report of the latest or a given run",
                "report", "report reports/20261203-184505",
                "report --out my_reports/ --against 20261125-223031")
    s.add_argument("run", nargs="?", type=Path, metavar="RUN_DIR",
                   help="a run directory (default: OUT/latest)")
    s.add_argument("--out", type=_runs_root, default=DEFAULT_OUT, metavar="DIR",
                   help="where runs are kept (default reports/)")
    s.add_argument("--against", metavar="RUN_ID",
                   help="compare with this earlier run (default: the previous comparable "
                        "run: same host, same or newer interpreter versions)")
    s.set_defaults(func=cmd_report)

    s = command("merge", "combine runs (e.g. one per tox env) into one report",
                "merge runs/ --out reports/",
                "merge runs/shard1 runs/shard2 --out reports/")
    s.add_argument("sources", nargs="+", type=Path, metavar="RUN_OR_DIR",
                   help="a run directory, a runs root with `latest`, or a folder of those")
    s.add_argument("--out", type=_runs_root, default=DEFAULT_OUT, metavar="DIR",
                   help="where runs are kept (default reports/)")
    s.set_defaults(func=cmd_merge)
    return p


class Terminated(KeyboardInterrupt):
    """SIGTERM (a CI runner's cancel, `kill`, `timeout`) or SIGHUP (the terminal closed),
    handled as Ctrl-C is: every cleanup that runs on KeyboardInterrupt (containers removed,
    finished cells kept) runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_ENDINGS: dict[int, str] = {signal.SIGTERM: "terminated", signal.SIGHUP: "hung up"}


def _terminate(signum: int, frame: object) -> None:
    raise Terminated(signum)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    command: Callable[[argparse.Namespace], int] = args.func  # set_defaults(func=cmd_...)
    for signum in _ENDINGS:
        signal.signal(signum, _terminate)
    try:
        return command(args)
    except UsageError as e:
        print(f"implmatrix: error: {e}", file=sys.stderr)
        return 2
    except DockerError as e:
        print(f"implmatrix: error: {e}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `implmatrix list | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no error at exit
        return 1
    except KeyboardInterrupt as e:
        number = e.signum if isinstance(e, Terminated) else signal.SIGINT
        how = _ENDINGS.get(number, "interrupted")
        print(f"implmatrix: {how}; finished cells are kept, run again to resume",
              file=sys.stderr)
        return 128 + number
