"""Recurrence rules: parsing both forms, round trips, and expansion across month ends and
daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import islice, takewhile
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialplan.core.recurrence import (
    Freq,
    Recurrence,
    describe_rules,
    occurrences,
    parse_rules,
    rules_text,
    stored_rules,
)
from socialplan.core.validation import InvalidInputError

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def first_occurrences(rules, start, timezone, count):
    return list(islice(occurrences(rules, start, timezone), count))


def occurrences_between(rules, start, timezone, after, before):
    return [
        m
        for m in takewhile(lambda m: m < before, occurrences(rules, start, timezone))
        if m >= after
    ]


TZ = "Europe/Amsterdam"


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=AMSTERDAM)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tue and Thu 09:00", Recurrence(Freq.WEEKLY, weekdays=(1, 3), times=((9, 0),))),
        (
            "tue, thu 09:00 until 2027-06-30",
            Recurrence(Freq.WEEKLY, weekdays=(1, 3), times=((9, 0),), until=date(2027, 6, 30)),
        ),
        (
            "every 2 weeks mon 08:30 count 5",
            Recurrence(Freq.WEEKLY, 2, (0,), times=((8, 30),), count=5),
        ),
        ("every other week", Recurrence(Freq.WEEKLY, 2)),
        ("monthly on the last day", Recurrence(Freq.MONTHLY, monthdays=(-1,))),
        (
            "weekdays 12:00 17:00",
            Recurrence(Freq.WEEKLY, weekdays=tuple(range(5)), times=((12, 0), (17, 0))),
        ),
        ("daily 6 times", Recurrence(Freq.DAILY, count=6)),
        (
            "FREQ=WEEKLY;BYDAY=TU,TH;BYHOUR=9;BYMINUTE=0;UNTIL=20270630T235959",
            Recurrence(Freq.WEEKLY, weekdays=(1, 3), times=((9, 0),), until=date(2027, 6, 30)),
        ),
        (
            "RRULE:FREQ=MONTHLY;BYMONTHDAY=1;COUNT=3",
            Recurrence(Freq.MONTHLY, monthdays=(1,), count=3),
        ),
    ],
)
def test_spoken_and_rrule_forms_parse(text: str, expected: Recurrence) -> None:
    assert parse_rules(text, with_times=None) == (expected,)


def test_rules_join_with_plus_and_store_one_rrule_per_line() -> None:
    rules = parse_rules("tue thu 19:00 + sat 10:00")
    assert rules_text(rules) == (
        "FREQ=WEEKLY;BYDAY=TU,TH;BYHOUR=19;BYMINUTE=0\nFREQ=WEEKLY;BYDAY=SA;BYHOUR=10;BYMINUTE=0"
    )
    assert stored_rules(rules_text(rules)) == rules
    assert describe_rules(rules) == "weekly tue thu 19:00 + weekly sat 10:00"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("tue 9", "write a time of day as 09:00"),
        ("sometimes", "'sometimes' is not understood"),
        ("every", "needs a number or day, week, month"),
        ("weekly until 2027-13-01", "is not a date"),
        ("tue 09:00 17:30", "need separate rules"),
        ("monthly day 32", "1 to 31"),
        ("weekly until 2027-01-01 count 3", "not both"),
        ("FREQ=YEARLY", "only FREQ=DAILY"),
        ("FREQ=WEEKLY;BYSETPOS=1", "not supported: BYSETPOS"),
        ("tue 09:00 +", "empty rule"),
        ("weekly day 3", "need 'monthly'"),
        ("every 99 weeks", "1 to 52"),
        ("09:00", "say how often"),
    ],
)
def test_bad_rules_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        parse_rules(text, with_times=None)


def test_slots_need_a_time_and_repeats_must_not_have_one() -> None:
    with pytest.raises(InvalidInputError, match="time of day"):
        parse_rules("tue thu", with_times=True)
    with pytest.raises(InvalidInputError, match="keeps the item's own time"):
        parse_rules("tue 09:00", with_times=False)


rules_strategy = st.builds(
    Recurrence,
    freq=st.sampled_from(list(Freq)),
    interval=st.integers(1, 52),
    weekdays=st.frozensets(st.integers(0, 6)).map(lambda s: tuple(sorted(s))),
    times=st.tuples(
        st.frozensets(st.integers(0, 23), min_size=1, max_size=3),
        st.frozensets(st.sampled_from([0, 15, 30, 45]), min_size=1, max_size=2),
    ).map(lambda hm: tuple(sorted((h, m) for h in hm[0] for m in hm[1]))),
    until=st.none() | st.dates(date(2026, 1, 1), date(2030, 12, 31)),
).filter(lambda r: r.freq is not Freq.DAILY or not r.weekdays)


@given(rules_strategy)
def test_both_forms_read_back_to_the_same_rule(rule: Recurrence) -> None:
    assert parse_rules(rule.describe()) == (rule,)
    assert parse_rules(rule.rrule_text()) == (rule,)


def test_weekly_slot_keeps_its_wall_clock_time_across_the_spring_change() -> None:
    # Europe/Amsterdam moves from UTC+1 to UTC+2 on Sunday 28 March 2027.
    moments = first_occurrences(parse_rules("tue 09:00"), local(2027, 3, 22), TZ, 3)
    assert [m.astimezone(AMSTERDAM).strftime("%a %d %b %H:%M") for m in moments] == [
        "Tue 23 Mar 09:00",
        "Tue 30 Mar 09:00",
        "Tue 06 Apr 09:00",
    ]
    assert [m.hour for m in moments] == [8, 7, 7]
    assert all(m.tzinfo is UTC for m in moments)


def test_daily_repeat_crosses_the_autumn_change_at_the_same_local_time() -> None:
    # UTC+2 back to UTC+1 on Sunday 31 October 2027.
    start = local(2027, 10, 30, 18, 0)
    moments = first_occurrences(parse_rules("daily count 3", with_times=False), start, TZ, 5)
    assert [m.astimezone(AMSTERDAM).strftime("%d %H:%M") for m in moments] == [
        "30 18:00",
        "31 18:00",
        "01 18:00",
    ]
    assert moments[1] - moments[0] == timedelta(hours=25)


def test_a_slot_in_the_skipped_spring_hour_moves_past_the_change() -> None:
    moments = first_occurrences(parse_rules("sun 02:30"), local(2027, 3, 27), TZ, 1)
    assert moments[0].astimezone(AMSTERDAM).strftime("%d %H:%M") == "28 03:30"


def test_monthly_on_day_31_skips_shorter_months_and_last_day_does_not() -> None:
    start = local(2027, 1, 31, 9, 0)
    day_31 = first_occurrences(
        parse_rules("monthly day 31 count 4", with_times=False), start, TZ, 9
    )
    assert [m.astimezone(AMSTERDAM).date().isoformat() for m in day_31] == [
        "2027-01-31",
        "2027-03-31",
        "2027-05-31",
        "2027-07-31",
    ]
    last = first_occurrences(
        parse_rules("monthly last day count 3", with_times=False), start, TZ, 9
    )
    assert [m.astimezone(AMSTERDAM).date().isoformat() for m in last] == [
        "2027-01-31",
        "2027-02-28",
        "2027-03-31",
    ]


def test_weekly_rule_runs_across_month_and_year_ends() -> None:
    moments = occurrences_between(
        parse_rules("thu 07:30"), local(2026, 12, 1), TZ, local(2026, 12, 28), local(2027, 1, 12)
    )
    assert [m.astimezone(AMSTERDAM).date().isoformat() for m in moments] == [
        "2026-12-31",
        "2027-01-07",
    ]


def test_until_includes_its_own_day_and_merged_rules_come_in_time_order() -> None:
    rules = parse_rules("thu 19:00 until 2026-12-03 + sat 10:00 until 2026-12-05")
    moments = first_occurrences(rules, local(2026, 11, 30), TZ, 10)
    assert [m.astimezone(AMSTERDAM).strftime("%a %d %H:%M") for m in moments] == [
        "Thu 03 19:00",
        "Sat 05 10:00",
    ]


def test_every_second_week_counts_from_the_start() -> None:
    moments = first_occurrences(parse_rules("every 2 weeks wed 12:00"), local(2026, 11, 23), TZ, 3)
    assert [m.astimezone(AMSTERDAM).day for m in moments] == [25, 9, 23]


@given(rules_strategy)
def test_a_rule_said_in_dutch_reads_back_to_itself(rule):
    from socialplan.core.i18n import use_language

    use_language("nl")
    try:
        spoken = rule.describe()
        assert parse_rules(spoken) == (rule,)
    finally:
        use_language("en")


@pytest.mark.parametrize(
    ("dutch", "english"),
    [
        ("di do 09:00", "weekly tue thu 09:00"),
        ("werkdagen 08:30", "weekly mon tue wed thu fri 08:30"),
        ("elke 2 weken op vrijdag om 16:00", "every 2 weeks fri 16:00"),
        ("maandelijks laatste dag 09:00 aantal 6", "monthly last day 09:00 count 6"),
    ],
)
def test_dutch_words_make_the_same_rules(dutch, english):
    assert parse_rules(dutch) == parse_rules(english)
