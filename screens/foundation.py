"""Phase 1, Foundation: the internal organisation that carries the whole plan."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from socialplan.core.cycle import phase_named
from socialplan.core.i18n import N_, _
from socialplan.core.model import ChangeAction, PlanData, Stakeholder, TeamMember
from socialplan.core.summaries import support_summary
from socialplan.tui.text import day, plain, tick
from socialplan.tui.widgets.prose import ProseView
from socialplan.tui.widgets.tables import PlanTable

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
            yield Static(id="support-summary", classes="summary-line", markup=False)
            yield Label(_("Stakeholders and support"), classes="section-title", markup=False)
            yield PlanTable(
                [
                    _("Name"),
                    _("Role"),
                    _("Department"),
                    _("Support"),
                    _("Influence"),
                    _("Next action"),
                ],
                empty=_("No stakeholders yet"),
                id="stakeholders",
            )
            yield Label(_("Change management"), classes="section-title", markup=False)
            yield PlanTable(
                [_("Done"), _("Action"), _("Owner"), _("Due")],
                empty=_("No change actions yet"),
                id="change-actions",
            )
            yield Label(_("Project team"), classes="section-title", markup=False)
            yield PlanTable([_("Name"), _("Role")], empty=_("No team members yet"), id="team")
            yield Label(_("Culture"), classes="section-title", markup=False)
            yield ProseView(id="culture", classes="prose")

    def show_plan(self, plan_data: PlanData) -> None:
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
