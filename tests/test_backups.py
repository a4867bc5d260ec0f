"""Backups are kept by age: a morning of quick edits never rotates last week's plan out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from socialplan.data.backups import KEEP_DAILY, KEEP_NEWEST, KEEP_WEEKLY, kept_backups

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def test_an_hourly_backup_for_ten_weeks_thins_out_by_age():
    stamps = [NOW - timedelta(hours=n) for n in range(24 * 70)]
    kept = kept_backups(stamps, NOW)
    assert set(stamps[:KEEP_NEWEST]) <= kept
    days = {s.date() for s in kept if NOW - s < timedelta(days=KEEP_DAILY)}
    assert len(days) >= KEEP_DAILY  # one for each day back (a partial 15th too)
    assert min(kept) < NOW - timedelta(weeks=KEEP_WEEKLY - 1)
    assert len(kept) <= KEEP_NEWEST + KEEP_DAILY + KEEP_WEEKLY


def test_a_burst_of_edits_keeps_the_older_days():
    older = [NOW - timedelta(days=d) for d in range(1, 6)]
    burst = [NOW - timedelta(minutes=m) for m in range(30)]
    assert set(older) <= kept_backups([*burst, *older], NOW)


@given(
    st.lists(
        st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2026, 12, 1, 12)).map(
            lambda d: d.replace(tzinfo=UTC)
        ),
        max_size=200,
        unique=True,
    )
)
def test_what_is_kept_is_bounded_and_always_includes_the_newest(stamps):
    kept = kept_backups(stamps, NOW)
    assert kept <= set(stamps)
    assert set(sorted(stamps, reverse=True)[:KEEP_NEWEST]) <= kept
    assert len(kept) <= KEEP_NEWEST + KEEP_DAILY + KEEP_WEEKLY
