"""Phase 4, Schedule: the content plan as a kanban per journey stage, a list, or a channel
calendar (month, week, agenda).

Every view is drawn line by line (line API), so a plan of 10,000 items opens and moves as
fast as the demo. Every key acts on the selected item and posts the edit up to the App,
which saves it and sends the new plan back down.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from enum import StrEnum

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, Static

from socialplan.core.board import board, moved_ranks
from socialplan.core.calendar import (
    CalendarMode,
    DayCell,
    calendar_page,
    local_day,
    move_to_day,
    shift_page,
)
from socialplan.core.channel_setup import incomplete_setup
from socialplan.core.cycle import phase_named
from socialplan.core.edits import describe
from socialplan.core.filtering import ItemFilter, parse_filter
from socialplan.core.i18n import N_, _
from socialplan.core.model import Channel, ContentItem, PlanData
from socialplan.core.schedule import blank_item, in_time_order, local_time, next_posts
from socialplan.core.series import upcoming_repeats
from socialplan.core.slots import requeue, schedule_in_next_slot
from socialplan.core.validation import InvalidInputError
from socialplan.core.workflow import advance, reject, why_not_rejectable
from socialplan.tui.messages import DeleteEntity, ExportPlan, SaveEntities, SaveEntity
from socialplan.tui.text import when
from socialplan.tui.widgets.calendar import DayList, DayRow, GoToDay, MonthGrid
from socialplan.tui.widgets.item_list import ItemList
from socialplan.tui.widgets.kanban import ColumnView, Kanban, KanbanColumn
from socialplan.tui.widgets.schedule_text import (
    COLUMNS,
    card_text,
    day_marks,
    day_row_text,
    local_moment,
    pace_line,
    row_cells,
)

from .base import PhaseScreen

CONTEXT_ROWS = 2
"""Past posts kept in view above the next one when the list opens."""


class View(StrEnum):
    BOARD = "board"
    LIST = "list"
    CALENDAR = "calendar"


CALENDAR_ACTIONS = {"calendar_mode", "today", "page", "move_day"}
"""Actions that only make sense, and are only listed, in the calendar."""


class ScheduleScreen(PhaseScreen):
    PHASE = phase_named("schedule")
    BINDINGS = [
        Binding("n", "new_item", N_("New item")),
        Binding("e", "edit_item", N_("Edit")),
        Binding("d", "delete_item", N_("Delete"), show=False),
        Binding("v", "toggle_list", N_("Board/list")),
        Binding("c", "toggle_calendar", N_("Calendar")),
        Binding("slash", "filter", N_("Filter"), key_display="/"),
        Binding("m", "calendar_mode('month')", N_("Month")),
        Binding("w", "calendar_mode('week')", N_("Week")),
        Binding("a", "calendar_mode('agenda')", N_("Agenda")),
        Binding("t", "today", N_("Today")),
        Binding(
            "left_square_bracket", "page(-1)", N_("Previous page"), key_display="[", show=False
        ),
        Binding("right_square_bracket", "page(1)", N_("Next page"), key_display="]", show=False),
        Binding("H,shift+left", "move_stage(-1)", N_("Stage left"), show=False),
        Binding("L,shift+right", "move_stage(1)", N_("Stage right"), show=False),
        Binding("K,shift+up", "reorder(-1)", N_("Card up"), show=False),
        Binding("J,shift+down", "reorder(1)", N_("Card down"), show=False),
        Binding("H,shift+left", "move_day(-1)", N_("A day earlier"), show=False),
        Binding("L,shift+right", "move_day(1)", N_("A day later"), show=False),
        Binding("K,shift+up", "move_day(-7)", N_("A week earlier"), show=False),
        Binding("J,shift+down", "move_day(7)", N_("A week later"), show=False),
        Binding("s", "advance_status", N_("Next status"), show=False),
        Binding("r", "reject_review", N_("Reject review"), show=False),
        Binding("f", "next_free_slot", N_("Into next free slot"), show=False),
        Binding("R", "requeue", N_("Re-queue evergreen"), show=False),
        Binding("S", "edit_slots", N_("Posting slots"), show=False),
        Binding(
            "x",
            "export_calendar",
            N_("Export calendar"),
            tooltip=N_("Write the schedule as an .ics file beside the plan (stable event UIDs)"),
            show=False,
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.item_filter = ItemFilter()
        self.view = View.BOARD
        self.other_view = View.LIST
        """The view ``v`` or ``c`` returns to."""
        self.calendar_mode = CalendarMode.MONTH
        self.calendar_day: date | None = None
        """The calendar's selected day; None until the calendar is first shown (today)."""
        self._composed_for: PlanData | None = None
        """The plan the board was composed with, so mounting does not build it twice."""

    def compose_main(self) -> ComposeResult:
        yield Label(
            _("Content schedule"), id="schedule-title", classes="section-title", markup=False
        )
        yield Input(
            placeholder=_("filter: words channel: kind: status: pillar: owner: stage: cta:"),
            id="filter",
            compact=True,
        )
        yield Static(id="error-filter", classes="field-error", markup=False)
        data = self._composed_for = self.plan_app.plan_data
        views = self._board_views(data)
        self.AUTO_FOCUS = self._first_focus(data, views)  # type: ignore[misc]  # read per instance
        yield Kanban(self._card_text, views, id="board")
        yield ItemList(COLUMNS, empty=_("No content yet: press n to add an item"), id="items")
        with Vertical(id="calendar"):
            yield Static(id="calendar-pace", markup=False)
            yield MonthGrid(self._day_marks, id="month")
            yield DayList(self._day_row_text, id="days")

    def on_mount(self) -> None:
        super().on_mount()
        self.watch(self.app, "last_saved", self._select_saved, init=False)
        self._focus_next_post()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in CALENDAR_ACTIONS:
            return self.view is View.CALENDAR
        if action == "move_stage":
            return self.view is not View.CALENDAR
        if action == "reorder":
            return self.view is View.BOARD
        if action == "toggle_list":
            return self.view is not View.CALENDAR
        return True

    # Showing the plan

    def show_plan(self, data: PlanData) -> None:
        """Show the current view, filtering the plan once."""
        if self._composed_for is data:
            self._composed_for = None
            self._show_title(_("Content schedule"), len(data.items), len(data.items))
            return
        self._composed_for = None
        if self.view is View.BOARD:
            views = self._board_views(data)
            self.query_one(Kanban).show_board(views)
            self._show_title(
                _("Content schedule"), sum(len(v.keys) for v in views), len(data.items)
            )
        elif self.view is View.LIST:
            shown = data.items
            if self.item_filter.active:
                shown = tuple(i for i in data.items if self.item_filter.matches(i, data))
            ordered = in_time_order(shown)
            self.query_one("#items", ItemList).show_rows(
                ordered, [str(i.id) for i in ordered], self._cells
            )
            self._show_title(_("Content schedule"), len(ordered), len(data.items))
        else:
            self._show_calendar(data)

    def _board_views(self, data: PlanData) -> list[ColumnView]:
        return [
            ColumnView(
                key=str(column.stage.id),
                header=column.header,
                header_off=not column.ratio.on_target,
                items=column.items,
                keys=[str(i.id) for i in column.items],
            )
            for column in board(data, self.item_filter)
        ]

    def _show_calendar(self, data: PlanData) -> None:
        anchor = self.calendar_day or self.today()
        keep = None
        if self.item_filter.active:
            item_filter = self.item_filter
            keep = lambda item: item_filter.matches(item, data)  # noqa: E731
        page = calendar_page(
            data, self.calendar_mode, anchor, agenda_days=data.plan.window_days, keep=keep
        )
        self.query_one(MonthGrid).display = page.mode is CalendarMode.MONTH
        self.query_one(MonthGrid).show(page, self.today())
        self.query_one(DayList).show(page.days, self.today())
        self.query_one("#calendar-pace", Static).update(pace_line(page.week_of(anchor)))
        shown = sum(len(day.items) for week in page.weeks for day in week.days if day.in_month)
        self._show_title(page.title, shown, shown)

    def _show_title(self, title: str, shown: int, total: int) -> None:
        if self.item_filter.active:
            filter_text = self.query_one("#filter", Input).value
            title = _("{title} · filter {filter_text!r}: {shown} of {total}").format(
                title=title, filter_text=filter_text, shown=shown, total=total
            )
        unfinished = incomplete_setup(self.data)
        flag = _("  ⚠ set-up: {join}").format(join=", ".join(unfinished)) if unfinished else ""
        self.query_one("#schedule-title", Label).update(
            Content.assemble(Content(title), (flag, "$warning"))
        )

    def today(self) -> date:
        return local_time(self.now(), self.data.plan.timezone).date()

    # Drawing items

    def _card_text(self, item: ContentItem) -> list[Text]:
        return card_text(self.data, item)

    def _cells(self, item: ContentItem) -> list[Text]:
        return row_cells(self.data, item)

    def _day_marks(self, cell: DayCell, width: int) -> Text:
        return day_marks(self.data, cell, width)

    def _day_row_text(self, row: DayRow, today: bool) -> Text:
        return day_row_text(self.data, row, today)

    # Selection and focus

    def _first_focus(self, data: PlanData, views: list[ColumnView]) -> str:
        """The board column holding the next post, focused as the screen is composed: the
        board is then laid out around it once, instead of again after the first paint."""
        upcoming = self._next_post(data)
        key = str(upcoming.id) if upcoming else None
        column = next((view.key for view in views if key in view.keys), None)
        return f"#column-{column}" if column else "#board KanbanColumn"

    def _next_post(self, data: PlanData) -> ContentItem | None:
        return next(iter(next_posts(data.items, self.now(), 1)), None)

    def _focus_next_post(self) -> None:
        """Select the first post that is still to come, in the view on screen."""
        upcoming = self._next_post(self.data)
        if self.view is View.BOARD:
            if upcoming is not None:
                self.query_one(Kanban).select_key(str(upcoming.id))
            elif columns := self.query_one(Kanban).columns():
                columns[0].focus()
            return
        item_list = self.query_one("#items", ItemList)
        if upcoming is not None:
            item_list.select_key(str(upcoming.id), context=CONTEXT_ROWS)
        item_list.focus()

    def _select_saved(self, entity: object) -> None:
        if isinstance(entity, ContentItem):
            self.call_after_refresh(self._select, str(entity.id))

    def _select(self, key: str) -> None:
        if self.view is View.BOARD:
            self.query_one(Kanban).select_key(key)
        elif self.view is View.LIST:
            self.query_one("#items", ItemList).select_key(key)
        else:
            self.query_one(DayList).select_key(key)

    def selected_item(self) -> ContentItem | None:
        if self.view is View.BOARD:
            key = self.query_one(Kanban).selected_key()
        elif self.view is View.LIST:
            key = self.query_one("#items", ItemList).selected_key()
        else:
            row = self.query_one(DayList).selected_row()
            return row.item if row is not None else None
        if key is None:
            return None
        return next((i for i in self.data.items if i.id == int(key)), None)

    def on_item_list_selected(self, _event: ItemList.Selected) -> None:
        self.action_edit_item()

    def on_kanban_column_selected(self, _event: KanbanColumn.Selected) -> None:
        self.action_edit_item()

    def on_day_list_selected(self, _event: DayList.Selected) -> None:
        """Enter on a post opens it; on a day, starts a new post that day."""
        if self.selected_item() is not None:
            self.action_edit_item()
        else:
            self.action_new_item()

    def _focus_view(self) -> None:
        if self.view is View.BOARD:
            column = self.query_one(Kanban).current_column()
            if column is not None:
                column.focus()
        elif self.view is View.LIST:
            self.query_one("#items", ItemList).focus()
        elif self.calendar_mode is CalendarMode.MONTH:
            self.query_one(MonthGrid).focus()
        else:
            self.query_one(DayList).focus()

    # Views

    def _switch_to(self, view: View) -> None:
        selected = self.selected_item()
        if view is not self.view:
            self.other_view = self.view
        self.view = view
        self.query_one(Kanban).display = view is View.BOARD
        self.query_one("#items", ItemList).display = view is View.LIST
        self.query_one("#calendar").display = view is View.CALENDAR
        if view is View.CALENDAR and selected is not None:
            self.calendar_day = local_day(selected, self.data.plan.timezone) or self.calendar_day
        self.show_plan(self.data)
        self.refresh_bindings()
        self._focus_view()
        if selected is not None:
            self.call_after_refresh(self._select, str(selected.id))

    def action_toggle_list(self) -> None:
        self._switch_to(View.LIST if self.view is View.BOARD else View.BOARD)

    def action_toggle_calendar(self) -> None:
        if self.view is View.CALENDAR:
            self._switch_to(self.other_view)
        else:
            self._switch_to(View.CALENDAR)

    def action_calendar_mode(self, mode: str) -> None:
        self.calendar_mode = CalendarMode(mode)
        self._go_to(self.calendar_day or self.today())
        self._focus_view()

    def action_today(self) -> None:
        self._go_to(self.today())

    def action_page(self, step: int) -> None:
        anchor = self.calendar_day or self.today()
        self._go_to(shift_page(self.calendar_mode, anchor, step, self.data.plan.window_days))

    def on_go_to_day(self, message: GoToDay) -> None:
        self._go_to(message.day)

    def on_month_grid_open_day(self, _message: MonthGrid.OpenDay) -> None:
        days = self.query_one(DayList)
        days.focus()
        days.select_day(self.calendar_day or self.today())

    def _go_to(self, day: date) -> None:
        """Select ``day``, turning the page when it lies on another one."""
        self.calendar_day = day
        self._show_calendar(self.data)
        self.query_one(DayList).select_day(day)

    # Filter

    def action_filter(self) -> None:
        field = self.query_one("#filter", Input)
        field.display = True
        field.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "filter":
            return
        error = self.query_one("#error-filter", Static)
        try:
            self.item_filter = parse_filter(event.value)
        except InvalidInputError as problem:
            error.update(problem.problem.message)
            error.display = True
            return
        error.display = False
        self.show_plan(self.data)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "filter":
            self._focus_view()

    def on_key(self, event: events.Key) -> None:
        field = self.query_one("#filter", Input)
        if event.key == "escape" and field.has_focus:
            event.stop()
            field.value = ""
            field.display = False
            self._focus_view()

    # Edits

    def action_move_stage(self, step: int) -> None:
        item = self.selected_item()
        if item is None:
            return
        stages = self.data.ordered_stages()
        position = next(n for n, s in enumerate(stages) if s.id == item.stage) + step
        if 0 <= position < len(stages):
            self.post_message(SaveEntity(replace(item, stage=stages[position].id, rank=None)))

    def action_reorder(self, step: int) -> None:
        item = self.selected_item()
        if item is None:
            return
        column = next(c for c in board(self.data, self.item_filter) if c.stage.id == item.stage)
        index = next(n for n, i in enumerate(column.items) if i.id == item.id)
        ranks = moved_ranks(column.items, index, step)
        changed = tuple(replace(i, rank=ranks[i.id]) for i in column.items if i.id in ranks)
        if len(changed) == 1:
            self.post_message(SaveEntity(changed[0]))
        elif changed:
            self.post_message(
                SaveEntities(changed, _("reorder {describe}").format(describe=describe(item)))
            )

    def action_move_day(self, days: int) -> None:
        """Move the selected post to another day at the same time of day."""
        item = self.selected_item()
        if item is None:
            return
        day = local_day(item, self.data.plan.timezone)
        assert day is not None
        target = day + timedelta(days=days)
        self.calendar_day = target
        self.post_message(SaveEntity(move_to_day(item, target, self.data.plan.timezone)))

    def action_advance_status(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        try:
            self.post_message(SaveEntity(advance(item)))
        except InvalidInputError as problem:
            self.notify(problem.problem.message, severity="warning")

    def action_reject_review(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        from .comment import CommentScreen

        def rejected(comment: str | None) -> None:
            if comment is None:
                return
            try:
                self.post_message(SaveEntity(reject(item, comment), base=item))
            except InvalidInputError as problem:
                self.notify(problem.problem.message, severity="warning")

        if (reason := why_not_rejectable(item)) is not None:
            self.notify(reason, severity="warning")
            return
        self.app.push_screen(
            CommentScreen(_("Send '{title}' back to draft: why?").format(title=item.title)),
            rejected,
        )

    def action_next_free_slot(self) -> None:
        self._save_derived(schedule_in_next_slot)

    def action_requeue(self) -> None:
        again = self._save_derived(requeue)
        if again is not None:
            self.notify(
                _("Re-queued '{title}' for {when}.").format(
                    title=again.title, when=when(local_moment(self.data, again))
                )
            )

    def _save_derived(
        self, derive: Callable[[PlanData, ContentItem, datetime], ContentItem]
    ) -> ContentItem | None:
        """Save what ``derive`` makes of the selected item; its refusal becomes a warning."""
        item = self.selected_item()
        if item is None:
            return None
        try:
            derived = derive(self.data, item, self.now())
        except InvalidInputError as problem:
            self.notify(problem.problem.message, severity="warning")
            return None
        self._follow(derived)
        self.post_message(SaveEntity(derived))
        return derived

    def _follow(self, item: ContentItem) -> None:
        """Let the calendar turn to the day an edit moves the item to."""
        if self.view is View.CALENDAR:
            self.calendar_day = local_day(item, self.data.plan.timezone) or self.calendar_day

    def action_export_calendar(self) -> None:
        self.post_message(ExportPlan("ics"))

    def action_edit_slots(self) -> None:
        if not self.data.channels:
            self.notify(_("Choose a channel in the Strategy phase first."), severity="warning")
            return
        item = self.selected_item()
        channel = next((c for c in self.data.channels if item and c.id == item.channel), None)
        from .slots_form import SlotsForm

        def saved(result: Channel | None) -> None:
            if result is not None:
                self.post_message(SaveEntity(result, base=channel))

        self.app.push_screen(
            SlotsForm(channel or self.data.channels[0], self.data, self.now()), saved
        )

    def action_new_item(self) -> None:
        if not self.data.channels:
            self.notify(_("Choose a channel in the Strategy phase first."), severity="warning")
            return
        item = blank_item(self.data, self.now())
        if self.view is View.CALENDAR:
            item = move_to_day(item, self.calendar_day or self.today(), self.data.plan.timezone)
        self._open_form(item)

    def action_edit_item(self) -> None:
        item = self.selected_item()
        if item is not None:
            self._open_form(item)

    def action_delete_item(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        from .confirm import ConfirmScreen

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.post_message(DeleteEntity(item))

        repeats = len(upcoming_repeats(item, self.data, self.now()))
        also = _(" and its {repeats} upcoming repeats").format(repeats=repeats) if repeats else ""
        self.app.push_screen(
            ConfirmScreen(
                _("Delete '{title}'{also}?").format(title=item.title, also=also),
                _("This cannot be undone."),
            ),
            confirmed,
        )

    def _open_form(self, item: ContentItem) -> None:
        """Open the item form; imported here so start-up does not pay for form widgets."""
        from .item_form import ItemForm

        def saved(result: ContentItem | None) -> None:
            if result is not None:
                self._follow(result)
                self.post_message(SaveEntity(result, base=item))

        self.app.push_screen(ItemForm(item, self.data), saved)
