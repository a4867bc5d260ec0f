"""Every export by name, as the bytes to write: one place for the command line and the app."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from socialplan.core.model import PlanData

from .files import atomic_replace

SUFFIXES = {"plan": "plan.md", "json": "plan.json", "csv": "posts.csv", "ics": "calendar.ics"}
"""What each export is called beside the plan file: ``PLAN-calendar.ics``."""


def export_payload(
    what: str,
    data: PlanData,
    now: datetime,
    *,
    channel: int | None = None,
    start: date | None = None,
    end: date | None = None,
) -> bytes:
    """``what``: plan (the strategy as Markdown), json (the whole plan), csv (the posts in
    the bulk layout) or ics (the scheduled posts as calendar events)."""
    if what == "json":
        from .plan_json import plan_json

        return plan_json(data)
    if what == "ics":
        from .ics import plan_calendar

        return plan_calendar(data, channel=channel, start=start, end=end, stamp=now)
    if what == "csv":
        from socialplan.core.bulk import bulk_rows
        from socialplan.core.schedule import items_in_range

        from .bulk_csv import bulk_csv

        return bulk_csv(bulk_rows(data, items_in_range(data, channel, start, end))).encode()
    from .markdown import plan_markdown

    return plan_markdown(data, now).encode()


def export_beside(plan_file: Path, what: str, data: PlanData, now: datetime) -> Path:
    """Write an export next to the plan file, atomically; returns where."""
    target = plan_file.with_name(f"{plan_file.stem}-{SUFFIXES[what]}")
    atomic_replace(target, export_payload(what, data, now))
    return target
