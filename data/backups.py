"""Rotating backups of a plan file, kept in ``PLAN.json.backups/`` beside it, readable by
whoever may read the plan and nobody else."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import orjson

from .files import atomic_replace, directory_mode, mode_of, read_regular_file
from .table import high_water_marks, highest_ids

KEEP_NEWEST = 10
KEEP_DAILY = 14
"""Days back for which the newest backup of each day is kept."""
KEEP_WEEKLY = 8
"""Weeks back for which the newest backup of each week is kept."""
STAMP = "%Y%m%dT%H%M%S_%fZ"


def backup_dir(path: Path) -> Path:
    return path.with_name(path.name + ".backups")


def list_backups(path: Path) -> list[Path]:
    """The plan's backups, newest first."""
    directory = backup_dir(path)
    if not directory.is_dir():
        return []
    return sorted(directory.glob("*.json"), reverse=True)


def make_backup(path: Path, raw: bytes) -> Path | None:
    """Save ``raw`` (the plan's current bytes) as the newest backup, unless it is one already.

    Returns the new backup's path, or None when the newest backup holds the same bytes.
    Older backups are thinned out by age (see ``kept_backups``).
    """
    existing = list_backups(path)
    if existing and _same_bytes(existing[0], raw):
        return None
    directory = backup_dir(path)
    plan_mode = mode_of(path)
    directory.mkdir(mode=directory_mode(plan_mode), exist_ok=True)
    if directory.stat().st_mode & 0o777 != directory_mode(plan_mode):
        directory.chmod(directory_mode(plan_mode))  # backups kept before the plan was 0600
    now = datetime.now(UTC)
    target = directory / f"{now.strftime(STAMP)}.json"
    atomic_replace(target, raw, new_mode=plan_mode)
    backups = list_backups(path)
    kept = kept_backups([written_at(b) for b in backups], now)
    for backup, when in zip(backups, (written_at(b) for b in backups), strict=True):
        if when is not None and when not in kept:
            backup.unlink(missing_ok=True)
    return target


def written_at(backup: Path) -> datetime | None:
    """When a backup was made, from its name; None for a name socialplan did not give."""
    try:
        return datetime.strptime(backup.stem, STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None


def kept_backups(stamps: Sequence[datetime | None], now: datetime) -> set[datetime]:
    """Which backups stay: the newest ``KEEP_NEWEST``, the newest of each of the last
    ``KEEP_DAILY`` days and of each of the last ``KEEP_WEEKLY`` weeks (UTC). A morning of
    quick edits then still leaves last week's plan within reach."""
    newest_first = sorted((s for s in stamps if s is not None), reverse=True)
    kept = set(newest_first[:KEEP_NEWEST])
    days: set[date] = set()
    weeks: set[date] = set()
    for stamp in newest_first:
        age = now - stamp
        day, week = stamp.date(), stamp.date() - timedelta(days=stamp.weekday())
        if age < timedelta(days=KEEP_DAILY) and day not in days:
            days.add(day)
            kept.add(stamp)
        if age < timedelta(weeks=KEEP_WEEKLY) and week not in weeks:
            weeks.add(week)
            kept.add(stamp)
    return kept


def _same_bytes(backup: Path, raw: bytes) -> bool:
    try:
        return backup.stat().st_size == len(raw) and read_regular_file(backup, len(raw)) == raw
    except OSError:
        return False


def ids_handed_out(path: Path) -> dict[str, int]:
    """The highest id each table ever handed out, as far as the plan file and its backups
    tell: a restore must not hand out again an id a later version of the plan used. A
    file that cannot be read (the broken plan a restore replaces) tells nothing."""
    marks: dict[str, int] = {}
    for source in (path, *list_backups(path)):
        try:
            document = orjson.loads(read_regular_file(source, source.stat().st_size))
        except (OSError, orjson.JSONDecodeError):
            continue
        if not isinstance(document, dict):
            continue
        for table, mark in highest_ids(document, high_water_marks(document)).items():
            if type(mark) is int:
                marks[table] = max(marks.get(table, 0), mark)
    return marks


def keep_current(path: Path) -> Path | None:
    """Keep the plan file as it is now as the newest backup, before something replaces it
    whole (returned; None when there is no file or it equals a backup already)."""
    if not path.exists():
        return None
    return make_backup(path, read_regular_file(path, path.stat().st_size))
