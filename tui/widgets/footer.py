"""The Footer: the screen's keys on one line, drawn by one widget.

Textual's Footer mounts a widget per key and rebuilds them all after every change of the
bindings, and a change of focus is one even when the keys shown stay the same. Its ten
widgets were a ninth of a phase screen's first paint (about 21 ms of 190 ms after
Textual's import). This one draws the keys as text, repaints only when the keys it shows
change, and finds the key under the mouse by its column.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

from socialplan.core.frozen import frozen

if TYPE_CHECKING:
    from textual import events
    from textual.binding import Binding
    from textual.screen import Screen

ALWAYS_SHOWN = frozenset({"help"})
"""Actions whose key the Footer keeps however narrow: help lists every other key."""
SEPARATOR = "▏"
"""Between the screen's keys and the palette's key, at the right end."""


@frozen
class ShownKey:
    """A key as the Footer shows it."""

    key: str
    display: str
    description: str
    action: str
    enabled: bool
    tooltip: str

    @property
    def width(self) -> int:
        """The cells of the key and its description, without the space after them."""
        return cell_len(self.display) + (1 + cell_len(self.description) if self.description else 0)


@frozen
class FooterLine:
    """Where each key shown starts, the palette's key last."""

    placed: tuple[tuple[int, ShownKey], ...]
    palette: ShownKey | None

    def key_at(self, x: int) -> ShownKey | None:
        return next((key for start, key in self.placed if start <= x < start + key.width), None)


class KeyFooter(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "key-footer--key",
        "key-footer--description",
        "key-footer--separator",
        "key-footer--hover",
    }
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }

    KeyFooter > .key-footer--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }

    KeyFooter > .key-footer--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }

    KeyFooter > .key-footer--separator {
        color: $foreground 20%;
    }

    KeyFooter > .key-footer--hover {
        background: $block-hover-background;
    }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._drawn: tuple[tuple[ShownKey, ...], ShownKey | None] = ((), None)
        self._hovered: ShownKey | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: Screen[Any]) -> None:
        if self.keys() != self._drawn:
            self.refresh()

    def keys(self) -> tuple[tuple[ShownKey, ...], ShownKey | None]:
        """The screen's keys to show, one per action, and the palette's key (if any)."""
        active = self.screen.active_bindings
        keys: dict[str, ShownKey] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in keys:
                keys[binding.action] = self._key(binding, enabled, tooltip)
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        if not self.app.ENABLE_COMMAND_PALETTE or palette is None:
            return tuple(keys.values()), None
        _node, binding, enabled, tooltip = palette
        keys.pop(binding.action, None)
        return tuple(keys.values()), self._key(binding, enabled, tooltip or binding.tooltip)

    def _key(self, binding: Binding, enabled: bool, tooltip: str) -> ShownKey:
        display = self.app.get_key_display(binding)
        return ShownKey(binding.key, display, binding.description, binding.action, enabled, tooltip)

    def line(self) -> FooterLine:
        """The keys drawn last, and where each starts: as many as fit whole, in order,
        beside help's and the palette's (at 80 columns the last ones ran under the
        palette's key and were cut mid-word). A click or a hover finds its key here, in
        what is on screen, without reading the bindings again."""
        others, palette = self._drawn
        room = self.size.width - (len(SEPARATOR) + palette.width + 1 if palette else 0)
        room -= sum(key.width + 1 for key in others if key.action in ALWAYS_SHOWN)
        placed: list[tuple[int, ShownKey]] = []
        x, fits = 0, True
        for key in others:
            if key.action not in ALWAYS_SHOWN:
                fits = fits and key.width + 1 <= room
                if not fits:
                    continue
                room -= key.width + 1
            placed.append((x, key))
            x += key.width + 1
        if palette:
            placed.append((self.size.width - palette.width - 1, palette))
        return FooterLine(tuple(placed), palette)

    def render(self) -> Text:
        self._drawn = self.keys()
        line = self.line()
        text = Text(no_wrap=True, end="")
        for start, key in line.placed:
            if key is line.palette:
                text.pad_right(start - len(SEPARATOR) - text.cell_len)
                text.append(SEPARATOR, self.get_component_rich_style("key-footer--separator"))
            text.append_text(self._key_text(key))
            if key is not line.palette:
                text.append(" ")
        return text

    def _key_text(self, key: ShownKey) -> Text:
        text = Text(key.display, self.get_component_rich_style("key-footer--key"))
        if key.description:
            description = self.get_component_rich_style("key-footer--description")
            text.append(f" {key.description}", description)
        if not key.enabled:
            text.stylize("dim")
        if key == self._hovered:
            text.stylize(self.get_component_rich_style("key-footer--hover", partial=True))
        return text

    def on_click(self, event: events.Click) -> None:
        key = self.line().key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover(self.line().key_at(event.x))

    def on_leave(self, _event: events.Leave) -> None:
        self._hover(None)

    def _hover(self, key: ShownKey | None) -> None:
        if key != self._hovered:
            self._hovered = key
            self.tooltip = (key.tooltip or None) if key else None
            self.refresh()
