"""Keyboard cursor shared by the line-API lists: the list and the board's columns."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.binding import Binding

from socialplan.core.i18n import N_

from .translated import TranslatedBindings

if TYPE_CHECKING:
    from textual.widget import Widget

    _Base = Widget
else:
    _Base = object

CURSOR_BINDINGS = [
    Binding("up,k", "move(-1)", N_("Up"), show=False),
    Binding("down,j", "move(1)", N_("Down"), show=False),
    Binding("pageup", "page(-1)", N_("Page up"), show=False),
    Binding("pagedown", "page(1)", N_("Page down"), show=False),
    Binding("home", "jump(0)", N_("First"), show=False),
    Binding("end", "jump(-1)", N_("Last"), show=False),
    Binding("enter", "select", N_("Open"), show=False),
]
"""Included in each widget's BINDINGS: Textual merges bindings only from widget classes."""


class CursorActions(TranslatedBindings, _Base):
    """Actions for ``CURSOR_BINDINGS``. The widget defines a ``cursor`` reactive, a nested
    ``Selected(widget, key)`` message, ``row_keys()`` (the keys in display order) and
    ``page_rows()`` (how far page-up and page-down move)."""

    cursor: int

    if TYPE_CHECKING:

        def row_keys(self) -> Sequence[str]: ...

        def page_rows(self) -> int: ...

    def selected_key(self) -> str | None:
        keys = self.row_keys()
        return keys[self.cursor] if keys and self.cursor < len(keys) else None

    def action_move(self, delta: int) -> None:
        count = len(self.row_keys())
        if count:
            self.cursor = max(0, min(count - 1, self.cursor + delta))

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, self.page_rows()))

    def action_jump(self, index: int) -> None:
        count = len(self.row_keys())
        if count:
            self.cursor = index % count

    def action_select(self) -> None:
        key = self.selected_key()
        if key is not None:
            self.post_message(self.Selected(self, key))  # type: ignore[attr-defined]
