"""A TinyDB storage that survives kills, full disks and a second process on the same file.

Stock ``JSONStorage`` rewrites the file in place, so a kill mid-write leaves garbage, and it
has no locking (see ../shared/engineering-notes.md). This storage:

- serialises every read-modify-write under a lock on a separate ``PLAN.json.lock`` file
  (never the data file: ``os.replace`` swaps that away);
- writes a temporary file in the same directory, fsyncs it, gives it the plan's
  permissions, renames it over the plan and fsyncs the directory, so the plan on disk is
  always either the old or the new version, whole;
- keeps the parsed file in memory and re-reads only when the file's (inode, size, mtime)
  changed, so another process's writes are seen and unchanged files are not re-parsed;
- tells (``changed_elsewhere``) when another process wrote the file, so an open app can
  reload it.

The file stays the JSON TinyDB itself writes: stock TinyDB can read it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from socialplan.core.i18n import _

from .backups import list_backups
from .collector import paused_collector
from .errors import PlanBusyError, SaveFailedError, UnreadablePlanError
from .files import atomic_replace, new_plan_mode, read_regular_file, temp_files_of
from .plan_lock import LockHeldError, PlanLock

MAX_PLAN_BYTES = 512 * 2**20
"""The largest plan file read: over a million posts, well short of filling memory."""


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


class SafeJSONStorage(Storage):
    def __init__(self, path: str | os.PathLike[str], lock_timeout: float = 10.0) -> None:
        self.path = Path(path)
        self.lock_timeout = lock_timeout
        self._lock = PlanLock(
            self.path.with_name(f"{self.path.name}.lock"),
            lock_timeout,
            new_mode=new_plan_mode(self.path.parent),
        )
        self._lock_depth = 0
        self._cache: dict[str, Any] | None = None
        self._cache_stamp: tuple[int, int, int] | None = None
        self._batching = False
        self._batch_written = False
        self._seen_stamp: tuple[int, int, int] | None = None
        self.writes = 0
        """How many writes this process made: a reload read before the latest is stale."""
        self.acquisitions = 0
        """How many times this process took the lock: another process may have written
        between two, never while one lasts."""
        self._foreign_change = False

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the plan's lock; re-entering while held costs only a counter."""
        if self._lock_depth == 0:
            try:
                self._lock.acquire()
            except LockHeldError:
                raise PlanBusyError(self.path, self.lock_timeout) from None
            except OSError as error:
                raise SaveFailedError(self.path, error) from error
            self.acquisitions += 1
        self._lock_depth += 1
        try:
            yield
        finally:
            self._lock_depth -= 1
            if self._lock_depth == 0:
                self._lock.release()

    @contextlib.contextmanager
    def batched(self) -> Iterator[None]:
        """Hold the lock and write the file once, at the end: the edits made inside land
        together, or (on an exception) none of them does."""
        with self.locked():
            if self._batching:
                raise RuntimeError(_("batches do not nest"))
            self._batching, self._batch_written = True, False
            try:
                yield
            except BaseException:
                self._cache = None
                self._cache_stamp = None
                raise
            finally:
                self._batching = False
            if self._batch_written and self._cache is not None:
                self.write(self._cache)

    def read(self) -> dict[str, Any] | None:
        with self.locked():
            stamp = _stamp(self.path)
            if stamp is None:
                return None
            if stamp == self._cache_stamp and self._cache is not None:
                return self._cache
            if self._cache_stamp is not None and stamp != self._seen_stamp:
                self._foreign_change = True  # not yet told by changed_elsewhere()
            try:
                raw = read_plan_bytes(self.path)
            except FileNotFoundError:
                return None  # removed between the stat and the read
            self._cache = parse_plan_bytes(self.path, raw)
            self._cache_stamp = stamp
            return self._cache

    def write(self, data: dict[str, Any]) -> None:
        if self._batching:
            self._cache, self._batch_written = data, True
            return
        with self.locked():
            try:
                atomic_replace(
                    self.path, orjson.dumps(data), new_mode=new_plan_mode(self.path.parent)
                )
            except OSError as error:
                self._cache = None
                self._cache_stamp = None
                raise SaveFailedError(self.path, error) from error
            self._cache = data
            self._cache_stamp = _stamp(self.path)
            self.writes += 1

    def changed_elsewhere(self) -> bool:
        """Whether another process wrote the file since this one last read, wrote or
        asked; each change is told once. Costs one ``stat``."""
        stamp = _stamp(self.path)
        if not self._foreign_change and stamp in (self._cache_stamp, self._seen_stamp):
            return False
        self._seen_stamp, self._foreign_change = stamp, False
        return True

    def remember(self, document: dict[str, Any]) -> None:
        """Keep ``document``, just parsed from the file as it is now (under the lock), so the
        first ``read`` does not parse the file a second time."""
        self._cache = document
        self._cache_stamp = _stamp(self.path)

    def remove_orphaned_temp_files(self) -> list[Path]:
        """Delete temp files left by a process killed mid-write; call under the lock."""
        orphans = temp_files_of(self.path)
        for orphan in orphans:
            orphan.unlink(missing_ok=True)
        return orphans

    def close(self) -> None:
        self._cache = None
        self._cache_stamp = None


def read_plan_bytes(path: Path) -> bytes:
    """The plan file's bytes: a regular file, at most ``MAX_PLAN_BYTES``; whatever else
    is refused as unreadable (``FileNotFoundError`` passes through)."""
    try:
        return read_regular_file(path, MAX_PLAN_BYTES)
    except (FileNotFoundError, NotADirectoryError):
        raise FileNotFoundError(path) from None
    except PermissionError:
        raise UnreadablePlanError(path, _("you have no permission to read it"), []) from None
    except OSError as error:
        raise UnreadablePlanError(path, error.strerror or str(error), list_backups(path)) from None


def parse_plan_bytes(path: Path, raw: bytes) -> dict[str, Any]:
    """Parse a plan file's bytes, or raise ``UnreadablePlanError`` saying what is wrong."""
    if not raw.strip():
        raise UnreadablePlanError(path, _("the file is empty"), list_backups(path))
    try:
        with paused_collector():
            document = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise UnreadablePlanError(
            path, _("the file is not valid JSON ({error})").format(error=error), list_backups(path)
        ) from None
    if not isinstance(document, dict) or not all(isinstance(t, dict) for t in document.values()):
        raise UnreadablePlanError(
            path, _("the file is JSON but not a TinyDB document store"), list_backups(path)
        )
    return document
