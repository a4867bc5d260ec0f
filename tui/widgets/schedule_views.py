"""The Schedule's three views, board, list and calendar, behind one small protocol.

The screen shows the plan in whichever view is on screen, asks it for the selected item
and tells it what to select, without knowing which view it is. Each view lists the
screen actions it offers (``OFFERS``), so the Footer shows only the keys that work.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from typing import Any, ClassVar, Protocol, overload

from rich.text import Text

from socialplan.core.board import BoardColumn, BoardOfPlan
from socialplan.core.filtering import ItemFilter
from socialplan.core.frozen import frozen
from socialplan.core.i18n import _
from socialplan.core.model import ContentItem
from socialplan.core.plan_data import PlanData

from .kanban import ColumnView, Kanban
from .schedule_text import card_text

MARKING = frozenset({"mark", "mark_range", "mark_all"})
"""The marking keys: board and list only."""


class View(StrEnum):
    """The Schedule's views, by name."""

    BOARD = "board"
    LIST = "list"
    CALENDAR = "calendar"


VIEW_OFFERS = {
    View.BOARD: frozenset({"move_stage", "reorder", "toggle_list", *MARKING}),
    View.LIST: frozenset({"move_stage", "toggle_list", *MARKING}),
    View.CALENDAR: frozenset({"calendar_mode", "today", "page", "move_day"}),
}
"""The screen actions each view offers, known before the list and the calendar are made
(they are imported when first shown)."""


@frozen
class Shown:
    """What a view shows: its title, and how many items of how many pass the filter."""

    title: str
    shown: int
    total: int


class ScheduleView(Protocol):
    """What the Schedule screen asks of each of its views."""

    OFFERS: ClassVar[frozenset[str]]
    """The screen actions that work in this view."""
    display: bool

    def show_plan(self, plan_data: PlanData, item_filter: ItemFilter, today: date) -> Shown:
        """Show the items of ``plan_data`` that pass ``item_filter``."""

    def selected_item(self) -> ContentItem | None: ...

    def select_key(self, key: str) -> None: ...

    def focus_view(self) -> None: ...

    def open_on(self, item: ContentItem | None) -> None:
        """Select ``item`` (the next post) and take the focus as the screen opens."""

    def follow(self, item: ContentItem, timezone: str) -> None:
        """An item was chosen or moved: turn to where it now is."""

    def place_new(self, item: ContentItem, timezone: str) -> ContentItem:
        """A new item as this view starts it."""

    def show_marks(self, marked: frozenset[int]) -> None:
        """Show which items are marked for a batch edit."""

    def nearby_keys(self) -> Sequence[str]:
        """The keys around the cursor in the order shown: its column, or the list."""

    def shown_keys(self) -> Sequence[str]:
        """The keys of every item shown."""


def find_item(plan_data: PlanData, key: str | None) -> ContentItem | None:
    if key is None:
        return None
    return plan_data.item(int(key))


class CardKeys(Sequence[str]):
    """The keys of a column's cards, made as they are asked for: a card move builds a
    column anew, and listing 2,500 keys each time cost more than the move."""

    __slots__ = ("_items",)

    def __init__(self, items: Sequence[ContentItem]) -> None:
        self._items = items

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [str(item.id) for item in self._items[index]]
        return str(self._items[index].id)

    def __len__(self) -> int:
        return len(self._items)


def column_view(column: BoardColumn, plan_data: PlanData) -> ColumnView:
    def position(key: str) -> int | None:
        item = find_item(plan_data, key)
        return column.index_of(item) if item is not None else None

    return ColumnView(
        key=str(column.stage.id),
        header=column.header,
        header_off=not column.ratio.on_target,
        items=column.items,
        keys=CardKeys(column.items),
        index_of=position,
        context=(plan_data.channels, plan_data.plan.timezone),
    )


class BoardColumns:
    """The board's column views of the plan shown last: those of columns an edit left as
    they were are the very same views, so the board does not compare or redraw them."""

    def __init__(self) -> None:
        self._board = BoardOfPlan()
        self._views: dict[int, tuple[BoardColumn, ColumnView]] = {}

    def of(self, plan_data: PlanData, item_filter: ItemFilter) -> list[ColumnView]:
        views = {}
        for column in self._board.of(plan_data, item_filter):
            earlier = self._views.get(column.stage.id)
            if earlier is not None and earlier[0] is column:
                views[column.stage.id] = earlier
            else:
                views[column.stage.id] = (column, column_view(column, plan_data))
        self._views = views
        return [view for _column, view in views.values()]

    def column(self, stage_id: int) -> BoardColumn | None:
        """The column of a stage as the board shows it now (filtered, in order)."""
        shown = self._views.get(stage_id)
        return shown[0] if shown else None


class Unmoved:
    """Board and list stay where they are when an item moves, and start items as made,
    and they show marks (the calendar marks nothing)."""

    marked: frozenset[int] = frozenset()

    def follow(self, item: ContentItem, timezone: str) -> None:
        del item, timezone

    def place_new(self, item: ContentItem, timezone: str) -> ContentItem:
        del timezone
        return item


class BoardView(Unmoved, Kanban):
    """A column per journey stage, composed with the plan so it is laid out once."""

    OFFERS: ClassVar[frozenset[str]] = VIEW_OFFERS[View.BOARD]

    def __init__(self, plan_data: PlanData, **kwargs: Any) -> None:
        self.plan_data = plan_data
        self.board_columns = BoardColumns()
        self.initial_columns = self.board_columns.of(plan_data, ItemFilter())
        super().__init__(self._card, self.initial_columns, **kwargs)

    def _card(self, item: ContentItem) -> list[Text]:
        return card_text(self.plan_data, item, item.id in self.marked)

    def show_marks(self, marked: frozenset[int]) -> None:
        if marked == self.marked:
            return  # every edit passes its marks on: redrawing for none was a frame of all
        self.marked = marked
        for column in self.columns():
            column.redraw()

    def nearby_keys(self) -> Sequence[str]:
        column = self.current_column()
        return column.row_keys() if column is not None else ()

    def shown_keys(self) -> Sequence[str]:
        return [key for column in self.columns() for key in column.row_keys()]

    def column_selector(self, key: str | None) -> str:
        """The selector of the composed column that holds ``key``, else of the first."""
        shown = next((c for c in self.initial_columns if key and c.index_of(key) is not None), None)
        column = shown.key if shown else None
        return f"#column-{column}" if column else "#board KanbanColumn"

    def show_plan(self, plan_data: PlanData, item_filter: ItemFilter, today: date) -> Shown:
        self.plan_data = plan_data
        columns = self.board_columns.of(plan_data, item_filter)
        self.show_board(columns)
        return Shown(_("Content schedule"), sum(len(c.keys) for c in columns), len(plan_data.items))

    def selected_item(self) -> ContentItem | None:
        return find_item(self.plan_data, self.selected_key())

    def focus_view(self) -> None:
        if (column := self.current_column()) is not None:
            column.focus()

    def open_on(self, item: ContentItem | None) -> None:
        if item is not None:
            self.select_key(str(item.id))
        elif columns := self.columns():
            columns[0].focus()
