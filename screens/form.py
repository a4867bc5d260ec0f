"""What the modal forms share: ctrl+s saves, escape cancels (asking first when something
was changed), enter in a field saves, and a Save / Cancel button row."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Select, SelectionList, Static, TextArea

from socialplan.core.i18n import N_, _
from socialplan.core.validation import Problem
from socialplan.tui.stylesheet import DIALOG_STYLES
from socialplan.tui.widgets.translated import TranslatedBindings

Result = TypeVar("Result")


class FormScreen(TranslatedBindings, ModalScreen[Result | None]):
    """A subclass defines ``action_save``: check the fields, then dismiss with the result
    or show what is wrong."""

    CSS_PATH = DIALOG_STYLES
    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), priority=True),
        Binding("escape", "cancel", N_("Cancel")),
    ]

    if TYPE_CHECKING:

        def action_save(self) -> None: ...

    def __init__(self) -> None:
        super().__init__(classes="form-screen")
        self._as_opened: tuple[tuple[str | None, Any], ...] = ()
        """What the fields held when the form opened: escape asks before discarding more."""

    def on_mount(self) -> None:
        self._as_opened = self._field_values()

    def _field_values(self) -> tuple[tuple[str | None, Any], ...]:
        values: list[tuple[str | None, Any]] = []
        for widget in self.query("Input, TextArea, Checkbox, Select, SelectionList"):
            if isinstance(widget, Input | Checkbox | Select):
                values.append((widget.id, widget.value))
            elif isinstance(widget, TextArea):
                values.append((widget.id, widget.text))
            elif isinstance(widget, SelectionList):
                values.append((widget.id, tuple(widget.selected)))
        return tuple(values)

    @staticmethod
    def form_buttons(save: str | None = None) -> ComposeResult:
        """Save (or what ``save`` calls it: Import) and Cancel."""
        with Horizontal(classes="form-buttons"):
            label = _("{action} (ctrl+s)").format(action=save or _("Save"))
            yield Button(label, variant="primary", id="save", compact=True)
            yield Button(_("Cancel (esc)"), id="cancel", compact=True)

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        if self._field_values() == self._as_opened:
            self.dismiss(None)
            return
        from .confirm import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen(_("Discard your changes?"), _("What you typed here is not saved.")),
            answered,
        )

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
