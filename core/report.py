"""The figures of the management report: the SocialStrategyModel's "hard ROI figures" for
one iteration. Goals against their targets, ROI per channel with its costs apart, KPI
trends, the best and the worst posts, and the iteration's review and decisions. Rendering
them (Markdown, HTML) is ``data.report``'s job.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from .frozen import frozen
from .i18n import _
from .kpi import Totals, percent, social_roi, totals
from .model import Decision, Iteration, Result
from .plan_data import PlanData
from .summaries import GoalProgress, goal_progress
from .trends import Trend, kpi_trends
from .validation import InvalidInputError

BEST_AND_WORST = 3
SPARKS = "▁▂▃▄▅▆▇█"


@frozen
class ChannelMoney:
    """A channel's results over the iteration, and what they cost, apart."""

    name: str
    totals: Totals
    ad_spend: float
    tools: float
    time: float
    """Hours times their rate."""

    @property
    def roi(self) -> float | None:
        return social_roi(self.totals)


@frozen
class PostFigures:
    title: str
    channel: str
    day: date
    impressions: int
    engagements: int

    @property
    def engagement_rate(self) -> float | None:
        return percent(self.engagements, self.impressions)


@frozen
class ReportFigures:
    iteration: Iteration | None
    goals: tuple[GoalProgress, ...]
    channels: tuple[ChannelMoney, ...]
    trends: tuple[Trend, ...]
    best: tuple[PostFigures, ...]
    worst: tuple[PostFigures, ...]
    decisions: tuple[Decision, ...]


def report_figures(plan_data: PlanData, today: date, number: int | None = None) -> ReportFigures:
    """The report of iteration ``number`` (default: the current one); a plan without
    iterations reports over all its results."""
    wanted = plan_data.plan.current_iteration if number is None else number
    iteration = next((i for i in plan_data.iterations if i.number == wanted), None)
    if number is not None and iteration is None:
        known = ", ".join(str(i.number) for i in plan_data.iterations) or _("none")
        raise InvalidInputError(
            "iteration",
            _("the plan has no iteration {number} (it has {known})").format(
                number=number, known=known
            ),
        )
    results = [r for r in plan_data.results if iteration is None or _within(r, iteration)]
    posts = _posts(plan_data, results)
    rated = sorted(
        (p for p in posts if p.engagement_rate is not None),
        key=lambda p: (p.engagement_rate, p.engagements),
        reverse=True,
    )
    return ReportFigures(
        iteration,
        tuple(goal_progress(plan_data, today)),
        tuple(_channels(plan_data, results)),
        tuple(kpi_trends(plan_data, today)),
        tuple(rated[:BEST_AND_WORST]),
        tuple(reversed(rated[-BEST_AND_WORST:])) if len(rated) > BEST_AND_WORST else (),
        tuple(d for d in plan_data.decisions if iteration is None or d.iteration == wanted),
    )


def _within(result: Result, iteration: Iteration) -> bool:
    return iteration.start <= result.period_start <= iteration.end


def _channels(plan_data: PlanData, results: Sequence[Result]) -> list[ChannelMoney]:
    found = []
    for channel in plan_data.channels:
        own = [r for r in results if r.channel == channel.id]
        if not own:
            continue
        found.append(
            ChannelMoney(
                channel.name,
                totals(own),
                sum(r.ad_spend for r in own),
                sum(r.tool_cost for r in own),
                sum(r.hours * r.hourly_rate for r in own),
            )
        )
    return found


def _posts(plan_data: PlanData, results: Sequence[Result]) -> list[PostFigures]:
    """Each post's results summed (a post measured on several days is one post)."""
    by_item: dict[int, list[Result]] = {}
    for result in results:
        if result.item is not None:
            by_item.setdefault(result.item, []).append(result)
    posts = []
    for item_id, own in by_item.items():
        item = plan_data.item(item_id)
        if item is None:
            continue
        posts.append(
            PostFigures(
                item.title,
                plan_data.channel_name(item.channel),
                min(r.period_start for r in own),
                sum(r.impressions for r in own),
                sum(r.engagements for r in own),
            )
        )
    return posts


def sparkline(values: tuple[float | None, ...]) -> str:
    """One character per value, scaled from the lowest to the highest; a gap for None."""
    known = [v for v in values if v is not None]
    if not known:
        return " " * len(values)
    low, high = min(known), max(known)
    span = high - low
    top = len(SPARKS) - 1
    return "".join(
        " " if v is None else SPARKS[round(top * (v - low) / span) if span else top // 2]
        for v in values
    )
