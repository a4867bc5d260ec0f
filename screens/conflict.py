"""Modal shown when another session changed an entry this session is saving or deleting:
both versions side by side, and the user decides. Nothing is overwritten without that."""

from __future__ import annotations

from enum import Enum
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Label, Static

from socialplan.core.edits import describe, differences
from socialplan.core.i18n import N_, _
from socialplan.tui.stylesheet import DIALOG_STYLES
from socialplan.tui.text import plain
from socialplan.tui.widgets.translated import TranslatedBindings


class ConflictChoice(Enum):
    KEEP_MINE = "keep"
    TAKE_THEIRS = "take"
    COPY_MINE = "copy"


class ConflictScreen(TranslatedBindings, ModalScreen[ConflictChoice]):
    CSS_PATH = DIALOG_STYLES
    BINDINGS = [
        Binding(
            "k", "choose('keep')", N_("Keep mine"), tooltip=N_("Save your version over theirs")
        ),
        Binding("t,escape", "choose('take')", N_("Take theirs"), tooltip=N_("Drop your change")),
        Binding("c", "choose('copy')", N_("Copy mine"), tooltip=N_("Save yours as a new entry")),
    ]

    def __init__(self, mine: Any, theirs: Any, *, deleting: bool, by: str = "") -> None:
        super().__init__(classes="form-screen")
        self.mine = mine
        self.theirs = theirs
        self.deleting = deleting
        self.by = by
        """Who saved their version, where the store knows."""

    def compose(self) -> ComposeResult:
        what = describe(self.theirs)
        about = (
            _("You were about to delete it; nothing is saved until you choose.")
            if self.deleting
            else _("You were about to save it; nothing is saved until you choose.")
        )
        with Vertical(classes="conflict-dialog"):
            title = (
                _("{what} was changed by {by}").format(what=what, by=self.by)
                if self.by
                else _("{what} was changed in another session").format(what=what)
            )
            yield Label(
                plain(title),
                classes="form-title",
                markup=False,
            )
            yield Static(
                plain(about + " " + _("What differs between your version and theirs:")),
                markup=False,
            )
            table: DataTable[Text] = DataTable(cursor_type="row", zebra_stripes=True)
            table.add_columns(_("Field"), _("Yours"), _("Theirs"))
            for field, mine, theirs in differences(self.mine, self.theirs):
                table.add_row(Text(field), Text(mine), Text(theirs))
            yield table
            with Horizontal(classes="form-buttons"):
                keep = _("Delete anyway (k)") if self.deleting else _("Keep mine (k)")
                yield Button(keep, variant="warning", id="keep", compact=True)
                yield Button(_("Take theirs (t)"), variant="primary", id="take", compact=True)
                if not self.deleting:
                    yield Button(_("Copy mine as new (c)"), id="copy", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_choose(event.button.id or "take")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action == "choose" and parameters == ("copy",) and self.deleting)

    def action_choose(self, choice: str) -> None:
        self.dismiss(ConflictChoice(choice))


class DeletedElsewhereScreen(TranslatedBindings, ModalScreen[bool]):
    """The entry being saved was deleted in another session meanwhile: the typed changes
    are still here, and can be saved as a new entry (True) or dropped (False)."""

    CSS_PATH = DIALOG_STYLES
    BINDINGS = [
        Binding("c", "answer(True)", N_("Copy mine"), tooltip=N_("Save yours as a new entry")),
        Binding("escape,d", "answer(False)", N_("Drop mine"), tooltip=N_("Leave it deleted")),
    ]

    def __init__(self, mine: Any) -> None:
        super().__init__(classes="form-screen")
        self.mine = mine

    def compose(self) -> ComposeResult:
        with Vertical(classes="conflict-dialog"):
            yield Label(
                plain(_("{what} was deleted in another session").format(what=describe(self.mine))),
                classes="form-title",
                markup=False,
            )
            yield Static(
                plain(
                    _(
                        "Your changes are not lost: save them as a new entry, or drop "
                        "them and leave it deleted."
                    )
                ),
                markup=False,
            )
            with Horizontal(classes="form-buttons"):
                yield Button(_("Copy mine as new (c)"), variant="primary", id="copy", compact=True)
                yield Button(_("Drop mine (d)"), id="drop", compact=True)

    def on_mount(self) -> None:
        self.query_one("#copy", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "copy")

    def action_answer(self, copy: bool) -> None:
        self.dismiss(copy)
