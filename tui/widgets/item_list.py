"""A virtualised list of rows with a cursor, built on Textual's line API.

Only the lines on screen are rendered, so a list of 10,000 rows opens and scrolls as fast
as one of ten. The first line is a sticky header. Columns that do not fit the width are
dropped in a set order instead of scrolling sideways, so at 80x24 the important ones stay.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from socialplan.core.frozen import frozen
from socialplan.core.i18n import _

from .cursor import CURSOR_BINDINGS, CursorActions
from .line_styles import CachedLineStyles

GAP = 2


@frozen
class Column:
    title: str
    width: int
    """Cells are cut or padded to this width; for the flexible column, its minimum."""
    flexible: bool = False
    """The one column that takes the width the others leave."""
    drop_order: int = 0
    """Columns that do not fit are dropped, highest first; 0 is never dropped."""


Cells = Callable[[Any], Sequence[Text]]
"""Builds a row's cells (one per column) from the item it shows."""


class ItemList(CursorActions, CachedLineStyles, ScrollView, can_focus=True):
    DEFAULT_CSS = """
    ItemList {
        height: 1fr;
        overflow-x: hidden;
    }

    ItemList > .item-list--header {
        text-style: bold;
        color: $accent;
    }

    ItemList > .item-list--cursor {
        background: $block-cursor-blurred-background;
    }

    ItemList:focus > .item-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }

    ItemList > .item-list--empty {
        text-style: italic;
        color: $text-muted;
    }
    """

    COMPONENT_CLASSES = {"item-list--header", "item-list--cursor", "item-list--empty"}
    BINDINGS = list(CURSOR_BINDINGS)

    cursor: reactive[int] = reactive(0, init=False)

    class Selected(Message):
        """Enter was pressed on a row."""

        def __init__(self, item_list: ItemList, key: str) -> None:
            super().__init__()
            self.item_list = item_list
            self.key = key

        @property
        def control(self) -> ItemList:
            return self.item_list

    def __init__(
        self,
        columns: Sequence[Column],
        *,
        empty: str,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.columns = tuple(columns)
        self.empty = empty
        self._items: Sequence[Any] = ()
        self._keys: list[str] = []
        self._cells: Cells = lambda _item: ()
        self._cache: dict[int, Sequence[Text]] = {}
        self._index: dict[str, int] = {}
        self._column_plan: tuple[int, list[int | None]] | None = None

    @property
    def row_count(self) -> int:
        return len(self._keys)

    def redraw(self) -> None:
        """Build the text of the rows on screen again (their marks changed)."""
        self._cache.clear()
        self.refresh()

    def row_keys(self) -> Sequence[str]:
        return self._keys

    def page_rows(self) -> int:
        return self._visible_rows() - 1

    def show_rows(self, items: Sequence[Any], keys: Sequence[str], cells: Cells) -> None:
        """Show ``items`` (keys in the same order); cells are built only for rows on screen.

        The cursor stays on the same key where it still exists.
        """
        selected = self.selected_key()
        self._items, self._keys, self._cells = items, list(keys), cells
        self._cache.clear()
        self._index = {key: n for n, key in enumerate(self._keys)}
        self.virtual_size = Size(0, len(self._keys) + 1)
        if selected in self._index:
            self.set_reactive(ItemList.cursor, self._index[selected])
        else:
            self.set_reactive(ItemList.cursor, min(self.cursor, max(0, len(self._keys) - 1)))
        self.refresh()

    def select_key(self, key: str, context: int = 0) -> None:
        """Put the cursor on ``key``; with ``context``, keep that many rows visible above it."""
        if key not in self._index:
            return
        self.cursor = self._index[key]
        if context:
            self.scroll_to(y=max(0, self.cursor - context), animate=False)

    def watch_cursor(self) -> None:
        self._scroll_cursor_into_view()
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        index = self.scroll_offset.y + event.y - 1
        if event.y >= 1 and 0 <= index < len(self._keys):
            self.cursor = index
            if event.chain == 2:
                self.action_select()

    def _row_cells(self, index: int) -> Sequence[Text]:
        if index not in self._cache:
            self._cache[index] = self._cells(self._items[index])
        return self._cache[index]

    def _visible_rows(self) -> int:
        return max(1, self.size.height - 1)

    def _scroll_cursor_into_view(self) -> None:
        top = round(self.scroll_offset.y)
        visible = self._visible_rows()
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.line_style()
        if y == 0:
            header = [Text(_(c.title)) for c in self.columns]
            text = self._line(header, width)
            text.stylize(self.line_style("item-list--header"))
        elif not self._keys:
            if y != 1:
                return Strip.blank(width, base)
            text = Text(self.empty, style=self.line_style("item-list--empty"))
        else:
            index = self.scroll_offset.y + y - 1
            if index >= len(self._keys):
                return Strip.blank(width, base)
            text = self._line(self._row_cells(index), width)
            if index == self.cursor:
                text.stylize(self.line_style("item-list--cursor"))
        return self.text_strip(text, width, base)

    def _line(self, cells: Sequence[Text], width: int) -> Text:
        line = Text(" ", no_wrap=True, end="")
        for cell, cell_width in zip(cells, self._widths(width), strict=True):
            if cell_width is None:
                continue
            shown = cell.copy()
            shown.truncate(cell_width, overflow="ellipsis", pad=True)
            line.append_text(shown)
            line.append(" " * GAP)
        line.pad_right(max(0, width - line.cell_len))
        return line

    def _widths(self, width: int) -> list[int | None]:
        """Each column's width at this total width, or None where the column is dropped."""
        if self._column_plan and self._column_plan[0] == width:
            return self._column_plan[1]
        kept = list(self.columns)

        def needed() -> int:
            return 1 + sum(c.width + GAP for c in kept)

        while needed() > width and any(c.drop_order for c in kept):
            kept.remove(max(kept, key=lambda c: c.drop_order))
        spare = max(0, width - needed())
        widths = [
            (c.width + spare if c.flexible else c.width) if c in kept else None
            for c in self.columns
        ]
        self._column_plan = (width, widths)
        return widths
