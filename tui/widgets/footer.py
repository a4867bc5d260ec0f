"""The Footer, built with the screen and rebuilt only when the keys it shows change."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer

from socialplan.compat import footer_keys, mark_footer_ready

ALWAYS_SHOWN = frozenset({"help"})
"""Actions whose key the Footer keeps however narrow: help lists every other key."""


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
        self.call_after_refresh(self._fit_keys)
        yield from super().compose()

    async def recompose(self) -> None:
        shown = self._keys_to_show()
        if shown == self._shown:
            return
        self._shown = shown
        await super().recompose()

    def on_resize(self, _event: events.Resize) -> None:
        self._fit_keys()

    def _fit_keys(self) -> None:
        """As many keys as fit whole, in order, beside the palette's key and help's:
        at 80 columns the last ones ran under the palette's key and were cut mid-word."""
        keys = footer_keys(self)
        palette = [key for key in keys if key.has_class("-command-palette")]
        others = [key for key in keys if key not in palette]
        kept = [key for key in others if getattr(key, "action", "") in ALWAYS_SHOWN]
        room = self.size.width - sum(map(_width, palette + kept))
        fits = True
        for key in others:
            if key in kept:
                continue
            fits = fits and _width(key) <= room
            room -= _width(key) if fits else 0
            key.display = fits

    def _keys_to_show(self) -> tuple[object, ...]:
        keys = tuple(
            (binding.key, binding.description, binding.key_display, enabled, tooltip)
            for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show
        )
        return (self.show_command_palette, *keys)


def _width(key: Widget) -> int:
    """The cells a key takes in the Footer's row."""
    return cell_len(str(key.render())) + key.styles.gutter.width + key.styles.margin.width
