"""Phase 1, Foundation: the internal organisation that carries the whole plan."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from socialplan.core.cycle import is_blank, phase_named
from socialplan.core.i18n import N_, _
from socialplan.core.model import ChangeAction, Stakeholder, TeamMember
from socialplan.core.plan_data import PlanData
from socialplan.core.summaries import support_summary
from socialplan.tui.text import day, plain, tick
from socialplan.tui.widgets.prose import ProseView
from socialplan.tui.widgets.tables import Col, PlanTable

from .lists import LIST_BINDINGS, ListScreen, ListSpec, ProseSpec


class FoundationScreen(ListScreen):
    PHASE = phase_named("foundation")
    BINDINGS = [*LIST_BINDINGS]
    LISTS = {
        "stakeholders": ListSpec(Stakeholder, N_("stakeholder")),
        "change-actions": ListSpec(ChangeAction, N_("change action")),
        "team": ListSpec(TeamMember, N_("team member")),
    }
    PROSE = {"culture": ProseSpec("culture", N_("culture notes"))}

    def compose_main(self) -> ComposeResult:
        with VerticalScroll(classes="phase-scroll"):
            yield Static(id="next-step", classes="summary-line", markup=False)
            yield Static(id="support-summary", classes="summary-line", markup=False)
            yield Label(_("Stakeholders and support"), classes="section-title", markup=False)
            yield PlanTable(
                [
                    Col(_("Name"), shrink_to=12),
                    Col(_("Role"), shrink_to=10, drop=3),
                    Col(_("Department"), shrink_to=8, drop=2),
                    _("Support"),
                    _("Influence"),
                    Col(_("Next action"), shrink_to=12, drop=1),
                ],
                empty=_("Start here: a adds someone whose support the plan needs"),
                id="stakeholders",
            )
            yield Label(_("Change management"), classes="section-title", markup=False)
            yield PlanTable(
                [_("Done"), Col(_("Action"), shrink_to=16), Col(_("Owner"), drop=1), _("Due")],
                empty=_("a adds a change action: what it takes to win that support"),
                id="change-actions",
            )
            yield Label(_("Project team"), classes="section-title", markup=False)
            yield PlanTable(
                [_("Name"), _("Role")],
                empty=_("a adds a team member: who makes the posts and answers"),
                id="team",
            )
            yield Label(_("Culture"), classes="section-title", markup=False)
            yield ProseView(id="culture", classes="prose")

    def show_plan(self, plan_data: PlanData) -> None:
        pointer = next_step(plan_data)
        line = self.query_one("#next-step", Static)
        line.display = pointer is not None
        line.update(Text(pointer or ""))
        summary = support_summary(plan_data, self.now().date())
        self.query_one("#support-summary", Static).update(Text(summary.describe()))
        self.query_one("#stakeholders", PlanTable).show_rows(
            (
                str(s.id),
                [
                    plain(s.name),
                    plain(s.role),
                    plain(s.department),
                    s.support.label,
                    s.influence.label,
                    plain(s.next_action),
                ],
            )
            for s in plan_data.stakeholders
        )
        self.query_one("#change-actions", PlanTable).show_rows(
            (str(a.id), [tick(a.done), plain(a.title), plain(a.owner), day(a.due)])
            for a in plan_data.change_actions
        )
        self.query_one("#team", PlanTable).show_rows(
            (str(m.id), [plain(m.name), plain(m.role)]) for m in plan_data.team
        )
        culture = plan_data.plan.culture_notes or _("No notes on culture yet: e writes them.")
        self.query_one("#culture", Static).update(plain(culture))


def next_step(plan_data: PlanData) -> str | None:
    """What to fill in here, then where to go; None once the foundation is in place (the
    line then gives its room at 80x24 back to the lists)."""
    strategy = phase_named("strategy")
    then = _("then {key} {title}: channels, audience and goals").format(
        key=strategy.key, title=strategy.title
    )
    if is_blank(plan_data):
        return _("A new plan: start with the people behind it, {then}.").format(then=then)
    missing = [
        name
        for name, entries in (
            (_("stakeholders"), plan_data.stakeholders),
            (_("change actions"), plan_data.change_actions),
            (_("project team"), plan_data.team),
        )
        if not entries
    ]
    if missing:
        return _("Still to fill in here: {missing}; {then}.").format(
            missing=", ".join(missing), then=then
        )
    return None
