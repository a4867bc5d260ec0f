"""Every export by name, as the bytes to write: one place for the command line and the app."""

from __future__ import annotations

import os
import stat
from datetime import date, datetime
from pathlib import Path

from socialplan.core.i18n import _
from socialplan.core.model import Status
from socialplan.core.plan_data import PlanData

from .backups import backup_dir
from .errors import StoreError
from .files import atomic_replace, mode_of


class ExportRefusedError(StoreError):
    """The export would land where it must not: on the plan, its lock or its backups,
    on something that is not a regular file, or (without replacing) on an existing file."""


SUFFIXES = {
    "plan": "plan.md",
    "json": "plan.json",
    "csv": "posts.csv",
    "ics": "calendar.ics",
    "report": "report.md",
}
"""What each export is called beside the plan file: ``PLAN-calendar.ics``."""


def export_payload(
    what: str,
    plan_data: PlanData,
    now: datetime,
    *,
    channel: int | None = None,
    start: date | None = None,
    end: date | None = None,
    every_status: bool = False,
    statuses: frozenset[Status] | None = None,
    report_format: str = "md",
    iteration: int | None = None,
) -> bytes:
    """``what``: plan (the strategy as Markdown), json (the whole plan), csv (the posts in
    the bulk layout) or ics (the scheduled posts as calendar events; by default only
    those going out, with ``every_status`` ideas and drafts too)."""
    if what == "report":
        from .report import report

        return report(plan_data, now, report_format, iteration).encode()
    if what == "json":
        from .plan_json import plan_json

        return plan_json(plan_data)
    if what == "ics":
        from .ics import plan_calendar

        return plan_calendar(
            plan_data, channel=channel, start=start, end=end, stamp=now, every_status=every_status
        )
    if what == "csv":
        from socialplan.core.bulk import bulk_rows
        from socialplan.core.schedule import items_in_range

        from .bulk_csv import bulk_csv

        chosen = items_in_range(plan_data, channel, start, end, statuses)
        return bulk_csv(bulk_rows(plan_data, chosen)).encode()
    from .markdown import plan_markdown

    return plan_markdown(plan_data, now).encode()


def beside(plan_file: Path, what: str) -> Path:
    """Where the app writes an export: next to the plan file, named after it."""
    return plan_file.with_name(f"{plan_file.stem}-{SUFFIXES[what]}")


def write_export(target: Path, payload: bytes, plan_file: Path, *, replace: bool) -> Path:
    """Write an export atomically, with the plan's permissions; returns the file written.

    A link is written through (the file it names is replaced, the link stays). Refused:
    the plan itself, its lock, its backups and temp files; a directory, a device or a
    pipe; and an existing file unless ``replace``.
    """
    real = Path(os.path.realpath(target))
    _refuse_plan_files(real, Path(os.path.realpath(plan_file)))
    try:
        info = real.stat()
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise ExportRefusedError(
            _("{target} is not a regular file; write to standard output instead.").format(
                target=target
            )
        )
    if info is not None and not replace:
        raise ExportRefusedError(
            _("{target} exists already; add --force to replace it.").format(target=target)
        )
    atomic_replace(real, payload, new_mode=mode_of(plan_file))
    return real


def _refuse_plan_files(real: Path, plan: Path) -> None:
    in_backups = real.parent == backup_dir(plan)
    own = real in (plan, plan.with_name(f"{plan.name}.lock")) or real.name.startswith(
        f".{plan.name}."
    )
    if in_backups or own:
        raise ExportRefusedError(
            _(
                "Not written: {target} is the plan, its lock or one of its backups; "
                "choose another file."
            ).format(target=real)
        )
