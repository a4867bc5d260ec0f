"""Modal listing who changed what in the plan, newest first: the whole plan's latest
changes, or (``e``) only those of the post the cursor was on."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from socialplan.core.activity import Change
from socialplan.core.i18n import N_, _
from socialplan.tui.stylesheet import DIALOG_STYLES
from socialplan.tui.text import plain
from socialplan.tui.widgets.translated import TranslatedBindings


class ActivityScreen(TranslatedBindings, ModalScreen[None]):
    CSS_PATH = DIALOG_STYLES
    DEFAULT_CSS = """
    ActivityScreen .activity-dialog {
        width: 100;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    ActivityScreen DataTable {
        height: auto;
        max-height: 18;
        margin: 1 0 0 0;
    }
    """
    BINDINGS = [
        Binding("escape,q,A", "close", N_("Close")),
        Binding("e", "toggle_entry", N_("This entry / whole plan")),
    ]

    def __init__(
        self,
        plan_changes: Sequence[Change],
        entry_changes: Sequence[Change] | None,
        *,
        plan_name: str,
        entry_name: str = "",
        local: Callable[[datetime], datetime],
    ) -> None:
        super().__init__(classes="form-screen")
        self.plan_changes = plan_changes
        self.entry_changes = entry_changes
        self.plan_name = plan_name
        self.entry_name = entry_name
        self.local = local
        """The plan's time zone: every time is shown where the plan is planned."""
        self.entry_only = entry_changes is not None

    def compose(self) -> ComposeResult:
        with Vertical(classes="activity-dialog"):
            yield Label(classes="form-title", markup=False)
            yield DataTable(cursor_type="row", zebra_stripes=True)
            yield Static(classes="activity-keys", markup=False)

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        changes = self.entry_changes if self.entry_only else self.plan_changes
        title = (
            _("History of {name}").format(name=self.entry_name)
            if self.entry_only
            else _("Activity in {name}").format(name=self.plan_name)
        )
        self.query_one(".form-title", Label).update(plain(title))
        table: DataTable[Text] = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_columns(_("When"), _("Who"), _("What"), _("Entry"), _("Fields"))
        for change in changes or ():
            table.add_row(*(Text(cell) for cell in self._cells(change)))
        if not changes:
            table.add_row(Text(_("No changes recorded yet.")), *(Text("") for _n in range(4)))
        keys = _("e: whole plan") if self.entry_only else _("e: this entry only")
        hint = keys if self.entry_changes is not None else ""
        self.query_one(".activity-keys", Static).update(plain(hint))

    def _cells(self, change: Change) -> tuple[str, ...]:
        when = self.local(change.at).strftime("%Y-%m-%d %H:%M")
        what = f"{change.action.label} {change.kind_label}"
        return (when, change.who, what, change.summary, change.fields_label)

    def action_toggle_entry(self) -> None:
        if self.entry_changes is None:
            return
        self.entry_only = not self.entry_only
        self._show()

    def action_close(self) -> None:
        self.dismiss(None)
