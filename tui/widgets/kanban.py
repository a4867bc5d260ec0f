"""The kanban board: a column per journey stage, cards rendered on demand (line API).

A column renders only the cards on screen, and a card's text is built only when it is
first shown, so a board of 10,000 cards opens and moves as fast as one of 60. Arrows or
hjkl move the cursor; the screen acts on ``Kanban.selected_key()``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.geometry import Region, Size
from textual.layout import ArrangeResult, Layout
from textual.layouts.horizontal import HorizontalLayout
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from socialplan.compat import forget_arrangement
from socialplan.core.frozen import frozen
from socialplan.core.i18n import N_, _

from .cursor import CURSOR_BINDINGS, CursorActions
from .line_styles import CachedLineStyles

CARD_LINES = 3
MIN_COLUMN_WIDTH = 13
"""Six journey stages fit in 80 columns."""
MAX_CACHED_CARDS = 400
"""Cards whose lines a column keeps drawn: a screenful many times over."""
CardText = Callable[[Any], Sequence[Text]]
"""Builds a card's three lines from the item it shows."""


@frozen
class ColumnView:
    """What a board column shows: its header and its cards, found by key."""

    key: str
    header: str
    header_off: bool
    """The header's figures are off target (shown in the warning style)."""
    items: Sequence[Any]
    keys: Sequence[str]
    index_of: Callable[[str], int | None]
    """Where the card of a key is, without looking through ``keys``; None: not here."""
    context: object = None
    """What the cards show besides their items (the plan's channels, its time zone):
    when it changes, every card is drawn again."""


@frozen
class _Frame:
    """What every line of a frame needs of the column's geometry."""

    width: int
    """Of the cards, without the edge."""
    offset: int
    """Lines scrolled."""
    thumb: tuple[int, int]
    """Where the scroll thumb starts, and how long it is (``scroll_thumb``)."""


@frozen
class _DrawnCard:
    """A card's text and the lines drawn from it, for the version of the item shown."""

    item: Any
    text: Sequence[Text]
    lines: dict[tuple[int, str, int, str], Strip]


class KanbanColumn(CursorActions, CachedLineStyles, ScrollView, can_focus=True):
    DEFAULT_CSS = """
    KanbanColumn {
        width: 1fr;
        height: 1fr;
        overflow-x: hidden;
        scrollbar-size-vertical: 0;
    }

    KanbanColumn > .kanban--edge {
        color: $panel-lighten-1;
    }

    KanbanColumn > .kanban--thumb {
        color: $scrollbar;
    }

    KanbanColumn > .kanban--thumb-focused {
        color: $scrollbar-active;
    }

    KanbanColumn > .kanban--header {
        text-style: bold;
        color: $text;
        background: $panel;
    }

    KanbanColumn > .kanban--header-off {
        text-style: bold;
        color: $warning;
        background: $panel;
    }

    KanbanColumn > .kanban--card-alt {
        background: $boost;
    }

    KanbanColumn > .kanban--cursor {
        background: $foreground 10%;
    }

    KanbanColumn > .kanban--cursor-focused {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }

    KanbanColumn > .kanban--empty {
        color: $text-muted;
        text-style: italic;
    }
    """

    COMPONENT_CLASSES = {
        "kanban--header",
        "kanban--header-off",
        "kanban--card",
        "kanban--card-alt",
        "kanban--cursor",
        "kanban--cursor-focused",
        "kanban--empty",
        "kanban--edge",
        "kanban--thumb",
        "kanban--thumb-focused",
    }
    BINDINGS = [
        *CURSOR_BINDINGS,
        Binding("left,h", "neighbour(-1)", N_("Column left"), show=False),
        Binding("right,l", "neighbour(1)", N_("Column right"), show=False),
    ]

    cursor: reactive[int] = reactive(0, init=False)

    class Selected(Message):
        """Enter was pressed on a card."""

        def __init__(self, column: KanbanColumn, key: str) -> None:
            super().__init__()
            self.column = column
            self.key = key

        @property
        def control(self) -> KanbanColumn:
            return self.column

    def __init__(self, view: ColumnView, card_text: CardText) -> None:
        super().__init__(id=f"column-{view.key}", classes="kanban-column")
        self.card_text = card_text
        self._cards: dict[str, _DrawnCard] = {}
        self._edges: dict[str, tuple[Style, Strip]] = {}
        self._frame: _Frame | None = None
        """The column's geometry while a frame is drawn (``render_lines``)."""
        self.view = view
        self.set_reactive(KanbanColumn.virtual_size, self._rows_size())

    def shows(self, view: ColumnView) -> bool:
        """Whether the column shows ``view`` already: the same header and the very same
        items (an edit replaces only the items it changed), so it need not be drawn again."""
        mine = self.view
        if view is mine:
            return True
        return (
            (mine.header, mine.header_off, mine.context)
            == (view.header, view.header_off, view.context)
            and len(mine.items) == len(view.items)
            and all(a is b for a, b in zip(mine.items, view.items, strict=True))
        )

    def show(self, view: ColumnView) -> None:
        selected = self.selected_key()
        if view.context != self.view.context:
            self._cards.clear()
        self.view = view
        self._resize_rows()
        position = view.index_of(selected) if selected is not None else None
        if position is None:
            position = min(self.cursor, len(view.keys) - 1)
        self.set_reactive(KanbanColumn.cursor, max(0, position))
        self.refresh()
        self.call_after_refresh(self._scroll_cursor_into_view)

    def _rows_size(self) -> Size:
        """The header and the cards, and as many blank lines after them as make the
        farthest scroll a whole number of cards; never wider than the column."""
        card_lines = max(0, self.size.height - 1)
        return Size(0, len(self.view.keys) * CARD_LINES + 1 + card_lines % CARD_LINES)

    def validate_scroll_y(self, value: float) -> float:
        """Scrolled by whole cards only: a column never starts mid-card."""
        value = super().validate_scroll_y(value)
        return value - value % CARD_LINES

    def _resize_rows(self) -> None:
        """Take the height of the rows without a layout of the screen: the column draws
        its own scroll bar, so nothing else depends on it (a layout cost a card move
        about 10 ms on a 10,000-post board)."""
        self.set_reactive(KanbanColumn.virtual_size, self._rows_size())
        self.scroll_y = self.validate_scroll_y(self.scroll_y)

    def on_resize(self, _event: events.Resize) -> None:
        self._resize_rows()

    def redraw(self) -> None:
        """Build the text of the rows on screen again (their marks changed)."""
        self._cards.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        self._cards.clear()
        super().notify_style_update()

    def watch_has_focus(self, _has_focus: bool) -> None:
        """Draw the cursor and the scroll thumb in their focused or unfocused look.

        Textual restyles a widget and each of its component classes whenever the focus
        comes or goes (about 3 ms for a column, twice a card move); a column's look does
        not depend on the focus in CSS, only on which component it draws with."""
        self.refresh()

    def focus_changed(self) -> None:
        """The line styles stay: the focused look is a component of its own."""

    def row_keys(self) -> Sequence[str]:
        return self.view.keys

    def page_rows(self) -> int:
        return (self.size.height - 1) // CARD_LINES

    def select_key(self, key: str) -> bool:
        """Put the cursor on ``key``, with the card before it still in view."""
        position = self.view.index_of(key)
        if position is None:
            return False
        self.cursor = position
        self.scroll_to(
            y=max(0, (self.cursor - 1) * CARD_LINES), animate=False, immediate=True, force=True
        )
        return True

    def watch_cursor(self) -> None:
        self._when_laid_out(self._scroll_cursor_into_view)
        self.refresh()

    def _when_laid_out(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` now if the column has a size, else after the next layout."""
        if self.size.height:
            callback()
        else:
            self.call_after_refresh(callback)

    def _scroll_cursor_into_view(self) -> None:
        top = self.cursor * CARD_LINES
        visible = max(CARD_LINES, self.size.height - 1)
        if top < self.scroll_offset.y:
            self.scroll_to(y=top, animate=False)
        elif top + CARD_LINES > self.scroll_offset.y + visible:
            self.scroll_to(y=top + CARD_LINES - visible, animate=False)

    def action_neighbour(self, step: int) -> None:
        if isinstance(self.parent, Kanban):
            self.parent.focus_column(self, step)

    def on_click(self, event: events.Click) -> None:
        index = (self.scroll_offset.y + event.y - 1) // CARD_LINES
        if event.y >= 1 and 0 <= index < len(self.view.keys):
            self.cursor = index

    def render_lines(self, crop: Region) -> list[Strip]:
        """Lines of the frame, the column's geometry read once for all of them: Textual's
        size and region properties cost 5-7 µs a read, 17 µs a line when each read them."""
        self._frame = self._geometry()
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None

    def render_line(self, y: int) -> Strip:
        """A line of the column, its last cell the column's edge with the scroll thumb.

        The column draws its own scroll bar: Textual's scroll bar widgets repainted, in
        all four columns, after every layout (3 KB of a card move's 8 KB at 80x24)."""
        frame = self._frame or self._geometry()
        edge = self._edge_component(y, frame)
        index, row = divmod(frame.offset + y - 1, CARD_LINES)
        if y > 0 and index < len(self.view.keys):
            return self._card_line(index, row, frame.width, edge)
        return Strip.join([self._other_line(y, frame.width), self._edge(edge)])

    def _geometry(self) -> _Frame:
        offset = self.scroll_offset.y
        thumb = scroll_thumb(self.size.height - 1, len(self.view.keys) * CARD_LINES, offset)
        width = max(0, self.scrollable_content_region.width - 1)
        return _Frame(width, offset, thumb)

    def _other_line(self, y: int, width: int) -> Strip:
        """The header, the empty column's words, or a blank line below the cards."""
        if y == 0:
            style = "kanban--header-off" if self.view.header_off else "kanban--header"
            return self._strip(Text(f" {self.view.header}"), width, style)
        if not self.view.keys:
            return self._strip(Text(_(" (none)") if y == 1 else ""), width, "kanban--empty")
        return Strip.blank(width, self.line_style())

    def _card_line(self, index: int, row: int, width: int, edge: str) -> Strip:
        """A line of a card with the column's edge, drawn once for its look and width."""
        style = "kanban--card" if index % 2 == 0 else "kanban--card-alt"
        if index == self.cursor:
            style = "kanban--cursor-focused" if self.has_focus else "kanban--cursor"
        card = self._drawn_card(index)
        drawn = card.lines.get((row, style, width, edge))
        if drawn is None:
            text = self._strip(Text(" ").append_text(card.text[row]), width, style)
            drawn = card.lines[row, style, width, edge] = Strip.join([text, self._edge(edge)])
        return drawn

    def _drawn_card(self, index: int) -> _DrawnCard:
        """The card at ``index`` as drawn before, unless its item changed since: an edit
        that moves one card redraws the lines of the others from what they were."""
        key, item = self.view.keys[index], self.view.items[index]
        card = self._cards.get(key)
        if card is None or card.item is not item:
            if len(self._cards) >= MAX_CACHED_CARDS:
                self._cards.clear()
            card = self._cards[key] = _DrawnCard(item, self.card_text(item), {})
        return card

    def _edge_component(self, y: int, frame: _Frame) -> str:
        """How the column's edge is drawn on line ``y``: the scroll thumb, or the edge."""
        start, length = frame.thumb
        if length and start <= y - 1 < start + length:
            return "kanban--thumb-focused" if self.has_focus else "kanban--thumb"
        return "kanban--edge"

    def _edge(self, component: str) -> Strip:
        """The edge's cell, made again only when its style changed."""
        style = self.line_style(component)
        made = self._edges.get(component)
        if made is None or made[0] is not style:
            glyph = "▕" if component == "kanban--edge" else "┃"
            made = self._edges[component] = (style, Strip([Segment(glyph, style)], 1))
        return made[1]

    def _strip(self, text: Text, width: int, component: str) -> Strip:
        return self.text_strip(text, width, self.line_style(component))


def scroll_thumb(visible: int, total: int, offset: int) -> tuple[int, int]:
    """Where the scroll thumb starts among ``visible`` lines and how long it is, for
    ``total`` lines scrolled down by ``offset``; (0, 0) when everything fits."""
    if visible <= 0 or total <= visible:
        return 0, 0
    length = max(1, round(visible * visible / total))
    travel = visible - length
    start = round(travel * min(offset, total - visible) / (total - visible))
    return start, length


class ColumnWindow(HorizontalLayout):
    """Lays out as many whole columns as fit the board, around the focused one.

    Choosing the columns while laying out, rather than hiding the others once the board
    knows its width, gets the board right in the first layout: hiding them afterwards
    cost a second layout and a second render of every card before the first paint."""

    name = "column-window"

    def arrange(
        self, parent: Widget, children: list[Widget], size: Size, greedy: bool = True
    ) -> ArrangeResult:
        if isinstance(parent, Kanban):
            children = parent.window(children, size.width)
        return super().arrange(parent, children, size, greedy)


class Kanban(Horizontal, can_focus=False):
    """The board: as many columns side by side as fit, in a window that follows the focus."""

    DEFAULT_CSS = """
    Kanban {
        height: 1fr;
    }
    """

    def __init__(
        self, card_text: CardText, views: Sequence[ColumnView] = (), **kwargs: Any
    ) -> None:
        """``views`` are composed at once: mounting columns later costs a layout pass."""
        super().__init__(**kwargs)
        self.card_text = card_text
        self._initial_views = views
        self._first_shown = 0
        self._focused = 0
        self._window_layout = ColumnWindow()

    @property
    def layout(self) -> Layout:
        return self._window_layout

    def compose(self) -> ComposeResult:
        for view in self._initial_views:
            yield KanbanColumn(view, self.card_text)

    def window(self, columns: Sequence[Widget], width: int) -> list[Widget]:
        """The columns that fit in ``width``, keeping the focused one among them."""
        fit = max(1, width // MIN_COLUMN_WIDTH)
        if self.screen.focused in columns:
            self._focused = columns.index(self.screen.focused)
        focused = min(self._focused, len(columns) - 1)
        if focused < self._first_shown:
            self._first_shown = focused
        elif focused >= self._first_shown + fit:
            self._first_shown = focused - fit + 1
        self._first_shown = max(0, min(self._first_shown, len(columns) - fit))
        return list(columns[self._first_shown : self._first_shown + fit])

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A column outside the window took the focus: move the window to it (Textual keeps
        a container's arrangement for as long as its size and children stay the same)."""
        if isinstance(event.widget, KanbanColumn) and not event.widget.region:
            forget_arrangement(self)
            self.refresh(layout=True)

    def show_board(self, views: Sequence[ColumnView]) -> None:
        columns = list(self.query(KanbanColumn))
        if [c.view.key for c in columns] != [v.key for v in views]:
            selected = self.selected_key()
            self.remove_children()
            self.mount_all(KanbanColumn(view, self.card_text) for view in views)
            if selected is not None:
                self.call_after_refresh(self.select_key, selected)
            return
        for column, view in zip(columns, views, strict=True):
            if not column.shows(view):
                column.show(view)

    def columns(self) -> list[KanbanColumn]:
        return list(self.query(KanbanColumn))

    def current_column(self) -> KanbanColumn | None:
        focused = self.screen.focused
        if isinstance(focused, KanbanColumn) and focused.parent is self:
            return focused
        columns = self.columns()
        return columns[0] if columns else None

    def selected_key(self) -> str | None:
        column = self.current_column()
        return column.selected_key() if column else None

    def select_key(self, key: str) -> None:
        """Focus the column holding ``key`` and put its cursor on it."""
        for column in self.columns():
            if column.select_key(key):
                column.focus()
                return

    def focus_column(self, column: KanbanColumn, step: int) -> None:
        columns = self.columns()
        target = columns.index(column) + step
        if 0 <= target < len(columns):
            neighbour = columns[target]
            neighbour.action_jump(min(column.cursor, max(0, len(neighbour.view.keys) - 1)))
            neighbour.focus()
