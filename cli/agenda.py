"""``status --today`` and ``status --week``: the shortest answer to "what goes out?",
for a glance over SSH: the posts of the day or of the week, the week's pace per channel,
and what is off."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from rich.console import Console
from rich.text import Text

from socialplan.core.figures import panel_figures
from socialplan.core.i18n import _, format_date, ngettext
from socialplan.core.model import ContentItem
from socialplan.core.plan_data import PlanData
from socialplan.core.schedule import (
    in_time_order,
    items_between,
    local_midnight,
    local_time,
    next_posts,
)
from socialplan.core.validation import clean_text

from .status import post_record, posts_table


def period_days(now: datetime, zone: str, period: str) -> tuple[date, date]:
    """The first and last day of ``period`` (today, or this week Monday to Sunday)."""
    today = local_time(now, zone).date()
    if period == "today":
        return today, today
    monday = today - timedelta(days=today.weekday())
    return monday, monday + timedelta(days=6)


def posts_between(plan_data: PlanData, first: date, last: date) -> list[ContentItem]:
    """The posts from ``first`` to ``last`` (local days, both included), in time order."""
    zone = plan_data.plan.timezone
    start, end = local_midnight(first, zone), local_midnight(last + timedelta(days=1), zone)
    return list(in_time_order(tuple(items_between(plan_data.items, start, end))))


def agenda_report(plan_data: PlanData, now: datetime, period: str) -> dict[str, Any]:
    zone = plan_data.plan.timezone
    first, last = period_days(now, zone, period)
    return {
        "plan": plan_data.plan.name,
        "period": {"name": period, "start": first.isoformat(), "end": last.isoformat()},
        "posts": [post_record(i, plan_data, zone) for i in posts_between(plan_data, first, last)],
        "warnings": panel_figures(plan_data, now).warnings(),
    }


def render_agenda(plan_data: PlanData, now: datetime, period: str, console: Console) -> None:
    zone = plan_data.plan.timezone
    first, last = period_days(now, zone, period)
    posts = posts_between(plan_data, first, last)
    if period == "today":
        title = _("Today, {day}").format(day=format_date(first, "%a %d %b"))
        when = "%H:%M"
    else:
        title = _("This week, {first} to {last}").format(
            first=format_date(first, "%a %d %b"), last=format_date(last, "%a %d %b")
        )
        when = "%a %d %H:%M"
    heading = Text(clean_text(plan_data.plan.name), style="bold")
    heading.append(f"  {title}", style="dim")
    console.print(heading)
    if posts:
        count = ngettext("{count} post", "{count} posts", len(posts)).format(count=len(posts))
        console.print(posts_table(count, plan_data, posts, when))
    else:
        console.print(_nothing_planned(plan_data, now, period))
    figures = panel_figures(plan_data, now)
    if period == "week":
        for week in figures.channel_weeks:
            console.print(
                (
                    _("{channel}: {scheduled} of {planned} this month ({pace})")
                    if week.by_month
                    else _("{channel}: {scheduled} of {planned} this week ({pace})")
                ).format(
                    channel=clean_text(week.channel),
                    scheduled=week.scheduled,
                    planned=week.planned,
                    pace=week.pace.label,
                )
            )
    for warning in figures.warnings():
        console.print(Text(f"⚠ {clean_text(warning)}", style="bold yellow"))


def _nothing_planned(plan_data: PlanData, now: datetime, period: str) -> Text:
    empty = _("No posts today.") if period == "today" else _("No posts this week.")
    upcoming = next_posts(plan_data.items, now, 1)
    planned = upcoming[0].scheduled_at if upcoming else None
    if planned is None:
        return Text(empty)
    item = upcoming[0]
    moment = local_time(planned, plan_data.plan.timezone)
    return Text(
        _("{empty} Next: {when} {channel}, '{title}'.").format(
            empty=empty,
            when=format_date(moment, "%a %d %b %H:%M"),
            channel=clean_text(plan_data.channel_name(item.channel)),
            title=clean_text(item.title),
        )
    )
