"""Phase 4, Schedule: the content plan as a kanban per journey stage, a list, or a channel
calendar (month, week, agenda).

Every view is drawn line by line (line API), so a plan of 10,000 items opens and moves as
fast as the demo. Every key acts on the selected item and posts the edit up to the App,
which saves it and sends the new plan back down.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, cast

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input, Label, Static

from socialplan.core.channel_setup import incomplete_setup
from socialplan.core.cycle import phase_named
from socialplan.core.filtering import ItemFilter, parse_filter
from socialplan.core.i18n import N_, _
from socialplan.core.model import ContentItem
from socialplan.core.plan_data import PlanData
from socialplan.core.schedule import next_posts
from socialplan.core.validation import InvalidInputError
from socialplan.tui.messages import ExportPlan
from socialplan.tui.widgets.kanban import KanbanColumn
from socialplan.tui.widgets.schedule_views import VIEW_OFFERS, BoardView, ScheduleView, Shown, View

from .post_edits import PostEdits
from .schedule_marks import MARK_BINDINGS

if TYPE_CHECKING:
    from socialplan.tui.widgets.calendar import DayList, GoToDay
    from socialplan.tui.widgets.item_list import ItemList
    from socialplan.tui.widgets.schedule_calendar import CalendarView
    from socialplan.tui.widgets.schedule_list import ScheduleList

VIEW_ACTIONS = frozenset().union(*VIEW_OFFERS.values())
"""Actions that work, and are listed, only in the views that offer them."""


class ScheduleScreen(PostEdits):
    PHASE = phase_named("schedule")
    BOARD_COLUMN_WIDTH = 18
    """Columns a journey stage needs on the board beside the full panel."""
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
        *MARK_BINDINGS,
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
        self.views: dict[View, ScheduleView] = {}
        self._shown: Shown | None = None
        """What the view showed last, for the title line."""
        self._composed_for: PlanData | None = None
        """The plan the board was composed with, so mounting does not build it twice."""
        self._filter: Input | None = None
        """The filter field, made when ``/`` first asks for it."""

    @property
    def calendar(self) -> CalendarView:
        return cast("CalendarView", self.views[View.CALENDAR])

    def main_width(self) -> int:
        """Every journey stage's column at a readable width (four stages: 72)."""
        return len(self.plan_data.stages) * self.BOARD_COLUMN_WIDTH

    def compose_main(self) -> ComposeResult:
        yield Label(
            _("Content schedule"), id="schedule-title", classes="section-title", markup=False
        )
        yield Static(id="error-filter", classes="field-error", markup=False)
        plan_data = self._composed_for = self.plan_app.plan_data
        board_view = BoardView(plan_data, id="board")
        upcoming = self._next_post(plan_data)
        # Focused as the screen is composed: the board is then laid out around the next
        # post once, instead of again after the first paint.
        self.AUTO_FOCUS = board_view.column_selector(  # type: ignore[misc]  # read per instance
            str(upcoming.id) if upcoming else None
        )
        self.views = {View.BOARD: board_view}
        yield board_view

    def on_mount(self) -> None:
        super().on_mount()
        self.watch(self.app, "last_saved", self._select_saved, init=False)
        self.current.open_on(self._next_post(self.plan_data))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in VIEW_ACTIONS:
            return action in self.current.OFFERS
        return True

    # Showing the plan

    def show_plan(self, plan_data: PlanData) -> None:
        """Show the plan in the view on screen, filtering it once."""
        if self._composed_for is plan_data:
            self._composed_for = None
            self._show_title(
                Shown(_("Content schedule"), len(plan_data.items), len(plan_data.items))
            )
            return
        self._composed_for = None
        shown = self.current.show_plan(plan_data, self.item_filter, self.today())
        self.keep_marks(plan_data)
        self._show_title(shown)

    def show_title_again(self) -> None:
        if self._shown is not None:
            self._show_title(self._shown)

    def _show_title(self, shown: Shown) -> None:
        self._shown = shown
        title = shown.title
        if self.item_filter.active:
            filter_text = self._filter.value if self._filter else ""
            title = _("{title} · filter {filter_text!r}: {shown} of {total}").format(
                title=title, filter_text=filter_text, shown=shown.shown, total=shown.total
            )
        unfinished = incomplete_setup(self.plan_data)
        flag = _("  ⚠ set-up: {join}").format(join=", ".join(unfinished)) if unfinished else ""
        label = self.query_one("#schedule-title", Label)
        content = Content.assemble(Content(title), (self.marks_line(), "bold"), (flag, "$warning"))
        if label.content != content:
            label.update(content)

    # Selection and focus

    def _next_post(self, plan_data: PlanData) -> ContentItem | None:
        return next(iter(next_posts(plan_data.items, self.now(), 1)), None)

    def _select_saved(self, entity: object) -> None:
        """Put the cursor on the post just saved, in the same frame as the edit itself
        (after a refresh, a card move cost a second frame of both columns)."""
        if isinstance(entity, ContentItem):
            self.current.select_key(str(entity.id))

    def selected_item(self) -> ContentItem | None:
        return self.current.selected_item()

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

    # Views

    async def _made(self, view: View) -> None:
        """The list and the calendar are made, and their modules imported, when first
        asked for: the board's first paint does not wait for them."""
        if view in self.views:
            return
        widget: ScheduleList | CalendarView
        if view is View.LIST:
            from socialplan.tui.widgets.schedule_list import ScheduleList

            widget = ScheduleList(self.plan_data, id="items")
        else:
            from socialplan.tui.widgets.schedule_calendar import CalendarView

            widget = CalendarView(self.plan_data, id="calendar")
        self.views[view] = widget
        await self.query_one("#phase-main").mount(widget)

    async def _switch_to(self, view: View) -> None:
        selected = self.selected_item()
        await self._made(view)
        if view is not self.view:
            self.other_view = self.view
        self.view = view
        for shown, widget in self.views.items():
            widget.display = shown is view
        if selected is not None:
            self.current.follow(selected, self.plan_data.plan.timezone)
        self.show_plan(self.plan_data)
        self.refresh_bindings()
        self.current.focus_view()
        if selected is not None:
            # Now, for the next key (a burst: c then w), and again once laid out, to
            # scroll it into view.
            self.current.select_key(str(selected.id))
            self.call_after_refresh(self.current.select_key, str(selected.id))

    async def action_toggle_list(self) -> None:
        await self._switch_to(View.LIST if self.view is View.BOARD else View.BOARD)

    async def action_toggle_calendar(self) -> None:
        await self._switch_to(self.other_view if self.view is View.CALENDAR else View.CALENDAR)

    def action_calendar_mode(self, mode: str) -> None:
        self._show_title(self.calendar.set_mode(mode))
        self.calendar.focus_view()

    def action_today(self) -> None:
        self._go_to(self.today())

    def action_page(self, step: int) -> None:
        self._show_title(self.calendar.turn_page(step))

    def on_go_to_day(self, message: GoToDay) -> None:
        self._go_to(message.day)

    def _go_to(self, day: date) -> None:
        self._show_title(self.calendar.go_to(day))

    # Filter

    async def action_filter(self) -> None:
        field = await self._filter_field()
        field.display = True
        field.focus()

    async def _filter_field(self) -> Input:
        """The filter field, made the first time it is asked for: the first paint does not
        wait for a field it hides (with its styles, 1% of the start-up)."""
        if self._filter is None:
            self._filter = Input(
                placeholder=_("filter: words channel: kind: status: pillar: owner: stage: cta:"),
                id="filter",
                compact=True,
            )
            await self.mount(self._filter, after="#schedule-title")
        return self._filter

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
        self.show_plan(self.plan_data)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "filter":
            self.current.focus_view()

    def on_key(self, event: events.Key) -> None:
        field = self._filter
        if event.key == "escape" and field is not None and field.has_focus:
            event.stop()
            field.value = ""
            field.display = False
            self.current.focus_view()

    def action_export_calendar(self) -> None:
        self.post_message(ExportPlan("ics"))
