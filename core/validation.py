"""Validation and parsing of user input, with messages a user can act on.

Functions here never raise for bad input: they return a list of ``Problem`` (field and
message), empty when the value is fine. Parsing helpers raise ``InvalidInputError`` carrying
the same kind of message.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .frozen import frozen
from .i18n import _
from .model import ContentItem, Goal, Plan
from .numbers import format_number
from .plan_data import PlanData

MAX_TITLE = 200
MAX_TEXT = 20_000
MAX_BUDGET = 1e12
MAX_WEEK_HOURS = 10_000
"""Team hours, summed over people, so more than the 168 of one person's week."""
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters other than tab and newline (C0, DEL and C1, which includes CSI)."""
_INVISIBLE = re.compile("[\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
"""Bidi overrides and isolates, marks and invisible zero-width characters: shown, they
reorder or hide text and shift table columns ("Trojan Source"). The zero-width joiner
and non-joiner stay: emoji sequences and several scripts need them."""
_LINE_BREAKS = re.compile(r"[\t\r\n]+")
_DATETIME_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d")


@frozen
class Problem:
    """What is wrong with the value of one field."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class InvalidInputError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.problem = Problem(field, message)


def clean_text(text: str, *, multiline: bool = False) -> str:
    """Remove control characters, so no terminal escape sequence can act, and bidi
    overrides and invisible characters, so no text is reordered or hidden.

    A single-line value has its tabs and line breaks turned into spaces; a multi-line one
    keeps newlines and tabs.
    """
    text = _INVISIBLE.sub("", text)
    if multiline:
        text = text.replace("\r\n", "\n")
        return "\n".join(_CONTROL.sub("", line) for line in text.split("\n")).strip()
    return _CONTROL.sub("", _LINE_BREAKS.sub(" ", text)).strip()


def without_controls(text: str) -> str:
    """``text`` as it is, but for control characters (newlines and tabs stay)."""
    return _CONTROL.sub("", text)


def parse_when(text: str, timezone: str) -> datetime | None:
    """Parse ``YYYY-MM-DD HH:MM`` (or a date alone, meaning 09:00) in the plan's zone.

    Returned in UTC, like every stored time; screens convert to the plan's zone to show it.
    """
    text = text.strip()
    if not text:
        return None
    for fmt in _DATETIME_FORMATS:
        try:
            naive = datetime.strptime(text, fmt)
        except ValueError:
            continue
        if fmt == "%Y-%m-%d":
            naive = naive.replace(hour=9)
        return naive.replace(tzinfo=ZoneInfo(timezone)).astimezone(UTC)
    raise InvalidInputError(
        "scheduled", _("'{text}' is not a date and time; use YYYY-MM-DD HH:MM").format(text=text)
    )


def parse_date(text: str, field: str = "date") -> date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInputError(
            field, _("'{text}' is not a date; use YYYY-MM-DD").format(text=text)
        ) from None


def validate_item(item: ContentItem, plan_data: PlanData) -> list[Problem]:
    problems = _text_problems("title", item.title, required=True)
    problems += _text_problems("body", item.body, limit=MAX_TEXT, multiline=True)
    if not any(c.id == item.channel for c in plan_data.channels):
        problems.append(Problem("channel", _("choose one of the plan's channels")))
    if not any(s.id == item.stage for s in plan_data.stages):
        problems.append(Problem("stage", _("choose one of the plan's journey stages")))
    if item.pillar is not None and not any(p.id == item.pillar for p in plan_data.pillars):
        problems.append(Problem("pillar", _("choose one of the plan's content pillars")))
    if item.scheduled_at is not None and item.scheduled_at.tzinfo is None:
        problems.append(Problem("scheduled", _("a scheduled time needs a time zone")))
    return problems


def validate_goal(goal: Goal) -> list[Problem]:
    """A goal must be SMART: measurable (KPI and target) and time-bound (deadline)."""
    problems = _text_problems("title", goal.title, required=True)
    if not goal.kpi.strip():
        problems.append(Problem("kpi", _("name the KPI that measures this goal")))
    if goal.target is None:
        problems.append(Problem("target", _("a SMART goal needs a measurable target value")))
    if goal.deadline is None:
        problems.append(Problem("deadline", _("a SMART goal needs a deadline")))
    return problems


def validate_plan(plan: Plan) -> list[Problem]:
    return _text_problems("name", plan.name, required=True) + validate_plan_settings(plan)


def validate_plan_settings(plan: Plan) -> list[Problem]:
    """The plan's settings: ratio, window, iteration length, CTA share, budget, hours and
    time zone."""
    problems = []
    for side in ("ratio_content", "ratio_promotion"):
        if getattr(plan, side) < 1:
            problems.append(Problem(side, _("both sides of the ratio must be at least 1")))
    if not 1 <= plan.window_days <= 366:
        problems.append(Problem("window_days", _("the window must be 1 to 366 days")))
    if not (len(plan.currency) == 3 and plan.currency.isascii() and plan.currency.isupper()):
        problems.append(
            Problem("currency", _("a currency is a three-letter code such as EUR or USD"))
        )
    if not 1 <= plan.iteration_days <= 366:
        problems.append(Problem("iteration_days", _("an iteration lasts 1 to 366 days")))
    if not 0 <= plan.min_cta_percent <= 100:
        problems.append(Problem("min_cta_percent", _("a percentage is 0 to 100")))
    if plan.budget is not None and not 0 <= plan.budget <= MAX_BUDGET:
        problems.append(
            Problem(
                "budget",
                _("a budget is 0 to {MAX_BUDGET}").format(MAX_BUDGET=format_number(MAX_BUDGET, 0)),
            )
        )
    if plan.hours_per_week is not None and not 0 <= plan.hours_per_week <= MAX_WEEK_HOURS:
        problems.append(
            Problem(
                "hours_per_week",
                _("team hours per week are 0 to {MAX_WEEK_HOURS}").format(
                    MAX_WEEK_HOURS=format_number(MAX_WEEK_HOURS)
                ),
            )
        )
    if not is_known_timezone(plan.timezone):
        problems.append(
            Problem("timezone", _("unknown time zone '{timezone}'").format(timezone=plan.timezone))
        )
    return problems


def is_known_timezone(name: str) -> bool:
    """Whether `name` opens as a time zone.

    A name longer than the file system allows makes zoneinfo raise OSError
    rather than ZoneInfoNotFoundError, so every failure counts as unknown.
    """
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def _text_problems(
    field: str,
    value: str,
    *,
    required: bool = False,
    limit: int = MAX_TITLE,
    multiline: bool = False,
) -> list[Problem]:
    if required and not value.strip():
        return [Problem(field, _("must not be empty"))]
    if len(value) > limit:
        return [
            Problem(
                field,
                _("at most {limit} characters (this has {count})").format(
                    limit=limit, count=len(value)
                ),
            )
        ]
    if clean_text(value, multiline=multiline) != value.strip():
        breaks = "" if multiline else _(" or line breaks")
        return [Problem(field, _("contains control characters{breaks}").format(breaks=breaks))]
    return []
