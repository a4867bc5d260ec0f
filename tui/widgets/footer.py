"""The Footer, built with the screen and rebuilt only when the keys it shows change."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Footer

from socialplan.compat import mark_footer_ready


class KeyFooter(Footer):
    """Textual's Footer starts empty and builds its keys after the first frame, then
    rebuilds them all after every bindings change, and a change of focus is one even when
    the keys shown stay the same. A phase screen's start-up built the Footer three times
    after its first frame (screen resumed, first focus, the board's focus), each a layout
    and a render more before the screen settled, and again on every move between board
    columns. This one shows its keys in the screen's first frame and skips a rebuild that
    would show the same keys."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._shown: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        mark_footer_ready(self)
        self._shown = self._keys_to_show()
        yield from super().compose()

    async def recompose(self) -> None:
        shown = self._keys_to_show()
        if shown == self._shown:
            return
        self._shown = shown
        await super().recompose()

    def _keys_to_show(self) -> tuple[object, ...]:
        keys = tuple(
            (binding.key, binding.description, binding.key_display, enabled, tooltip)
            for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show
        )
        return (self.show_command_palette, *keys)
