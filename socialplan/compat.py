"""Every use of Textual's and TinyDB's private API, in one place.

socialplan leans on a few internals for speed and for behaviour the public API does not
offer. Each is named here, with why; nothing else in the code base touches an underscore
attribute of either library, so an upgrade is a one-file job. ``VERSIONS`` are the releases
this was written for: ``tests/test_compat.py`` fails loudly on any other, and checks that
every internal used here still exists.

Neither library is imported at module level: ``socialplan status`` loads this module
through the store and must not import Textual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App
    from textual.binding import BindingsMap
    from textual.css.stylesheet import Stylesheet
    from textual.dom import DOMNode
    from textual.notifications import Notification
    from textual.widget import Widget
    from tinydb.table import Table

VERSIONS = {"textual": "8.2.8", "tinydb": "4.9.0"}


# --- TinyDB


def reset_table_caches(table: Table) -> None:
    """Forget the next id and the query results a table keeps per process: another
    process may have written since (TinyDB assumes a single process)."""
    table._next_id = None
    table.clear_cache()


def next_id_cache(table: Table) -> int | None:
    """The next id the table will hand out, if it has worked it out already."""
    next_id: int | None = table._next_id
    return next_id


def set_next_id_cache(table: Table, next_id: int) -> None:
    table._next_id = next_id  # type: ignore[assignment]  # TinyDB types it as None only


def table_storage(table: Table) -> Any:
    return table._storage


class TableHooks:
    """Mixin for a TinyDB Table: its two write internals as public-named methods that a
    subclass overrides (``update_table``, ``next_id``)."""

    def update_table(self, updater: Any) -> None:
        super()._update_table(updater)  # type: ignore[misc]

    def next_id(self) -> int:
        next_id: int = super()._get_next_id()  # type: ignore[misc]
        return next_id

    def _update_table(self, updater: Any) -> None:
        self.update_table(updater)

    def _get_next_id(self) -> int:
        return self.next_id()


# --- Textual


def stylesheet_variables(stylesheet: Stylesheet) -> dict[str, str]:
    """The CSS variables a stylesheet was last given (Textual keeps no public copy)."""
    variables: dict[str, str] = stylesheet._variables
    return variables


def updates_held(app: App[Any]) -> bool:
    """Whether the App holds screen updates back (start-up, the 50 ms after a mode
    switch): a frame rendered then is thrown away."""
    return bool(app._batch_count)


def forget_arrangement(widget: Widget) -> None:
    """Drop a container's cached arrangement, which Textual keeps for as long as its size
    and children stay the same (a focus change alone does not invalidate it)."""
    widget._clear_arrangement_cache()


def node_bindings(node: DOMNode) -> BindingsMap:
    return node._bindings


def set_node_bindings(node: DOMNode, bindings: BindingsMap) -> None:
    """Bindings as the Footer, the help and the palette read them."""
    node._bindings = bindings


def compositor_class() -> type:
    """Textual's Compositor, which renders every frame (a test counts its frames)."""
    from textual._compositor import Compositor

    return Compositor


def screen_focus_reactive() -> Any:
    """A Screen's ``focused`` that does not repaint the whole screen. Textual's does, on
    every focus change: a move between board columns wrote 12 KB to the terminal at 80x24
    (30 KB for a card move), though the widgets that gain and lose the focus are restyled
    and repainted anyway."""
    from textual.reactive import Reactive

    return Reactive(None, repaint=False)


def repaints_whole_screen(compositor: Any) -> bool:
    """Whether the compositor's next frame repaints every cell (a test reads it)."""
    return bool(compositor.size.region in compositor._dirty_regions)


def dirty_regions(compositor: Any) -> list[Any]:
    """The regions the compositor's next frame repaints (a test reads them)."""
    return list(compositor._dirty_regions)


def notifications(app: App[Any]) -> list[Notification]:
    """The notifications on screen now (tests read them)."""
    return list(app._notifications)


def after_each_frame(hook: Any) -> None:
    """Benchmarks: call ``hook(screen)`` after every frame any screen composes."""
    from textual.screen import Screen

    refresh = Screen._compositor_refresh

    def refreshed(screen: Screen[Any]) -> None:
        refresh(screen)
        hook(screen)

    Screen._compositor_refresh = refreshed  # type: ignore[method-assign,assignment]


def quicker_idle_waits(seconds: float) -> None:
    """Tests: Pilot waits for the App to be idle after every key, in slices of
    ``SLEEP_GRANULARITY`` (20 ms, two a key); a shorter slice types a form in a quarter
    of the time. Idle stays what it was: under a twentieth of the slice busy."""
    import textual._wait as wait

    wait.SLEEP_GRANULARITY = seconds
    wait.SLEEP_IDLE = seconds / 20


class ComposesOnlyShownFrames:
    """Mixin for a Screen: render a frame only when it can reach the terminal.

    Textual renders every frame while the App holds updates back, then drops it; at
    start-up that was a full frame of every card. A held frame is rendered once, a frame
    later (``frame_seconds``)."""

    frame_seconds = 1 / 60

    def _compositor_refresh(self) -> None:
        screen: Any = self
        if not updates_held(screen.app):
            super()._compositor_refresh()  # type: ignore[misc]
        elif getattr(self, "_held_frame", None) is None:
            self._held_frame = screen.set_timer(self.frame_seconds, self._render_held_frame)

    def _render_held_frame(self) -> None:
        self._held_frame = None
        self._compositor_refresh()


class FocusChangeHook:
    """Mixin for a Widget: ``focus_changed()`` runs when it gains or loses the focus,
    before Textual's own handling (which a widget's own ``on_focus`` would follow)."""

    def focus_changed(self) -> None:
        """Overridden by the widget."""

    def _on_focus(self, event: Any) -> None:
        self.focus_changed()
        super()._on_focus(event)  # type: ignore[misc]

    def _on_blur(self, event: Any) -> None:
        self.focus_changed()
        super()._on_blur(event)  # type: ignore[misc]


class SpokenNoMatches:
    """Mixin for Textual's CommandPalette: its "No matches found" line in the words of
    ``no_matches_text()``. Textual writes that line inside the private
    ``_start_no_matches_countdown``; this builds it the same way, in other words."""

    def no_matches_text(self) -> str:
        return "No matches found"

    def _start_no_matches_countdown(self, search_value: str) -> None:
        from rich.align import Align
        from rich.text import Text
        from textual.command import CommandList
        from textual.widgets.option_list import Option

        palette: Any = self
        palette._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                line = Align.center(Text(self.no_matches_text(), style="not bold"))
                option = Option(line, disabled=True, id=palette._NO_MATCHES)
                palette.query_one(CommandList).add_option(option)
            palette._list_visible = bool(search_value)

        palette._no_matches_timer = palette.set_timer(
            palette._NO_MATCHES_COUNTDOWN, show_no_matches
        )
