"""Generate a corpus of small scripts the project did not hand-write.

Each script combines a few snippets drawn (with a fixed seed) from a pool that
covers what tends to differ between implementations: Python 2 vs 3 semantics,
newer syntax, missing modules, errors, exits, SKIP and a time-out. Used by the
compatibility integration test and by the throughput benchmark.
"""

from __future__ import annotations

import random
from pathlib import Path

# Each snippet is self-contained and prints what it computes.
SNIPPETS = [
    'print("%d" % (7 * {n}))',
    'print(repr(sorted([{n}, 3, 1, 2])))',
    'print("-".join(["a", "b", str({n})]))',
    'print(repr(2 ** (60 + {n})))',
    'print(repr({n} // 3) + " " + repr(-{n} // 3) + " " + repr(-{n} % 3))',
    'print(repr(1 / 2))',  # 0 on Python 2 (Jython)
    'print(1, {n})',  # a tuple on Python 2
    'print(f"{{{n}!r:>5}}")',  # f-string: not on Jython
    'if (y := {n}) > 0:\n    print(y)',  # walrus
    'match {n}:\n    case 0:\n        print("zero")\n    case _:\n        print("other")',
    'print(repr(round(2.675, 2)))',
    'print(repr(0.1 + 0.2))',
    'print(repr("abc".upper() + "{n}"))',
    'print(repr(list(range({n} % 5))))',
    'print(repr(dict(a=1, b={n})["b"]))',
    'print(repr(sorted({{"x": 1, "y": {n}}}.items())))',
    'print(repr(str(b"ab", "ascii")))',
    'print(repr(int("1" * 30) % ({n} + 7)))',
    'import json\nprint(json.dumps({{"k": [{n}, 2.5, None]}}, sort_keys=True))',
    'import collections\nprint(repr(sorted(collections.Counter("hello{n}").items())))',
    'import fractions\nprint(str(fractions.Fraction({n}, 6)))',
    'import sqlite3\nprint(sqlite3.connect(":memory:").execute("select {n} + 1").fetchone()[0])',
    'import no_such_module_{n}',
    'raise ValueError("generated {n}")',
    'import sys\nsys.exit({n} % 3)',
    'def f(n):\n    return f(n + 1)\n'
    'try:\n    f(0)\nexcept RecursionError:\n    print("recursion")',
    'class A(object):\n    __slots__ = ("v",)\nx = A()\nx.v = {n}\nprint(x.v)',
    'print(repr(hash(({n}, 2)) == hash(({n}, 2))))',
]
SPECIAL = ['print("SKIP")', "while True:\n    pass"]


def generate(directory: Path, count: int, seed: int = 2026, hang_every: int = 0) -> list[Path]:
    """COUNT scripts in DIRECTORY; with HANG_EVERY, every Nth one never ends."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        if hang_every and i % hang_every == hang_every - 1:
            body = SPECIAL[1]
        elif i % 97 == 13:
            body = SPECIAL[0]
        else:
            picks = rng.sample(SNIPPETS, rng.randint(1, 3))
            body = "\n".join(p.format(n=rng.randint(0, 99)) for p in picks)
        path = directory / f"gen_{i:04d}.py"
        path.write_text(f"# category: generated\n# feature: corpus script {i}\n{body}\n")
        paths.append(path)
    return paths
