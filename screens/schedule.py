"""Phase 4, Schedule: the content plan, every post with its channel, stage and kind."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Label

from socialplan.core.cycle import phase_named
from socialplan.core.model import ContentItem, Kind, PlanData
from socialplan.core.schedule import blank_item, local_time
from socialplan.core.validation import MAX_TITLE
from socialplan.tui.messages import DeleteEntity, SaveEntity
from socialplan.tui.text import one_line, plain, when
from socialplan.tui.widgets.item_list import Column, ItemList

from .base import PhaseScreen

PROMOTION_STYLE = "bold #ff5f87"
"""A 256-colour name: the 16 ANSI colours are passed through and lose the row background."""
CONTEXT_ROWS = 2
"""Past posts kept in view above the next one when the schedule opens."""
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
    ]

    def compose_main(self) -> ComposeResult:
        yield Label("Content schedule", classes="section-title")
        yield ItemList(COLUMNS, empty="No content yet: press n to add an item", id="items")

    def on_mount(self) -> None:
        super().on_mount()
        self.watch(self.app, "last_saved", self._select_saved, init=False)
        self.call_after_refresh(self._focus_next_post)

    def _select_saved(self, entity: object) -> None:
        if isinstance(entity, ContentItem):
            table = self.query_one("#items", ItemList)
            self.call_after_refresh(table.select_key, str(entity.id))

    def show_plan(self, data: PlanData) -> None:
        zone = data.plan.timezone
        self.query_one("#items", ItemList).show_rows(
            (str(item.id), self._cells(item, data, zone)) for item in _by_time(data.items)
        )

    def _cells(self, item: ContentItem, data: PlanData, zone: str) -> list[Text]:
        promotion = item.kind is Kind.PROMOTION
        moment = local_time(item.scheduled_at, zone) if item.scheduled_at else None
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
        """Put the cursor on the first post that is still to come."""
        if self.data is None:
            return
        table = self.query_one("#items", ItemList)
        now = self.now()
        upcoming = next(
            (i for i in _by_time(self.data.items) if i.scheduled_at and i.scheduled_at >= now),
            None,
        )
        if upcoming is not None:
            table.select_key(str(upcoming.id), context=CONTEXT_ROWS)
        table.focus()

    def selected_item(self) -> ContentItem | None:
        key = self.query_one("#items", ItemList).selected_key()
        if key is None or self.data is None:
            return None
        return next((i for i in self.data.items if i.id == int(key)), None)

    def on_item_list_selected(self, _event: ItemList.Selected) -> None:
        self.action_edit_item()

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


def _by_time(items: tuple[ContentItem, ...]) -> list[ContentItem]:
    """Scheduled items by time, then unscheduled ones."""
    return sorted(
        items,
        key=lambda i: (
            i.scheduled_at is None,
            i.scheduled_at.timestamp() if i.scheduled_at else 0.0,
            i.id,
        ),
    )
