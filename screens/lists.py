"""Add, edit and delete for the lists of the Foundation and Strategy screens.

A screen names its editable tables (``LISTS``); the keys act on the focused one. Every
change goes up to the App as a message, which saves it at once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, ClassVar

from textual.binding import Binding
from textual.widgets import DataTable

from socialplan.core.entries import NEW_ENTRIES, why_not_deletable
from socialplan.core.model import OnlineBehaviour, PlanData
from socialplan.tui.messages import DeleteEntity, SaveEntity
from socialplan.tui.widgets.tables import PlanTable

from .base import PhaseScreen

LIST_BINDINGS = [
    Binding("a", "add_entry", "Add"),
    Binding("e", "edit_entry", "Edit"),
    Binding("d", "delete_entry", "Delete"),
]
"""Listed in each screen's own BINDINGS, so help and the palette show them per screen."""


@dataclass(frozen=True, slots=True)
class ListSpec:
    entity: type
    what: str
    """How one entry is called in titles and messages: 'stakeholder'."""


class ListScreen(PhaseScreen):
    LISTS: ClassVar[dict[str, ListSpec]] = {}
    """Editable tables by widget id."""

    def on_mount(self) -> None:
        super().on_mount()
        first = next(iter(self.LISTS), None)
        if first is not None:
            self.query_one(f"#{first}", PlanTable).focus()

    def _focused_list(self) -> tuple[PlanTable, ListSpec] | None:
        focused = self.focused
        if isinstance(focused, PlanTable) and focused.id in self.LISTS:
            return focused, self.LISTS[focused.id]
        self.notify("Move to a list first (tab).", severity="warning")
        return None

    def _selected_entry(self) -> tuple[Any, ListSpec] | None:
        found = self._focused_list()
        if found is None or self.data is None:
            return None
        table, spec = found
        key = table.selected_key()
        entries = getattr(self.data, spec.entity.TABLE)
        entry = next((e for e in entries if key is not None and e.id == int(key)), None)
        return (entry, spec) if entry is not None else None

    def action_add_entry(self) -> None:
        found = self._focused_list()
        if found is not None and self.data is not None:
            spec = found[1]
            self._open_form(blank_entry(spec.entity, self.data), spec)

    def action_edit_entry(self) -> None:
        selected = self._selected_entry()
        if selected is not None:
            self._open_form(*selected)

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        self.action_edit_entry()

    def action_delete_entry(self) -> None:
        selected = self._selected_entry()
        if selected is None or self.data is None:
            return
        entry, spec = selected
        reason = why_not_deletable(entry, self.data)
        if reason is not None:
            self.notify(reason, title="Not deleted", severity="warning")
            return
        from .confirm import ConfirmScreen

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.post_message(DeleteEntity(entry))

        name = getattr(entry, "name", None) or getattr(entry, "title", None) or spec.what
        self.app.push_screen(
            ConfirmScreen(f"Delete {spec.what} '{name}'?", "ctrl+z brings it back."), confirmed
        )

    def _open_form(self, entry: Any, spec: ListSpec) -> None:
        from .entry_form import EntryForm

        assert self.data is not None

        def saved(result: Any) -> None:
            if result is not None:
                self.post_message(SaveEntity(result))

        self.app.push_screen(EntryForm(entry, self.data, spec.what), saved)


def blank_entry(entity: type, data: PlanData) -> Any:
    """A new entry to fill in; a behaviour row starts on the first persona and channel."""
    entry = NEW_ENTRIES[entity]
    if isinstance(entry, OnlineBehaviour):
        persona = data.personas[0].id if data.personas else 0
        channel = data.channels[0].id if data.channels else 0
        return replace(entry, persona=persona, channel=channel)
    return entry
