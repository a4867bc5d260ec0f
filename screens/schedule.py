"""Phase 4, Schedule: the content plan as a kanban per journey stage, or as a list.

The board and the list are virtualised (line API), so a plan of 10,000 items opens and
moves as fast as the demo. Every key acts on the selected card and posts the edit up to
the App, which saves it and sends the new plan back down.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Label, Static

from socialplan.core.board import board, rank_after_move
from socialplan.core.cycle import phase_named
from socialplan.core.filtering import ItemFilter, parse_filter
from socialplan.core.model import ContentItem, Kind, PlanData
from socialplan.core.schedule import blank_item, in_time_order, local_time, next_posts
from socialplan.core.validation import MAX_TITLE, InvalidInputError
from socialplan.core.workflow import advance, reject, why_not_rejectable
from socialplan.tui.messages import DeleteEntity, SaveEntity
from socialplan.tui.text import one_line, plain, when
from socialplan.tui.widgets.item_list import Column, ItemList
from socialplan.tui.widgets.kanban import ColumnView, Kanban, KanbanColumn

from .base import PhaseScreen

PROMOTION_STYLE = "bold #ff5f87"
"""Truecolour: this pink reads well on the dark and light themes alike."""
CONTEXT_ROWS = 2
"""Past posts kept in view above the next one when the list opens."""
COLUMNS = (
    Column("When", 16),
    Column("Channel", 9, drop_order=1),
    Column("Title", 10, flexible=True),
    Column("Kind", 7, drop_order=3),
    Column("CTA", 3, drop_order=2),
    Column("Status", 9, drop_order=4),
    Column("Stage", 6, drop_order=5),
)
"""At 80x24 with the panel open, When, Channel and Title remain; promotions stay visible
because their titles carry the promotion style too."""


class ScheduleScreen(PhaseScreen):
    PHASE = phase_named("schedule")
    BINDINGS = [
        Binding("n", "new_item", "New item"),
        Binding("e", "edit_item", "Edit"),
        Binding("d", "delete_item", "Delete"),
        Binding("v", "toggle_view", "Board/list"),
        Binding("slash", "filter", "Filter", key_display="/"),
        Binding("H,shift+left", "move_stage(-1)", "Stage left", show=False),
        Binding("L,shift+right", "move_stage(1)", "Stage right", show=False),
        Binding("K,shift+up", "reorder(-1)", "Card up", show=False),
        Binding("J,shift+down", "reorder(1)", "Card down", show=False),
        Binding("s", "advance_status", "Next status", show=False),
        Binding("r", "reject_review", "Reject review", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.item_filter = ItemFilter()
        self.board_mode = True

    def compose_main(self) -> ComposeResult:
        yield Label("Content schedule", id="schedule-title", classes="section-title")
        yield Input(
            placeholder="filter: words channel: kind: status: pillar: owner: stage: cta:",
            id="filter",
            compact=True,
        )
        yield Static(id="error-filter", classes="field-error")
        data = self.plan_app.plan_data
        yield Kanban(self._card_text, self._board_views(data) if data else (), id="board")
        yield ItemList(COLUMNS, empty="No content yet: press n to add an item", id="items")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#filter", Input).display = False
        self.query_one("#items", ItemList).display = False
        self.watch(self.app, "last_saved", self._select_saved, init=False)
        self.call_after_refresh(self._focus_next_post)

    def show_plan(self, data: PlanData) -> None:
        """Show the board or the list, each filtering the plan once."""
        if self.board_mode:
            views = self._board_views(data)
            self.query_one(Kanban).show_board(views)
            self._show_title(sum(len(v.keys) for v in views), len(data.items))
            return
        shown = data.items
        if self.item_filter.active:
            shown = [i for i in data.items if self.item_filter.matches(i, data)]
        ordered = in_time_order(shown)
        self.query_one("#items", ItemList).show_rows(
            ordered, [str(i.id) for i in ordered], self._cells
        )
        self._show_title(len(ordered), len(data.items))

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

    def _show_title(self, shown: int, total: int) -> None:
        title = "Content schedule"
        if self.item_filter.active:
            filter_text = self.query_one("#filter", Input).value
            title = f"Content schedule · filter {filter_text!r}: {shown} of {total}"
        self.query_one("#schedule-title", Label).update(Text(title))

    def _local_moment(self, item: ContentItem) -> datetime | None:
        assert self.data is not None
        if item.scheduled_at is None:
            return None
        return local_time(item.scheduled_at, self.data.plan.timezone)

    def _card_text(self, item: ContentItem) -> list[Text]:
        assert self.data is not None
        data = self.data
        promotion = item.kind is Kind.PROMOTION
        moment = self._local_moment(item)
        marks = [item.status.label]
        if item.cta:
            marks.append("CTA")
        if promotion:
            marks.append("PROMO")
        if item.review_comment:
            marks.append("✎ " + item.review_comment)
        day_and_time = moment.strftime("%d %b %H:%M") if moment else "unscheduled"
        meta = Text(f"{day_and_time} ").append_text(plain(data.channel_name(item.channel)))
        return [
            one_line(item.title, MAX_TITLE, style="bold " + (PROMOTION_STYLE if promotion else "")),
            meta,
            Text(" · ".join(marks), style=PROMOTION_STYLE if promotion else "dim"),
        ]

    def _cells(self, item: ContentItem) -> list[Text]:
        assert self.data is not None
        data = self.data
        promotion = item.kind is Kind.PROMOTION
        moment = self._local_moment(item)
        return [
            Text(when(moment)),
            plain(data.channel_name(item.channel)),
            one_line(item.title, MAX_TITLE, style=PROMOTION_STYLE if promotion else ""),
            Text("PROMO", style=PROMOTION_STYLE) if promotion else Text("content"),
            Text("CTA" if item.cta else ""),
            Text(item.status.label),
            plain(data.stage_name(item.stage)),
        ]

    def _focus_next_post(self) -> None:
        """Select the first post that is still to come, in the view on screen."""
        if self.data is None:
            return
        upcoming = next(iter(next_posts(self.data.items, self.now(), 1)), None)
        if self.board_mode:
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
        if self.board_mode:
            self.query_one(Kanban).select_key(key)
        else:
            self.query_one("#items", ItemList).select_key(key)

    def selected_item(self) -> ContentItem | None:
        if self.data is None:
            return None
        if self.board_mode:
            key = self.query_one(Kanban).selected_key()
        else:
            key = self.query_one("#items", ItemList).selected_key()
        if key is None:
            return None
        return next((i for i in self.data.items if i.id == int(key)), None)

    def on_item_list_selected(self, _event: ItemList.Selected) -> None:
        self.action_edit_item()

    def on_kanban_column_selected(self, _event: KanbanColumn.Selected) -> None:
        self.action_edit_item()

    def action_toggle_view(self) -> None:
        selected = self.selected_item()
        self.board_mode = not self.board_mode
        self.query_one(Kanban).display = self.board_mode
        self.query_one("#items", ItemList).display = not self.board_mode
        if self.data is not None:
            self.show_plan(self.data)
        if selected is not None:
            self.call_after_refresh(self._select, str(selected.id))
        if not self.board_mode:
            self.query_one("#items", ItemList).focus()

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
        if self.data is not None:
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

    def _focus_view(self) -> None:
        if self.board_mode:
            column = self.query_one(Kanban).current_column()
            if column is not None:
                column.focus()
        else:
            self.query_one("#items", ItemList).focus()

    def action_move_stage(self, step: int) -> None:
        item = self.selected_item()
        if item is None or self.data is None:
            return
        stages = self.data.ordered_stages()
        position = next(n for n, s in enumerate(stages) if s.id == item.stage) + step
        if 0 <= position < len(stages):
            self.post_message(SaveEntity(replace(item, stage=stages[position].id, rank=None)))

    def action_reorder(self, step: int) -> None:
        item = self.selected_item()
        if item is None or self.data is None or not self.board_mode:
            return
        column = next(c for c in board(self.data, self.item_filter) if c.stage.id == item.stage)
        index = next(n for n, i in enumerate(column.items) if i.id == item.id)
        rank = rank_after_move(column.items, index, step)
        if rank is not None:
            self.post_message(SaveEntity(replace(item, rank=rank)))

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
                self.post_message(SaveEntity(reject(item, comment)))
            except InvalidInputError as problem:
                self.notify(problem.problem.message, severity="warning")

        if (reason := why_not_rejectable(item)) is not None:
            self.notify(reason, severity="warning")
            return
        self.app.push_screen(CommentScreen(f"Send '{item.title}' back to draft: why?"), rejected)

    def action_new_item(self) -> None:
        if self.data is None:
            return
        if not self.data.channels:
            self.notify("Choose a channel in the Strategy phase first.", severity="warning")
            return
        self._open_form(blank_item(self.data, self.now()))

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

        self.app.push_screen(
            ConfirmScreen(f"Delete '{item.title}'?", "This cannot be undone."), confirmed
        )

    def _open_form(self, item: ContentItem) -> None:
        """Open the item form; imported here so start-up does not pay for form widgets."""
        from .item_form import ItemForm

        assert self.data is not None

        def saved(result: ContentItem | None) -> None:
            if result is not None:
                self.post_message(SaveEntity(result))

        self.app.push_screen(ItemForm(item, self.data), saved)
