"""The schedule as an RFC 5545 calendar (the icalendar package), for khal, Thunderbird or
Google Calendar.

- One event per scheduled item. Its UID is the plan's and the item's id, so exporting
  again updates the events in the user's calendar instead of adding them twice.
- Times carry the plan's zone (TZID, with its VTIMEZONE), so a calendar in another zone
  shows them right, daylight saving included.
- An item that repeats is one event with its RRULE; a repeat that was moved off its rule
  is an event of its own, and the repeats still on the rule are left to the RRULE.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from itertools import islice
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vRecur

from socialplan import __version__
from socialplan.core.i18n import _
from socialplan.core.model import ContentItem, Kind, Status
from socialplan.core.plan_data import PlanData
from socialplan.core.recurrence import RFC_DAYS, Recurrence, occurrences, stored_rules
from socialplan.core.schedule import items_in_range
from socialplan.core.validation import without_controls

POST_LENGTH = timedelta(minutes=15)
"""How long an event lasts: a post is a moment, but a calendar needs an end."""
ZONE_YEARS_AHEAD = 5
"""The VTIMEZONE covers the posts' years and this many after (for repeats)."""
_CONFIRMED = (Status.SCHEDULED, Status.PUBLISHED)
_CHECKED_REPEATS = 500
"""Occurrences of a rule compared with its repeats to tell which were moved."""


def plan_calendar(
    plan_data: PlanData,
    *,
    channel: int | None = None,
    start: date | None = None,
    end: date | None = None,
    stamp: datetime,
) -> bytes:
    """The calendar of the scheduled items (of one channel, between two days inclusive)."""
    zone = ZoneInfo(plan_data.plan.timezone)
    calendar = Calendar()
    calendar.add("prodid", f"-//socialplan {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", without_controls(f"{plan_data.plan.name}: social posts"))
    calendar.add("x-wr-timezone", plan_data.plan.timezone)
    items = exported_items(plan_data, channel, start, end)
    for item in items:
        calendar.add_component(_event(item, plan_data, zone, stamp))
    if items:
        years = [i.scheduled_at.year for i in items if i.scheduled_at is not None]
        first, last = date(min(years), 1, 1), date(max(years) + ZONE_YEARS_AHEAD, 1, 1)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return bytes(calendar.to_ical())


def exported_items(
    plan_data: PlanData, channel: int | None, start: date | None, end: date | None
) -> list[ContentItem]:
    """Scheduled items in range, without the repeats their series' RRULE already gives."""
    on_rule = _repeats_on_their_rule(plan_data)
    chosen = [
        item
        for item in items_in_range(plan_data, channel, start, end)
        if item.scheduled_at is not None and item.id not in on_rule
    ]
    return sorted(chosen, key=lambda i: (i.scheduled_at, i.id))


def event_uid(plan_data: PlanData, item: ContentItem) -> str:
    plan = plan_data.plan.uid or re.sub(r"[^a-z0-9]+", "-", plan_data.plan.name.lower()).strip("-")
    return f"item-{item.id}.{plan or 'plan'}@socialplan"


def _repeats_on_their_rule(plan_data: PlanData) -> set[int]:
    heads = {i.id: i for i in plan_data.items if i.repeat and i.scheduled_at is not None}
    moments: dict[int, set[datetime]] = {}
    for head_id, head in heads.items():
        rules = stored_rules(head.repeat)
        assert head.scheduled_at is not None
        series = occurrences(rules, head.scheduled_at, plan_data.plan.timezone)
        moments[head_id] = set(islice(series, _CHECKED_REPEATS))
    return {
        item.id
        for item in plan_data.items
        if item.series in moments
        and item.scheduled_at is not None
        and item.scheduled_at in moments[item.series]
        and _same_post(item, heads[item.series])
    }


def _same_post(repeat: ContentItem, head: ContentItem) -> bool:
    return (repeat.title, repeat.channel, repeat.body) == (head.title, head.channel, head.body)


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
    if item.link:
        event.add("url", without_controls(item.link))
    for rule in stored_rules(item.repeat) if item.series is None else ():
        event.add("rrule", _rrule(rule, zone))
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


def _rrule(rule: Recurrence, zone: ZoneInfo) -> vRecur:
    """The rule for an event whose start has a TZID: UNTIL in UTC, as RFC 5545 asks."""
    parts: dict[str, object] = {"FREQ": rule.freq.name}
    if rule.interval != 1:
        parts["INTERVAL"] = rule.interval
    if rule.weekdays:
        parts["BYDAY"] = [RFC_DAYS[d] for d in rule.weekdays]
    if rule.monthdays:
        parts["BYMONTHDAY"] = list(rule.monthdays)
    if rule.until is not None:
        last = datetime.combine(rule.until, time(23, 59, 59), tzinfo=zone)
        parts["UNTIL"] = last.astimezone(UTC)
    if rule.count is not None:
        parts["COUNT"] = rule.count
    return vRecur(parts)
