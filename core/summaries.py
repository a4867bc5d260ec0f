"""Figures the phase screens show: support, results per channel, goals."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, fields
from datetime import date

from .i18n import _
from .kpi import KPI_FORMULAS, Totals, is_custom, totals
from .model import Goal, HandCount, Labelled, SupportLevel
from .plan_data import PlanData

_COUNT_KPIS = {f.name for f in fields(Totals)}


@dataclass(frozen=True, slots=True)
class SupportSummary:
    per_level: dict[SupportLevel, int]
    open_actions: int
    overdue_actions: int

    def describe(self) -> str:
        levels = ", ".join(f"{n} {level.label}" for level, n in self.per_level.items())
        return _(
            "{levels} · {open_actions} open change actions ({overdue_actions} overdue)"
        ).format(
            levels=levels, open_actions=self.open_actions, overdue_actions=self.overdue_actions
        )


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


@dataclass(frozen=True, slots=True)
class GoalProgress:
    goal: Goal
    current: float | None
    status: GoalStatus = GoalStatus.NOT_MEASURED
    expected_percent: float | None = None
    """For a count: how far it should be by now if it grows evenly to the deadline."""

    @property
    def percent_of_target(self) -> float | None:
        if self.current is None or not self.goal.target:
            return None
        return 100 * self.current / self.goal.target


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
    return [_progress(goal, plan_data, today) for goal in plan_data.goals]


def _progress(goal: Goal, plan_data: PlanData, today: date) -> GoalProgress:
    window = goal_window(goal, plan_data) or (date.min, date.max)
    if is_custom(goal.kpi):
        current = typed_in_value(goal, plan_data, window)
        adds_up = goal.hand_count is HandCount.SUMMED
    else:
        current = kpi_value(goal.kpi, _window_totals(goal, plan_data, window))
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


def _window_totals(goal: Goal, plan_data: PlanData, window: tuple[date, date]) -> Totals:
    channels = set(goal.channels)
    return totals(
        r
        for r in plan_data.results
        if (not channels or r.channel in channels) and window[0] <= r.period_start <= window[1]
    )


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
