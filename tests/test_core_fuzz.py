"""Hypothesis against every validator and parser of user input in core: any text gives a
value or a clear ``InvalidInputError`` (never another exception), and nothing accepted
carries a control character (so no terminal escape sequence reaches a screen or export)."""

from __future__ import annotations

import dataclasses
import string
from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from socialplan.core.codec import COMPILED_FROM, decoder
from socialplan.core.entries import FIELDS, PLAN_SECTIONS, FieldKind
from socialplan.core.entry_rules import parse_value, validate_entry
from socialplan.core.model import ENTITY_TYPES, ContentItem, Plan
from socialplan.core.plan_data import PlanData
from socialplan.core.recurrence import parse_rules
from socialplan.core.validation import (
    InvalidInputError,
    Problem,
    parse_date,
    parse_when,
    validate_goal,
    validate_item,
    validate_plan,
)
from socialplan.data.demo import build_demo

from .conftest import FROZEN_NOW

DEMO = build_demo(FROZEN_NOW)
TEXT_KINDS = [k for k in FieldKind if k not in (FieldKind.CHANNELS, FieldKind.STAGES)]
TYPED_KINDS = (FieldKind.INT, FieldKind.NUMBER, FieldKind.AMOUNT, FieldKind.DATE)
hostile_text = st.one_of(
    st.text(),
    st.text(alphabet=string.digits + ".,-+eE_ ²٣", max_size=12),
    st.sampled_from(
        ["\x1b[2J", "\x1b]0;owned\x07", "[bold]x[/]", "nan", "inf", "1e400", "x" * 5000]
    ),
)


def has_control(value: Any) -> bool:
    texts = value if isinstance(value, tuple) else (value,)
    return any(
        isinstance(t, str)
        and any((ord(c) < 32 and c not in "\n\t") or 127 <= ord(c) < 160 for c in t)
        for t in texts
    )


def every_field():
    for fields in (*FIELDS.values(), *PLAN_SECTIONS.values()):
        yield from (f for f in fields if f.kind in TEXT_KINDS)


@given(field=st.sampled_from(list(every_field())), raw=hostile_text)
def test_every_form_field_gives_a_value_or_a_clear_message(field, raw):
    try:
        value = parse_value(field, raw)
    except InvalidInputError as error:
        assert error.problem.field == field.name and error.problem.message
        return
    if field.kind in TYPED_KINDS:
        assert value is None or isinstance(value, int | float | date)
        assert value is None or isinstance(value, date) or value == value
    else:
        assert not has_control(value)


def entries_with_text(draw, entity_type):
    entity = DEMO_ENTRIES[entity_type]
    changes = {}
    for field in FIELDS[entity_type]:
        current = getattr(entity, field.name)
        if isinstance(current, str):
            changes[field.name] = draw(hostile_text)
        elif isinstance(current, tuple) and all(isinstance(v, str) for v in current):
            changes[field.name] = tuple(draw(st.lists(hostile_text, max_size=3)))
        elif isinstance(current, float | int) and not isinstance(current, bool):
            changes[field.name] = draw(
                st.one_of(st.floats(allow_nan=True), st.integers(-(10**15), 10**15))
            )
    return dataclasses.replace(entity, **changes)


DEMO_ENTRIES = {
    entity_type: getattr(DEMO, entity_type.TABLE)[0] if entity_type is not Plan else DEMO.plan
    for entity_type in FIELDS
    if entity_type is Plan or getattr(DEMO, entity_type.TABLE)
}


@settings(max_examples=60)
@given(data=st.data(), entity_type=st.sampled_from(sorted(DEMO_ENTRIES, key=str)))
def test_every_entry_check_returns_problems_and_never_raises(data, entity_type):
    entity = entries_with_text(data.draw, entity_type)
    problems = validate_entry(entity, DEMO)
    assert all(isinstance(p, Problem) and p.message for p in problems)


@given(st.text(), st.text(), st.one_of(st.none(), st.floats()))
def test_goal_check_never_raises(title, kpi, target):
    goal = dataclasses.replace(DEMO.goals[0], title=title, kpi=kpi, target=target)
    assert all(isinstance(p, Problem) for p in validate_goal(goal))


@given(
    name=st.text(),
    ratio=st.integers(-5, 50),
    window=st.integers(-10, 1000),
    budget=st.one_of(st.none(), st.floats()),
    zone=st.one_of(st.text(max_size=40), st.sampled_from(["Europe/Amsterdam", "../etc", ""])),
)
def test_plan_check_never_raises(name, ratio, window, budget, zone):
    plan = dataclasses.replace(
        DEMO.plan, name=name, ratio_content=ratio, window_days=window, budget=budget, timezone=zone
    )
    problems = validate_plan(plan)
    if budget is not None and not 0 <= budget <= 1e12:
        assert any(p.field == "budget" for p in problems)


@given(st.text(max_size=300), st.text(max_size=300))
def test_item_check_never_raises(title, body):
    item = dataclasses.replace(DEMO.items[0], title=title, body=body)
    assert all(isinstance(p, Problem) for p in validate_item(item, DEMO))


@given(hostile_text, st.sampled_from([True, False, None]))
def test_repeat_and_slot_rules_give_rules_or_a_clear_message(text, with_times):
    try:
        rules = parse_rules(text, with_times=with_times)
    except InvalidInputError as error:
        assert error.problem.message
        return
    assert isinstance(rules, tuple)


@given(hostile_text, st.sampled_from(["Europe/Amsterdam", "UTC", "America/New_York"]))
def test_dates_and_times_give_a_value_or_a_clear_message(text, zone):
    for parse in (lambda: parse_when(text, zone), lambda: parse_date(text)):
        try:
            parse()
        except InvalidInputError as error:
            assert error.problem.message


@settings(max_examples=200, deadline=None)
@given(
    ids=st.lists(st.integers(1, 60), unique=True, max_size=30),
    shuffled=st.booleans(),
    saves=st.lists(st.tuples(st.integers(1, 70), st.text(max_size=3)), max_size=6),
    removes=st.lists(st.integers(1, 70), max_size=4),
    seed=st.randoms(use_true_random=False),
)
def test_with_changes_saves_and_removes_whatever_order_the_plan_is_in(
    ids, shuffled, saves, removes, seed
):
    """Entries are found by bisection when the plan is in id order, by a scan when not:
    the plan that comes out holds the same entries either way, in id order when the plan
    was."""
    from socialplan.core.edits import with_changes

    items = [ContentItem(f"post {n}", 1, 1, id=n) for n in sorted(ids)]
    if shuffled:
        seed.shuffle(items)
    plan_data = PlanData(plan=Plan(name="P", id=1), items=tuple(items))
    saved = [ContentItem(f"saved {title}", 1, 1, id=n) for n, title in dict(saves).items()]
    removed = [ContentItem("gone", 1, 1, id=n) for n in set(removes)]
    result = with_changes(plan_data, saved, removed)
    expected = {i.id: i for i in items if i.id not in {r.id for r in removed}}
    expected.update({s.id: s for s in saved})  # saved and removed at once: it stays
    assert {i.id: i for i in result.items} == expected
    assert len(result.items) == len(expected)
    if not shuffled:
        kept = [i.id for i in items if i.id in expected and i.id not in {r.id for r in removed}]
        assert [i.id for i in result.items] == kept + [s.id for s in saved if s.id not in kept]
    touched = {s.id for s in saved} | {r.id for r in removed}
    before = result.derivation.before if result.derivation else ()
    assert sorted(e.id for e in before) == sorted(i.id for i in items if i.id in touched)


@settings(max_examples=150, deadline=None)
@given(
    hours=st.lists(st.one_of(st.none(), st.integers(0, 200)), min_size=1, max_size=25),
    edits=st.lists(
        st.tuples(
            st.sampled_from(["move", "add", "remove"]), st.integers(0, 30), st.integers(0, 200)
        ),
        max_size=8,
    ),
    window=st.tuples(st.integers(-5, 210), st.integers(0, 100)),
)
def test_the_lookups_brought_up_to_date_by_edits_find_what_a_scan_finds(hours, edits, window):
    """``scheduled_between`` bisects a time index, and ``item`` looks in a shared map with
    the changes on top, both brought up to date edit by edit: they must find exactly what
    a scan over all posts finds (in time order)."""
    from datetime import UTC, datetime, timedelta

    from socialplan.core.edits import with_changes
    from socialplan.core.schedule import items_between

    start = datetime(2027, 1, 1, tzinfo=UTC)

    def at(hour: int | None) -> datetime | None:
        return None if hour is None else start + timedelta(hours=hour)

    items = tuple(
        ContentItem(f"p{n}", 1, 1, scheduled_at=at(h), id=n + 1) for n, h in enumerate(hours)
    )
    plan_data = PlanData(plan=Plan(name="P", id=1), items=items)
    plan_data.scheduled_between(start, start)  # the lookups exist before the edits
    plan_data.item(1)
    next_id = len(items) + 1
    for kind, which, hour in edits:
        current = plan_data.items
        if kind == "add" or not current:
            saved, removed = [ContentItem("new", 1, 1, scheduled_at=at(hour), id=next_id)], []
            next_id += 1
        elif kind == "move":
            saved = [dataclasses.replace(current[which % len(current)], scheduled_at=at(hour))]
            removed = []
        else:
            saved, removed = [], [current[which % len(current)]]
        plan_data = with_changes(plan_data, saved, removed)
        begin, length = window
        low, high = at(begin), at(begin + length)
        assert low is not None and high is not None
        scanned = sorted(
            items_between(plan_data.items, low, high), key=lambda i: (i.scheduled_at, i.id)
        )
        assert plan_data.scheduled_between(low, high) == scanned
        by_id = {i.id: i for i in plan_data.items}
        assert all(plan_data.item(n) == by_id.get(n) for n in range(next_id + 1))


# --- the compiled decoder against its own converters, field by field

stored_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.sampled_from(
        [
            "2026-03-01T09:30:00+00:00",
            "2026-03-01T09:30:00Z",
            "2026-03-01T10:30:00+01:00",
            "2026-03-01T09:30:00",
            "2026-03-01",
            "draft",
            "promotion",
        ]
    ),
    st.lists(st.one_of(st.integers(0, 9), st.text(max_size=3)), max_size=3),
)


def _sample_docs() -> dict[type, dict[str, Any]]:
    """A document of each entity type the demo plan holds."""
    from socialplan.core.codec import to_doc

    samples: dict[type, dict[str, Any]] = {Plan: to_doc(DEMO.plan)}
    for entity_type in ENTITY_TYPES:
        entities = () if entity_type is Plan else getattr(DEMO, entity_type.TABLE)
        if entities:
            samples[entity_type] = to_doc(entities[0])
    return samples


SAMPLE_DOCS = _sample_docs()


def decoded_field_by_field(cls: type, doc: dict[str, Any], doc_id: int) -> Any:
    """What the decoder must give: each field's converter on its value, else its default."""
    from socialplan.core.codec import _MISSING, DocumentError, _decoders, _Factory

    values = []
    for name, convert, default in _decoders(cls):
        if name in doc:
            try:
                values.append(convert(doc[name]))
            except (TypeError, ValueError, KeyError, AttributeError, OverflowError):
                raise DocumentError(name, doc[name]) from None
        elif isinstance(default, _Factory):
            values.append(default.make())
        elif default is _MISSING:
            raise DocumentError(name, missing=True)
        else:
            values.append(default)
    return cls(*values, doc_id)


def decoding(decode: Any, entity_type: type, doc: dict[str, Any]) -> Any:
    """The entity ``decode`` makes of ``doc`` as its repr (a time in UTC, not only the same
    instant), or the field it refuses."""
    from socialplan.core.codec import DocumentError

    try:
        return repr(decode(entity_type, doc, 7))
    except DocumentError as error:
        return ("refused", error.field)


def compiled(cls: type, doc: dict[str, Any], doc_id: int) -> Any:
    return decoder(cls, COMPILED_FROM)(doc, doc_id)


def by_field(cls: type, doc: dict[str, Any], doc_id: int) -> Any:
    return decoder(cls, COMPILED_FROM - 1)(doc, doc_id)


DECODERS = (compiled, by_field)
"""The decoder of a large table and the one of a small table."""


@settings(max_examples=300, deadline=None)
@given(
    entity_type=st.sampled_from(ENTITY_TYPES),
    chosen=st.data(),
)
def test_both_decoders_take_and_refuse_what_the_field_converters_do(entity_type, chosen):
    """The compiled decoder takes a plain value as it stands instead of calling its
    converter, the other goes field by field: each must give the very same entity, or
    refuse the very same field."""
    doc = dict(SAMPLE_DOCS.get(entity_type, {}))
    names = [f.name for f in dataclasses.fields(entity_type) if f.name != "id"]
    for name in chosen.draw(st.lists(st.sampled_from(names), max_size=4, unique=True)):
        doc[name] = chosen.draw(stored_values)
    expected = decoding(decoded_field_by_field, entity_type, doc)
    for decode in DECODERS:
        assert decoding(decode, entity_type, doc) == expected, decode.__name__


TRICKY_VALUES = [
    None, True, False, 0, 1, -1, 2**63, 1.5, float("nan"), float("inf"), "", "x", "draft",
    "2026-03-01T09:30:00+00:00", "2026-03-01T09:30:00Z", "2026-03-01T10:30:00+01:00",
    "2026-03-01T09:30:00", "2026-03-01", "not a time", [], [1, 2], ["a"], {},
]  # fmt: skip


def test_every_field_takes_and_refuses_each_tricky_value_as_its_converter_does():
    """Each field of each entity, each value above alone: the field-by-field search of the
    test above, made exhaustive."""
    for entity_type in ENTITY_TYPES:
        names = [f.name for f in dataclasses.fields(entity_type) if f.name != "id"]
        for name in names:
            for value in TRICKY_VALUES:
                doc = {**SAMPLE_DOCS.get(entity_type, {}), name: value}
                expected = decoding(decoded_field_by_field, entity_type, doc)
                for decode in DECODERS:
                    got = decoding(decode, entity_type, doc)
                    assert got == expected, (decode.__name__, entity_type.__name__, name, value)


CHECKED_VALUES = [
    None, "", "one line", "two\nlines", "a\rb", "\n", 0, 1, -1, 10**6, 10**6 + 1, -(10**6) - 1,
    10**12, 10**12 + 1, 0.5, -0.5, 1e15, 1e16, (), ("a",), ("a", "b\nc"), (1, 2),
]  # fmt: skip


def outcome(action: Any, *arguments: Any) -> Any:
    """What ``action(*arguments)`` gives, or the type of what it raises."""
    try:
        return action(*arguments)
    except Exception as error:  # a value of another type: both must raise alike
        return type(error)


def worded_clear(entity: Any) -> bool:
    from socialplan.core.integrity import _checks

    return not any(check(getattr(entity, name)) for name, check in _checks(type(entity)))


def test_the_written_checks_pass_exactly_the_values_the_worded_checks_pass():
    """``_all_clear`` is the checks of an entity type as one expression; each value above
    in each checked field must pass or fail it as the checks themselves do."""
    from socialplan.core.integrity import _all_clear, _checks

    for entity_type in ENTITY_TYPES:
        entities = (DEMO.plan,) if entity_type is Plan else getattr(DEMO, entity_type.TABLE)
        checks = _checks(entity_type)
        for name, _check in checks if entities else ():
            for value in CHECKED_VALUES:
                entity = dataclasses.replace(entities[0], **{name: value})
                worded = outcome(worded_clear, entity)
                written = outcome(_all_clear(entity_type), entity)
                assert written == worded, (entity_type.__name__, name, value)


def test_small_and_large_tables_are_checked_alike(monkeypatch):
    """A table under ``CHECKS_COMPILED_FROM`` is checked check by check, a larger one by
    its written checks first: the same problems either way."""
    from socialplan.core import integrity

    bad = dataclasses.replace(DEMO.items[1], title="two\nlines", channel=-1)
    plan = dataclasses.replace(DEMO, items=(DEMO.items[0], bad, *DEMO.items[2:]))
    found = []
    for threshold in (0, 10**9):
        monkeypatch.setattr(integrity, "CHECKS_COMPILED_FROM", threshold)
        found.append([str(p) for p in integrity.plan_problems(plan)])
    assert found[0] == found[1] and len(found[0]) == 2
