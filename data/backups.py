"""Rotating backups of a plan file, kept in ``PLAN.json.backups/`` beside it, readable by
whoever may read the plan and nobody else."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from .files import atomic_replace, directory_mode, mode_of, read_regular_file

KEEP = 5


def backup_dir(path: Path) -> Path:
    return path.with_name(path.name + ".backups")


def list_backups(path: Path) -> list[Path]:
    """The plan's backups, newest first."""
    directory = backup_dir(path)
    if not directory.is_dir():
        return []
    return sorted(directory.glob("*.json"), reverse=True)


def make_backup(path: Path, raw: bytes, keep: int = KEEP) -> Path | None:
    """Save ``raw`` (the plan's current bytes) as the newest backup, unless it is one already.

    Returns the new backup's path, or None when the newest backup holds the same bytes.
    Older backups beyond ``keep`` are deleted.
    """
    existing = list_backups(path)
    if existing and _same_bytes(existing[0], raw):
        return None
    directory = backup_dir(path)
    plan_mode = mode_of(path)
    directory.mkdir(mode=directory_mode(plan_mode), exist_ok=True)
    if directory.stat().st_mode & 0o777 != directory_mode(plan_mode):
        directory.chmod(directory_mode(plan_mode))  # backups kept before the plan was 0600
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S_%fZ")
    target = directory / f"{stamp}.json"
    atomic_replace(target, raw, new_mode=plan_mode)
    for old in list_backups(path)[keep:]:
        old.unlink(missing_ok=True)
    return target


def _same_bytes(backup: Path, raw: bytes) -> bool:
    try:
        return backup.stat().st_size == len(raw) and read_regular_file(backup, len(raw)) == raw
    except OSError:
        return False


def restore_backup(path: Path, backup: Path, check: Callable[[Path], object]) -> Path | None:
    """Put ``backup`` back as the plan at ``path``, after keeping the current file as the
    newest backup (returned; None when there was no file or it equals a backup already).

    ``check`` reads the backup as a plan first and raises when it is not one, so a bad
    backup never replaces anything. Hold the plan's lock around this.
    """
    check(backup)
    restored = read_regular_file(backup, backup.stat().st_size)
    current = read_regular_file(path, path.stat().st_size) if path.exists() else None
    kept = make_backup(path, current) if current is not None else None
    atomic_replace(path, restored)
    return kept
