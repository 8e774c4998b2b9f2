"""Command line: `implmatrix SUB-COMMAND`; each maps to a cmd_* function.

Heavy imports (pandas, pyperf, jinja2) happen inside the commands that need
them, so `--help` and usage errors are instant.
"""

from __future__ import annotations

import argparse
import shlex
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from implmatrix import DockerError, UsageError, __version__

if TYPE_CHECKING:
    from implmatrix import store

DEFAULT_OUT = Path("reports")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, not usage + error
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _report(run: store.RunDir, against: str | None = None) -> dict[str, Path]:
    """Render RUN's report (compared with AGAINST, if given), then the runs index of its
    root: the files written."""
    from implmatrix import render, runs_index

    written = render.write(run, against)  # an unknown AGAINST: UsageError, first
    runs_index.update(run)
    return written


def cmd_list(args: argparse.Namespace) -> int:
    import ast

    from implmatrix import registry, workloads

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
        try:
            doc = ast.get_docstring(ast.parse(w.path.read_bytes())) or ""
        except (SyntaxError, ValueError):
            doc = "(does not parse as Python 3)"
        print(f"  {w.name:<18} {doc.strip().splitlines()[0] if doc.strip() else ''}")
    return 0


def cmd_images(args: argparse.Namespace) -> int:
    from implmatrix import engine, images, registry

    chosen = registry.select(registry.load(), args.impl, args.set)
    engine.ensure_available()
    built = images.ensure(chosen, force=args.force)
    for impl in chosen:
        image = built[impl.id]
        print(f"{impl.id:<16} {image.tag:<28} {image.id[7:19]}  "
              f"{'built' if image.built else 'reused'}")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from implmatrix import BUILTIN_PROBES, engine, images, registry, scripts, workloads

    limits = [t for t in (args.timeout, args.script_timeout) if t is not None]
    counts = [n for n in (args.values, args.processes) if n is not None]
    if not all(0 < t < float("inf") for t in limits) or not all(n >= 1 for n in counts):
        raise UsageError("--timeout, --script-timeout, --values and --processes "
                         "must be positive")
    if args.scaling_cap is not None and not 0 <= args.scaling_cap < float("inf"):
        raise UsageError("--scaling-cap must be 0 (no scaling) or more")
    chosen = registry.select(registry.load(), args.impl, args.set)
    if args.shard:
        chosen = registry.shard(chosen, args.shard)
    # Neither --workloads nor --suite: the built-in workloads and probes.
    found = workloads.discover(args.workloads, args.select) \
        if args.workloads or not args.suite else []
    suite_dirs = args.suite or ([] if args.workloads else [BUILTIN_PROBES])
    compat_scripts = scripts.discover(suite_dirs)
    from implmatrix import run_summary  # pandas: only once the input is known to be good
    from implmatrix.run import PRESETS, Plan, run_matrix, with_overrides

    engine.ensure_available()
    built = images.ensure(chosen)
    command = shlex.join(["implmatrix", *sys.argv[1:]])
    mounts = {**(workloads.mounts(args.workloads) if found else {}),
              **scripts.mounts(suite_dirs)}
    settings = with_overrides(PRESETS[args.preset], values=args.values,
                              processes=args.processes, timeout_s=args.timeout,
                              script_timeout_s=args.script_timeout,
                              scaling_cap_s=args.scaling_cap)
    plan = Plan(chosen, built, found, compat_scripts, mounts)
    run = run_matrix(plan, settings, out=args.out, command=command, force=args.force)
    written = _report(run)
    print(f"report: {written['md']}  {written['html']}")
    print(run_summary.summary(run))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from implmatrix import run_summary, store

    if args.run:
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


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="implmatrix", description="Run one set of workloads on CPython, PyPy, "
                "MicroPython and Jython in containers, and report compatibility and speed.")
    p.add_argument("--version", action="version", version=f"implmatrix {__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def impl_arg(s: argparse.ArgumentParser) -> None:
        s.add_argument("--impl", action="append", metavar="ID",
                       help="implementation id (repeatable; default: the default set)")
        s.add_argument("--set", metavar="NAME",
                       help="a named set of implementations from the registry: default, "
                            "timeline, all (see `implmatrix list`)")

    def workload_args(s: argparse.ArgumentParser) -> None:
        s.add_argument("--workloads", action="append", type=Path, metavar="DIR",
                       help="directory of workload files, instead of the built-in workloads "
                            "(repeatable)")
        s.add_argument("--select", action="append", metavar="PATTERN",
                       help="only workloads whose name matches this glob (repeatable)")

    s = sub.add_parser("list", help="list implementations and workloads")
    workload_args(s)
    s.set_defaults(func=cmd_list)

    s = sub.add_parser("images", help="build the missing or stale interpreter images")
    impl_arg(s)
    s.add_argument("--force", action="store_true", help="rebuild even if up to date")
    s.set_defaults(func=cmd_images)

    s = sub.add_parser("run", help="run the matrix and write a report")
    impl_arg(s)
    workload_args(s)
    s.add_argument("--suite", action="append", type=Path, metavar="DIR",
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
    s.add_argument("--processes", type=int, metavar="N",
                   help="fresh processes per cell (preset: 1 fast, 3 default, 6 rigorous)")
    s.add_argument("--values", type=int, metavar="N",
                   help="timed iterations per process after warmup (preset: 3, 5, 10)")
    s.add_argument("--timeout", type=float, metavar="SECONDS",
                   help="per-process time limit, warmups included (default 120)")
    s.add_argument("--script-timeout", type=float, metavar="SECONDS",
                   help="per-script time limit for compatibility scripts (default 10)")
    s.add_argument("--scaling-cap", type=float, metavar="SECONDS",
                   help="time per implementation for the scaling protocol beyond its "
                        "first 2 rounds (preset: 45, 120, 600; 0: no scaling)")
    s.add_argument("--force", action="store_true",
                   help="measure everything again instead of reusing what an earlier run "
                        "with the same settings measured")
    s.add_argument("--shard", metavar="K/N",
                   help="run only the K-th of N shares of the implementations (for "
                        "splitting a matrix over jobs or hosts; `merge` joins them)")
    s.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="DIR",
                   help="where runs are kept (default reports/)")
    s.set_defaults(func=cmd_run)

    s = sub.add_parser("report", help="(re)build the report of the latest or a given run")
    s.add_argument("run", nargs="?", type=Path, metavar="RUN_DIR",
                   help="a run directory (default: OUT/latest)")
    s.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="DIR")
    s.add_argument("--against", metavar="RUN_ID",
                   help="compare with this earlier run (default: the previous comparable "
                        "run: same host, same or newer interpreter versions)")
    s.set_defaults(func=cmd_report)

    s = sub.add_parser("merge", help="combine runs (e.g. one per tox env) into one report")
    s.add_argument("sources", nargs="+", type=Path, metavar="RUN_OR_DIR",
                   help="a run directory, a runs root with `latest`, or a folder of those")
    s.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="DIR")
    s.set_defaults(func=cmd_merge)
    return p


class Terminated(KeyboardInterrupt):
    """SIGTERM (a CI runner's cancel, `kill`, `timeout`), handled as Ctrl-C is: every
    cleanup that runs on KeyboardInterrupt (containers removed, finished cells kept) runs."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    command: Callable[[argparse.Namespace], int] = args.func  # set_defaults(func=cmd_...)
    signal.signal(signal.SIGTERM, _terminate)
    try:
        return command(args)
    except UsageError as e:
        print(f"implmatrix: error: {e}", file=sys.stderr)
        return 2
    except DockerError as e:
        print(f"implmatrix: error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt as e:
        how, number = ("terminated", signal.SIGTERM) if isinstance(e, Terminated) \
            else ("interrupted", signal.SIGINT)
        print(f"implmatrix: {how}; finished cells are kept, run again to resume",
              file=sys.stderr)
        return 128 + number
