"""A section of the plan's own text (strategy, problem statement, culture notes...):
focusable, so the keyboard can reach it and ask to edit it."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static

from socialplan.core.i18n import N_

from .translated import TranslatedBindings


class ProseView(TranslatedBindings, Static, can_focus=True):
    BINDINGS = [Binding("enter", "edit", N_("Edit"), show=False)]

    class EditRequested(Message):
        """Enter on the text: the screen opens the form for its section."""

    def action_edit(self) -> None:
        self.post_message(self.EditRequested())
