"""implmatrix's tests; they run from its checkout."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the checkout
