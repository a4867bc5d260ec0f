"""Cached styles for line-API widgets, and turning a line of text into a Strip.

``Widget.rich_style`` walks the ancestors on every call; a widget that renders forty lines
per frame would do that forty times. These styles change only when CSS, the theme or focus
change, so they are kept until Textual reports a style update or focus moves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from socialplan.compat import FocusChangeHook

if TYPE_CHECKING:
    from textual.widget import Widget

    _Base = Widget
else:
    _Base = object


class CachedLineStyles(FocusChangeHook, _Base):
    """A mixin, not a Widget subclass: as a Widget it would come before ScrollView in the
    MRO and Widget's default CSS (overflow hidden) would win over ScrollView's."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._line_styles: dict[str, Style] = {}

    def line_style(self, component: str = "") -> Style:
        """The widget's own style, with ``component``'s on top when given."""
        style = self._line_styles.get(component)
        if style is None:
            if component:  # on the widget's own style, worked out once for all components
                style = self.line_style() + self.get_component_rich_style(component)
            else:
                style = self.rich_style
            self._line_styles[component] = style
        return style

    def text_strip(self, text: Text, width: int, style: Style) -> Strip:
        """One line of ``text`` as exactly ``width`` cells on ``style``: cut with an
        ellipsis, or padded."""
        text.truncate(width, overflow="ellipsis")
        text.no_wrap, text.end = True, ""
        text.stylize_before(style)
        return Strip(text.render(self.app.console), text.cell_len).crop_extend(0, width, style)

    def notify_style_update(self) -> None:
        self._line_styles.clear()
        super().notify_style_update()

    def focus_changed(self) -> None:
        """The cursor's style depends on the focus."""
        self._line_styles.clear()
