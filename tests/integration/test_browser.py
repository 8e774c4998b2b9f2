"""The shared run's index.html in a real headless Chromium (Debian's `chromium`).

The page is opened over file:// with every request that would leave the machine blocked
and recorded: the report must work offline (no CDN, charts inline). Chromium missing is a
failure, not a skip: `make test` installs it.
"""

from __future__ import annotations

import io
import itertools
import re
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser, Locator

from tests.browser import ChromiumMissing, chromium, chromium_executable, visit

WIDTH = 1280
NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")

# Each data row (a row with a <td>) of a table as its text and its cells' sort keys: the
# cell's data-sort attribute when it has one, else its text (the report's contract).
ROWS_JS = """table => Array.from(table.rows)
    .filter(row => row.querySelector('td'))
    .map(row => [row.innerText, Array.from(row.cells,
        cell => (cell.getAttribute('data-sort') || cell.textContent).trim())])"""
HEADER_ROW_JS = """table => Array.from(table.rows)
    .findIndex(row => row.querySelector('th') && !row.querySelector('td'))"""


Row = tuple[str, tuple[str, ...]]  # text, sort keys


@contextmanager
def report_in_browser(request: pytest.FixtureRequest) -> Iterator[tuple[Browser, Path]]:
    """Headless Chromium and the shared run's directory. Chromium is looked for first,
    so that its absence fails the test at once, before the shared run is made."""
    try:
        chromium_executable()
    except ChromiumMissing as error:
        pytest.fail(str(error), pytrace=False)
    run_dir: Path = request.getfixturevalue("shared_run").path
    with chromium() as browser:
        yield browser, run_dir


def test_report_renders_offline(request: pytest.FixtureRequest) -> None:
    with report_in_browser(request) as (browser, report), \
            visit(browser, report, width=WIDTH) as seen:
        page = seen.page
        assert page.title().startswith("implmatrix"), page.title()

        charts = page.locator("figure svg")
        count = charts.count()
        assert count >= 2, f"expected at least 2 charts (figure svg), found {count}"
        for i in range(count):
            chart = charts.nth(i)
            box = chart.bounding_box()  # None when it is not displayed
            assert box is not None and box["width"] > 0 and box["height"] > 0, \
                f"chart {i} has no size: {box}"
            pixels = Image.open(io.BytesIO(chart.screenshot()))
            assert pixels.getcolors(maxcolors=8) is None, f"chart {i} renders (nearly) blank"

        top = Image.open(io.BytesIO(page.screenshot()))
        assert top.convert("RGB").getcolors(maxcolors=64) is None, "the page is nearly blank"
        shot = report / "screenshot.png"
        # A whole default report is tall (85,000 px with the differences section):
        # Chromium took 11 s to capture one here, over the 10 s meant for local pages.
        page.screenshot(path=shot, full_page=True, timeout=120_000)
        problems = seen.problems()

    assert not problems, "\n".join(problems)
    # The full page can be taller than Pillow opens without a decompression-bomb
    # warning: its size is read from the PNG header.
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    assert width >= WIDTH, f"the screenshot is {width} px wide"
    assert height > 900, f"a full page of the report is only {height} px high"
    assert len(data) > 20_000, f"the screenshot is only {len(data)} bytes"
    print(f"screenshot: {shot} ({width}x{height})")


@dataclass
class Column:
    index: int
    numeric: bool


def pick_column(header: list[str], rows: list[Row]) -> Column | None:
    """A column whose sort keys are not all equal, preferring numbers whose numeric order
    is not their text order (which shows that they are compared as numbers)."""
    best: tuple[int, Column] | None = None
    for index in range(len(header)):
        keys = [row_keys[index] for _, row_keys in rows if index < len(row_keys)]
        if len(keys) != len(rows) or len(set(keys)) < 2:
            continue
        numbers = [n for n in map(number, keys) if n is not None]
        numeric = len(numbers) == len(keys)
        telling = numeric and sorted(keys) != [k for _, k in sorted(zip(numbers, keys,
                                                                         strict=True))]
        rank = 0 if telling else 1 if numeric else 2
        if best is None or rank < best[0]:
            best = rank, Column(index, numeric)
    return None if best is None else best[1]


def number(text: str) -> float | None:
    match = NUMBER.match(text.replace("\u2212", "-"))
    return float(match.group()) if match else None


def monotonic(values: list[float]) -> bool:
    pairs = list(itertools.pairwise(values))
    return all(a <= b for a, b in pairs) or all(a >= b for a, b in pairs)


def test_sortable_tables_sort_on_click(request: pytest.FixtureRequest) -> None:
    """Clicking a header of a `<table class="sortable">` reorders its rows (numerically
    for numeric cells)."""
    with report_in_browser(request) as (browser, report), \
            visit(browser, report, width=WIDTH) as seen:
        tables = seen.page.locator("table.sortable")
        if tables.count() == 0:
            pytest.skip("the report has no <table class=\"sortable\"> yet")
        checked, failures = 0, list[str]()
        for t in range(tables.count()):
            table = tables.nth(t)
            outcome = sort_once(table)
            if outcome is None:
                continue
            checked += 1
            if outcome:
                failures.append(f"sortable table {t}: {outcome}")
        problems = seen.problems()
    assert checked, "no sortable table has two rows that differ in some column"
    assert not failures, "\n".join(failures)
    assert not problems, "\n".join(problems)


def sort_once(table: Locator) -> str | None:
    """Click a header of TABLE (twice if the first click happens to keep the order,
    e.g. when it was sorted that way already): "" if the rows were reordered, else
    what went wrong; None if no column has two different values."""
    header_row = table.evaluate(HEADER_ROW_JS)
    if header_row < 0:
        return "no header row"
    header = table.locator("tr").nth(header_row).locator("th, td")
    names = [header.nth(i).inner_text().strip() for i in range(header.count())]
    before = data_rows(table)
    column = pick_column(names, before)
    if column is None:
        return None
    after = before
    for _ in range(2):
        header.nth(column.index).click()
        after = data_rows(table)
        if after != before:
            break
    name = names[column.index]
    if sorted(after) != sorted(before):
        return f"clicking {name!r} changed the rows themselves, not only their order"
    if after == before:
        return f"clicking {name!r} (twice) left the rows in their order"
    if column.numeric:
        keys = [row_keys[column.index] for _, row_keys in after]
        if not monotonic([n for n in map(number, keys) if n is not None]):
            return f"clicking {name!r} did not sort it numerically: {keys}"
    return ""


def data_rows(table: Locator) -> list[Row]:
    rows: list[tuple[str, list[str]]] = table.evaluate(ROWS_JS)
    return [(text, tuple(keys)) for text, keys in rows]
