"""Phase 5, Measure: goal progress against target and deadline, results and ROI per
channel, the KPI trends, every result (typed in or imported), and the loop back to
Strategy: closing the iteration with a review."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from socialplan.core import kpi
from socialplan.core.cycle import phase_named
from socialplan.core.i18n import N_, _
from socialplan.core.kpi import Totals, is_custom, kpi_label
from socialplan.core.model import KpiValue, Result
from socialplan.core.plan_data import PlanData
from socialplan.core.report import sparkline
from socialplan.core.review import IterationClosing
from socialplan.core.schedule import local_time
from socialplan.core.summaries import GoalProgress, GoalStatus, channel_totals, goal_progress
from socialplan.core.trends import kpi_trends, monday_of
from socialplan.core.validation import MAX_TITLE
from socialplan.tui.messages import ImportResults, SaveEntities
from socialplan.tui.text import day, goal_status, number, one_line, plain
from socialplan.tui.widgets.tables import Col, PlanTable

from .lists import LIST_BINDINGS, ListScreen, ListSpec

CHANNEL_COLUMNS = (
    (N_("Channel"), 10, None),
    *((N_("Reach"), None, 3), (N_("Impr."), None, 1), (N_("Eng."), None, 2)),
    *((N_("ER %"), None, 5), (N_("CTR %"), None, 4), (N_("Conv."), None, 6)),
    *((N_("Cost"), None, 7), (N_("Value"), None, 8), (N_("ROI %"), None, None)),
)
"""(title, cut to, dropped when) per column: ROI stays whatever the width."""
RESULT_COLUMNS = (
    *((N_("From"), None, None), (N_("To"), None, 3), (N_("Channel"), 8, None)),
    *((N_("Post"), 12, None), (N_("Reach"), None, 5), (N_("Eng."), None, 4)),
    *((N_("Clicks"), None, 2), (N_("Conv."), None, 6), (N_("Cost"), None, 7)),
    *((N_("Value"), None, 8), (N_("Source"), None, 1)),
)


def columns(spec: tuple[tuple[str, int | None, int | None], ...]) -> list[str | Col]:
    return [Col(_(title), shrink_to=cut, drop=drop) for title, cut, drop in spec]


RATES = {"engagement rate (impressions)", "click-through rate", "social ROI"}


class MeasureScreen(ListScreen):
    PHASE = phase_named("measure")
    BINDINGS = [
        *LIST_BINDINGS,
        Binding("i", "import_results", N_("Import results…")),
        Binding("C", "close_iteration", N_("Close iteration…")),
        Binding("h", "past_iterations", N_("Iteration reviews")),
    ]
    LISTS = {
        "kpi-values": ListSpec(KpiValue, N_("custom KPI value")),
        "results": ListSpec(Result, N_("result")),
    }

    def compose_main(self) -> ComposeResult:
        with VerticalScroll(classes="phase-scroll"):
            yield Static(id="measure-summary", classes="summary-line", markup=False)
            yield Label(_("Objectives"), classes="section-title", markup=False)
            yield PlanTable(
                [
                    Col(_("Objective"), shrink_to=16),
                    _("Status"),
                    Col(_("Progress"), drop=4),
                    Col(_("Now"), drop=3),
                    Col(_("Target"), drop=5),
                    Col("KPI", shrink_to=12, drop=1),
                    Col(_("Deadline"), drop=2),
                    Col(_("Source"), shrink_to=16, drop=0),
                ],
                empty=_("No objectives yet (Strategy, step 4)"),
                id="goal-progress",
            )
            yield Label(
                _("Custom KPIs, typed in per period"), classes="section-title", markup=False
            )
            yield PlanTable(
                [
                    Col(_("Objective"), shrink_to=14),
                    Col("KPI", shrink_to=10),
                    _("From"),
                    Col(_("To"), drop=1),
                    _("Value"),
                ],
                empty=_("No custom KPI values yet: a adds one"),
                id="kpi-values",
            )
            yield Label(_("Results and ROI per channel"), classes="section-title", markup=False)
            yield PlanTable(
                columns(CHANNEL_COLUMNS),
                empty=_("No results yet"),
                id="channel-results",
            )
            yield Label(id="trends-title", classes="section-title", markup=False)
            yield PlanTable(
                [
                    Col("KPI", shrink_to=14),
                    _("Weekly"),
                    _("Last full week"),
                    _("This week so far"),
                    Col(_("Per iteration"), shrink_to=12, drop=1),
                ],
                empty=_("No KPIs"),
                id="trends",
            )
            yield Label(_("Results"), classes="section-title", markup=False)
            yield PlanTable(
                columns(RESULT_COLUMNS),
                empty=_("No results yet: a adds one"),
                id="results",
            )

    def show_plan(self, plan_data: PlanData) -> None:
        today = local_time(self.now(), plan_data.plan.timezone).date()
        progress = goal_progress(plan_data, today)
        overall = channel_totals(plan_data)[-1][1]
        reached = sum(1 for p in progress if p.status in (GoalStatus.MET, GoalStatus.ON_TRACK))
        self.query_one("#measure-summary", Static).update(
            _(
                "ROI {number} over all results · {reached} of {count} objectives met or on track"
            ).format(
                number=number(kpi.social_roi(overall), "%", digits=0),
                reached=reached,
                count=len(progress),
            )
        )
        self.query_one("#goal-progress", PlanTable).show_rows(
            (
                str(p.goal.id),
                [
                    one_line(p.goal.title, MAX_TITLE),
                    goal_status(p.status),
                    number(p.percent_of_target, "%", digits=0),
                    _now(p),
                    f"{number(p.goal.target, digits=0)} {p.goal.unit}".strip(),
                    plain(kpi_label(p.goal.kpi)),
                    day(p.goal.deadline),
                    plain(p.source.describe()) if p.source else Text("–"),
                ],
            )
            for p in progress
        )
        self.query_one("#channel-results", PlanTable).show_rows(
            (name, totals_cells(name, t)) for name, t in channel_totals(plan_data)
        )
        self._show_trends(plan_data, today)
        self._show_kpi_values(plan_data)
        self._show_results(plan_data)

    def _show_trends(self, plan_data: PlanData, today: date) -> None:
        last_monday = monday_of(today) - timedelta(weeks=1)
        self.query_one("#trends-title", Label).update(
            _("Trends: last 12 weeks, and per iteration (last full week: {start} to {end})").format(
                start=day(last_monday), end=day(last_monday + timedelta(days=6))
            )
        )
        rows = []
        for trend in kpi_trends(plan_data, today):
            digits = 1 if trend.kpi in RATES else 0
            per_iteration = " → ".join(
                f"{i.number}: {number(value, digits=digits)}" for i, value in trend.iterations
            )
            cells = [
                kpi_label(trend.kpi),
                sparkline(trend.weeks),
                number(trend.last_full_week, digits=digits),
                number(trend.this_week_so_far, digits=digits),
                per_iteration,
            ]
            rows.append((trend.kpi, cells))
        self.query_one("#trends", PlanTable).show_rows(rows)

    def focus_start(self) -> None:
        self.query_one("#goal-progress", PlanTable).focus()

    def _show_kpi_values(self, plan_data: PlanData) -> None:
        goals = {g.id: g for g in plan_data.goals}
        newest = sorted(plan_data.kpi_values, key=lambda v: (v.period_start, v.id), reverse=True)
        self.query_one("#kpi-values", PlanTable).show_rows(
            (
                str(v.id),
                [
                    one_line(goals[v.goal].title if v.goal in goals else "?", MAX_TITLE),
                    plain(goals[v.goal].kpi if v.goal in goals else ""),
                    day(v.period_start),
                    day(v.period_end),
                    number(v.figure, digits=None),
                ],
            )
            for v in newest
        )

    def action_add_entry(self) -> None:
        adding_kpi_value = self.focused is self.query_one("#kpi-values", PlanTable)
        if adding_kpi_value and not any(is_custom(g.kpi) for g in self.plan_data.goals):
            self.notify(
                _(
                    "No objective has a custom KPI yet: in an objective's form (Strategy, "
                    "step 4) choose 'New custom KPI…'."
                ),
                severity="warning",
            )
            return
        super().action_add_entry()

    def _show_results(self, plan_data: PlanData) -> None:
        titles = {i.id: i.title for i in plan_data.items}
        newest = sorted(plan_data.results, key=lambda r: (r.period_start, r.id), reverse=True)
        self.query_one("#results", PlanTable).show_rows(
            (
                str(r.id),
                [
                    day(r.period_start),
                    day(r.period_end),
                    plain(plan_data.channel_name(r.channel)),
                    one_line(titles.get(r.item or 0, _("(channel total)")), MAX_TITLE),
                    number(r.reach, digits=0),
                    number(r.engagements, digits=0),
                    number(r.clicks, digits=0),
                    number(r.conversions, digits=0),
                    number(r.cost, digits=0),
                    number(r.value, digits=0),
                    plain(r.source or _("typed")),
                ],
            )
            for r in newest
        )

    def action_import_results(self) -> None:
        from .import_results import ImportFileForm

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.post_message(ImportResults(path))

        self.app.push_screen(ImportFileForm(), chosen)

    def action_close_iteration(self) -> None:
        from .review import ReviewScreen

        current = self.plan_data.current_iteration()
        if current is None or current.closed:
            self.notify(_("There is no open iteration to close."), severity="warning")
            return
        self.app.push_screen(
            ReviewScreen(self.plan_data, current, closing_on=self.today()), self._iteration_closed
        )

    def _iteration_closed(self, closing: IterationClosing | None) -> None:
        if closing is None:
            return
        label = _("close iteration {number}").format(number=closing.closed.number)
        self.post_message(SaveEntities(closing.entities, label))
        following = closing.following
        self.notify(
            _(
                "Iteration {number} '{name}' starts {day}; strategy, set-up and slots "
                "carry over. Decisions wait on the Strategy screen."
            ).format(number=following.number, name=following.name, day=day(following.start))
        )

    def action_past_iterations(self) -> None:
        from .review import ReviewScreen

        if not self.plan_data.iterations:
            self.notify(_("No iterations yet."), severity="warning")
            return
        closed = [i for i in self.plan_data.iterations if i.closed]
        shown = max(closed or self.plan_data.iterations, key=lambda i: i.number)
        self.app.push_screen(ReviewScreen(self.plan_data, shown))


def totals_cells(name: str, t: Totals) -> list[Text | str]:
    return [
        plain(name),
        number(t.reach, digits=0),
        number(t.impressions, digits=0),
        number(t.engagements, digits=0),
        number(kpi.engagement_rate_by_impressions(t)),
        number(kpi.click_through_rate(t), digits=2),
        number(t.conversions, digits=0),
        number(t.cost, digits=0),
        number(t.value, digits=0),
        number(kpi.social_roi(t), digits=0),
    ]


def _now(progress: GoalProgress) -> Text:
    """The figure, with a warning mark when an import since brought it no new data."""
    figure = number(progress.current)
    if progress.source is not None and progress.source.stale:
        return Text.assemble(("⚠ ", "bold dark_orange"), figure)
    return Text(figure)
