"""What every phase screen shares: header, the phase's own body, the KPI panel, footer.

A phase screen never loads or saves: it watches the App's ``plan_data`` and ``figures``
(attributes down) and posts ``SaveEntity`` / ``DeleteEntity`` (messages up).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, ClassVar, cast

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header

from socialplan.compat import ComposesOnlyShownFrames, screen_focus_reactive
from socialplan.core.cycle import Phase
from socialplan.core.figures import PanelFigures
from socialplan.core.i18n import _
from socialplan.core.plan_data import PlanData
from socialplan.core.schedule import local_time
from socialplan.tui.widgets.footer import KeyFooter
from socialplan.tui.widgets.kpi_panel import PANEL_WIDTH, KpiPanel, PanelStrip
from socialplan.tui.widgets.phase_bar import PhaseBar
from socialplan.tui.widgets.translated import TranslatedBindings

if TYPE_CHECKING:
    from socialplan.tui.app import SocialPlanApp


class PhaseScreen(ComposesOnlyShownFrames, TranslatedBindings, Screen[None]):
    PHASE: ClassVar[Phase]
    MAIN_WIDTH: ClassVar[int] = 80
    """Columns the phase's own widgets need beside the panel; in a narrower terminal the
    panel folds into a one-line strip (``main_width`` when it depends on the plan)."""

    figures: var[PanelFigures | None] = var(None)
    """The panel's figures, bound to the panel and the strip: a plain ``var``, as a
    ``reactive`` on a screen repaints every cell of it (10 KB at 80x24) on each edit."""
    focused = screen_focus_reactive()
    panel_unfolded: var[bool] = var(False)
    """p in a narrow terminal: the full panel instead of the strip, until p again."""

    def __init__(self) -> None:
        super().__init__(id=f"phase-{self.PHASE.name}")
        self._held_frame: Timer | None = None
        """A frame the App held back, rendered once updates flow (see ``compat``)."""

    @property
    def plan_data(self) -> PlanData:
        """The plan as the App shows it (never None: the App opens one before any screen)."""
        return self.plan_app.plan_data

    @property
    def plan_app(self) -> SocialPlanApp:
        return cast("SocialPlanApp", self.app)

    def now(self) -> datetime:
        return self.plan_app.now()

    def today(self) -> date:
        """Today where the plan's time zone is."""
        return local_time(self.now(), self.plan_data.plan.timezone).date()

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield PhaseBar(self.PHASE.name, id="phase-bar")
        with Horizontal(id="phase-body"):
            with Vertical(id="phase-main"):
                yield from self.compose_main()
            yield KpiPanel(id="kpi-panel").data_bind(PhaseScreen.figures)
        yield PanelStrip(id="kpi-strip").data_bind(PhaseScreen.figures)
        yield KeyFooter()

    def compose_main(self) -> ComposeResult:
        """The phase's own widgets."""
        yield from ()

    def on_mount(self) -> None:
        self.watch(self.app, "plan_data", self._plan_changed, init=True)
        self.watch(self.app, "figures", self._figures_changed, init=True)
        self.watch(self.app, "show_panel", self._place_panel, init=True)
        self.watch(self.app, "sub_title", self._show_title_line, init=False)

    def show_plan(self, plan_data: PlanData) -> None:
        """Show the plan's data for this phase; called on mount and after every change."""

    def _plan_changed(self, plan_data: PlanData) -> None:
        self.title = plan_data.plan.name
        self._show_title_line()
        self.show_plan(plan_data)

    def _show_title_line(self, _waiting: str = "") -> None:
        """The iteration, and what the App's title line says (edits still waiting for
        the disk): a screen's own sub-title hides the App's."""
        iteration = self.plan_data.current_iteration()
        named = f": {iteration.name}" if iteration else ""
        line = _("Iteration {current_iteration}{named}").format(
            current_iteration=self.plan_data.plan.current_iteration, named=named
        )
        waiting = self.app.sub_title
        self.sub_title = f"{line}  {waiting}" if waiting else line

    def _figures_changed(self, figures: PanelFigures | None) -> None:
        self.figures = figures

    def main_width(self) -> int:
        return self.MAIN_WIDTH

    def panel_folds(self) -> bool:
        """Whether the terminal is too narrow for the phase and the full panel side by side
        (the App's width: known before the screen's first layout, which then places the
        panel once)."""
        return self.app.size.width < self.main_width() + PANEL_WIDTH

    def on_resize(self, _event: events.Resize) -> None:
        self._place_panel()

    def watch_panel_unfolded(self) -> None:
        self._place_panel()

    def _place_panel(self, _shown: bool | None = None) -> None:
        """The full panel, the strip or neither, by the user's choice and the width."""
        shown = self.plan_app.show_panel
        folded = shown and self.panel_folds() and not self.panel_unfolded
        self.query_one(KpiPanel).display = shown and not folded
        self.query_one(PanelStrip).display = folded
