"""The Schedule's channel calendar: month grid, week hours and day list (made when first
shown)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from socialplan.core.calendar import (
    CalendarMode,
    CalendarPage,
    DayCell,
    calendar_page,
    shift_page,
    week_hours,
)
from socialplan.core.filtering import ItemFilter
from socialplan.core.model import ContentItem
from socialplan.core.plan_data import PlanData
from socialplan.core.schedule import local_day, move_to_day

from .calendar import DayList, DayRow, MonthGrid, WeekGrid
from .schedule_text import day_marks, day_row_text, pace_line
from .schedule_views import VIEW_OFFERS, Shown, View


def _posts_on(page: CalendarPage) -> int:
    return sum(len(day.items) for week in page.weeks for day in week.days if day.in_month)


class CalendarView(Vertical):
    """The channel calendar: the week's pace, a month grid (month mode) and the day list.

    It keeps its own page: the mode and the selected day, which is None until the user
    moves, so that the calendar opens on today."""

    OFFERS: ClassVar[frozenset[str]] = VIEW_OFFERS[View.CALENDAR]
    DEFAULT_CSS = """
    CalendarView {
        height: 1fr;
    }

    CalendarView > #calendar-pace {
        height: 1;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, plan_data: PlanData, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.plan_data = plan_data
        self.item_filter = ItemFilter()
        self.mode = CalendarMode.MONTH
        self.day: date | None = None
        self.today = date.min

    def compose(self) -> ComposeResult:
        yield Static(id="calendar-pace", markup=False)
        yield MonthGrid(self._day_marks, id="month")
        yield WeekGrid(self._day_marks, id="week-grid")
        yield DayList(self._day_row_text, id="days")

    def _day_marks(self, cell: DayCell, width: int) -> Text:
        return day_marks(self.plan_data, cell, width)

    def _day_row_text(self, row: DayRow, today: bool) -> Text:
        return day_row_text(self.plan_data, row, today)

    @property
    def selected_day(self) -> date:
        return self.day or self.today

    def show_plan(self, plan_data: PlanData, item_filter: ItemFilter, today: date) -> Shown:
        self.plan_data, self.item_filter, self.today = plan_data, item_filter, today
        return self._show_page()

    def _show_page(self) -> Shown:
        plan_data, item_filter = self.plan_data, self.item_filter
        keep = (lambda item: item_filter.matches(item, plan_data)) if item_filter.active else None
        page = calendar_page(
            plan_data,
            self.mode,
            self.selected_day,
            agenda_days=plan_data.plan.window_days,
            keep=keep,
        )
        grid = self.query_one(MonthGrid)
        grid.display = page.mode is CalendarMode.MONTH
        grid.show(page, self.today)
        hours = self.query_one(WeekGrid)
        hours.display = page.mode is CalendarMode.WEEK
        if hours.display:
            hours.show(week_hours(page.days, plan_data.plan.timezone), self.today)
        self.query_one(DayList).show(page.days, self.today)
        self.query_one("#calendar-pace", Static).update(pace_line(page.week_of(self.selected_day)))
        total = shown = _posts_on(page)
        if keep is not None:
            everything = calendar_page(
                plan_data, self.mode, self.selected_day, agenda_days=plan_data.plan.window_days
            )
            total = _posts_on(everything)
        return Shown(page.title, shown, total)

    def selected_item(self) -> ContentItem | None:
        row = self.query_one(DayList).selected_row()
        return row.item if row is not None else None

    def select_key(self, key: str) -> None:
        self.query_one(DayList).select_key(key)

    def show_marks(self, marked: frozenset[int]) -> None:
        """Marks are made and shown on the board and the list (``MARKING``)."""
        del marked

    def nearby_keys(self) -> Sequence[str]:
        return ()

    def shown_keys(self) -> Sequence[str]:
        return ()

    def focus_view(self) -> None:
        if self.mode is CalendarMode.MONTH:
            self.query_one(MonthGrid).focus()
        else:
            self.query_one(DayList).focus()

    def open_on(self, item: ContentItem | None) -> None:
        if item is not None:
            self.select_key(str(item.id))
        self.focus_view()

    def follow(self, item: ContentItem, timezone: str) -> None:
        self.day = local_day(item, timezone) or self.day

    def place_new(self, item: ContentItem, timezone: str) -> ContentItem:
        return move_to_day(item, self.selected_day, timezone)

    def set_mode(self, mode: str) -> Shown:
        """Month, week or agenda (a ``CalendarMode`` value), the selected post still
        selected."""
        self.mode = CalendarMode(mode)
        selected = self.selected_item()
        return self.go_to(self.selected_day, keep=str(selected.id) if selected else None)

    def turn_page(self, step: int) -> Shown:
        return self.go_to(
            shift_page(self.mode, self.selected_day, step, self.plan_data.plan.window_days)
        )

    def go_to(self, day: date, keep: str | None = None) -> Shown:
        """Select ``day``, turning the page when it lies on another one, and on it the
        post ``keep`` where it is shown, else the day's first post."""
        self.day = day
        shown = self._show_page()
        days = self.query_one(DayList)
        days.select_day(day)
        if keep is not None:
            days.select_key(keep)
        return shown

    def on_month_grid_open_day(self, message: MonthGrid.OpenDay) -> None:
        message.stop()
        days = self.query_one(DayList)
        days.focus()
        days.select_day(self.selected_day)
