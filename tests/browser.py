"""Open a report's index.html in Debian's headless Chromium, offline, with Playwright.

Shared by tests/integration/test_browser.py and tests/screenshot.py. Playwright's own
browser downloads are never used (`playwright install` is not run): Chromium is Debian's
`chromium` package, which `make test` installs when it is missing.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Route, sync_playwright

# /usr/bin/chromium is Debian's launcher script; it adds flags of its own (extensions,
# a /dev/shm check) from /etc/chromium.d, so the binary behind it is launched directly.
DEBIAN_BINARY = Path("/usr/lib/chromium/chromium")
ENV_OVERRIDE = "IMPLMATRIX_CHROMIUM"
MISSING = (
    "Debian's chromium is not installed: `make test` installs it when run as root on a "
    f"machine with apt-get, or run `apt-get install chromium` (or set {ENV_OVERRIDE} to a "
    "Chromium binary)"
)
# Nothing a self-contained page needs leaves the document itself.
LOCAL_SCHEMES = ("data:", "blob:", "about:")
ARGS = [
    "--disable-dev-shm-usage",  # containers often have a small /dev/shm
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--font-render-hinting=none",  # the same glyph metrics in every screenshot
]


class ChromiumMissing(RuntimeError):
    pass


def chromium_executable() -> Path:
    """The Chromium binary to drive: $IMPLMATRIX_CHROMIUM, else Debian's."""
    override = os.environ.get(ENV_OVERRIDE)
    if override:
        path = Path(override)
        if not path.is_file():
            raise ChromiumMissing(f"{ENV_OVERRIDE}={override} is not a file")
        return path
    if DEBIAN_BINARY.is_file():
        return DEBIAN_BINARY
    found = shutil.which("chromium")
    if found is None:
        raise ChromiumMissing(MISSING)
    return Path(found)


@contextmanager
def chromium() -> Iterator[Browser]:
    """A headless Chromium for the duration of the block."""
    executable = chromium_executable()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True,
                                             args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Visit:
    """An opened report page and what happened while it loaded and ran."""

    page: Page
    url: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    # Requests that would leave the machine: blocked (aborted) and recorded.
    network: list[str] = field(default_factory=list)
    # Other local files the page loaded: a self-contained page loads none.
    local_files: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return ([f"console error: {m}" for m in self.console_errors]
                + [f"uncaught page error: {m}" for m in self.page_errors]
                + [f"network request (blocked): {u}" for u in self.network]
                + [f"other local file loaded: {u}" for u in self.local_files])


def report_index(path: Path) -> Path:
    """PATH itself if it is a file, else PATH/index.html."""
    index = path if path.is_file() else path / "index.html"
    if not index.is_file():
        raise FileNotFoundError(f"no report at {index}")
    return index.resolve()


@contextmanager
def visit(browser: Browser, report: Path, width: int = 1280, height: int = 900,
          scale: float = 1) -> Iterator[Visit]:
    """Open REPORT (a run directory or its index.html) over file:// with every request
    that is not for a local file blocked, and wait until it has loaded (fonts included)."""
    url = report_index(report).as_uri()
    context = browser.new_context(viewport={"width": width, "height": height},
                                  device_scale_factor=scale, service_workers="block",
                                  offline=True)
    context.set_default_timeout(10_000)  # a local page: waiting longer only hides failures
    page = context.new_page()
    seen = Visit(page, url)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            location = message.location
            seen.console_errors.append(
                f"{message.text} ({location.get('url', '')}:{location.get('lineNumber', '')})")

    def on_request(request: Request) -> None:
        # Every request, whether or not routing sees it (e.g. those of workers).
        target = request.url
        if target.startswith("file:"):
            if target.split("#")[0] != url:
                seen.local_files.append(target)
        elif not target.startswith(LOCAL_SCHEMES) and target not in seen.network:
            seen.network.append(target)

    def on_route(route: Route) -> None:
        if route.request.url.startswith(("file:", *LOCAL_SCHEMES)):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    page.on("console", on_console)
    page.on("pageerror", lambda error: seen.page_errors.append(str(error)))
    page.on("request", on_request)
    page.on("websocket", lambda socket: seen.network.append(socket.url))
    context.route("**/*", on_route)
    try:
        page.goto(url, wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        yield seen
    finally:
        context.close()
