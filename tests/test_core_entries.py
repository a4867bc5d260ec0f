"""Typed values of the entry forms and the rules for deleting entries."""

from __future__ import annotations

from dataclasses import replace

import pytest

from socialplan.core.entries import (
    FIELDS,
    NEW_ENTRIES,
    PLAN_SECTIONS,
    EntryField,
    FieldKind,
)
from socialplan.core.entry_rules import parse_value, validate_entry, why_not_deletable
from socialplan.core.model import Goal, Persona, Plan, Stage, Stakeholder
from socialplan.core.plan_data import PlanData
from socialplan.core.validation import InvalidInputError


@pytest.mark.parametrize(
    ("kind", "raw", "value"),
    [
        (FieldKind.TEXT, "  Ria\x1b[31m \n Jansen ", "Ria[31m   Jansen"),
        (FieldKind.LINES, "Open day\n\n  Careers page \n", ("Open day", "Careers page")),
        (FieldKind.INT, "", 0),
        (FieldKind.INT, "12", 12),
        (FieldKind.NUMBER, "4.5", 4.5),
        (FieldKind.NUMBER, "4,500", 4500),
        (FieldKind.AMOUNT, "1,234.56", 1234.56),
        (FieldKind.INT, "10,000", 10_000),
        (FieldKind.NUMBER, "", None),
        (FieldKind.DATE, "2027-06-30", __import__("datetime").date(2027, 6, 30)),
        (FieldKind.CHANNELS, [3, 1], (1, 3)),
    ],
)
def test_typed_values_become_field_values(kind, raw, value) -> None:
    assert parse_value(EntryField("f", "F", kind), raw) == value


@pytest.mark.parametrize(
    ("kind", "raw", "message"),
    [
        (FieldKind.INT, "-1", "a whole number from 0"),
        (FieldKind.INT, "99999", "a whole number from 0"),
        (FieldKind.NUMBER, "lots", "'lots' is not a number"),
        (FieldKind.NUMBER, "nan", "is not a number"),
        (FieldKind.NUMBER, "6.000", "could mean 6 or 6,000"),
        (FieldKind.AMOUNT, "6,5", "did you mean 6.5"),
        (FieldKind.DATE, "30-06-2027", "is not a date"),
    ],
)
def test_bad_values_are_refused_on_their_field(kind, raw, message) -> None:
    with pytest.raises(InvalidInputError, match=message) as refused:
        parse_value(EntryField("f", "F", kind), raw)
    assert refused.value.problem.field == "f"


def test_every_list_has_fields_and_a_blank_entry() -> None:
    assert set(FIELDS) == set(NEW_ENTRIES) | {Plan}
    for entity, fields in FIELDS.items():
        names = {f.name for f in fields}
        assert names <= set(entity.__dataclass_fields__)


def test_required_names_and_smart_goals(demo_data: PlanData) -> None:
    assert [p.field for p in validate_entry(Stakeholder(" "), demo_data)] == ["name"]
    problems = validate_entry(Goal("More leads"), demo_data)
    assert [p.field for p in problems] == ["kpi", "target", "deadline"]


def test_entries_others_point_to_cannot_be_deleted(demo_data: PlanData) -> None:
    linkedin = demo_data.channels[0]
    assert why_not_deletable(linkedin, demo_data) == (
        "LinkedIn has 30 posts: move or delete them first. On the Schedule, / channel:LinkedIn "
        "shows them, * marks them all, b gives them another channel and d deletes them."
    )
    frank = demo_data.personas[0]
    assert "online behaviour rows" in why_not_deletable(frank, demo_data)
    assert why_not_deletable(Persona("Nobody", id=99), demo_data) is None
    lonely = replace(demo_data, stages=(Stage("Only", id=1),), items=())
    assert why_not_deletable(lonely.stages[0], lonely) == "The journey needs at least one stage."


def test_plan_sections_are_checked_only_on_their_own_fields(demo_data: PlanData) -> None:
    frameworks = PLAN_SECTIONS["frameworks"]
    plan = replace(demo_data.plan, budget=-1.0, hours_per_week=20_000.0, name="")
    problems = validate_entry(plan, demo_data, frameworks)
    assert [(p.field, p.message) for p in problems] == [
        ("budget", "a budget is 0 to 1,000,000,000,000"),
        ("hours_per_week", "team hours per week are 0 to 10,000"),
    ]
    assert [p.field for p in validate_entry(plan, demo_data, PLAN_SECTIONS["inputs"])] == ["name"]


def test_lines_are_limited_in_number_and_length(demo_data: PlanData) -> None:
    problem = PLAN_SECTIONS["problem"]
    too_long = replace(demo_data.plan, points_of_attention=("x" * 201,))
    assert [p.message for p in validate_entry(too_long, demo_data, problem)] == [
        "at most 200 characters per line"
    ]
    too_many = replace(demo_data.plan, points_of_attention=("x",) * 101)
    assert [p.message for p in validate_entry(too_many, demo_data, problem)] == [
        "at most 100 lines"
    ]
