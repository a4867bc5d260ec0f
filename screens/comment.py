"""Modal asking for one line of text (a review comment, a name). Returns it, or None if
cancelled."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from socialplan.core.i18n import N_, _
from socialplan.tui.stylesheet import DIALOG_STYLES
from socialplan.tui.text import plain
from socialplan.tui.widgets.translated import TranslatedBindings


class CommentScreen(TranslatedBindings, ModalScreen[str | None]):
    CSS_PATH = DIALOG_STYLES
    AUTO_FOCUS = "#comment"
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, question: str, placeholder: str = "", when_empty: str | None = None) -> None:
        super().__init__(classes="form-screen")
        self.question = question
        self.placeholder = placeholder
        self.when_empty = when_empty or _("say what has to change")
        """What an empty answer is told."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="confirm-dialog"):
            yield Label(plain(self.question), classes="form-title", markup=False)
            yield Input(placeholder=self.placeholder, id="comment")
            yield Static(_("enter to send, escape to cancel"), classes="form-hint", markup=False)
            yield Static(id="error-comment", classes="field-error", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            error = self.query_one("#error-comment", Static)
            error.update(self.when_empty)
            error.display = True
            return
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
