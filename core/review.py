"""Closing the 3-S cycle: the review of an iteration (goals met or missed, what worked per
channel, journey stage and kind, the best and worst posts) and the start of the next one.

The strategy, the set-up and the posting slots belong to the plan, not to an iteration, so
a new iteration carries them over as they are; the review's decisions stay open on the
Strategy screen until the team has acted upon them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from .cycle import last_day
from .frozen import frozen
from .i18n import _
from .kpi import Totals, engagement_rate_by_impressions, totals
from .model import ContentItem, Decision, Iteration, Plan, Result
from .plan_data import PlanData
from .summaries import GoalProgress, goal_progress
from .validation import MAX_TEXT, MAX_TITLE, InvalidInputError, clean_text

RANKED = 3
"""How many best and worst posts a review names."""


@frozen
class RankedItem:
    item: ContentItem
    totals: Totals

    @property
    def score(self) -> float | None:
        """Engagements per impression: how well the post did for the people who saw it."""
        return engagement_rate_by_impressions(self.totals)


@frozen
class IterationReview:
    iteration: Iteration
    goals: tuple[GoalProgress, ...]
    by_channel: tuple[tuple[str, Totals], ...]
    by_stage: tuple[tuple[str, Totals], ...]
    by_kind: tuple[tuple[str, Totals], ...]
    best: tuple[RankedItem, ...]
    worst: tuple[RankedItem, ...]
    decisions: tuple[Decision, ...]

    @property
    def has_results(self) -> bool:
        return any(t.impressions or t.reach for _, t in self.by_channel)


def results_in(plan_data: PlanData, iteration: Iteration) -> list[Result]:
    return [r for r in plan_data.results if iteration.start <= r.period_start <= iteration.end]


def iteration_review(plan_data: PlanData, iteration: Iteration) -> IterationReview:
    """The review as of the iteration's last day."""
    results = results_in(plan_data, iteration)
    items = {i.id: i for i in plan_data.items}
    per_item = [r for r in results if r.item in items]

    def grouped(key: Callable[[Result], str | None], names: Sequence[str]) -> tuple[Any, ...]:
        groups: dict[str, list[Result]] = {name: [] for name in names}
        for result in results:
            name = key(result)
            if name is not None:
                groups.setdefault(name, []).append(result)
        return tuple((name, totals(found)) for name, found in groups.items() if found)

    ranked = _ranked(per_item, items)
    return IterationReview(
        iteration=iteration,
        goals=tuple(p for p in goal_progress(plan_data, iteration.end) if _due_in(p, iteration)),
        by_channel=grouped(
            lambda r: plan_data.channel_name(r.channel) if r.channel else None,
            [c.name for c in plan_data.channels],
        ),
        by_stage=grouped(
            lambda r: plan_data.stage_name(items[r.item].stage) if r.item in items else None,
            [s.name for s in plan_data.ordered_stages()],
        ),
        by_kind=grouped(
            lambda r: items[r.item].kind.value if r.item in items else None,
            ["content", "promotion"],
        ),
        best=tuple(ranked[:RANKED]),
        worst=tuple(reversed(ranked[RANKED:][-RANKED:])),
        decisions=tuple(d for d in plan_data.decisions if d.iteration == iteration.number),
    )


def _due_in(progress: GoalProgress, iteration: Iteration) -> bool:
    """A goal belongs to the review of the iteration its deadline falls in; goals without
    a deadline to every review."""
    deadline = progress.goal.deadline
    return deadline is None or iteration.start <= deadline <= iteration.end


def _ranked(results: list[Result], items: dict[int, ContentItem]) -> list[RankedItem]:
    by_item: dict[int, list[Result]] = {}
    for result in results:
        assert result.item is not None
        by_item.setdefault(result.item, []).append(result)
    ranked = [RankedItem(items[key], totals(found)) for key, found in by_item.items()]
    scored = [r for r in ranked if r.score is not None]
    return sorted(scored, key=lambda r: (-(r.score or 0.0), r.item.id))


@frozen
class IterationClosing:
    """Everything closing an iteration saves, in one write."""

    closed: Iteration
    following: Iteration
    plan: Plan
    decisions: tuple[Decision, ...]

    @property
    def entities(self) -> tuple[object, ...]:
        return (self.closed, self.following, self.plan, *self.decisions)


def close_iteration(
    plan_data: PlanData, lessons: str, decisions: Sequence[str], today: date, name: str = ""
) -> IterationClosing:
    """Close the current iteration today with the review's lessons and decisions, and open
    the next one tomorrow for the plan's iteration length: closed early, the iteration
    ends that day (its results and goals are judged over the days it ran); closed late,
    it ran until today."""
    current = plan_data.current_iteration()
    if current is None or current.closed:
        raise InvalidInputError("iteration", _("there is no open iteration to close"))
    lessons = clean_text(lessons, multiline=True).strip()
    if len(lessons) > MAX_TEXT:
        raise InvalidInputError(
            "lessons", _("at most {MAX_TEXT} characters").format(MAX_TEXT=MAX_TEXT)
        )
    texts = [clean_text(line).strip() for line in decisions]
    texts = [text for text in texts if text]
    if any(len(text) > MAX_TITLE for text in texts):
        raise InvalidInputError(
            "decisions",
            _("at most {MAX_TITLE} characters per decision").format(MAX_TITLE=MAX_TITLE),
        )
    number = max(i.number for i in plan_data.iterations) + 1
    end = max(today, current.start)
    start = end + timedelta(days=1)
    following = Iteration(
        number=number,
        name=clean_text(name).strip() or f"Iteration {number}",
        start=start,
        end=last_day(plan_data.plan, start),
    )
    return IterationClosing(
        closed=replace(current, closed=True, lessons=lessons, end=end),
        following=following,
        plan=replace(plan_data.plan, current_iteration=number),
        decisions=tuple(Decision(current.number, text) for text in texts),
    )


def open_decisions(plan_data: PlanData) -> tuple[Decision, ...]:
    return tuple(d for d in plan_data.decisions if not d.done)
