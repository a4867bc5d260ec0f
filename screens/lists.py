"""Add, edit and delete for the lists and texts of the Foundation and Strategy screens.

A screen names its editable tables (``LISTS``) and texts (``PROSE``); the keys act on the
focused one, or on the first one in the focused section. Every change goes up to the App as
a message, which saves it at once.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Collapsible, DataTable

from socialplan.core.entries import NEW_ENTRIES, PLAN_SECTIONS, EntryField
from socialplan.core.entry_rules import why_not_deletable
from socialplan.core.frozen import frozen
from socialplan.core.i18n import N_, _
from socialplan.core.kpi import is_custom
from socialplan.core.model import Entity, KpiValue, OnlineBehaviour, Plan, SetupTask
from socialplan.core.plan_data import PlanData
from socialplan.tui.messages import DeleteEntity, SaveEntity
from socialplan.tui.widgets.prose import ProseView
from socialplan.tui.widgets.tables import PlanTable

from .base import PhaseScreen

LIST_BINDINGS = [
    Binding("a", "add_entry", N_("Add")),
    Binding("e", "edit_entry", N_("Edit")),
    Binding("d", "delete_entry", N_("Delete")),
]
"""Listed in each screen's own BINDINGS, so help and the palette show them per screen."""


@frozen
class ListSpec:
    entity: type[Entity]
    english_what: str
    """How one entry is called in titles and messages: 'stakeholder' (a catalog message)."""
    fields: tuple[EntryField, ...] | None = None
    """The fields this list edits; None for all of the entity's fields."""
    english_elsewhere: str | None = None
    """Why entries are not added or deleted in this list, when they are not."""
    english_title: str | None = None
    """The title of the form editing an entry, naming it: 'Media plan of {name}'."""

    @property
    def what(self) -> str:
        return _(self.english_what)

    @property
    def added_elsewhere(self) -> str | None:
        return _(self.english_elsewhere) if self.english_elsewhere else None


@frozen
class ProseSpec:
    section: str
    """A key of ``PLAN_SECTIONS``: the plan fields this text shows."""
    english_what: str

    @property
    def what(self) -> str:
        return _(self.english_what)


class ListScreen(PhaseScreen):
    LISTS: ClassVar[dict[str, ListSpec]] = {}
    """Editable tables by widget id."""
    PROSE: ClassVar[dict[str, ProseSpec]] = {}
    """Editable texts by widget id."""

    def on_mount(self) -> None:
        super().on_mount()
        self.focus_start()

    def focus_start(self) -> None:
        """Where the focus goes when the screen opens: the first list."""
        first = next(iter(self.LISTS), None)
        if first is not None:
            self.query_one(f"#{first}", PlanTable).focus()

    def _target(self) -> Widget | None:
        """The focused list or text, or the first one in the section whose title has the
        focus (the section opens); None, with a hint, when there is none."""
        focused = self.focused
        if isinstance(focused, PlanTable | ProseView) and self._editable(focused):
            return focused
        section = next(
            (a for a in (focused.ancestors if focused else []) if isinstance(a, Collapsible)),
            None,
        )
        if section is not None:
            inside = [w for w in section.query("PlanTable, ProseView") if self._editable(w)]
            if inside:
                section.collapsed = False
                inside[0].focus()
                return inside[0]
        self.notify(_("Move to a list or a text first (tab)."), severity="warning")
        return None

    def _editable(self, widget: Widget) -> bool:
        return widget.id in (self.LISTS if isinstance(widget, PlanTable) else self.PROSE)

    def _selected_entry(self, table: PlanTable) -> tuple[Any, ListSpec] | None:
        assert table.id is not None
        spec = self.LISTS[table.id]
        key = table.selected_key()
        entries = getattr(self.plan_data, spec.entity.TABLE)
        entry = next((e for e in entries if key is not None and e.id == int(key)), None)
        if entry is None:
            self.notify(_("No {what} here yet.").format(what=spec.what), severity="warning")
            return None
        return entry, spec

    def action_add_entry(self) -> None:
        target = self._target()
        if target is None:
            return
        if isinstance(target, ProseView):
            self._edit_prose(target)
            return
        assert target.id is not None
        spec = self.LISTS[target.id]
        if not self._refused_elsewhere(spec):
            self._open_form(blank_entry(spec.entity, self.plan_data), spec)

    def _refused_elsewhere(self, spec: ListSpec) -> bool:
        """True, with the reason shown, when this list's entries are added and deleted
        elsewhere."""
        if spec.added_elsewhere:
            self.notify(spec.added_elsewhere, severity="warning")
        return spec.added_elsewhere is not None

    def action_edit_entry(self) -> None:
        target = self._target()
        if isinstance(target, ProseView):
            self._edit_prose(target)
        elif isinstance(target, PlanTable):
            selected = self._selected_entry(target)
            if selected is not None:
                self._open_form(*selected)

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        self.action_edit_entry()

    def on_prose_view_edit_requested(self, _event: ProseView.EditRequested) -> None:
        self.action_edit_entry()

    def _edit_prose(self, prose: ProseView) -> None:
        assert prose.id is not None
        spec = self.PROSE[prose.id]
        fields = PLAN_SECTIONS[spec.section]
        self._open_form(
            self.plan_data.plan, ListSpec(type(self.plan_data.plan), spec.english_what, fields)
        )

    def action_delete_entry(self) -> None:
        target = self._target()
        if target is None:
            return
        if isinstance(target, ProseView):
            self.notify(_("This is text: e edits it, and an emptied field is gone."))
            return
        assert target.id is not None and isinstance(target, PlanTable)
        if self._refused_elsewhere(self.LISTS[target.id]):
            return
        selected = self._selected_entry(target)
        if selected is None:
            return
        entry, spec = selected
        reason = why_not_deletable(entry, self.plan_data)
        if reason is not None:
            self.notify(reason, title=_("Not deleted"), severity="warning")
            return
        from .confirm import ConfirmScreen

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.post_message(DeleteEntity(entry))

        name = entry_name(entry) or spec.what
        self.app.push_screen(
            ConfirmScreen(
                _("Delete {what} '{name}'?").format(what=spec.what, name=name),
                _("ctrl+z brings it back."),
            ),
            confirmed,
        )

    def _open_form(self, entry: Any, spec: ListSpec) -> None:
        from .entry_form import EntryForm

        def saved(result: Any) -> None:
            if result is not None:
                self.post_message(SaveEntity(result, base=entry))

        form = EntryForm(entry, self.plan_data, spec.what, spec.fields, form_title(entry, spec))
        self.app.push_screen(form, saved)


def entry_name(entry: Any) -> str:
    """What an entry is called by: its name or title ('' when it has neither)."""
    return str(getattr(entry, "name", "") or getattr(entry, "title", "") or "")


def form_title(entry: Any, spec: ListSpec) -> str | None:
    """The title of the form editing ``entry``, naming it; None for a new entry (the form
    says 'New …') or one without a name."""
    name = entry_name(entry)
    if not (entry.id and name) or isinstance(entry, Plan):
        return None
    if spec.english_title:
        return _(spec.english_title).format(name=name)
    return _("Edit {what} '{name}'").format(what=spec.what, name=name)


def blank_entry(entity: type, plan_data: PlanData) -> Any:
    """A new entry to fill in; one that belongs to a persona, a channel or a goal starts on
    the first of each."""
    entry = NEW_ENTRIES[entity]
    channel = plan_data.channels[0].id if plan_data.channels else 0
    if isinstance(entry, OnlineBehaviour):
        persona = plan_data.personas[0].id if plan_data.personas else 0
        return replace(entry, persona=persona, channel=channel)
    if isinstance(entry, SetupTask):
        return replace(entry, channel=channel)
    if isinstance(entry, KpiValue):
        custom = [g.id for g in plan_data.goals if is_custom(g.kpi)]
        return replace(entry, goal=custom[0] if custom else 0)
    return entry
