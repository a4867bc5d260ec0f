"""How each KPI moves: per week over the last weeks, and per iteration of the 3-S cycle.

Every point is the KPI over the summed results of its week or iteration (counts summed
first, then divided), so a week without results is a gap, not a zero.
"""

from __future__ import annotations

from datetime import date, timedelta

from .frozen import frozen
from .kpi import totals
from .model import Iteration, Result
from .plan_data import PlanData
from .summaries import kpi_value

TREND_KPIS = (
    "reach",
    "engagement rate (impressions)",
    "click-through rate",
    "conversions",
    "social ROI",
)
WEEKS = 12


@frozen
class Trend:
    kpi: str
    weeks: tuple[float | None, ...]
    """Oldest first, ending with the current week."""
    iterations: tuple[tuple[Iteration, float | None], ...]

    @property
    def last_full_week(self) -> float | None:
        """The week before the current one: the latest whose costs and results are all in
        (the current week has costs before its results, so its ROI reads -100 %)."""
        return self.weeks[-2] if len(self.weeks) > 1 else None

    @property
    def this_week_so_far(self) -> float | None:
        return self.weeks[-1] if self.weeks else None


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def kpi_trends(plan_data: PlanData, today: date, weeks: int = WEEKS) -> list[Trend]:
    first = monday_of(today) - timedelta(weeks=weeks - 1)
    by_week: dict[date, list[Result]] = {}
    for result in plan_data.results:
        monday = monday_of(result.period_start)
        if monday >= first:
            by_week.setdefault(monday, []).append(result)
    week_totals = [
        totals(by_week[monday]) if monday in by_week else None
        for monday in (first + timedelta(weeks=n) for n in range(weeks))
    ]
    by_iteration = []
    for iteration in sorted(plan_data.iterations, key=lambda i: i.number):
        inside = [
            r for r in plan_data.results if iteration.start <= r.period_start <= iteration.end
        ]
        by_iteration.append((iteration, totals(inside) if inside else None))
    return [
        Trend(
            kpi,
            tuple(None if t is None else kpi_value(kpi, t) for t in week_totals),
            tuple((i, None if t is None else kpi_value(kpi, t)) for i, t in by_iteration),
        )
        for kpi in TREND_KPIS
    ]
