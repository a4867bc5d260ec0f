"""Modal help: every key of the app, per screen, built from the real bindings."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from socialplan.core.i18n import N_, _
from socialplan.tui.stylesheet import DIALOG_STYLES
from socialplan.tui.widgets.translated import TranslatedBindings

KeySection = tuple[str, Sequence[tuple[str, str]]]
"""A section title and its (key, what it does) rows."""


class HelpScreen(TranslatedBindings, ModalScreen[None]):
    CSS_PATH = DIALOG_STYLES
    BINDINGS = [Binding("escape,question_mark,q", "close", N_("Close help"))]

    def __init__(self, sections: Sequence[KeySection]) -> None:
        super().__init__(classes="form-screen")
        self.sections = sections

    def compose(self) -> ComposeResult:
        with Vertical(classes="help-dialog"):
            yield Label(_("socialplan keys  (escape closes)"), classes="form-title", markup=False)
            with VerticalScroll():
                for title, rows in self.sections:
                    yield Label(title, classes="section-title", markup=False)
                    table = Table.grid(padding=(0, 2))
                    table.add_column(style="bold", min_width=12)
                    table.add_column()
                    for key, description in rows:
                        table.add_row(Text(key), Text(description))
                    yield Static(table, markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
