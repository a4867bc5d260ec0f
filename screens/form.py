"""What the modal forms share: ctrl+s saves, escape cancels, enter in a field saves, and a
Save / Cancel button row."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Input

Result = TypeVar("Result")


class FormScreen(ModalScreen[Result | None]):
    """A subclass defines ``action_save``: check the fields, then dismiss with the result
    or show what is wrong."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    if TYPE_CHECKING:

        def action_save(self) -> None: ...

    def __init__(self) -> None:
        super().__init__(classes="form-screen")

    @staticmethod
    def form_buttons() -> ComposeResult:
        with Horizontal(classes="form-buttons"):
            yield Button("Save (ctrl+s)", variant="primary", id="save", compact=True)
            yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)
