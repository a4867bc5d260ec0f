"""Phase 3, Set up: accounts, presence, following, conversations, partners, sources."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from socialplan.core.cycle import phase_named
from socialplan.core.model import PlanData
from socialplan.core.summaries import setup_progress
from socialplan.tui.text import day, plain, tick
from socialplan.tui.widgets.tables import PlanTable

from .base import PhaseScreen

BAR_WIDTH = 10


class SetupScreen(PhaseScreen):
    PHASE = phase_named("setup")

    def compose_main(self) -> ComposeResult:
        with VerticalScroll(classes="phase-scroll"):
            yield Label("Progress per channel", classes="section-title")
            yield Static(id="setup-progress", classes="prose")
            yield Label("Set-up tasks", classes="section-title")
            yield PlanTable(
                ["Done", "Channel", "Task", "Owner", "Due"],
                empty="No set-up tasks yet",
                id="setup-tasks",
            )

    def show_plan(self, data: PlanData) -> None:
        lines = Text()
        for progress in setup_progress(data):
            filled = round(BAR_WIDTH * progress.percent / 100)
            style = "" if progress.complete else "bold dark_orange"
            lines.append(f"{'█' * filled}{'░' * (BAR_WIDTH - filled)} ", style=style)
            lines.append_text(plain(progress.channel))
            lines.append(f"  {progress.done}/{progress.total}\n")
        lines.rstrip()
        self.query_one("#setup-progress", Static).update(lines or Text("No channels yet"))
        tasks = sorted(data.setup_tasks, key=lambda t: (t.done, t.channel, t.id))
        self.query_one("#setup-tasks", PlanTable).show_rows(
            (
                str(t.id),
                [
                    tick(t.done),
                    plain(data.channel_name(t.channel)),
                    plain(t.title),
                    plain(t.owner),
                    day(t.due),
                ],
            )
            for t in tasks
        )
