"""Whether a decoded plan's values can be used: the check every plan passes on its way in.

Types are checked while decoding (``codec``); this checks values: numbers in range, a
time zone that exists, names and links on one line (a line break in a link broke the
calendar export), the plan's settings as the settings form checks them. A file, an
import, a backup or a reload that fails is refused as a whole, naming the entry.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any, Protocol

from .codec import field_types
from .frozen import frozen
from .i18n import _
from .model import ENTITY_TYPES, Plan
from .numbers import format_number
from .plan_data import PlanData
from .validation import MAX_BUDGET, validate_plan_settings

MAX_COUNT = 10**12
"""The largest count or id a plan holds: far beyond any real figure, far below overflow."""
MAX_ORDER = 10**6
SINGLE_LINE = frozenset(
    {"name", "title", "link", "url", "media_url", "handle", "owner", "uid", "timezone"}
    | {"kpi", "unit", "source", "post_ref", "department"}
)
"""Text fields that are one line wherever they are shown or exported."""
SIGNED = frozenset({"order", "rank", "target", "figure"})
"""Numbers that may be below zero."""
COUNTED_FROM_ONE = frozenset({"current_iteration", "number"})


@frozen
class IntegrityProblem:
    """A stored entry that breaks a rule of the plan (a dangling id, a bad value)."""

    table: str
    entry: int
    field: str
    message: str

    def __str__(self) -> str:
        return _("{table} entry {entry}, field '{field}': {message}").format(
            table=self.table, entry=self.entry, field=self.field, message=self.message
        )


def first_problem(plan_data: PlanData) -> IntegrityProblem | None:
    """The first value in ``plan_data`` that no form of socialplan would have stored."""
    return next(plan_problems(plan_data), None)


def plan_problems(plan_data: PlanData) -> Iterator[IntegrityProblem]:
    for problem in validate_plan_settings(plan_data.plan):
        yield IntegrityProblem(Plan.TABLE, plan_data.plan.id, problem.field, problem.message)
    for entity_type in ENTITY_TYPES:
        entities = (
            (plan_data.plan,) if entity_type is Plan else getattr(plan_data, entity_type.TABLE)
        )
        if len(entities) < CHECKS_COMPILED_FROM:
            for entity in entities:
                yield from _entity_problems(entity)
            continue
        clear = _all_clear(entity_type)
        for entity in entities:
            if not clear(entity):
                yield from _entity_problems(entity)


CHECKS_COMPILED_FROM = 100
"""A table of this many entities or more is checked by a test compiled for its type
(``_all_clear``); fewer, check by check. Compiling ContentItem's takes 0.35 ms and saves
2.8 µs an entity (Channel's: 0.2 ms, 2.3 µs): it pays from about 100 entities."""


def entity_problem(entity: Any) -> IntegrityProblem | None:
    """The first value of one entity that no form would have stored (for entries read
    one by one, as another session's changes are)."""
    if isinstance(entity, Plan):
        for problem in validate_plan_settings(entity):
            return IntegrityProblem(Plan.TABLE, entity.id, problem.field, problem.message)
    return next(_entity_problems(entity), None)


def _entity_problems(entity: Any) -> Iterator[IntegrityProblem]:
    entity_type: type = type(entity)
    for name, check in _checks(entity_type):
        message = check(getattr(entity, name))
        if message:
            yield IntegrityProblem(entity.TABLE, entity.id, name, message)


class Check(Protocol):
    """A value check: ``check(value)`` says what is wrong, None when nothing is;
    ``fails(value)`` is the same test as a Python expression, without the words."""

    def __call__(self, value: Any, /) -> str | None: ...

    def fails(self, value: str, /) -> str: ...


@cache
def _checks(entity_type: type) -> tuple[tuple[str, Check], ...]:
    """The value checks of each field that needs one, chosen once per entity type."""
    hints = field_types(entity_type)
    found = []
    for field in dataclasses.fields(entity_type):
        check = _check_for(field.name, hints[field.name])
        if check is not None:
            found.append((field.name, check))
    return tuple(found)


@cache
def _all_clear(entity_type: type) -> Callable[[Any], bool]:
    """Whether no check of ``entity_type`` fails, as one expression written for it: a plan
    of 100,000 items is checked in a fifth of the time of a call per field and entity,
    and the words are looked for only where something failed."""
    failing = [check.fails(f"entity.{name}") for name, check in _checks(entity_type)]
    source = f"def all_clear(entity):\n    return not ({' or '.join(failing) or 'False'})\n"
    namespace: dict[str, Any] = {}
    exec(compile(source, f"<checks of {entity_type.__name__}>", "exec"), namespace)
    all_clear: Callable[[Any], bool] = namespace["all_clear"]
    return all_clear


def _check_for(name: str, hint: Any) -> Check | None:
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    base = args[0] if typing.get_origin(hint) is not tuple and args else hint
    if typing.get_origin(hint) is tuple:
        inner = _check_for(name, typing.get_args(hint)[0])
        return None if inner is None else Each(inner)
    if base is str:
        return OneLine() if name in SINGLE_LINE else None
    if base is int and name in SIGNED:
        return InRange(-MAX_ORDER, MAX_ORDER)
    if base is int:
        return InRange(1 if name in COUNTED_FROM_ONE else 0, MAX_COUNT)
    if base is float:
        return None if name in SIGNED else InRange(0, MAX_BUDGET)
    return None


class Each:
    """The check of a tuple's values."""

    def __init__(self, inner: Check) -> None:
        self.inner = inner

    def __call__(self, values: Any) -> str | None:
        for value in values:
            message = self.inner(value)
            if message:
                return message
        return None

    def fails(self, value: str) -> str:
        return f"any({self.inner.fails('one')} for one in {value})"


class OneLine:
    def __call__(self, value: str | None) -> str | None:
        if value and ("\n" in value or "\r" in value):
            return _("must be one line")
        return None

    def fails(self, value: str) -> str:
        return f"({value} and ('\\n' in {value} or '\\r' in {value}))"


class InRange:
    def __init__(self, low: float, high: float) -> None:
        self.low = low
        self.high = high

    def __call__(self, value: float | None) -> str | None:
        if value is None or self.low <= value <= self.high:
            return None
        return _("{value} is out of range ({low} to {high})").format(
            value=value, low=format_number(self.low), high=format_number(self.high)
        )

    def fails(self, value: str) -> str:
        return f"({value} is not None and not ({self.low!r} <= {value} <= {self.high!r}))"
