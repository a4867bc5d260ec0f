"""A read-mostly table that keeps its cursor when its rows are replaced, and fits its
columns to its width whenever its rows or its size change."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich.text import Text
from textual import events
from textual.widgets import DataTable

from socialplan.core.frozen import frozen

from .translated import TranslatedBindings

Row = tuple[str, Sequence[Text | str]]
"""A row key and its cells."""


@frozen
class Col:
    """A column and what may give way when the table is too narrow for all of it."""

    label: str
    shrink_to: int | None = None
    """A width it may be cut to, with an ellipsis (a title); None: never cut."""
    drop: int | None = None
    """Dropped when cutting is not enough, lowest first; None: always shown."""
    grow_to: int = 120
    """The widest it gets where there is room: titles use the free width up to this."""


@frozen
class Fitted:
    """Which columns show, and how wide."""

    shown: tuple[int, ...]
    widths: tuple[int, ...]


def fit_columns(cols: Sequence[Col], natural: Sequence[int], room: int, padding: int) -> Fitted:
    """Each shown column at its natural width where that fits in ``room``; else the
    widest cuttable columns are cut a cell at a time down to their ``shrink_to``, and
    then the columns with the lowest ``drop`` go, one at a time, until the rest fits."""
    shown = list(range(len(cols)))
    droppable = sorted((c.drop, n) for n, c in enumerate(cols) if c.drop is not None)
    while True:
        widths = {n: min(natural[n], cols[n].grow_to) for n in shown}
        excess = sum(widths.values()) + 2 * padding * len(shown) - room
        while excess > 0:
            cuttable = [n for n in shown if widths[n] > (cols[n].shrink_to or widths[n])]
            if not cuttable:
                break
            widest = max(cuttable, key=lambda n: (widths[n], -n))
            widths[widest] -= 1
            excess -= 1
        if excess <= 0 or not droppable:
            return Fitted(tuple(shown), tuple(widths[n] for n in shown))
        shown.remove(droppable.pop(0)[1])


class PlanTable(TranslatedBindings, DataTable[Text | str]):
    """A DataTable filled from (key, cells) rows, showing a line when it has none. A cell
    given as ``str`` is shown as it is: DataTable would read it as markup.

    Its columns are worked out again from every new set of rows and every new width, so
    a table that opened empty does not keep a first column as wide as its empty line,
    and what the user needs shows at 80 columns (see ``Col``)."""

    DEFAULT_CSS = """
    PlanTable {
        height: auto;
        max-height: 16;
    }
    """

    def __init__(self, columns: Sequence[str | Col], *, empty: str, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self._cols = [c if isinstance(c, Col) else Col(c) for c in columns]
        self._empty = empty
        self._rows: list[tuple[str | None, list[Text]]] = []
        self._fitted: Fitted | None = None

    def on_mount(self) -> None:
        if self._fitted is None:
            self._rebuild()

    def on_resize(self, _event: events.Resize) -> None:
        if self._fit() != self._fitted:
            self._rebuild()

    def show_rows(self, rows: Iterable[Row]) -> None:
        """Replace all rows, keeping the cursor on the same key and the view where it was."""
        self._rows = [
            (key, [Text(c) if isinstance(c, str) else c for c in cells]) for key, cells in rows
        ]
        if not self._rows:
            empty = Text(self._empty, style="italic")
            self._rows = [(None, [empty] + [Text()] * (len(self._cols) - 1))]
        self._rebuild()

    def _rebuild(self) -> None:
        selected = self.selected_key()
        scrolled_to = self.scroll_y
        fitted = self._fitted = self._fit()
        self.clear(columns=True)
        columns = list(zip(fitted.shown, fitted.widths, strict=True))
        for n, width in columns:
            self.add_column(_cut(Text(self._cols[n].label), width), width=width)
        for key, cells in self._rows:
            self.add_row(*(_cut(cells[n], width) for n, width in columns), key=key)
        if selected is not None and selected in self.rows:
            self.move_cursor(row=self.get_row_index(selected), animate=False, scroll=False)
        self.call_after_refresh(self.scroll_to, y=scrolled_to, animate=False)

    def _fit(self) -> Fitted:
        natural = [len(c.label) for c in self._cols]
        for _row_key, cells in self._rows:
            for n, cell in enumerate(cells):
                natural[n] = max(natural[n], cell.cell_len)
        room = self.scrollable_content_region.width or self.app.size.width - 2
        return fit_columns(self._cols, natural, room, self.cell_padding)

    def selected_key(self) -> str | None:
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return None if key.value is None else str(key.value)


def _cut(cell: Text, width: int) -> Text:
    if cell.cell_len <= width:
        return cell
    cut = cell.copy()
    cut.truncate(width, overflow="ellipsis")
    return cut
