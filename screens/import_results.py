"""Importing measured results in the app: which file, then a review of the rows (matched
to planned posts or not) where the user matches the others or keeps them as channel
totals, before anything is written."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from socialplan.core.i18n import N_, _, format_date
from socialplan.core.imports import ImportPlan, RowMatch
from socialplan.core.model import Channel
from socialplan.core.plan_data import PlanData
from socialplan.core.schedule import local_time
from socialplan.core.validation import Problem, clean_text
from socialplan.tui.text import number, one_line, plain
from socialplan.tui.widgets.field_input import FieldInput
from socialplan.tui.widgets.tables import PlanTable

from .form import FormScreen

CHANNEL_TOTAL = "channel-total"
NEARBY_DAYS = 7


class ImportFileForm(FormScreen[Path]):
    """Asks for the export's path; refuses one that is not a file."""

    BINDINGS = [Binding("ctrl+s", "save", N_("Import"), priority=True)]

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-dialog"):
            yield Label(_("Import measured results"), classes="form-title", markup=False)
            yield Static(
                _(
                    "An analytics export as downloaded (.csv, .xlsx, .xls or .ods): LinkedIn "
                    "page posts, Meta Business Suite posts (Facebook, Instagram), X account "
                    "analytics content or YouTube Studio table data."
                ),
                classes="form-note",
                markup=False,
            )
            yield FieldInput(placeholder="path/to/export.csv", id="path")
            yield Static(id="error-path", classes="field-error", markup=False)
            yield Static(_("enter reads the file · esc cancels"), classes="form-hint", markup=False)
            yield from self.form_buttons(_("Import"))

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def action_save(self) -> None:
        raw = self.query_one("#path", Input).value.strip()
        path = Path(raw).expanduser()
        if not raw or not path.is_file():
            message = (
                _("type the path of the export")
                if not raw
                else _("no file at {path}").format(path=path)
            )
            self.show_problems([Problem("path", message)], ["path"])
            return
        self.dismiss(path)


class ImportReviewScreen(FormScreen[ImportPlan]):
    """Every row with the post it was matched to; enter on a row matches it by hand."""

    BINDINGS = [Binding("ctrl+s", "save", N_("Import"), priority=True)]

    def __init__(self, planned: ImportPlan, plan_data: PlanData, source: str) -> None:
        super().__init__()
        self.planned = planned
        self.plan_data = plan_data
        self.source = source

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-dialog review-dialog"):
            yield Label(
                _("Import from {source}").format(source=self.source),
                classes="form-title",
                markup=False,
            )
            yield Static(id="import-summary", classes="form-note", markup=False)
            yield PlanTable(
                [
                    _("Line"),
                    _("Day"),
                    _("Post text"),
                    _("Impr."),
                    _("Eng."),
                    _("Matched by"),
                    _("Becomes"),
                ],
                empty=_("No rows"),
                id="import-rows",
            )
            yield Static(
                _(
                    "enter matches a row to a planned post or keeps it as a channel total · "
                    "ctrl+s imports · esc cancels (nothing is written)"
                ),
                classes="form-hint",
                markup=False,
            )
            yield from self.form_buttons(_("Import"))

    def on_mount(self) -> None:
        self._show()
        table = self.query_one("#import-rows", PlanTable)
        table.focus()
        first_open = next((n for n, row in enumerate(self.planned.rows) if not row.matched), None)
        if first_open is not None:
            table.move_cursor(row=first_open)

    def _show(self) -> None:
        summary = f"{self.planned.describe()}. {self.planned.measures().capitalize()}."
        self.query_one("#import-summary", Static).update(plain(summary))
        titles = {i.id: i.title for i in self.plan_data.items}
        self.query_one("#import-rows", PlanTable).show_rows(
            (
                str(position),
                [
                    str(row.post.line),
                    row.post.posted.isoformat(),
                    one_line(row.post.text, 40),
                    number(row.post.impressions, digits=0),
                    number(row.post.engagements, digits=0),
                    row.why.label,
                    _becomes(row, titles, self.planned.channel.name),
                ],
            )
            for position, row in enumerate(self.planned.rows)
        )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        position = int(str(event.row_key.value))
        row = self.planned.rows[position]

        def chosen(choice: str | None) -> None:
            if choice is None:
                return
            item = None if choice == CHANNEL_TOTAL else int(choice)
            self.planned = self.planned.with_item(position, item)
            self._show()

        self.app.push_screen(MatchPostScreen(row, self.planned, self.plan_data), chosen)

    def action_save(self) -> None:
        self.dismiss(self.planned)


def _becomes(row: RowMatch, titles: dict[int, str], channel: str) -> Text:
    if row.result.item is None:
        return Text(_("{channel} total").format(channel=channel), style="bold dark_orange")
    return one_line(f"→ {titles.get(row.result.item, '?')}", 40)


class PickOneScreen(FormScreen[str]):
    """A dialog around one OptionList (``#choices``): enter or ctrl+s picks the option
    highlighted, and the dialog returns its id."""

    def on_mount(self) -> None:
        self.query_one("#choices", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_save(self) -> None:
        choices = self.query_one("#choices", OptionList)
        if choices.highlighted is not None:
            self.dismiss(choices.get_option_at_index(choices.highlighted).id)


class MatchPostScreen(PickOneScreen):
    """The posts of the row's channel within a week of its day, nearest first."""

    def __init__(self, row: RowMatch, planned: ImportPlan, plan_data: PlanData) -> None:
        super().__init__()
        self.row = row
        self.planned = planned
        self.plan_data = plan_data

    def compose(self) -> ComposeResult:
        day = self.row.post.posted
        zone = self.plan_data.plan.timezone
        nearby = [
            (abs((local_time(i.scheduled_at, zone).date() - day).days), i)
            for i in self.plan_data.items
            if i.channel == self.planned.channel.id
            and i.scheduled_at
            and abs(local_time(i.scheduled_at, zone).date() - day) <= timedelta(NEARBY_DAYS)
        ]
        total = Text(
            _("Keep as a {clean_text} total").format(
                clean_text=clean_text(self.planned.channel.name)
            )
        )
        options = [Option(total, id=CHANNEL_TOTAL)]
        for _distance, item in sorted(nearby, key=lambda pair: (pair[0], pair[1].id)):
            assert item.scheduled_at is not None
            when = local_time(item.scheduled_at, zone)
            label = Text(format_date(when, "%a %d %b") + " · ").append_text(
                one_line(item.title, 50)
            )
            options.append(Option(label, id=str(item.id)))
        with Vertical(classes="form-dialog"):
            yield Label(_("Which planned post is this?"), classes="form-title", markup=False)
            yield Static(
                one_line(f"{day}: {self.row.post.text}", 120), classes="form-note", markup=False
            )
            yield OptionList(*options, id="choices")
            yield Static(_("enter chooses · esc goes back"), classes="form-hint", markup=False)


class ChooseChannelScreen(PickOneScreen):
    """No channel is called after the platform: which of the plan's channels is it?"""

    def __init__(self, channels: Sequence[Channel], why: str) -> None:
        super().__init__()
        self.channels = channels
        self.why = why

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-dialog"):
            yield Label(
                _("Which channel are these results of?"), classes="form-title", markup=False
            )
            yield Static(
                _("{why}. The choice is remembered for the next import.").format(
                    why=self.why[:1].upper() + self.why[1:]
                ),
                classes="form-note",
                markup=False,
            )
            yield OptionList(
                *(Option(one_line(c.name, 60), id=c.name) for c in self.channels), id="choices"
            )
            yield Static(_("enter chooses · esc cancels"), classes="form-hint", markup=False)
