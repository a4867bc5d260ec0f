"""Dates as analytics exports write them: ``11/16/2026``, ``16-11-2026``, ``2026-11-16
07:30 +0000``, ``Mon, Nov 16, 2026``, ``16 nov. 2026``, read by python-dateutil.

Whether ``03/04/2026`` is the 3rd of April or the 4th of March is the file's, not ours, to
say: ``date_order`` looks at all of a column's dates for one whose first or second number
cannot be a month. Only when none shows it does the layout's own order decide (the one
its platform writes in the header's language).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from enum import Enum
from functools import lru_cache
from typing import Any

from dateutil import parser

from .i18n import _

NUMERIC = re.compile(r"\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})(?!\d)")
YEAR_FIRST = re.compile(r"\s*\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2}(?!\d)")
"""``2026-11-09``: always year, month, day (dateutil's ``dayfirst`` would swap them)."""


class DateOrder(Enum):
    DAY_FIRST = "day-first"
    MONTH_FIRST = "month-first"


class DateError(ValueError):
    """Not a date, or a column whose dates contradict each other's order."""

    def __init__(self, message: str, examples: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.examples = examples
        """The dates that contradict each other, as written."""


class _Months(parser.parserinfo):
    """English and Dutch month and day names (Dutch exports write ``16 nov. 2026``)."""

    MONTHS: Any = [  # the stub says pairs; parserinfo takes any number of names
        (*english, *dutch)
        for english, dutch in zip(
            parser.parserinfo.MONTHS,
            [
                ("jan", "januari"),
                ("feb", "februari"),
                ("mrt", "maart"),
                ("apr", "april"),
                ("mei",),
                ("jun", "juni"),
                ("jul", "juli"),
                ("aug", "augustus"),
                ("sep", "september"),
                ("okt", "oktober"),
                ("nov", "november"),
                ("dec", "december"),
            ],
            strict=True,
        )
    ]
    WEEKDAYS: Any = [
        (*english, *dutch)
        for english, dutch in zip(
            parser.parserinfo.WEEKDAYS,
            [
                ("ma", "maandag"),
                ("di", "dinsdag"),
                ("wo", "woensdag"),
                ("do", "donderdag"),
                ("vr", "vrijdag"),
                ("za", "zaterdag"),
                ("zo", "zondag"),
            ],
            strict=True,
        )
    ]


MONTHS = _Months()


def _shape(text: str) -> str:
    """How a date is written: ``11/09/2026`` and ``13/11/2026`` alike, ``13-11-2026`` not."""
    return re.sub(r"\d+", lambda digits: "9" * len(digits[0]), text.strip())[:10]


def date_order(texts: Iterable[str], default: DateOrder) -> DateOrder:
    """The order a column's numeric dates are written in: shown by a date whose first
    number is over 12 (day-first) or whose second is (month-first), else ``default``.

    A column whose numeric dates are written in more than one way (``11/09/2026`` and
    ``13-11-2026``), or that shows both orders, is refused, naming a date of each: no
    order read from one kind can be trusted for the other."""
    day_first = month_first = first_seen = ""
    for text in texts:
        found = NUMERIC.match(text)
        if found is None:
            continue
        if not first_seen:
            first_seen = text.strip()
        elif _shape(text) != _shape(first_seen):
            raise DateError(
                _("the dates are written in two ways, '{one}' and '{other}'").format(
                    one=first_seen, other=text.strip()
                ),
                (first_seen, text.strip()),
            )
        first, second = int(found[1]), int(found[2])
        if first > 12 and not day_first:
            day_first = text.strip()
        elif second > 12 and not month_first:
            month_first = text.strip()
    if day_first and month_first:
        raise DateError(
            _("the dates mix day-first ('{day_first}') and month-first ('{month_first}')").format(
                day_first=day_first, month_first=month_first
            ),
            (day_first, month_first),
        )
    if day_first:
        return DateOrder.DAY_FIRST
    return DateOrder.MONTH_FIRST if month_first else default


def read_date(cell: str | date | None, order: DateOrder) -> date:
    """The day a cell names (its time and zone dropped: results count per day)."""
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    return _read_text(cell or "", order)


@lru_cache(maxsize=4096)
def _read_text(cell: str, order: DateOrder) -> date:
    """An export repeats its days: each text is parsed once (dateutil takes 0.1 ms)."""
    text = cell.strip()
    if not text or len(text) > 60:
        raise DateError(_("'{text}' is not a date").format(text=text[:40]))
    try:
        if YEAR_FIRST.match(text):
            return parser.parse(text, MONTHS, yearfirst=True, dayfirst=False).date()
        return parser.parse(text, MONTHS, dayfirst=order is DateOrder.DAY_FIRST).date()
    except (ValueError, OverflowError):
        raise DateError(_("'{text}' is not a date").format(text=text)) from None
