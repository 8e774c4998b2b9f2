"""Screenshot a report's index.html in headless Chromium, e.g. for the README:

    .venv/bin/python -m tests.screenshot reports/latest docs/report.png [--width 1280]
    .venv/bin/python -m tests.screenshot reports/latest t.png --selector "#timeline + p + figure"

REPORT is a run directory (or its index.html). The page is opened offline, as in
tests/integration/test_browser.py; anything it would fetch, and any console or page
error, is printed and makes the exit status 1 (the screenshot is still written).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tests.browser import ChromiumMissing, chromium, visit

DESCRIPTION = "Screenshot a report's index.html in headless Chromium."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.screenshot",
                                     description=DESCRIPTION)
    parser.add_argument("report", type=Path, help="run directory or its index.html")
    parser.add_argument("out", type=Path, help="PNG to write")
    parser.add_argument("--width", type=int, default=1280, help="viewport width in CSS px")
    parser.add_argument("--height", type=int, default=0,
                        help="only the top HEIGHT CSS px (default: the full page)")
    parser.add_argument("--selector", metavar="CSS",
                        help="only the first element matching this CSS selector")
    parser.add_argument("--scale", type=float, default=1,
                        help="device pixels per CSS px (2 for a sharper image)")
    args = parser.parse_args(argv)
    try:
        with chromium() as browser, visit(browser, args.report, width=args.width,
                                          height=args.height or 900,
                                          scale=args.scale) as seen:
            args.out.parent.mkdir(parents=True, exist_ok=True)
            # a full page of the default report (85,000 px) takes over 10 s here
            if args.selector:
                seen.page.locator(args.selector).first.screenshot(path=args.out,
                                                                  timeout=120_000)
            else:
                seen.page.screenshot(path=args.out, full_page=not args.height,
                                     timeout=120_000)
            problems = seen.problems()
    except (ChromiumMissing, FileNotFoundError) as error:
        print(f"screenshot: {error}", file=sys.stderr)
        return 2
    for problem in problems:
        print(f"screenshot: {problem}", file=sys.stderr)
    print(f"wrote {args.out}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
