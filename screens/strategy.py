"""Phase 2, Strategy: the social marketing plan as a guided plan.

Each step of the model is a section the user opens (enter on its title), fills (a / e / d)
and marks complete (m); the line at the top shows the progress across steps.
"""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Collapsible, Static

from socialplan.core.checks import consistency_checks
from socialplan.core.cycle import phase_named
from socialplan.core.entries import CHANNEL_CHOICE, MEDIA_PLAN
from socialplan.core.i18n import N_, _
from socialplan.core.model import (
    Channel,
    Decision,
    Goal,
    OnlineBehaviour,
    Persona,
    Pillar,
    SocialActivity,
    Stage,
)
from socialplan.core.plan_data import PlanData
from socialplan.core.review import open_decisions
from socialplan.core.steps import (
    STRATEGY_STEPS,
    StepState,
    StrategyProgress,
    strategy_progress,
    toggle_step,
)
from socialplan.core.validation import InvalidInputError, clean_text
from socialplan.tui.messages import ExportPlan, SaveEntity
from socialplan.tui.text import day, number, one_line, plain, tick
from socialplan.tui.widgets.prose import ProseView
from socialplan.tui.widgets.tables import PlanTable

from .lists import LIST_BINDINGS, ListScreen, ListSpec, ProseSpec

STEP_ID = "step-"


class StepSection(Collapsible):
    """A step's section; one just opened scrolls to the top once it has been laid out open.

    Scrolling after the next refresh is not enough while the app starts or switches
    screens: Textual then runs such callbacks before the first layout. Scrolling only
    then is not enough either: the section closing above it may be laid out a refresh
    later, and under load the list stayed a line short of the top (1 in about 25 runs
    of the Strategy form's snapshot); so it scrolls once more after the next refresh."""

    scroll_when_laid_out = False

    def on_resize(self) -> None:
        if self.scroll_when_laid_out:
            self.scroll_when_laid_out = False
            self.scroll_visible(top=True, animate=False)
            self.call_after_refresh(self.scroll_visible, top=True, animate=False)


class StrategyScreen(ListScreen):
    PHASE = phase_named("strategy")
    BINDINGS = [
        *LIST_BINDINGS,
        Binding("m", "mark_step", N_("Mark step complete")),
        Binding("right_square_bracket", "step(1)", N_("Next step")),
        Binding("left_square_bracket", "step(-1)", N_("Previous step")),
        Binding("x", "export_plan", N_("Export plan (Markdown)")),
    ]
    LISTS = {
        "personas": ListSpec(Persona, N_("persona")),
        "goals": ListSpec(Goal, N_("objective")),
        "behaviour": ListSpec(OnlineBehaviour, N_("online behaviour row")),
        "channels": ListSpec(Channel, N_("channel"), CHANNEL_CHOICE),
        "stages": ListSpec(Stage, N_("journey stage")),
        "pillars": ListSpec(Pillar, N_("content pillar")),
        "activities": ListSpec(SocialActivity, N_("social activity")),
        "decisions": ListSpec(
            Decision,
            N_("decision"),
            english_elsewhere=N_("Decisions come from closing an iteration (Measure, C)."),
        ),
        "media": ListSpec(
            Channel,
            N_("media plan of the channel"),
            MEDIA_PLAN,
            english_elsewhere=N_("Channels are added and removed in step 6, Channel selection."),
            english_title=N_("Media plan of {name}"),
        ),
    }
    PROSE = {
        "strategy-inputs": ProseSpec("inputs", N_("business and marketing strategy")),
        "problem": ProseSpec("problem", N_("problem statement")),
        "frameworks": ProseSpec("frameworks", N_("strategic frameworks")),
    }

    def compose_main(self) -> ComposeResult:
        yield Static(id="progress", classes="summary-line", markup=False)
        with VerticalScroll(classes="phase-scroll"):
            with Collapsible(title=_("Decisions"), id="decisions-section", classes="step"):
                yield PlanTable(
                    [_("From review of"), _("Decision")],
                    empty=_("No open decisions"),
                    id="decisions",
                )
            with Collapsible(title=_("Consistency checks"), id="checks-section", classes="step"):
                yield Static(id="checks", classes="prose", markup=False)
            for number_, step in enumerate(STRATEGY_STEPS, start=1):
                with StepSection(
                    title=f"{number_}. {step.title}", id=f"{STEP_ID}{step.key}", classes="step"
                ):
                    yield Static(step.asks, classes="step-asks", markup=False)
                    yield Static(id=f"gap-{step.key}", classes="step-gap", markup=False)
                    yield from self._step_body(step.key)

    def _step_body(self, key: str) -> ComposeResult:
        tables = {
            "personas": (
                [_("Persona"), _("Role"), _("Goals"), _("Pain points"), _("Formats")],
                _("No personas yet"),
            ),
            "goals": (
                [_("Objective"), "KPI", _("Target"), _("Deadline"), _("Channels")],
                _("No objectives yet"),
            ),
            "behaviour": (
                [_("Persona"), _("Channel"), _("Present"), _("Activity"), _("When")],
                _("No online behaviour recorded"),
            ),
            "channels": ([_("Channel"), _("Posts/week"), _("Why")], _("No channels chosen")),
            "integration": (
                [_("Social activity"), _("Connects to"), _("Channels")],
                _("No social activities recorded"),
            ),
            "media": (
                [_("Channel"), _("Role"), _("Audience"), _("Formats"), _("Posts/week"), _("Owner")],
                _("Choose channels first"),
            ),
        }
        prose = {"inputs": "strategy-inputs", "problem": "problem", "frameworks": "frameworks"}
        if key in prose:
            yield ProseView(id=prose[key], classes="prose")
        elif key == "content":
            yield PlanTable(
                [_("Stage"), _("Formats"), _("Pillars"), _("About")],
                empty=_("No stages"),
                id="stages",
            )
            yield PlanTable(
                [_("Content pillar"), _("Journey stages"), _("About")],
                empty=_("No content pillars yet"),
                id="pillars",
            )
        else:
            columns, empty = tables[key]
            table_id = "activities" if key == "integration" else key
            yield PlanTable(columns, empty=empty, id=table_id)

    def focus_start(self) -> None:
        """Open the first step that is not complete yet: where the team goes on."""
        following = strategy_progress(self.plan_data).next_step
        self._open_step(following.step.key if following else STRATEGY_STEPS[0].key)

    def _open_step(self, key: str) -> None:
        """Open the step's section, close the others, and put the focus on its title."""
        section = self.query_one(f"#{STEP_ID}{key}", StepSection)
        if section.collapsed:
            section.scroll_when_laid_out = True
        else:
            self.call_after_refresh(section.scroll_visible, top=True, animate=False)
        for each in self.query(".step").results(Collapsible):
            each.collapsed = each is not section
        section.query_one("CollapsibleTitle").focus()

    def _current_step(self) -> str | None:
        """The key of the step the focus is in, if any."""
        focused = self.focused
        for node in [focused, *focused.ancestors] if focused else []:
            if isinstance(node, Collapsible) and (node.id or "").startswith(STEP_ID):
                return (node.id or "").removeprefix(STEP_ID)
        return None

    def action_step(self, delta: int) -> None:
        keys = [step.key for step in STRATEGY_STEPS]
        current = self._current_step()
        if current is None:
            target = 0 if delta > 0 else len(keys) - 1
        else:
            target = max(0, min(len(keys) - 1, keys.index(current) + delta))
        self._open_step(keys[target])

    def action_mark_step(self) -> None:
        key = self._current_step()
        if key is None:
            self.notify(_("Move to a step first ([ and ] go from step to step)."))
            return
        try:
            plan = toggle_step(key, self.plan_data)
        except InvalidInputError as error:
            self.notify(error.problem.message, title=_("Step not complete"), severity="warning")
            return
        self.post_message(SaveEntity(plan))
        if key in plan.completed_steps:
            following = strategy_progress(replace(self.plan_data, plan=plan)).next_step
            if following is not None:
                self._open_step(following.step.key)

    def action_export_plan(self) -> None:
        self.post_message(ExportPlan())

    def show_plan(self, plan_data: PlanData) -> None:
        checks = consistency_checks(plan_data)
        failing = sum(1 for check in checks if not check.ok)
        self.query_one("#checks-section", Collapsible).title = (
            _("⚠ Consistency checks: {failing} of {count} fail").format(
                failing=failing, count=len(checks)
            )
            if failing
            else _("✓ Consistency checks: all {count} pass").format(count=len(checks))
        )
        self.query_one("#checks", Static).update(checks_content(plan_data))
        self._show_decisions(plan_data)
        progress = strategy_progress(plan_data)
        self.query_one("#progress", Static).update(progress_content(progress))
        for status in progress.steps:
            key = status.step.key
            title = f"{status.state.mark} {status.number}. {status.step.title}"
            self.query_one(f"#{STEP_ID}{key}", Collapsible).title = title
            self.query_one(f"#gap-{key}", Static).update(gap_content(status.state, status.gap))
        self._show_prose(plan_data)
        self._show_tables(plan_data)

    def _show_decisions(self, plan_data: PlanData) -> None:
        """The review decisions still to act upon; one marked acted upon leaves the list."""
        waiting = open_decisions(plan_data)
        section = self.query_one("#decisions-section", Collapsible)
        section.title = _("⚑ Decisions to act upon: {count}").format(count=len(waiting))
        section.display = bool(waiting)
        self.query_one("#decisions", PlanTable).show_rows(
            (str(d.id), [_("iteration {iteration}").format(iteration=d.iteration), plain(d.text)])
            for d in waiting
        )

    def _show_prose(self, plan_data: PlanData) -> None:
        plan = plan_data.plan
        self.query_one("#strategy-inputs", Static).update(
            Text.assemble(
                (_("Business: "), "bold"),
                plain(plan.business_strategy or "-"),
                "\n",
                (_("Marketing: "), "bold"),
                plain(plan.marketing_strategy or "-"),
            )
        )
        self.query_one("#problem", Static).update(
            Text.assemble(
                plain(plan.problem_statement or _("No problem statement yet.")),
                *bullets(plan.points_of_attention),
            )
        )
        budget = number(plan.budget, _(" per iteration"), digits=0)
        hours = number(plan.hours_per_week, _(" a week"), digits=0)
        self.query_one("#frameworks", Static).update(
            Text.assemble(
                (_("Tone: "), "bold"),
                plain(plan.tone or "-"),
                "\n",
                (_("Do's:"), "bold"),
                *bullets(plan.dos),
                "\n",
                (_("Don'ts:"), "bold"),
                *bullets(plan.donts),
                "\n",
                (_("Budget: "), "bold"),
                budget,
                "  ",
                (_("Hours: "), "bold"),
                hours,
            )
        )

    def _show_tables(self, plan_data: PlanData) -> None:
        personas = {p.id: p.name for p in plan_data.personas}
        self.query_one("#personas", PlanTable).show_rows(
            (
                str(p.id),
                [
                    plain(p.name),
                    one_line(p.role, 30),
                    one_line(p.goals, 40),
                    one_line(p.pain_points, 40),
                    one_line(p.preferred_formats, 30),
                ],
            )
            for p in plan_data.personas
        )
        self.query_one("#goals", PlanTable).show_rows(
            (
                str(g.id),
                [
                    plain(g.title),
                    plain(g.kpi),
                    f"{number(g.target, digits=0)} {g.unit}".strip(),
                    day(g.deadline),
                    plain(", ".join(plan_data.channel_name(c) for c in g.channels)),
                ],
            )
            for g in plan_data.goals
        )
        self.query_one("#behaviour", PlanTable).show_rows(
            (
                str(b.id),
                [
                    plain(personas.get(b.persona, "?")),
                    plain(plan_data.channel_name(b.channel)),
                    tick(b.present),
                    b.activity.label,
                    plain(b.when),
                ],
            )
            for b in plan_data.behaviour
        )
        self.query_one("#channels", PlanTable).show_rows(
            (str(c.id), [plain(c.name), str(c.planned_per_week), plain(c.reason)])
            for c in plan_data.channels
        )
        self.query_one("#media", PlanTable).show_rows(
            (
                str(c.id),
                [
                    plain(c.name),
                    plain(c.role),
                    plain(c.audience),
                    plain(c.formats),
                    str(c.planned_per_week),
                    plain(c.owner),
                ],
            )
            for c in plan_data.channels
        )
        self.query_one("#stages", PlanTable).show_rows(
            (
                str(s.id),
                [
                    plain(s.name),
                    plain(s.formats),
                    plain(", ".join(p.name for p in plan_data.pillars if s.id in p.stages) or "-"),
                    one_line(s.description, 60),
                ],
            )
            for s in plan_data.ordered_stages()
        )
        self.query_one("#pillars", PlanTable).show_rows(
            (
                str(p.id),
                [
                    plain(p.name),
                    plain(", ".join(plan_data.stage_name(s) for s in p.stages) or "-"),
                    one_line(p.description, 60),
                ],
            )
            for p in plan_data.pillars
        )
        self.query_one("#activities", PlanTable).show_rows(
            (
                str(a.id),
                [
                    plain(a.name),
                    plain(", ".join(a.connects_to))
                    if any(t.strip() for t in a.connects_to)
                    else Text(_("island: connects to nothing"), style="bold"),
                    plain(", ".join(plan_data.channel_name(c) for c in a.channels)),
                ],
            )
            for a in plan_data.activities
        )


def checks_content(plan_data: PlanData) -> Content:
    """Each check with ✓, or ⚠ and every place that fails it."""
    parts: list[str | tuple[str, str]] = []
    for check in consistency_checks(plan_data):
        if check.ok:
            parts.append((f"✓ {check.title}\n", "$success"))
            continue
        parts.append((f"⚠ {check.title}\n", "bold $warning"))
        parts += [f"   {clean_text(problem)}\n" for problem in check.problems]
    return Content.assemble(*parts)


def progress_content(progress: StrategyProgress) -> Content:
    """One cell per step (filled when complete), then the count and the next step."""
    cells: list[str | tuple[str, str]] = [(_("Strategy "), "bold")]
    for status in progress.steps:
        complete = status.state is StepState.COMPLETE
        cells.append(("■", "$success") if complete else ("□", "$text-muted"))
    return Content.assemble(*cells, f" {progress.describe()}")


def gap_content(state: StepState, gap: str | None) -> Content:
    if state is StepState.COMPLETE:
        return Content.styled(_("Complete. m reopens it."), "$success")
    if gap is None:
        return Content.styled(_("Ready: m marks it complete."), "$text-muted")
    prefix = _("Reopened: ") if state is StepState.REOPENED else _("Before marking it complete: ")
    return Content.styled(prefix + clean_text(gap), "$warning")


def bullets(lines: tuple[str, ...]) -> list[Text]:
    return [Text("\n• ").append_text(plain(line)) for line in lines]
