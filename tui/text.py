"""Turning user text and figures into safe display text.

User text is always wrapped in ``rich.text.Text``: a title like ``[bold]`` is shown as
typed, never interpreted as markup.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from rich.text import Text

from socialplan.core.i18n import _, format_date
from socialplan.core.numbers import format_number
from socialplan.core.validation import clean_text

if TYPE_CHECKING:
    from socialplan.core.summaries import GoalStatus

GOAL_STATUS_STYLE = {
    "met": "bold green",
    "on track": "green",
    "behind": "bold dark_orange",
    "missed": "bold red",
    "not measured": "dim",
}
"""By ``GoalStatus`` value: the board's cards use this module, and the goal summaries
(3 ms to import) are not needed before the Measure screen."""


def goal_status(status: GoalStatus) -> Text:
    """A goal's status in words, coloured by how it stands."""
    return plain(status.label, GOAL_STATUS_STYLE[status.value])


def plain(value: object, style: str = "") -> Text:
    """User text for display: control characters removed, markup left literal."""
    return Text(clean_text(str(value)) if value is not None else "", style=style)


def one_line(value: str, limit: int = 80, style: str = "") -> Text:
    """User text on one line, at most ``limit`` characters."""
    flat = " ".join(clean_text(value, multiline=True).split())
    return Text(flat if len(flat) <= limit else flat[: limit - 1] + "…", style=style)


def when(moment: datetime | None) -> str:
    return format_date(moment, "%a %d %b %H:%M") if moment else _("unscheduled")


def day(value: date | None) -> str:
    return value.isoformat() if value else "-"


def number(value: float | None, suffix: str = "", digits: int | None = 1) -> str:
    """A figure, or an en dash where there is no data (a zero denominator)."""
    if value is None:
        return "–"
    return format_number(value, digits) + suffix


def tick(done: bool) -> str:
    return "✓" if done else "·"


CHANNEL_COLOURS = ("#3b8eea", "#e5a50a", "#2ec27e", "#c061cb", "#f66151", "#33c7de", "#b5835a")
"""One colour per channel, in the plan's channel order; readable on dark and light themes."""


def channel_colour(position: int) -> str:
    return CHANNEL_COLOURS[position % len(CHANNEL_COLOURS)] if position >= 0 else "dim"
