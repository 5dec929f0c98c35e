"""Polling with a deadline: drills wait for an outcome, never for a fixed time."""

import time
from collections.abc import Callable


def wait_until[T](
    check: Callable[[], T], *, timeout: float, what: str, interval: float = 0.05
) -> T:
    """Calls `check` until it returns something truthy, which is returned; fails after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting until {what}")
        time.sleep(interval)
