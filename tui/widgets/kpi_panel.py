"""The live ratio/KPI panel docked on every phase screen.

It is given ``PanelFigures`` (computed in ``core.figures``) and changes only what differs
from the last figures: each block is re-rendered only when its text or style changed.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from socialplan.core.figures import Pace, PanelFigures
from socialplan.tui.text import plain

WARN_STYLE = "bold dark_orange"
CHANNEL_WIDTH = 12
PACE_MARK = {Pace.UNDER: "▼ under", Pace.ON_PLAN: "✓", Pace.OVER: "▲ over"}
"""Shown beside each channel's posts this week against its planned frequency."""


class KpiPanel(VerticalScroll, can_focus=False):
    """Ratio of the upcoming window, calls to action, this week per channel, warnings."""

    figures: reactive[PanelFigures | None] = reactive(None)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shown: dict[str, Text] = {}

    def compose(self) -> ComposeResult:
        yield Static("Upcoming window", id="kpi-window", classes="kpi-heading")
        yield Static("Content : promotion", classes="kpi-label")
        yield Static(id="kpi-ratio", classes="kpi-value")
        yield Static("Calls to action", classes="kpi-label")
        yield Static(id="kpi-cta", classes="kpi-value")
        yield Static("This week per channel", id="kpi-week", classes="kpi-heading")
        yield Static(id="kpi-channels")
        yield Static(id="kpi-warnings")

    def on_mount(self) -> None:
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
        lines = Text()
        for week in figures.channel_weeks:
            style = "" if week.pace is Pace.ON_PLAN else WARN_STYLE
            name = plain(week.channel)
            name.truncate(CHANNEL_WIDTH, overflow="ellipsis", pad=True)
            lines.append_text(name)
            lines.append(f" {week.scheduled:>2}/{week.planned:<2} {PACE_MARK[week.pace]}\n", style)
        lines.rstrip()
        self._set_content("#kpi-channels", lines or Text("No channels chosen yet"))

    def _show_warnings(self, figures: PanelFigures) -> None:
        warnings = figures.warnings()
        text = "\n".join(f"⚠ {w}" for w in warnings) if warnings else "✓ Everything on target"
        self._set_line("#kpi-warnings", text, bool(warnings))

    def _set_line(self, selector: str, text: str, off: bool) -> None:
        self._set_content(selector, Text(text))
        self.query_one(selector, Static).set_class(off, "-off-target")

    def _set_content(self, selector: str, content: Text) -> None:
        """Re-render a line only when what it shows has changed."""
        if self._shown.get(selector) != content:
            self.query_one(selector, Static).update(content)
            self._shown[selector] = content
