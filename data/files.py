"""Crash-safe file primitives: a file on disk is always the old or the new version, whole."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

TEMP_SUFFIX = ".tmp"


def atomic_replace(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` through a synced temp file renamed over it.

    The temp file lives in the same directory (a rename is atomic only within one file
    system), takes the target's permissions, and is removed if anything fails.
    """
    directory = path.parent
    temp = directory / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}{TEMP_SUFFIX}"
    try:
        _write_synced(temp, payload, mode=_mode_for(path))
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_directory(directory)


def temp_files_of(path: Path) -> list[Path]:
    """Temp files ``atomic_replace`` left for ``path`` when its process was killed."""
    return list(path.parent.glob(f".{path.name}.*{TEMP_SUFFIX}"))


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


def _mode_for(path: Path) -> int:
    """The target's own permissions, or what a new file would get under the umask."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask
