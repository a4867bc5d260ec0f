"""Validation and parsing of user input, and the entity codec."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialplan.core.codec import from_doc, to_doc
from socialplan.core.edits import with_changes
from socialplan.core.model import ENTITY_TYPES, ContentItem, Goal, Kind, Plan, Status
from socialplan.core.plan_data import PlanData
from socialplan.core.validation import (
    MAX_TITLE,
    InvalidInputError,
    clean_text,
    parse_date,
    parse_when,
    validate_goal,
    validate_item,
    validate_plan,
)
from socialplan.data.demo import build_demo


class TestParseWhen:
    def test_date_and_time_in_the_plan_zone(self):
        when = parse_when("2026-12-01 08:30", "Europe/Amsterdam")
        assert when == datetime(2026, 12, 1, 8, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))

    def test_iso_t_separator(self):
        assert parse_when("2026-12-01T08:30", "UTC").hour == 8

    def test_date_alone_means_nine_in_the_morning(self):
        assert parse_when("2026-12-01", "UTC").hour == 9

    def test_empty_means_unscheduled(self):
        assert parse_when("   ", "UTC") is None

    @pytest.mark.parametrize("text", ["tomorrow", "2026-13-01 09:00", "01-12-2026", "9:00"])
    def test_bad_values_say_how_to_write_it(self, text):
        with pytest.raises(InvalidInputError) as raised:
            parse_when(text, "UTC")
        assert raised.value.problem.field == "scheduled"
        assert "YYYY-MM-DD HH:MM" in raised.value.problem.message

    @given(st.text(max_size=30))
    def test_never_raises_anything_but_invalid_input(self, text):
        try:
            result = parse_when(text, "Europe/Amsterdam")
        except InvalidInputError:
            return
        assert result is None or result.tzinfo is not None


class TestParseDate:
    def test_iso_date(self):
        assert parse_date("2027-03-31") == date(2027, 3, 31)

    def test_bad_date_names_the_field(self):
        with pytest.raises(InvalidInputError) as raised:
            parse_date("31-03-2027", "deadline")
        assert raised.value.problem.field == "deadline"


class TestCleanText:
    def test_removes_terminal_escape_sequences_and_controls(self):
        assert clean_text("\x1b[31mred\x1b[0m\x07 title") == "[31mred[0m title"

    def test_single_line_turns_breaks_into_spaces(self):
        assert clean_text("two\nlines\tand tab") == "two lines and tab"

    def test_keeps_markup_characters_literally(self):
        assert clean_text("[bold]not bold[/]") == "[bold]not bold[/]"

    def test_multiline_keeps_newlines(self):
        assert clean_text("a\r\nb\x00\nc", multiline=True) == "a\nb\nc"

    @given(st.text())
    def test_result_has_no_control_characters(self, text):
        cleaned = clean_text(text)
        assert not any(ord(c) < 32 or 127 <= ord(c) < 160 for c in cleaned)


DEMO = build_demo(datetime(2026, 11, 25, 10, tzinfo=ZoneInfo("Europe/Amsterdam")))


class TestValidateItem:
    def test_demo_items_are_valid(self, demo_data):
        assert all(validate_item(item, demo_data) == [] for item in demo_data.items)

    def test_empty_title(self, demo_data):
        item = replace(demo_data.items[0], title="  ")
        assert [str(p) for p in validate_item(item, demo_data)] == ["title: must not be empty"]

    def test_too_long_title_says_how_long(self, demo_data):
        item = replace(demo_data.items[0], title="x" * (MAX_TITLE + 5))
        (problem,) = validate_item(item, demo_data)
        assert problem.field == "title"
        assert f"at most {MAX_TITLE} characters (this has {MAX_TITLE + 5})" in problem.message

    def test_unknown_channel_stage_and_pillar(self, demo_data):
        item = replace(demo_data.items[0], channel=99, stage=99, pillar=99)
        fields = [p.field for p in validate_item(item, demo_data)]
        assert fields == ["channel", "stage", "pillar"]

    def test_naive_datetime_is_refused(self, demo_data):
        item = replace(demo_data.items[0], scheduled_at=datetime(2026, 12, 1, 9))
        assert [p.field for p in validate_item(item, demo_data)] == ["scheduled"]

    def test_control_characters_in_title(self, demo_data):
        item = replace(demo_data.items[0], title="bad\x1b[2J")
        message = validate_item(item, demo_data)[0].message
        assert message == "contains control characters or line breaks"

    def test_title_with_line_break_is_refused_but_body_may_have_them(self, demo_data):
        item = replace(demo_data.items[0], title="two\nlines", body="two\nlines")
        assert [p.field for p in validate_item(item, demo_data)] == ["title"]

    @given(title=st.text(max_size=300), body=st.text(max_size=50))
    def test_valid_means_clean_and_bounded(self, title, body):
        item = replace(DEMO.items[0], title=title, body=body)
        if not validate_item(item, DEMO):
            assert title.strip()
            assert len(title) <= MAX_TITLE
            assert clean_text(title) == title.strip()


class TestValidateGoal:
    def test_smart_goal_is_valid(self):
        goal = Goal("40 leads", "conversions", 40, "leads", date(2027, 3, 31))
        assert validate_goal(goal) == []

    def test_goal_without_target_or_deadline_is_refused_with_reasons(self):
        problems = validate_goal(Goal("More followers", "follower growth"))
        assert {p.field: p.message for p in problems} == {
            "target": "a SMART goal needs a measurable target value",
            "deadline": "a SMART goal needs a deadline",
        }

    def test_goal_without_kpi(self):
        problems = validate_goal(Goal("Be famous", "", 1, "", date(2027, 1, 1)))
        assert [p.field for p in problems] == ["kpi"]


class TestValidatePlan:
    def test_defaults_are_valid(self):
        assert validate_plan(Plan("My plan")) == []

    def test_bad_settings(self):
        plan = Plan("", ratio_content=0, window_days=0, min_cta_percent=101, timezone="Mars/Base")
        assert [p.field for p in validate_plan(plan)] == [
            "name",
            "ratio_content",
            "window_days",
            "min_cta_percent",
            "timezone",
        ]

    @pytest.mark.parametrize(
        "name",
        ["x" * 5000, "Europe/" + "A" * 300, "../../etc/passwd", "Europe/Amsterdam\x00", ""],
        ids=["too-long", "too-long-part", "escapes", "nul", "empty"],
    )
    def test_an_impossible_time_zone_is_a_problem_not_a_crash(self, name):
        # A name longer than a file name once raised OSError out of the check.
        problems = validate_plan(Plan("My plan", timezone=name))
        assert [p.field for p in problems] == ["timezone"]


items = st.builds(
    ContentItem,
    title=st.text(max_size=40),
    channel=st.integers(1, 10),
    stage=st.integers(1, 4),
    kind=st.sampled_from(Kind),
    cta=st.booleans(),
    status=st.sampled_from(Status),
    scheduled_at=st.none() | st.datetimes(timezones=st.timezones()),
    owner=st.text(max_size=10),
    body=st.text(max_size=100),
    pillar=st.none() | st.integers(1, 5),
    link=st.text(max_size=20),
    id=st.integers(1, 10_000),
)


@given(items)
def test_codec_round_trip_of_content_items(item):
    """The same post at the same instant. Instants, not datetimes, are compared: a local
    time in a daylight-saving fold never equals one in another zone (PEP 495)."""
    restored = from_doc(ContentItem, to_doc(item), item.id)
    assert replace(restored, scheduled_at=None) == replace(item, scheduled_at=None)
    if item.scheduled_at is not None:
        assert restored.scheduled_at.timestamp() == item.scheduled_at.timestamp()
        assert restored.scheduled_at.tzinfo is UTC, "stored times come back in UTC"


def test_codec_round_trip_of_every_demo_entity(demo_data):
    for entity_type in ENTITY_TYPES:
        entities = (
            (demo_data.plan,) if entity_type is Plan else getattr(demo_data, entity_type.TABLE)
        )
        for entity in entities:
            assert from_doc(entity_type, to_doc(entity), entity.id) == entity


def test_codec_ignores_unknown_keys_and_fills_missing_ones():
    item = from_doc(ContentItem, {"title": "t", "channel": 1, "stage": 2, "future": 1}, 7)
    assert item == ContentItem("t", 1, 2, id=7)


def test_every_table_is_a_plan_data_field():
    assert {t.TABLE for t in ENTITY_TYPES} <= set(PlanData.__dataclass_fields__)


def test_with_and_without_entity(demo_data):
    item = replace(demo_data.items[0], title="Changed")
    changed = with_changes(demo_data, [item], ())
    assert changed.items[0].title == "Changed"
    assert len(changed.items) == len(demo_data.items)
    added = with_changes(demo_data, [replace(item, id=999)], ())
    assert len(added.items) == len(demo_data.items) + 1
    assert len(with_changes(added, [], [item]).items) == len(demo_data.items)


def test_codec_calls_default_factories_per_document():
    from dataclasses import dataclass, field

    @dataclass(frozen=True)
    class Tagged:
        TABLE = "tagged"
        name: str
        tags: list = field(default_factory=list)
        id: int = 0

    first, second = from_doc(Tagged, {"name": "a"}, 1), from_doc(Tagged, {"name": "b"}, 2)
    assert first.tags == [] and first.tags is not second.tags
    with pytest.raises(KeyError, match="Tagged document has no 'name'"):
        from_doc(Tagged, {}, 3)


def test_a_post_is_found_by_id_without_a_scan(demo_data):
    post = demo_data.items[5]
    assert demo_data.item(post.id) is post
    assert demo_data.item(None) is None and demo_data.item(10**9) is None
