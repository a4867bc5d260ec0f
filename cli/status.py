"""``socialplan status``: the panel's figures and the next posts, printed with Rich.

Imports no Textual: a quick status check over SSH must start fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, date, datetime
from typing import Any

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from socialplan.core import kpi
from socialplan.core.channel_setup import open_setup_tasks
from socialplan.core.figures import PanelFigures, panel_figures
from socialplan.core.i18n import _, format_date
from socialplan.core.model import ContentItem, Kind, SetupTask
from socialplan.core.numbers import format_number
from socialplan.core.plan_data import PlanData
from socialplan.core.schedule import local_time, next_posts
from socialplan.core.steps import strategy_progress
from socialplan.core.summaries import GoalProgress, GoalStatus, channel_totals, goal_progress
from socialplan.core.validation import clean_text

from .common import plan_target

NEXT_POSTS = 8
GOOD = {GoalStatus.MET, GoalStatus.ON_TRACK}


def status_report(
    plan_data: PlanData, now: datetime, next_count: int = NEXT_POSTS
) -> dict[str, Any]:
    """Everything ``status`` shows, as JSON-ready data."""
    figures = panel_figures(plan_data, now)
    zone = plan_data.plan.timezone
    today = local_time(now, zone).date()
    iteration = plan_data.current_iteration()
    return {
        "plan": plan_data.plan.name,
        "iteration": {
            "number": plan_data.plan.current_iteration,
            "name": iteration.name if iteration else None,
        },
        "generated_at": now.isoformat(),
        "strategy": _strategy(plan_data),
        "goals": [_goal(p) for p in goal_progress(plan_data, today)],
        "roi": _roi(plan_data),
        "open_setup_tasks": [_task(t, plan_data) for t in open_setup_tasks(plan_data)],
        "window": {
            "start": figures.window_start.isoformat(),
            "end": figures.window_end.isoformat(),
            "items": figures.window_items,
        },
        "ratio": {
            "content": figures.ratio.content,
            "promotion": figures.ratio.promotion,
            "target": [figures.ratio.target_content, figures.ratio.target_promotion],
            "on_target": figures.ratio.on_target,
        },
        "calls_to_action": {
            "items": figures.cta_items,
            "percent": figures.cta_percent,
            "min_percent": figures.min_cta_percent,
            "on_target": figures.cta_on_target,
        },
        "this_week": [
            {
                "channel": w.channel,
                "scheduled": w.scheduled,
                "planned": w.planned,
                "pace": w.pace.value,
            }
            for w in figures.channel_weeks
        ],
        "warnings": figures.warnings(),
        "next_posts": [
            post_record(item, plan_data, zone)
            for item in next_posts(plan_data.items, now, next_count)
        ],
    }


def _strategy(plan_data: PlanData) -> dict[str, Any]:
    progress = strategy_progress(plan_data)
    following = progress.next_step
    return {
        "steps_complete": progress.complete,
        "steps": progress.total,
        "next_step": following.step.english_title if following else None,
    }


def _goal(progress: GoalProgress) -> dict[str, Any]:
    goal = progress.goal
    return {
        "title": goal.title,
        "kpi": goal.kpi,
        "current": progress.current,
        "target": goal.target,
        "unit": goal.unit,
        "deadline": goal.deadline.isoformat() if goal.deadline else None,
        "percent_of_target": progress.percent_of_target,
        "status": progress.status.value,
    }


def _roi(plan_data: PlanData) -> dict[str, Any]:
    return {
        name: {"cost": t.cost, "value": t.value, "roi_percent": kpi.social_roi(t)}
        for name, t in channel_totals(plan_data)
    }


def _task(task: SetupTask, plan_data: PlanData) -> dict[str, Any]:
    return {
        "channel": plan_data.channel_name(task.channel),
        "title": task.title,
        "area": task.area.value,
        "owner": task.owner,
        "due": task.due.isoformat() if task.due else None,
    }


def post_record(item: ContentItem, plan_data: PlanData, zone: str) -> dict[str, Any]:
    assert item.scheduled_at is not None
    return {
        "id": item.id,
        "when": local_time(item.scheduled_at, zone).isoformat(),
        "channel": plan_data.channel_name(item.channel),
        "stage": plan_data.stage_name(item.stage),
        "kind": item.kind.value,
        "cta": item.cta,
        "status": item.status.value,
        "title": item.title,
    }


def render_status(plan_data: PlanData, now: datetime, console: Console) -> None:
    figures = panel_figures(plan_data, now)
    iteration = plan_data.current_iteration()
    heading = Text(clean_text(plan_data.plan.name), style="bold")
    heading.append(
        _("  iteration {current_iteration}").format(
            current_iteration=plan_data.plan.current_iteration
        ),
        style="dim",
    )
    if iteration:
        heading.append(f": {clean_text(iteration.name)}", style="dim")
    strategy = Text(
        _("Strategy: {describe}").format(describe=strategy_progress(plan_data).describe()),
        style="dim",
    )
    today = local_time(now, plan_data.plan.timezone).date()
    console.print(
        Group(
            heading,
            strategy,
            _figures_table(figures),
            _goals_table(plan_data, today),
            _roi_table(plan_data),
            _setup_table(plan_data),
            _next_table(plan_data, now),
        )
    )
    for warning in figures.warnings():
        console.print(Text(f"⚠ {clean_text(warning)}", style="bold yellow"))
    if not figures.warnings():
        console.print(Text(_("✓ Everything on target"), style="green"))


def _figures_table(figures: PanelFigures) -> Table:
    days = (figures.window_end - figures.window_start).days
    table = Table(
        title=_("Next {days} days and this week").format(days=days), title_justify="left", box=None
    )
    table.add_column(_("Figure"))
    table.add_column(_("Now"), justify="right")
    table.add_column(_("Target"), justify="right")
    ratio = figures.ratio
    table.add_row(
        _("Content : promotion"),
        _flag(ratio.describe(), ratio.on_target),
        f"{ratio.target_content}:{ratio.target_promotion}",
    )
    percent = figures.cta_percent
    share = "–" if percent is None else f"{figures.cta_items} ({format_number(percent, 0)}%)"
    table.add_row(
        _("Calls to action"), _flag(share, figures.cta_on_target), f"≥ {figures.min_cta_percent}%"
    )
    for week in figures.channel_weeks:
        table.add_row(
            Text(
                (
                    _("{clean_text} this month") if week.by_month else _("{clean_text} this week")
                ).format(clean_text=clean_text(week.channel))
            ),
            _flag(f"{week.scheduled} {week.pace.label}", week.scheduled == week.planned),
            str(week.planned),
        )
    return table


def _goals_table(plan_data: PlanData, today: date) -> Table:
    table = Table(title=_("Objectives"), title_justify="left", box=None)
    for column in (_("Objective"), _("Now"), _("Target"), _("Status"), _("Deadline")):
        table.add_column(column, justify="right" if column in ("Now", "Target") else "left")
    for progress in goal_progress(plan_data, today):
        goal = progress.goal
        table.add_row(
            Text(clean_text(goal.title)),
            _figure(progress.current),
            Text(clean_text(f"{_figure(goal.target)} {goal.unit}".strip())),
            _flag(progress.status.label, progress.status in GOOD),
            goal.deadline.isoformat() if goal.deadline else "–",
        )
    return table


def _roi_table(plan_data: PlanData) -> Table:
    title = _("ROI per channel, in {currency}").format(currency=plan_data.plan.currency)
    table = Table(title=title, title_justify="left", box=None)
    for column in (_("Channel"), _("Cost"), _("Value"), "ROI"):
        table.add_column(column, justify="left" if column == "Channel" else "right")
    for name, t in channel_totals(plan_data):
        roi = kpi.social_roi(t)
        table.add_row(
            Text(clean_text(name)),
            format_number(t.cost, 0),
            format_number(t.value, 0),
            "–" if roi is None else f"{format_number(roi, 0)}%",
        )
    return table


def _setup_table(plan_data: PlanData) -> Table:
    tasks = open_setup_tasks(plan_data)
    table = Table(
        title=_("Open set-up tasks: {count}").format(count=len(tasks)),
        title_justify="left",
        box=None,
    )
    for column in (_("Channel"), _("Task"), _("Owner"), _("Due")):
        table.add_column(column)
    for task in tasks[:NEXT_POSTS]:
        table.add_row(
            Text(clean_text(plan_data.channel_name(task.channel))),
            Text(clean_text(task.title)),
            Text(clean_text(task.owner)),
            task.due.isoformat() if task.due else "–",
        )
    return table


def _figure(value: float | None) -> str:
    return "–" if value is None else format_number(round(value, 1))


def _next_table(plan_data: PlanData, now: datetime) -> Table:
    return posts_table(
        _("Next posts"), plan_data, next_posts(plan_data.items, now, NEXT_POSTS), "%a %d %b %H:%M"
    )


def posts_table(title: str, plan_data: PlanData, items: list[ContentItem], when: str) -> Table:
    """Posts readable at 80 columns and in a pipe: the short columns never wrap, the title
    wraps, and the stage, a call to action and a promotion follow the title."""
    table = Table(title=title, title_justify="left", box=None)
    for column in (_("When"), _("Channel"), _("Status")):
        table.add_column(column, no_wrap=True)
    table.add_column(_("Title"), ratio=1, overflow="fold")
    zone = plan_data.plan.timezone
    for item in items:
        assert item.scheduled_at is not None
        table.add_row(
            format_date(local_time(item.scheduled_at, zone), when),
            Text(clean_text(plan_data.channel_name(item.channel))),
            item.status.label,
            _title_with_marks(plan_data, item),
        )
    return table


def _title_with_marks(plan_data: PlanData, item: ContentItem) -> Text:
    text = Text(clean_text(item.title))
    text.append(f" · {clean_text(plan_data.stage_name(item.stage))}", style="dim")
    if item.cta:
        text.append(" CTA", style="bold")
    if item.kind is Kind.PROMOTION:
        text.append(" PROMO", style="bold deep_pink2")
    return text


def _flag(text: str, ok: bool) -> Text:
    return Text(f"{text} {'✓' if ok else '⚠'}", style="" if ok else "bold yellow")


def run_status(args: argparse.Namespace) -> int:
    """``socialplan status [--today|--week] [--json]``: the panel's figures and what comes
    next (or only today's or this week's posts), then exit."""
    from socialplan.data.interface import read_plan_at

    from .agenda import agenda_report, render_agenda

    plan_data = read_plan_at(plan_target(args))
    now = datetime.now(UTC)
    period = "today" if args.today else "week" if args.week else None
    if args.json:
        from socialplan.data.plan_json import escaped_c1

        report = agenda_report(plan_data, now, period) if period else status_report(plan_data, now)
        text = json.dumps(report, ensure_ascii=False, indent=2)
        sys.stdout.buffer.write(escaped_c1(text.encode()) + b"\n")
    elif period:
        render_agenda(plan_data, now, period, Console())
    else:
        render_status(plan_data, now, Console())
    return 0
