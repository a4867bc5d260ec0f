"""The live ratio/KPI panel docked on every phase screen.

It is given ``PanelFigures`` (computed in ``core.figures``) and changes only what differs
from the last figures: a line is re-rendered only when its text changed, and the
per-channel table updates single cells.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import DataTable, Static

from socialplan.core.figures import Pace, PanelFigures
from socialplan.tui.text import plain

WARN_STYLE = "bold dark_orange"
PACE_MARK = {Pace.UNDER: "▼ under", Pace.ON_PLAN: "✓", Pace.OVER: "▲ over"}
"""Shown beside each channel's posts this week against its planned frequency."""


class KpiPanel(VerticalScroll, can_focus=False):
    """Ratio of the upcoming window, calls to action, this week per channel, warnings."""

    figures: reactive[PanelFigures | None] = reactive(None)
    failing_checks: reactive[int] = reactive(0)

    def compose(self) -> ComposeResult:
        yield Static("Upcoming window", id="kpi-window", classes="kpi-heading")
        yield Static("Content : promotion", classes="kpi-label")
        yield Static(id="kpi-ratio", classes="kpi-value")
        yield Static("Calls to action", classes="kpi-label")
        yield Static(id="kpi-cta", classes="kpi-value")
        yield Static("This week per channel", id="kpi-week", classes="kpi-heading")
        table: DataTable[Text | str] = DataTable(
            id="kpi-channels", cursor_type="none", show_cursor=False, zebra_stripes=False
        )
        table.can_focus = False
        yield table
        yield Static(id="kpi-warnings")

    def on_mount(self) -> None:
        table = self.query_one("#kpi-channels", DataTable)
        table.add_column("Channel", key="channel")
        table.add_column("Week", key="week")
        table.add_column("", key="pace")
        if self.figures is not None:
            self.watch_figures(self.figures)

    def watch_figures(self, figures: PanelFigures | None) -> None:
        if figures is None or not self.is_mounted:
            return
        with self.app.batch_update():
            self._show_window(figures)
            self._show_ratio(figures)
            self._show_cta(figures)
            self._show_channels(figures)
            self._show_warnings(figures)

    def _show_window(self, figures: PanelFigures) -> None:
        days = (figures.window_end - figures.window_start).days
        self._set_line("#kpi-window", f"Upcoming {days} days", off=False)

    def _show_ratio(self, figures: PanelFigures) -> None:
        ratio = figures.ratio
        target = f"target {ratio.target_content}:{ratio.target_promotion}"
        mark = "✓" if ratio.on_target else "⚠"
        self._set_line("#kpi-ratio", f"{ratio.describe()}  {target} {mark}", not ratio.on_target)

    def _show_cta(self, figures: PanelFigures) -> None:
        percent = figures.cta_percent
        share = "–" if percent is None else f"{percent:.0f}%"
        mark = "✓" if figures.cta_on_target else "⚠"
        counts = f"{figures.cta_items} of {figures.window_items} ({share})"
        text = f"{counts}  min {figures.min_cta_percent}% {mark}"
        self._set_line("#kpi-cta", text, not figures.cta_on_target)

    def _show_channels(self, figures: PanelFigures) -> None:
        table = self.query_one("#kpi-channels", DataTable)
        wanted = [week.channel for week in figures.channel_weeks]
        if [str(key.value) for key in table.rows] != wanted:
            table.clear()
            for week in figures.channel_weeks:
                table.add_row(plain(week.channel), "", "", key=week.channel)
        for week in figures.channel_weeks:
            style = "" if week.pace is Pace.ON_PLAN else WARN_STYLE
            posts = Text(f"{week.scheduled}/{week.planned}", style=style)
            self._set_cell(table, week.channel, "week", posts)
            self._set_cell(table, week.channel, "pace", Text(PACE_MARK[week.pace], style=style))

    def _show_warnings(self, figures: PanelFigures) -> None:
        warnings = figures.warnings()
        if self.failing_checks:
            warnings.append(f"{self.failing_checks} plan consistency checks fail.")
        text = "\n".join(f"⚠ {w}" for w in warnings) if warnings else "✓ Everything on target"
        self._set_line("#kpi-warnings", text, bool(warnings))

    def _set_line(self, selector: str, text: str, off: bool) -> None:
        line = self.query_one(selector, Static)
        if getattr(line, "_shown", None) != text:
            line.update(Text(text))
            line._shown = text  # type: ignore[attr-defined]
        line.set_class(off, "-off-target")

    @staticmethod
    def _set_cell(table: DataTable, row: str, column: str, value: Text | str) -> None:
        if table.get_cell(row, column) != value:
            table.update_cell(row, column, value)
