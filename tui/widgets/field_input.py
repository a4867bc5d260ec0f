"""The one-line field of every form."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.suggester import SuggestFromList
from textual.widgets import Input

from socialplan.core.i18n import _
from socialplan.core.model import TeamMember


class FieldInput(Input):
    """A compact Input whose focus puts the cursor after the text it holds.

    Textual's Input selects all on focus, so the first key typed into a field reached
    with tab replaced it (typing a surname wiped "Marieke").
    """

    def __init__(self, value: str | None = None, placeholder: str = "", **kwargs: Any) -> None:
        super().__init__(value, placeholder, select_on_focus=False, compact=True, **kwargs)


class OwnerInput(FieldInput):
    """A name, offered from the project team as it is typed (→ or end takes the offer);
    a name not in the team is kept as typed."""

    def __init__(self, value: str, team: Sequence[TeamMember], **kwargs: Any) -> None:
        offers = SuggestFromList([member.name for member in team], case_sensitive=False)
        hint = _("a team member: → takes the name offered") if team else ""
        super().__init__(value, hint, suggester=offers, **kwargs)
