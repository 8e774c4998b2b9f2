"""Per-test time limits: a test (or its fixtures) that hangs fails with one line instead
of eating CI's time. Each phase (setup, call, teardown) gets the limit of its test:
`@pytest.mark.timeout(SECONDS)`, else UNIT_LIMIT_S or INTEGRATION_LIMIT_S."""

from __future__ import annotations

import signal
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from types import FrameType

import pytest

UNIT_LIMIT_S = 60
# The session's shared run is made in the setup of the first test that needs it.
INTEGRATION_LIMIT_S = 600


class TestTimeout(Exception):
    """A test phase ran past its limit."""


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "timeout(seconds): time limit of each phase of a test")


def _limit(item: pytest.Item) -> float:
    marker = item.get_closest_marker("timeout")
    if marker is not None:
        return float(marker.args[0])
    return INTEGRATION_LIMIT_S if "integration" in item.nodeid.split("/") else UNIT_LIMIT_S


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, None, None]:
    with _alarm(item, "setup"):
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    with _alarm(item, "call"):
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Generator[None, None, None]:
    with _alarm(item, "teardown"):
        return (yield)


@contextmanager
def _alarm(item: pytest.Item, phase: str) -> Iterator[None]:
    limit = _limit(item)

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TestTimeout(f"{item.nodeid} ({phase}) ran past its {limit:g} s limit")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
