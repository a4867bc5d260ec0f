"""Crash-safe file primitives: a file on disk is always the old or the new version, whole."""

from __future__ import annotations

import os
import queue
import stat
import threading
from pathlib import Path

from socialplan.core.i18n import _
from socialplan.core.numbers import format_number

TEMP_SUFFIX = ".tmp"
OLD_SUFFIX = ".old"


def atomic_replace(path: Path, payload: bytes, *, new_mode: int | None = None) -> None:
    """Write ``payload`` to ``path`` through a synced temp file renamed over it.

    The temp file lives in the same directory (a rename is atomic only within one file
    system), takes the target's permissions (``new_mode``, else what the umask gives,
    when there is no target yet), and is removed if anything fails.

    Freeing the old version's blocks is most of a rename's cost (2 ms for a 4 MB plan), so
    the old version is first given a second name and deleted later by a background
    thread, after the new version is durable.
    """
    directory = path.parent
    stem = f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}"
    temp = directory / f"{stem}{TEMP_SUFFIX}"
    old = _second_name(path, directory / f"{stem}{OLD_SUFFIX}")
    try:
        _write_synced(temp, payload, mode=_mode_for(path, new_mode))
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        if old is not None:
            old.unlink(missing_ok=True)
        raise
    _fsync_directory(directory)
    if old is not None:
        _DELETER.put(old)


class NotARegularFileError(OSError):
    """A path that is a FIFO, a device, a directory or too large to read: reading it
    could block for ever or fill memory. ``strerror`` says which, for the user."""


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    Opened without blocking and checked on the open descriptor, so a FIFO is refused
    instead of waiting for a writer, a link to ``/dev/zero`` instead of reading for
    ever, and a file swapped in between a check and the read cannot slip through.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise NotARegularFileError(0, _("it is a directory, not a file"), str(path))
        if not stat.S_ISREG(info.st_mode):
            raise NotARegularFileError(
                0, _("it is not a regular file (a pipe, a device or a socket)"), str(path)
            )
        if info.st_size > limit:
            raise NotARegularFileError(
                0,
                _("it is {size} bytes, more than the {limit} socialplan reads").format(
                    size=format_number(info.st_size), limit=format_number(limit)
                ),
                str(path),
            )
        chunks = []
        remaining = limit + 1
        while remaining > 0 and (chunk := os.read(fd, min(remaining, 1 << 20))):
            chunks.append(chunk)
            remaining -= len(chunk)
    finally:
        os.close(fd)
    if remaining <= 0:
        raise NotARegularFileError(
            0,
            _("it grew past the {limit} bytes socialplan reads").format(limit=format_number(limit)),
            str(path),
        )
    return b"".join(chunks)


def temp_files_of(path: Path) -> list[Path]:
    """Temp files and old versions that writes of ``path`` left when their process died."""
    return [
        *path.parent.glob(f".{path.name}.*{TEMP_SUFFIX}"),
        *path.parent.glob(f".{path.name}.*{OLD_SUFFIX}"),
    ]


def _second_name(path: Path, name: Path) -> Path | None:
    """Hard-link ``path`` as ``name``; None where the file system has no hard links."""
    try:
        os.link(path, name)
    except OSError:
        return None
    return name


class _BackgroundDeleter:
    """One daemon thread that deletes files handed to it, started on first use.

    A file it has not deleted when the process ends is an orphan that the next open
    removes (see ``temp_files_of``).
    """

    def __init__(self) -> None:
        self._paths: queue.SimpleQueue[Path] = queue.SimpleQueue()
        self._start = threading.Lock()
        self._thread: threading.Thread | None = None

    def put(self, path: Path) -> None:
        with self._start:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="socialplan-old-versions", daemon=True
                )
                self._thread.start()
        self._paths.put(path)

    def _run(self) -> None:
        while True:
            self._paths.get().unlink(missing_ok=True)


_DELETER = _BackgroundDeleter()


def _write_synced(path: Path, payload: bytes, mode: int) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        view = memoryview(payload)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fdatasync(fd)
    finally:
        os.close(fd)
    os.chmod(path, mode)


def _fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _mode_for(path: Path, new_mode: int | None) -> int:
    """The target's own permissions, else ``new_mode``, else what the umask gives."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        return 0o666 & ~current_umask() if new_mode is None else new_mode


def current_umask() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


def mode_of(path: Path, default: int = 0o600) -> int:
    """A file's permission bits; ``default`` when it does not exist."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        return default


def new_plan_mode(directory: Path) -> int:
    """Permissions for a new plan: the owner's alone (0600), unless the directory is a
    team's shared one (set-group-id): then the group reads and writes it too, as far as
    the umask allows."""
    try:
        shared = bool(directory.stat().st_mode & stat.S_ISGID)
    except FileNotFoundError:
        shared = False
    return (0o660 & ~current_umask()) | 0o600 if shared else 0o600


def directory_mode(file_mode: int) -> int:
    """A folder for files of ``file_mode``: whoever may read them may enter it."""
    return file_mode | ((file_mode & 0o444) >> 2)
