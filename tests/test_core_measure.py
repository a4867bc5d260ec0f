"""Measure: costs, follower levels, goal status against target and deadline, KPI trends,
the iteration review and closing an iteration."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialplan.core import kpi
from socialplan.core.cycle import with_first_iteration
from socialplan.core.model import Goal, Iteration, Plan, Result
from socialplan.core.plan_data import PlanData
from socialplan.core.review import (
    close_iteration,
    iteration_review,
    open_decisions,
)
from socialplan.core.summaries import GoalStatus, goal_progress
from socialplan.core.trends import TREND_KPIS, kpi_trends
from socialplan.core.validation import InvalidInputError

from .conftest import FROZEN_NOW

TODAY = FROZEN_NOW.date()


def result(day: date, **figures) -> Result:
    return Result(period_start=day, period_end=day + timedelta(days=6), channel=1, **figures)


def test_cost_is_ad_spend_tools_and_staff_time() -> None:
    one = result(TODAY, ad_spend=100.0, tool_cost=20.0, hours=4, hourly_rate=50.0, value=600)
    assert one.cost == 320.0
    assert kpi.social_roi(kpi.totals([one])) == pytest.approx(87.5)


def test_followers_are_a_level_from_the_first_start_to_the_last_end() -> None:
    weeks = [
        result(TODAY, followers_start=600, followers_end=630),
        result(TODAY + timedelta(weeks=1), followers_start=630, followers_end=690),
        replace(result(TODAY, followers_start=100, followers_end=150), channel=2),
        result(TODAY, reach=500),
    ]
    totals = kpi.totals(weeks)
    assert (totals.followers_start, totals.followers_end) == (700, 840)
    assert kpi.follower_growth(totals) == 20.0
    assert totals.reach == 500


def goal(kpi_name: str, target: float, deadline: date) -> Goal:
    return Goal("g", kpi_name, target, "", deadline, (1,), id=1)


def plan_with(demo_data: PlanData, goals: tuple[Goal, ...], results: list[Result]) -> PlanData:
    start = TODAY - timedelta(days=10)
    iteration = Iteration(1, "Now", start, start + timedelta(days=99), id=1)
    return replace(
        demo_data,
        plan=replace(demo_data.plan, current_iteration=1),
        goals=goals,
        results=tuple(results),
        iterations=(iteration,),
    )


@pytest.mark.parametrize(
    ("kpi_name", "target", "deadline_days", "figures", "status"),
    [
        ("conversions", 10, 90, {"conversions": 10}, GoalStatus.MET),
        ("conversions", 100, 90, {"conversions": 20}, GoalStatus.ON_TRACK),
        ("conversions", 100, 90, {"conversions": 5}, GoalStatus.BEHIND),
        ("conversions", 100, -1, {"conversions": 5}, GoalStatus.MISSED),
        ("click-through rate", 2, 90, {"clicks": 1, "impressions": 100}, GoalStatus.BEHIND),
        ("cost per click", 2, 90, {"clicks": 10, "ad_spend": 15.0}, GoalStatus.MET),
        ("cost per click", 2, 90, {"clicks": 10, "ad_spend": 50.0}, GoalStatus.BEHIND),
        ("brand awareness", 2, 90, {"clicks": 10}, GoalStatus.NOT_MEASURED),
        ("click-through rate", 2, 90, {"clicks": 10}, GoalStatus.NOT_MEASURED),
    ],
)
def test_goal_status_against_target_and_deadline(
    demo_data, kpi_name, target, deadline_days, figures, status
) -> None:
    deadline = TODAY + timedelta(days=deadline_days)
    data = plan_with(demo_data, (goal(kpi_name, target, deadline),), [result(TODAY, **figures)])
    if deadline_days < 0:
        data = replace(data, results=(result(TODAY - timedelta(days=5), **figures),))
    (progress,) = goal_progress(data, TODAY)
    assert progress.status is status


def test_a_count_is_on_track_when_it_keeps_pace_with_the_time_gone(demo_data) -> None:
    deadline = TODAY + timedelta(days=90)
    data = plan_with(demo_data, (goal("conversions", 100, deadline),), [])
    data = replace(data, results=(result(TODAY, conversions=10),))
    (progress,) = goal_progress(data, TODAY)
    assert progress.expected_percent == pytest.approx(100 * 10 / 100)
    assert progress.status is GoalStatus.ON_TRACK


def test_results_outside_the_goals_window_do_not_count(demo_data) -> None:
    deadline = TODAY + timedelta(days=30)
    early = result(TODAY - timedelta(days=60), conversions=50)
    late = result(deadline + timedelta(days=1), conversions=50)
    data = plan_with(demo_data, (goal("conversions", 10, deadline),), [early, late])
    assert goal_progress(data, TODAY)[0].current == 0


def test_trends_per_week_and_per_iteration(demo_data) -> None:
    trends = {t.kpi: t for t in kpi_trends(demo_data, TODAY)}
    assert list(trends) == list(TREND_KPIS)
    reach = trends["reach"]
    assert len(reach.weeks) == 12
    assert all(value is not None for value in reach.weeks)
    assert [i.number for i, _ in reach.iterations] == [1, 2]
    rate = trends["engagement rate (impressions)"]
    assert rate.iterations[1][1] > rate.iterations[0][1], "the demo improves on its pilot"
    empty = kpi_trends(replace(demo_data, results=()), TODAY)[0]
    assert set(empty.weeks) == {None} and empty.last_full_week is None


def test_the_last_full_week_is_the_one_before_this_week(demo_data) -> None:
    """Not the current, unfinished week: its costs are in before its results are."""
    roi = next(t for t in kpi_trends(demo_data, TODAY) if t.kpi == "social ROI")
    assert roi.last_full_week == roi.weeks[-2] and roi.this_week_so_far == roi.weeks[-1]
    assert roi.last_full_week is not None and roi.last_full_week > -100


def test_the_review_names_what_worked(demo_data) -> None:
    current = demo_data.current_iteration()
    review = iteration_review(demo_data, current)
    assert [name for name, _ in review.by_channel] == [c.name for c in demo_data.channels]
    assert {name for name, _ in review.by_kind} == {"content", "promotion"}
    assert len(review.best) == len(review.worst) == 3
    assert review.best[0].score >= review.best[-1].score >= review.worst[0].score
    assert review.worst[0].score == min(
        r.score for r in (*review.best, *review.worst) if r.score is not None
    )
    assert {p.goal.title for p in review.goals} == {g.title for g in demo_data.goals}
    pilot = iteration_review(demo_data, demo_data.iterations[0])
    assert pilot.has_results and pilot.best == () and pilot.goals == ()


def test_closing_carries_on_into_a_new_iteration_the_next_day(demo_data) -> None:
    current = demo_data.current_iteration()
    on = current.start + timedelta(days=3)
    closing = close_iteration(
        demo_data, "Reels take too long", ["One reel a fortnight", "  ", "Drop X"], on, "Spring"
    )
    assert closing.closed == replace(current, closed=True, lessons="Reels take too long", end=on)
    following = closing.following
    assert (following.number, following.name) == (3, "Spring")
    assert following.start == on + timedelta(days=1)
    assert (following.end - following.start).days + 1 == demo_data.plan.iteration_days
    assert closing.plan.current_iteration == 3
    assert [d.text for d in closing.decisions] == ["One reel a fortnight", "Drop X"]
    after = replace(
        demo_data,
        plan=closing.plan,
        iterations=(*demo_data.iterations[:1], closing.closed, following),
        decisions=tuple(replace(d, id=n) for n, d in enumerate(closing.decisions, 1)),
    )
    assert len(open_decisions(after)) == 2
    assert close_iteration(after, "", [], following.end).following.name == "Iteration 4"


@given(
    length=st.integers(1, 366),
    ran=st.integers(0, 400),
)
def test_closing_any_day_leaves_no_gap_and_no_overlap(length, ran) -> None:
    """Early, on time or late: the closed iteration ends the day it is closed, the next
    starts the day after and runs the plan's iteration length."""
    plan = Plan(name="Bakery", iteration_days=length)
    plan_data = with_first_iteration(PlanData(plan=plan), TODAY)
    current = plan_data.current_iteration()
    assert current is not None and (current.end - current.start).days + 1 == length
    on = current.start + timedelta(days=ran)
    closing = close_iteration(plan_data, "", [], on)
    assert closing.closed.end == on
    assert closing.following.start == closing.closed.end + timedelta(days=1)
    assert (closing.following.end - closing.following.start).days + 1 == length


def test_a_goal_is_judged_over_the_days_its_iteration_ran(demo_data) -> None:
    """Closed early, the iteration's review counts the results of the days it ran, and
    none of the next iteration's."""
    current = demo_data.current_iteration()
    on = current.start + timedelta(days=2)
    closing = close_iteration(demo_data, "", [], on)
    after = replace(
        demo_data,
        iterations=tuple(closing.closed if i.id == current.id else i for i in demo_data.iterations),
    )
    late = result(on + timedelta(days=1), impressions=10_000, value=999)
    with_late = replace(after, results=(*after.results, late))
    assert iteration_review(with_late, closing.closed) == iteration_review(after, closing.closed)


def test_only_an_open_iteration_can_be_closed(demo_data) -> None:
    closed = replace(
        demo_data, iterations=tuple(replace(i, closed=True) for i in demo_data.iterations)
    )
    with pytest.raises(InvalidInputError, match="no open iteration"):
        close_iteration(closed, "", [], TODAY)
    with pytest.raises(InvalidInputError, match="at most 200 characters per decision"):
        close_iteration(demo_data, "", ["x" * 201], TODAY)


class TestWhereFiguresComeFrom:
    """Each objective's figure names what it counts (imports by platform, typed-in figures)
    and over which days; one that a later import brought nothing new for is stale."""

    @staticmethod
    def imported(plan_data, channel: int, source: str, day: date):
        from socialplan.core.edits import with_changes
        from socialplan.core.model import Result

        result = Result(day, day, channel=channel, impressions=100, engagements=5, source=source)
        return with_changes(plan_data, [replace(result, id=900 + channel)], ())

    def test_sources_and_days_are_named(self, demo_data) -> None:
        from socialplan.core.summaries import goal_progress

        plan = self.imported(demo_data, 1, "linkedin", date(2026, 11, 24))
        linkedin_rate = next(p for p in goal_progress(plan, date(2026, 11, 25)) if p.goal.id == 2)
        assert linkedin_rate.source is not None
        assert linkedin_rate.source.origins == ("typed in", "LinkedIn")
        assert linkedin_rate.source.describe() == ("typed in, LinkedIn · 2026-11-09 to 2026-11-29")

    def test_a_figure_no_later_import_fed_is_stale(self, demo_data) -> None:
        from socialplan.core.summaries import goal_progress

        only_typed = replace(
            demo_data, results=tuple(r for r in demo_data.results if r.channel != 4)
        )
        fed = self.imported(only_typed, 4, "linkedin", date(2026, 11, 12))
        fed = self.imported(fed, 1, "linkedin", date(2026, 11, 28))
        by_goal = {p.goal.id: p for p in goal_progress(fed, date(2026, 11, 25))}
        assert by_goal[3].source is not None and by_goal[3].source.stale
        assert by_goal[3].source.describe().endswith("(stale)")
        assert not by_goal[2].source.stale, "its channel has the latest import"
