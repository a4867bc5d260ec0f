"""The channel calendar's two widgets, both drawn line by line (line API).

``MonthGrid`` is the month: a row of two lines per week, a day number and a mark per post
in its channel's colour, the week number flagged when a channel is under or over its plan.
``DayList`` lists days with their posts under a header per day; in month mode it shows the
selected day. Neither knows the plan: the screen hands them a ``CalendarPage`` and the
callbacks that turn a day or an item into text, and they answer with ``GoToDay`` when the
user moves to another day.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from socialplan.core.calendar import CalendarPage, DayCell, HourRow
from socialplan.core.frozen import frozen
from socialplan.core.i18n import N_, WEEKDAYS_SHORT, _

from .cursor import CURSOR_BINDINGS, CursorActions
from .line_styles import CachedLineStyles
from .translated import TranslatedBindings

WEEK_COLUMN = 4
LINES_PER_WEEK = 2
DayMarks = Callable[[DayCell, int], Text]
"""Builds the marks line of a day cell of the given width."""


class GoToDay(Message):
    """The user moved the calendar's selection to ``day``."""

    def __init__(self, day: date) -> None:
        super().__init__()
        self.day = day


class WeekGrid(CachedLineStyles, Widget):
    """The week as a time grid: a row per hour, a column per day, a mark per post (the
    day list below names them)."""

    DEFAULT_CSS = """
    WeekGrid {
        height: auto;
    }

    WeekGrid > .week-grid--header {
        color: $text-muted;
        text-style: bold;
    }

    WeekGrid > .week-grid--today {
        color: $accent;
        text-style: bold;
    }
    """

    COMPONENT_CLASSES = {"week-grid--header", "week-grid--today"}
    HOUR_COLUMN = 6

    def __init__(self, marks: DayMarks, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.marks = marks
        self.rows: tuple[HourRow, ...] = ()
        self.today = date.min

    def show(self, rows: tuple[HourRow, ...], today: date) -> None:
        self.rows, self.today = rows, today
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1 + len(self.rows)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if not self.rows or y > len(self.rows):
            return Strip.blank(width, self.line_style())
        cell = max(3, (width - self.HOUR_COLUMN) // 7)
        line = Text(" " * self.HOUR_COLUMN)
        if y == 0:
            for day_cell in self.rows[0].cells:
                name = f"{_(WEEKDAYS_SHORT[day_cell.day.weekday()])} {day_cell.day.day:>2}"
                part = "today" if day_cell.day == self.today else "header"
                line.append(name[: cell - 1].ljust(cell), self.line_style(f"week-grid--{part}"))
            return self.text_strip(line, width, self.line_style())
        row = self.rows[y - 1]
        line = Text(f"{row.hour:02}:00 ", style=self.line_style("week-grid--header"))
        for day_cell in row.cells:
            marks = self.marks(day_cell, cell - 1) if day_cell.items else Text("·", style="dim")
            marks.truncate(cell - 1)
            line.append_text(marks)
            line.append(" " * (cell - marks.cell_len))
        return self.text_strip(line, width, self.line_style())


class MonthGrid(TranslatedBindings, CachedLineStyles, Widget, can_focus=True):
    DEFAULT_CSS = """
    MonthGrid {
        height: auto;
    }

    MonthGrid > .month-grid--header {
        color: $text-muted;
        text-style: bold;
    }

    MonthGrid > .month-grid--other-month {
        color: $text-disabled;
    }

    MonthGrid > .month-grid--today {
        color: $accent;
        text-style: bold reverse;
    }

    MonthGrid > .month-grid--cursor {
        background: $block-cursor-blurred-background;
    }

    MonthGrid:focus > .month-grid--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }

    MonthGrid > .month-grid--flag {
        color: $warning;
        text-style: bold;
    }
    """

    COMPONENT_CLASSES = {
        "month-grid--header",
        "month-grid--other-month",
        "month-grid--today",
        "month-grid--cursor",
        "month-grid--flag",
    }
    BINDINGS = [
        Binding("left,h", "step(-1)", N_("Day before"), show=False),
        Binding("right,l", "step(1)", N_("Day after"), show=False),
        Binding("up,k", "step(-7)", N_("Week before"), show=False),
        Binding("down,j", "step(7)", N_("Week after"), show=False),
        Binding("enter", "open_day", N_("Posts of the day"), show=False),
    ]

    class OpenDay(Message):
        """Enter on a day: the screen moves the focus to that day's posts."""

    def __init__(self, marks: DayMarks, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.marks = marks
        self.page: CalendarPage | None = None
        self.today = date.min

    def show(self, page: CalendarPage, today: date) -> None:
        self.page, self.today = page, today
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1 + LINES_PER_WEEK * len(self.page.weeks if self.page else ())

    def action_step(self, days: int) -> None:
        if self.page is not None:
            self.post_message(GoToDay(self.page.anchor + timedelta(days=days)))

    def action_open_day(self) -> None:
        self.post_message(self.OpenDay())

    def on_click(self, event: events.Click) -> None:
        day = self._day_at(event.x, event.y)
        if day is not None:
            self.post_message(GoToDay(day))

    def _cell_width(self) -> int:
        return max(3, (self.size.width - WEEK_COLUMN) // 7)

    def _day_at(self, x: int, y: int) -> date | None:
        if self.page is None or y < 1 or x < WEEK_COLUMN:
            return None
        week, column = (y - 1) // LINES_PER_WEEK, (x - WEEK_COLUMN) // self._cell_width()
        if week < len(self.page.weeks) and column < 7:
            return self.page.weeks[week].days[column].day
        return None

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.line_style()
        if self.page is None:
            return Strip.blank(width, base)
        cell = self._cell_width()
        if y == 0:
            line = Text(" " * WEEK_COLUMN)
            for name in WEEKDAYS_SHORT:
                line.append(_(name)[: cell - 1].center(cell))
            line.stylize(self.line_style("month-grid--header"))
            return self._strip(line, width)
        week_index, row = divmod(y - 1, LINES_PER_WEEK)
        if week_index >= len(self.page.weeks):
            return Strip.blank(width, base)
        week = self.page.weeks[week_index]
        line = self._week_column(week.number, bool(week.off_plan), row)
        for day in week.days:
            line.append_text(self._day_part(day, row, cell))
        return self._strip(line, width)

    def _week_column(self, number: int, flagged: bool, row: int) -> Text:
        if row == 0:
            return Text(f"{number:>2}  ", style=self.line_style("month-grid--header"))
        return Text(" !  " if flagged else "    ", style=self.line_style("month-grid--flag"))

    def _day_part(self, cell: DayCell, row: int, width: int) -> Text:
        if row == 0:
            text = Text(f"{cell.day.day:>2}", style="bold")
            if cell.day == self.today:
                text.stylize(self.line_style("month-grid--today"))
        else:
            text = self.marks(cell, width - 1)
        text.truncate(width, overflow="crop", pad=True)
        if not cell.in_month:
            text.stylize_before(self.line_style("month-grid--other-month"))
        if self.page is not None and cell.day == self.page.anchor:
            text.stylize_before(self.line_style("month-grid--cursor"))
        return text

    def _strip(self, text: Text, width: int) -> Strip:
        return self.text_strip(text, width, self.line_style())


@frozen
class DayRow:
    """A line of the day list: a day's header (``item`` None) or one of its posts."""

    key: str
    day: date
    item: Any = None
    posts: int = 0
    """On a day's header: how many posts the day has."""


RowText = Callable[[DayRow, bool], Text]
"""Builds a row's text; the flag says whether the row's day is today."""


class DayList(CursorActions, CachedLineStyles, ScrollView, can_focus=True):
    DEFAULT_CSS = """
    DayList {
        height: 1fr;
        overflow-x: hidden;
        border-top: hkey $panel-lighten-1;
    }

    DayList > .day-list--day {
        color: $accent;
        text-style: bold;
    }

    DayList > .day-list--today {
        color: $accent;
        text-style: bold reverse;
    }

    DayList > .day-list--cursor {
        background: $block-cursor-blurred-background;
    }

    DayList:focus > .day-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    """

    COMPONENT_CLASSES = {
        "day-list--day",
        "day-list--today",
        "day-list--cursor",
    }
    BINDINGS = [
        *CURSOR_BINDINGS,
        Binding("left,h", "step_day(-1)", N_("Day before"), show=False),
        Binding("right,l", "step_day(1)", N_("Day after"), show=False),
    ]

    cursor: reactive[int] = reactive(0, init=False)

    class Selected(Message):
        """Enter on a row: an item to open, or a day to add an item to."""

        def __init__(self, day_list: DayList, key: str) -> None:
            super().__init__()
            self.day_list = day_list
            self.key = key

        @property
        def control(self) -> DayList:
            return self.day_list

    def __init__(self, row_text: RowText, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.row_text = row_text
        self.rows: list[DayRow] = []
        self.today = date.min
        self._index: dict[str, int] = {}
        self._cache: dict[int, Text] = {}

    def show(self, days: Sequence[DayCell], today: date) -> None:
        """Show ``days``; the cursor stays on the same row where it still exists."""
        selected = self.selected_key()
        self.today = today
        self.rows = []
        for cell in days:
            self.rows.append(DayRow(f"day-{cell.day.isoformat()}", cell.day, posts=len(cell.items)))
            self.rows.extend(DayRow(str(item.id), cell.day, item) for item in cell.items)
        self._index = {row.key: n for n, row in enumerate(self.rows)}
        self._cache.clear()
        self.virtual_size = Size(0, len(self.rows))
        position = self._index.get(selected or "", min(self.cursor, len(self.rows) - 1))
        self.set_reactive(DayList.cursor, max(0, position))
        self.refresh()

    def row_keys(self) -> Sequence[str]:
        return [row.key for row in self.rows]

    def page_rows(self) -> int:
        return max(1, self.size.height - 1)

    def selected_row(self) -> DayRow | None:
        return self.rows[self.cursor] if self.cursor < len(self.rows) else None

    def select_key(self, key: str) -> bool:
        if key not in self._index:
            return False
        self.cursor = self._index[key]
        return True

    def select_day(self, day: date) -> None:
        """The cursor on the day's first post, or on its header when it has none."""
        header = self._index.get(f"day-{day.isoformat()}")
        if header is None:
            return
        following = header + 1
        has_posts = following < len(self.rows) and self.rows[following].day == day
        self.cursor = following if has_posts else header
        self.call_after_refresh(self.scroll_to, y=header, animate=False)

    def action_step_day(self, days: int) -> None:
        row = self.selected_row()
        if row is not None:
            self.post_message(GoToDay(row.day + timedelta(days=days)))

    def watch_cursor(self) -> None:
        if self.size.height:
            self._scroll_cursor_into_view()
        self.refresh()

    def _scroll_cursor_into_view(self) -> None:
        top = round(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + self.size.height:
            self.scroll_to(y=self.cursor - self.size.height + 1, animate=False)

    def on_click(self, event: events.Click) -> None:
        index = self.scroll_offset.y + event.y
        if 0 <= index < len(self.rows):
            self.cursor = index
            if event.chain == 2:
                self.action_select()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.line_style()
        index = self.scroll_offset.y + y
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        if index not in self._cache:
            self._cache[index] = self.row_text(row, row.day == self.today)
        text = self._cache[index].copy()
        if row.item is None:
            component = "day-list--today" if row.day == self.today else "day-list--day"
            text.stylize_before(self.line_style(component))
        if index == self.cursor:
            text.stylize(self.line_style("day-list--cursor"))
        return self.text_strip(text, width, base)
