"""Phase 5, Measure: results per channel, KPIs, ROI and goal progress."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Label

from socialplan.core import kpi
from socialplan.core.cycle import phase_named
from socialplan.core.model import PlanData
from socialplan.core.summaries import channel_totals, goal_progress
from socialplan.tui.text import day, number, plain
from socialplan.tui.widgets.tables import PlanTable

from .base import PhaseScreen


class MeasureScreen(PhaseScreen):
    PHASE = phase_named("measure")

    def compose_main(self) -> ComposeResult:
        with VerticalScroll(classes="phase-scroll"):
            yield Label("Results per channel", classes="section-title")
            yield PlanTable(
                [
                    "Channel",
                    "Reach",
                    "Impr.",
                    "Eng.",
                    "ER %",
                    "CTR %",
                    "Conv.",
                    "Cost €",
                    "Value €",
                    "ROI %",
                ],
                empty="No results yet",
                id="channel-results",
            )
            yield Label("Objectives", classes="section-title")
            yield PlanTable(
                ["Objective", "KPI", "Now", "Target", "Progress", "Deadline"],
                empty="No objectives yet",
                id="goal-progress",
            )

    def show_plan(self, data: PlanData) -> None:
        self.query_one("#channel-results", PlanTable).show_rows(
            (
                name,
                [
                    plain(name),
                    f"{t.reach:,}",
                    f"{t.impressions:,}",
                    f"{t.engagements:,}",
                    number(kpi.engagement_rate_by_reach(t)),
                    number(kpi.click_through_rate(t), digits=2),
                    f"{t.conversions:,}",
                    number(t.cost, digits=0),
                    number(t.value, digits=0),
                    number(kpi.social_roi(t), digits=0),
                ],
            )
            for name, t in channel_totals(data)
        )
        self.query_one("#goal-progress", PlanTable).show_rows(
            (
                str(p.goal.id),
                [
                    plain(p.goal.title),
                    plain(p.goal.kpi),
                    number(p.current),
                    f"{number(p.goal.target, digits=0)} {p.goal.unit}".strip(),
                    number(p.percent_of_target, "%", digits=0),
                    day(p.goal.deadline),
                ],
            )
            for p in goal_progress(data)
        )
