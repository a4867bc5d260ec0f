"""The one-line field of every form."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input


class FieldInput(Input):
    """A compact Input whose focus puts the cursor after the text it holds.

    Textual's Input selects all on focus, so the first key typed into a field reached
    with tab replaced it (typing a surname wiped "Marieke").
    """

    def __init__(self, value: str | None = None, placeholder: str = "", **kwargs: Any) -> None:
        super().__init__(value, placeholder, select_on_focus=False, compact=True, **kwargs)
