"""Modal form to add or edit a content item. Returns the item, or None when cancelled."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, Static, TextArea

from socialplan.core.i18n import _
from socialplan.core.limits import Length, post_length
from socialplan.core.model import ContentItem, Kind, Status
from socialplan.core.numbers import format_number
from socialplan.core.plan_data import PlanData
from socialplan.core.recurrence import describe_rules, parse_rules, rules_text, stored_rules
from socialplan.core.schedule import local_time
from socialplan.core.series import check_item
from socialplan.core.validation import InvalidInputError, clean_text, parse_when
from socialplan.tui.text import plain
from socialplan.tui.widgets.field_input import FieldInput, OwnerInput

from .form import FormScreen

FIELDS = ("title", "scheduled", "repeat", "channel", "stage", "kind", "status", "pillar", "body")


class ItemForm(FormScreen[ContentItem]):
    AUTO_FOCUS = "#title"

    def __init__(self, item: ContentItem, plan_data: PlanData) -> None:
        super().__init__()
        self.item = item
        self.plan_data = plan_data

    def compose(self) -> ComposeResult:
        item, plan_data = self.item, self.plan_data
        heading = _("Edit content item") if item.id else _("New content item")
        with Vertical(classes="form-dialog"):
            yield Label(heading, classes="form-title", markup=False)
            if item.review_comment:
                yield Static(
                    Text(_("Sent back from review: ")).append_text(plain(item.review_comment)),
                    classes="review-comment",
                    markup=False,
                )
            with VerticalScroll(classes="form-fields", can_focus=False):
                yield from self._field(_("Title"), "title", FieldInput(item.title, id="title"))
                yield from self._field(
                    _("When"),
                    "scheduled",
                    FieldInput(
                        self._when_text(),
                        placeholder=_("unscheduled"),
                        id="scheduled",
                    ),
                )
                yield from self._repeat_field()
                yield from self._field(
                    _("Channel"),
                    "channel",
                    Select(
                        [(c.name, c.id) for c in plan_data.channels],
                        value=item.channel or Select.NULL,
                        id="channel",
                        prompt=_("Choose a channel"),
                        compact=True,
                    ),
                )
                yield from self._field(
                    _("Journey stage"),
                    "stage",
                    Select(
                        [(s.name, s.id) for s in plan_data.ordered_stages()],
                        value=item.stage or Select.NULL,
                        id="stage",
                        prompt=_("Choose a stage"),
                        compact=True,
                    ),
                )
                yield from self._field(
                    _("Kind"),
                    "kind",
                    Select(
                        [(k.label, k) for k in Kind],
                        value=item.kind,
                        allow_blank=False,
                        id="kind",
                        compact=True,
                    ),
                )
                yield from self._field(
                    "", "cta", Checkbox(_("Call to action"), item.cta, id="cta", compact=True)
                )
                yield from self._field(
                    "",
                    "evergreen",
                    Checkbox(
                        _("Evergreen (can be re-queued)"),
                        item.evergreen,
                        id="evergreen",
                        compact=True,
                    ),
                )
                yield from self._field(
                    _("Status"),
                    "status",
                    Select(
                        [(s.label, s) for s in Status],
                        value=item.status,
                        allow_blank=False,
                        id="status",
                        compact=True,
                    ),
                )
                yield from self._field(
                    _("Content pillar"),
                    "pillar",
                    _optional_choice("pillar", plan_data.pillars, item.pillar),
                )
                yield from self._field(
                    _("Owner"),
                    "owner",
                    OwnerInput(item.owner, plan_data.team, id="owner"),
                )
                yield from self._field(_("Link"), "link", FieldInput(item.link, id="link"))
                yield from self._field(
                    _("Persona"),
                    "persona",
                    _optional_choice("persona", plan_data.personas, item.persona),
                )
                yield from self._field(
                    _("Media URL"), "media_url", FieldInput(item.media_url, id="media_url")
                )
                yield from self._field(
                    _("Tags"),
                    "tags",
                    FieldInput(
                        ", ".join(item.tags),
                        placeholder=_("separated by commas"),
                        id="tags",
                    ),
                )
                yield Label(_("Body"), classes="field-label", markup=False)
                yield TextArea(item.body, id="body", compact=True)
                yield Static(id="error-body", classes="field-error", markup=False)
                yield Static(id="length", classes="form-note", markup=False)
                yield Static(
                    _(
                        "When: YYYY-MM-DD HH:MM in the plan's time zone, empty for unscheduled.\n"
                        "Repeat: 'weekly count 6', 'every 2 weeks until 2027-03-31', "
                        "'monthly last day count 3', 'tue thu until 2027-01-31'."
                    ),
                    classes="form-hint",
                    markup=False,
                )
            yield from self.form_buttons()

    def on_mount(self) -> None:
        self._show_length()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "title":
            self._show_length()

    def on_text_area_changed(self, _event: TextArea.Changed) -> None:
        self._show_length()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "channel":
            self._show_length()

    def _show_length(self) -> None:
        """The text's length against the channel's limit, as it is typed."""
        channel_id = self.query_one("#channel", Select).value
        channel = next((c for c in self.plan_data.channels if c.id == channel_id), None)
        line = self.query_one("#length", Static)
        if channel is None:
            line.update("")
            return
        title = self.query_one("#title", Input).value
        length = post_length(title, self.query_one("#body", TextArea).text, channel)
        line.update(length_line(length, channel.name))

    @staticmethod
    def _field(label: str, name: str, widget: Widget) -> ComposeResult:
        """A one-line row (label, then the field) with its error message beneath."""
        with Horizontal(classes="field-row"):
            yield Label(label, classes="field-label", markup=False)
            yield widget
        yield Static(id=f"error-{name}", classes="field-error", markup=False)

    def _repeat_field(self) -> ComposeResult:
        """The repeat rule; a repeat itself shows which item it repeats instead."""
        if self.item.series is not None:
            head = self.plan_data.item(self.item.series)
            title = head.title if head else _("a deleted item")
            yield Static(
                Text(_("Repeat of "))
                .append_text(plain(title))
                .append(_(": edit that item's rule")),
                classes="form-note",
                markup=False,
            )
            return
        spoken = describe_rules(stored_rules(self.item.repeat))
        yield from self._field(
            _("Repeat"),
            "repeat",
            FieldInput(spoken, placeholder=_("does not repeat"), id="repeat"),
        )

    def _when_text(self) -> str:
        when = self.item.scheduled_at
        if when is None:
            return ""
        return local_time(when, self.plan_data.plan.timezone).strftime("%Y-%m-%d %H:%M")

    def action_save(self) -> None:
        try:
            item = self._read_item()
        except InvalidInputError as error:
            self.show_problems([error.problem], (*FIELDS, "owner", "link"))
            return
        problems = check_item(item, self.plan_data)
        if problems:
            self.show_problems(problems, (*FIELDS, "owner", "link"))
            return
        self.dismiss(item)

    def _read_item(self) -> ContentItem:
        scheduled = parse_when(
            self.query_one("#scheduled", Input).value, self.plan_data.plan.timezone
        )
        return replace(
            self.item,
            title=clean_text(self.query_one("#title", Input).value),
            scheduled_at=scheduled,
            repeat=self._read_repeat(),
            channel=self._selected("channel", 0),
            stage=self._selected("stage", 0),
            kind=self._selected("kind", Kind.CONTENT),
            cta=self.query_one("#cta", Checkbox).value,
            evergreen=self.query_one("#evergreen", Checkbox).value,
            status=self._selected("status", Status.IDEA),
            pillar=self._selected("pillar", None),
            owner=clean_text(self.query_one("#owner", Input).value),
            link=clean_text(self.query_one("#link", Input).value),
            persona=self._selected("persona", None),
            media_url=clean_text(self.query_one("#media_url", Input).value),
            tags=_tags(self.query_one("#tags", Input).value),
            body=clean_text(self.query_one("#body", TextArea).text, multiline=True),
        )

    def _read_repeat(self) -> str:
        if self.item.series is not None:
            return self.item.repeat
        text = self.query_one("#repeat", Input).value
        return rules_text(parse_rules(text, field="repeat", with_times=False))

    def _selected(self, name: str, default: Any) -> Any:
        value = self.query_one(f"#{name}", Select).value
        return default if value is Select.NULL else value


def _tags(text: str) -> tuple[str, ...]:
    """Comma-separated tags, cleaned, each once, in the order typed."""
    tags = (clean_text(tag) for tag in text.split(","))
    return tuple(dict.fromkeys(tag for tag in tags if tag))


def _optional_choice(name: str, entries: Sequence[Any], chosen: int | None) -> Select[int]:
    """A list of the plan's named entries (pillars, personas) where none is a choice too."""
    return Select(
        [(entry.name, entry.id) for entry in entries],
        value=chosen if chosen is not None else Select.NULL,
        id=name,
        prompt=_("(none)"),
        compact=True,
    )


def length_line(length: Length, channel: str) -> Content:
    """'212 / 3,000 characters on LinkedIn', with what is over the limit as a warning."""
    if length.limit is None:
        return Content(_("{count} characters").format(count=format_number(length.count)))
    text = _("{count} / {limit} characters on {channel}").format(
        count=format_number(length.count), limit=format_number(length.limit), channel=channel
    )
    if length.hashtag_limit is not None:
        text += _(" · {hashtags} / {hashtag_limit} hashtags").format(
            hashtags=length.hashtags, hashtag_limit=length.hashtag_limit
        )
    if not length.over:
        return Content(text)
    return Content.assemble(("⚠ " + text + _(": over the limit"), "bold $warning"))
