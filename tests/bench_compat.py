"""Throughput benchmark: ~600 generated scripts on every implementation.

    make bench            (or: .venv/bin/python -m tests.bench_compat [COUNT])

Prints the wall time of `implmatrix run --suite` over the corpus and each
implementation's share; the target is at most 300 s on a 2-core machine.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests import ROOT
from tests.corpus import generate

TARGET_S = 300.0


def main(argv: list[str]) -> int:
    count = int(argv[1]) if len(argv) > 1 else 600
    with tempfile.TemporaryDirectory(prefix="implmatrix-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        generate(corpus, count)
        start = time.monotonic()
        proc = subprocess.run(
            [sys.executable, "-m", "implmatrix", "run", "--suite", str(corpus),
             "--out", str(Path(tmp) / "out")],
            cwd=ROOT, capture_output=True, text=True, check=False)
        wall = time.monotonic() - start
    if proc.returncode != 0:
        print(proc.stdout + proc.stderr, file=sys.stderr)
        return 1
    for line in proc.stdout.splitlines():
        if "compatibility scripts in" in line:
            print("  " + line)
    verdict = "met" if wall <= TARGET_S else "MISSED"
    print(f"{count} scripts x 5 implementations: {wall:.0f} s wall, "
          f"{count * 5 / wall:.1f} script runs/s; target {TARGET_S:.0f} s {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
