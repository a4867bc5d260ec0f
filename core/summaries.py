"""Figures the phase screens show: support, results per channel, goals."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, fields
from datetime import date

from .kpi import KPI_FORMULAS, Totals, totals
from .model import Goal, PlanData, SupportLevel

_COUNT_KPIS = {f.name for f in fields(Totals)}


@dataclass(frozen=True, slots=True)
class SupportSummary:
    per_level: dict[SupportLevel, int]
    open_actions: int
    overdue_actions: int

    def describe(self) -> str:
        levels = ", ".join(f"{n} {level.value}" for level, n in self.per_level.items())
        return (
            f"{levels} · {self.open_actions} open change actions ({self.overdue_actions} overdue)"
        )


def support_summary(data: PlanData, today: date) -> SupportSummary:
    counts = Counter(s.support for s in data.stakeholders)
    open_actions = [a for a in data.change_actions if not a.done]
    overdue = [a for a in open_actions if a.due is not None and a.due < today]
    return SupportSummary(
        per_level={level: counts[level] for level in SupportLevel},
        open_actions=len(open_actions),
        overdue_actions=len(overdue),
    )


def channel_totals(data: PlanData) -> list[tuple[str, Totals]]:
    """Summed results per channel, then the whole plan as "All channels"."""
    rows = [(c.name, totals(r for r in data.results if r.channel == c.id)) for c in data.channels]
    rows.append(("All channels", totals(data.results)))
    return rows


@dataclass(frozen=True, slots=True)
class GoalProgress:
    goal: Goal
    current: float | None

    @property
    def percent_of_target(self) -> float | None:
        if self.current is None or not self.goal.target:
            return None
        return 100 * self.current / self.goal.target


def goal_progress(data: PlanData) -> list[GoalProgress]:
    """Each goal's KPI over the results of the channels it concerns.

    A KPI that names a count (``conversions``) is that count summed; one that names a
    formula (``social ROI``) is the formula over the summed counts. Other KPIs are not
    measured by socialplan and have no current value.
    """
    progress = []
    for goal in data.goals:
        channels = set(goal.channels)
        goal_totals = totals(r for r in data.results if not channels or r.channel in channels)
        progress.append(GoalProgress(goal, _kpi_value(goal.kpi, goal_totals)))
    return progress


def _kpi_value(kpi: str, goal_totals: Totals) -> float | None:
    if kpi in KPI_FORMULAS:
        return KPI_FORMULAS[kpi](goal_totals)
    if kpi in _COUNT_KPIS:
        return float(getattr(goal_totals, kpi))
    return None
