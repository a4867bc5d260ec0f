"""The schedule as an RFC 5545 calendar (the icalendar package), for khal, Thunderbird or
Google Calendar.

- One event per scheduled item. Its UID is the plan's and the item's id, so exporting
  again updates the events in the user's calendar instead of adding them twice.
- Times carry the plan's zone (TZID, with its VTIMEZONE in the RRULE form: see
  ``ics_timezone``), so a calendar in another zone shows them right, daylight saving
  included, in every year.
- Every post is an event of its own, a repeat too (a series is finite, each repeat an
  item): a repeat moved or deleted in the plan is moved or gone in the calendar, where an
  RRULE with a moved repeat beside it showed a ghost at the old time.
- SEQUENCE and LAST-MODIFIED follow the post's last save, so a calendar that has the
  event takes the change; posts are TRANSPARENT (they make nobody busy).
- By default only posts that will go out: approved, scheduled and published ones; ideas,
  drafts and posts in review with ``every_status``.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from socialplan import __version__
from socialplan.core.i18n import _
from socialplan.core.model import ContentItem, Kind, Status
from socialplan.core.plan_data import PlanData
from socialplan.core.schedule import items_in_range
from socialplan.core.validation import without_controls

from .ics_timezone import vtimezone

POST_LENGTH = timedelta(minutes=15)
"""How long an event lasts: a post is a moment, but a calendar needs an end."""
_CONFIRMED = (Status.SCHEDULED, Status.PUBLISHED)
GOING_OUT = frozenset({Status.APPROVED, Status.SCHEDULED, Status.PUBLISHED})
"""The statuses a calendar shows by default: posts that will go out, or went."""
SEQUENCE_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)
"""SEQUENCE is the seconds from this to the post's last save: it grows with every change."""


def plan_calendar(
    plan_data: PlanData,
    *,
    channel: int | None = None,
    start: date | None = None,
    end: date | None = None,
    stamp: datetime,
    every_status: bool = False,
) -> bytes:
    """The calendar of the scheduled items (of one channel, between two days inclusive)."""
    zone = ZoneInfo(plan_data.plan.timezone)
    calendar = Calendar()
    calendar.add("prodid", f"-//socialplan {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", without_controls(f"{plan_data.plan.name}: social posts"))
    calendar.add("x-wr-timezone", plan_data.plan.timezone)
    items = exported_items(plan_data, channel, start, end, every_status=every_status)
    for item in items:
        calendar.add_component(_event(item, plan_data, zone, stamp))
    if items:
        days = [i.scheduled_at.date() for i in items if i.scheduled_at is not None]
        calendar.add_component(vtimezone(plan_data.plan.timezone, min(days), max(days)))
    return bytes(calendar.to_ical())


def exported_items(
    plan_data: PlanData,
    channel: int | None,
    start: date | None,
    end: date | None,
    *,
    every_status: bool = False,
) -> list[ContentItem]:
    """Scheduled items in range (by default those going out: ``GOING_OUT``)."""
    chosen = [
        item
        for item in items_in_range(plan_data, channel, start, end)
        if item.scheduled_at is not None and (every_status or item.status in GOING_OUT)
    ]
    return sorted(chosen, key=lambda i: (i.scheduled_at, i.id))


def event_uid(plan_data: PlanData, item: ContentItem) -> str:
    plan = plan_data.plan.uid or re.sub(r"[^a-z0-9]+", "-", plan_data.plan.name.lower()).strip("-")
    return f"item-{item.id}.{plan or 'plan'}@socialplan"


def _event(item: ContentItem, plan_data: PlanData, zone: ZoneInfo, stamp: datetime) -> Event:
    assert item.scheduled_at is not None
    begins = item.scheduled_at.astimezone(zone)
    event = Event()
    event.add("uid", event_uid(plan_data, item))
    event.add("dtstamp", stamp.astimezone(UTC).replace(microsecond=0))
    event.add("dtstart", begins)
    event.add("dtend", begins + POST_LENGTH)
    event.add("summary", without_controls(f"[{plan_data.channel_name(item.channel)}] {item.title}"))
    event.add("description", without_controls(_description(item, plan_data)))
    names = (plan_data.channel_name(item.channel), plan_data.stage_name(item.stage))
    event.add("categories", [without_controls(name) for name in names])
    event.add("status", "CONFIRMED" if item.status in _CONFIRMED else "TENTATIVE")
    event.add("transp", "TRANSPARENT")
    if item.modified_at is not None:
        event.add("last-modified", item.modified_at.astimezone(UTC).replace(microsecond=0))
        event.add("sequence", int((item.modified_at - SEQUENCE_EPOCH).total_seconds()))
    else:
        event.add("sequence", 0)
    if item.link:
        event.add("url", without_controls(item.link))
    return event


def _description(item: ContentItem, plan_data: PlanData) -> str:
    kind = _("promotion") if item.kind is Kind.PROMOTION else _("content")
    lines = [item.body] if item.body else []
    lines += [
        _("Kind: {kind}").format(kind=kind),
        _("Journey stage: {stage_name}").format(stage_name=plan_data.stage_name(item.stage)),
        _("Call to action: {value}").format(value=_("yes") if item.cta else _("no")),
        _("Status: {value}").format(value=item.status.label),
    ]
    if item.owner:
        lines.append(_("Owner: {owner}").format(owner=item.owner))
    return "\n".join(lines)
