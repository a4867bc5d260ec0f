"""What the modal forms share: ctrl+s saves, escape cancels, enter in a field saves, and a
Save / Cancel button row."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from socialplan.core.i18n import N_, _
from socialplan.core.validation import Problem
from socialplan.tui.widgets.translated import TranslatedBindings

Result = TypeVar("Result")


class FormScreen(TranslatedBindings, ModalScreen[Result | None]):
    """A subclass defines ``action_save``: check the fields, then dismiss with the result
    or show what is wrong."""

    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), priority=True),
        Binding("escape", "cancel", N_("Cancel")),
    ]

    if TYPE_CHECKING:

        def action_save(self) -> None: ...

    def __init__(self) -> None:
        super().__init__(classes="form-screen")

    @staticmethod
    def form_buttons() -> ComposeResult:
        with Horizontal(classes="form-buttons"):
            yield Button(_("Save (ctrl+s)"), variant="primary", id="save", compact=True)
            yield Button(_("Cancel (esc)"), id="cancel", compact=True)

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def show_problems(self, problems: Sequence[Problem], order: Sequence[str]) -> None:
        """Each message under its field (the Static ``#error-FIELD``), the others cleared;
        the first field of ``order`` that has a problem gets the focus."""
        by_field = {p.field: p.message for p in problems}
        for error in self.query(".field-error").results(Static):
            message = by_field.get((error.id or "").removeprefix("error-"), "")
            error.update(message)
            error.display = bool(message)
        first = next((name for name in order if name in by_field), None)
        if first is not None:
            self.query_one(f"#{first}").focus()
