"""Modal form for one entry of a Foundation or Strategy list, built from the entry's field
descriptions (``core.entries.FIELDS``). Returns the edited entry, or None when cancelled."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, SelectionList, Static, TextArea

from socialplan.core.entries import CHANNEL_CHOICE, FIELDS, NEW_ENTRIES, EntryField, FieldKind
from socialplan.core.entry_rules import parse_value, validate_entry
from socialplan.core.i18n import N_, _
from socialplan.core.kpi import MEASURED_KPIS, is_custom
from socialplan.core.model import Channel, ContentItem
from socialplan.core.numbers import format_number
from socialplan.core.plan_data import PlanData
from socialplan.core.schedule import local_time
from socialplan.core.validation import InvalidInputError, Problem, clean_text
from socialplan.tui.messages import SaveEntity
from socialplan.tui.widgets.field_input import FieldInput, OwnerInput

from .form import FormScreen

if TYPE_CHECKING:
    from socialplan.tui.app import SocialPlanApp

TEXT_INPUTS = {
    FieldKind.TEXT,
    FieldKind.URL,
    FieldKind.INT,
    FieldKind.NUMBER,
    FieldKind.AMOUNT,
    FieldKind.DATE,
}
TEXT_AREAS = {FieldKind.LONG_TEXT, FieldKind.LINES}
HINTS = {
    FieldKind.DATE: "YYYY-MM-DD",
    FieldKind.NUMBER: N_("a number"),
    FieldKind.INT: N_("a whole number"),
    FieldKind.URL: "https://...",
    FieldKind.AMOUNT: "0",
}


class EntryForm(FormScreen[Any]):
    BINDINGS = [
        Binding(
            "ctrl+n",
            "new_channel",
            N_("New channel"),
            tooltip=N_("Add a channel without leaving this form; it is chosen here at once"),
        )
    ]

    def __init__(
        self,
        entry: Any,
        plan_data: PlanData,
        what: str,
        fields: tuple[EntryField, ...] | None = None,
        title: str | None = None,
    ) -> None:
        """``title`` names the entry edited ('Media plan of LinkedIn'); by default the form
        says 'Edit …' or 'New …' with ``what``."""
        super().__init__()
        self.entry = entry
        self.title_text = title
        self.plan_data = plan_data
        self.what = what
        self.fields = FIELDS[type(entry)] if fields is None else fields
        self._adding_channel = False
        """A channel made with ctrl+n is on its way to the disk; once saved it is chosen."""
        self._kpi_before: object = getattr(entry, "kpi", None) or Select.NULL
        """The KPI chosen before 'New custom KPI…', chosen again if no name is given."""

    def compose(self) -> ComposeResult:
        heading = self.title_text or (
            _("Edit {what}").format(what=self.what)
            if self.entry.id
            else _("New {what}").format(what=self.what)
        )
        with Vertical(classes="form-dialog"):
            yield Label(heading, classes="form-title", markup=False)
            with VerticalScroll(classes="form-fields entry-fields", can_focus=False):
                for field in self.fields:
                    with Horizontal(classes="field-row"):
                        yield Label(_(field.label), classes="field-label", markup=False)
                        yield self._widget(field)
                    if field.kind in (FieldKind.CHANNELS, FieldKind.STAGES):
                        yield Static(
                            _("↑↓ move · space ticks or unticks"),
                            classes="field-hint",
                            markup=False,
                        )
                    yield Static(id=f"error-{field.name}", classes="field-error", markup=False)
            yield Static(
                _("tab / shift+tab between fields · ctrl+s save · esc cancel"),
                classes="form-hint",
                markup=False,
            )
            yield from self.form_buttons()

    def on_mount(self) -> None:
        self.query_one(f"#{self.fields[0].name}").focus()
        self.watch(self.app, "last_saved", self._choose_new_channel, init=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "new_channel":
            return self._channel_field() is not None
        return True

    def _channel_field(self) -> EntryField | None:
        kinds = (FieldKind.CHANNEL, FieldKind.CHANNELS)
        return next((f for f in self.fields if f.kind in kinds), None)

    def action_new_channel(self) -> None:
        """A step that needs a channel makes one here: online behaviour and goals come
        before channel selection in the method's order."""

        def made(channel: Channel | None) -> None:
            if channel is not None:
                self._adding_channel = True
                self.post_message(SaveEntity(channel))

        self.app.push_screen(
            EntryForm(NEW_ENTRIES[Channel], self.plan_data, _("channel"), CHANNEL_CHOICE), made
        )

    def _choose_new_channel(self, saved: object) -> None:
        field = self._channel_field()
        if not (self._adding_channel and isinstance(saved, Channel) and field is not None):
            return
        self._adding_channel = False
        self.plan_data = cast("SocialPlanApp", self.app).plan_data
        widget = self.query_one(f"#{field.name}")
        label = Text(clean_text(saved.name))
        if isinstance(widget, Select):
            widget.set_options(self._references(FieldKind.CHANNEL))
            widget.value = saved.id
        elif isinstance(widget, SelectionList):
            widget.add_option((label, saved.id, True))

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id != "kpi":
            return
        if event.value != NEW_CUSTOM_KPI:
            self._kpi_before = event.value
            return
        from .comment import CommentScreen

        def named(name: str | None) -> None:
            self._choose_custom_kpi(event.select, clean_text(name or "").strip())

        self.app.push_screen(
            CommentScreen(
                _("Name the custom KPI"),
                _("qualified leads"),
                when_empty=_("a custom KPI needs a name"),
            ),
            named,
        )

    def _choose_custom_kpi(self, select: Select[Any], name: str) -> None:
        """Chooses the KPI just named (offered from now on), or what was chosen before."""
        if not name:
            select.value = self._kpi_before
            return
        select.set_options(kpi_options(name, self.plan_data))
        select.value = name

    def _widget(self, field: EntryField) -> Widget:
        value = getattr(self.entry, field.name)
        kind = field.kind
        if kind is FieldKind.OWNER:
            return OwnerInput(value, self.plan_data.team, id=field.name)
        if kind in TEXT_INPUTS:
            empty = value is None or (field.hint != "" and value == 0)
            hint = field.hint or HINTS.get(kind, "")
            shown = "" if empty else _shown(value)
            return FieldInput(shown, _(hint) if hint else "", id=field.name)
        if kind in TEXT_AREAS:
            text = "\n".join(value) if kind is FieldKind.LINES else value
            return TextArea(text, id=field.name, compact=True)
        if kind is FieldKind.BOOL:
            return Checkbox(_(field.label), value, id=field.name, compact=True)
        if kind is FieldKind.KPI:
            return Select(
                kpi_options(value, self.plan_data),
                value=value or Select.NULL,
                prompt=_("Choose what Measure computes"),
                id=field.name,
                compact=True,
            )
        if kind is FieldKind.CHOICE:
            assert field.choices is not None
            choices = [(member.label, member) for member in field.choices]
            return Select(choices, value=value, allow_blank=False, id=field.name, compact=True)
        if kind in (FieldKind.PERSONA, FieldKind.CHANNEL, FieldKind.ITEM, FieldKind.CUSTOM_GOAL):
            options = self._references(kind)
            chosen = value if value in {key for _, key in options} else Select.NULL
            prompt = _("None: a channel total") if kind is FieldKind.ITEM else _("Choose")
            return Select(options, value=chosen, prompt=prompt, id=field.name, compact=True)
        selections = [(name, key, key in value) for name, key in self._references(kind)]
        return SelectionList(*selections, id=field.name, compact=True)

    def _references(self, kind: FieldKind) -> list[tuple[Text, int]]:
        """Choices by name, shown literally (a name is never read as markup)."""
        plan_data = self.plan_data
        if kind is FieldKind.PERSONA:
            named = [(p.name, p.id) for p in plan_data.personas]
        elif kind is FieldKind.STAGES:
            named = [(s.name, s.id) for s in plan_data.ordered_stages()]
        elif kind is FieldKind.CUSTOM_GOAL:
            named = [
                (_("{title}: {kpi}").format(title=g.title, kpi=g.kpi), g.id)
                for g in plan_data.goals
                if is_custom(g.kpi)
            ]
        elif kind is FieldKind.ITEM:
            named = [
                (post_label(item, plan_data), item.id) for item in posts_newest_first(plan_data)
            ]
        else:
            named = [(c.name, c.id) for c in plan_data.channels]
        return [(Text(clean_text(name)), key) for name, key in named]

    def action_save(self) -> None:
        values: dict[str, Any] = {}
        problems: list[Problem] = []
        for field in self.fields:
            try:
                values[field.name] = parse_value(field, self._raw(field))
            except InvalidInputError as error:
                problems.append(error.problem)
        if not problems:
            entry = replace(self.entry, **values)
            problems = validate_entry(entry, self.plan_data, self.fields)
        self.show_problems(problems, [f.name for f in self.fields])
        if not problems:
            self.dismiss(entry)

    def _raw(self, field: EntryField) -> Any:
        widget = self.query_one(f"#{field.name}")
        if isinstance(widget, Input):
            return widget.value
        if isinstance(widget, TextArea):
            return widget.text
        if isinstance(widget, Checkbox):
            return widget.value
        if isinstance(widget, Select):
            return None if widget.value is Select.NULL else widget.value
        assert isinstance(widget, SelectionList)
        return widget.selected


def _shown(value: Any) -> str:
    """A field's value as it can be typed back: a number exactly, in the interface
    language (``4,500`` in English, ``4.500`` in Dutch)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return format_number(value)
    if value == date.min:
        return ""
    return str(value)


def posts_newest_first(plan_data: PlanData) -> list[ContentItem]:
    """The posts a result can belong to: every scheduled one, newest first."""
    scheduled = [i for i in plan_data.items if i.scheduled_at is not None]
    return sorted(scheduled, key=lambda i: (i.scheduled_at, i.id), reverse=True)


def post_label(item: ContentItem, plan_data: PlanData) -> str:
    assert item.scheduled_at is not None
    when = local_time(item.scheduled_at, plan_data.plan.timezone)
    return f"{when:%Y-%m-%d} {plan_data.channel_name(item.channel)}: {item.title[:50]}"


NEW_CUSTOM_KPI = "\x00new custom KPI"
"""The KPI choice that asks for a custom KPI's name (no name typed in can be this)."""


def kpi_options(current: str, plan_data: PlanData) -> list[tuple[Text, str]]:
    """The measured KPIs with their denominators, the plan's custom KPIs (typed in per
    period on Measure), and a last choice that names a new one. Shown as text, never as
    markup."""
    options = [(Text(kpi.label), kpi.key) for kpi in MEASURED_KPIS]
    custom = sorted({g.kpi for g in plan_data.goals if is_custom(g.kpi)} | {current} - {""})
    for name in (kpi for kpi in custom if is_custom(kpi)):
        label = _("{kpi} (custom, typed in per period)").format(kpi=clean_text(name))
        options.append((Text(label), name))
    options.append((Text(_("New custom KPI…")), NEW_CUSTOM_KPI))
    return options
