"""Modal form for a channel's posting frequency and slots, with a live preview of the
next slots. Returns the updated channel, or None when cancelled."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Select, Static

from socialplan.core.i18n import _, ngettext
from socialplan.core.model import Channel
from socialplan.core.plan_data import PlanData
from socialplan.core.recurrence import (
    Recurrence,
    describe_rules,
    parse_rules,
    rules_text,
    stored_rules,
)
from socialplan.core.schedule import local_time
from socialplan.core.slots import upcoming_slots
from socialplan.core.validation import InvalidInputError
from socialplan.tui.text import when
from socialplan.tui.widgets.field_input import FieldInput

from .form import FormScreen

PREVIEW_COUNT = 6
MAX_PER_WEEK = 100


class SlotsForm(FormScreen[Channel]):
    AUTO_FOCUS = "#slots"

    def __init__(self, channel: Channel, plan_data: PlanData, now: datetime) -> None:
        super().__init__()
        self.channel = channel
        self.plan_data = plan_data
        self.now = now

    @property
    def today(self) -> date:
        return local_time(self.now, self.plan_data.plan.timezone).date()

    def compose(self) -> ComposeResult:
        channel = self.channel
        with Vertical(classes="form-dialog"):
            yield Label(_("Posting slots"), classes="form-title", markup=False)
            with Horizontal(classes="field-row"):
                yield Label(_("Channel"), classes="field-label", markup=False)
                yield Select(
                    [(c.name, c.id) for c in self.plan_data.channels],
                    value=channel.id,
                    allow_blank=False,
                    id="channel",
                    compact=True,
                )
            with Horizontal(classes="field-row"):
                yield Label(_("Posts per week"), classes="field-label", markup=False)
                yield FieldInput(str(channel.planned_per_week), id="planned")
            yield Static(id="error-planned", classes="field-error", markup=False)
            with Horizontal(classes="field-row"):
                yield Label(_("Slots"), classes="field-label", markup=False)
                yield FieldInput(
                    describe_rules(stored_rules(channel.slots)),
                    placeholder=_("no slots"),
                    id="slots",
                )
            yield Static(id="error-slots", classes="field-error", markup=False)
            yield Static(id="slots-preview", classes="form-note", markup=False)
            yield Static(
                _(
                    "Slots: 'tue thu 09:00', 'weekdays 08:30', 'mon wed fri 12:00 until "
                    "2027-06-30', 'every 2 weeks thu 16:00 count 10'; join rules with '+'."
                ),
                classes="form-hint",
                markup=False,
            )
            yield from self.form_buttons()

    def on_mount(self) -> None:
        self._preview()

    def on_select_changed(self, event: Select.Changed) -> None:
        chosen = next((c for c in self.plan_data.channels if c.id == event.value), None)
        if chosen is None or chosen.id == self.channel.id:
            return
        self.channel = chosen
        self.query_one("#planned", Input).value = str(chosen.planned_per_week)
        self.query_one("#slots", Input).value = describe_rules(stored_rules(chosen.slots))

    def on_input_changed(self, _event: Input.Changed) -> None:
        self._preview()

    def _preview(self) -> None:
        preview = self.query_one("#slots-preview", Static)
        try:
            rules = self._rules()
            planned = self._planned()
        except InvalidInputError:
            preview.update("")
            return
        preview.update(slot_preview(rules, planned, self.plan_data, self._start(), self.now))

    def _rules(self) -> tuple[Recurrence, ...]:
        return parse_rules(self.query_one("#slots", Input).value, field="slots", with_times=True)

    def _planned(self) -> int:
        text = self.query_one("#planned", Input).value.strip()
        if not text.isdigit() or int(text) > MAX_PER_WEEK:
            raise InvalidInputError(
                "planned",
                _("a whole number from 0 to {MAX_PER_WEEK}").format(MAX_PER_WEEK=MAX_PER_WEEK),
            )
        return int(text)

    def _start(self) -> date:
        """Unchanged rules keep counting from their first day; changed ones from today."""
        unchanged = self._rules() == stored_rules(self.channel.slots)
        return (self.channel.slots_from if unchanged else None) or self.today

    def action_save(self) -> None:
        problems = []
        for read in (self._planned, self._rules):
            try:
                read()
            except InvalidInputError as error:
                problems.append(error.problem)
        self.show_problems(problems, ("planned", "slots"))
        if problems:
            return
        rules = self._rules()
        self.dismiss(
            replace(
                self.channel,
                planned_per_week=self._planned(),
                slots=rules_text(rules),
                slots_from=self._start() if rules else None,
            )
        )


def slot_preview(
    rules: tuple[Recurrence, ...], planned: int, plan_data: PlanData, start: date, now: datetime
) -> Text:
    """The next slots and how their weekly number compares with the planned frequency."""
    if not rules:
        return Text(_("No slots: 'schedule into next free slot' is off for this channel."))
    timezone = plan_data.plan.timezone
    upcoming = upcoming_slots(rules, start, timezone, now, PREVIEW_COUNT)
    per_week = sum(rule.per_week() for rule in rules)
    lines = Text(_("Next: "))
    lines.append(", ".join(when(local_time(m, timezone)) for m in upcoming) or _("none (ended)"))
    comparison = ngettext(
        "\nAbout {per_week:.3g} slot a week; the plan asks {planned}.",
        "\nAbout {per_week:.3g} slots a week; the plan asks {planned}.",
        1 if per_week == 1 else 2,
    ).format(per_week=per_week, planned=planned)
    style = "" if round(per_week) == planned else "bold"
    lines.append(comparison, style=style)
    return lines
