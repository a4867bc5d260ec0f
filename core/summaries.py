"""Figures the phase screens show: support, results per channel, goals."""

from __future__ import annotations

from collections import Counter
from dataclasses import fields, replace
from datetime import date

from .frozen import frozen
from .i18n import _, ngettext
from .kpi import KPI_FORMULAS, Totals, is_custom, totals
from .model import PLATFORM_NAMES, Goal, HandCount, Labelled, Result, SupportLevel
from .plan_data import PlanData

_COUNT_KPIS = {f.name for f in fields(Totals)}


@frozen
class SupportSummary:
    per_level: dict[SupportLevel, int]
    open_actions: int
    overdue_actions: int

    def describe(self) -> str:
        levels = ", ".join(_level_count(level, n) for level, n in self.per_level.items())
        return _(
            "{levels} · {open_actions} open change actions ({overdue_actions} overdue)"
        ).format(
            levels=levels, open_actions=self.open_actions, overdue_actions=self.overdue_actions
        )


def _level_count(level: SupportLevel, count: int) -> str:
    """'2 supporters': the label is a singular word, and Dutch plurals are not an 's'."""
    forms = {
        SupportLevel.OPPONENT: ngettext("{count} opponent", "{count} opponents", count),
        SupportLevel.NEUTRAL: ngettext("{count} neutral", "{count} neutral", count),
        SupportLevel.SUPPORTER: ngettext("{count} supporter", "{count} supporters", count),
        SupportLevel.CHAMPION: ngettext("{count} champion", "{count} champions", count),
    }
    return forms[level].format(count=count)


def support_summary(plan_data: PlanData, today: date) -> SupportSummary:
    counts = Counter(s.support for s in plan_data.stakeholders)
    open_actions = [a for a in plan_data.change_actions if not a.done]
    overdue = [a for a in open_actions if a.due is not None and a.due < today]
    return SupportSummary(
        per_level={level: counts[level] for level in SupportLevel},
        open_actions=len(open_actions),
        overdue_actions=len(overdue),
    )


def channel_totals(plan_data: PlanData) -> list[tuple[str, Totals]]:
    """Summed results per channel, then the whole plan as "All channels"."""
    rows = [
        (c.name, totals(r for r in plan_data.results if r.channel == c.id))
        for c in plan_data.channels
    ]
    rows.append((_("All channels"), totals(plan_data.results)))
    return rows


class GoalStatus(Labelled):
    MET = "met"
    ON_TRACK = "on track"
    BEHIND = "behind"
    MISSED = "missed"
    NOT_MEASURED = "not measured"


LOWER_IS_BETTER = {"cost", "cost per click", "cost per acquisition"}
"""KPIs where a value at or below the target meets it."""


@frozen
class GoalProgress:
    goal: Goal
    current: float | None
    status: GoalStatus = GoalStatus.NOT_MEASURED
    expected_percent: float | None = None
    """For a count: how far it should be by now if it grows evenly to the deadline."""
    source: Source | None = None
    """Where the figure comes from; None when nothing is counted in it yet."""

    @property
    def percent_of_target(self) -> float | None:
        if self.current is None or not self.goal.target:
            return None
        return 100 * self.current / self.goal.target


@frozen
class Source:
    """What a goal's figure is made of: the imports (by platform) and typed-in figures it
    counts, over which days, and whether a later import left it without new data."""

    origins: tuple[str, ...]
    """'LinkedIn', 'X', 'typed in', in that order of first appearance."""
    first: date
    last: date
    stale: bool = False
    """An import since brought data up to a later day, but none for this figure."""

    def describe(self) -> str:
        """'LinkedIn, typed in · 2026-11-09 to 2026-11-25', with '(stale)' after it."""
        stale = _(" (stale)") if self.stale else ""
        return _("{origins} · {first} to {last}{stale}").format(
            origins=", ".join(self.origins), first=self.first, last=self.last, stale=stale
        )


def _source(
    origins: list[str], periods: list[tuple[date, date]], last_import: date | None
) -> Source | None:
    if not periods:
        return None
    first = min(start for start, _end in periods)
    last = max(end for _start, end in periods)
    named = tuple(dict.fromkeys(origins))
    return Source(named, first, last, last_import is not None and last < last_import)


def _last_import(plan_data: PlanData) -> date | None:
    """The latest day any import brought figures for."""
    return max((r.period_end for r in plan_data.results if r.source), default=None)


def goal_window(goal: Goal, plan_data: PlanData) -> tuple[date, date] | None:
    """The days a goal's results count over: from the start of the iteration its deadline
    falls in (or the current one) to the deadline."""
    if goal.deadline is None:
        return None
    deadline = goal.deadline
    holding = next((i for i in plan_data.iterations if i.start <= deadline <= i.end), None)
    iteration = holding or plan_data.current_iteration()
    start = iteration.start if iteration is not None and iteration.start <= deadline else None
    return (start or date.min, deadline)


def goal_progress(plan_data: PlanData, today: date) -> list[GoalProgress]:
    """Each goal's KPI over the results of its channels within its window, and whether it
    is met, on track, behind or missed by ``today``.

    A KPI that names a count (``conversions``) is that count summed; one that names a
    formula (``social ROI``) is the formula over the summed counts. Other KPIs are not
    computed by socialplan: their values are typed in per period (``typed_in_value``).
    """
    last_import = _last_import(plan_data)
    return [
        replace(progress, source=_goal_source(goal, plan_data, last_import))
        for goal, progress in ((g, _progress(g, plan_data, today)) for g in plan_data.goals)
    ]


def _goal_source(goal: Goal, plan_data: PlanData, last_import: date | None) -> Source | None:
    window = goal_window(goal, plan_data) or (date.min, date.max)
    if is_custom(goal.kpi):
        values = [v for v in plan_data.kpi_values if v.goal == goal.id and v.figure is not None]
        counted = [
            (v.period_start, v.period_end) for v in values if _within(v.period_start, window)
        ]
        return _source([_("typed in")] * len(counted), counted, None)
    results = _window_results(goal, plan_data, window)
    origins = [
        PLATFORM_NAMES.get(r.source, r.source) if r.source else _("typed in") for r in results
    ]
    return _source(origins, [(r.period_start, r.period_end) for r in results], last_import)


def _within(day: date, window: tuple[date, date]) -> bool:
    return window[0] <= day <= window[1]


def _progress(goal: Goal, plan_data: PlanData, today: date) -> GoalProgress:
    window = goal_window(goal, plan_data) or (date.min, date.max)
    if is_custom(goal.kpi):
        current = typed_in_value(goal, plan_data, window)
        adds_up = goal.hand_count is HandCount.SUMMED
    else:
        current = kpi_value(goal.kpi, totals(_window_results(goal, plan_data, window)))
        adds_up = goal.kpi in _COUNT_KPIS
    if current is None or goal.target is None:
        return GoalProgress(goal, current)
    lower = goal.kpi in LOWER_IS_BETTER
    if (current <= goal.target) if lower else (current >= goal.target):
        return GoalProgress(goal, current, GoalStatus.MET)
    if goal.deadline is not None and today > goal.deadline:
        return GoalProgress(goal, current, GoalStatus.MISSED)
    expected = _expected_percent(window, today) if adds_up else None
    on_track = expected is not None and goal.target and 100 * current / goal.target >= expected
    status = GoalStatus.ON_TRACK if on_track and not lower else GoalStatus.BEHIND
    return GoalProgress(goal, current, status, expected)


def _window_results(goal: Goal, plan_data: PlanData, window: tuple[date, date]) -> list[Result]:
    channels = set(goal.channels)
    return [
        r
        for r in plan_data.results
        if (not channels or r.channel in channels) and _within(r.period_start, window)
    ]


def typed_in_value(goal: Goal, plan_data: PlanData, window: tuple[date, date]) -> float | None:
    """A custom KPI's current value from the periods typed in for it that start within
    ``window``: their sum, or the newest one's value; None before any is typed in."""
    figures = [
        (v.period_end, v.id, v.figure)
        for v in plan_data.kpi_values
        if v.goal == goal.id and v.figure is not None and window[0] <= v.period_start <= window[1]
    ]
    if not figures:
        return None
    if goal.hand_count is HandCount.LATEST:
        return max(figures)[2]
    return sum(figure for _end, _id, figure in figures)


def _expected_percent(window: tuple[date, date], today: date) -> float | None:
    start, end = window
    if start == date.min or end <= start:
        return None
    elapsed = (min(today, end) - start).days
    return max(0.0, 100 * elapsed / (end - start).days)


def kpi_value(kpi: str, goal_totals: Totals) -> float | None:
    if kpi in KPI_FORMULAS:
        return KPI_FORMULAS[kpi](goal_totals)
    if kpi in _COUNT_KPIS:
        return float(getattr(goal_totals, kpi))
    return None
