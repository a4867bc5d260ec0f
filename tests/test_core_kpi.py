"""KPI formulas: sum counts first, then divide; zero denominators give None."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialplan.core import kpi
from socialplan.core.channel_setup import setup_progress
from socialplan.core.model import Result
from socialplan.core.summaries import channel_totals, goal_progress, goal_window
from tests.conftest import FROZEN_NOW

DAY = date(2026, 11, 23)


def result(**counts) -> Result:
    return Result(DAY, DAY, **counts)


def test_engagement_click_and_conversion_rates():
    t = kpi.totals([result(reach=1000, impressions=2000, engagements=50, clicks=40, conversions=4)])
    assert kpi.engagement_rate_by_reach(t) == 5.0
    assert kpi.engagement_rate_by_impressions(t) == 2.5
    assert kpi.click_through_rate(t) == 2.0
    assert kpi.conversion_rate(t) == 10.0


def test_follower_growth_cost_and_roi():
    t = kpi.totals(
        [
            result(
                followers_start=600,
                followers_end=900,
                clicks=50,
                conversions=5,
                ad_spend=250.0,
                value=750.0,
            )
        ]
    )
    assert kpi.follower_growth(t) == 50.0
    assert kpi.cost_per_click(t) == 5.0
    assert kpi.cost_per_acquisition(t) == 50.0
    assert kpi.social_roi(t) == 200.0


def test_share_of_voice():
    assert kpi.share_of_voice(30, 70) == 30.0
    assert kpi.share_of_voice(0, 0) is None


@pytest.mark.parametrize("formula", list(kpi.KPI_FORMULAS.values()))
def test_every_formula_gives_none_without_data(formula):
    assert formula(kpi.Totals()) is None


def test_aggregates_sum_counts_then_divide_never_average_ratios():
    small = result(reach=10, engagements=5)  # 50 %
    large = result(reach=990, engagements=45)  # about 4.5 %
    rate = kpi.engagement_rate_by_reach(kpi.totals([small, large]))
    assert rate == 5.0  # (5 + 45) / (10 + 990), not the 27 % average of the two rates


@given(st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 10_000)), max_size=20))
def test_aggregated_ctr_is_total_clicks_over_total_impressions(pairs):
    results = [result(impressions=i, clicks=c) for i, c in pairs]
    total_impressions = sum(i for i, _ in pairs)
    expected = 100 * sum(c for _, c in pairs) / total_impressions if total_impressions else None
    assert kpi.click_through_rate(kpi.totals(results)) == expected


def test_demo_channel_totals_add_up(demo_data):
    rows = dict(channel_totals(demo_data))
    per_channel = sum(t.reach for name, t in rows.items() if name != "All channels")
    assert rows["All channels"].reach == per_channel > 0


def test_goal_progress_uses_counts_and_formulas(demo_data):
    progress = {p.goal.kpi: p for p in goal_progress(demo_data, FROZEN_NOW.date())}
    leads = progress["conversions"]
    start, deadline = goal_window(leads.goal, demo_data)
    assert start == demo_data.current_iteration().start
    expected = sum(
        r.conversions
        for r in demo_data.results
        if r.channel in leads.goal.channels and start <= r.period_start <= deadline
    )
    assert leads.current == expected
    assert leads.percent_of_target == pytest.approx(100 * expected / 40)
    assert progress["social ROI"].current is not None


def test_setup_progress_per_channel(demo_data):
    progress = {p.channel: p for p in setup_progress(demo_data)}
    assert (progress["LinkedIn"].done, progress["LinkedIn"].total) == (3, 5)
    assert progress["YouTube"].complete
    assert not progress["Newsletter"].complete
