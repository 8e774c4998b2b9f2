"""Check the user's files on the host, before any image builds or container starts.

A workload that cannot run anywhere (unreadable, not UTF-8, not Python, no run() or
check()) would otherwise be found out only after the images are built and the
containers started, as one error cell per implementation. `implmatrix run` refuses
it up front instead, with one line per problem: `FILE:LINE: what`.

Workloads are written in the common subset of Python 2.7, MicroPython and Python 3,
so parsing with the host's Python 3 is the check. Compatibility scripts are only
checked to be readable: whether a script parses is what the matrix measures (one
using newer syntax is legitimately "unsupported" somewhere).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # discovery reads files through read(): no import cycle at run time
    from implmatrix.scripts import Script
    from implmatrix.workloads import Workload

REQUIRED = {"run": "run()", "check": "check(value)"}  # what the harness calls


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int  # 1 when the problem is the whole file's
    what: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}"


def read(path: Path) -> bytes | Problem:
    """PATH's bytes, or why it cannot be read (a FIFO is not opened: it would block)."""
    if path.exists() and not path.is_file():
        return Problem(path, 1, "is not a regular file")
    try:
        return path.read_bytes()
    except OSError as e:
        return Problem(path, 1, f"cannot be read: {e.strerror or e}")


def parse(path: Path) -> ast.Module | Problem:
    """PATH parsed as the harness loads it (UTF-8 text, compiled as Python 3), or why not."""
    source = read(path)
    if isinstance(source, Problem):
        return source
    try:
        text = source.decode("utf-8")  # as the harness does, whatever a coding line says
    except UnicodeDecodeError as e:
        return Problem(path, source[:e.start].count(b"\n") + 1,
                       f"is not UTF-8 text: {e.reason} (byte {e.start})")
    try:
        return ast.parse(text, str(path))
    except SyntaxError as e:
        return Problem(path, e.lineno or 1, f"does not parse as Python 3: {e.msg}")
    except (ValueError, RecursionError) as e:  # null bytes (before 3.12), deep nesting
        return Problem(path, 1, f"does not parse as Python 3: {e}")


def _bound(statements: Iterable[ast.stmt]) -> Iterator[str]:
    """Names the module's own scope binds: definitions, assignments and imports, also
    inside top-level if/try/with/for blocks (a workload may define run() one way on
    one implementation and another way on another), not inside functions or classes."""
    for node in statements:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            yield node.name
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield from ((a.asname or a.name).split(".")[0] for a in node.names)
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign | ast.AugAssign | ast.For | ast.AsyncFor):
            targets = [node.target]
        for target in targets:
            yield from (n.id for n in ast.walk(target) if isinstance(n, ast.Name))
        for name in ("body", "orelse", "finalbody"):
            yield from _bound(getattr(node, name, ()))
        for handler in getattr(node, "handlers", ()):
            yield from _bound(handler.body)


def workload(path: Path) -> list[Problem]:
    """Why PATH cannot be a workload on any implementation (empty: it may be one)."""
    tree = parse(path)
    if isinstance(tree, Problem):
        return [tree]
    bound = set(_bound(tree.body))
    return [Problem(path, 1, f"defines no {call} at the top level")
            for name, call in REQUIRED.items() if name not in bound]


def script(path: Path) -> list[Problem]:
    """Why PATH (and its expected output NAME.py.exp, if there is one) cannot be read."""
    found = [read(p) for p in (path, path.with_name(path.name + ".exp"))
             if p == path or p.exists() or p.is_symlink()]
    return [p for p in found if isinstance(p, Problem)]


def problems(workloads: Iterable[Workload], scripts: Iterable[Script]) -> list[Problem]:
    """Every problem of these workloads and scripts, in their order."""
    return [*(p for w in workloads for p in workload(w.path)),
            *(p for s in scripts for p in script(s.path))]
