"""The lock every process holds while it reads or writes a plan: an exclusive ``flock`` on
``PLAN.json.lock``, a file beside the plan that is never replaced.

A plain ``flock`` on a file of its own is what the ``filelock`` package (used before)
takes on POSIX too, so sessions of either version exclude each other. Importing that
package cost a start-up about 8 ms of its 20 modules; the store already needs POSIX
(it syncs the plan's directory), and ``flock`` is all it used of it.

The lock file is opened read-only and never truncated: a lock file made by a teammate,
which this user may read but not write, still locks, and a lock file someone replaced
with a link to another file leaves that file as it was.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

POLL_SECONDS = 0.05
"""How often a waiting process tries again."""


class LockHeldError(Exception):
    """Another process held the lock for the whole timeout."""


class PlanLock:
    """Not re-entrant and for one thread: the storage counts nested holds itself."""

    def __init__(self, path: Path, timeout: float, *, new_mode: int = 0o600) -> None:
        self.path = path
        self.timeout = timeout
        self.new_mode = new_mode
        self._fd: int | None = None

    def acquire(self) -> None:
        """Wait for the lock at most ``timeout`` seconds (``LockHeldError``); a lock file
        that cannot be opened or locked raises the ``OSError``."""
        fd = os.open(self.path, os.O_RDONLY | os.O_CREAT | os.O_CLOEXEC, self.new_mode)
        try:
            _wait_for_lock(fd, time.monotonic() + self.timeout)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def release(self) -> None:
        """Closing the file gives the lock up."""
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)


def _wait_for_lock(fd: int, deadline: float) -> None:
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise LockHeldError from None
        time.sleep(POLL_SECONDS)
