"""The review of an iteration: goals met or missed, what worked per channel, journey stage
and kind, the best and worst posts, and the lessons and decisions.

Opened to close the current iteration (lessons and decisions are typed here, ctrl+s closes
it and starts the next), or to browse the reviews read-only ([ and ] go from iteration to
iteration)."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Label, Static, TextArea

from socialplan.core import kpi
from socialplan.core.i18n import N_, _
from socialplan.core.model import Iteration, Kind
from socialplan.core.plan_data import PlanData
from socialplan.core.review import (
    IterationClosing,
    IterationReview,
    close_iteration,
    iteration_review,
)
from socialplan.core.validation import InvalidInputError
from socialplan.tui.text import day, goal_status, number, one_line, plain
from socialplan.tui.widgets.field_input import FieldInput
from socialplan.tui.widgets.tables import PlanTable

from .form import FormScreen


class ReviewScreen(FormScreen[IterationClosing]):
    BINDINGS = [
        Binding("left_square_bracket", "browse(-1)", N_("Previous iteration")),
        Binding("right_square_bracket", "browse(1)", N_("Next iteration")),
    ]

    def __init__(
        self, plan_data: PlanData, iteration: Iteration, *, closing_on: date | None = None
    ) -> None:
        """With ``closing_on``, the review closes ``iteration`` that day; else it browses."""
        super().__init__()
        self.plan_data = plan_data
        self.iteration = iteration
        self.closing_on = closing_on
        self.closing = closing_on is not None
        self.review: IterationReview = iteration_review(plan_data, iteration)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "browse":
            return not self.closing
        if action == "save":
            return self.closing
        return True

    def compose(self) -> ComposeResult:
        it = self.iteration
        state = _("closing") if self.closing else (_("closed") if it.closed else _("running"))
        with Vertical(classes="form-dialog review-dialog"):
            yield Label(
                _("Review of iteration {number}: {name} ({day} – {day2}, {state})").format(
                    number=it.number, name=it.name, day=day(it.start), day2=day(it.end), state=state
                ),
                classes="form-title",
                markup=False,
            )
            with VerticalScroll(classes="form-fields review-body"):
                yield Label(
                    _("Objectives due in this iteration"), classes="section-title", markup=False
                )
                yield PlanTable(
                    [_("Objective"), _("Now"), _("Target"), _("Status")],
                    empty=_("No objective has its deadline in this iteration"),
                    id="review-goals",
                )
                yield Label(_("What worked"), classes="section-title", markup=False)
                yield PlanTable(
                    [_("By"), _("Name"), _("Reach"), _("ER %"), _("CTR %"), _("Conv."), _("ROI %")],
                    empty=_("No results in this iteration"),
                    id="review-groups",
                )
                yield Label(
                    _("Best and worst posts (engagement per impression)"),
                    classes="section-title",
                    markup=False,
                )
                yield PlanTable(
                    ["", _("Post"), _("Channel"), _("ER %")],
                    empty=_("No results per post in this iteration"),
                    id="review-posts",
                )
                yield from self._compose_conclusions()
            hint = (
                _("ctrl+s closes the iteration and starts the next · esc cancels")
                if self.closing
                else _("[ ] previous / next iteration · esc closes")
            )
            yield Static(hint, classes="form-hint", markup=False)

    def _compose_conclusions(self) -> ComposeResult:
        if self.closing:
            yield Label(_("Lessons"), classes="section-title", markup=False)
            yield TextArea(id="lessons", compact=True)
            yield Static(id="error-lessons", classes="field-error", markup=False)
            yield Label(_("Decisions, one per line"), classes="section-title", markup=False)
            yield TextArea(id="decisions", compact=True)
            yield Static(id="error-decisions", classes="field-error", markup=False)
            yield Label(_("Name of the next iteration"), classes="section-title", markup=False)
            yield FieldInput(
                placeholder=_("Iteration {next_number}").format(next_number=self._next_number()),
                id="name",
            )
            yield from self.form_buttons()
            return
        yield Label(_("Lessons"), classes="section-title", markup=False)
        yield Static(
            plain(self.iteration.lessons or _("No lessons written.")), classes="prose", markup=False
        )
        yield Label(_("Decisions"), classes="section-title", markup=False)
        decisions = [f"{'✓' if d.done else '·'} {d.text}" for d in self.review.decisions] or [
            _("No decisions recorded.")
        ]
        yield Static(plain("\n".join(decisions)), classes="prose", markup=False)

    def _next_number(self) -> int:
        return max(i.number for i in self.plan_data.iterations) + 1

    def on_mount(self) -> None:
        self._show_review()
        if self.closing:
            self.query_one("#lessons").focus()
        else:
            self.query_one("#review-goals").focus()

    def _show_review(self) -> None:
        review = self.review
        self.query_one("#review-goals", PlanTable).show_rows(
            (
                str(p.goal.id),
                [
                    plain(p.goal.title),
                    number(p.current),
                    f"{number(p.goal.target, digits=0)} {p.goal.unit}".strip(),
                    goal_status(p.status),
                ],
            )
            for p in review.goals
        )
        groups = [
            *((N_("channel"), name, t) for name, t in review.by_channel),
            *((N_("stage"), name, t) for name, t in review.by_stage),
            *((N_("kind"), Kind(name).label, t) for name, t in review.by_kind),
        ]
        self.query_one("#review-groups", PlanTable).show_rows(
            (
                f"{by}:{name}",
                [
                    _(by),
                    plain(name),
                    number(t.reach, digits=0),
                    number(kpi.engagement_rate_by_impressions(t)),
                    number(kpi.click_through_rate(t), digits=2),
                    number(t.conversions, digits=0),
                    number(kpi.social_roi(t), digits=0),
                ],
            )
            for by, name, t in groups
        )
        ranked = [(N_("best"), r) for r in review.best] + [(N_("worst"), r) for r in review.worst]
        self.query_one("#review-posts", PlanTable).show_rows(
            (
                f"{label}:{r.item.id}",
                [
                    _(label),
                    one_line(r.item.title, 50),
                    plain(self.plan_data.channel_name(r.item.channel)),
                    number(r.score),
                ],
            )
            for label, r in ranked
        )

    def action_browse(self, step: int) -> None:
        ordered = sorted(self.plan_data.iterations, key=lambda i: i.number)
        position = ordered.index(self.iteration) + step
        if not 0 <= position < len(ordered):
            self.notify(_("No more iterations that way."))
            return
        self.app.switch_screen(ReviewScreen(self.plan_data, ordered[position]))

    def action_save(self) -> None:
        lessons = self.query_one("#lessons", TextArea).text
        decisions = self.query_one("#decisions", TextArea).text.split("\n")
        name = self.query_one("#name", Input).value
        try:
            assert self.closing_on is not None  # saving is offered only when closing
            closing = close_iteration(self.plan_data, lessons, decisions, self.closing_on, name)
        except InvalidInputError as error:
            self.show_problems([error.problem], ["lessons", "decisions"])
            return
        self.dismiss(closing)
