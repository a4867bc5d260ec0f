"""Recurrence rules: posting slots per channel and repeating content items.

A rule is written the way a planner says it, ``tue thu 09:00 until 2027-06-30``, or as an
RFC 5545 RRULE (``FREQ=WEEKLY;BYDAY=TU,TH;BYHOUR=9;BYMINUTE=0``). Several rules join with
``+`` (``tue thu 09:00 + fri 16:30``). The plan stores the RRULE form, one rule per line,
so an ics export can hand it on unchanged; the app shows the spoken form, which parses back
to the same rules.

Times are wall-clock times in the plan's zone: a Tuesday 09:00 slot stays at 09:00 across
a daylight-saving change. A slot in the hour skipped in spring moves to the same moment
after the change (02:30 becomes 03:30), as the clock on the wall does. Expansion uses
python-dateutil's ``rrule``.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime, time
from enum import StrEnum
from zoneinfo import ZoneInfo

from .frozen import frozen
from .i18n import N_, _, language
from .recurrence_words import DAY_WORDS, FROM_DUTCH, SPOKEN_IN_DUTCH, WEEKDAYS
from .validation import InvalidInputError, clean_text

RFC_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_FILLER = {"and", "on", "at", "&", "the", "of"}
MAX_RULES = 8
FIELD = "repeat"


class Freq(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"

    @property
    def unit(self) -> str:
        return {"daily": "days", "weekly": "weeks", "monthly": "months"}[self.value]


_UNIT_WORDS = {
    "day": Freq.DAILY,
    "days": Freq.DAILY,
    "week": Freq.WEEKLY,
    "weeks": Freq.WEEKLY,
    "month": Freq.MONTHLY,
    "months": Freq.MONTHLY,
}


@frozen
class Recurrence:
    """One rule. ``times`` empty means "at the start's own time of day"."""

    freq: Freq
    interval: int = 1
    weekdays: tuple[int, ...] = ()
    monthdays: tuple[int, ...] = ()
    """Days of the month, 1-31, or -1 for the last day."""
    times: tuple[tuple[int, int], ...] = ()
    until: date | None = None
    count: int | None = None

    @property
    def ends(self) -> bool:
        return self.until is not None or self.count is not None

    def rrule_text(self) -> str:
        parts = [f"FREQ={self.freq.name}"]
        if self.interval != 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.weekdays:
            parts.append("BYDAY=" + ",".join(RFC_DAYS[d] for d in self.weekdays))
        if self.monthdays:
            parts.append("BYMONTHDAY=" + ",".join(str(d) for d in self.monthdays))
        if self.times:
            hours, minutes = _hours_and_minutes(self.times)
            parts.append("BYHOUR=" + ",".join(str(h) for h in hours))
            parts.append("BYMINUTE=" + ",".join(str(m) for m in minutes))
        if self.until is not None:
            parts.append(f"UNTIL={self.until:%Y%m%d}T235959")
        if self.count is not None:
            parts.append(f"COUNT={self.count}")
        return ";".join(parts)

    def describe(self) -> str:
        """The spoken form; ``parse_rules`` reads it back to this same rule."""
        if self.interval == 1:
            words = [self.freq.value]
        else:
            words = ["every", str(self.interval), self.freq.unit]
        words += [WEEKDAYS[d] for d in self.weekdays]
        words += ["last day" if d == -1 else f"day {d}" for d in self.monthdays]
        words += [f"{h:02d}:{m:02d}" for h, m in self.times]
        if self.until is not None:
            words.append(f"until {self.until.isoformat()}")
        if self.count is not None:
            words.append(f"count {self.count}")
        spoken = " ".join(words)
        if language() == "nl":
            return " ".join(SPOKEN_IN_DUTCH.get(word, word) for word in spoken.split())
        return spoken

    def per_week(self) -> float:
        """Average occurrences a week (for comparing slots with the planned frequency)."""
        times = max(1, len(self.times))
        if self.freq is Freq.DAILY:
            return 7 * times / self.interval
        if self.freq is Freq.WEEKLY:
            return max(1, len(self.weekdays)) * times / self.interval
        return max(1, len(self.monthdays)) * times * 12 / 52 / self.interval


def describe_rules(rules: Sequence[Recurrence]) -> str:
    return " + ".join(rule.describe() for rule in rules)


def rules_text(rules: Sequence[Recurrence]) -> str:
    """The stored form: one RRULE per line."""
    return "\n".join(rule.rrule_text() for rule in rules)


def parse_rules(
    text: str, *, field: str = FIELD, with_times: bool | None = True
) -> tuple[Recurrence, ...]:
    """Rules from spoken or RRULE text; empty text means no rule.

    ``with_times`` True is for posting slots, which need a time of day; False for repeating
    items, which keep their own; None accepts both (for reading what is stored).
    """
    text = clean_text(text.replace("\n", " + "))
    if not text:
        return ()
    pieces = [p.strip() for p in text.split("+")]
    if any(not p for p in pieces):
        raise InvalidInputError(field, _("there is an empty rule around a '+'"))
    if len(pieces) > MAX_RULES:
        raise InvalidInputError(
            field, _("at most {MAX_RULES} rules joined with '+'").format(MAX_RULES=MAX_RULES)
        )
    rules = tuple(_parse_one(piece, field) for piece in pieces)
    for rule in rules:
        if with_times is True and not rule.times:
            raise InvalidInputError(field, _("give each rule a time of day, like 09:00"))
        if with_times is False and rule.times:
            raise InvalidInputError(
                field, _("a repeat keeps the item's own time: leave out the time of day")
            )
    return rules


def stored_rules(text: str) -> tuple[Recurrence, ...]:
    """Rules as stored in the plan (assumed valid; a damaged rule reads as none)."""
    try:
        return parse_rules(text, with_times=None)
    except InvalidInputError:
        return ()


def _parse_one(text: str, field: str) -> Recurrence:
    upper = text.upper()
    if upper.startswith(("RRULE:", "FREQ=")):
        return _parse_rrule(upper.removeprefix("RRULE:"), field)
    return _parse_spoken(text.casefold(), field)


def _parse_spoken(text: str, field: str) -> Recurrence:
    words = (FROM_DUTCH.get(t, t) for t in re.split(r"[\s,]+", text))
    tokens = [t for t in words if t and t not in _FILLER]
    freq: Freq | None = None
    interval = 1
    weekdays: set[int] = set()
    monthdays: set[int] = set()
    times: set[tuple[int, int]] = set()
    until: date | None = None
    count: int | None = None
    position = 0

    def take_next(what: str) -> str:
        nonlocal position
        position += 1
        if position >= len(tokens):
            raise InvalidInputError(
                field,
                _("'{tokens}' needs {what} after it").format(
                    tokens=tokens[position - 1], what=what
                ),
            )
        return tokens[position]

    while position < len(tokens):
        token = tokens[position]
        if token in ("daily", "weekly", "monthly"):
            freq = Freq(token)
        elif token == "every":
            following = take_next(_("a number or day, week, month"))
            if following == "other":
                interval, following = 2, take_next(_("day, week or month"))
            elif following.isdigit():
                interval, following = _positive(following, field, "every"), take_next(_("a unit"))
            if following in _UNIT_WORDS:
                freq = _UNIT_WORDS[following]
            elif following in DAY_WORDS:
                weekdays.add(DAY_WORDS[following])
            else:
                raise InvalidInputError(
                    field,
                    _("every ... what? '{following}' is not a unit").format(following=following),
                )
        elif token in DAY_WORDS:
            weekdays.add(DAY_WORDS[token])
        elif token in ("weekdays", "workdays"):
            weekdays.update(range(5))
        elif token == "weekends":
            weekdays.update((5, 6))
        elif token in ("day", "days") or token == "last":
            monthdays.add(_month_day(token, take_next, field))
        elif match := _TIME.match(token):
            times.add((int(match[1]), int(match[2])))
        elif token == "until":
            until = _date(take_next(_("a date (YYYY-MM-DD)")), field)
        elif token in ("count", "for"):
            count = _positive(take_next(_("a number")), field, token)
            if position + 1 < len(tokens) and tokens[position + 1] in ("times", "posts"):
                position += 1
        elif token.isdigit() and position + 1 < len(tokens) and tokens[position + 1] == "times":
            count = _positive(token, field, "times")
            position += 1
        elif token.isdigit():
            raise InvalidInputError(
                field, _("'{token}': write a time of day as 09:00").format(token=token)
            )
        else:
            raise InvalidInputError(
                field,
                _("'{token}' is not understood; {example}").format(
                    token=token, example=_(_EXAMPLE)
                ),
            )
        position += 1
    if freq is None:
        if monthdays:
            freq = Freq.MONTHLY
        elif weekdays:
            freq = Freq.WEEKLY
        else:
            raise InvalidInputError(
                field, _("say how often; {example}").format(example=_(_EXAMPLE))
            )
    return _checked(
        Recurrence(
            freq,
            interval,
            tuple(sorted(weekdays)),
            tuple(sorted(monthdays, key=lambda d: (d < 0, d))),
            tuple(sorted(times)),
            until,
            count,
        ),
        field,
    )


_EXAMPLE = N_("try 'tue thu 09:00', 'weekly until 2027-06-30', 'monthly day 1 count 6'")


def _month_day(token: str, take_next: Callable[[str], str], field: str) -> int:
    if token == "last":
        if take_next(_("'day'")) not in ("day", "days"):
            raise InvalidInputError(field, _("say 'last day' for the last day of the month"))
        return -1
    value = take_next(_("a day of the month (1-31 or last)"))
    if value == "last":
        return -1
    day = _positive(value, field, "day")
    if day > 31:
        raise InvalidInputError(field, _("a day of the month is 1 to 31, or 'last'"))
    return day


def _parse_rrule(text: str, field: str) -> Recurrence:
    try:
        values = dict(part.split("=", 1) for part in text.split(";") if part)
    except ValueError:
        raise InvalidInputError(
            field, _("'{text}' is not an RRULE (KEY=VALUE;...)").format(text=text)
        ) from None
    unknown = set(values) - {"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYHOUR", "BYMINUTE"}
    unknown -= {"BYSECOND", "UNTIL", "COUNT", "WKST"}
    if unknown:
        raise InvalidInputError(
            field, _("RRULE parts not supported: {join}").format(join=", ".join(sorted(unknown)))
        )
    try:
        freq = Freq(values.get("FREQ", "").lower())
        weekdays = tuple(sorted(RFC_DAYS.index(d) for d in _split(values, "BYDAY")))
        hours = [int(v) for v in _split(values, "BYHOUR")]
        minutes = [int(v) for v in _split(values, "BYMINUTE")] or ([0] if hours else [])
        rule = Recurrence(
            freq,
            int(values.get("INTERVAL", "1")),
            weekdays,
            tuple(int(v) for v in _split(values, "BYMONTHDAY")),
            tuple(sorted((h, m) for h in hours for m in minutes)),
            _rrule_until(values["UNTIL"]) if "UNTIL" in values else None,
            int(values["COUNT"]) if "COUNT" in values else None,
        )
    except (ValueError, KeyError):
        raise InvalidInputError(
            field, _("only FREQ=DAILY, WEEKLY or MONTHLY with BYDAY like TU, numbers elsewhere")
        ) from None
    if any(not (0 <= h < 24) for h in hours) or any(not (0 <= m < 60) for m in minutes):
        raise InvalidInputError(field, _("BYHOUR is 0-23 and BYMINUTE 0-59"))
    if any(d == 0 or not (-1 <= d <= 31) for d in rule.monthdays):
        raise InvalidInputError(field, _("BYMONTHDAY is 1 to 31, or -1 for the last day"))
    return _checked(rule, field)


def _split(values: dict[str, str], key: str) -> list[str]:
    return [v for v in values.get(key, "").split(",") if v]


def _rrule_until(value: str) -> date:
    return datetime.strptime(value[:8], "%Y%m%d").date()


def _checked(rule: Recurrence, field: str) -> Recurrence:
    if rule.until is not None and rule.count is not None:
        raise InvalidInputError(field, _("give an end date or a count, not both"))
    if rule.interval < 1 or rule.interval > 52:
        raise InvalidInputError(field, _("the interval is 1 to 52"))
    if rule.count is not None and not 1 <= rule.count <= 1000:
        raise InvalidInputError(field, _("the count is 1 to 1000"))
    if rule.monthdays and rule.freq is not Freq.MONTHLY:
        raise InvalidInputError(field, _("days of the month need 'monthly'"))
    if rule.times:
        try:
            _hours_and_minutes(rule.times)
        except ValueError as error:
            raise InvalidInputError(field, str(error)) from None
    return rule


def _hours_and_minutes(times: tuple[tuple[int, int], ...]) -> tuple[list[int], list[int]]:
    """BYHOUR and BYMINUTE combine every hour with every minute, so the times of one rule
    must be such a grid (09:00 and 17:00 yes; 09:00 and 17:30 need two rules)."""
    hours = sorted({h for h, _ in times})
    minutes = sorted({m for _, m in times})
    if len(hours) * len(minutes) != len(times):
        raise ValueError(_("times with different minutes need separate rules: '09:00 + 17:30'"))
    return hours, minutes


def _positive(text: str, field: str, after: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise InvalidInputError(
            field, _("'{after}' needs a whole number of at least 1").format(after=after)
        )
    return int(text)


def _date(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInputError(
            field, _("'{text}' is not a date; write YYYY-MM-DD").format(text=text)
        ) from None


def occurrences(rules: Sequence[Recurrence], start: datetime, timezone: str) -> Iterator[datetime]:
    """Every occurrence in UTC, in time order, starting with ``start`` (an aware datetime;
    its wall-clock time is the default time of day). Infinite for rules without an end."""
    zone = ZoneInfo(timezone)
    local_start = start.astimezone(zone).replace(tzinfo=None)
    streams = [_expand(rule, local_start, zone) for rule in rules]
    previous = None
    for moment in heapq.merge(*streams):
        if moment != previous:
            yield moment
        previous = moment


def _expand(rule: Recurrence, local_start: datetime, zone: ZoneInfo) -> Iterator[datetime]:
    from dateutil import rrule as du  # here: the first screen expands no rule (3 ms)

    hours, minutes = _hours_and_minutes(rule.times) if rule.times else (None, None)
    until = datetime.combine(rule.until, time(23, 59, 59)) if rule.until else None
    frequency = {Freq.DAILY: du.DAILY, Freq.WEEKLY: du.WEEKLY, Freq.MONTHLY: du.MONTHLY}[rule.freq]
    expansion = du.rrule(
        frequency,  # type: ignore[arg-type]  # dateutil's stub: a Literal
        dtstart=local_start,
        interval=rule.interval,
        byweekday=rule.weekdays or None,
        bymonthday=rule.monthdays or None,
        byhour=hours,
        byminute=minutes,
        bysecond=0 if rule.times else None,
        until=until,
        count=rule.count,
        cache=False,
    )
    return (local.replace(tzinfo=zone).astimezone(UTC) for local in expansion)
