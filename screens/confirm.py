"""Modal yes/no question, answered with y / n (or enter / escape)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from socialplan.core.i18n import N_, _
from socialplan.tui.stylesheet import DIALOG_STYLES
from socialplan.tui.text import plain
from socialplan.tui.widgets.translated import TranslatedBindings


class ConfirmScreen(TranslatedBindings, ModalScreen[bool]):
    CSS_PATH = DIALOG_STYLES
    BINDINGS = [
        Binding("y", "answer(True)", N_("Yes")),
        Binding("n,escape", "answer(False)", N_("No")),
    ]

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__(classes="form-screen")
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(classes="confirm-dialog"):
            yield Label(plain(self.question), classes="form-title", markup=False)
            if self.detail:
                yield Label(plain(self.detail), markup=False)
            with Horizontal(classes="form-buttons"):
                yield Button(_("Yes (y)"), variant="error", id="yes")
                yield Button(_("No (n)"), id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
