"""A section of the plan's own text (strategy, problem statement, culture notes...):
focusable, so the keyboard can reach it and ask to edit it."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static

from socialplan.core.i18n import N_

from .translated import TranslatedBindings


class ProseView(TranslatedBindings, Static, can_focus=True):
    """The text is the user's: shown as written, never read as markup."""

    DEFAULT_CSS = """
    ProseView:focus {
        background: $boost;
    }
    """

    BINDINGS = [Binding("enter", "edit", N_("Edit"), show=False)]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)

    class EditRequested(Message):
        """Enter on the text: the screen opens the form for its section."""

    def action_edit(self) -> None:
        self.post_message(self.EditRequested())
