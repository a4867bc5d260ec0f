"""The panel's figures: ratio, upcoming window, this week per channel, warnings."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from socialplan.core.figures import Ratio, panel_figures
from socialplan.core.model import (
    Channel,
    ContentItem,
    Kind,
    OnlineBehaviour,
    Persona,
    Pillar,
    Plan,
    SetupTask,
    Stage,
)
from socialplan.core.plan_data import PlanData
from socialplan.core.schedule import items_between, next_posts, week_bounds, window_bounds
from socialplan.core.slots import ChannelWeek, Pace

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=AMS)


def plan_with(items: list[ContentItem], **settings) -> PlanData:
    """A small plan that passes every consistency check, its set-up done."""
    return PlanData(
        plan=Plan(name="Test", **settings),
        channels=(Channel("LinkedIn", 3, id=1), Channel("Instagram", 1, id=2)),
        stages=(Stage("See", 1, id=1),),
        personas=(Persona("Frank", id=1),),
        behaviour=(OnlineBehaviour(1, 1, id=1), OnlineBehaviour(1, 2, id=2)),
        pillars=(Pillar("Know-how", stages=(1,), id=1),),
        setup_tasks=(SetupTask(1, "Page", done=True, id=1), SetupTask(2, "Page", done=True, id=2)),
        items=tuple(replace(item, id=n) for n, item in enumerate(items, start=1)),
    )


def post(
    at: datetime, kind: Kind = Kind.CONTENT, *, cta: bool = False, channel: int = 1
) -> ContentItem:
    return ContentItem("post", channel, 1, kind=kind, cta=cta, scheduled_at=at)


class TestRatio:
    def test_exactly_ten_to_one_is_on_target(self):
        assert Ratio(10, 1, 10, 1).on_target

    def test_nine_to_one_is_below_target(self):
        assert not Ratio(9, 1, 10, 1).on_target

    def test_no_promotion_is_on_target(self):
        ratio = Ratio(3, 0, 10, 1)
        assert ratio.on_target
        assert ratio.per_promotion is None
        assert ratio.describe() == "3 : 0 (no promotion)"

    def test_other_targets_like_four_to_one(self):
        assert Ratio(8, 2, 4, 1).on_target
        assert not Ratio(7, 2, 4, 1).on_target

    @given(
        content=st.integers(0, 500),
        promotion=st.integers(0, 100),
        target_content=st.integers(1, 20),
        target_promotion=st.integers(1, 5),
    )
    def test_on_target_matches_the_fraction(
        self, content, promotion, target_content, target_promotion
    ):
        ratio = Ratio(content, promotion, target_content, target_promotion)
        if promotion:
            expected = content / promotion >= target_content / target_promotion
            assert ratio.on_target == expected
        else:
            assert ratio.on_target


class TestWindow:
    def test_window_counts_only_items_from_now_to_window_end(self):
        items = [
            post(NOW - timedelta(minutes=1)),
            post(NOW),
            post(NOW + timedelta(days=13, hours=23)),
            post(NOW + timedelta(days=14)),
        ]
        figures = panel_figures(plan_with(items), NOW)
        assert figures.window_items == 2

    def test_window_length_is_a_plan_setting(self):
        items = [post(NOW + timedelta(days=d)) for d in range(30)]
        assert panel_figures(plan_with(items, window_days=7), NOW).window_items == 7

    def test_unscheduled_items_are_never_in_a_window(self):
        items = [ContentItem("idea", 1, 1)]
        assert panel_figures(plan_with(items), NOW).window_items == 0

    def test_ratio_and_cta_share_of_the_window(self):
        items = [post(NOW + timedelta(hours=h)) for h in range(1, 10)]
        items += [post(NOW + timedelta(hours=20), Kind.PROMOTION, cta=True)]
        figures = panel_figures(plan_with(items), NOW)
        assert (figures.ratio.content, figures.ratio.promotion) == (9, 1)
        assert not figures.ratio.on_target
        assert figures.cta_percent == 10.0
        assert figures.cta_on_target

    def test_window_bounds(self):
        assert window_bounds(NOW, 14) == (NOW, NOW + timedelta(days=14))

    @given(st.lists(st.integers(-400, 400), max_size=40), st.integers(1, 60))
    def test_items_between_is_half_open(self, hours, days):
        items = [post(NOW + timedelta(hours=h)) for h in hours]
        start, end = window_bounds(NOW, days)
        inside = items_between(items, start, end)
        assert all(start <= i.scheduled_at < end for i in inside)
        assert len(inside) == sum(1 for h in hours if 0 <= h < days * 24)


class TestWeek:
    def test_week_runs_monday_to_monday_in_the_plan_zone(self):
        start, end = week_bounds(NOW, "Europe/Amsterdam")
        assert start == datetime(2026, 11, 23, tzinfo=AMS)
        assert end == datetime(2026, 11, 30, tzinfo=AMS)

    def test_sunday_late_evening_belongs_to_the_week_in_the_plan_zone(self):
        sunday_2330_local = datetime(2026, 11, 29, 22, 30, tzinfo=ZoneInfo("UTC"))
        start, _ = week_bounds(sunday_2330_local, "Europe/Amsterdam")
        assert start.date().isoformat() == "2026-11-23"

    def test_week_across_dst_change_is_seven_calendar_days(self):
        start, end = week_bounds(datetime(2026, 10, 25, 12, tzinfo=AMS), "Europe/Amsterdam")
        assert (start.day, end.day) == (19, 26)
        elapsed = end.astimezone(ZoneInfo("UTC")) - start.astimezone(ZoneInfo("UTC"))
        assert elapsed == timedelta(days=7, hours=1)

    def test_posts_this_week_per_channel_against_plan(self):
        monday = datetime(2026, 11, 23, 9, tzinfo=AMS)
        items = [post(monday + timedelta(days=d)) for d in range(4)]
        items += [post(monday, channel=2), post(monday - timedelta(days=1), channel=2)]
        weeks = panel_figures(plan_with(items), NOW).channel_weeks
        assert weeks == (ChannelWeek("LinkedIn", 4, 3), ChannelWeek("Instagram", 1, 1))
        assert [w.pace for w in weeks] == [Pace.OVER, Pace.ON_PLAN]

    def test_past_posts_of_this_week_count(self):
        monday = datetime(2026, 11, 23, 9, tzinfo=AMS)
        weeks = panel_figures(plan_with([post(monday)]), NOW).channel_weeks
        assert weeks[0] == ChannelWeek("LinkedIn", 1, 3)
        assert weeks[0].pace is Pace.UNDER


class TestWarnings:
    def test_empty_window_is_one_warning(self):
        warnings = panel_figures(plan_with([]), NOW).warnings()
        assert warnings[0] == "Nothing is scheduled in the upcoming window."

    def test_no_call_to_action_is_warned(self):
        items = [post(NOW + timedelta(hours=1))]
        warnings = panel_figures(plan_with(items), NOW).warnings()
        assert "No post in the upcoming window has a call to action." in warnings

    def test_too_much_promotion_is_warned(self):
        items = [post(NOW + timedelta(hours=1), Kind.PROMOTION, cta=True)]
        warnings = panel_figures(plan_with(items), NOW).warnings()
        assert warnings[0].startswith("Too much promotion: 0 : 1")

    def test_all_on_target_has_no_warning(self):
        monday = datetime(2026, 11, 23, 9, tzinfo=AMS)
        items = [post(monday + timedelta(days=d), cta=d == 3) for d in range(3, 6)]
        items.append(post(monday + timedelta(days=3), channel=2))
        assert panel_figures(plan_with(items), NOW).warnings() == []

    def test_failing_plan_checks_are_counted_and_warned(self):
        data = replace(plan_with([]), pillars=())
        figures = panel_figures(data, NOW)
        assert (figures.checks_failing, figures.checks_total) == (1, 5)
        assert "1 plan check fails: see Strategy (2)." in figures.warnings()


def test_demo_panel_at_the_frozen_moment(demo_data):
    figures = panel_figures(demo_data, NOW)
    assert figures.ratio.describe() == "18 : 2 (9.0:1)"
    assert not figures.ratio.on_target
    assert figures.window_items == 20
    instagram = next(w for w in figures.channel_weeks if w.channel == "Instagram")
    assert (instagram.scheduled, instagram.planned, instagram.pace) == (2, 3, Pace.UNDER)


def test_next_posts_are_upcoming_in_time_order(demo_data):
    upcoming = next_posts(demo_data.items, NOW, 5)
    times = [i.scheduled_at for i in upcoming]
    assert times == sorted(times)
    assert all(t >= NOW for t in times)
    assert len(upcoming) == 5


def test_a_single_post_is_one_post_in_the_warnings(demo_data):
    """'LinkedIn: 1 post this week', never '1 posts'."""
    from .conftest import FROZEN_NOW

    figures = replace(
        panel_figures(demo_data, FROZEN_NOW), channel_weeks=(ChannelWeek("LinkedIn", 1, 3),)
    )
    assert "LinkedIn: 1 post this week, planned 3 (under)." in figures.warnings()
