"""A read-mostly table that keeps its cursor when its rows are replaced."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich.text import Text
from textual.widgets import DataTable

from .translated import TranslatedBindings

Row = tuple[str, Sequence[Text | str]]
"""A row key and its cells."""


class PlanTable(TranslatedBindings, DataTable[Text | str]):
    """A DataTable filled from (key, cells) rows, showing a line when it has none. A cell
    given as ``str`` is shown as it is: DataTable would read it as markup."""

    DEFAULT_CSS = """
    PlanTable {
        height: auto;
        max-height: 16;
    }
    """

    def __init__(self, columns: Sequence[str], *, empty: str, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self._columns = columns
        self._empty = empty

    def on_mount(self) -> None:
        self.add_columns(*self._columns)

    def show_rows(self, rows: Iterable[Row]) -> None:
        """Replace all rows, keeping the cursor on the same key and the view where it was."""
        selected = self.selected_key()
        scrolled_to = self.scroll_y
        self.clear()
        for key, cells in rows:
            self.add_row(*(Text(c) if isinstance(c, str) else c for c in cells), key=key)
        if not self.row_count:
            self.add_row(*([Text(self._empty, style="italic")] + [""] * (len(self._columns) - 1)))
        if selected is not None and selected in self.rows:
            self.move_cursor(row=self.get_row_index(selected), animate=False, scroll=False)
        self.call_after_refresh(self.scroll_to, y=scrolled_to, animate=False)

    def selected_key(self) -> str | None:
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return None if key.value is None else str(key.value)
