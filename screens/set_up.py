"""Phase 3, Set up: per chosen channel the method's checklist (account, personal presence,
following, conversations, relationships, partners, content sources), the team's to edit."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from socialplan.core.channel_setup import missing_checklist, overall_setup, setup_progress
from socialplan.core.cycle import phase_named
from socialplan.core.entries import ACCOUNT
from socialplan.core.i18n import N_, _
from socialplan.core.model import Channel, SetupArea, SetupTask
from socialplan.core.plan_data import PlanData
from socialplan.tui.messages import SaveEntities, SaveEntity
from socialplan.tui.text import day, one_line, plain, tick
from socialplan.tui.widgets.tables import Col, PlanTable

from .lists import LIST_BINDINGS, ListScreen, ListSpec

BAR_WIDTH = 10
AREA_ORDER = {area: position for position, area in enumerate(SetupArea)}


class SetupScreen(ListScreen):
    PHASE = phase_named("setup")
    BINDINGS = [
        *LIST_BINDINGS,
        Binding("space", "toggle_done", N_("Done / not done")),
        Binding("g", "add_checklist", N_("Add the method's checklist")),
    ]
    LISTS = {
        "setup-tasks": ListSpec(SetupTask, N_("set-up task")),
        "setup-channels": ListSpec(
            Channel,
            N_("account"),
            ACCOUNT,
            english_elsewhere=N_("Channels are chosen on the Strategy screen (2), step 6."),
            english_title=N_("Account on {name}"),
        ),
    }

    def compose_main(self) -> ComposeResult:
        with VerticalScroll(classes="phase-scroll"):
            yield Static(id="setup-summary", classes="summary-line", markup=False)
            yield Label(_("Checklist"), classes="section-title", markup=False)
            yield PlanTable(
                [
                    _("Done"),
                    Col(_("Channel"), shrink_to=9),
                    Col(_("Task"), shrink_to=16),
                    Col(_("Area"), drop=3),
                    Col(_("Owner"), shrink_to=8, drop=2),
                    _("Due"),
                    Col(_("List"), shrink_to=10, drop=1),
                ],
                empty=_("No set-up tasks yet: g adds the method's checklist"),
                id="setup-tasks",
            )
            yield Label(_("Channels and accounts"), classes="section-title", markup=False)
            yield PlanTable(
                [
                    Col(_("Channel"), shrink_to=9),
                    _("Set-up"),
                    Col(_("Account"), shrink_to=12),
                    Col("URL", shrink_to=12, drop=2),
                    Col(_("Not in the checklist yet"), shrink_to=12, drop=1),
                ],
                empty=_("No channels chosen yet (Strategy, step 6)"),
                id="setup-channels",
            )

    def show_plan(self, plan_data: PlanData) -> None:
        progress = setup_progress(plan_data)
        overall = overall_setup(progress)
        complete = sum(1 for p in progress if p.complete)
        self.query_one("#setup-summary", Static).update(
            _(
                "Set-up: {done} of {total} tasks done · {complete} of {count} channels complete"
            ).format(done=overall.done, total=overall.total, complete=complete, count=len(progress))
        )
        order = {c.id: position for position, c in enumerate(plan_data.channels)}
        tasks = sorted(
            plan_data.setup_tasks,
            key=lambda t: (order.get(t.channel, len(order)), AREA_ORDER[t.area], t.id),
        )
        self.query_one("#setup-tasks", PlanTable).show_rows(
            (
                str(t.id),
                [
                    tick(t.done),
                    plain(plan_data.channel_name(t.channel)),
                    plain(t.title),
                    t.area.label,
                    plain(t.owner),
                    day(t.due),
                    one_line(", ".join(t.entries), 40),
                ],
            )
            for t in tasks
        )
        self.query_one("#setup-channels", PlanTable).show_rows(
            (
                str(channel.id),
                [
                    plain(channel.name),
                    progress_bar(each.percent, each.describe(), each.complete),
                    plain(channel.handle or "-"),
                    plain(channel.url or "-"),
                    plain(", ".join(t.area.label for t in missing_checklist(plan_data, channel))),
                ],
            )
            for channel, each in zip(plan_data.channels, progress, strict=True)
        )

    def action_toggle_done(self) -> None:
        table = self.query_one("#setup-tasks", PlanTable)
        if self.focused is not table:
            self.notify(_("Move to the checklist first (tab)."), severity="warning")
            return
        selected = self._selected_entry(table)
        if selected is not None:
            task = selected[0]
            self.post_message(SaveEntity(replace(task, done=not task.done)))

    def action_add_checklist(self) -> None:
        """The method's tasks each channel lacks: for the selected channel when the
        channel list has the focus, else for every channel."""
        channels = self.plan_data.channels
        table = self.query_one("#setup-channels", PlanTable)
        if self.focused is table and (key := table.selected_key()) is not None:
            channels = tuple(c for c in channels if c.id == int(key))
        tasks = [task for c in channels for task in missing_checklist(self.plan_data, c)]
        if not tasks:
            self.notify(_("Every channel has the method's whole checklist already."))
            return
        self.post_message(
            SaveEntities(tuple(tasks), _("add {count} checklist tasks").format(count=len(tasks)))
        )


def progress_bar(percent: float, label: str, complete: bool) -> Text:
    filled = round(BAR_WIDTH * percent / 100)
    bar = Text(f"{'█' * filled}{'░' * (BAR_WIDTH - filled)} {label}")
    if not complete:
        bar.stylize_before("bold dark_orange")
    return bar
