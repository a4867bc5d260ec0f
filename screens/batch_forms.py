"""The forms for many posts at once: one change to every marked post, and the channels a
post is cross-posted to."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Select, SelectionList, Static

from socialplan.core.batch_edit import BatchChange
from socialplan.core.i18n import _, ngettext
from socialplan.core.model import ContentItem, Status
from socialplan.core.numbers import NumberError, parse_whole
from socialplan.core.plan_data import PlanData
from socialplan.core.validation import Problem, clean_text
from socialplan.tui.widgets.field_input import FieldInput, OwnerInput

from .form import FormScreen

MAX_SHIFT_DAYS = 3660


class BatchForm(FormScreen[BatchChange]):
    """What to change on every marked post; a field left as it is keeps each post's own."""

    def __init__(self, count: int, plan_data: PlanData) -> None:
        super().__init__()
        self.count = count
        self.plan_data = plan_data

    def compose(self) -> ComposeResult:
        plan_data = self.plan_data
        keep = _("keep each post's own")
        title = ngettext("Change {count} marked post", "Change {count} marked posts", self.count)
        with Vertical(classes="form-dialog"):
            yield Label(title.format(count=self.count), classes="form-title", markup=False)
            yield from _row(
                _("Stage"),
                Select(
                    [(Text(clean_text(s.name)), s.id) for s in plan_data.ordered_stages()],
                    prompt=keep,
                    id="stage",
                    compact=True,
                ),
            )
            yield from _row(
                _("Status"),
                Select([(s.label, s) for s in Status], prompt=keep, id="status", compact=True),
            )
            yield from _row(
                _("Channel"),
                Select(
                    [(Text(clean_text(c.name)), c.id) for c in plan_data.channels],
                    prompt=keep,
                    id="channel",
                    compact=True,
                ),
            )
            yield from _row(_("Owner"), OwnerInput("", plan_data.team, id="owner"))
            yield from _row(_("Move by days"), FieldInput(placeholder=_("0: keep"), id="days"))
            yield Static(id="error-days", classes="field-error", markup=False)
            yield Static(
                _("one edit: ctrl+z takes it back whole · ctrl+s changes · esc cancels"),
                classes="form-hint",
                markup=False,
            )
            yield from self.form_buttons(_("Change"))

    def action_save(self) -> None:
        try:
            days = _days(self.query_one("#days", FieldInput).value)
        except NumberError as error:
            self.show_problems([Problem("days", str(error))], ["days"])
            return
        owner = clean_text(self.query_one("#owner", OwnerInput).value).strip()
        self.dismiss(
            BatchChange(
                stage=_chosen_id(self.query_one("#stage", Select)),
                status=_chosen_status(self.query_one("#status", Select)),
                channel=_chosen_id(self.query_one("#channel", Select)),
                owner=owner or None,
                shift_days=days,
            )
        )


class CrossPostForm(FormScreen[tuple[int, ...]]):
    """The channels a post gets a variant on."""

    def __init__(self, item: ContentItem, plan_data: PlanData) -> None:
        super().__init__()
        self.item = item
        self.plan_data = plan_data

    def compose(self) -> ComposeResult:
        others = [c for c in self.plan_data.channels if c.id != self.item.channel]
        with Vertical(classes="form-dialog"):
            yield Label(
                _("Cross-post '{title}'").format(title=self.item.title),
                classes="form-title",
                markup=False,
            )
            yield SelectionList(
                *((Text(clean_text(c.name)), c.id, False) for c in others),
                id="channels",
                compact=True,
            )
            yield Static(id="error-channels", classes="field-error", markup=False)
            yield Static(
                _(
                    "↑↓ move · space ticks a channel · each variant keeps its own text, time "
                    "and status"
                ),
                classes="form-hint",
                markup=False,
            )
            yield from self.form_buttons(_("Cross-post"))

    def action_save(self) -> None:
        chosen = tuple(self.query_one("#channels", SelectionList).selected)
        if not chosen:
            message = _("tick at least one channel (space)")
            self.show_problems([Problem("channels", message)], ["channels"])
            return
        self.dismiss(chosen)


def _row(label: str, widget: Select[object] | FieldInput) -> ComposeResult:
    with Horizontal(classes="field-row"):
        yield Label(label, classes="field-label", markup=False)
        yield widget


def _chosen_id(select: Select[object]) -> int | None:
    return select.value if isinstance(select.value, int) else None


def _chosen_status(select: Select[object]) -> Status | None:
    return select.value if isinstance(select.value, Status) else None


def _days(text: str) -> int:
    """A whole number of days, earlier when below zero; 0 when left empty."""
    days = parse_whole(text) or 0
    if abs(days) > MAX_SHIFT_DAYS:
        raise NumberError(_("at most {days} days").format(days=MAX_SHIFT_DAYS))
    return days
