"""Phase 2, Strategy: the social marketing plan, step by step."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Label, Static

from socialplan.core.checks import consistency_checks
from socialplan.core.cycle import phase_named
from socialplan.core.model import (
    Channel,
    Goal,
    OnlineBehaviour,
    Persona,
    Pillar,
    PlanData,
    SocialActivity,
    Stage,
)
from socialplan.core.validation import clean_text
from socialplan.tui.messages import ExportPlan
from socialplan.tui.text import day, number, one_line, plain, tick
from socialplan.tui.widgets.tables import PlanTable

from .lists import LIST_BINDINGS, ListScreen, ListSpec


class StrategyScreen(ListScreen):
    PHASE = phase_named("strategy")
    BINDINGS = [*LIST_BINDINGS, Binding("x", "export_plan", "Export plan (Markdown)")]
    LISTS = {
        "personas": ListSpec(Persona, "persona"),
        "goals": ListSpec(Goal, "objective"),
        "behaviour": ListSpec(OnlineBehaviour, "online behaviour row"),
        "channels": ListSpec(Channel, "channel"),
        "stages": ListSpec(Stage, "journey stage"),
        "pillars": ListSpec(Pillar, "content pillar"),
        "activities": ListSpec(SocialActivity, "social activity"),
    }

    def action_export_plan(self) -> None:
        self.post_message(ExportPlan())

    def compose_main(self) -> ComposeResult:
        with VerticalScroll(classes="phase-scroll"):
            yield Label("Consistency checks", classes="section-title")
            yield Static(id="checks", classes="prose")
            yield Label("Business and marketing strategy", classes="section-title")
            yield Static(id="strategy-inputs", classes="prose")
            yield Label("Problem statement and points of attention", classes="section-title")
            yield Static(id="problem", classes="prose")
            yield Label("Target groups and personas", classes="section-title")
            yield PlanTable(
                ["Persona", "Role", "Goals", "Pain points", "Formats"],
                empty="No personas yet",
                id="personas",
            )
            yield Label("SMART objectives", classes="section-title")
            yield PlanTable(
                ["Objective", "KPI", "Target", "Deadline", "Channels"],
                empty="No objectives yet",
                id="goals",
            )
            yield Label("Online behaviour", classes="section-title")
            yield PlanTable(
                ["Persona", "Channel", "Present", "Activity", "When"],
                empty="No online behaviour recorded",
                id="behaviour",
            )
            yield Label("Channels and media plan", classes="section-title")
            yield PlanTable(
                ["Channel", "Posts/week", "Role", "Why"],
                empty="No channels chosen",
                id="channels",
            )
            yield Label("Journey stages and content pillars", classes="section-title")
            yield PlanTable(["Stage", "Pillars", "About"], empty="No stages", id="stages")
            yield PlanTable(
                ["Content pillar", "Journey stages", "About"],
                empty="No content pillars yet",
                id="pillars",
            )
            yield Label("Integration with the marketing approach", classes="section-title")
            yield PlanTable(
                ["Social activity", "Connects to", "Channels"],
                empty="No social activities recorded",
                id="activities",
            )

    def show_plan(self, data: PlanData) -> None:
        self.query_one("#checks", Static).update(checks_content(data))
        plan = data.plan
        self.query_one("#strategy-inputs", Static).update(
            Text.assemble(
                ("Business: ", "bold"),
                plain(plan.business_strategy or "-"),
                "\n",
                ("Marketing: ", "bold"),
                plain(plan.marketing_strategy or "-"),
            )
        )
        points = [Text("\n• ").append_text(plain(p)) for p in plan.points_of_attention]
        self.query_one("#problem", Static).update(
            Text.assemble(plain(plan.problem_statement or "No problem statement yet."), *points)
        )
        self._show_tables(data)

    def _show_tables(self, data: PlanData) -> None:
        personas = {p.id: p.name for p in data.personas}
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
            for p in data.personas
        )
        self.query_one("#goals", PlanTable).show_rows(
            (
                str(g.id),
                [
                    plain(g.title),
                    plain(g.kpi),
                    f"{number(g.target, digits=0)} {g.unit}".strip(),
                    day(g.deadline),
                    plain(", ".join(data.channel_name(c) for c in g.channels)),
                ],
            )
            for g in data.goals
        )
        self.query_one("#behaviour", PlanTable).show_rows(
            (
                str(b.id),
                [
                    plain(personas.get(b.persona, "?")),
                    plain(data.channel_name(b.channel)),
                    tick(b.present),
                    b.activity.value,
                    plain(b.when),
                ],
            )
            for b in data.behaviour
        )
        self.query_one("#channels", PlanTable).show_rows(
            (str(c.id), [plain(c.name), str(c.planned_per_week), plain(c.role), plain(c.reason)])
            for c in data.channels
        )
        self.query_one("#stages", PlanTable).show_rows(
            (
                str(s.id),
                [
                    plain(s.name),
                    plain(", ".join(p.name for p in data.pillars if s.id in p.stages) or "-"),
                    one_line(s.description, 60),
                ],
            )
            for s in data.ordered_stages()
        )
        self.query_one("#pillars", PlanTable).show_rows(
            (
                str(p.id),
                [
                    plain(p.name),
                    plain(", ".join(data.stage_name(s) for s in p.stages) or "-"),
                    one_line(p.description, 60),
                ],
            )
            for p in data.pillars
        )
        self.query_one("#activities", PlanTable).show_rows(
            (
                str(a.id),
                [
                    plain(a.name),
                    plain(", ".join(a.connects_to))
                    if any(t.strip() for t in a.connects_to)
                    else Text("island: connects to nothing", style="bold"),
                    plain(", ".join(data.channel_name(c) for c in a.channels)),
                ],
            )
            for a in data.activities
        )


def checks_content(data: PlanData) -> Content:
    """Each check with ✓, or ⚠ and every place that fails it."""
    parts: list[str | tuple[str, str]] = []
    for check in consistency_checks(data):
        if check.ok:
            parts.append((f"✓ {check.title}\n", "$success"))
            continue
        parts.append((f"⚠ {check.title}\n", "bold $warning"))
        parts += [f"   {clean_text(problem)}\n" for problem in check.problems]
    return Content.assemble(*parts)
